"""What every importer shares: the report, the importer protocol and fast row reading.

An importer turns one release of a public taxonomy into a stream of triples for one named graph
(``GRAPH[f"{name}-{release}"]``), so that importing a release again is "drop the graph, load the
stream". While the stream is consumed the importer fills an :class:`ImportReport` with counts and
with the quirks of the input it worked around: nothing odd is dropped without being counted.

Progress is measured in physical lines of the input files (a header and every line of a quoted
multi-line field count), which makes :meth:`Importer.total_rows` exact without parsing.
"""

from __future__ import annotations

import csv
import gzip
import io
import textwrap
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD
from rdflib.term import Node

from rolegraph.errors import InputError
from rolegraph.vocab import GRAPH, ID, RG

Triple = tuple[Node, Node, Node]
"""One RDF statement; importers mint IRIs for every node (no blank nodes)."""

Progress = Callable[[int], None]

MAX_EXAMPLES = 5
PROGRESS_STEP = 1000

# Wide enough for ESCO descriptions; the default (128 KiB) is too small for a few official rows.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class Quirk:
    """A kind of oddity found in the input, how often it occurred and a few examples."""

    kind: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, example: str | None = None, n: int = 1) -> None:
        self.count += n
        if (
            example is not None
            and len(self.examples) < MAX_EXAMPLES
            and example not in self.examples
        ):
            self.examples.append(example)


@dataclass
class ImportReport:
    """What an import produced (counts by kind, triples) and the quirks it met on the way."""

    source: str
    graph: str
    counts: dict[str, int] = field(default_factory=dict)
    quirks: list[Quirk] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def quirk(self, kind: str, example: str | None = None, n: int = 1) -> None:
        """Count one occurrence (or ``n``) of a quirk of ``kind``, keeping ``example``."""
        for existing in self.quirks:
            if existing.kind == kind:
                existing.add(example, n)
                return
        new = Quirk(kind)
        new.add(example, n)
        self.quirks.append(new)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def quirk_count(self, kind: str) -> int:
        return next((q.count for q in self.quirks if q.kind == kind), 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "graph": self.graph,
            "counts": dict(self.counts),
            "quirks": [
                {"kind": q.kind, "count": q.count, "examples": list(q.examples)}
                for q in self.quirks
            ],
            "notes": list(self.notes),
        }

    def to_text(self, width: int = 80) -> str:
        """A plain-text summary that fits in ``width`` columns."""
        lines = [f"{self.source} -> {self.graph}"]
        if self.counts:
            key_width = min(max(len(k) for k in self.counts), width // 2)
            for key, value in self.counts.items():
                lines.append(f"  {key[:key_width]:<{key_width}}  {value:>10,}")
        if self.quirks:
            lines.append("quirks:")
            for q in self.quirks:
                lines.extend(
                    textwrap.wrap(
                        f"{q.kind}: {q.count:,}",
                        width,
                        initial_indent="  ",
                        subsequent_indent="    ",
                    )
                )
                for example in q.examples:
                    lines.extend(
                        textwrap.wrap(
                            example,
                            width,
                            initial_indent="    e.g. ",
                            subsequent_indent="         ",
                            break_long_words=True,
                        )
                    )
        for note in self.notes:
            lines.extend(
                textwrap.wrap(note, width, initial_indent="note: ", subsequent_indent="      ")
            )
        return "\n".join(lines)


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


class BaseImporter(ABC):
    """Shared machinery: IRIs, the report, the triple counter and the progress bookkeeping."""

    name: str = ""
    #: Whether damaged input (a file cut short, an unreadable number) is counted as a quirk and
    #: skipped instead of stopping the import: by default a damaged release is not imported.
    lenient: bool = False

    def __init__(self, release: str, info: SourceInfo) -> None:
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

    def advance(self, lines: int) -> None:
        """Record ``lines`` more lines of input read."""
        if self._progress is not None:
            self._progress.advance(lines)

    def rows(self, table: Table) -> Iterator[tuple[int, list[str]]]:
        """The data rows of ``table`` as (line number, fields), padded to the header's width.

        Rows shorter than the header are padded (a quirk the caller may count through
        ``table.padded``); a quoting error raises :class:`InputError` with file and line. A file
        cut short (its last row narrower than the header and no line break after it, or a
        compressed stream that stops early) is damaged input (:meth:`damaged`).
        """
        width = len(table.header)
        reader = table.open_reader()
        last = reader.line_num
        pending = last  # the header
        try:
            for row in reader.rows(self, table):
                line = reader.line_num
                pending += line - last
                last = line
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
            if table.padded and table.padded[-1] == last and not table.ends_with_line_break():
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
# Files


def open_text(path: Path) -> IO[str]:
    """Open a UTF-8 text file for the csv module, transparently gunzipping ``*.gz``."""
    try:
        if path.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
        return path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=path) from exc


def count_lines(path: Path) -> int:
    """Physical lines of a (possibly gzipped) text file, counting an unterminated last line."""
    lines = 0
    last = b"\n"
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read: {unreadable_reason(exc)}", file=path) from exc
    return lines + (0 if last == b"\n" else 1)


def find_file(directory: Path, names: Iterable[str]) -> Path | None:
    """The first of ``names`` present in ``directory``, also as ``name.gz``."""
    for name in names:
        for candidate in (directory / name, directory / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    return None


class Table:
    """A delimited file with a header: its column positions and how to read its rows."""

    def __init__(self, path: Path, *, delimiter: str = ",", quoting: bool = True) -> None:
        self.path = path
        self.delimiter = delimiter
        self.quoting = quoting
        self.padded: list[int] = []
        self.overlong: list[int] = []
        self._lines: int | None = None
        handle = open_text(path)
        try:
            reader = self._reader(handle)
            try:
                header = next(reader)
            except StopIteration:
                raise InputError("empty file: no header row", file=path, line=1) from None
            except (csv.Error, UnicodeDecodeError) as exc:
                raise InputError(f"unreadable header: {exc}", file=path, line=1) from exc
            except (OSError, EOFError, zlib.error) as exc:
                raise InputError(f"cannot read: {unreadable_reason(exc)}", file=path) from exc
        finally:
            handle.close()
        self.header = [h.strip() for h in header]
        self.index = {name: i for i, name in enumerate(self.header)}

    def _reader(self, handle: IO[str]) -> Iterator[list[str]]:
        if self.quoting:
            return csv.reader(handle, delimiter=self.delimiter, strict=True)
        return csv.reader(handle, delimiter=self.delimiter, quoting=csv.QUOTE_NONE, strict=True)

    def open_reader(self) -> _Reader:
        handle = open_text(self.path)
        return _Reader(handle, self._reader(handle))

    def require(self, *columns: str) -> list[int]:
        """Positions of ``columns``; an :class:`InputError` names the ones missing."""
        missing = [c for c in columns if c not in self.index]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(repr(c) for c in missing)}; "
                f"found {', '.join(self.header)}",
                file=self.path,
                line=1,
            )
        return [self.index[c] for c in columns]

    def optional(self, column: str) -> int | None:
        return self.index.get(column)

    def has(self, *columns: str) -> bool:
        return all(c in self.index for c in columns)

    def lines(self) -> int:
        if self._lines is None:
            self._lines = count_lines(self.path)
        return self._lines

    def ends_with_line_break(self) -> bool:
        """Whether the file's last byte (uncompressed) is a line break, as in a whole file."""
        try:
            if self.path.suffix == ".gz":
                last = b""
                with gzip.open(self.path, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        last = chunk[-1:]
            else:
                with self.path.open("rb") as handle:
                    handle.seek(0, io.SEEK_END)
                    if handle.tell() == 0:
                        return True
                    handle.seek(-1, io.SEEK_END)
                    last = handle.read(1)
        except (OSError, EOFError, zlib.error):
            return False
        return last in (b"\n", b"\r")


class _Reader:
    """A csv reader that skips the header, knows its line number and closes its file."""

    def __init__(self, handle: IO[str], reader: Any) -> None:
        self.handle = handle
        self.reader = reader
        self.line_num = 0
        try:
            next(reader)
        except StopIteration:
            pass
        except UnicodeDecodeError as exc:
            handle.close()
            raise InputError(f"not UTF-8 text: {exc}", file=_name(handle), line=1) from exc
        self.line_num = reader.line_num

    def __iter__(self) -> Iterator[list[str]]:
        reader = self.reader
        try:
            for row in reader:
                self.line_num = reader.line_num
                yield row
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not UTF-8 text: {exc}", file=_name(self.handle), line=reader.line_num + 1
            ) from exc
        self.line_num = reader.line_num

    def rows(self, importer: BaseImporter, table: Table) -> Iterator[list[str]]:
        """The rows; a compressed file that stops early is damaged input (a lenient importer
        keeps the rows read before the damage)."""
        try:
            yield from self
        except (OSError, EOFError, zlib.error) as exc:
            importer.damaged(
                f"cannot read further: {unreadable_reason(exc)}",
                f"{table.path.name}:{self.line_num + 1}",
                file=table.path,
                line=self.line_num + 1,
                outcome="the rows before imported",
            )

    def close(self) -> None:
        self.handle.close()


def unreadable_reason(error: BaseException) -> str:
    """Why a (compressed) file cannot be read, in words."""
    if isinstance(error, gzip.BadGzipFile):
        return f"not a gzip file ({error})"
    if isinstance(error, EOFError):
        return "the compressed file ends early (cut short?)"
    if isinstance(error, zlib.error):
        return f"the compressed data is damaged ({error})"
    return str(getattr(error, "strerror", None) or error)


def finite_decimal(text: str) -> Decimal:
    """``text`` as a decimal number; NaN and infinities are no measurement.

    Raises:
        InvalidOperation: ``text`` is not a finite decimal number.
    """
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation(f"not a finite number: {text!r}")
    return value


def _name(handle: IO[str]) -> str:
    return str(getattr(handle, "name", "") or getattr(getattr(handle, "buffer", None), "name", ""))


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
