"""A release with a file cut short imported as if whole, exit 0: ``occupations_en.csv`` cut
mid-row gave 554,468 of 895,567 triples with only a "ragged row" quirk, ``Skills.txt`` cut in
half likewise. A file cut short is now an input error unless ``--lenient``, which imports what
is there and reports the damage; ESCO's legitimately ragged skills hierarchy still imports."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from rolegraph.store import OxigraphStore
from tests.conftest import FIXTURES


def cut_mid_row(path: Path, rows: int = 2, fields: int = 3) -> None:
    """Keep the header and ``rows`` whole rows of ``path``, then ``fields`` fields of the next
    row, as a copy or download that stopped there would."""
    delimiter = "\t" if path.suffix == ".txt" else ","
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle, delimiter=delimiter))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows(records[: rows + 1])
    writer.writerow(records[rows + 1][:fields])
    path.write_text(buffer.getvalue().rstrip("\n"), encoding="utf-8")


@pytest.fixture
def release(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    kind = request.param
    target = tmp_path / kind / ("1.1.1" if kind == "esco" else "29.2")
    shutil.copytree(FIXTURES / kind / target.name, target)
    return target


@pytest.mark.parametrize(
    ("release", "name"),
    [("esco", "occupations_en.csv"), ("onet", "Skills.txt")],
    indirect=["release"],
)
def test_a_file_cut_mid_row_is_refused(cli, release: Path, name: str) -> None:
    cut_mid_row(release / name)
    store = release.parent.parent / "store"
    result = cli("import", release.parent.name, release, "--store", store, "--quiet")
    assert result.code == 2
    assert "ends in the middle of a row" in result.err and name in result.err
    assert "Traceback" not in result.err and result.err.count("\n") == 1
    # nothing of the damaged release reached the store
    with OxigraphStore(store, read_only=True) as opened:
        assert not [g for g in opened.graph_names() if release.parent.name in str(g)]


@pytest.mark.parametrize("release", ["onet"], indirect=True)
def test_lenient_imports_what_is_there_and_reports_it(cli, release: Path) -> None:
    cut_mid_row(release / "Skills.txt")
    store = release.parent.parent / "store"
    result = cli("import", "onet", release, "--store", store, "--quiet", "--lenient")
    assert result.code == 0, result.err
    assert "the file ends in the middle of a row (cut short?)" in result.out
    assert "Skills.txt:4" in result.out


@pytest.mark.parametrize("release", ["esco"], indirect=True)
def test_ragged_rows_of_a_whole_file_still_import(cli, release: Path) -> None:
    store = release.parent.parent / "store"
    result = cli("import", "esco", release, "--store", store, "--quiet")
    assert result.code == 0, result.err
    assert "ragged row (padded to the header's width)" in result.out


@pytest.mark.data
def test_the_real_esco_release_imports_without_damage(shared_data: Path, tmp_path: Path) -> None:
    from rolegraph.importers import open_importer

    importer = open_importer("esco", shared_data / "esco" / "1.1.1")
    for table in importer._tables():  # type: ignore[attr-defined]
        assert table.ends_with_line_break(), table.path
