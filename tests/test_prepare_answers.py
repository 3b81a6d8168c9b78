"""An import ends by computing the whole-graph checks and listings, which an on-disk store keeps:
their first ask after the import reads the kept answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rolegraph.answers import AnswerCache
from rolegraph.queries import get_query, load_queries, prepare_answers, run_query
from rolegraph.store import OxigraphStore, load_builtin
from tests.conftest import FIXTURES, CliResult

Cli = Callable[..., CliResult]


def kept(store: OxigraphStore, name: str) -> bool:
    assert store.answers is not None
    generation = store.generation()
    assert generation is not None
    return store.answers.get(get_query(name).text, generation) is not None


def test_prepare_runs_every_query_without_required_parameters(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "graph-db") as store:
        # keep every answer, however fast, to see which queries ran
        store.answers = AnswerCache(tmp_path / "answers", slow_seconds=0.0)
        names = prepare_answers(store)
        whole_graph = {
            name
            for name, query in load_queries().items()
            if not any(p.required for p in query.parameters)
        }
        assert set(names) == whole_graph
        assert "roles" in names and "dangling-reference-violation" in names
        assert "role-skills" not in names  # needs a role
        assert all(kept(store, name) for name in names)
        before = run_query(store, "roles")
        assert kept(store, "roles")
        assert run_query(store, "roles").rows == before.rows


@pytest.mark.parametrize("prepare", [True, False])
def test_import_prepares_unless_told_not_to(cli: Cli, tmp_path: Path, prepare: bool) -> None:
    location = tmp_path / "graph-db"
    args = ["import", "esco", FIXTURES / "esco" / "1.1.1", "--store", location]
    result = cli(*args, *([] if prepare else ["--no-prepare"]))
    assert result.code == 0, result.err
    assert ("prepared the answers of" in result.out) is prepare


@pytest.mark.parametrize(
    "command",
    [("align-skills", "--quiet"), ("derive-moves", "--min-score", "0.2", "--scheme", "rolegraph")],
)
@pytest.mark.parametrize("prepare", [True, False])
def test_commands_writing_a_graph_prepare_like_imports(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    prepare: bool,
) -> None:
    # keep every answer, however fast: the built-in data answers in milliseconds
    defaults = {**(AnswerCache.__init__.__kwdefaults__ or {}), "slow_seconds": 0.0}
    monkeypatch.setattr(AnswerCache.__init__, "__kwdefaults__", defaults)
    location = tmp_path / "graph-db"
    with OxigraphStore(location) as store:
        load_builtin(store)
    result = cli(*command, "--store", location, *([] if prepare else ["--no-prepare"]))
    assert result.code == 0, result.err
    assert ("prepared the answers of" in result.out) is prepare
    with OxigraphStore(location, read_only=True) as store:
        # the answer of the new generation, the one the write started, is ready or not
        assert kept(store, "dangling-reference-violation") is prepare


def test_a_batch_of_imports_compacts_the_store_once_at_its_end(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rolegraph.store.oxigraph

    monkeypatch.setattr(rolegraph.store.oxigraph, "_COMPACT_AFTER", 100)  # the fixtures are small
    compactions: list[str] = []
    decide = OxigraphStore._compaction

    def recorded(self: OxigraphStore, count: int) -> str:
        compactions.append(decide(self, count))
        return compactions[-1]

    monkeypatch.setattr(OxigraphStore, "_compaction", recorded)
    location = tmp_path / "graph-db"
    owed = tmp_path / ".graph-db.uncompacted"
    esco = ["import", "esco", FIXTURES / "esco" / "1.1.1", "--store", location]
    assert cli(*esco, "--no-prepare").code == 0
    assert compactions[-1] == "owed" and owed.exists()  # left to the last import
    onet = ["import", "onet", FIXTURES / "onet" / "29.2", "--store", location]
    assert cli(*onet).code == 0
    assert compactions[-1] == "now" and not owed.exists()
