"""The JSON of every command with ``--format json`` and of every JSON API route, compared with
the answers kept in ``tests/golden/``: a change in what programs read is seen, not shipped.

The answers come from the built-in data (and, for the commands that work on imported data, a
small store built from the fixtures in the official layouts), so they are the same on every
machine. Figures that measure time and paths of temporary folders are replaced by placeholders.

After a change meant to alter the JSON, write the new answers and review their diff:

    ROLEGRAPH_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rolegraph.cli import main
from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, Store, load_builtin
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("ROLEGRAPH_UPDATE_GOLDEN"))

#: Keys whose values are times measured while answering: kept as a placeholder.
TIMED = {"seconds", "prepare_seconds", "all_pairs_seconds"}

AM, PM = "Account Manager", "Project Manager"

#: (golden file name, command line, exit code) on the built-in data.
COMMANDS: list[tuple[str, list[str], int]] = [
    ("roles", ["roles"], 0),
    ("show-project-manager", ["show", "PM"], 0),
    ("show-account-manager", ["show", AM], 0),
    ("validate", ["validate"], 0),
    ("check", ["check"], 0),
    (
        "query-roles-by-certification",
        ["query", "roles-by-certification", "-b", "certification=PMP"],
        0,
    ),
    ("query-skill-gap", ["query", "skill-gap", "-b", f"a={AM}", "-b", f"b={PM}"], 0),
    ("compare", ["compare", AM, PM], 0),
    ("compare-reversed", ["compare", PM, "Sales Manager"], 0),
    ("similar", ["similar", PM], 0),
    ("similar-weighted-jaccard", ["similar", AM, "--measure", "weighted-jaccard", "--top", "3"], 0),
    ("similar-onet", ["similar", AM, "--scheme", "onet"], 1),
    ("route", ["route", AM, "Sales Manager"], 0),
    ("route-where", ["route", PM, "Portfolio Manager", "--k", "5", "--where", "US-CA"], 0),
    ("route-none", ["route", "Sales Manager", AM, "--promotions-only"], 1),
    ("next", ["next", PM], 0),
    ("next-depth-2", ["next", AM, "--depth", "2", "--top", "5"], 0),
    ("fit", ["fit", "--skill", "negotiation", "--skill", "time management"], 0),
    ("skills", ["skills"], 0),
    ("skills-transferable", ["skills", "--transferable", "--top", "5"], 0),
    ("derive-moves", ["derive-moves", "--dry-run"], 0),
    ("align-skills", ["align-skills", "--dry-run"], 0),
    ("evaluate", ["evaluate"], 0),
]

#: (golden file name, path and query) of the JSON API on the built-in data; GET unless a body.
ROUTES: list[tuple[str, str, int]] = [
    ("health", "/api/health", 200),
    ("roles", "/api/roles", 200),
    ("role", "/api/role?id=PM", 200),
    ("role-where", "/api/role?id=Project%20Manager&where=US-CA", 200),
    ("role-by-path", "/api/roles/role:account-manager", 200),
    ("role-unknown", "/api/role?id=Acount%20Manger", 404),
    ("search", "/api/search?q=manager", 200),
    ("search-nearest", "/api/search?q=data%20scientst&nearest=true", 200),
    ("skills-search", "/api/skills/search?q=negotiaton", 200),
    ("queries", "/api/queries", 200),
    ("query-skill-gap", "/api/queries/skill-gap?a=Account%20Manager&b=Project%20Manager", 200),
    ("validate", "/api/validate", 200),
    ("compare", "/api/compare?a=Account%20Manager&b=Project%20Manager", 200),
    ("route", "/api/route?from=Account%20Manager&to=Sales%20Manager", 200),
    ("route-where", "/api/route?from=PM&to=Portfolio%20Manager&k=5&where=CA", 200),
    (
        "route-none",
        "/api/route?from=Sales%20Manager&to=Account%20Manager&promotions_only=true",
        200,
    ),
    ("next", "/api/next?role=Project%20Manager", 200),
    ("next-depth-2", "/api/next?role=Account%20Manager&depth=2&top=5", 200),
    ("fit", "/api/fit?skill=negotiation&skill=time%20management", 200),
    ("similar", "/api/similar?role=Project%20Manager", 200),
    ("similar-jaccard", "/api/similar?role=Account%20Manager&measure=jaccard&top=3", 200),
    ("transferable", "/api/transferable?top=5", 200),
    ("transferable-roles", "/api/transferable?by=roles&scheme=rolegraph", 200),
]

#: RDF posted to /api/validate: one role without a label or a skill.
UPLOAD = b"""@prefix rg: <https://w3id.org/rolegraph/ns#> .
<https://w3id.org/rolegraph/id/role/nameless> a rg:Role .
"""

#: Imports of the fixtures, in the order a user runs them, then commands on what they made.
IMPORTS: list[tuple[str, list[str]]] = [
    ("import-esco", ["import", "esco", str(FIXTURES / "esco" / "1.1.1"), "--quiet"]),
    ("import-onet", ["import", "onet", str(FIXTURES / "onet" / "29.2"), "--quiet"]),
    (
        "import-crosswalk",
        [
            "import",
            "crosswalk",
            str(FIXTURES / "crosswalk" / "esco_onet_crosswalk_MCC.csv"),
            "--quiet",
        ],
    ),
    ("import-wages", ["import", "wages", str(FIXTURES / "wages"), "--quiet"]),
    ("imported-align-skills", ["align-skills", "--quiet"]),
    ("imported-derive-moves", ["derive-moves"]),
    ("imported-similar", ["similar", "11-2021.00"]),
    ("imported-next", ["next", "41-3011.00", "--depth", "2"]),
    ("imported-route", ["route", "41-3011.00", "11-2021.00"]),
    ("imported-evaluate", ["evaluate"]),
]


def _normal(value: Any, tmp: str) -> Any:
    """``value`` with measured times and the folder ``tmp`` replaced by placeholders."""
    if isinstance(value, dict):
        return {
            key: "<time>" if key in TIMED and value[key] is not None else _normal(item, tmp)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_normal(item, tmp) for item in value]
    if isinstance(value, str):
        value = value.replace(str(FIXTURES), "<fixtures>")
        return value.replace(tmp, "<tmp>") if tmp else value
    return value


def _check(kind: str, name: str, data: Any, tmp: str = "") -> None:
    path = GOLDEN / kind / f"{name}.json"
    data = _normal(data, tmp)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path}: run with ROLEGRAPH_UPDATE_GOLDEN=1"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert data == expected, f"the JSON of {kind}/{name} changed (see {path})"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv("ROLEGRAPH_STORE", raising=False)

    def command(args: list[str], code: int) -> Any:
        capsys.readouterr()
        assert main([*args, "--format", "json"]) == code, capsys.readouterr().err
        return json.loads(capsys.readouterr().out)

    yield command


@pytest.mark.parametrize(("name", "args", "code"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_json_is_unchanged(run: Any, name: str, args: list[str], code: int) -> None:
    _check("cli", name, run(args, code))


def test_imported_data_json_is_unchanged(run: Any, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    for name, args in IMPORTS:
        _check("cli", name, run([*args, "--store", store], 0), str(tmp_path))


def test_download_json_is_unchanged(run: Any, tmp_path: Path) -> None:
    release = FIXTURES / "crosswalk" / "esco_onet_crosswalk_MCC.csv"
    digest = hashlib.sha256(release.read_bytes()).hexdigest()
    args = ["download", "crosswalk", "--to", str(tmp_path), "--url", release.as_uri()]
    data = run([*args, "--sha256", digest, "--quiet"], 0)
    _check("cli", "download", data, str(tmp_path))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store: Store = OxigraphStore()
    load_builtin(store)
    with TestClient(create_app(store, settings=ServerSettings())) as client:
        yield client
    store.close()


@pytest.mark.parametrize(("name", "url", "status"), ROUTES, ids=[r[0] for r in ROUTES])
def test_api_json_is_unchanged(client: TestClient, name: str, url: str, status: int) -> None:
    answer = client.get(url)
    assert answer.status_code == status, answer.text
    _check("api", name, answer.json())


def test_api_validate_upload_json_is_unchanged(client: TestClient) -> None:
    answer = client.post("/api/validate", content=UPLOAD, headers={"content-type": "text/turtle"})
    assert answer.status_code == 200, answer.text
    _check("api", "validate-upload", answer.json())
