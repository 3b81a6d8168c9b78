"""Binding query parameters into SPARQL text: a VALUES block at the head of the WHERE group (and of
the subqueries that project the parameter), for engines without their own substitution."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import BNode
from rdflib.term import Node

from rolegraph import sparqltext
from rolegraph.errors import QueryError
from rolegraph.terms import ntriples


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A SPARQL VALUES block binding each variable to one RDF term, written in N-Triples syntax so
    a value is always data, never query text."""
    names = list(bindings)
    terms = []
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid variable name {name!r}")
        term = bindings[name]
        if isinstance(term, BNode):
            raise QueryError("blank nodes cannot be bound as query parameters")
        terms.append(ntriples(term))
    variables = " ".join(f"?{name}" for name in names)
    return f"VALUES ({variables}) {{ ({' '.join(terms)}) }}"


def bind_in_text(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Bind variables by a VALUES block placed first in the query's WHERE group, and first in
    the group of every subquery that projects one of them.

    Used for engines without native parameter binding (remote servers, Oxigraph when a bound
    variable is not projected). The values are serialized RDF terms, so a hostile value is a
    literal that matches nothing, never query text. A subquery is evaluated on its own before
    it is joined, so a value bound only outside it narrows nothing inside: bound inside as well,
    the subquery reads the matches of the value instead of every match. Only subqueries whose
    rows the binding cannot change otherwise get it: none cut by LIMIT or OFFSET, none binding
    the variable itself (``AS ?var``), none inside a subquery that hides the variable.

    Raises:
        QueryError: the query has no WHERE group to bind parameters in.
    """
    if not bindings:
        return sparql
    tokens = list(sparqltext.tokens(sparql))
    opening = _where_group(tokens)
    if opening is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    inserts = [(tokens[opening][2], values_clause(bindings))]
    closing = _group_end(tokens, opening)
    inserts += _subquery_bindings(tokens, opening + 1, closing, bindings, set(bindings))
    for position, clause in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        sparql = f"{sparql[:position]} {clause} {sparql[position:]}"
    return sparql


def _where_group(tokens: Sequence[tuple[str, str, int]]) -> int | None:
    """The index of the token opening the query's WHERE group (not a CONSTRUCT template)."""
    depth = 0
    seen_where = False
    construct_template_pending = False
    for index, (kind, text, _) in enumerate(tokens):
        if kind == "word" and depth == 0:
            word = text.upper()
            if word == "WHERE":
                seen_where = True
            elif word == "CONSTRUCT":
                construct_template_pending = True
        elif kind == "open":
            if depth == 0:
                if construct_template_pending and not seen_where:
                    construct_template_pending = False
                    depth += 1
                    continue
                return index
            depth += 1
        elif kind == "close":
            depth -= 1
    return None


def _group_end(tokens: Sequence[tuple[str, str, int]], opening: int) -> int:
    """The index of the token closing the group opened at ``opening`` (the end when unclosed)."""
    depth = 0
    for index in range(opening, len(tokens)):
        kind = tokens[index][0]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens)


def _subquery_bindings(
    tokens: Sequence[tuple[str, str, int]],
    start: int,
    stop: int,
    bindings: Mapping[str, Node],
    names: set[str],
) -> list[tuple[int, str]]:
    """VALUES blocks for the subqueries between tokens ``start`` and ``stop`` that project
    bound variables, as (position, clause)."""
    inserts: list[tuple[int, str]] = []
    index = start
    while index < stop and names:
        kind, text, _ = tokens[index]
        if kind != "word" or text.upper() != "SELECT":
            index += 1
            continue
        projected: set[str] = set()
        parens = 0
        index += 1
        while index < stop and not (tokens[index][0] == "open" and parens == 0):
            kind, text, _ = tokens[index]
            if kind == "paren":
                parens += 1 if text == "(" else -1
            elif kind == "var" and parens == 0:
                projected.add(text[1:])
            index += 1
        if index >= stop:
            break
        closing = _group_end(tokens, index)
        inner = names & projected
        inner -= {
            tokens[at + 1][1][1:]
            for at in range(index, closing)
            if tokens[at][0] == "word" and tokens[at][1].upper() == "AS" and at + 1 < closing
        }
        if inner and _cuts_rows(tokens, closing, stop):
            inner = set()
        if inner:
            values = {name: term for name, term in bindings.items() if name in inner}
            inserts.append((tokens[index][2], values_clause(values)))
            inserts += _subquery_bindings(tokens, index + 1, closing, bindings, inner)
        index = closing + 1
    return inserts


def _cuts_rows(tokens: Sequence[tuple[str, str, int]], closing: int, stop: int) -> bool:
    """Whether the modifiers after a subquery's group (closing at ``closing``) may cut its rows:
    a LIMIT or OFFSET, or anything not understood (a brace before the end of the group)."""
    for index in range(closing + 1, stop + 1):
        kind, text, _ = tokens[index] if index < len(tokens) else ("close", "}", 0)
        if kind == "close":
            return False
        if kind == "open" or (kind == "word" and text.upper() in ("LIMIT", "OFFSET")):
            return True
    return False
