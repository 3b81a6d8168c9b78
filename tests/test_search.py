"""Role search: one result per occupation, the exact and common titles first, typos forgiven,
and no match when nothing is close (instead of every role in the graph)."""

from __future__ import annotations

from rdflib import URIRef

from rolegraph.api import RoleGraph
from rolegraph.lookup import NameIndex, normalise

ONET = "https://w3id.org/rolegraph/id/onet/occupation/"
ESCO = "http://data.europa.eu/esco/occupation/"
ROLE = "https://w3id.org/rolegraph/id/role/"


def _index(entries: dict[str, list[tuple[str, int]]], links: dict[str, set[str]] | None = None):
    """A name index of role IRI -> [(name, rank)], rank 0 label, 1 alternative, 3 code."""
    names: dict[str, dict[URIRef, int]] = {}
    labels: dict[URIRef, str] = {}
    for iri, items in entries.items():
        for name, rank in items:
            names.setdefault(name.casefold(), {})[URIRef(iri)] = rank
            if rank == 0:
                labels[URIRef(iri)] = name
    link_map = {URIRef(a): {URIRef(b) for b in bs} for a, bs in (links or {}).items()}
    return NameIndex("role", names, labels, link_map)


def test_names_that_differ_in_case_or_plural_compare_equal() -> None:
    assert normalise("Data Scientists") == normalise("data scientist")
    assert normalise("Project Manager") == normalise("project manager")
    assert normalise("Registered Nurses") != normalise("nurse")


def test_the_common_title_ranks_first() -> None:
    nurse_titles = [(f"{kind} nurse", 1) for kind in ("staff", "charge", "rn", "floor", "school")]
    index = _index(
        {
            ONET + "29-1141.01": [("Acute Care Nurses", 0), ("Nurse", 1), ("ER Nurse", 1)],
            ONET + "29-1141.00": [("Registered Nurses", 0), ("Nurse", 1), *nurse_titles],
            ONET + "29-1151.00": [("Nurse Anesthetists", 0)],
        }
    )
    found = [hit.label for hit in index.search("nurse")]
    assert found[:3] == ["Registered Nurses", "Acute Care Nurses", "Nurse Anesthetists"]
    assert index.search("nurse")[0].to_dict()["matched"] == "nurse"


def test_one_result_per_occupation_across_classifications() -> None:
    index = _index(
        {
            ONET + "15-2051.00": [("Data Scientists", 0), ("15-2051.00", 3)],
            ESCO + "258e": [("data scientist", 0)],
            ESCO + "68d9": [("bioinformatics scientist", 0), ("data scientist", 1)],
            ROLE + "project-manager": [("Project Manager", 0), ("13-1082.00", 3)],
            ESCO + "bea9": [("project manager", 0)],
            ONET + "13-1082.00": [
                ("Project Management Specialists", 0),
                ("Project Manager", 1),
                ("13-1082.00", 3),
            ],
            ROLE + "senior-project-manager": [("Senior Project Manager", 0), ("13-1082.00", 3)],
        },
        links={ROLE + "project-manager": {ESCO + "bea9"}},
    )
    first, *rest = index.search("data scientist")
    assert first.label == "Data Scientists"
    also = first.to_dict()["also"]
    assert [(a["label"], a["source"]) for a in also] == [("data scientist", "ESCO")]
    assert [hit.label for hit in rest] == ["bioinformatics scientist"]  # another occupation

    pm, *others = index.search("project manager")
    assert pm.label == "Project Manager" and pm.to_dict()["source"] == "rolegraph"
    assert {a["label"] for a in pm.to_dict()["also"]} == {
        "project manager",
        "Project Management Specialists",
    }
    assert [hit.label for hit in others] == ["Senior Project Manager"]


def test_typos_are_forgiven_and_codes_are_found() -> None:
    with RoleGraph.open() as graph:
        assert graph.search("acount manger")[0].label == "Account Manager"
        assert graph.search("projct manager")[0].label == "Project Manager"
        assert graph.search("proj")[0].label == "Project Manager"  # typing ahead
        code = graph.search("13-1082.00")
        assert code and code[0].label == "Project Manager"


def test_no_role_matches_an_unrelated_title() -> None:
    with RoleGraph.open() as graph:
        assert graph.search("data scientst") == []
        assert graph.search("data scientst", nearest=True) == []  # nothing is even close
        near = graph.search("acountant", nearest=True)
        assert near and all(item.nearest for item in near)
        assert near[0].label == "Account Manager"


def test_an_ambiguous_name_lists_labels_not_iris() -> None:
    import pytest

    from rolegraph.errors import UnknownNameError

    index = _index(
        {
            ESCO + "a1": [("sales engineer", 0), ("technical seller", 1), ("2433.1", 3)],
            ESCO + "b2": [("sales technician", 0), ("technical seller", 1)],
        }
    )
    with pytest.raises(UnknownNameError) as raised:
        index.resolve("technical seller")
    suggestions = raised.value.suggestions
    assert suggestions == ("sales engineer (ESCO 2433.1)", "sales technician (ESCO)")
    assert not any("http" in text for text in suggestions)
