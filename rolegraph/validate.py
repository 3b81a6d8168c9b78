"""Check a graph against the rolegraph SHACL shapes and return a typed report.

The only module that imports pyshacl. Validation runs over a private copy of the data with the
ontology mixed in, so ``rdfs:subClassOf`` triples and the concepts the ontology defines are visible
to ``sh:class`` and ``sh:targetClass`` without running a reasoner (``inference="none"``). SHACL
Advanced Features are on, because some shapes select their focus nodes with SPARQL-based targets.

A graph conforms when no result has severity ``sh:Violation``: warnings and infos are reported but
do not break conformance (pyshacl's ``allow_warnings=True``).
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib.term import Identifier, Node

from rolegraph.errors import InputError
from rolegraph.resources import ontology_paths, shapes_paths
from rolegraph.terms import ntriples
from rolegraph.vocab import shorten

__all__ = [
    "ENGINES",
    "ValidationReport",
    "ValidationResult",
    "default_engine",
    "load_shapes",
    "validate",
    "validate_ntriples",
]

_SEVERITIES: dict[Node, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_TEXT_WIDTH = 80
_LABEL_WIDTH = 12
_IRI_IN_TEXT = re.compile(r"<([^<>\s]+)>|\b(https?://[^\s<>\"{}|\\^`]+[^\s<>\"{}|\\^`.,;:!?)])")


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result.

    IRIs are full IRIs, blank nodes ``_:id`` and literals their lexical form. ``path`` is a property
    IRI, or a SPARQL property path with IRIs in angle brackets (``^<...>``) for a complex path.
    ``constraint`` is the IRI of the constraint component and ``shape`` the IRI of the shape that
    reported the result.
    """

    focus_node: str
    path: str | None
    value: str | None
    constraint: str
    shape: str
    severity: str
    message: str

    def to_dict(self) -> dict[str, str | None]:
        """This result as a JSON-ready dict."""
        return {
            "focus_node": self.focus_node,
            "path": self.path,
            "value": self.value,
            "constraint": self.constraint,
            "shape": self.shape,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph: whether it conforms, and all results in a stable order.

    ``conforms`` is true when no result has severity ``"Violation"``; warnings and infos are kept in
    ``results`` but do not count against it.
    """

    conforms: bool
    results: tuple[ValidationResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """This report as a JSON-ready dict: ``{"conforms": bool, "results": [...]}``."""
        return {"conforms": self.conforms, "results": [r.to_dict() for r in self.results]}

    def to_text(self) -> str:
        """This report as text for a terminal, 80 columns wide, with prefixed names where known."""
        counts = Counter(result.severity for result in self.results)
        tally = ", ".join(
            f"{counts[severity]} {severity.lower()}{'' if counts[severity] == 1 else 's'}"
            for severity in ("Violation", "Warning", "Info")
            if counts[severity]
        )
        lines = [f"Conforms: {'yes' if self.conforms else 'no'}" + (f" ({tally})" if tally else "")]
        for result in self.results:
            lines.append("")
            lines.append(f"{result.severity} on {_compact(result.focus_node)}")
            fields = [
                ("path", result.path),
                ("value", result.value),
                ("constraint", result.constraint),
                ("shape", result.shape),
            ]
            for label, text in fields:
                if text is not None:
                    lines.append(f"  {label:<{_LABEL_WIDTH}}{_compact_all(text)}")
            lines.extend(
                textwrap.wrap(
                    _compact_all(result.message),
                    width=_TEXT_WIDTH,
                    initial_indent=f"  {'message':<{_LABEL_WIDTH}}",
                    subsequent_indent=" " * (2 + _LABEL_WIDTH),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        return "\n".join(lines) + "\n"


def load_shapes() -> Graph:
    """Parse every shapes file (``shapes/*.ttl``) into one new graph."""
    graph = Graph()
    for path in shapes_paths():
        graph.parse(path, format="turtle")
    return graph


#: The SHACL engines: pySHACL is the reference; ``shacl`` (Rust) reports exactly the same results
#: on the rolegraph shapes (the test suite compares them on every fixture) and is ~20x faster.
ENGINES = ("shacl", "pyshacl")


def default_engine() -> str:
    """The fast engine when it is installed, else the reference one."""
    try:
        import shacl  # noqa: F401
    except ImportError:
        return "pyshacl"
    return "shacl"


def validate(
    data: Graph,
    *,
    ontology: Graph | None = None,
    shapes: Graph | None = None,
    engine: str | None = None,
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: the rolegraph shapes).

    ``ontology`` (default: the rolegraph ontology) is mixed into a copy of the data first; ``data``
    itself is not changed. A dataset is validated as the union of its graphs, as queries see it.
    ``engine`` is ``shacl`` (fast) or ``pyshacl`` (the reference); default: :func:`default_engine`.

    Raises:
        InputError: the shapes cannot be used (for example a malformed SPARQL constraint).
    """
    engine = engine or default_engine()
    if engine == "shacl":
        merged = _data_graph(data, ontology if ontology is not None else _default_ontology())
        report = validate_ntriples(_skolemized_ntriples(merged), shapes=shapes)
        return ValidationReport(
            conforms=report.conforms,
            results=tuple(sorted((_unskolemized(r) for r in report.results), key=_sort_key)),
        )
    if engine != "pyshacl":
        raise InputError(f"unknown SHACL engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    try:
        _, report, text = pyshacl.validate(
            _data_graph(data, ontology if ontology is not None else _default_ontology()),
            shacl_graph=_copy(shapes if shapes is not None else _default_shapes()),
            inference="none",
            advanced=True,
            allow_warnings=True,
            inplace=True,
        )
    except ReportableRuntimeError as error:
        raise InputError(f"cannot validate with these shapes: {error.message}") from error
    if not isinstance(report, Graph):
        raise InputError(f"cannot validate with these shapes: {text}")
    results = _read_results(report)
    return ValidationReport(
        conforms=not any(result.severity == "Violation" for result in results),
        results=results,
    )


def validate_ntriples(data: bytes | Path, *, shapes: Graph | None = None) -> ValidationReport:
    """Validate N-Triples (bytes, or a file) with the fast ``shacl`` engine.

    The data must already include the ontology. This is the path for large stores: Oxigraph
    dumps N-Triples directly, so no rdflib graph of the whole store is ever built.
    """
    compiled = _compiled_shapes() if shapes is None else _compile(shapes)
    try:
        if isinstance(data, Path):
            report = compiled.validate_file(str(data), allow_warnings=True)
        else:
            report = compiled.validate_text(
                data.decode("utf-8"), format="ntriples", allow_warnings=True
            )
    except (ValueError, RuntimeError, OSError) as error:
        raise InputError(f"cannot validate: {error}") from error
    graph = Graph()
    graph.parse(data=report.serialize("ntriples"), format="nt")
    results = _read_results(graph)
    return ValidationReport(
        conforms=not any(result.severity == "Violation" for result in results),
        results=results,
    )


#: Blank nodes travel to the fast engine as these IRIs, so results name them by their own labels.
_SKOLEM = "https://w3id.org/rolegraph/.well-known/genid/"


def _skolemized_ntriples(graph: Graph) -> bytes:
    lines = []
    for triple in graph:
        terms = [f"<{_SKOLEM}{t}>" if isinstance(t, BNode) else ntriples(t) for t in triple]
        lines.append(" ".join(terms) + " .\n")
    return "".join(lines).encode("utf-8")


def _unskolemized(result: ValidationResult) -> ValidationResult:
    def restore(text: str | None) -> str | None:
        if text is not None and text.startswith(_SKOLEM):
            return f"_:{text[len(_SKOLEM) :]}"
        return text

    return replace(result, focus_node=restore(result.focus_node) or "", value=restore(result.value))


def _compile(shapes: Graph) -> Any:
    import shacl

    try:
        return shacl.Shapes.from_text(shapes.serialize(format="nt"), format="ntriples")
    except (ValueError, RuntimeError) as error:
        raise InputError(f"cannot use these shapes: {error}") from error


@lru_cache(maxsize=1)
def _compiled_shapes() -> Any:
    return _compile(_default_shapes())


@lru_cache(maxsize=1)
def _default_shapes() -> Graph:
    return load_shapes()


@lru_cache(maxsize=1)
def _default_ontology() -> Graph:
    graph = Graph()
    for path in ontology_paths():
        graph.parse(path, format="turtle")
    return graph


def _copy(graph: Graph) -> Graph:
    """A copy of a shapes graph: pyshacl adds a few triples to the one it is given."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


class _PreparsedQueryGraph(Graph):
    """A graph that parses each SPARQL text only once per process.

    pyshacl hands every SPARQL-based target and constraint to ``query`` as text, again on every
    run and for every focus node; on small graphs parsing costs more than evaluating.
    """

    def query(
        self,
        query_object: str | Query,
        processor: str | Processor = "sparql",
        result: str | type[Result] = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Identifier] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and initNs is None and processor == "sparql":
            query_object = _parsed(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@lru_cache(maxsize=256)
def _parsed(text: str) -> Query:
    return prepareQuery(text)


def _data_graph(data: Graph, ontology: Graph) -> Graph:
    """The graph to validate: a plain in-memory copy of ``data`` with every ontology triple added.

    The whole ontology goes in, not just its axioms (pyshacl's ``ont_graph`` copies classes and
    properties only), so the concepts it defines, such as ``rg:Annual a rg:PayPeriod``, meet
    ``sh:class``. A dataset is merged into one graph. Literals typed ``xsd:string`` become plain
    literals, as RDF 1.1 says they are; some stores return them typed, and pyshacl would then
    compare them unequal to plain ones.
    """
    copy = _PreparsedQueryGraph()
    for triple in ontology:
        copy.add(triple)
    if isinstance(data, ConjunctiveGraph):
        triples = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        triples = data.triples((None, None, None))
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        copy.add((s, p, o))
    return copy


def _read_results(report: Graph) -> tuple[ValidationResult, ...]:
    results = set()
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        severity = report.value(node, SH.resultSeverity)
        results.add(
            ValidationResult(
                focus_node=_term(focus),
                path=_path(report, path) if path is not None else None,
                value=_term(value) if value is not None else None,
                constraint=_term(report.value(node, SH.sourceConstraintComponent)),
                shape=_term(report.value(node, SH.sourceShape)),
                severity=_severity(severity),
                message=_message(report, node),
            )
        )
    return tuple(sorted(results, key=_sort_key))


def _sort_key(result: ValidationResult) -> tuple[str, ...]:
    return (
        result.focus_node,
        result.path or "",
        result.constraint,
        result.value or "",
        result.shape,
        result.message,
    )


def _severity(severity: Node | None) -> str:
    if severity is None:
        return "Violation"
    return _SEVERITIES.get(severity) or _local_name(severity)


def _term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _local_name(term: Node) -> str:
    text = str(term)
    return re.split(r"[#/]", text)[-1] or text


def _path(graph: Graph, path: Node) -> str:
    """A SHACL path as a property IRI, or as a SPARQL property path for a complex one."""
    if isinstance(path, URIRef):
        return str(path)
    return _sparql_path(graph, path)


def _sparql_path(graph: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if (path, RDF.first, None) in graph:
        return "/".join(_sparql_path(graph, step) for step in Collection(graph, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            text = _sparql_path(graph, inner)
            if not isinstance(inner, URIRef):
                text = f"({text})"
            return template.format(text)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_sparql_path(graph, a) for a in Collection(graph, alternatives)) + ")"
    return _term(path)


def _message(report: Graph, node: Node) -> str:
    """The result's message: English if there is one, else untagged, else any."""
    messages = sorted(
        (m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)),
        key=lambda m: (m.language not in ("en", None), m.language is not None, str(m)),
    )
    return str(messages[0]) if messages else ""


def _compact(text: str) -> str:
    """``prefix:local`` for an IRI in a known namespace, including ``sh:``; else ``text``."""
    if text.startswith(str(SH)) and re.fullmatch(r"\w+", text[len(str(SH)) :]):
        return f"sh:{text[len(str(SH)) :]}"
    return shorten(text)


def _compact_all(text: str) -> str:
    """``text`` with every IRI in it compacted; bracketed IRIs lose their brackets when they can."""

    def replace(match: re.Match[str]) -> str:
        iri = match.group(1) or match.group(2)
        short = _compact(iri)
        if short != iri:
            return short
        return match.group(0)

    return _IRI_IN_TEXT.sub(replace, text)
