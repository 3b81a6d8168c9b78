"""Serialize the graph: Turtle, JSON-LD (compact, with the published @context), N-Triples and
RDF/XML."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import Graph

from rolegraph.errors import FormatError
from rolegraph.resources import ontology_paths
from rolegraph.vocab import PREFIXES, bind_prefixes

#: The IRI the JSON-LD context is published at (also served by ``rolegraph serve``).
CONTEXT_IRI = "https://w3id.org/rolegraph/context.jsonld"

#: Media types by export format name.
MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
}


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """The rolegraph JSON-LD context: prefixes, plus the shipped term definitions."""
    context_file = ontology_paths()[0].parent / "context.jsonld"
    context: dict[str, Any] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    if context_file.is_file():
        context.update(json.loads(context_file.read_text(encoding="utf-8"))["@context"])
    return context


def _turtle(graph: Graph) -> bytes:
    return graph.serialize(format="longturtle", encoding="utf-8")


def _jsonld(graph: Graph) -> bytes:
    data = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return data.encode("utf-8")


def _ntriples(graph: Graph) -> bytes:
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def _xml(graph: Graph) -> bytes:
    return graph.serialize(format="pretty-xml", encoding="utf-8")


EXPORTERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": _turtle,
    "json-ld": _jsonld,
    "nt": _ntriples,
    "xml": _xml,
}


def serialize(graph: Graph, format: str) -> bytes:
    """Serialize ``graph`` in ``format`` (one of EXPORTERS).

    Raises:
        FormatError: unknown format name.
    """
    exporter = EXPORTERS.get(format)
    if exporter is None:
        raise FormatError(format, list(EXPORTERS))
    bind_prefixes(graph)
    return exporter(graph)
