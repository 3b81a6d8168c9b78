"""Compare two roles: what they share and what sets them apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rolegraph.analysis.overlap import jaccard, weighted_jaccard
from rolegraph.levels import level_text
from rolegraph.network import RoleNetwork

#: Facets of a role shown side by side, by their JSON name.
FACETS = ("focus", "scope", "communication", "collaborators", "tools", "industries")


@dataclass(frozen=True)
class Comparison:
    """Two roles side by side. Skills, responsibilities and qualifications are split into shared,
    only-``a`` and only-``b`` lists of ``{"iri", "label", ...}`` objects; skills most important
    first, the others by label."""

    a: dict[str, Any]
    b: dict[str, Any]
    shared_skills: tuple[dict[str, Any], ...]
    only_a_skills: tuple[dict[str, Any], ...]
    only_b_skills: tuple[dict[str, Any], ...]
    skill_overlap: float
    weighted_skill_overlap: float
    shared_responsibilities: tuple[dict[str, Any], ...] = ()
    only_a_responsibilities: tuple[dict[str, Any], ...] = ()
    only_b_responsibilities: tuple[dict[str, Any], ...] = ()
    shared_qualifications: tuple[dict[str, Any], ...] = ()
    only_a_qualifications: tuple[dict[str, Any], ...] = ()
    only_b_qualifications: tuple[dict[str, Any], ...] = ()
    facets: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    seniority: dict[str, int | None] = field(default_factory=dict)
    salary: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "a": self.a,
            "b": self.b,
            "shared_skills": list(self.shared_skills),
            "only_a_skills": list(self.only_a_skills),
            "only_b_skills": list(self.only_b_skills),
            "skill_overlap": round(self.skill_overlap, 4),
            "weighted_skill_overlap": round(self.weighted_skill_overlap, 4),
            "shared_responsibilities": list(self.shared_responsibilities),
            "only_a_responsibilities": list(self.only_a_responsibilities),
            "only_b_responsibilities": list(self.only_b_responsibilities),
            "shared_qualifications": list(self.shared_qualifications),
            "only_a_qualifications": list(self.only_a_qualifications),
            "only_b_qualifications": list(self.only_b_qualifications),
        }
        for name in FACETS:
            data[name] = self.facets.get(name, {"a": [], "b": []})
        data["seniority"] = self.seniority
        data["level"] = {side: level_text(value) for side, value in self.seniority.items()}
        data["salary"] = self.salary
        return data


def _skill(net: RoleNetwork, iri: str, **weights: float) -> dict[str, Any]:
    ref = net.skill_ref(iri)
    for name, value in weights.items():
        ref[name] = round(value, 4)
    return ref


def _split(a: set[str], b: set[str]) -> tuple[set[str], set[str], set[str]]:
    return a & b, a - b, b - a


def _by_label(net: RoleNetwork, items: set[str]) -> list[str]:
    return sorted(items, key=lambda iri: (net.label(iri).casefold(), iri))


def _qualification(net: RoleNetwork, iri: str) -> dict[str, Any]:
    ref = net.ref(iri)
    kind = net.qualification_kinds.get(iri)
    if kind:
        ref["kind"] = kind.rsplit("#", 1)[-1]
    level = net.qualification_levels.get(iri)
    if level:
        ref["level"] = net.label(level)
    return ref


def _salary(net: RoleNetwork, role: str) -> dict[str, Any] | None:
    known = net.salary.get(role)
    if known is None:
        return None
    return {"annual": round(known[0], 2), "currency": known[1]}


def _pay(
    net: RoleNetwork, role: str, salaries: Mapping[str, Mapping[str, Any] | None] | None
) -> dict[str, Any] | None:
    given = salaries.get(role) if salaries else None
    return dict(given) if given else _salary(net, role)


def compare(
    net: RoleNetwork,
    a: str,
    b: str,
    *,
    salaries: Mapping[str, Mapping[str, Any] | None] | None = None,
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
        name: {
            "a": [net.ref(x) for x in _by_label(net, set(net.facet(a, name)))],
            "b": [net.ref(x) for x in _by_label(net, set(net.facet(b, name)))],
        }
        for name in FACETS
    }
    return Comparison(
        a=net.role_ref(a),
        b=net.role_ref(b),
        shared_skills=tuple(
            _skill(net, s, weight_a=skills_a[s], weight_b=skills_b[s])
            for s in by_weight(shared, skills_a, skills_b)
        ),
        only_a_skills=tuple(
            _skill(net, s, weight=skills_a[s]) for s in by_weight(only_a, skills_a)
        ),
        only_b_skills=tuple(
            _skill(net, s, weight=skills_b[s]) for s in by_weight(only_b, skills_b)
        ),
        skill_overlap=jaccard(set(skills_a), set(skills_b)),
        weighted_skill_overlap=weighted_jaccard(skills_a, skills_b),
        shared_responsibilities=tuple(net.ref(x) for x in _by_label(net, resp_shared)),
        only_a_responsibilities=tuple(net.ref(x) for x in _by_label(net, resp_a)),
        only_b_responsibilities=tuple(net.ref(x) for x in _by_label(net, resp_b)),
        shared_qualifications=tuple(_qualification(net, x) for x in _by_label(net, qual_shared)),
        only_a_qualifications=tuple(_qualification(net, x) for x in _by_label(net, qual_a)),
        only_b_qualifications=tuple(_qualification(net, x) for x in _by_label(net, qual_b)),
        facets=facets,
        seniority={"a": net.seniority.get(a), "b": net.seniority.get(b)},
        salary={side: _pay(net, role, salaries) for side, role in (("a", a), ("b", b))},
    )


__all__ = ["FACETS", "Comparison", "compare"]
