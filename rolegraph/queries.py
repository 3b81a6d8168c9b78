"""The named SPARQL queries of ``queries/``: their headers, their parameters and running them.

Each ``.rq`` file starts with a header of ``# key: value`` comment lines, in the manner of ROBOT and
ODK report queries, so that people and programs read the same description::

    # title: Compare two roles
    # question: Which skills, responsibilities and qualifications do two roles share, and which
    #   belong to one of them only?
    # param: a  IRI  the first role
    # param: b  IRI  the second role
    # returns: a, b, kind, item, label, side ("shared" | "a" | "b")
    # kind: report
    # example: a=role:account-manager b=role:project-manager

A line starting with ``#`` and two or more spaces continues the value above it. ``title``,
``question``, ``returns`` and ``kind`` (``report``, ``violation`` or ``construct``) are required;
``param`` may repeat; ``note`` and ``example`` are optional. A ``param`` line gives the variable
name, its kind (``IRI``, ``string``, ``label``, ``number`` or ``year``; a trailing ``?`` makes it
optional) and a description. Queries named ``*-violation`` are data-quality checks: they return
rows only when something is wrong, and all project ``?entity ?property ?value ?problem``.

Parameters are SPARQL variables bound to RDF terms when the query runs (rdflib's initial
bindings, or a ``VALUES`` block of serialized terms that the store puts at the head of the
``WHERE`` group, and of each subquery projecting the parameter); a value never becomes query
text. Every parameter is projected by its ``SELECT``, so each row says what it was bound to,
and appears in a triple pattern of the outermost group, so that a binding placed first, last (a
trailing ``VALUES`` clause, as some clients send) or before evaluation gives the same rows. An
optional parameter left unbound ranges over every value.

String parameters: a ``label`` parameter binds an English-tagged literal (``"Project Manager"@en``),
because the names in the graph are tagged ``@en`` and a triple pattern matches a literal only with
its language tag; it matches exactly, case included. A ``string`` parameter binds a plain
``xsd:string`` literal, for values such as codes (``rg:onetSocCode``) that carry no language.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from rolegraph.errors import QueryError, UnknownNameError
from rolegraph.resources import internal_query_paths, query_paths
from rolegraph.results import QueryResult
from rolegraph.store import Store
from rolegraph.vocab import PREFIXES

#: The kinds of named query: reports answer a question, violations return rows only when the data
#: is wrong, constructs return RDF.
QUERY_KINDS = ("report", "violation", "construct")

#: The kinds of parameter, and what a value given for each may look like.
PARAMETER_KINDS: dict[str, str] = {
    "IRI": "a full IRI, a prefixed name such as role:project-manager, or a role or skill name",
    "string": "a plain string literal",
    "label": "an English name, matched exactly as a literal tagged @en",
    "number": "an integer or decimal number",
    "year": "a year such as 2024 (xsd:gYear)",
}

#: The columns every violation query projects, in this order.
VIOLATION_COLUMNS = ("entity", "property", "value", "problem")

_REQUIRED_KEYS = ("title", "question", "returns", "kind")
_SINGLE_KEYS = (*_REQUIRED_KEYS, "note", "example")
_KEY_LINE = re.compile(r"#\s?([a-z]+):(?:\s+(.*))?$")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)$")
_PARAM = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z]+)(\?)?\s+(\S.*)$")
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_PREFIXED_NAME = re.compile(r"([A-Za-z][A-Za-z0-9_.-]*):([^\s<>\"{}|^`\\]*)")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")
_YEAR = re.compile(r"-?\d{4,}")
_PREFIX_DECLARATION = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


@dataclass(frozen=True)
class Parameter:
    """A variable of a named query that the caller binds: its name, kind and meaning."""

    name: str
    kind: str
    description: str
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library, with the header that says what it answers."""

    name: str
    title: str
    question: str
    parameters: tuple[Parameter, ...]
    returns: str
    kind: str
    text: str
    path: Path
    note: str = ""
    example: tuple[tuple[str, str], ...] = ()

    @property
    def is_violation(self) -> bool:
        """Whether this is a data-quality check, which passes when it returns no rows."""
        return self.kind == "violation"

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name`` (with or without its leading ``?``).

        Raises:
            QueryError: the query has no such parameter.
        """
        wanted = name.lstrip("?$")
        for parameter in self.parameters:
            if parameter.name == wanted:
                return parameter
        raise QueryError(_unknown_parameter_message(self, wanted))


def parse_query(text: str, *, name: str, path: Path | None = None) -> NamedQuery:
    """Read the header of a query's text and check it against the query.

    Raises:
        QueryError: the header is missing or malformed, or disagrees with the query.
    """
    where = str(path) if path is not None else name
    fields: dict[str, str] = {}
    params: list[tuple[int, str]] = []
    current: list[str] | None = None
    entries: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip()
        key_line = _KEY_LINE.match(line)
        continuation = _CONTINUATION.match(line)
        if key_line:
            current = [key_line.group(2) or ""]
            entries.append((number, key_line.group(1), current))
        elif continuation and current is not None:
            current.append(continuation.group(1))
        else:
            break
    if not entries or entries[0][1] != "title":
        raise QueryError(f"{where}:1: a named query must start with a '# title: ...' header line")
    for number, key, parts in entries:
        value = " ".join(part.strip() for part in parts).strip()
        if key == "param":
            params.append((number, value))
        elif key not in _SINGLE_KEYS:
            known = ", ".join((*_SINGLE_KEYS, "param"))
            raise QueryError(f"{where}:{number}: unknown header key {key!r}; use one of {known}")
        elif key in fields:
            raise QueryError(f"{where}:{number}: the header gives {key!r} twice")
        elif not value:
            raise QueryError(f"{where}:{number}: the header key {key!r} has no value")
        else:
            fields[key] = value
    missing = [key for key in _REQUIRED_KEYS if key not in fields]
    if missing:
        raise QueryError(f"{where}: the header lacks {', '.join(missing)}")
    kind = fields["kind"].split()[0]
    if kind not in QUERY_KINDS:
        raise QueryError(f"{where}: kind {kind!r} is not one of {', '.join(QUERY_KINDS)}")
    if (kind == "violation") != name.endswith("-violation"):
        raise QueryError(f"{where}: violation queries, and only they, are named '*-violation'")

    parameters = tuple(_parse_parameter(where, number, value) for number, value in params)
    names = [p.name for p in parameters]
    if len(set(names)) != len(names):
        raise QueryError(f"{where}: a parameter is declared twice")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    _check_body(where, kind, body, parameters)
    query = NamedQuery(
        name=name,
        title=fields["title"],
        question=fields["question"],
        parameters=parameters,
        returns=fields["returns"],
        kind=kind,
        text=text,
        path=path if path is not None else Path(f"{name}.rq"),
        note=fields.get("note", ""),
    )
    if "example" in fields:
        example = _parse_example(where, query, fields["example"])
        query = replace(query, example=example)
    return query


def _parse_parameter(where: str, number: int, value: str) -> Parameter:
    match = _PARAM.match(value)
    if not match:
        raise QueryError(
            f"{where}:{number}: write a parameter as '# param: NAME  KIND  description'"
        )
    name, kind, optional, description = match.groups()
    canonical = {k.lower(): k for k in PARAMETER_KINDS}.get(kind.lower())
    if canonical is None:
        kinds = ", ".join(PARAMETER_KINDS)
        raise QueryError(f"{where}:{number}: parameter kind {kind!r} is not one of {kinds}")
    return Parameter(name, canonical, description.strip(), required=optional is None)


def _check_body(where: str, kind: str, body: str, parameters: tuple[Parameter, ...]) -> None:
    form = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.IGNORECASE)
    if form is None:
        raise QueryError(f"{where}: no SELECT, CONSTRUCT, ASK or DESCRIBE in the query")
    is_construct = form.group(1).upper() == "CONSTRUCT"
    if (kind == "construct") != is_construct:
        raise QueryError(f"{where}: construct queries, and only they, use CONSTRUCT")
    if kind == "violation" and any(p.required for p in parameters):
        raise QueryError(f"{where}: a violation query cannot have a required parameter")
    projection = ""
    if form.group(1).upper() == "SELECT":
        end = re.compile(r"\bWHERE\b|\{", re.IGNORECASE).search(body, form.end())
        projection = body[form.end() : end.start() if end else len(body)]
    for parameter in parameters:
        mention = re.compile(rf"[?$]{parameter.name}\b")
        if not mention.search(body):
            raise QueryError(f"{where}: parameter {parameter.name!r} does not occur in the query")
        if projection and projection.strip() != "*" and not mention.search(projection):
            raise QueryError(
                f"{where}: parameter {parameter.name!r} must be projected by the SELECT clause"
            )


def _parse_example(where: str, query: NamedQuery, text: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in shlex.split(text):
        name, sep, value = item.partition("=")
        if not sep:
            raise QueryError(f"{where}: write an example as 'NAME=VALUE ...', not {item!r}")
        pairs.append((query.parameter(name).name, value))
    return tuple(pairs)


def has_header(text: str) -> bool:
    """Whether a query's text starts with a named-query header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip()
    match = _KEY_LINE.match(first)
    return bool(match and match.group(1) == "title")


def load_query_file(path: str | Path) -> NamedQuery:
    """Read one named query from a ``.rq`` file with a header.

    Raises:
        QueryError: the file cannot be read, or its header is missing or malformed.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"{path}: cannot read the query: {error}") from error
    return parse_query(text, name=path.stem, path=path)


@lru_cache(maxsize=4)
def _load(files: tuple[tuple[Path, int], ...]) -> dict[str, NamedQuery]:
    queries = (load_query_file(path) for path, _ in files)
    return {query.name: query for query in sorted(queries, key=lambda q: q.name)}


def load_queries() -> dict[str, NamedQuery]:
    """Every named query of the library, by name (the file stem), in name order.

    Raises:
        QueryError: a query file has no proper header.
    """
    files = tuple((path, path.stat().st_mtime_ns) for path in query_paths())
    return dict(_load(files))


def load_internal_queries() -> dict[str, NamedQuery]:
    """The queries rolegraph runs for itself (``queries/internal/``), by name, with the same
    headers as the library's; they are not offered to users.

    Raises:
        QueryError: a query file has no proper header.
    """
    files = tuple((path, path.stat().st_mtime_ns) for path in internal_query_paths())
    return dict(_load(files))


def internal_query(name: str) -> str:
    """The text of the internal query ``name`` (``network-roles``, ``lookup-role-names`` ...).

    Raises:
        KeyError: no internal query has that name (a packaging error, not a user's).
    """
    return load_internal_queries()[name].text


def get_query(name: str) -> NamedQuery:
    """The named query called ``name`` (``.rq`` may be left on).

    Raises:
        UnknownNameError: no query has that name; carries the closest names.
    """
    queries = load_queries()
    key = name.strip().removesuffix(".rq")
    if key in queries:
        return queries[key]
    raise UnknownNameError("query", name, _closest(key, list(queries)))


def _closest(name: str, names: list[str]) -> list[str]:
    from rapidfuzz import fuzz, process

    matches = process.extract(name, names, scorer=fuzz.WRatio, limit=5, score_cutoff=60)
    return [match[0] for match in matches]


def bind_values(
    query: NamedQuery,
    values: Mapping[str, str],
    resolve_iri: Callable[[str], URIRef] | None = None,
    *,
    resolvers: Mapping[str, Callable[[str], URIRef]] | None = None,
) -> dict[str, Node]:
    """Turn ``NAME=VALUE`` strings (as given on the command line) into RDF terms by parameter kind.

    An ``IRI`` value is a full IRI (with or without angle brackets), a prefixed name with one of
    the rolegraph prefixes (``rg:``, ``role:``, ``skill:``, ...), or else a name that
    ``resolve_iri`` turns into an IRI (a role or skill name); ``resolvers`` may give a resolver
    per parameter name instead (a skill parameter resolves skill names, a role parameter role
    names). A ``label`` becomes an ``@en`` literal, a ``string`` a plain literal, a ``number`` an
    ``xsd:integer`` or ``xsd:decimal`` literal and a ``year`` an ``xsd:gYear`` literal.

    Raises:
        QueryError: an unknown variable, a missing required parameter, or a malformed value.
        UnknownNameError: ``resolve_iri`` found no role or skill of that name.
    """
    bound: dict[str, Node] = {}
    for raw_name, raw_value in values.items():
        parameter = query.parameter(raw_name)
        resolver = (resolvers or {}).get(parameter.name, resolve_iri)
        bound[parameter.name] = _to_term(query, parameter, raw_value, resolver)
    _check_required(query, bound)
    return bound


def _to_term(
    query: NamedQuery,
    parameter: Parameter,
    value: str,
    resolve_iri: Callable[[str], URIRef] | None,
) -> Node:
    text = value.strip()
    what = f"parameter {parameter.name!r} of query {query.name!r}"
    if parameter.kind == "IRI":
        return _to_iri(text, what, resolve_iri)
    if parameter.kind == "label":
        return Literal(value, lang="en")
    if parameter.kind == "string":
        return Literal(value)
    if parameter.kind == "number":
        if _INTEGER.fullmatch(text):
            return Literal(int(text))
        if _DECIMAL.fullmatch(text):
            try:
                return Literal(Decimal(text))
            except InvalidOperation:
                pass
        raise QueryError(f"{what} takes a number, not {value!r}")
    if parameter.kind == "year":
        if _YEAR.fullmatch(text):
            return Literal(text, datatype=XSD.gYear)
        raise QueryError(f"{what} takes a year such as 2024, not {value!r}")
    raise QueryError(f"{what} has an unknown kind {parameter.kind!r}")


def _to_iri(text: str, what: str, resolve_iri: Callable[[str], URIRef] | None) -> URIRef:
    if text.startswith("<") and text.endswith(">"):
        inner = text[1:-1]
        if _ABSOLUTE_IRI.fullmatch(inner):
            return URIRef(inner)
        raise QueryError(f"{what} takes an IRI; {text!r} is not one")
    prefixed = _PREFIXED_NAME.fullmatch(text)
    if prefixed and prefixed.group(1) in PREFIXES:
        return URIRef(str(PREFIXES[prefixed.group(1)]) + prefixed.group(2))
    if _ABSOLUTE_IRI.fullmatch(text):
        return URIRef(text)
    if resolve_iri is not None:
        return resolve_iri(text)
    prefixes = ", ".join(f"{p}:" for p in PREFIXES)
    raise QueryError(f"{what} takes an IRI or a prefixed name ({prefixes}); {text!r} is neither")


def term_from_text(value: str) -> Node:
    """An RDF term for a value bound to a query without a header, which declares no kinds:
    ``<...>``, an absolute IRI or a prefixed name with a rolegraph prefix gives an IRI, an integer
    or decimal a number, anything else a plain string literal."""
    text = value.strip()
    prefixed = _PREFIXED_NAME.fullmatch(text)
    if text.startswith("<") and text.endswith(">") and _ABSOLUTE_IRI.fullmatch(text[1:-1]):
        return URIRef(text[1:-1])
    if prefixed and prefixed.group(1) in PREFIXES:
        return URIRef(str(PREFIXES[prefixed.group(1)]) + prefixed.group(2))
    if re.fullmatch(r"(https?|urn|mailto|file):\S+", text) and _ABSOLUTE_IRI.fullmatch(text):
        return URIRef(text)
    if _INTEGER.fullmatch(text):
        return Literal(int(text))
    if _DECIMAL.fullmatch(text):
        return Literal(Decimal(text))
    return Literal(value)


def _check_required(query: NamedQuery, bound: Mapping[str, Node]) -> None:
    missing = [p.name for p in query.parameters if p.required and p.name not in bound]
    if missing:
        needs = ", ".join(f"{name} ({query.parameter(name).description})" for name in missing)
        raise QueryError(f"query {query.name!r} needs a value for {needs}")


def _unknown_parameter_message(query: NamedQuery, name: str) -> str:
    if not query.parameters:
        return f"query {query.name!r} takes no parameters, so {name!r} cannot be bound"
    valid = ", ".join(p.name for p in query.parameters)
    return f"query {query.name!r} has no parameter {name!r}; its parameters are: {valid}"


def with_prologue(text: str) -> tuple[str, int]:
    """``text`` with PREFIX declarations added for the rolegraph prefixes it uses but does not
    declare; also returns how many lines were added before the text (0 or 1)."""
    declared = {(m.group(1) or "") for m in _PREFIX_DECLARATION.finditer(text)}
    used = [
        prefix
        for prefix in PREFIXES
        if prefix not in declared and re.search(rf"(?<![\w<:/.#-]){re.escape(prefix)}:", text)
    ]
    if not used:
        return text, 0
    prologue = " ".join(f"PREFIX {prefix}: <{PREFIXES[prefix]}>" for prefix in used)
    return f"{prologue}\n{text}", 1


def _shift_positions(message: str, lines: int) -> str:
    """Renumber the line positions of a parser message after ``lines`` lines were prepended."""

    def back(match: re.Match[str]) -> str:
        return f"{match.group(1)}{max(int(match.group(2)) - lines, 1)}"

    message = re.sub(r"(\bat )(\d+)(?=:\d)", back, message)
    return re.sub(r"(\bline:\s?)(\d+)", back, message)


def run_query(
    store: Store, query: NamedQuery | str, bindings: Mapping[str, Node] | None = None
) -> QueryResult:
    """Run a named query (given as itself or by name) or the text of a SPARQL query on ``store``.

    A string without whitespace is a query name; any other string is SPARQL text, to which the
    rolegraph PREFIX declarations it uses are added. ``bindings`` bind variables to RDF terms;
    for a named query they must be its parameters, and every required one must be bound.

    Raises:
        UnknownNameError: no query has that name.
        QueryError: the query is malformed, or the bindings do not fit its parameters.
        StoreError: the store cannot answer.
    """
    terms = dict(bindings or {})
    if isinstance(query, str):
        if not _QUERY_NAME.fullmatch(query.strip().removesuffix(".rq")):
            return run_sparql(store, query, terms)
        query = get_query(query)
    checked = {query.parameter(name).name: term for name, term in terms.items()}
    _check_required(query, checked)
    return store.query(query.text, checked or None)


def run_sparql(store: Store, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
    """Run the text of a SPARQL query, adding the rolegraph PREFIX declarations it uses but
    does not declare; a parser's error keeps the line numbers of ``text``.

    Raises:
        QueryError: the query is malformed.
        StoreError: the store cannot answer.
    """
    full, added = with_prologue(text)
    try:
        return store.query(full, dict(bindings) if bindings else None)
    except QueryError as error:
        if not added:
            raise
        raise QueryError(_shift_positions(str(error), added)) from error


def run_checks(store: Store) -> dict[str, QueryResult]:
    """Run every ``*-violation`` query; the data passes the checks whose results have no rows."""
    return {
        name: run_query(store, query)
        for name, query in load_queries().items()
        if query.is_violation
    }


def prepare_answers(store: Store) -> list[str]:
    """Run every named query that takes no required parameter (the whole-graph checks and
    listings), so that a store which keeps slow answers has them ready before anyone asks:
    after an import, their first ask reads a kept answer. Returns the names of the queries run."""
    names = []
    for name, query in load_queries().items():
        if any(parameter.required for parameter in query.parameters):
            continue
        run_query(store, query)
        names.append(name)
    return names


__all__ = [
    "PARAMETER_KINDS",
    "QUERY_KINDS",
    "VIOLATION_COLUMNS",
    "NamedQuery",
    "Parameter",
    "bind_values",
    "get_query",
    "has_header",
    "load_queries",
    "load_query_file",
    "parse_query",
    "prepare_answers",
    "run_checks",
    "run_query",
    "run_sparql",
    "term_from_text",
    "with_prologue",
]
