"""Feasible moves: job zone rises, pay kept, degree barriers named as a step, the closest role
when no route fits, and pay through counterparts and for a region.

The network: five O*NET-like roles sharing most skills (so every pair is similar enough), whose
job zones and pay tell the feasible moves apart:

  clerk (zone 2, 40k) -> supervisor (3, 55k) -> specialist (4, 90k) -> doctor (5, 200k,
  doctoral degree); director (5, 150k); temp (2, 20k); an ESCO clerk with no pay of its own.
"""

from __future__ import annotations

import pytest

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.refs import SkillRef
from rolegraph.analysis.routes import next_moves, routes
from rolegraph.explain import (
    closest_words,
    rank_label,
    route_words,
    rule_words,
    skill_phrase,
    step_words,
)
from rolegraph.network import NetworkBuilder, RoleNetwork
from rolegraph.render import to_json
from rolegraph.vocab import ID, RG
from tests.fixtures.analysis import (
    CLERK,
    DOCTOR,
    ESCO_CLERK,
    EXECUTIVE,
    ONET,
    SPECIALIST,
    SUPERVISOR,
    TEMP,
    feasibility_network,
)

MEASURE = "weighted-jaccard"


@pytest.fixture(scope="module")
def net() -> RoleNetwork:
    return feasibility_network()


def test_levels_barriers_and_pay(net: RoleNetwork) -> None:
    assert fz.level(net, CLERK) == 2 and fz.level(net, ESCO_CLERK) == 2  # through its counterpart
    assert fz.barrier(net, DOCTOR) is not None and fz.barrier(net, DOCTOR).kind == "degree"
    assert fz.barrier(net, SPECIALIST) is None
    own = fz.pay(net, CLERK)
    assert own is not None and own.own and own.describe() == "US"
    through = fz.pay(net, ESCO_CLERK)
    assert through is not None and through.amount == 40_000.0
    assert through.describe() == "US figure for Clerks"
    assert fz.pay(net, CLERK, "US-CA").amount == 50_000.0  # type: ignore[union-attr]
    assert fz.rule_breaks(net, CLERK, EXECUTIVE) == [fz.RuleBreak("rise", 3, 1)]
    assert [rule_words(b) for b in fz.rule_breaks(net, CLERK, EXECUTIVE)] == [
        "rises 3 job zones (at most 1)"
    ]
    assert [rule_words(b) for b in fz.rule_breaks(net, CLERK, TEMP)] == ["keeps 50% of the pay"]
    assert [rule_words(b) for b in fz.rule_breaks(net, SPECIALIST, DOCTOR)] == [fz.DEGREE]
    assert fz.rule_breaks(net, CLERK, SUPERVISOR) == []


def test_next_offers_only_feasible_moves(net: RoleNetwork) -> None:
    offered = {m.role.iri for m in next_moves(net, CLERK, measure=MEASURE)}
    assert SUPERVISOR in offered
    assert not offered & {EXECUTIVE, DOCTOR, SPECIALIST, TEMP}
    # The degree barrier holds even one zone below.
    assert DOCTOR not in {m.role.iri for m in next_moves(net, SPECIALIST, measure=MEASURE)}
    # Without the pay rule, the cheaper job is offered.
    cheaper = next_moves(net, CLERK, measure=MEASURE, min_pay_ratio=0.0)
    assert TEMP in {m.role.iri for m in cheaper}


def test_a_goal_behind_a_barrier_is_reached_by_a_step_naming_it(net: RoleNetwork) -> None:
    result = routes(net, CLERK, DOCTOR, k=1, measure=MEASURE)
    assert result.barrier is not None and result.barrier.text == fz.DEGREE
    route = result.routes[0]
    # The degree is the step: it may rise more than one job zone, and says what it needs.
    assert [s.target.iri for s in route.steps] == [DOCTOR]
    last = route.steps[-1]
    assert last.barrier is not None and "barrier: needs a doctoral" in step_words(last)
    assert 2.0 <= last.cost <= 2.1  # a similarity move (1.0 to 1.1 here) plus the barrier (1.0)
    assert "needs a doctoral or professional degree" in route_words(route)
    # Without the barrier step the goal is out of reach: the rise rule still holds elsewhere.
    assert routes(net, CLERK, EXECUTIVE, k=1, measure=MEASURE, max_steps=2).routes == ()


def test_a_stated_move_is_offered_whatever_the_rules() -> None:
    stated = feasibility_network(stated=((TEMP, DOCTOR),))
    route = routes(stated, TEMP, DOCTOR, k=1, measure=MEASURE).routes[0]
    assert route.moves == 1 and route.steps[0].origin == "stated"
    assert route.steps[0].barrier is None


def test_no_route_gives_the_closest_role_and_the_gap(net: RoleNetwork) -> None:
    result = routes(net, CLERK, EXECUTIVE, max_steps=1, measure=MEASURE)
    assert result.routes == ()
    assert result.closest is not None
    assert result.closest.role.iri == SUPERVISOR
    gap = to_json(result.closest)["gap"]
    assert gap["job_zone"] == {"from": 3, "to": 5}
    assert gap["pay"]["percent"] == pytest.approx(172.7)
    assert result.closest.route is not None and result.closest.route.moves == 1
    assert result.closest.moves == 1 and result.closest.target.iri == EXECUTIVE
    assert "closest role within reach (1 move)" in closest_words(result.closest)
    assert to_json(result)["closest"]["role"]["label"] == "Supervisors of Clerks"


def test_pay_for_a_region_and_through_counterparts(net: RoleNetwork) -> None:
    step = routes(net, CLERK, SUPERVISOR, k=1, measure=MEASURE, where="US-CA").routes[0].steps[0]
    assert step.pay_change is not None
    assert step.pay_change.region == "US-CA"
    assert step.pay_change.before == 50_000.0 and step.pay_change.after == 68_750.0
    across = routes(net, ESCO_CLERK, SUPERVISOR, k=1, measure=MEASURE).routes[0]
    assert across.moves == 1
    change = across.steps[0].pay_change
    assert change is not None and change.from_figure == "US figure for Clerks"
    assert "pay +38%" in step_words(across.steps[0])


def test_rankings_and_skill_lists_read_as_words() -> None:
    assert [rank_label(n) for n in (1, 2, 3, 4, 11, 21, 22)] == [
        "best",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "21st",
        "22nd",
    ]
    names = ("Active Listening", "CRM software", "negotiation")
    skills = [SkillRef(f"urn:x:{n}", name) for n, name in enumerate(names)]
    assert skill_phrase(skills) == "active listening, CRM software, negotiation"
    many = [SkillRef(f"urn:x:{n}", f"Skill {n}") for n in range(8)]
    assert skill_phrase(many) == "skill 0, skill 1, skill 2, skill 3, skill 4 and 3 more"


def test_a_physician_without_education_figures_is_behind_its_groups_degree() -> None:
    """O*NET 29.2 gives no education figures for Cardiologists (29-1212.00): the doctoral degree
    most physicians of its SOC broad group need still guards it, so no nurse "moves" there."""
    builder = NetworkBuilder()
    builder.add_skill(str(ID["skill/care"]), "Patient care")
    cardiologist = ONET + "29-1212.00"
    roles = {
        SPECIALIST: ("Nurses", 4),
        DOCTOR: ("Doctors", 5),
        cardiologist: ("Cardiologists", 5),
        EXECUTIVE: ("Directors", 5),
    }
    for iri, (label, zone) in roles.items():
        builder.add_role(iri, label)
        builder.seniority[iri] = zone
        builder.require(iri, str(ID["skill/care"]), importance=0.8)
    builder.education[DOCTOR] = (str(RG.DoctoralDegree), 7, "Doctoral degree")
    net = builder.build()
    guard = fz.barrier(net, cardiologist)
    assert guard is not None and guard.kind == "degree" and "29-1210" in guard.detail
    assert fz.rule_breaks(net, SPECIALIST, cardiologist) == [fz.RuleBreak("barrier", barrier=guard)]
    # No figures in the group either: nothing says a degree is needed.
    assert fz.barrier(net, EXECUTIVE) is None
    offered = {m.role.iri for m in next_moves(net, SPECIALIST, measure=MEASURE)}
    assert EXECUTIVE in offered and cardiologist not in offered
