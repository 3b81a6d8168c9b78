"""Role descriptions: read for every role at once they are the same as read one by one, on both
engines, and their JSON keeps its shape (pay by place, inferred skills, unlabelled entries)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from rdflib import URIRef

from rolegraph import RoleGraph
from rolegraph.describe import (
    RoleDescription,
    describe_role,
    describe_roles,
    list_roles,
    salary_summary,
)
from rolegraph.render_role import role_json
from rolegraph.store import OxigraphStore, RdflibStore, Store, load_builtin

#: A role with pay for the nation and one state, an inferred skill and an unlabelled
#: qualification, beside the built-in roles.
EXTRA = """
@prefix rg: <https://w3id.org/rolegraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .

ex:tester a rg:Role ; skos:prefLabel "Tester"@en ; skos:altLabel "QA"@en, "Checker"@en ;
  rg:onetSocCode "15-1253.00" ; rg:jobZone 3 ;
  rg:requiresSkill ex:testing, ex:writing ;
  rg:qualifiedSkillRequirement [ rg:skill ex:testing ; rg:importance 0.9 ] ,
    [ rg:skill ex:writing ; rg:importance 0.4 ; rg:method "alignment" ; rg:evidence "docs" ] ;
  rg:hasQualification ex:nameless ;
  rg:usesTechnology ex:selenium ;
  rg:salary ex:pay-us, ex:pay-ca .
ex:testing skos:prefLabel "testing"@en .
ex:writing skos:prefLabel "writing"@en .
ex:selenium skos:prefLabel "Selenium"@en ; rg:hotTechnology true .
ex:nameless rg:fieldOfStudy "computing" .
ex:pay-us rg:currency "USD" ; rg:median 60000.0 ; rg:percentile10 40000.0 ;
  rg:region [ rg:regionCode "US" ] ; rg:year "2024"^^xsd:gYear .
ex:pay-ca rg:currency "USD" ; rg:median 70000.0 ; rg:region [ rg:regionCode "US-CA" ] .
"""

TESTER = "https://example.org/tester"


@pytest.fixture(params=["oxigraph", "rdflib"], scope="module")
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    store: Store = OxigraphStore() if request.param == "oxigraph" else RdflibStore()
    load_builtin(store)
    store.update("INSERT DATA { GRAPH <https://example.org/graph> { " + _ntriples(EXTRA) + " } }")
    yield store
    store.close()


def _ntriples(turtle: str) -> str:
    from rdflib import Graph

    return Graph().parse(data=turtle, format="turtle").serialize(format="nt")


def test_every_role_read_at_once_is_the_role_read_alone(store: Store) -> None:
    every = describe_roles(store)
    assert set(every) == {summary.iri for summary in list_roles(store)}
    for iri, description in every.items():
        assert description == describe_role(store, URIRef(iri))
        assert role_json(description) == describe_role(store, URIRef(iri)).to_dict()


def test_a_description_is_typed_and_frozen(store: Store) -> None:
    tester = describe_roles(store)[TESTER]
    assert tester.label == "Tester"
    assert tester.alt_labels == ("Checker", "QA")
    assert tester.job_zone == 3
    assert [(s.label, s.importance, s.inferred_from) for s in tester.skills] == [
        ("testing", 0.9, None),
        ("writing", 0.4, "alignment"),
    ]
    assert tester.technologies[0].hot
    with pytest.raises(dataclasses.FrozenInstanceError):
        tester.label = "Other"  # type: ignore[misc]


def test_the_json_of_a_role_leaves_unknown_fields_out(store: Store) -> None:
    data = describe_roles(store)[TESTER].to_dict()
    assert data["skills"][1] == {
        "iri": "https://example.org/writing",
        "label": "writing",
        "category": None,
        "strength": None,
        "importance": 0.4,
        "inferred_from": "alignment",
        "evidence": "docs",
    }
    assert "inferred_from" not in data["skills"][0]
    # An unlabelled qualification is named by its IRI, after what is known of it.
    assert list(data["qualifications"][0].items()) == [
        ("iri", "https://example.org/nameless"),
        ("field", "computing"),
        ("label", "https://example.org/nameless"),
    ]
    assert [entry.get("region") for entry in data["salary"]] == ["US", "US-CA"]
    assert "where" not in data


def test_pay_by_place_falls_back_to_the_national_figures(store: Store) -> None:
    tester = describe_roles(store)[TESTER]
    california = role_json(tester, "US-CA")
    assert [e["median"] for e in california["salary"]] == [70000.0]
    assert california["salary_is_national"] is False
    texas = role_json(tester, "US-TX")
    assert [e["median"] for e in texas["salary"]] == [60000.0]
    assert (texas["where"], texas["salary_is_national"]) == ("US-TX", True)
    assert salary_summary(store, URIRef(TESTER)) == {
        "median": 60000.0,
        "percentile10": 40000.0,
        "currency": "USD",
        "annual": 60000.0,
    }


def test_the_graph_answers_roles_and_pay_from_its_descriptions(store: Store) -> None:
    graph = RoleGraph(store, owns_store=False)
    alone = graph.role("Tester")
    pay = graph.pay(TESTER)
    every = graph.describe_all()
    assert isinstance(every[TESTER], RoleDescription)
    assert graph.role("Tester") is every[TESTER]
    assert graph.role("Tester") == alone
    assert graph.pay(TESTER) == pay
    graph.refresh()
    assert graph.role("Tester") is not every[TESTER]
