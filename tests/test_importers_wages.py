"""OEWS wage import from the official table layout (CSV and xlsx): values, special values, links."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from rolegraph.errors import InputError
from rolegraph.importers import WagesImporter, open_importer
from rolegraph.importers.base import Triple
from rolegraph.importers.xlsx import XlsxSheet
from rolegraph.vocab import GRAPH, ID, ONET, RG

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WAGES = FIXTURES / "wages"
ONET_DIR = FIXTURES / "onet" / "29.2"
SOURCE = ID["source/wages-2025-05"]
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
CONTAINED_IN = URIRef("https://schema.org/containedInPlace")


def dec(text: str) -> Literal:
    return Literal(text, datatype=DECIMAL)


def about(triples: list[Triple], subject: URIRef) -> set[Triple]:
    return {t for t in triples if t[0] == subject}


@pytest.fixture(scope="module")
def imported() -> tuple[WagesImporter, list[Triple]]:
    importer = WagesImporter(WAGES, onet_dir=ONET_DIR)
    return importer, list(importer.triples())


def test_release_from_file_names(imported: tuple[WagesImporter, list[Triple]]) -> None:
    importer, _ = imported
    assert (importer.name, importer.release) == ("wages", "2025-05")
    assert importer.graph_iri == GRAPH["wages-2025-05"]
    assert importer.source_iri == SOURCE


def test_distribution_triples(imported: tuple[WagesImporter, list[Triple]]) -> None:
    _, triples = imported
    node = ID["salary/oews/2025/US/13-1082"]
    assert about(triples, node) == {
        (node, RDF.type, RG.SalaryDistribution),
        (node, RG.percentile10, dec("58990.0")),
        (node, RG.percentile25, dec("78270.0")),
        (node, RG.median, dec("103510.0")),
        (node, RG.percentile75, dec("138110.0")),
        (node, RG.percentile90, dec("176790.0")),
        (node, RG.mean, dec("112040.0")),
        (node, RG.currency, Literal("USD")),
        (node, RG.period, RG.Annual),
        (node, RG.region, ID["region/US"]),
        (node, RG.year, Literal("2025", datatype=GYEAR)),
        (node, RG.source, SOURCE),
    }
    assert (ONET["occupation/13-1082.00"], RG.salary, node) in triples


def test_top_coded_and_missing_values_are_left_out(
    imported: tuple[WagesImporter, list[Triple]],
) -> None:
    importer, triples = imported
    marketing = ID["salary/oews/2025/US-CA/11-2021"]
    predicates = {p for s, p, o in triples if s == marketing}
    assert RG.median in predicates
    assert RG.percentile75 not in predicates  # '#'
    assert RG.percentile90 not in predicates
    quirks = {q.kind: q for q in importer.report.quirks}
    top = quirks["wage at or above the top-coded amount (value left out)"]
    assert top.count == 3
    assert top.examples == ["US 11-2021 A_PCT90", "US-CA 11-2021 A_PCT75", "US-CA 11-2021 A_PCT90"]
    services = ID["salary/oews/2025/US/41-3091"]
    assert (services, RG.percentile25, dec("46050.0")) in triples
    assert RG.percentile10 not in {p for s, p, o in triples if s == services}  # '*'
    assert "US-PR 13-1082 Project Management Specialists" in (
        quirks["occupation without any published wage (skipped)"].examples
    )


def test_links_regions_and_filters(imported: tuple[WagesImporter, list[Triple]]) -> None:
    importer, triples = imported
    # SOC 15-1299 reaches the O*NET occupations whose codes start with it
    assert (
        ONET["occupation/15-1299.09"],
        RG.salary,
        ID["salary/oews/2025/US/15-1299"],
    ) in triples
    ca = ID["region/US-CA"]
    assert about(triples, ca) == {
        (ca, RDF.type, RG.Region),
        (ca, RG.regionCode, Literal("US-CA")),
        (ca, SKOS.prefLabel, Literal("California", lang="en")),
        (ca, CONTAINED_IN, ID["region/US"]),
    }
    subjects = {str(s) for s, _p, _o in triples}
    assert not [s for s in subjects if "/11-0000" in s or "/00-0000" in s]  # aggregates
    # the private-ownership row does not replace the all-ownership one
    assert (ID["salary/oews/2025/US/11-2021"], RG.mean, dec("178830.0")) in triples
    counts = importer.report.counts
    assert counts["regions"] == 3
    assert counts["distributions"] == 7
    assert counts["rows of other areas (not imported)"] == 1  # the metropolitan row
    assert counts["distributions without O*NET role"] == 2
    unmatched = importer.report.quirks[
        [q.kind for q in importer.report.quirks].index(
            "SOC code without an O*NET occupation (its distributions skipped)"
        )
    ]
    assert unmatched.examples == ["27-2011 Actors", "13-1020 Buyers and Purchasing Agents"]
    assert counts["triples"] == len(triples) == len(set(triples))


def test_hourly_only_and_broad_groups() -> None:
    importer = open_importer(
        "wages",
        WAGES / "national_M2025_dl.csv",
        onet_codes=["27-2011.00", "13-1021.00", "13-1022.00", "13-1023.00"],
    )
    triples = list(importer.triples())
    actors = ID["salary/oews/2025/US/27-2011"]
    assert (actors, RG.period, RG.Hourly) in triples
    assert (actors, RG.median, dec("25.34")) in triples
    assert (ONET["occupation/27-2011.00"], RG.salary, actors) in triples
    buyers = ID["salary/oews/2025/US/13-1020"]
    for code in ("13-1021.00", "13-1022.00", "13-1023.00"):
        assert (ONET[f"occupation/{code}"], RG.salary, buyers) in triples
    kinds = {q.kind for q in importer.report.quirks}
    assert "hourly wages only (imported with rg:period rg:Hourly)" in kinds
    assert any(k.startswith("SOC broad group published in place") for k in kinds)


def test_without_onet_list_wages_go_to_the_00_code() -> None:
    importer = open_importer("wages", WAGES / "state_M2025_dl.csv")
    triples = list(importer.triples())
    assert (
        ONET["occupation/13-1082.00"],
        RG.salary,
        ID["salary/oews/2025/US-NY/13-1082"],
    ) in triples
    assert any("{SOC}.00" in note for note in importer.report.notes)


def test_progress_and_total() -> None:
    importer = WagesImporter(WAGES, onet_dir=ONET_DIR)
    seen: list[int] = []
    for _ in importer.triples(seen.append):
        pass
    assert sum(seen) == importer.total_rows() == 16


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """A workbook as Excel writes it (by openpyxl): numbers as numbers, text as shared strings,
    empty cells left out."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "All May 2025 data"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            plain = value.replace(",", "")
            if plain.replace(".", "", 1).isdigit():
                sheet.cell(r, c, float(plain) if "." in plain else int(plain))
            elif value:
                sheet.cell(r, c, value)
    workbook.save(path)


def test_official_xlsx_table(tmp_path: Path) -> None:
    with (WAGES / "national_M2025_dl.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    workbook = tmp_path / "national_M2025_dl.xlsx"
    write_xlsx(workbook, rows)
    sheet = XlsxSheet(workbook)
    assert sheet.row_count() == len(rows)
    first = next(sheet.rows())
    assert first == (1, rows[0])
    assert sheet.header == rows[0]
    from_xlsx = list(open_importer("wages", workbook, onet_dir=ONET_DIR).triples())
    from_csv = list(
        open_importer("wages", WAGES / "national_M2025_dl.csv", onet_dir=ONET_DIR).triples()
    )
    assert set(from_xlsx) == set(from_csv)


def test_xlsx_rows_keep_their_row_numbers_and_columns(tmp_path: Path) -> None:
    workbook = tmp_path / "offset.xlsx"
    write_xlsx(workbook, [["", "", ""], ["", "OCC_CODE", "A_MEAN"], ["", "13-1082", "98,580.5"]])
    sheet = XlsxSheet(workbook)
    assert list(sheet.rows()) == [
        (1, ["", "", ""]),
        (2, ["", "OCC_CODE", "A_MEAN"]),
        (3, ["", "13-1082", "98580.5"]),
    ]
    assert sheet.row_count() == 3


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "national_M2025_dl.xlsx"
    fake.write_text("AREA,OCC_CODE\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        open_importer("wages", fake, onet_dir=ONET_DIR)


def test_not_wage_files(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no OEWS table"):
        open_importer("wages", tmp_path)
    with pytest.raises(InputError, match="not an OEWS table"):
        open_importer("wages", tmp_path / "notes.csv")
    table = tmp_path / "oews.csv"
    table.write_text("AREA_TYPE,OCC_CODE,O_GROUP,A_MEDIAN\n1,13-1082,detailed,100\n", "utf-8")
    with pytest.raises(InputError, match="year"):
        open_importer("wages", table)
    assert open_importer("wages", table, year=2024).release == "2024-05"
