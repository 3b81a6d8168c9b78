"""Stream the rows of the first worksheet of an Excel ``.xlsx`` file with the standard library.

The official BLS OEWS tables (``all_data_M_2025.xlsx``, ``national_M2025_dl.xlsx``) are shipped
as Excel workbooks; reading them needs only the shared-string table and one worksheet's XML,
parsed incrementally so a large sheet is never held in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, iterparse

from rolegraph.errors import InputError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def column_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


class XlsxSheet:
    """The first worksheet of a workbook: its row count and its rows as lists of strings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as archive:
                self.sheet_name = self._first_sheet(archive)
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, KeyError) as exc:
            raise InputError(f"not a readable .xlsx workbook: {exc}", file=path) from exc
        if self.sheet_name not in names:
            raise InputError(f"workbook has no worksheet {self.sheet_name!r}", file=path)

    @staticmethod
    def _first_sheet(archive: zipfile.ZipFile) -> str:
        workbook = _parse(archive, "xl/workbook.xml")
        sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
        if sheet is None:
            raise KeyError("no sheet in xl/workbook.xml")
        rel_id = sheet.get(f"{_REL}id")
        rels = _parse(archive, "xl/_rels/workbook.xml.rels")
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            if rel.get("Id") == rel_id:
                target = rel.get("Target", "")
                if target.startswith("/"):
                    return target.lstrip("/")
                return str(PurePosixPath("xl") / target)
        return "xl/worksheets/sheet1.xml"

    def row_count(self) -> int:
        """Rows of the sheet, from its dimension record (or by counting when it has none)."""
        with zipfile.ZipFile(self.path) as archive, archive.open(self.sheet_name) as handle:
            head = handle.read(4096)
        match = _DIMENSION.search(head)
        if match is not None:
            return int(match.group(1))
        return sum(1 for _ in self.rows())

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cell texts) for every row, cells placed by their column letters."""
        with zipfile.ZipFile(self.path) as archive:
            strings = _shared_strings(archive)
            with archive.open(self.sheet_name) as handle:
                row_number = 0
                cells: dict[int, str] = {}
                for event, elem in iterparse(handle, events=("end",)):
                    tag = elem.tag
                    if tag == f"{_MAIN}c":
                        ref = elem.get("r", "")
                        match = _CELL_REF.match(ref)
                        col = column_index(match.group(1)) if match else len(cells)
                        cells[col] = _cell_text(elem, strings)
                        elem.clear()
                    elif tag == f"{_MAIN}row":
                        number = elem.get("r")
                        row_number = int(number) if number else row_number + 1
                        width = max(cells) + 1 if cells else 0
                        row = [""] * width
                        for col, text in cells.items():
                            row[col] = text
                        yield row_number, row
                        cells = {}
                        elem.clear()
                    del event


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    with archive.open(name) as handle:
        root: Element | None = None
        for _event, elem in iterparse(handle, events=("end",)):
            root = elem
        if root is None:
            raise KeyError(name)
        return root


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        handle = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings: list[str] = []
    with handle:
        for _event, elem in iterparse(handle, events=("end",)):
            if elem.tag == f"{_MAIN}si":
                strings.append("".join(t.text or "" for t in elem.iter(f"{_MAIN}t")))
                elem.clear()
    return strings


def _cell_text(cell: Element, strings: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    value = cell.find(f"{_MAIN}v")
    text = value.text if value is not None and value.text is not None else ""
    if kind == "s" and text:
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "TRUE" if text == "1" else "FALSE"
    return text
