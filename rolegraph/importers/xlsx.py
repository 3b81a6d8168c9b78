"""The rows of the first worksheet of an Excel workbook, as text, read with python-calamine.

The official BLS OEWS tables (``all_data_M_2025.xlsx``, ``national_M2025_dl.xlsx``) are shipped
as Excel workbooks. Calamine (Rust) reads a sheet several times faster than a Python XML parser;
each cell is handed on as the text a CSV export of the sheet would hold, so the importers read
workbooks and CSV files with one code path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from rolegraph.errors import InputError


class XlsxSheet:
    """The first worksheet of a workbook: its header row, row count and rows as lists of strings.

    Calamine holds a whole sheet in memory while it is read, so the sheet is loaded only for as
    long as it is needed: once when the workbook is opened (for the header and the row count),
    and again for each pass over its rows. A folder of workbooks never holds more than one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        sheet = self._load()
        end = sheet.end
        self._row_count = end[0] + 1 if sheet.height and end is not None else 0
        self.header = next((row for _number, row in _rows(sheet)), [])

    def _load(self) -> CalamineSheet:
        try:
            return CalamineWorkbook.from_path(str(self.path)).get_sheet_by_index(0)
        except (CalamineError, OSError, IndexError) as error:
            raise InputError(f"not a readable .xlsx workbook: {error}", file=self.path) from error

    def row_count(self) -> int:
        """The number of the sheet's last row (an empty sheet has none)."""
        return self._row_count

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cell texts) for every row, each cell in the column it sits in."""
        yield from _rows(self._load())


def _rows(sheet: CalamineSheet) -> Iterator[tuple[int, list[str]]]:
    if not sheet.height or sheet.start is None:
        return
    # Calamine yields rows from the first row of the sheet, but cells only from the first column
    # that holds data: put the missing columns back in front.
    before = [""] * sheet.start[1]
    for number, values in enumerate(sheet.iter_rows(), 1):
        yield number, before + [cell_text(value) for value in values]


def cell_text(value: Any) -> str:
    """A cell's value as a CSV export writes it: whole numbers without a decimal point. Calamine
    gives error cells (``#N/A``) as empty values, so they read as empty cells."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
