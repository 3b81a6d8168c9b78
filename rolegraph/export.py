"""Serialize the graph: Turtle, JSON-LD (compact, with the published @context), N-Triples,
RDF/XML, and with its named graphs N-Quads and TriG.

:func:`serialize` turns an in-memory rdflib graph into bytes (query results, small graphs).
:func:`export` writes the graphs of a store: an Oxigraph store streams them through the engine's
own serializers (JSON-LD through a streaming writer that compacts with the rolegraph context), so
memory stays flat however large the store; other stores go through an rdflib copy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from rolegraph.errors import FormatError
from rolegraph.resources import ontology_paths
from rolegraph.store import OxigraphStore, Store
from rolegraph.vocab import PREFIXES, bind_prefixes

#: The IRI the JSON-LD context is published at (also served by ``rolegraph serve``).
CONTEXT_IRI = "https://w3id.org/rolegraph/context.jsonld"

#: Media types by export format name.
MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
    "nq": "application/n-quads",
    "trig": "application/trig",
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


#: Formats that keep the named graphs (exported by :func:`export` only).
DATASET_FORMATS: dict[str, str] = {"nq": "nquads", "trig": "trig"}

#: Every format :func:`export` writes.
EXPORT_FORMATS: tuple[str, ...] = (*EXPORTERS, *DATASET_FORMATS)

_ENGINE_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}

Progress = Callable[[int], None]
_PROGRESS_STEP = 1 << 16
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = f"{_XSD}string"
_XSD_DECIMAL = ox.NamedNode(f"{_XSD}decimal")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def export(
    store: Store,
    out: IO[bytes],
    format: str,
    *,
    graphs: Iterable[URIRef] | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the named ``graphs`` of ``store`` (default: all) to ``out`` in ``format``; return
    the number of triples written. A triple stated in several graphs is written once per
    graph by the streamed formats; parsed back, the graph is the same.

    Raises:
        FormatError: unknown format name.
    """
    if format not in EXPORT_FORMATS:
        raise FormatError(format, list(EXPORT_FORMATS))
    names = list(graphs) if graphs is not None else store.graph_names()
    if isinstance(store, OxigraphStore):
        if format == "nt" or (format == "nq" and graphs is None):
            # line formats: the engine's own dump, with the decimals mended on the way
            lines = _MendedLines(out, progress)
            if format == "nq":
                store.dump(lines, ox.RdfFormat.N_QUADS)
            for name in names if format == "nt" else []:
                store.dump(lines, ox.RdfFormat.N_TRIPLES, name)
            lines.close()
            return lines.count
        quads = _Counted(_faithful(store.engine_quads(names)), progress)
        if format == "json-ld":
            _write_jsonld(quads, out)
        else:
            triples = format not in DATASET_FORMATS
            ox.serialize(
                (q.triple for q in quads) if triples else quads,
                out,
                _ENGINE_FORMATS[format],
                prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()},
            )
        return quads.count
    return _export_in_memory(store, out, format, names, progress)


def _export_in_memory(
    store: Store, out: IO[bytes], format: str, names: list[URIRef], progress: Progress | None
) -> int:
    """The rdflib path, for engines without streaming serializers."""
    if format in DATASET_FORMATS:
        dataset = Dataset()
        bind_prefixes(dataset)
        for name in names:
            graph = dataset.graph(name)
            for triple in store.triples(name):
                graph.add(triple)
        count = sum(len(dataset.graph(name)) for name in names)
        out.write(dataset.serialize(format=DATASET_FORMATS[format], encoding="utf-8"))
    else:
        union = bind_prefixes(Graph())
        for name in names:
            for triple in store.triples(name):
                union.add(triple)
        count = len(union)
        out.write(serialize(union, format))
    if progress is not None:
        progress(count)
    return count


_INTEGRAL_DECIMAL = re.compile(rb' "([+-]?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')
_MENDED_DECIMAL = rb' "\1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'


class _MendedLines:
    """A binary writer for N-Triples and N-Quads that writes integral ``xsd:decimal`` values as
    rolegraph writes them (see :func:`_faithful`) and counts the lines for ``progress``. In
    these formats a literal's own quotes are escaped, so the pattern matches only a term."""

    def __init__(self, out: IO[bytes], progress: Progress | None) -> None:
        self.count = 0
        self._out = out
        self._progress = progress
        self._pending = b""

    def write(self, data: bytes) -> int:
        end = data.rfind(b"\n") + 1
        if not end:
            self._pending += data
            return len(data)
        self._emit(self._pending + data[:end])
        self._pending = data[end:]
        return len(data)

    def _emit(self, lines: bytes) -> None:
        if b"#decimal>" in lines:
            lines = _INTEGRAL_DECIMAL.sub(_MENDED_DECIMAL, lines)
        self._out.write(lines)
        added = lines.count(b"\n")
        self.count += added
        if self._progress is not None and added:
            self._progress(added)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self._pending:
            self._emit(self._pending)
            self._pending = b""


class _Counted:
    """An iterator of quads that counts them and reports progress every few thousand."""

    def __init__(self, quads: Iterator[ox.Quad], progress: Progress | None) -> None:
        self.count = 0
        self._quads = quads
        self._progress = progress

    def __iter__(self) -> Iterator[ox.Quad]:
        progress = self._progress
        if progress is None:
            for quad in self._quads:
                self.count += 1
                yield quad
            return
        reported = 0
        for quad in self._quads:
            self.count += 1
            if self.count - reported >= _PROGRESS_STEP:
                progress(self.count - reported)
                reported = self.count
            yield quad
        progress(self.count - reported)


def _faithful(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads with integral ``xsd:decimal`` values written as rolegraph writes them
    ("80000.0"; the engine keeps the value and answers "80000"), so a streamed export equals
    the in-memory one term for term."""
    literal = ox.Literal
    for quad in quads:
        value = quad.object
        if type(value) is literal and value.datatype == _XSD_DECIMAL:
            text = value.value
            if text.lstrip("+-").isdigit():
                quad = ox.Quad(
                    quad.subject,
                    quad.predicate,
                    literal(f"{text}.0", datatype=_XSD_DECIMAL),
                    quad.graph_name,
                )
        yield quad


# --------------------------------------------------------------------------------------------
# Streaming JSON-LD


class _Compactor:
    """Compacts IRIs and values with the rolegraph context: a property the context names is
    written with its term (and its values in the form the term's coercion expects), other IRIs
    as prefixed names."""

    def __init__(self, context: dict[str, Any]) -> None:
        prefixes = {
            name: value
            for name, value in context.items()
            if isinstance(value, str) and value.endswith(("/", "#"))
        }
        self._prefixes = sorted(
            ((ns, name) for name, ns in prefixes.items()), key=lambda p: -len(p[0])
        )
        self._iris: dict[str, str] = {}
        #: property IRI -> (term, coercion): None, "@id", ("type", IRI) or ("lang", tag)
        self.terms: dict[str, tuple[str, Any]] = {}
        #: class IRI -> term
        self.classes: dict[str, str] = {}
        for name, value in context.items():
            if name.startswith("@") or name in prefixes:
                continue
            if isinstance(value, str):
                iri = self._expand(value, prefixes)
                self.terms.setdefault(iri, (name, None))
                self.classes.setdefault(iri, name)
                continue
            if not isinstance(value, dict) or not set(value) <= {"@id", "@type", "@language"}:
                continue
            if "@id" not in value or ("@type" in value and "@language" in value):
                continue
            iri = self._expand(value["@id"], prefixes)
            coercion: Any = None
            if value.get("@type") == "@id":
                coercion = "@id"
            elif "@type" in value:
                if value["@type"].startswith("@"):
                    continue
                coercion = ("type", self._expand(value["@type"], prefixes))
            elif "@language" in value:
                if not isinstance(value["@language"], str):
                    continue
                coercion = ("lang", value["@language"])
            if iri not in self.terms or (self.terms[iri][1] is None and coercion is not None):
                self.terms[iri] = (name, coercion)

    @staticmethod
    def _expand(value: str, prefixes: dict[str, str]) -> str:
        prefix, colon, local = value.partition(":")
        if colon and prefix in prefixes and not local.startswith("//"):
            return prefixes[prefix] + local
        return value

    def iri(self, iri: str) -> str:
        """A prefixed name for ``iri`` where a prefix fits, else the IRI."""
        found = self._iris.get(iri)
        if found is None:
            found = iri
            for namespace, prefix in self._prefixes:
                if iri.startswith(namespace) and not iri[len(namespace) :].startswith("//"):
                    found = f"{prefix}:{iri[len(namespace) :]}"
                    break
            if len(self._iris) < 1 << 16:
                self._iris[iri] = found
        return found

    def node(self, term: Any) -> str:
        if type(term) is ox.NamedNode:
            return self.iri(term.value)
        return f"_:{term.value}"

    def key(self, predicate: str) -> tuple[str, Any]:
        term = self.terms.get(predicate)
        if term is not None:
            return term
        return self.iri(predicate), None

    def value(self, term: Any, coercion: Any) -> Any:
        """A JSON-LD value for ``term`` under a key with ``coercion``."""
        if type(term) is ox.Literal:
            text = term.value
            language = term.language
            if language:
                if coercion == ("lang", language):
                    return text
                return {"@value": text, "@language": language}
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return text if coercion is None else {"@value": text}
            if coercion == ("type", datatype):
                return text
            return {"@value": text, "@type": self.iri(datatype)}
        node = self.node(term)
        return node if coercion == "@id" else {"@id": node}


def _write_jsonld(quads: Iterable[ox.Quad], out: IO[bytes]) -> None:
    """Write ``quads`` as one compact JSON-LD document: the rolegraph context, then one node
    object per subject of each graph (JSON-LD merges node objects with the same ``@id``)."""
    context = jsonld_context()
    compactor = _Compactor(context)
    out.write(b'{\n"@context": ')
    out.write(json.dumps(context, ensure_ascii=False, indent=1).encode("utf-8"))
    out.write(b',\n"@graph": [')
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    first = True
    current: Any = None
    node: dict[str, Any] = {}
    chunk: list[str] = []
    for quad in quads:
        subject = quad.subject
        if subject != current:
            if node:
                chunk.append(encode(node))
                if len(chunk) >= 512:
                    out.write((("\n" if first else ",\n") + ",\n".join(chunk)).encode("utf-8"))
                    first = False
                    chunk = []
            current = subject
            node = {"@id": compactor.node(subject)}
        predicate = quad.predicate.value
        value = quad.object
        if predicate == _RDF_TYPE and type(value) is not ox.Literal:
            key, item = (
                "@type",
                (
                    compactor.classes.get(value.value) or compactor.node(value)
                    if type(value) is ox.NamedNode
                    else compactor.node(value)
                ),
            )
        else:
            key, coercion = compactor.key(predicate)
            item = compactor.value(value, coercion)
        existing = node.get(key)
        if existing is None:
            node[key] = item
        elif isinstance(existing, list):
            existing.append(item)
        else:
            node[key] = [existing, item]
    if node:
        chunk.append(encode(node))
    if chunk:
        out.write((("\n" if first else ",\n") + ",\n".join(chunk)).encode("utf-8"))
    out.write(b"\n]\n}\n")
