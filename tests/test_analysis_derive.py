"""Derived moves: scores and evidence on a small graph, their RDF, and how they come back."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from rolegraph.analysis.derive import (
    DERIVED_MOVES_GRAPH,
    METHOD,
    derive_moves,
    derived_move_triples,
    save_derived_moves,
)
from rolegraph.analysis.evaluate import evaluate_similarity, reference_group
from rolegraph.analysis.routes import routes
from rolegraph.explain import step_words
from rolegraph.network import NetworkBuilder, project
from rolegraph.render import to_json
from rolegraph.vocab import RG
from tests.fixtures.analysis import (
    ANALYST,
    CONSULTANT,
    ESCO_X,
    ESCO_Y,
    SENIOR,
    small_network,
    small_store,
)

SOURCE = "https://w3id.org/rolegraph/id/source/test-release"


def test_moves_are_scored_by_skill_overlap_and_filtered_by_seniority() -> None:
    net = small_network()
    # By default moves are derived between imported occupations (ESCO, O*NET) only.
    assert {
        (m.source, m.target) for m in derive_moves(net, min_score=0.5, measure="weighted-jaccard")
    } == {
        (ESCO_X, ESCO_Y),
        (ESCO_Y, ESCO_X),
    }
    moves = derive_moves(
        net, min_score=0.5, per_role=2, scheme="rolegraph", measure="weighted-jaccard"
    )
    pairs = {(m.source, m.target): m for m in moves}
    # analyst (job zone 2) -> senior analyst (level 3): up one level, a promotion
    up = pairs[(ANALYST, SENIOR)]
    assert up.kind == "promotion"
    assert up.signals["skill_overlap"] == pytest.approx(2 / 3)
    # Both have responsibilities (one shared of two each), so task similarity weighs in too.
    assert 0 < up.signals["task_similarity"] < 1
    expected = (0.55 * 2 / 3 + 0.2 * up.signals["task_similarity"]) / 0.75
    assert up.score == pytest.approx(expected, abs=1e-4)
    assert "job_zone_change=+1" in up.evidence
    assert "wage_change=+25%" in up.evidence
    assert "skill_overlap=0.67" in up.evidence
    # ... but not back down
    assert (SENIOR, ANALYST) not in pairs
    assert pairs[(ANALYST, CONSULTANT)].kind == "lateral"
    # never across classifications, never more than per_role from one role
    assert all(m.source != m.target for m in moves)
    assert max(sum(1 for m in moves if m.source == r) for r in net.roles) <= 2
    assert all(m.method.startswith(METHOD) and "min_score=0.5" in m.method for m in moves)


def test_text_signals_weigh_in_when_both_roles_have_them() -> None:
    builder = NetworkBuilder()
    for role, tasks in (("a", ["repair pumps"]), ("b", ["repair pumps"]), ("c", ["bake bread"])):
        builder.add_role(role, role.upper())
        for skill in ("x", "y"):
            builder.require(role, skill)
        builder.responsibilities[role] = [f"{role}-task"]
        builder.labels[f"{role}-task"] = tasks[0]
    net = builder.build()
    moves = {
        (m.source, m.target): m
        for m in derive_moves(net, min_score=0.0, scheme="rolegraph", measure="weighted-jaccard")
    }
    same, different = moves[("a", "b")], moves[("a", "c")]
    assert same.signals["task_similarity"] == pytest.approx(1.0)
    assert different.signals["task_similarity"] == pytest.approx(0.0)
    assert same.score == pytest.approx(1.0)
    assert different.score == pytest.approx(0.55 / 0.75, abs=1e-4)  # skill 1 x .55 + task 0 x .2


def test_triples_describe_each_move() -> None:
    net = small_network()
    move = next(
        m
        for m in derive_moves(net, scheme="rolegraph", measure="weighted-jaccard")
        if m.source == ANALYST
    )
    triples = set(derived_move_triples([move], SOURCE))
    node = move.iri
    assert str(node).startswith("https://w3id.org/rolegraph/id/move/derived/")
    assert (node, RDF.type, RG.DerivedMove) in triples
    assert (node, RG.fromRole, URIRef(move.source)) in triples
    assert (node, RG.toRole, URIRef(move.target)) in triples
    assert (node, RG.score, Literal(f"{move.score:.4f}", datatype=XSD.decimal)) in triples
    assert (node, RG.method, Literal(move.method)) in triples
    assert (node, RG.source, URIRef(SOURCE)) in triples
    evidence = {str(o) for s, p, o in triples if p == RG.evidence}
    assert evidence == set(move.evidence)
    kinds = {o for s, p, o in triples if p == RG.moveKind}
    assert kinds <= {RG.Promotion, RG.LateralMove}
    # The same move, derived again, gets the same IRI; without a source, the roles' releases.
    again = next(
        m
        for m in derive_moves(net, scheme="rolegraph", measure="weighted-jaccard")
        if m.source == ANALYST
    )
    assert again.iri == move.iri
    assert not any(p == RG.source for _, p, _ in derived_move_triples([move]))


def test_saved_moves_come_back_apart_from_stated_ones() -> None:
    store = small_store()
    moves = derive_moves(
        project(store), min_score=0.5, scheme="rolegraph", measure="weighted-jaccard"
    )
    count = save_derived_moves(store, moves, SOURCE)
    assert count > 0 and DERIVED_MOVES_GRAPH in store.graph_names()
    again = project(store)
    stated = again.moves.edges[ANALYST, SENIOR]
    assert stated["origin"] == "stated" and stated["kind"] == "promotion"
    assert 0.5 <= stated["derived_score"] <= 1
    derived = again.moves.edges[ANALYST, CONSULTANT]
    assert derived["origin"] == "derived" and derived["kind"] == "lateral"
    assert any(e.startswith("skill_overlap=") for e in derived["evidence"])
    step = routes(again, CONSULTANT, ANALYST, k=1, measure="weighted-jaccard").routes[0].steps[0]
    assert step.move == "lateral move" and step.origin == "derived"
    assert step.cost == pytest.approx(1.5 - derived["score"] / 2)
    assert to_json(step)["score"] == derived["score"]
    assert step_words(step).startswith("lateral move (derived from shared skills, tasks and tools)")


def test_evaluation_against_reference_groups() -> None:
    builder = NetworkBuilder()
    # Two ISCO unit groups of ESCO occupations with skills that follow the groups.
    esco = "http://data.europa.eu/esco/occupation/"
    for n in range(6):
        group = "2511" if n < 3 else "7212"
        builder.add_role(f"{esco}{n}", f"occ {n}", isco=group)
        for skill in ("a", "b", "c") if n < 3 else ("x", "y", "z"):
            builder.require(f"{esco}{n}", f"{skill}{n % 2}")
            builder.require(f"{esco}{n}", skill)
    net = builder.build()
    assert reference_group(net, f"{esco}0") == "2511"
    # The roles differ in their skills only: judge the skills facet.
    (result,) = evaluate_similarity(net, k=2, measure="skills")
    assert result.scheme == "esco" and result.roles == 6
    assert result.precision == pytest.approx(1.0)
    assert result.baseline == pytest.approx(2 / 5)
    assert result.lift == pytest.approx(2.5)
    assert result.to_dict()["reference"] == "ISCO-08 unit group"
