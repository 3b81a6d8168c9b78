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
    """The first worksheet of a workbook: its row count and its rows as lists of strings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            workbook = CalamineWorkbook.from_path(str(path))
            self._sheet: CalamineSheet = workbook.get_sheet_by_index(0)
        except (CalamineError, OSError, IndexError) as error:
            raise InputError(f"not a readable .xlsx workbook: {error}", file=path) from error

    def row_count(self) -> int:
        """The number of the sheet's last row (an empty sheet has none)."""
        end = self._sheet.end
        return end[0] + 1 if self._sheet.height and end is not None else 0

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cell texts) for every row, each cell in the column it sits in."""
        if not self._sheet.height or self._sheet.start is None:
            return
        # Calamine yields rows from the first row of the sheet, but cells only from the first
        # column that holds data: put the missing columns back in front.
        before = [""] * self._sheet.start[1]
        for number, values in enumerate(self._sheet.iter_rows(), 1):
            yield number, before + [cell_text(value) for value in values]


def cell_text(value: Any) -> str:
    """A cell's value as a CSV export writes it: whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
