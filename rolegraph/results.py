"""Query results as one typed value, whatever store answered, with W3C serializations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from rolegraph.errors import FormatError
from rolegraph.terms import ntriples

QueryType = TypingLiteral["SELECT", "ASK", "CONSTRUCT"]

#: Media types of the SPARQL 1.1 result formats, by short name.
RESULT_MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


@dataclass
class QueryResult:
    """The answer to a SPARQL query: SELECT rows, an ASK boolean or a CONSTRUCTed graph."""

    type: QueryType
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator[dict[str, Node]]:
        """Each row as a dict from variable name to term, leaving out unbound variables."""
        for row in self.rows:
            yield {name: value for name, value in zip(self.variables, row) if value is not None}

    def __len__(self) -> int:
        if self.type == "SELECT":
            return len(self.rows)
        if self.type == "CONSTRUCT" and self.graph is not None:
            return len(self.graph)
        return 1

    def column(self, name: str) -> list[Node | None]:
        """The values of one variable, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def to_rdflib(self) -> Result:
        """This result as an rdflib ``Result``, for its serializers."""
        result = Result(self.type)
        if self.type == "SELECT":
            result.vars = [Variable(name) for name in self.variables]
            result.bindings = [
                {
                    Variable(name): value  # type: ignore[misc]
                    for name, value in zip(self.variables, row)
                    if value is not None
                }
                for row in self.rows
            ]
        elif self.type == "ASK":
            result.askAnswer = bool(self.boolean)
        else:
            result.graph = self.graph
        return result

    def _tsv(self) -> bytes:
        """SPARQL 1.1 TSV results: terms in Turtle syntax, tabs and newlines escaped."""
        lines = ["\t".join(f"?{name}" for name in self.variables)]
        for row in self.rows:
            cells = []
            for value in row:
                text = "" if value is None else ntriples(value)
                cells.append(text.replace("\t", "\\t").replace("\n", "\\n"))
            lines.append("\t".join(cells))
        return ("\n".join(lines) + "\n").encode("utf-8")

    def serialize(self, format: str = "json") -> bytes:
        """Serialize a SELECT or ASK result in a W3C format: json, xml, csv or tsv.

        Raises:
            FormatError: unknown format, or a tabular format asked of a graph.
        """
        if self.type == "CONSTRUCT":
            raise FormatError(format, ["turtle", "nt", "json-ld", "xml"])
        if format not in RESULT_MEDIA_TYPES:
            raise FormatError(format, list(RESULT_MEDIA_TYPES))
        if self.type == "ASK" and format in ("csv", "tsv"):
            return (f"_askResult\n{'true' if self.boolean else 'false'}\n").encode()
        if format == "tsv":
            return self._tsv()
        data = self.to_rdflib().serialize(format=format, encoding="utf-8")
        return data if isinstance(data, bytes) else str(data).encode()
