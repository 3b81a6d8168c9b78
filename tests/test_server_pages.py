"""The page's addresses answer what they show: an unknown role or path is a real 404 (the page,
for a browser; JSON or text for programs), a role's short address works for every
classification, and ``/api/role?where=`` gives the salary figures of that place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from rolegraph.load import USER_GRAPH
from rolegraph.server import create_app
from rolegraph.server.web import iri_for, key_for, page_for
from rolegraph.store import OxigraphStore, load_builtin, load_user_files

HTML = {"Accept": "text/html,application/xhtml+xml"}

CALIFORNIA = """@prefix rg: <https://w3id.org/rolegraph/ns#> .
@prefix role: <https://w3id.org/rolegraph/id/role/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
role:account-manager rg:salary <https://w3id.org/rolegraph/id/salary/test-am-ca> .
<https://w3id.org/rolegraph/id/salary/test-am-ca> a rg:SalaryDistribution ;
    rg:currency "USD" ; rg:median 91000.0 ; rg:percentile10 61000.0 ; rg:percentile90 150000.0 ;
    rg:region <https://w3id.org/rolegraph/id/region/US-CA> .
<https://w3id.org/rolegraph/id/region/US-CA> rg:regionCode "US-CA" .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = OxigraphStore()
    load_builtin(store)
    extra = Path(tmp_path_factory.mktemp("data")) / "california.ttl"
    extra.write_text(CALIFORNIA, encoding="utf-8")
    load_user_files(store, [extra], USER_GRAPH)
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_a_known_role_page_is_200_and_an_unknown_one_404(client: TestClient) -> None:
    assert client.get("/role/account-manager", headers=HTML).status_code == 200
    assert client.get("/role/Account%20Manager", headers=HTML).status_code == 200
    missing = client.get("/role/no-such-role", headers=HTML)
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]
    assert b'src="/static/js/app.js"' in missing.content  # the page explains and suggests


def test_an_unknown_path_is_a_404_page_for_browsers_and_text_for_programs(
    client: TestClient,
) -> None:
    page = client.get("/nonsense/path", headers=HTML)
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    plain = client.get("/nonsense/path")
    assert plain.status_code == 404 and "text/html" not in plain.headers["content-type"]
    api = client.get("/api/nonsense", headers=HTML)
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"


def test_role_keys_are_short_and_go_both_ways() -> None:
    esco = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"
    onet = "https://w3id.org/rolegraph/id/onet/occupation/15-2051.00"
    article = "https://w3id.org/rolegraph/id/role/account-manager"
    assert key_for(esco) == "esco/258e46f9-0075-4a2e-adae-1ff0477e0f30"
    assert key_for(onet) == "onet/15-2051.00"
    assert key_for(article) == "account-manager"
    for iri in (esco, onet, article):
        key = key_for(iri)
        assert key is not None and iri_for(key) == iri
    assert page_for(esco) == "/role/esco/258e46f9-0075-4a2e-adae-1ff0477e0f30"
    assert iri_for("Account Manager") == "Account Manager"


def test_role_where_gives_that_place_s_figures(client: TestClient) -> None:
    here = client.get("/api/role", params={"id": "Account Manager", "where": "US-CA"}).json()
    assert here["where"] == "US-CA" and here["salary_is_national"] is False
    assert [(e["region"], e["median"]) for e in here["salary"]] == [("US-CA", 91000.0)]
    by_name = client.get("/api/role", params={"id": "Account Manager", "where": "california"})
    assert by_name.json()["salary"] == here["salary"]
    national = client.get("/api/role", params={"id": "Account Manager", "where": "US-TX"}).json()
    assert national["salary_is_national"] is True
    assert [(e["region"], e["min"], e["max"]) for e in national["salary"]] == [
        ("US", 60000.0, 80000.0)
    ]


def test_an_unknown_place_is_refused_with_a_message(client: TestClient) -> None:
    answer = client.get("/api/role", params={"id": "Account Manager", "where": "XX-99"})
    assert answer.status_code == 404
    assert "unknown place 'XX-99'" in answer.json()["error"]
    near = client.get("/api/role", params={"id": "Account Manager", "where": "Califrnia"})
    assert near.status_code == 404 and near.json()["suggestions"][0] == "California (US-CA)"
