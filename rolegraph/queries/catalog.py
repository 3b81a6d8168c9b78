"""The catalog of named queries: reading a query's header, checking it against the query, and
finding the queries of the library (``queries/``) and the internal ones (``queries/internal/``)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rdflib.term import Node

from rolegraph.errors import QueryError, UnknownNameError
from rolegraph.resources import internal_query_paths, query_paths

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


def load_internal_queries() -> dict[str, NamedQuery]:
    """The queries rolegraph runs for itself (``queries/internal/``), by name: they carry the
    same header as the named queries and are tested alike, but are not listed to users."""
    files = tuple((path, path.stat().st_mtime_ns) for path in internal_query_paths())
    return dict(_load(files))


def internal_query(name: str) -> str:
    """The text of the internal query ``name`` (``network-roles``, ``lookup-role-names`` ...).

    Raises:
        UnknownNameError: no internal query has that name.
    """
    queries = load_internal_queries()
    if name in queries:
        return queries[name].text
    raise UnknownNameError("internal query", name, _closest(name, list(queries)))


def _closest(name: str, names: list[str]) -> list[str]:
    from rapidfuzz import fuzz, process

    matches = process.extract(name, names, scorer=fuzz.WRatio, limit=5, score_cutoff=60)
    return [match[0] for match in matches]


def check_required(query: NamedQuery, bound: Mapping[str, Node]) -> None:
    """Raise QueryError naming each required parameter of ``query`` left out of ``bound``."""
    missing = [p.name for p in query.parameters if p.required and p.name not in bound]
    if missing:
        needs = ", ".join(f"{name} ({query.parameter(name).description})" for name in missing)
        raise QueryError(f"query {query.name!r} needs a value for {needs}")


def _unknown_parameter_message(query: NamedQuery, name: str) -> str:
    if not query.parameters:
        return f"query {query.name!r} takes no parameters, so {name!r} cannot be bound"
    valid = ", ".join(p.name for p in query.parameters)
    return f"query {query.name!r} has no parameter {name!r}; its parameters are: {valid}"
