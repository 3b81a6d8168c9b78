"""Commands over the data itself: validate, export, roles, show."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from rolegraph.cli import EXIT_NONCONFORMING, EXIT_OK, Session, emit, format_option, session_options
from rolegraph.cli.render import bullet_list, heading, table, wrap
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


def _names(items: list[dict[str, Any]]) -> list[str]:
    return [str(item.get("label", item.get("iri"))) for item in items]


def _role_text(data: dict[str, Any]) -> str:
    parts = [heading(data["label"])]
    if data.get("alt_labels"):
        parts.append(wrap("Also called: " + ", ".join(data["alt_labels"])))
    parts.append(f"IRI: {data['iri']}")
    if data.get("codes"):
        parts.append(bullet_list([f"{k}: {v}" for k, v in sorted(data["codes"].items())], ""))
    if data.get("definition"):
        parts.append("\n" + wrap(data["definition"]))
    facts = []
    for key, title in (("focus", "Focus"), ("scope", "Scope"), ("communication", "Communication")):
        if data.get(key):
            facts.append(wrap(f"{title}: {', '.join(_names(data[key]))}"))
    if data.get("level"):
        facts.append(f"Level: {data['level']}")
    if facts:
        parts.append("\n" + "\n".join(facts))
    if data.get("responsibilities"):
        parts.append("\nResponsibilities\n" + bullet_list(_names(data["responsibilities"])))
    if data.get("skills"):
        rows: list[tuple[Any, ...]] = [
            (
                s["label"],
                s.get("category") or "",
                s.get("strength") or "",
                s.get("importance") or "",
            )
            for s in data["skills"]
        ]
        parts.append("\nSkills\n" + table(["Skill", "Category", "Strength", "Importance"], rows))
        inferred = sorted({s["inferred_from"] for s in data["skills"] if s.get("inferred_from")})
        evidence = sorted({s["evidence"] for s in data["skills"] if s.get("evidence")})
        if inferred:
            note = f"O*NET does not rate this occupation: importance {' and '.join(inferred)}"
            parts.append(wrap(note + (f" ({'; '.join(evidence)})." if evidence else ".")))
    if data.get("qualifications"):
        rows = [
            (
                q.get("label", ""),
                q.get("kind", "").removesuffix("Qualification"),
                q.get("level", ""),
            )
            for q in data["qualifications"]
        ]
        parts.append("\nQualifications\n" + table(["Qualification", "Kind", "Level"], rows))
    if data.get("technologies"):
        names = [t["label"] + (" (hot)" if t.get("hot") else "") for t in data["technologies"]]
        shown = names[:15] + ([f"and {len(names) - 15} more"] if len(names) > 15 else [])
        parts.append("\n" + wrap("Technologies: " + ", ".join(shown)))
    for key, title in (
        ("tools", "Tools"),
        ("industries", "Industries"),
        ("works_with", "Works with"),
    ):
        if data.get(key):
            parts.append("\n" + wrap(f"{title}: " + ", ".join(_names(data[key]))))
    if data.get("salary"):
        rows = []
        for s in data["salary"]:
            low = s.get("min", s.get("percentile10", ""))
            high = s.get("max", s.get("percentile90", ""))
            rows.append(
                (
                    s.get("region", ""),
                    f"{low:,}" if isinstance(low, (int, float)) else low,
                    f"{s['median']:,}" if isinstance(s.get("median"), (int, float)) else "",
                    f"{high:,}" if isinstance(high, (int, float)) else high,
                    s.get("currency", ""),
                    s.get("period", ""),
                    s.get("year", ""),
                    s.get("source_label", s.get("source", "")),
                )
            )
        parts.append(
            "\nSalary\n"
            + table(["Region", "Low", "Median", "High", "Cur.", "Period", "Year", "Source"], rows)
        )
    if data.get("progresses_to"):
        moves = [
            f"{m['label']} ({m['kind']})" if m.get("kind") else m["label"]
            for m in data["progresses_to"]
        ]
        parts.append("\nLeads to\n" + bullet_list(moves))
    if data.get("sources"):
        parts.append("\n" + wrap("Sources: " + "; ".join(_names(data["sources"]))))
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
    emit(ctx, description.to_dict(), _role_text(description.to_dict()))
    return EXIT_OK


COMMANDS = [validate, export, roles, show]
