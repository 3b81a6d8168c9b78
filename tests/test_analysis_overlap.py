"""Skill overlap: Jaccard and weighted values by hand; one role against all; all pairs."""

from __future__ import annotations

import numpy as np
import pytest

from rolegraph.analysis.overlap import (
    MEASURES,
    all_neighbours,
    jaccard,
    similar,
    similarity_row,
    weighted_jaccard,
)
from rolegraph.errors import UnknownNameError
from rolegraph.explain import similar_words
from rolegraph.network import NetworkBuilder, RoleNetwork
from rolegraph.render import to_json
from tests.fixtures.analysis import (
    ANALYST,
    CONSULTANT,
    DESIGNER,
    DIRECTOR,
    ESCO_X,
    ESCO_Y,
    MANAGER,
    SENIOR,
    small_network,
)


@pytest.fixture(scope="module")
def net() -> RoleNetwork:
    return small_network()


def test_set_measures() -> None:
    assert jaccard({"a", "b", "c"}, {"b", "c", "d"}) == 0.5
    assert jaccard(set(), set()) == 0.0
    assert weighted_jaccard({"a": 1.0, "b": 0.5}, {"a": 0.5, "c": 1.0}) == 0.5 / 2.5
    assert weighted_jaccard({}, {}) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "expected_jaccard", "expected_weighted"),
    [
        (ANALYST, SENIOR, 3 / 5, 3 / 4.5),  # s1-s3 shared; s4 1.0 and s5 0.5 apart
        (ANALYST, CONSULTANT, 1.0, 3.5 / 4),  # same skills, s4 optional for the consultant
        (SENIOR, MANAGER, 2 / 5, 1.5 / 4.5),
        (MANAGER, DIRECTOR, 2 / 3, 1.5 / 3),
        (ANALYST, MANAGER, 1 / 6, 1 / 5.5),
        (ANALYST, DESIGNER, 0.0, 0.0),
    ],
)
def test_pair_values(
    net: RoleNetwork, a: str, b: str, expected_jaccard: float, expected_weighted: float
) -> None:
    i, j = net.index(a), net.index(b)
    assert similarity_row(net, a, "jaccard")[j] == pytest.approx(expected_jaccard)
    assert similarity_row(net, a, "weighted-jaccard")[j] == pytest.approx(expected_weighted)
    assert similarity_row(net, b, "weighted-jaccard")[i] == pytest.approx(expected_weighted)
    skills_a, skills_b = net.role_skills(a), net.role_skills(b)
    assert jaccard(set(skills_a), set(skills_b)) == pytest.approx(expected_jaccard)
    assert weighted_jaccard(skills_a, skills_b) == pytest.approx(expected_weighted)


#: The skill overlap measure these tests pin down (the default is the multi-facet blend).
WJ = "weighted-jaccard"


def test_cosine(net: RoleNetwork) -> None:
    row = similarity_row(net, MANAGER, "cosine")
    # manager (1, 1, .5) on s3, s5, s6; director (1, 1) on s5, s6
    expected = (1 + 0.5) / (np.sqrt(2.25) * np.sqrt(2))
    assert row[net.index(DIRECTOR)] == pytest.approx(expected)
    assert row[net.index(MANAGER)] == pytest.approx(1.0)


def test_similar_ranks_best_first_and_explains(net: RoleNetwork) -> None:
    found = similar(net, ANALYST, top=10, scheme="rolegraph", measure=WJ)
    assert [s.role.iri for s in found] == [CONSULTANT, SENIOR, MANAGER]
    best = found[0]
    assert best.score == pytest.approx(0.875)
    assert best.shared_skills == 4
    assert best.skill_overlap == pytest.approx(1.0)
    assert "shares 4 of its 4 skills with Analyst" in similar_words(best)
    data = to_json(best)
    assert set(data) >= {"role", "score", "shared_skills", "explanation"}
    assert data["role"]["label"] == "Consultant"
    assert [s.role.iri for s in similar(net, ANALYST, top=1, scheme="rolegraph", measure=WJ)] == [
        CONSULTANT
    ]
    assert similar(net, DESIGNER, measure=WJ) == []


def test_similar_by_plain_jaccard_and_within_a_scheme(net: RoleNetwork) -> None:
    found = similar(net, ANALYST, measure="jaccard", scheme="rolegraph")
    assert [round(s.score, 4) for s in found] == [1.0, 0.6, round(1 / 6, 4)]
    assert [s.role.iri for s in similar(net, ESCO_Y, scheme="esco", measure=WJ)] == [ESCO_X]
    assert similar(net, DESIGNER, scheme="esco", measure=WJ) == []
    with pytest.raises(UnknownNameError):
        similar(net, ANALYST, measure="euclid")


def test_similar_reaches_another_classification_through_counterparts(net: RoleNetwork) -> None:
    """The analyst shares no skill with any ESCO occupation, but is declared close to esco
    analyst: that counterpart comes first, and esco lead (two of esco analyst's skills) follows
    at its overlap with the counterpart, ranked among the analyst's own neighbours."""
    found = similar(net, ANALYST, measure=WJ)
    assert [(s.role.iri, round(s.score, 4)) for s in found] == [
        (ESCO_X, 1.0),
        (CONSULTANT, 0.875),
        (SENIOR, round(2 / 3, 4)),  # ties go by label
        (ESCO_Y, round(2 / 3, 4)),
        (MANAGER, round(1 / 5.5, 4)),
    ]
    counterpart, through = found[0], found[3]
    assert counterpart.counterpart == "closeMatch" and counterpart.via is None
    assert "same occupation in ESCO" in similar_words(counterpart)
    assert through.via is not None and through.via.iri == ESCO_X
    assert through.shared_skills == 2
    assert "esco analyst is the ESCO counterpart of Analyst" in similar_words(through)
    assert through.of.iri == ANALYST and through.compared_with.iri == ESCO_X
    assert to_json(through)["via"]["label"] == "esco analyst"
    assert [s.role.iri for s in similar(net, ANALYST, scheme="esco", measure=WJ)] == [
        ESCO_X,
        ESCO_Y,
    ]
    assert [s.role.iri for s in similar(net, ANALYST, top=2, measure=WJ)] == [ESCO_X, CONSULTANT]
    # and back: the ESCO occupation finds the analyst's own neighbours through it
    back = similar(net, ESCO_X, scheme="rolegraph", measure=WJ)
    assert [s.role.iri for s in back] == [ANALYST, CONSULTANT, SENIOR, MANAGER]
    assert back[1].via is not None and back[1].via.iri == ANALYST


@pytest.mark.parametrize("measure", MEASURES)
def test_all_pairs_agree_with_single_rows(net: RoleNetwork, measure: str) -> None:
    near = all_neighbours(net, top=3, measure=measure)
    for i, role in enumerate(net.roles):
        row = similarity_row(net, role, measure)
        row[i] = 0
        expected = sorted(
            ((j, s) for j, s in enumerate(row) if s > 0), key=lambda item: (-item[1], item[0])
        )[:3]
        got = near.of(i)
        assert [j for j, _ in got] == [j for j, _ in expected]
        assert [s for _, s in got] == pytest.approx([s for _, s in expected])


def test_all_pairs_on_a_random_network_match_brute_force() -> None:
    rng = np.random.default_rng(5)
    builder = NetworkBuilder()
    for r in range(60):
        for s in rng.choice(40, size=rng.integers(1, 12), replace=False):
            strength = "optional" if rng.random() < 0.3 else "essential"
            builder.require(f"r{r:02d}", f"s{s:02d}", strength=strength)
    net = builder.build()
    near = all_neighbours(net, top=5, measure="weighted-jaccard")
    for i in range(len(net.roles)):
        a = net.role_skills(i)
        brute = sorted(
            (
                (-weighted_jaccard(a, net.role_skills(j)), j)
                for j in range(len(net.roles))
                if j != i
            ),
        )
        best = [-score for score, _ in brute[:5] if score < 0]
        assert [s for _, s in near.of(i)] == pytest.approx(best)
