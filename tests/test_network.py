"""The projection from RDF into a RoleNetwork, on every engine, against a graph of known content."""

from __future__ import annotations

from typing import Any

import pytest

from rolegraph.errors import UnknownNameError
from rolegraph.network import QUERY_NAMES, NetworkBuilder, RoleNetwork, project, scheme_of
from rolegraph.results import QueryResult
from rolegraph.store import Store
from tests.fixtures.analysis import (
    ANALYST,
    CONSULTANT,
    DESIGNER,
    DIRECTOR,
    ESCO_X,
    ESCO_Y,
    MANAGER,
    ONET_LEAD,
    SENIOR,
    skill,
    small_store,
)

ONET_SKILL = "https://w3id.org/rolegraph/id/onet/element/o1"
ONET_UNRATED = "https://w3id.org/rolegraph/id/onet/element/o2"


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def net(request: pytest.FixtureRequest) -> RoleNetwork:
    return project(small_store(request.param))


def named(net: RoleNetwork, role: str) -> dict[str, float]:
    return {net.label(s): w for s, w in net.role_skills(role).items()}


def test_roles_and_skills_are_projected_in_a_stable_order(net: RoleNetwork) -> None:
    assert net.roles == sorted(net.roles)
    assert len(net.roles) == 9
    assert net.skills == sorted(net.skills)
    assert skill("s9") in net.skill_index  # a skill no role requires is still known
    assert net.weights.shape == (9, len(net.skills))


def test_weights_follow_strength_and_importance(net: RoleNetwork) -> None:
    assert named(net, ANALYST) == {
        "skill one": 1.0,
        "skill two": 1.0,
        "skill three": 1.0,
        "skill four": 1.0,
    }
    assert named(net, SENIOR)["skill five"] == 0.5  # optional
    assert named(net, CONSULTANT) == {  # shortcut only: strength unknown counts as essential
        "skill one": 1.0,
        "skill two": 1.0,
        "skill three": 1.0,
        "skill four": 0.5,
    }
    # A rated importance wins; a rated pair without the rg:requiresSkill shortcut is no requirement.
    assert net.role_skills(ONET_LEAD) == {ONET_SKILL: 0.75}
    assert ONET_UNRATED in net.skill_index


def test_labels_codes_and_schemes(net: RoleNetwork) -> None:
    assert net.label(ANALYST) == "Analyst"
    assert net.label(skill("s3")) == "skill three"
    assert net.alt_labels[ANALYST] == ("Business Analyst",)
    assert [scheme_of(r) for r in (ANALYST, ESCO_X, ONET_LEAD)] == ["rolegraph", "esco", "onet"]
    assert net.scheme(ESCO_X) == "esco"
    assert net.codes[ESCO_X] == {"isco": "2511", "esco": ESCO_X}
    assert net.codes[ONET_LEAD] == {"onet": "11-1011.00"}
    ref = net.role_ref(ESCO_Y)
    assert ref == {"iri": ESCO_Y, "label": "esco lead", "scheme": "esco", "codes": ref["codes"]}


def test_seniority_salary_and_facets(net: RoleNetwork) -> None:
    assert net.seniority[ANALYST] == 2  # rg:jobZone
    assert net.seniority[SENIOR] == 3  # rg:seniority rg:MidLevel, notation 3
    assert net.salary[ANALYST] == (50000.0, "USD")  # national over US-CA
    assert net.salary[SENIOR] == (62400.0, "USD")  # hourly 25..35 -> 30 x 2080
    assert net.facet(ANALYST, "focus") == ("https://w3id.org/rolegraph/ns#TaskFocused",)
    assert len(net.responsibilities[SENIOR]) == 2
    kinds = {net.label(q): k.rsplit("#", 1)[-1] for q, k in net.qualification_kinds.items()}
    assert kinds == {
        "bachelor's degree": "EducationQualification",
        "three years of analysis": "ExperienceQualification",
    }


def test_moves_and_equivalences(net: RoleNetwork) -> None:
    kinds = {(u, v): d["kind"] for u, v, d in net.moves.edges(data=True)}
    assert kinds == {
        (ANALYST, SENIOR): "promotion",
        (SENIOR, MANAGER): "transition",
        (MANAGER, DIRECTOR): "promotion",
        (ESCO_X, ESCO_Y): "promotion",
    }
    assert all(d["origin"] == "stated" for _, _, d in net.moves.edges(data=True))
    assert set(map(frozenset, net.equivalences.edges())) == {
        frozenset((ANALYST, ESCO_X)),
        frozenset((ESCO_Y, ONET_LEAD)),
    }


def test_groups_fall_back_to_families_of_stated_moves(net: RoleNetwork) -> None:
    assert net.group(ESCO_X) == "isco:2"
    assert net.group(ONET_LEAD) == "soc:11"
    assert net.group(ANALYST) == net.group(DIRECTOR) != net.group(DESIGNER)


def test_unknown_role_raises_with_suggestions(net: RoleNetwork) -> None:
    with pytest.raises(UnknownNameError) as caught:
        net.index("https://w3id.org/rolegraph/id/role/analyst-typo")
    assert caught.value.kind == "role"
    with pytest.raises(UnknownNameError):
        net.skill_column("nope")


def test_scheme_restricts_the_projection() -> None:
    esco = project(small_store(), scheme="esco")
    assert esco.roles == [ESCO_X, ESCO_Y]
    assert esco.moves.number_of_edges() == 1
    with pytest.raises(UnknownNameError):
        project(small_store(), scheme="isco")


class CountingStore(Store):
    """Wraps a store and counts its queries."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.queries = 0

    def query(self, sparql: str, bindings: Any = None) -> QueryResult:
        self.queries += 1
        return self.inner.query(sparql, bindings)

    def update(self, sparql: str) -> None:
        self.inner.update(sparql)

    def replace_graph(self, graph_iri: Any, triples: Any, *, checked_iris: bool = False) -> int:
        return self.inner.replace_graph(graph_iri, triples)

    def graph_names(self) -> list[Any]:
        return self.inner.graph_names()

    def triples(self, graph_iri: Any = None) -> Any:
        return self.inner.triples(graph_iri)


def test_projection_runs_a_fixed_number_of_bulk_queries() -> None:
    store = CountingStore(small_store())
    project(store)
    assert store.queries == len(QUERY_NAMES)


def test_builder_keeps_the_most_informative_requirement() -> None:
    builder = NetworkBuilder()
    builder.require("r", "a", importance=0.3)
    builder.require("r", "a", strength="essential")
    builder.require("r", "b")
    builder.require("r", "b", strength="optional")
    builder.add_role("q", "Q")
    builder.add_move("r", "q", "promotion")
    builder.add_move("r", "q", "transition")  # a bare progression never weakens a promotion
    builder.add_move("r", "q", "lateral", origin="derived", score=0.9)  # stated wins
    builder.add_move("r", "r")  # no self-moves
    net = builder.build()
    assert net.role_skills("r") == {"a": 0.3, "b": 0.5}
    assert net.moves.edges["r", "q"]["kind"] == "promotion"
    assert net.moves.edges["r", "q"]["origin"] == "stated"
    assert net.moves.number_of_edges() == 1
