"""Compare two roles: what they share and what sets them apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rolegraph.analysis.overlap import jaccard, weighted_jaccard
from rolegraph.analysis.refs import (
    Pay,
    QualificationRef,
    Ref,
    RoleRef,
    SkillRef,
    role_ref,
    skill_ref,
)
from rolegraph.description import PaySummary
from rolegraph.levels import level_text
from rolegraph.network import RoleNetwork

T = TypeVar("T")

#: Facets of a role shown side by side, by their JSON name.
FACETS = ("focus", "scope", "communication", "collaborators", "tools", "industries")


@dataclass(frozen=True)
class SharedSkill:
    """A skill both roles need, with its weight for each (importance, or 1.0 essential, 0.5
    optional)."""

    skill: SkillRef
    weight_a: float
    weight_b: float


@dataclass(frozen=True)
class OwnSkill:
    """A skill only one of the roles needs, with its weight there."""

    skill: SkillRef
    weight: float


@dataclass(frozen=True)
class Sides(Generic[T]):
    """One fact of each role: ``a``'s and ``b``'s."""

    a: T
    b: T


@dataclass(frozen=True)
class Comparison:
    """Two roles side by side. Skills, responsibilities and qualifications are split into shared,
    only-``a`` and only-``b`` lists; skills most important first, the others by label."""

    a: RoleRef
    b: RoleRef
    shared_skills: tuple[SharedSkill, ...]
    only_a_skills: tuple[OwnSkill, ...]
    only_b_skills: tuple[OwnSkill, ...]
    skill_overlap: float
    weighted_skill_overlap: float
    shared_responsibilities: tuple[Ref, ...] = ()
    only_a_responsibilities: tuple[Ref, ...] = ()
    only_b_responsibilities: tuple[Ref, ...] = ()
    shared_qualifications: tuple[QualificationRef, ...] = ()
    only_a_qualifications: tuple[QualificationRef, ...] = ()
    only_b_qualifications: tuple[QualificationRef, ...] = ()
    #: focus, scope, communication, collaborators, tools and industries of each role, by name.
    facets: Mapping[str, Sides[tuple[Ref, ...]]] = field(default_factory=dict)
    seniority: Sides[int | None] = field(default_factory=lambda: Sides(None, None))
    salary: Sides[Pay | None] = field(default_factory=lambda: Sides(None, None))

    @property
    def level(self) -> Sides[str | None]:
        """The seniority of each role in O*NET's Job Zone words."""
        return Sides(level_text(self.seniority.a), level_text(self.seniority.b))


def _ref(net: RoleNetwork, iri: str) -> Ref:
    return Ref(str(iri), net.label(iri))


def _split(a: set[str], b: set[str]) -> tuple[set[str], set[str], set[str]]:
    return a & b, a - b, b - a


def _by_label(net: RoleNetwork, items: set[str]) -> list[str]:
    return sorted(items, key=lambda iri: (net.label(iri).casefold(), iri))


def _qualification(net: RoleNetwork, iri: str) -> QualificationRef:
    kind = net.qualification_kinds.get(iri)
    level = net.qualification_levels.get(iri)
    return QualificationRef(
        str(iri),
        net.label(iri),
        kind.rsplit("#", 1)[-1] if kind else None,
        net.label(level) if level else None,
    )


_PAY_FIELDS = ("min", "max", "median", "percentile10", "percentile90", "mean", "annual")


def _pay(
    net: RoleNetwork, role: str, salaries: Mapping[str, PaySummary | None] | None
) -> Pay | None:
    given = salaries.get(role) if salaries else None
    if given:
        figures = {k: float(given[k]) for k in _PAY_FIELDS if given.get(k) is not None}  # type: ignore[literal-required]
        return Pay(currency=str(given.get("currency", "USD")), **figures)
    known = net.salary.get(role)
    if known is None:
        return None
    return Pay(currency=known[1], annual=round(known[0], 2))


def compare(
    net: RoleNetwork,
    a: str,
    b: str,
    *,
    salaries: Mapping[str, PaySummary | None] | None = None,
) -> Comparison:
    """Compare role ``a`` with role ``b``. ``salaries`` (role -> the pay its source gives,
    e.g. ``describe.salary_summary``) keeps a source's range a range; without it the pay is
    the one annual figure the projection holds.

    ``skill_overlap`` is the Jaccard index of the two skill sets; ``weighted_skill_overlap`` the
    sum of the smaller weight of each skill over the sum of the larger (weights are importance,
    or 1.0 essential / 0.5 optional).

    Raises:
        UnknownNameError: ``a`` or ``b`` is not a role of the network.
    """
    a, b = str(a), str(b)
    skills_a, skills_b = net.role_skills(a), net.role_skills(b)
    shared, only_a, only_b = _split(set(skills_a), set(skills_b))

    def by_weight(items: set[str], *weights: dict[str, float]) -> list[str]:
        return sorted(
            items,
            key=lambda s: (-sum(w.get(s, 0.0) for w in weights), net.label(s).casefold(), s),
        )

    resp_shared, resp_a, resp_b = _split(
        set(net.responsibilities.get(a, ())), set(net.responsibilities.get(b, ()))
    )
    qual_shared, qual_a, qual_b = _split(
        set(net.qualifications.get(a, ())), set(net.qualifications.get(b, ()))
    )
    facets = {
        name: Sides(
            tuple(_ref(net, x) for x in _by_label(net, set(net.facet(a, name)))),
            tuple(_ref(net, x) for x in _by_label(net, set(net.facet(b, name)))),
        )
        for name in FACETS
    }

    def skill(iri: str) -> SkillRef:
        return skill_ref(net.skill_ref(iri))

    return Comparison(
        a=role_ref(net.role_ref(a)),
        b=role_ref(net.role_ref(b)),
        shared_skills=tuple(
            SharedSkill(skill(s), skills_a[s], skills_b[s])
            for s in by_weight(shared, skills_a, skills_b)
        ),
        only_a_skills=tuple(OwnSkill(skill(s), skills_a[s]) for s in by_weight(only_a, skills_a)),
        only_b_skills=tuple(OwnSkill(skill(s), skills_b[s]) for s in by_weight(only_b, skills_b)),
        skill_overlap=jaccard(set(skills_a), set(skills_b)),
        weighted_skill_overlap=weighted_jaccard(skills_a, skills_b),
        shared_responsibilities=tuple(_ref(net, x) for x in _by_label(net, resp_shared)),
        only_a_responsibilities=tuple(_ref(net, x) for x in _by_label(net, resp_a)),
        only_b_responsibilities=tuple(_ref(net, x) for x in _by_label(net, resp_b)),
        shared_qualifications=tuple(_qualification(net, x) for x in _by_label(net, qual_shared)),
        only_a_qualifications=tuple(_qualification(net, x) for x in _by_label(net, qual_a)),
        only_b_qualifications=tuple(_qualification(net, x) for x in _by_label(net, qual_b)),
        facets=facets,
        seniority=Sides(net.seniority.get(a), net.seniority.get(b)),
        salary=Sides(_pay(net, a, salaries), _pay(net, b, salaries)),
    )


__all__ = ["FACETS", "Comparison", "OwnSkill", "SharedSkill", "Sides", "compare"]
