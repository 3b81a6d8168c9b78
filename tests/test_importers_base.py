"""The importer protocol, the report and open_importer's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolegraph.errors import InputError
from rolegraph.importers import KINDS, Importer, ImportReport, Quirk, open_importer
from rolegraph.importers.base import count_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_report_keeps_five_examples_and_fits_80_columns() -> None:
    report = ImportReport(source="ESCO 1.1.1", graph="https://w3id.org/rolegraph/graph/esco-1.1.1")
    report.counts["occupations"] = 3007
    for n in range(7):
        report.quirk(
            "relation to unknown occupation (skipped)", f"http://example.org/{'x' * 90}{n}"
        )
    report.quirk("relation to unknown occupation (skipped)", None)
    (quirk,) = report.quirks
    assert quirk.count == 8
    assert len(quirk.examples) == 5
    text = report.to_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "3,007" in text
    assert report.to_dict() == {
        "source": "ESCO 1.1.1",
        "graph": "https://w3id.org/rolegraph/graph/esco-1.1.1",
        "counts": {"occupations": 3007},
        "quirks": [
            {
                "kind": "relation to unknown occupation (skipped)",
                "count": 8,
                "examples": quirk.examples,
            }
        ],
        "notes": [],
    }
    assert Quirk("x").examples == []


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("esco", FIXTURES / "esco" / "1.1.1"),
        ("onet", FIXTURES / "onet" / "29.2"),
        ("wages", FIXTURES / "wages"),
        ("crosswalk", FIXTURES / "crosswalk"),
    ],
)
def test_every_kind_satisfies_the_protocol(kind: str, path: Path) -> None:
    importer = open_importer(kind, path)
    assert isinstance(importer, Importer)
    assert importer.name == kind
    assert str(importer.graph_iri).endswith(f"/graph/{kind}-{importer.release}")
    assert str(importer.source_iri).endswith(f"/id/source/{kind}-{importer.release}")
    assert importer.total_rows() > 0
    first = next(iter(importer.triples()))
    assert first[0] == importer.source_iri


def test_open_importer_errors(tmp_path: Path) -> None:
    assert KINDS == ("esco", "onet", "wages", "crosswalk")
    with pytest.raises(InputError, match="unknown import kind"):
        open_importer("isco", tmp_path)
    with pytest.raises(InputError, match="no such file"):
        open_importer("esco", tmp_path / "missing")
    with pytest.raises(InputError, match="needs a path"):
        open_importer("onet", None)
    with pytest.raises(InputError, match="unknown option"):
        open_importer("esco", FIXTURES / "esco" / "1.1.1", threshold=3)
    with pytest.raises(InputError) as caught:
        open_importer("onet", FIXTURES / "esco" / "1.1.1")
    assert caught.value.file == str(FIXTURES / "esco" / "1.1.1")


def test_count_lines_counts_an_unterminated_last_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a\r\nb\r\nc")
    assert count_lines(path) == 3
    path.write_bytes(b"a\nb\n")
    assert count_lines(path) == 2
