"""``rolegraph serve``: the graph over HTTP (SPARQL endpoint, JSON API, IRIs, web page)."""

from __future__ import annotations

import contextlib
import json
import os
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rolegraph.cli import EXIT_OK, Session, session_options
from rolegraph.errors import InputError

if TYPE_CHECKING:
    from rolegraph.server import ServerSettings

TOKEN_ENV = "ROLEGRAPH_TOKEN"


def read_token(token_file: Path | None) -> str | None:
    """The update token: from ``token_file`` (first line), else from ROLEGRAPH_TOKEN."""
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise InputError(error.strerror or str(error), file=token_file) from error
        token = lines[0].strip() if lines else ""
        if not token:
            raise InputError("the token file is empty", file=token_file)
        return token
    return os.environ.get(TOKEN_ENV) or None


def _uvicorn_options(settings: ServerSettings) -> dict[str, Any]:
    http: Any = "h11"
    if find_spec("httptools"):
        from rolegraph.server.protocol import configure_protocol

        http = configure_protocol(settings)
    return {
        "http": http,
        "loop": "uvloop" if find_spec("uvloop") else "asyncio",
        "log_config": None,
        "access_log": False,
        "server_header": False,
        "timeout_keep_alive": 5,
    }


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-updates",
    is_flag=True,
    help="Accept SPARQL updates from clients that send the token (Authorization: Bearer).",
)
@click.option(
    "--token-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"File whose first line is the update token [else env {TOKEN_ENV}].",
)
@click.option(
    "--query-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before the client gets 503.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=100_000,
    show_default=True,
    help="The most rows (or triples) an answer may have.",
)
@click.option(
    "--max-request-bytes",
    type=click.IntRange(min=1024),
    default=2 * 1024 * 1024,
    show_default=True,
    help="The largest request body or query string accepted.",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Threads running SPARQL queries (another as many run the JSON API).",
)
@click.option(
    "--query-processes",
    type=click.IntRange(0, 64),
    default=8,
    show_default=True,
    help="Worker processes running SPARQL; a query past its time limit is stopped by ending "
    "its worker (0: run SPARQL in threads, where it cannot be stopped).",
)
@click.option(
    "--query-memory",
    type=click.IntRange(min=64),
    default=1024,
    show_default=True,
    metavar="MIB",
    help="Memory one SPARQL query may use, in MiB; a query needing more is stopped.",
)
@click.option(
    "--max-connections",
    type=click.IntRange(min=1),
    default=1024,
    show_default=True,
    help="Connections open at once; past it the longest idle one is closed (503 if all are busy).",
)
@click.option(
    "--header-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a connection may take to send a request's headers before it is closed.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=1,
    show_default=True,
    help="Server processes; each holds its own copy of an in-memory store.",
)
@click.option(
    "--cache-seconds",
    type=click.FloatRange(min=0),
    help="Reuse derived data (name indexes, answers) this long; default: until an update "
    "through this server, or 60 s for a remote store that others may write to.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries use SERVICE and updates LOAD (the server then fetches other URLs).",
)
@click.option(
    "--cors",
    is_flag=True,
    help="Let web pages of other origins call the server (no cookies; updates need the token).",
)
@click.option("--quiet", is_flag=True, help="No access log.")
@session_options
def serve(
    host: str,
    port: int,
    allow_updates: bool,
    token_file: Path | None,
    query_timeout: float,
    max_rows: int,
    max_request_bytes: int,
    threads: int,
    query_processes: int,
    query_memory: int,
    max_connections: int,
    header_timeout: float,
    workers: int,
    cache_seconds: float | None,
    allow_service: bool,
    cors: bool,
    quiet: bool,
) -> int:
    """Serve the graph over HTTP: SPARQL 1.1 endpoint at /sparql, JSON API under /api (see
    /api and /docs), rolegraph IRIs under /id/, the vocabulary at /ns, and the web page at /.

    Read-only and bound to 127.0.0.1 unless told otherwise; updates need --allow-updates and a
    token (--token-file or ROLEGRAPH_TOKEN).
    """
    try:
        import uvicorn

        from rolegraph.server import ServerSettings, create_app
        from rolegraph.server.logs import configure_logging
    except ModuleNotFoundError as error:
        raise InputError(
            f"rolegraph serve needs the Python package {error.name!r}, which is not installed: "
            "reinstall rolegraph (pip install rolegraph) to get it"
        ) from None

    ctx = click.get_current_context()
    session: Session = ctx.obj
    session.writes = allow_updates
    remote = bool(session.store_location and session.store_location.startswith("http"))
    if cache_seconds is None and remote:
        cache_seconds = 60.0
    token = read_token(token_file) if (allow_updates or token_file) else None
    settings = ServerSettings(
        host=host,
        port=port,
        allow_updates=allow_updates,
        token=token,
        query_timeout=query_timeout,
        max_rows=max_rows,
        max_request_bytes=max_request_bytes,
        query_workers=threads,
        api_workers=threads,
        query_processes=query_processes,
        query_memory_mb=query_memory,
        max_connections=max_connections,
        header_timeout=header_timeout,
        cache_seconds=cache_seconds,
        allow_service=allow_service,
        cors=cors,
    )
    configure_logging(access=not quiet)
    if not settings.loopback_only:
        click.echo(
            f"rolegraph: warning: listening on {host}, reachable from other machines", err=True
        )
    options = _uvicorn_options(settings)
    if workers > 1:
        if allow_updates and not remote:
            raise click.UsageError(
                "--allow-updates with --workers > 1 needs a remote store: each process would "
                "change its own copy"
            )
        from dataclasses import asdict

        from rolegraph.server.app import CONFIG_ENV

        os.environ[CONFIG_ENV] = json.dumps(
            {
                "store": session.store_location,
                "engine": session.engine,
                "data": [str(p) for p in session.data],
                "settings": asdict(settings),
                "access_log": not quiet,
            }
        )
        click.echo(f"rolegraph: serving on http://{host}:{port}/ ({workers} processes)", err=True)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to stop
            uvicorn.run(
                "rolegraph.server.app:app_from_environment",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                **options,
            )
        return EXIT_OK
    store = session.store
    app = create_app(store, settings=settings)
    click.echo(
        f"rolegraph: serving {store.engine} store on http://{host}:{port}/ "
        f"(updates {'on' if allow_updates else 'off'}; Ctrl-C stops)",
        err=True,
    )
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, **options))
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to stop
        server.run()
    return EXIT_OK


COMMANDS = [serve]
