"""The ``rolegraph`` command: the only place (with the server) that prints and sets exit codes.

Exit codes: 0 ok; 1 the data does not conform, or nothing was found; 2 usage, input or store error.
``main(argv)`` returns the code instead of exiting, so tests call the command in-process.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click
from rdflib import URIRef

from rolegraph import __version__
from rolegraph.api import RoleGraph
from rolegraph.errors import RolegraphError
from rolegraph.lookup import NameIndex
from rolegraph.store import Store

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


@dataclass
class Session:
    """What one command works on: the role graph the shared options name, opened on first use."""

    data: tuple[Path, ...] = ()
    store_location: str | None = None
    engine: str = "oxigraph"
    debug: bool = False
    format: str = "text"
    #: Whether the command changes the store: only then is an on-disk store opened for writing
    #: (one writer at a time); readers open it read-only, beside a writer and each other.
    writes: bool = False
    _graph: RoleGraph | None = field(default=None, repr=False)

    @property
    def graph(self) -> RoleGraph:
        """The role graph: the named store (``--store`` / ROLEGRAPH_STORE), else the built-in data
        in memory, with the user's ``--data`` files in their own named graph."""
        if self._graph is None:
            self._graph = RoleGraph.open(
                self.store_location,
                data=self.data,
                engine=self.engine,
                read_only=not self.writes,
            )
        return self._graph

    @property
    def store(self) -> Store:
        return self.graph.store

    @property
    def uses_builtin_data(self) -> bool:
        return self.store_location in (None, "", "memory")

    def index(self, kind: str) -> NameIndex:
        return self.graph.index(kind)

    def resolve_role(self, name: str) -> URIRef:
        """The role ``name`` stands for (label, alternative label, code or IRI)."""
        return self.graph.resolve_role(name)

    def resolve_skill(self, name: str) -> URIRef:
        """The skill ``name`` stands for (label, alternative label or IRI)."""
        return self.graph.resolve_skill(name)

    def close(self) -> None:
        if self._graph is not None:
            self._graph.close()
            self._graph = None


def session_options(func: F) -> F:
    """Add the options every command shares: --data, --store, --engine, --debug."""

    @click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=False),
        help="Add your own Turtle, JSON-LD or N-Triples file (repeatable).",
    )
    @click.option(
        "--store",
        "store_location",
        envvar="ROLEGRAPH_STORE",
        metavar="PATH|URL",
        help="On-disk store directory or SPARQL endpoint URL [env ROLEGRAPH_STORE]. "
        "Default: the built-in data in memory.",
    )
    @click.option(
        "--engine",
        type=click.Choice(["oxigraph", "rdflib"]),
        envvar="ROLEGRAPH_ENGINE",
        default="oxigraph",
        show_default=True,
        help="In-memory engine [env ROLEGRAPH_ENGINE].",
    )
    @click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
    @click.pass_context  # type: ignore[arg-type]
    @functools.wraps(func)
    def wrapper(
        ctx: click.Context,
        *args: Any,
        data: tuple[Path, ...],
        store_location: str | None,
        engine: str,
        debug: bool,
        **kwargs: Any,
    ) -> Any:
        session = Session(data=data, store_location=store_location, engine=engine, debug=debug)
        session.format = kwargs.get("output_format") or "text"
        ctx.obj = session
        ctx.call_on_close(session.close)
        return ctx.invoke(func, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class FiniteFloatRange(click.FloatRange):
    """A float range that also refuses ``nan`` and ``inf``, which every range check passes."""

    name = "float range"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def format_option(*choices: str) -> Callable[[F], F]:
    """The --format option, with ``text`` (or the first choice) as default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def _json_ready(value: Any) -> bool:
    """Whether ``value`` is JSON-ready as it is (what an import or a check reports): printed
    without loading the renderer of analysis results, which imports NumPy and SciPy."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _json_ready(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return all(_json_ready(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool))


def emit(ctx: click.Context, data: Any, text: str) -> None:
    """Print ``data`` (a result, or JSON-ready data) as JSON when the command's --format is
    json, else print ``text``."""
    session: Session = ctx.obj
    if session.format == "json":
        if not _json_ready(data):  # results of analyses: rendered by their types
            from rolegraph.render import to_json

            data = to_json(data)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        from rolegraph.cli.render import printable

        click.echo(printable(text.rstrip("\n")))


#: The modules of the commands and the commands each holds. A module is imported when one of its
#: commands runs (some import scikit-learn, SciPy or FastAPI, which take seconds to load, and an
#: import or an export needs none of them); listing the commands imports them all.
_COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "query": ("query", "check"),
    "derived": ("evaluate", "derive-moves", "align-skills"),
    "analysis": ("compare", "fit", "similar", "skills"),
    "routes": ("route", "next"),
    "imports": ("import",),
    "download": ("download",),
    "serve": ("serve",),
}


class _LazyGroup(click.Group):
    """A group that imports the module of a command only when the command is asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            modules = [m for m, names in _COMMAND_MODULES.items() if cmd_name in names]
            for module_name in modules or list(_COMMAND_MODULES):  # unknown: look everywhere
                _register_module(self, module_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module_name in _COMMAND_MODULES:
            _register_module(self, module_name)
        return super().list_commands(ctx)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="rolegraph")
def main_group() -> None:
    """rolegraph: a knowledge graph of job roles.

    Understand what a role is, how two roles differ, and how to get from one role to another.
    Exit codes: 0 ok, 1 data does not conform or nothing found, 2 usage, input or store error.
    """


def _register_module(group: click.Group, module_name: str) -> None:
    """Add the commands of ``rolegraph.cli.<module_name>`` to ``group`` (once)."""
    try:
        module = __import__(f"rolegraph.cli.{module_name}", fromlist=["COMMANDS"])
    except ModuleNotFoundError as error:
        if error.name != f"rolegraph.cli.{module_name}":
            raise
        return
    for command in getattr(module, "COMMANDS", []):
        if command.name not in group.commands:
            group.add_command(command)


def _register() -> None:
    from rolegraph.cli import data as data_commands

    for command in data_commands.COMMANDS:
        main_group.add_command(command)


_register()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("ROLEGRAPH_DEBUG"))
    if not debug:
        # rdflib logs a traceback for every ill-typed literal ("x"^^xsd:integer) it meets; the
        # literal itself is kept as written, which is all a command needs.
        logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    try:
        result = main_group.main(args=args, prog_name="rolegraph", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except RolegraphError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"rolegraph: error: {error}", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except OSError as error:  # the output cannot be written (a full disk, /dev/full)
        if debug:
            traceback.print_exc()
        _silence_stdout()
        click.echo(f"rolegraph: error: cannot write: {error.strerror or error}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    return int(result) if isinstance(result, int) else EXIT_OK


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (captured in tests)
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
