"""ESCO <-> O*NET crosswalk import: mapping predicates, 2010 -> 2019 codes, inherited matches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from rolegraph.errors import InputError
from rolegraph.importers import CrosswalkImporter, open_importer
from rolegraph.importers.base import Triple
from rolegraph.vocab import GRAPH, ONET

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CROSSWALK = FIXTURES / "crosswalk"
SOC = CROSSWALK / "soc" / "2010_to_2019_Crosswalk.csv"
OCC = "http://data.europa.eu/esco/occupation/"


def occ(x: str) -> URIRef:
    return URIRef(f"{OCC}{x * 8}-0000-4000-8000-00000000000{x}")


def mappings(triples: list[Triple]) -> set[Triple]:
    return {t for t in triples if str(t[1]).startswith(str(SKOS))}


def test_without_the_soc_crosswalk() -> None:
    # the O*NET and ESCO releases are found next to the crosswalk, as in the data folder
    importer = open_importer("crosswalk", CROSSWALK)
    assert (importer.name, importer.release) == ("crosswalk", "mcc")
    assert importer.graph_iri == GRAPH["crosswalk-mcc"]
    triples = list(importer.triples())
    assert mappings(triples) == {
        (occ("a"), SKOS.closeMatch, ONET["occupation/11-2021.00"]),  # confidence 2.0
        (occ("b"), SKOS.closeMatch, ONET["occupation/41-3011.00"]),  # 1.0
        (occ("e"), SKOS.closeMatch, ONET["occupation/11-9199.00"]),  # 2010 .11 -> .00
        # 2010 15-1199.09 became 15-1299.09: found by its title, as the SOC crosswalk would
        (occ("e"), SKOS.closeMatch, ONET["occupation/15-1299.09"]),
        # narrower ESCO occupations without a row of their own inherit their parent's match
        (occ("c"), SKOS.broadMatch, ONET["occupation/41-3011.00"]),
        (occ("d"), SKOS.broadMatch, ONET["occupation/41-3011.00"]),
    }
    quirks = {q.kind: q for q in importer.report.quirks}
    missing = quirks["O*NET-SOC 2010 code not in 2019 taxonomy (skipped)"]
    assert (missing.count, missing.examples) == (1, ["41-3099.00"])
    by_title = quirks["O*NET-SOC 2010 code mapped to the 2019 occupation of the same title"]
    assert by_title.examples == ["15-1199.09 -> 15-1299.09"]
    assert quirks["O*NET-SOC 2010 code mapped to its .00 occupation"].examples == [
        "11-9199.11 -> 11-9199.00"
    ]
    assert quirks["ESCO occupation not in the ESCO release (skipped)"].count == 1
    counts = importer.report.counts
    assert (counts["rows"], counts["direct mappings"], counts["inherited mappings"]) == (6, 4, 2)


def test_with_the_soc_crosswalk() -> None:
    importer = CrosswalkImporter(
        CROSSWALK / "esco_onet_crosswalk_MCC.csv",
        onet_dir=FIXTURES / "onet" / "29.2",
        esco_dir=FIXTURES / "esco" / "1.1.1",
        soc_crosswalk=SOC,
    )
    triples = list(importer.triples())
    found = mappings(triples)
    assert (occ("d"), SKOS.relatedMatch, ONET["occupation/41-3091.00"]) in found  # 0.5
    assert (occ("e"), SKOS.closeMatch, ONET["occupation/15-1299.09"]) in found
    assert (occ("c"), SKOS.broadMatch, ONET["occupation/41-3011.00"]) in found
    assert not [t for t in found if t[0] == occ("d") and t[1] == SKOS.broadMatch]
    assert importer.report.quirk_count("O*NET-SOC 2010 code not in 2019 taxonomy (skipped)") == 0
    seen: list[int] = []
    list(
        CrosswalkImporter(
            CROSSWALK,
            onet_dir=FIXTURES / "onet" / "29.2",
            esco_dir=FIXTURES / "esco" / "1.1.1",
            soc_crosswalk=SOC,
        ).triples(seen.append)
    )
    assert sum(seen) == importer.total_rows()


def test_alone_codes_are_unchecked(tmp_path: Path) -> None:
    shutil.copy(CROSSWALK / "esco_onet_crosswalk_MCC.csv", tmp_path / "esco_onet_crosswalk_MCC.csv")
    importer = open_importer("crosswalk", tmp_path / "esco_onet_crosswalk_MCC.csv")
    triples = list(importer.triples())
    assert (occ("e"), SKOS.closeMatch, ONET["occupation/15-1199.09"]) in triples
    assert len(mappings(triples)) == 6
    assert any("unchecked" in note for note in importer.report.notes)


def test_not_a_crosswalk(tmp_path: Path) -> None:
    (tmp_path / "other.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="no ESCO-O\\*NET crosswalk here"):
        open_importer("crosswalk", tmp_path)
    with pytest.raises(InputError, match="missing column"):
        open_importer("crosswalk", tmp_path / "other.csv")
