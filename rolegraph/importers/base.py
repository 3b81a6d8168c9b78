"""What every importer shares: the importer protocol, the release it imports as a source, the
reading of rows with progress, and the literals of its triples. The report lives in
:mod:`rolegraph.importers.report`, the reading of files in :mod:`rolegraph.importers.tables`;
their names are importable from here too.

An importer turns one release of a public taxonomy into a stream of triples for one named graph
(``GRAPH[f"{name}-{release}"]``), so that importing a release again is "drop the graph, load the
stream". While the stream is consumed the importer fills an :class:`ImportReport` with counts and
with the quirks of the input it worked around: nothing odd is dropped without being counted.

Progress is measured in physical lines of the input files (a header and every line of a quoted
multi-line field count), which makes :meth:`Importer.total_rows` exact without parsing.
"""

from __future__ import annotations

import csv
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD
from rdflib.term import Node

from rolegraph.errors import InputError
from rolegraph.importers.report import MAX_EXAMPLES, ImportReport, Quirk
from rolegraph.importers.tables import (
    Table,
    count_lines,
    find_file,
    finite_decimal,
    open_text,
    unreadable_reason,
)
from rolegraph.terms import iri_problem, segment_problem
from rolegraph.vocab import GRAPH, ID, RG

Triple = tuple[Node, Node, Node]
"""One RDF statement; importers mint IRIs for every node (no blank nodes)."""

Progress = Callable[[int], None]

PROGRESS_STEP = 1000


@runtime_checkable
class Importer(Protocol):
    """One release of one source, streamed as triples into its own named graph."""

    name: str
    release: str
    graph_iri: URIRef
    source_iri: URIRef
    report: ImportReport

    def total_rows(self) -> int: ...

    def triples(self, progress: Progress | None = None) -> Iterator[Triple]: ...


@dataclass(frozen=True)
class SourceInfo:
    """How a release describes itself as an ``rg:Source``."""

    title: str
    publisher: str
    license: str
    attribution: str
    homepage: str
    issued: str | None = None


def not_an_iri(
    text: str, problem: str, file: Path, line: int, column: str, hint: str = ""
) -> InputError:
    """The error for ``text`` in ``column`` of ``file`` that cannot be part of an IRI."""
    return InputError(
        f"column {column}: {text!r} cannot be part of an IRI ({problem}{hint})",
        file=file,
        line=line,
    )


class BaseImporter(ABC):
    """Shared machinery: IRIs, the report, the triple counter and the progress bookkeeping."""

    name: str = ""
    #: Whether damaged input (a file cut short, an unreadable number) is counted as a quirk and
    #: skipped instead of stopping the import: by default a damaged release is not imported.
    lenient: bool = False

    def __init__(self, release: str, info: SourceInfo) -> None:
        problem = segment_problem(release)
        if problem is not None:
            raise InputError(f"release {release!r} cannot be part of an IRI ({problem})")
        self.release = release
        self.info = info
        self.graph_iri = GRAPH[f"{self.name}-{release}"]
        self.source_iri = ID[f"source/{self.name}-{release}"]
        self.notes: list[str] = []
        self.report = ImportReport(source=info.title, graph=str(self.graph_iri), notes=self.notes)
        #: What identifies the release by its content (:func:`content_digest`), when known.
        self.digest: str | None = None
        self._progress: _ProgressCounter | None = None

    @abstractmethod
    def total_rows(self) -> int: ...

    @abstractmethod
    def _generate(self) -> Iterator[Triple]: ...

    def triples(self, progress: Progress | None = None) -> Iterator[Triple]:
        """Stream the triples; the report is complete once the stream is exhausted."""
        # the same report object is refilled, so a caller may hold it before the stream starts
        self.report.counts.clear()
        self.report.quirks.clear()
        self._progress = _ProgressCounter(progress)
        n = 0
        try:
            for triple in self._source_triples():
                n += 1
                yield triple
            for triple in self._generate():
                n += 1
                yield triple
        finally:
            self._progress.flush()
        self.report.counts["triples"] = n

    def _source_triples(self) -> Iterator[Triple]:
        s = self.source_iri
        info = self.info
        yield s, RDF.type, RG.Source
        yield s, DCTERMS.title, Literal(info.title, lang="en")
        yield s, DCTERMS.publisher, Literal(info.publisher)
        yield s, DCTERMS.license, URIRef(info.license)
        yield s, DCTERMS.rights, Literal(info.attribution, lang="en")
        yield s, DCTERMS.hasVersion, Literal(self.release)
        yield s, RDFS.seeAlso, URIRef(info.homepage)
        if info.issued:
            yield s, DCTERMS.issued, Literal(info.issued)
        if self.digest:
            yield s, DCTERMS.identifier, Literal(self.digest)

    def damaged(
        self,
        kind: str,
        example: str,
        *,
        file: Path,
        line: int | None = None,
        outcome: str = "skipped",
    ) -> None:
        """Input that is broken rather than odd: an :class:`InputError`, or when the importer
        is lenient a quirk of ``kind`` counted in the report (what became of the input:
        ``outcome``)."""
        if not self.lenient:
            raise InputError(f"{kind} (--lenient imports the rest)", file=file, line=line)
        self.report.quirk(f"{kind} ({outcome})", example)

    def input_iri(self, text: str, table: Table, line: int, column: str) -> URIRef | None:
        """``text``, read from ``column`` of ``table``, as an IRI; None (the row is skipped)
        when it is not one and the importer is lenient.

        Every IRI an importer writes is either checked here or minted from checked parts
        (:meth:`input_code`), so the engine can load the triples without checking them again.

        Raises:
            InputError: ``text`` is not an IRI (naming the file, line and column).
        """
        problem = iri_problem(text)
        if problem is None:
            return URIRef(text)
        self._not_an_iri(text, problem, table, line, column)
        return None

    def input_code(
        self, text: str, table: Table, line: int, column: str, outcome: str = "row skipped"
    ) -> bool:
        """Whether ``text``, read from ``column`` of ``table``, can be minted into an IRI as a
        code or identifier; False (the row is skipped) when it cannot and the importer is
        lenient.

        Raises:
            InputError: it cannot (naming the file, line and column).
        """
        problem = segment_problem(text)
        if problem is None:
            return True
        self._not_an_iri(text, problem, table, line, column, outcome)
        return False

    def _not_an_iri(
        self,
        text: str,
        problem: str,
        table: Table,
        line: int,
        column: str,
        outcome: str = "row skipped",
    ) -> None:
        if not self.lenient:
            hint = "; --lenient imports the rest"
            raise not_an_iri(text, problem, table.path, line, column, hint)
        self.report.quirk(
            f"{column} that cannot be part of an IRI ({outcome})", f"{table.path.name}:{line}"
        )

    def advance(self, lines: int) -> None:
        """Record ``lines`` more lines of input read."""
        if self._progress is not None:
            self._progress.advance(lines)

    def rows(self, table: Table) -> Iterator[tuple[int, list[str]]]:
        """The data rows of ``table`` as (number of the line the row starts on, fields), padded
        to the header's width.

        Rows shorter than the header are padded (a quirk the caller may count through
        ``table.padded``); a quoting error raises :class:`InputError` with file and line. A file
        cut short (its last row narrower than the header and no line break after it, or a
        compressed stream that stops early) is damaged input (:meth:`damaged`).
        """
        width = len(table.header)
        reader = table.open_reader()
        last = reader.line_num
        pending = last  # the header
        line = 0
        try:
            for row in reader.rows(self, table):
                line = last + 1  # where the record starts (a quoted field may span lines)
                pending += reader.line_num - last
                last = reader.line_num
                if pending >= PROGRESS_STEP:
                    self.advance(pending)
                    pending = 0
                if len(row) != width:
                    if not row or row == [""]:
                        continue
                    if len(row) < width:
                        table.padded.append(line)
                        row = row + [""] * (width - len(row))
                    else:
                        table.overlong.append(line)
                        row = row[:width]
                yield line, row
            if table.padded and table.padded[-1] == line and not table.ends_with_line_break():
                table.padded.pop()
                self.damaged(
                    "the file ends in the middle of a row (cut short?)",
                    f"{table.path.name}:{last}",
                    file=table.path,
                    line=last,
                    outcome="imported as far as it goes",
                )
            self._report_shape(table)
        except csv.Error as exc:
            # the record that failed starts on the line after the last one read
            raise InputError(
                f"malformed row: {exc}", file=table.path, line=reader.line_num + 1
            ) from exc
        finally:
            self.advance(pending)
            reader.close()

    def _report_shape(self, table: Table) -> None:
        """Count the rows of ``table`` whose width differed from its header's."""
        name = table.path.name
        for lines, kind in (
            (table.padded, "ragged row (padded to the header's width)"),
            (table.overlong, "row longer than the header (extra fields dropped)"),
        ):
            if lines:
                shown = ", ".join(map(str, lines[:3])) + (", ..." if len(lines) > 3 else "")
                self.report.quirk(kind, f"{name} lines {shown}", len(lines))
                lines.clear()


class _ProgressCounter:
    def __init__(self, callback: Progress | None) -> None:
        self.callback = callback
        self.pending = 0

    def advance(self, n: int) -> None:
        if self.callback is None or n <= 0:
            return
        self.pending += n
        if self.pending >= PROGRESS_STEP:
            self.callback(self.pending)
            self.pending = 0

    def flush(self) -> None:
        if self.callback is not None and self.pending:
            self.callback(self.pending)
            self.pending = 0


# --------------------------------------------------------------------------------------------
# Literals


def decimal_literal(value: Decimal) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (no trailing zeros, no exponent)."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


class LiteralCache:
    """Literals built once per distinct value: many codes, levels and scores repeat."""

    def __init__(self) -> None:
        self._plain: dict[str, Literal] = {}
        self._lang: dict[tuple[str, str], Literal] = {}

    def plain(self, text: str) -> Literal:
        found = self._plain.get(text)
        if found is None:
            found = self._plain[text] = Literal(text)
        return found

    def lang(self, text: str, lang: str) -> Literal:
        key = (text, lang)
        found = self._lang.get(key)
        if found is None:
            found = self._lang[key] = Literal(text, lang=lang)
        return found


def split_lines(field_value: str) -> list[str]:
    """The non-empty, stripped, de-duplicated lines of a multi-valued field, in order."""
    seen: dict[str, None] = {}
    for part in field_value.splitlines():
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


__all__ = [
    "MAX_EXAMPLES",
    "PROGRESS_STEP",
    "BaseImporter",
    "ImportReport",
    "Importer",
    "LiteralCache",
    "Progress",
    "Quirk",
    "SourceInfo",
    "Table",
    "Triple",
    "count_lines",
    "decimal_literal",
    "find_file",
    "finite_decimal",
    "open_text",
    "split_lines",
    "unreadable_reason",
]
