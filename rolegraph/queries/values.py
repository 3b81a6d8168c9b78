"""Values for the parameters of a named query: ``NAME=VALUE`` text, as given on the command line
or in a URL, turned into RDF terms by the parameter's kind. A value never becomes query text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from rolegraph.errors import QueryError
from rolegraph.queries.catalog import NamedQuery, Parameter, check_required
from rolegraph.vocab import PREFIXES

_PREFIXED_NAME = re.compile(r"([A-Za-z][A-Za-z0-9_.-]*):([^\s<>\"{}|^`\\]*)")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")
_YEAR = re.compile(r"-?\d{4,}")


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
    check_required(query, bound)
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
