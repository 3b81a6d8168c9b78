"""A second process on a store while one writes to it: a reader removed the writer's build folder
and could leave the store renamed away; a second importer did the same; while ``serve`` had the
store open, every command on it failed with Oxigraph's "IO error: lock file".

Readers now open the store read-only, writers take an exclusive lock beside it, and only the
holder of that lock cleans up after an interrupted writer. ``fcntl`` locks belong to an open file,
so a writer held open in this process stands for a writer in another one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolegraph.store import OxigraphStore, StoreLock, load_builtin
from tests.conftest import FIXTURES, REPO


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    load_builtin(store)
    store.close()
    yield path


def test_a_reader_leaves_a_running_writers_build_alone(cli, store_path: Path) -> None:
    writer = OxigraphStore(store_path)  # holds the lock, as an import does
    building = store_path.with_name(f".{store_path.name}.building-{os.getpid()}")
    building.mkdir()
    (building / "CURRENT").write_text("being built\n")
    try:
        result = cli("roles", "--store", store_path)
        assert result.code == 0, result.err
        assert "Account Manager" in result.out
        assert building.is_dir() and (building / "CURRENT").is_file()
        assert store_path.is_dir()
    finally:
        writer.close()


def test_a_second_writer_fails_with_one_line_naming_the_first(cli, store_path: Path) -> None:
    writer = OxigraphStore(store_path)
    try:
        result = cli(
            "import", "esco", FIXTURES / "esco" / "1.1.1", "--store", store_path, "--quiet"
        )
    finally:
        writer.close()
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "being changed by another process" in result.err
    assert f"process {os.getpid()}" in result.err
    # once the first writer is done, the second one works
    again = cli("import", "esco", FIXTURES / "esco" / "1.1.1", "--store", store_path, "--quiet")
    assert again.code == 0, again.err


def test_a_second_writer_may_wait_for_the_first(
    cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEGRAPH_LOCK_TIMEOUT", "0.3")
    lock = StoreLock(store_path).acquire()
    try:
        result = cli("derive-moves", "--store", store_path)
    finally:
        lock.release()
    assert result.code == 2 and "being changed by another process" in result.err


def test_commands_work_while_a_server_holds_the_store(cli, store_path: Path) -> None:
    served = OxigraphStore(store_path, read_only=True)  # what ``serve`` opens
    try:
        assert cli("roles", "--store", store_path).code == 0
        imported = cli(
            "import", "esco", FIXTURES / "esco" / "1.1.1", "--store", store_path, "--quiet"
        )
        assert imported.code == 0, imported.err
        assert len(served.graph_names()) == 2  # the server keeps the content it opened
    finally:
        served.close()
    shown = cli("roles", "--store", store_path)
    assert shown.code == 0 and "Account Manager" in shown.out


def test_commands_read_while_a_writer_has_the_store_open(cli, store_path: Path) -> None:
    writer = OxigraphStore(
        store_path
    )  # Oxigraph's own lock is held, as by ``serve --allow-updates``
    try:
        result = cli("show", "Account Manager", "--store", store_path)
        assert result.code == 0, result.err
    finally:
        writer.close()


def test_a_swap_a_crash_interrupted_is_undone_by_the_next_reader(cli, store_path: Path) -> None:
    retired = store_path.with_name(f".{store_path.name}.retired-4242")
    os.replace(store_path, retired)  # a writer died between its two renames
    result = cli("roles", "--store", store_path)
    assert result.code == 0, result.err
    assert store_path.is_dir() and not retired.exists()


def test_a_swap_is_not_undone_while_its_writer_runs(cli, store_path: Path) -> None:
    retired = store_path.with_name(f".{store_path.name}.retired-4242")
    os.replace(store_path, retired)
    lock = StoreLock(store_path).acquire()
    try:
        result = cli("roles", "--store", store_path)
    finally:
        lock.release()
    assert result.code == 2 and "no store at" in result.err
    assert retired.is_dir() and not store_path.exists()


def test_reading_a_store_that_does_not_exist_creates_nothing(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    result = cli("roles", "--store", missing)
    assert result.code == 2
    assert "no store at" in result.err and "Traceback" not in result.err
    assert not missing.exists()


HOLD_WRITER = """
import sys
from rolegraph.store import OxigraphStore
store = OxigraphStore(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


def test_another_process_writing_is_waited_for_or_named(
    cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER, str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        assert cli("roles", "--store", store_path).code == 0
        refused = cli("derive-moves", "--store", store_path)
        assert refused.code == 2 and f"process {writer.pid}" in refused.err
        # a writer that may wait gets the store once the other one is done
        assert writer.stdin is not None
        threading.Timer(0.5, writer.stdin.close).start()
        monkeypatch.setenv("ROLEGRAPH_LOCK_TIMEOUT", "60")
        waited = cli("derive-moves", "--store", store_path, "--format", "json")
        assert waited.code == 0, waited.err
    finally:
        writer.kill()
        writer.wait()
