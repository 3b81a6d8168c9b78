"""Importing the same release from a folder of another name added a second copy (every label
doubled): a release is now identified by its content, so importing it again replaces it."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from rolegraph.store import OxigraphStore
from tests.conftest import FIXTURES


def esco_graphs(path: Path) -> dict[str, int]:
    with OxigraphStore(path, read_only=True) as store:
        return {str(g): store.count(g) for g in store.graph_names() if "esco" in str(g)}


def test_a_copy_in_another_folder_replaces_the_release(cli, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert cli("import", "esco", FIXTURES / "esco" / "1.1.1", "--store", store, "--quiet").code == 0
    first = esco_graphs(store)
    copy = tmp_path / "downloads" / "esco-copy"
    shutil.copytree(FIXTURES / "esco" / "1.1.1", copy)
    relations = copy / "occupationSkillRelations.csv"  # the same file, gzipped
    (copy / "occupationSkillRelations.csv.gz").write_bytes(gzip.compress(relations.read_bytes()))
    relations.unlink()
    again = cli("import", "esco", copy, "--store", store, "--quiet")
    assert again.code == 0, again.err
    assert esco_graphs(store) == first
    labels = cli(
        "query",
        "--store",
        store,
        "--sparql",
        "SELECT ?o (COUNT(?l) AS ?n) WHERE { ?o a rg:Role ; skos:prefLabel ?l } "
        "GROUP BY ?o HAVING (COUNT(?l) > 1)",
    )
    assert labels.code == 1  # no role has two labels


def test_changed_content_is_another_release(cli, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert cli("import", "esco", FIXTURES / "esco" / "1.1.1", "--store", store, "--quiet").code == 0
    changed = tmp_path / "esco-next"
    shutil.copytree(FIXTURES / "esco" / "1.1.1", changed)
    skills = changed / "skills_en.csv"
    skills.write_text(skills.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cli("import", "esco", changed, "--store", store, "--quiet").code == 0
    assert len(esco_graphs(store)) == 2
