"""The graph algorithms on the article's own roles agree with what the article says."""

from __future__ import annotations

import pytest

from rolegraph.analysis import compare, fit, next_moves, routes, similar, transferable_skills
from rolegraph.network import RoleNetwork, project
from rolegraph.render import to_json
from rolegraph.store import Store
from rolegraph.vocab import ID

ROLE = str(ID["role/"])
SKILL = str(ID["skill/"])
AM, PM = ROLE + "account-manager", ROLE + "project-manager"


@pytest.fixture(scope="module")
def net(builtin_store: Store) -> RoleNetwork:
    return project(builtin_store)


def iris(items: object) -> set[str]:
    return {getattr(item, "skill", item).iri for item in items}  # type: ignore[attr-defined]


def test_both_roles_share_the_core_skills_and_differ_where_the_article_says(
    net: RoleNetwork,
) -> None:
    result = compare(net, AM, PM)
    shared = iris(result.shared_skills)
    for name in ("communication", "problem-solving", "organisational-skills", "time-management"):
        assert SKILL + name in shared
    only_am, only_pm = iris(result.only_a_skills), iris(result.only_b_skills)
    assert {SKILL + "negotiation", SKILL + "relationship-building"} <= only_am
    assert {SKILL + "leadership", SKILL + "risk-management"} <= only_pm
    assert 0 < result.skill_overlap < 0.5
    data = to_json(result)
    assert [f["label"] for f in data["focus"]["a"]] == ["relationship-focused"]
    assert [f["label"] for f in data["focus"]["b"]] == ["task-focused"]
    assert [c["label"] for c in data["communication"]["a"]] == ["external"]
    assert [c["label"] for c in data["communication"]["b"]] == ["internal"]


def test_where_each_career_leads(net: RoleNetwork) -> None:
    am = next_moves(net, AM, scheme="rolegraph")
    assert {m.role.iri for m in am} == {
        ROLE + "senior-account-manager",
        ROLE + "sales-manager",
        ROLE + "business-developer",
    }
    assert am[0].role.iri == ROLE + "senior-account-manager"  # the stated promotion
    pm = next_moves(net, PM, scheme="rolegraph")
    assert {m.role.iri for m in pm} == {
        ROLE + "senior-project-manager",
        ROLE + "program-manager",
        ROLE + "portfolio-manager",
    }
    assert pm[0].role.iri == ROLE + "senior-project-manager"


def test_routes_follow_the_stated_progressions(net: RoleNetwork) -> None:
    to_sales = routes(net, AM, ROLE + "sales-manager")
    best = to_sales.routes[0]
    assert [s.target.iri for s in best.steps] == [ROLE + "sales-manager"]
    assert best.steps[0].origin == "stated"
    up = routes(net, PM, ROLE + "senior-project-manager", promotions_only=True)
    assert [s.move for s in up.routes[0].steps] == ["promotion"]
    across = routes(net, AM, ROLE + "portfolio-manager", promotions_only=True)
    assert across.routes == () and across.reason is not None


def test_similar_and_fit(net: RoleNetwork) -> None:
    assert PM in {s.role.iri for s in similar(net, AM, scheme="rolegraph")}
    relationship = fit(net, [SKILL + "negotiation", SKILL + "relationship-building"])
    assert relationship[0].role.iri == AM
    delivery = fit(net, [SKILL + "leadership", SKILL + "risk-management"])
    assert delivery[0].role.iri == PM


def test_communication_connects_both_roles(net: RoleNetwork) -> None:
    found = {t.skill.iri: t for t in transferable_skills(net, top=len(net.skills), by="roles")}
    assert found[SKILL + "communication"].roles >= 2
    assert SKILL + "negotiation" in found and found[SKILL + "negotiation"].roles == 1
