"""Commands over the data itself: validate, export, roles, show."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import click

from rolegraph.cli import EXIT_NONCONFORMING, EXIT_OK, Session, emit, format_option, session_options
from rolegraph.cli.render import bullet_list, heading, table, wrap
from rolegraph.description import Link, RoleDescription
from rolegraph.export import EXPORT_FORMATS
from rolegraph.files import write_atomically
from rolegraph.vocab import shorten


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--graph",
    "graph_name",
    metavar="NAME",
    help="Validate one named graph of the store only (e.g. esco-1.1.1: what an import changed).",
)
@click.option(
    "--validator",
    type=click.Choice(["shacl", "pyshacl"]),
    help="SHACL engine: shacl (fast, the default when installed) or pyshacl (the reference); "
    "both report the same results on the rolegraph shapes.",
)
@format_option("text", "json")
@session_options
def validate(
    files: tuple[Path, ...], graph_name: str | None, validator: str | None, output_format: str
) -> int:
    """Check data against the SHACL shapes.

    FILES are validated on their own, with the ontology loaded; without FILES, the built-in data
    (or the --store) is. Exit 0 when the data conforms, 1 when it does not, 2 on bad input.
    Warnings are reported but do not make the data non-conforming.
    """
    ctx = click.get_current_context()
    session: Session = ctx.obj
    if files:
        report = session.graph.validate_files(files, engine=validator)
    else:
        report = session.graph.validate(graph_name, engine=validator)
    emit(ctx, report.to_dict(), report.to_text())
    return EXIT_OK if report.conforms else EXIT_NONCONFORMING


@click.command()
@click.option(
    "--format",
    "export_format",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="turtle",
    show_default=True,
    help="Serialization (nq and trig keep the named graphs).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE (atomically: an old file is replaced only once the new one is whole).",
)
@click.option(
    "--graph", "graph_name", metavar="NAME", help="Export one named graph only (e.g. esco-1.1.1)."
)
@click.option("--no-ontology", is_flag=True, help="Leave the ontology out.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@session_options
def export(
    export_format: str,
    output: Path | None,
    graph_name: str | None,
    no_ontology: bool,
    quiet: bool,
) -> int:
    """Export the graph as Turtle, JSON-LD, N-Triples, RDF/XML, N-Quads or TriG.

    An on-disk or in-memory Oxigraph store is streamed graph by graph: memory stays flat
    however large the store. A progress bar shows on a terminal.
    """
    from tqdm import tqdm

    session: Session = click.get_current_context().obj
    graph = session.graph
    graphs = graph.export_graphs(not no_ontology, graph_name)
    count = 0
    with tqdm(
        unit="triples",
        unit_scale=True,
        desc=f"export {export_format}",
        disable=True if quiet else None,
        leave=False,
    ) as bar:
        if not bar.disable:
            bar.total = sum(session.store.count(name) for name in graphs)
            bar.refresh()

        def write(out: IO[bytes]) -> None:
            nonlocal count
            count = graph.export_to(
                out,
                export_format,
                include_ontology=not no_ontology,
                graph_name=graph_name,
                progress=bar.update,
            )

        if output is None:
            write(sys.stdout.buffer)
            sys.stdout.flush()
        else:
            write_atomically(output, write)
    if output is not None:
        click.echo(f"wrote {count:,} triples to {output}", err=True)
    return EXIT_OK


@click.command()
@format_option("text", "json")
@session_options
def roles(output_format: str) -> int:
    """List the roles in the graph."""
    ctx = click.get_current_context()
    session: Session = ctx.obj
    summaries = session.graph.roles()
    text = table(
        ["Role", "Skills", "O*NET-SOC", "IRI"],
        [(s.label, s.skills, s.codes.get("onet", ""), shorten(s.iri)) for s in summaries],
    )
    emit(ctx, [s.to_dict() for s in summaries], f"{text}\n\n{len(summaries)} roles")
    return EXIT_OK if summaries else EXIT_NONCONFORMING


def _names(items: Sequence[Link]) -> list[str]:
    return [item.label or item.iri for item in items]


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:,}"


def _role_text(value: RoleDescription) -> str:
    parts = [heading(value.label)]
    if value.alt_labels:
        parts.append(wrap("Also called: " + ", ".join(value.alt_labels)))
    parts.append(f"IRI: {value.iri}")
    if value.codes:
        parts.append(bullet_list([f"{k}: {v}" for k, v in sorted(value.codes.items())], ""))
    if value.definition:
        parts.append("\n" + wrap(value.definition))
    facts = []
    for items, title in (
        (value.focus, "Focus"),
        (value.scope, "Scope"),
        (value.communication, "Communication"),
    ):
        if items:
            facts.append(wrap(f"{title}: {', '.join(_names(items))}"))
    if value.level:
        facts.append(f"Level: {value.level}")
    if facts:
        parts.append("\n" + "\n".join(facts))
    if value.responsibilities:
        parts.append("\nResponsibilities\n" + bullet_list(_names(value.responsibilities)))
    if value.skills:
        rows: list[tuple[Any, ...]] = [
            (s.label, s.category or "", s.strength or "", s.importance or "") for s in value.skills
        ]
        parts.append("\nSkills\n" + table(["Skill", "Category", "Strength", "Importance"], rows))
        inferred = sorted({s.inferred_from for s in value.skills if s.inferred_from})
        evidence = sorted({s.evidence for s in value.skills if s.inferred_from and s.evidence})
        if inferred:
            note = f"O*NET does not rate this occupation: importance {' and '.join(inferred)}"
            parts.append(wrap(note + (f" ({'; '.join(evidence)})." if evidence else ".")))
    if value.qualifications:
        rows = [
            (
                q.label or q.iri,
                (q.kind or "").removesuffix("Qualification"),
                q.level or "",
            )
            for q in value.qualifications
        ]
        parts.append("\nQualifications\n" + table(["Qualification", "Kind", "Level"], rows))
    if value.technologies:
        names = [t.label + (" (hot)" if t.hot else "") for t in value.technologies]
        shown = names[:15] + ([f"and {len(names) - 15} more"] if len(names) > 15 else [])
        parts.append("\n" + wrap("Technologies: " + ", ".join(shown)))
    for items, title in (
        (value.tools, "Tools"),
        (value.industries, "Industries"),
        (value.works_with, "Works with"),
    ):
        if items:
            parts.append("\n" + wrap(f"{title}: " + ", ".join(_names(items))))
    if value.salary:
        rows = [
            (
                pay.region or "",
                _amount(pay.min if pay.min is not None else pay.percentile10),
                _amount(pay.median),
                _amount(pay.max if pay.max is not None else pay.percentile90),
                pay.currency or "",
                pay.period or "",
                "" if pay.year is None else pay.year,
                pay.source_label if pay.source_label is not None else pay.source or "",
            )
            for pay in value.salary
        ]
        parts.append(
            "\nSalary\n"
            + table(["Region", "Low", "Median", "High", "Cur.", "Period", "Year", "Source"], rows)
        )
    if value.progresses_to:
        moves = [
            f"{m.label or m.iri} ({m.kind})" if m.kind else m.label or m.iri
            for m in value.progresses_to
        ]
        parts.append("\nLeads to\n" + bullet_list(moves))
    if value.sources:
        parts.append("\n" + wrap("Sources: " + "; ".join(_names(value.sources))))
    return "\n".join(parts)


@click.command()
@click.argument("role")
@format_option("text", "json")
@session_options
def show(role: str, output_format: str) -> int:
    """Show everything known about ROLE (a label, alternative label, code or IRI)."""
    ctx = click.get_current_context()
    session: Session = ctx.obj
    description = session.graph.role(role)
    emit(ctx, description.to_dict(), _role_text(description))
    return EXIT_OK


COMMANDS = [validate, export, roles, show]
