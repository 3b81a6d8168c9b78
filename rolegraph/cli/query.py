"""Commands over SPARQL: ``query`` runs a named query or the user's own, ``check`` runs every
data-quality check.

Exit codes of ``query``: 0 when the query ran and found something (or, for a ``*-violation``
check, found no problem); 1 when a check found problems, or a report, an ASK or a CONSTRUCT
found nothing; 2 for a malformed query (with the parser's message), an unknown query or
parameter, or a value that does not fit its parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from rolegraph.cli import (
    EXIT_NONCONFORMING,
    EXIT_NOT_FOUND,
    EXIT_OK,
    Session,
    emit,
    session_options,
)
from rolegraph.cli.render import printable, table, truncate, wrap
from rolegraph.errors import InputError, UnknownNameError
from rolegraph.export import serialize
from rolegraph.limits import check_sparql
from rolegraph.queries import (
    NamedQuery,
    Parameter,
    bind_values,
    get_query,
    has_header,
    internal_query,
    load_queries,
    parse_query,
    term_from_text,
)
from rolegraph.results import QueryResult
from rolegraph.sparqltext import inspect as inspect_sparql
from rolegraph.vocab import PREFIXES, shorten

RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml")
#: What each --format means for the graph a CONSTRUCT query returns.
GRAPH_FORMATS = {"table": "turtle", "json": "json-ld", "xml": "xml"}
#: The widest a table cell may be, so that one long text does not push the others out.
CELL_WIDTH = 60
#: How many rows of each failing check ``check`` shows as text.
CHECK_ROWS = 10


def read_query_file(path: Path) -> str:
    """The text of a query file (UTF-8, a byte order mark allowed)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text: {error.reason} at byte {error.start}", file=path
        ) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=path) from error


@click.command("query")
@click.argument("name", required=False)
@click.option(
    "--bind",
    "-b",
    "binds",
    multiple=True,
    metavar="VAR=VALUE",
    help="Bind a parameter (repeatable). An IRI parameter takes an IRI, a prefixed name "
    "(role:project-manager) or a name (Project Manager); a label parameter an English name.",
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--file",
    "query_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Run the SPARQL query in this file (a header, if any, declares its parameters).",
)
@click.option("--sparql", "sparql", metavar="QUERY", help="Run this SPARQL query text.")
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let your own query use SERVICE, which fetches from the servers it names.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(RESULT_FORMATS)),
    default="table",
    show_default=True,
    help="table for people; json (W3C SPARQL 1.1 Query Results JSON), csv, tsv or xml for "
    "programs. A CONSTRUCT query prints Turtle (table), JSON-LD (json) or RDF/XML (xml).",
)
@session_options
def query_command(
    name: str | None,
    binds: tuple[str, ...],
    list_only: bool,
    query_file: Path | None,
    sparql: str | None,
    allow_service: bool,
    output_format: str,
) -> int:
    """Run a named SPARQL query, or your own.

    \b
    rolegraph query --list
    rolegraph query compare-roles -b a="Account Manager" -b b="Project Manager"
    rolegraph query roles-by-certification --format json
    rolegraph query --sparql "SELECT ?role WHERE { ?role a rg:Role }"
    rolegraph query --file my-query.rq --bind role=role:project-manager

    Parameters are bound as RDF terms, never pasted into the query. The rolegraph prefixes
    (rg:, role:, skill:, skos:, ...) are declared for your own queries. Exit 0 when the query
    found something (for a *-violation check: found no problem), 1 when it found nothing (or
    the check found problems), 2 for a malformed query or a bad parameter.
    """
    ctx = click.get_current_context()
    session: Session = ctx.obj
    if sum(bool(given) for given in (name, list_only, query_file, sparql)) != 1:
        raise click.UsageError("give one of NAME, --list, --file or --sparql")
    if list_only:
        return _list(ctx)
    values = _parse_binds(binds)
    named: NamedQuery | None = None
    if name is not None:
        named = get_query(name)
    elif query_file is not None:
        text = read_query_file(query_file)
        check_sparql(text, file=query_file)
        if has_header(text):
            named = parse_query(text, name=query_file.stem, path=query_file)
        else:
            sparql = text
    own = named.text if named is not None and name is None else sparql
    if own is not None and not allow_service and inspect_sparql(own).reaches_out:
        raise InputError("the query uses SERVICE, which reaches other servers: --allow-service")
    if named is not None:
        if named.kind == "construct" and output_format not in GRAPH_FORMATS:
            raise click.BadParameter(
                f"{named.name} returns RDF; choose table (Turtle), json (JSON-LD) or xml",
                param_hint="--format",
            )
        bindings: dict[str, Node] = bind_values(named, values, resolvers=_resolvers(session, named))
        result = session.graph.query(named, bindings)
    else:
        assert sparql is not None
        if query_file is None:
            check_sparql(sparql)
        terms = {var.lstrip("?$"): term_from_text(value) for var, value in values.items()}
        result = session.graph.sparql(sparql, terms)
    _print_result(result, output_format, named, bindings if named is not None else terms)
    found = len(result) > 0 if result.type != "ASK" else bool(result.boolean)
    if named is not None and named.is_violation:
        return EXIT_NONCONFORMING if found else EXIT_OK
    return EXIT_OK if found else EXIT_NOT_FOUND


@click.command("check")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@session_options
def check_command(output_format: str) -> int:
    """Run every data-quality check (the *-violation queries) on the graph.

    Each check returns rows only when something is wrong. Exit 0 when every check passes, 1
    when one finds problems, 2 on a store error.
    """
    ctx = click.get_current_context()
    session: Session = ctx.obj
    queries = load_queries()
    results = session.graph.check()
    failing = {name: result for name, result in results.items() if len(result)}
    data = {
        "conforms": not failing,
        "checks": [
            {
                "name": name,
                "title": queries[name].title,
                "problems": len(result),
                "rows": [{key: _json_value(value) for key, value in row.items()} for row in result],
            }
            for name, result in results.items()
        ],
    }
    lines = [
        table(
            ["Check", "Problems"],
            [(name, len(result) or "none") for name, result in results.items()],
        )
    ]
    for name, result in failing.items():
        lines.append(f"\n{queries[name].title} ({name}):")
        shown = QueryResult("SELECT", variables=result.variables, rows=result.rows[:CHECK_ROWS])
        lines.append(_table(shown))
        if len(result.rows) > CHECK_ROWS:
            more = len(result.rows) - CHECK_ROWS
            lines.append(f"… and {more} more (--format json lists them all)")
    passed = len(results) - len(failing)
    lines.append(f"\n{passed} of {len(results)} checks pass")
    emit(ctx, data, "\n".join(lines))
    return EXIT_NONCONFORMING if failing else EXIT_OK


def _parse_binds(binds: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for bind in binds:
        var, sep, value = bind.partition("=")
        var = var.strip().lstrip("?$")
        if not sep or not var:
            raise click.BadParameter(f"write VAR=VALUE, not {bind!r}", param_hint="--bind")
        if var in values:
            raise click.BadParameter(f"{var} is bound twice", param_hint="--bind")
        values[var] = value
    return values


def _resolvers(session: Session, query: NamedQuery) -> dict[str, Callable[[str], URIRef]]:
    """How each IRI parameter turns a name into an IRI: skill names for a skill parameter,
    role names for a role parameter, English labels of anything for the others."""
    resolvers: dict[str, Callable[[str], URIRef]] = {}
    for parameter in query.parameters:
        if parameter.kind != "IRI":
            continue
        words = f"{parameter.name} {parameter.description}".lower()
        if "skill" in words:
            resolvers[parameter.name] = session.resolve_skill
        elif "role" in words:
            resolvers[parameter.name] = session.resolve_role
        else:
            resolvers[parameter.name] = _label_resolver(session, parameter)
    return resolvers


def _label_resolver(session: Session, parameter: Parameter) -> Callable[[str], URIRef]:
    def resolve(name: str) -> URIRef:
        result = session.store.query(
            internal_query("query-labelled-items"), {"label": Literal(name.strip(), lang="en")}
        )
        items = sorted({row[0] for row in result.rows if isinstance(row[0], URIRef)})
        if len(items) == 1:
            return items[0]
        kind = parameter.name if not items else f"{parameter.name} (ambiguous)"
        raise UnknownNameError(kind, name, [shorten(str(item)) for item in items[:5]])

    return resolve


def _list(ctx: click.Context) -> int:
    queries = load_queries()
    data = [
        {
            "name": q.name,
            "title": q.title,
            "question": q.question,
            "kind": q.kind,
            "parameters": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "required": p.required,
                    "description": p.description,
                }
                for p in q.parameters
            ],
            "returns": q.returns,
            "note": q.note or None,
            "example": dict(q.example) or None,
        }
        for q in queries.values()
    ]
    blocks = []
    for q in queries.values():
        lines = [f"{q.name}  [{q.kind}]", wrap(q.title, "  "), wrap(q.question, "  ")]
        for p in q.parameters:
            optional = "" if p.required else ", optional"
            lines.append(wrap(f"--bind {p.name}=…  ({p.kind}{optional}) {p.description}", "    "))
        if q.example:
            example = " ".join(f"-b {key}={_quote(value)}" for key, value in q.example)
            lines.append(f"    e.g. rolegraph query {q.name} {example}")
        blocks.append("\n".join(lines))
    emit(ctx, data, "\n\n".join(blocks) + f"\n\n{len(queries)} queries")
    return EXIT_OK


def _quote(value: str) -> str:
    return f'"{value}"' if any(c.isspace() for c in value) else value


def _print_result(
    result: QueryResult,
    output_format: str,
    query: NamedQuery | None,
    bindings: dict[str, Node],
) -> None:
    if result.type == "CONSTRUCT":
        assert result.graph is not None
        if output_format not in GRAPH_FORMATS:
            raise click.BadParameter(
                "a CONSTRUCT query returns RDF; choose table (Turtle), json (JSON-LD) or xml",
                param_hint="--format",
            )
        _write(serialize(result.graph, GRAPH_FORMATS[output_format]))
        return
    if output_format == "tsv" and result.type == "SELECT":
        _write(_tsv(result))
        return
    if output_format != "table":
        _write(result.serialize(output_format))
        return
    if result.type == "ASK":
        click.echo("yes" if result.boolean else "no")
        return
    count = len(result.rows)
    noun = "problem" if query is not None and query.is_violation else "row"
    summary = f"{count} {noun}{'' if count == 1 else 's'}"
    bound = [f"{name} = {_cell(value)}" for name, value in bindings.items()]
    lines = [wrap(", ".join(bound)), ""] if bound else []
    lines += [_table(result, hidden=set(bindings)), "", summary]
    click.echo(printable("\n".join(lines)))


def _table(result: QueryResult, hidden: set[str] | None = None) -> str:
    """The result as an aligned table for people. Left out so that it fits 80 columns: the IRI
    of a thing that has a label column beside it (``role`` with ``roleLabel``, ``item`` before
    ``label``), columns no row binds, and the ``hidden`` ones (bound parameters, shown above
    the table). The other formats keep every column."""
    names = result.variables
    keep = [i for i, name in enumerate(names) if name not in (hidden or set())]
    for i, name in enumerate(names):
        label = f"{name}Label" if f"{name}Label" in names else None
        if label is None and i + 1 < len(names) and names[i + 1] == "label":
            label = "label"
        if label is not None and _labelled(result, i, names.index(label)):
            keep = [k for k in keep if k != i]
    if result.rows:
        keep = [k for k in keep if any(row[k] is not None for row in result.rows)]
    if not keep:
        keep = list(range(len(names)))
    rows = [[_cell(row[i]) for i in keep] for row in result.rows]
    return table([names[i] for i in keep], rows)


def _labelled(result: QueryResult, column: int, label: int) -> bool:
    """Whether every IRI in ``column`` has a label in column ``label`` of its row."""
    return all(
        row[label] is not None for row in result.rows if isinstance(row[column], URIRef)
    ) and any(isinstance(row[column], URIRef) for row in result.rows)


def _cell(value: Node | None) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        text = _short(str(value))
    elif isinstance(value, BNode):
        text = f"_:{value}"
    else:
        text = str(value)
    return truncate(text, CELL_WIDTH)


def _short(iri: str) -> str:
    """An IRI as people read it: ``prefix:rest`` under the longest known namespace, even where
    the rest holds a slash (``onet:occupation/11-1011.00``), which a prefixed name cannot."""
    short = shorten(iri)
    if short != iri:
        return short
    namespaces = [(str(ns), prefix) for prefix, ns in PREFIXES.items() if iri.startswith(str(ns))]
    if not namespaces:
        return iri
    namespace, prefix = max(namespaces, key=lambda item: len(item[0]))
    return f"{prefix}:{iri[len(namespace) :]}"


def _json_value(value: Node) -> Any:
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal):
        return str(value)
    return f"_:{value}"


def _tsv(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results TSV: ``?var`` headers, terms in Turtle syntax, tabs between."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if value is None else _tsv_term(value) for value in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_term(value: Node) -> str:
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    assert isinstance(value, Literal)
    text = str(value)
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(raw, escaped)
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype is not None:
        return f'"{text}"^^<{value.datatype}>'
    return f'"{text}"'


def _write(data: bytes) -> None:
    text = data.decode("utf-8")
    click.echo(text, nl=not text.endswith("\n"))


COMMANDS = [query_command, check_command]
