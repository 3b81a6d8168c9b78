"""`pip install rolegraph` (no extras) must give a working `rolegraph serve`: every package the
server imports is a core dependency, and a missing one is named in one line, not a traceback."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from rolegraph.cli import main

REPO = Path(__file__).resolve().parents[2]


def _norm(name: str) -> str:
    return name.lower().replace("_", "-")


def _third_party_imports(paths: list[Path]) -> set[str]:
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "rolegraph"}


def test_every_server_import_is_a_core_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_norm(Requirement(text).name) for text in project["dependencies"]}
    # what a core dependency itself requires is installed with it (fastapi brings starlette)
    for name in list(core):
        for text in requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None:
                core.add(_norm(requirement.name))
    sources = [*(REPO / "rolegraph" / "server").glob("*.py"), REPO / "rolegraph/cli/serve.py"]
    providers = packages_distributions()
    uncovered = {}
    for module in _third_party_imports(sources):
        dists = {_norm(d) for d in providers.get(module, [module])}
        if not dists & core:
            uncovered[module] = sorted(dists)
    assert not uncovered, f"the server imports packages that are not core dependencies: {uncovered}"


def test_a_missing_server_package_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now fails
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "'uvicorn'" in err and "pip install" in err
    assert "Traceback" not in err
