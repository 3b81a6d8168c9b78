"""Identifiers that cannot stand in an IRI: every importer refuses them where it reads them,
naming the file, line and column (or skips the row with --lenient), before the engine sees a
triple."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

from rolegraph.errors import InputError
from rolegraph.importers import open_importer
from rolegraph.store.oxigraph import OxigraphStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/aaaaaaaa-0000-4000-8000-00000000000a"


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file in source.iterdir():
        shutil.copy(file, folder / file.name)
    return folder


def _replace_in(file: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``file``; the 1-based line it was on."""
    text = file.read_text(encoding="utf-8")
    at = text.index(old)
    file.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def _bad_esco(folder: Path) -> tuple[Path, int]:
    esco = _copy(FIXTURES / "esco" / "1.1.1", folder)
    occupations = esco / "occupations_en.csv"
    line = _replace_in(occupations, ESCO_OCCUPATION, ESCO_OCCUPATION.replace("-0000-", " 0000-"))
    return esco, line


def test_an_esco_concept_uri_with_a_space_names_file_line_and_column(tmp_path: Path) -> None:
    esco, line = _bad_esco(tmp_path / "esco")
    with pytest.raises(InputError) as caught:
        list(open_importer("esco", esco).triples())
    error = caught.value
    assert (error.file, error.line) == (str(esco / "occupations_en.csv"), line)
    assert "column conceptUri" in str(error) and "--lenient" in str(error)


def test_lenient_skips_the_row_whose_uri_cannot_be_an_iri(tmp_path: Path) -> None:
    esco, line = _bad_esco(tmp_path / "esco")
    importer = open_importer("esco", esco, lenient=True)
    triples = list(importer.triples())
    (quirk,) = [q for q in importer.report.quirks if "IRI" in q.kind]
    assert quirk.kind == "conceptUri that cannot be part of an IRI (row skipped)"
    assert quirk.examples == [f"occupations_en.csv:{line}"]
    subjects = {str(s) for s, _, _ in triples}
    assert not [s for s in subjects if " " in s]
    assert "http://data.europa.eu/esco/occupation/bbbbbbbb-0000-4000-8000-00000000000b" in subjects


@pytest.mark.parametrize(
    ("file", "old", "new", "column"),
    [
        ("Occupation Data.txt", "11-2021.00\t", "11-2021.00 x\t", "O*NET-SOC Code"),
        ("Skills.txt", "\t2.A.1.d\t", "\t2.A.1 d\t", "Element ID"),
        ("Task Statements.txt", "\t3489\t", "\t34/89\t", "Task ID"),
    ],
)
def test_an_onet_identifier_that_cannot_be_an_iri_is_refused(
    tmp_path: Path, file: str, old: str, new: str, column: str
) -> None:
    onet = _copy(FIXTURES / "onet" / "29.2", tmp_path / "db_29_2_text")
    line = _replace_in(onet / file, old, new)
    with pytest.raises(InputError) as caught:
        list(open_importer("onet", onet).triples())
    assert (caught.value.file, caught.value.line) == (str(onet / file), line)
    assert f"column {column}" in str(caught.value)


def test_a_crosswalk_uri_that_cannot_be_an_iri_is_refused(tmp_path: Path) -> None:
    crosswalk = tmp_path / "esco_onet_crosswalk_MCC.csv"
    shutil.copy(FIXTURES / "crosswalk" / "esco_onet_crosswalk_MCC.csv", crosswalk)
    line = _replace_in(crosswalk, ESCO_OCCUPATION, ESCO_OCCUPATION + "<")
    with pytest.raises(InputError) as caught:
        list(open_importer("crosswalk", crosswalk).triples())
    assert (caught.value.file, caught.value.line) == (str(crosswalk), line)


def test_a_release_that_cannot_be_part_of_an_iri_is_refused() -> None:
    with pytest.raises(InputError, match="release '1/2'"):
        open_importer("onet", FIXTURES / "onet" / "29.2", release="1/2")


def test_the_cli_refuses_the_import_and_keeps_the_store(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    store = tmp_path / "graph-db"
    onet = FIXTURES / "onet" / "29.2"
    assert cli("import", "onet", onet, "--store", store, "--quiet").code == 0
    esco, line = _bad_esco(tmp_path / "esco")
    result = cli("import", "esco", esco, "--store", store, "--quiet")
    assert result.code == 2
    assert f"occupations_en.csv:{line}: column conceptUri" in result.err
    assert ".pipe" not in result.err
    with OxigraphStore(store) as kept:
        names = [str(g) for g in kept.graph_names()]
    assert not [name for name in names if "esco" in name]
    assert [name for name in names if name.endswith("/onet-29.2")]


def test_a_store_checks_the_iris_of_triples_nobody_checked(tmp_path: Path) -> None:
    bad = (URIRef("https://example.org/a b"), URIRef("https://example.org/p"), URIRef("urn:x"))
    with OxigraphStore(tmp_path / "graph-db") as store:
        with pytest.raises(InputError, match="IRI"):
            store.replace_graph(URIRef("https://example.org/g"), [bad])
        assert URIRef("https://example.org/g") not in store.graph_names()
