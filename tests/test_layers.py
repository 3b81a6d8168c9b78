"""The faces (command line, server) reach the graph only through the façade, ``RoleGraph``:
no module under ``rolegraph/cli/`` or ``rolegraph/server/`` imports the algorithms, the
importers or the graph projection directly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rolegraph"
FACES = sorted([*(PACKAGE / "cli").rglob("*.py"), *(PACKAGE / "server").rglob("*.py")])
BEHIND_THE_FACADE = ("rolegraph.analysis", "rolegraph.importers", "rolegraph.network")


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, typing-only included."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def reaches_behind(module: str) -> bool:
    return any(module == hidden or module.startswith(hidden + ".") for hidden in BEHIND_THE_FACADE)


@pytest.mark.parametrize("path", FACES, ids=[str(p.relative_to(PACKAGE)) for p in FACES])
def test_faces_import_only_the_facade(path: Path) -> None:
    behind = sorted(m for m in imported_modules(path) if reaches_behind(m))
    assert not behind, f"{path.relative_to(PACKAGE)} imports {behind}: call RoleGraph instead"


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "face.py"
    module.write_text("def f():\n    from rolegraph.analysis.routes import routes\n")
    assert any(reaches_behind(m) for m in imported_modules(module))
    module.write_text("from rolegraph import network\n")
    assert any(reaches_behind(m) for m in imported_modules(module))
    module.write_text("from rolegraph.api import RoleGraph\n")
    assert not any(reaches_behind(m) for m in imported_modules(module))
