"""Running queries on a store: a named query (by name or itself), or SPARQL text with the
rolegraph prefixes it uses added; the data-quality checks; answers prepared ahead of asking."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from rdflib.term import Node

from rolegraph.errors import QueryError
from rolegraph.queries.catalog import NamedQuery, check_required, get_query, load_queries
from rolegraph.results import QueryResult
from rolegraph.store import Store
from rolegraph.vocab import PREFIXES

_QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_PREFIX_DECLARATION = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


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
    check_required(query, checked)
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


#: The whole-graph checks and listings that take longest over the full taxonomies (0.2-0.9 s
#: each, nine tenths of the time of all), started first so that the short ones fill in at the
#: end instead of one thread running the last long one alone. Those that read the text of
#: hundreds of thousands of labels come after the joins: an import compacts the store
#: meanwhile, and until it is through each text read looks through every file the bulk loads
#: left (the label check took four times as long).
_LONGEST_FIRST = (
    "requirement-without-shortcut-violation",
    "dangling-reference-violation",
    "top-skills",
    "label-language-violation",
    "roles-by-tool",
    "roles",
    "skill-without-label-violation",
    "duplicate-preflabel-violation",
)


def prepare_answers(store: Store) -> list[str]:
    """Run every named query that takes no required parameter (the whole-graph checks and
    listings), so that a store which keeps slow answers has them ready before anyone asks:
    after an import, their first ask reads a kept answer. The engine answers queries without
    holding the GIL, so they run on as many threads as the machine has cores (two here halve
    the time). Returns the names of the queries run."""
    chosen = [
        query
        for query in load_queries().values()
        if not any(parameter.required for parameter in query.parameters)
    ]
    rank = {name: place for place, name in enumerate(_LONGEST_FIRST)}
    ordered = sorted(chosen, key=lambda query: rank.get(query.name, len(rank)))
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        for _ in pool.map(lambda query: run_query(store, query), ordered):
            pass
    return [query.name for query in chosen]
