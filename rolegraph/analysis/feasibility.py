"""Whether a career move is feasible, in the spirit of Nesta's Mapping Career Causeways: what
level a role sits at, what barrier guards its entry, what it pays, and which rules a move breaks.

- **Level**: the O*NET Job Zone (1-5) or ``rg:seniority`` of a role; else the median level of its
  O*NET counterparts (declared equivalences); else the ISCO-08 skill level of its major group
  (9 -> 1, 4-8 -> 2, 3 -> 3, 1-2 -> 4). A move may rise at most ``max_rise`` levels (default 1).
- **Barrier**: entry needs what no change of job gives: a doctoral or professional degree (O*NET
  Job Zone 5 whose most common required education is a first professional, doctoral or
  post-doctoral degree) or a licence (ESCO's regulated professions). A Job Zone 5 occupation
  O*NET gives no education figures for (Cardiologists, Emergency Medicine Physicians and two
  surgeons in 29.2) takes the education most occupations of its SOC broad group require. A role
  without facts of its own takes the barrier of a counterpart it matches closely. A move no
  source states never leads into a role with a barrier its origin does not share.
- **Pay**: the role's own figure for the region asked (``US`` by default, or a state such as
  ``US-CA``), else the figure of an O*NET counterpart, labelled "US figure for ..."; a desirable
  move keeps at least ``min_pay_ratio`` of the pay (default 0.75, MCC's earnings ratio).
- **Similarity**: a lateral move no source states needs a similarity of at least 0.25
  ("viable"; 0.35 and up is "highly viable"): MCC's 0.3 and 0.4 moved to the scale of the
  multi-facet similarity, which runs lower for roles with few facets (on the full store, 0.3
  leaves 12 % of roles without any lateral move, 0.25 leaves 4.8 %).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Literal

from rolegraph.analysis.refs import Barrier, PayChange
from rolegraph.choices import DEFAULT_MAX_RISE as DEFAULT_MAX_RISE
from rolegraph.choices import DEFAULT_MIN_PAY_RATIO as DEFAULT_MIN_PAY_RATIO
from rolegraph.choices import HIGHLY_VIABLE as HIGHLY_VIABLE
from rolegraph.choices import VIABLE as VIABLE
from rolegraph.network import RoleNetwork, scheme_of
from rolegraph.network.derived import derived

#: The national region code pay figures fall back to.
NATIONAL = "US"

#: ``skos:notation`` of ``rg:DoctoralDegree`` (first professional, doctoral, post-doctoral).
_DOCTORAL = 7
#: The characters of an O*NET-SOC code that name its SOC broad group (``29-121`` of 29-1214.00).
_BROAD_GROUP = 6
#: ISCO-08 skill level of each major group, as a Job Zone.
_ISCO_LEVEL = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
#: Equivalences close enough to inherit a barrier (not the broad matches a narrower occupation
#: inherits from its parent).
_CLOSE = ("closeMatch", "exactMatch", "escoConcept", "same onet code", "same esco code")
_SCHEME_NAMES = {"esco": "ESCO", "onet": "O*NET", "rolegraph": "rolegraph"}

DEGREE = "needs a doctoral or professional degree"
LICENCE = "a regulated profession: needs a licence or protected qualification"


@dataclass(frozen=True)
class Pay:
    """What a role pays a year in a region, and whose figure it is (the role's own or that of
    a counterpart)."""

    amount: float
    currency: str
    region: str
    role: str
    label: str
    own: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": round(self.amount, 2),
            "currency": self.currency,
            "region": self.region,
            "figure_for": None if self.own else self.role,
            "label": self.describe(),
        }

    def describe(self) -> str:
        """ "US figure for Project Management Specialists", or the region's code for its own."""
        return self.region if self.own else f"{self.region} figure for {self.label}"


def counterparts(net: RoleNetwork, role: str, close_only: bool = False) -> list[str]:
    """The roles declared the same occupation as ``role`` (O*NET first, then by label)."""
    adjacent = net.equivalences.adj.get(role, {})
    found = [
        other
        for other, data in adjacent.items()
        if not close_only or str(data.get("relation", "")) in _CLOSE
    ]
    return sorted(found, key=lambda r: (scheme_of(r) != "onet", net.label(r).casefold(), r))


@derived
def level(net: RoleNetwork, role: str) -> int | None:
    """The Job Zone (1-5) of ``role``: its own, its O*NET counterparts' median, or its ISCO-08
    skill level."""
    found = net.seniority.get(role)
    if found is None:
        zones = [net.seniority[c] for c in counterparts(net, role) if c in net.seniority]
        if zones:
            found = int(statistics.median_low(zones))
    if found is None:
        isco = net.codes.get(role, {}).get("isco", "")
        found = _ISCO_LEVEL.get(isco[:1]) if isco else None
    return found


def _own_barrier(net: RoleNetwork, role: str) -> Barrier | None:
    if net.seniority.get(role) == 5:
        education = net.education.get(role)
        if education is not None and education[1] >= _DOCTORAL:
            detail = education[2] or "doctoral degree"
            return Barrier("degree", DEGREE, role, f"{detail}, O*NET Job Zone 5")
        group = _broad_group(net, role) if education is None else None
        levels = _group_education(net).get(group or "")
        if levels and statistics.median_low(levels) >= _DOCTORAL:
            detail = f"doctoral degree as for most of SOC broad group {group}0, O*NET Job Zone 5"
            return Barrier("degree", DEGREE, role, detail)
    if role in net.regulated:
        return Barrier("licence", LICENCE, role, "ESCO regulated profession")
    return None


def _broad_group(net: RoleNetwork, role: str) -> str | None:
    """The SOC broad group of an O*NET occupation as the start of its code (``29-121`` for
    29-1214.00), None for a role of another classification."""
    code = net.codes.get(role, {}).get("onet")
    if code is None and scheme_of(role) == "onet":
        code = role.rsplit("/", 1)[-1]
    return code[:_BROAD_GROUP] if code else None


@derived
def _group_education(net: RoleNetwork) -> dict[str, list[int]]:
    """The required education level of every O*NET occupation that has one, by SOC broad
    group."""
    found: dict[str, list[int]] = {}
    for role, education in net.education.items():
        group = _broad_group(net, role)
        if group is not None:
            found.setdefault(group, []).append(education[1])
    return found


@derived
def barrier(net: RoleNetwork, role: str) -> Barrier | None:
    """The barrier guarding entry to ``role``: its own, else that of a close counterpart."""
    found = _own_barrier(net, role)
    if found is None and role not in net.seniority:
        for other in counterparts(net, role, close_only=True):
            found = _own_barrier(net, other)
            if found is not None:
                break
    return found


def _figure(net: RoleNetwork, role: str, region: str) -> tuple[float, str] | None:
    regional = net.regional_salary.get(role, {})
    if region in regional:
        return regional[region]
    if region == NATIONAL and role in net.salary:
        return net.salary[role]
    return None


def pay(net: RoleNetwork, role: str, where: str | None = None) -> Pay | None:
    """What ``role`` pays a year in ``where`` (default national): its own figure, else that of
    its first O*NET counterpart with one."""
    region = where or NATIONAL
    for other in [role, *counterparts(net, role)]:
        figure = _figure(net, other, region)
        if figure is not None and figure[0] > 0:
            return Pay(figure[0], figure[1], region, other, net.label(other), other == role)
    return None


def pay_change(net: RoleNetwork, a: str, b: str, where: str | None = None) -> PayChange | None:
    """How pay changes from ``a`` to ``b`` in ``where`` (national when either lacks a figure
    there); None when either has none."""
    for region in dict.fromkeys([where or NATIONAL, NATIONAL]):
        before, after = pay(net, a, region), pay(net, b, region)
        if before is None or after is None or before.currency != after.currency:
            continue
        change = after.amount - before.amount
        return PayChange(
            before=round(before.amount, 2),
            after=round(after.amount, 2),
            change=round(change, 2),
            percent=round(100.0 * change / before.amount, 1),
            currency=after.currency,
            region=region,
            from_figure=before.describe(),
            to_figure=after.describe(),
        )
    return None


@dataclass(frozen=True)
class RuleBreak:
    """A feasibility rule a move breaks: its ``similarity`` below the threshold, a ``rise`` of
    more job zones than allowed, the ``pay`` kept below the least ratio (``value`` against
    ``limit`` for these three), or a ``barrier`` at the entry of the target."""

    rule: Literal["similarity", "rise", "pay", "barrier"]
    value: float = 0.0
    limit: float = 0.0
    barrier: Barrier | None = None


def rule_breaks(
    net: RoleNetwork,
    source: str,
    target: str,
    *,
    max_rise: int = DEFAULT_MAX_RISE,
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO,
    similarity: float | None = None,
    threshold: float = VIABLE,
    allow_barrier: bool = False,
) -> list[RuleBreak]:
    """The feasibility rules a move no source states breaks (an empty list: feasible)."""
    broken = []
    if similarity is not None and similarity < threshold:
        broken.append(RuleBreak("similarity", similarity, threshold))
    before, after = level(net, source), level(net, target)
    if before is not None and after is not None and after - before > max_rise:
        broken.append(RuleBreak("rise", after - before, max_rise))
    if min_pay_ratio > 0:
        a, b = pay(net, source), pay(net, target)
        if (
            a is not None
            and b is not None
            and a.currency == b.currency
            and (b.amount < min_pay_ratio * a.amount)
        ):
            broken.append(RuleBreak("pay", b.amount / a.amount, min_pay_ratio))
    if not allow_barrier:
        guard = barrier(net, target)
        if guard is not None and not _shares_barrier(net, source, guard):
            broken.append(RuleBreak("barrier", barrier=guard))
    return broken


def _shares_barrier(net: RoleNetwork, role: str, guard: Barrier) -> bool:
    own = barrier(net, role)
    return own is not None and own.kind == guard.kind


def scheme_name(role: str) -> str:
    """How the classification of ``role`` is named in explanations."""
    scheme = scheme_of(role)
    return _SCHEME_NAMES.get(scheme, scheme)


def pay_coverage(net: RoleNetwork, scheme: str | None = None) -> dict[str, Any]:
    """How many roles have pay, their own or through a counterpart."""
    roles = [r for r, s in zip(net.roles, net.schemes) if scheme is None or s == scheme]
    own = sum(1 for r in roles if _figure(net, r, NATIONAL) is not None)
    through = sum(1 for r in roles if pay(net, r) is not None)
    return {
        "roles": len(roles),
        "own": own,
        "with_pay": through,
        "share": round(through / len(roles), 4) if roles else 0.0,
    }


__all__ = [
    "DEFAULT_MAX_RISE",
    "DEFAULT_MIN_PAY_RATIO",
    "DEGREE",
    "HIGHLY_VIABLE",
    "LICENCE",
    "NATIONAL",
    "VIABLE",
    "Barrier",
    "Pay",
    "RuleBreak",
    "barrier",
    "counterparts",
    "level",
    "pay",
    "pay_change",
    "pay_coverage",
    "rule_breaks",
    "scheme_name",
]
