"""Reading the files of a release: delimited text with a header (optionally gzipped), its rows
with their physical line numbers, and why a damaged file cannot be read.

Progress is measured in physical lines (a header and every line of a quoted multi-line field
count), which :func:`count_lines` gives exactly without parsing.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rolegraph.errors import InputError

if TYPE_CHECKING:
    from rolegraph.importers.base import BaseImporter

# Wide enough for ESCO descriptions; the default (128 KiB) is too small for a few official rows.
csv.field_size_limit(16 * 1024 * 1024)


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


__all__ = [
    "Table",
    "count_lines",
    "find_file",
    "finite_decimal",
    "open_text",
    "unreadable_reason",
]
