"""Shared fixtures: stores filled with the built-in data, the command line called in-process, and
the path of the real public data (ROLEGRAPH_DATA_DIR, default ../shared/data next to the repo)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rolegraph.cli import main
from rolegraph.store import OxigraphStore, RdflibStore, Store, load_builtin

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def data_dir() -> Path:
    """Where the real ESCO, O*NET and crosswalk copies live."""
    return Path(os.environ.get("ROLEGRAPH_DATA_DIR", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = data_dir()
    if not path.is_dir():
        pytest.skip(f"the public data is not at {path} (set ROLEGRAPH_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def builtin_store() -> Iterator[Store]:
    """An Oxigraph store with the ontology and the article's roles (read-only use)."""
    store = OxigraphStore()
    load_builtin(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def article_stores() -> Iterator[dict[str, Store]]:
    """The built-in data in one store of each engine, by engine name (read-only use)."""
    stores: dict[str, Store] = {"oxigraph": OxigraphStore(), "rdflib": RdflibStore()}
    for store in stores.values():
        load_builtin(store)
    yield stores
    for store in stores.values():
        store.close()


@pytest.fixture(params=["oxigraph", "rdflib"])
def any_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh store with the built-in data, once per engine."""
    store: Store = OxigraphStore() if request.param == "oxigraph" else RdflibStore()
    load_builtin(store)
    yield store
    store.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run ``rolegraph ARGS`` in-process and return its exit code, stdout and stderr."""
    monkeypatch.delenv("ROLEGRAPH_STORE", raising=False)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
