"""The wheel carries the ontology, shapes, queries, data and web page, so an installed copy works
from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip()[-300:]}")
    return zipfile.ZipFile(next(out.glob("rolegraph-*.whl")))


def test_wheel_carries_the_resources(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    expected = {
        f"rolegraph/_resources/{folder}/{path.name}"
        for folder in ("ontology", "shapes", "queries")
        for path in (REPO / folder).iterdir()
        if path.is_file()
    }
    assert len(expected) > 40
    assert expected <= names
    assert "rolegraph/data/article.ttl" in names
    assert "rolegraph/server/static/index.html" in names
    assert "rolegraph/py.typed" in names


def test_wheel_carries_every_module_and_every_query(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    modules = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "rolegraph").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert {"rolegraph/queries/__init__.py", "rolegraph/queries/catalog.py"} <= modules
    assert modules <= names, sorted(modules - names)
    queries = {
        f"rolegraph/_resources/{path.relative_to(REPO).as_posix()}"
        for path in (REPO / "queries").rglob("*.rq")
    }
    assert any("/internal/" in name for name in queries)
    assert queries <= names, sorted(queries - names)


def test_wheel_declares_the_console_script(wheel: zipfile.ZipFile) -> None:
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "rolegraph = rolegraph.cli:run" in wheel.read(entry_points).decode()


def test_console_script_answers_help() -> None:
    script = Path(sys.executable).parent / "rolegraph"
    if not script.exists():
        pytest.skip("rolegraph is not installed as a console script in this environment")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "validate" in result.stdout
