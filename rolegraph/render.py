"""JSON for programs: the one place results become the JSON of ``--format json`` and of the JSON
API, so both faces give the same answer. ``to_json(result)`` takes any result of the façade; the
sentences in it (``explanation``, ``reason``, ``basis``) come from :mod:`rolegraph.explain`.

>>> from rolegraph.analysis.refs import PayChange
>>> to_json(PayChange(50000.0, 56000.0, 6000.0, 12.0, "USD", "US", "US", "US"))["percent"]
12.0
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from typing_extensions import TypedDict

from rolegraph.analysis.compare import Comparison, OwnSkill, SharedSkill
from rolegraph.analysis.fit import Fit
from rolegraph.analysis.overlap import Similar
from rolegraph.analysis.refs import (
    AlsoCalled,
    Barrier,
    EducationGap,
    Gap,
    JobZones,
    Pay,
    PayChange,
    QualificationRef,
    Ref,
    RoleRef,
    SkillRef,
    WeightedSkill,
)
from rolegraph.analysis.routes import Closest, NextMove, Route, RouteResult, RouteSettings, Step
from rolegraph.analysis.transferable import TransferableSkill
from rolegraph.explain import (
    closest_words,
    move_basis,
    next_move_words,
    no_route_words,
    rank_label,
    route_words,
    similar_words,
    step_words,
)
from rolegraph.jsontypes import (
    AlsoCalledJSON,
    BarrierJSON,
    ClosestJSON,
    ComparisonJSON,
    EducationGapJSON,
    FitJSON,
    GapJSON,
    JobZonesJSON,
    NextMoveJSON,
    OwnSkillJSON,
    PayChangeJSON,
    PayFiguresJSON,
    PayJSON,
    QualificationRefJSON,
    RefJSON,
    RefSidesJSON,
    RoleRefJSON,
    RouteJSON,
    RouteResultJSON,
    RouteSettingsJSON,
    SharedSkillJSON,
    SimilarJSON,
    SkillRefJSON,
    StepJSON,
    TransferableSkillJSON,
    WeightedSkillJSON,
)

__all__ = ["to_json"]


class _Annual(TypedDict, total=False):
    annual: float


class _Through(TypedDict, total=False):
    through: str


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


@functools.singledispatch
def to_json(value: Any) -> Any:
    """``value`` as JSON-ready data: dicts, lists, strings, numbers, booleans and None."""
    if hasattr(value, "to_dict"):
        return to_json(value.to_dict())
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
    return value


@to_json.register
def _role(value: RoleRef) -> RoleRefJSON:
    return {
        "iri": value.iri,
        "label": value.label,
        "scheme": value.scheme,
        "codes": dict(sorted(value.codes.items())),
    }


@to_json.register
def _skill(value: SkillRef) -> SkillRefJSON:
    data: SkillRefJSON = {"iri": value.iri, "label": value.label}
    if value.categories:
        data["categories"] = list(value.categories)
    return data


@to_json.register
def _also(value: AlsoCalled) -> AlsoCalledJSON:
    return {**_role(value.role), "in": value.classification}


@to_json.register
def _pay(value: PayChange) -> PayChangeJSON:
    return {
        "from": value.before,
        "to": value.after,
        "change": value.change,
        "percent": value.percent,
        "currency": value.currency,
        "region": value.region,
        "from_figure": value.from_figure,
        "to_figure": value.to_figure,
    }


@to_json.register
def _zones(value: JobZones) -> JobZonesJSON:
    return {"from": value.before, "to": value.after}


@to_json.register
def _barrier(value: Barrier) -> BarrierJSON:
    return {"kind": value.kind, "text": value.text, "role": value.role, "detail": value.detail}


@to_json.register
def _education(value: EducationGap) -> EducationGapJSON:
    return {"needs": value.needs, "has": value.has}


@to_json.register
def _gap(value: Gap) -> GapJSON:
    return {
        "skills": [_skill(s) for s in value.skills],
        "education": None if value.education is None else _education(value.education),
        "job_zone": _zones(value.job_zone),
        "pay": None if value.pay is None else _pay(value.pay),
        "barrier": None if value.barrier is None else _barrier(value.barrier),
    }


@to_json.register
def _step(value: Step) -> StepJSON:
    data: StepJSON = {
        "from": _role(value.source),
        "to": _role(value.target),
        "move": value.move,
        "stated": value.stated,
        "origin": value.origin,
        "basis": move_basis(value),
        "cost": round(value.cost, 4),
        "skills_to_gain": [_skill(s) for s in value.skills_to_gain],
        "skill_overlap": _round(value.skill_overlap),
        "similarity": _round(value.similarity),
        "job_zone": _zones(value.level_change),
        "pay_change": None if value.pay_change is None else _pay(value.pay_change),
        "barrier": None if value.barrier is None else _barrier(value.barrier),
        "also_called": [_also(a) for a in value.also_called],
        "explanation": step_words(value),
    }
    if value.origin == "derived":
        data["score"] = value.score
        data["evidence"] = list(value.evidence)
    return data


@to_json.register
def _route(value: Route) -> RouteJSON:
    return {
        "rank": value.rank,
        "ranking": rank_label(value.rank),
        "cost": round(value.cost, 4),
        "moves": value.moves,
        "steps": [_step(s) for s in value.steps],
        "path": list(value.path),
        "start_also_called": [_also(a) for a in value.start_also_called],
        "explanation": route_words(value),
    }


@to_json.register
def _closest(value: Closest) -> ClosestJSON:
    return {
        "role": _role(value.role),
        "similarity": round(value.similarity, 4),
        "route": None if value.route is None else _route(value.route),
        "gap": _gap(value.gap),
        "explanation": closest_words(value),
    }


@to_json.register
def _settings(value: RouteSettings) -> RouteSettingsJSON:
    return {
        "k": value.k,
        "max_steps": value.max_steps,
        "promotions_only": value.promotions_only,
        "threshold": value.threshold,
        "scheme": value.scheme,
        "neighbours": value.neighbours,
        "measure": value.measure,
        "max_rise": value.max_rise,
        "min_pay_ratio": value.min_pay_ratio,
        "where": value.where,
    }


@to_json.register
def _route_result(value: RouteResult) -> RouteResultJSON:
    return {
        "from": _role(value.source),
        "to": _role(value.target),
        "routes": [_route(r) for r in value.routes],
        "reason": no_route_words(value),
        "barrier": None if value.barrier is None else _barrier(value.barrier),
        "closest": None if value.closest is None else _closest(value.closest),
        "options": _settings(value.options),
    }


@to_json.register
def _next_move(value: NextMove) -> NextMoveJSON:
    return {
        "rank": value.rank,
        "role": _role(value.role),
        "cost": round(value.cost, 4),
        "moves": value.moves,
        "skill_overlap": round(value.skill_overlap, 4),
        "path": [_role(p) for p in value.path],
        "steps": [_step(s) for s in value.steps],
        "explanation": next_move_words(value),
        "equivalents": [_role(e) for e in value.equivalents],
    }


@to_json.register
def _ref(value: Ref) -> RefJSON:
    return {"iri": value.iri, "label": value.label}


@to_json.register
def _qualification(value: QualificationRef) -> QualificationRefJSON:
    data: QualificationRefJSON = {"iri": value.iri, "label": value.label}
    if value.kind:
        data["kind"] = value.kind
    if value.level:
        data["level"] = value.level
    return data


@to_json.register
def _shared_skill(value: SharedSkill) -> SharedSkillJSON:
    return {
        **_skill(value.skill),
        "weight_a": round(value.weight_a, 4),
        "weight_b": round(value.weight_b, 4),
    }


@to_json.register
def _own_skill(value: OwnSkill) -> OwnSkillJSON:
    return {**_skill(value.skill), "weight": round(value.weight, 4)}


@to_json.register
def _pay_figures(value: Pay) -> PayJSON:
    figures: PayFiguresJSON = {}
    if value.min is not None:
        figures["min"] = value.min
    if value.max is not None:
        figures["max"] = value.max
    if value.median is not None:
        figures["median"] = value.median
    if value.percentile10 is not None:
        figures["percentile10"] = value.percentile10
    if value.percentile90 is not None:
        figures["percentile90"] = value.percentile90
    if value.mean is not None:
        figures["mean"] = value.mean
    annual: _Annual = {} if value.annual is None else {"annual": value.annual}
    return {**figures, "currency": value.currency, **annual}


def _sides(value: Comparison, name: str) -> RefSidesJSON:
    sides = value.facets.get(name)
    return {
        "a": [_ref(r) for r in sides.a] if sides else [],
        "b": [_ref(r) for r in sides.b] if sides else [],
    }


@to_json.register
def _comparison(value: Comparison) -> ComparisonJSON:
    # the facets in the order of FACETS
    return {
        "a": _role(value.a),
        "b": _role(value.b),
        "shared_skills": [_shared_skill(s) for s in value.shared_skills],
        "only_a_skills": [_own_skill(s) for s in value.only_a_skills],
        "only_b_skills": [_own_skill(s) for s in value.only_b_skills],
        "skill_overlap": round(value.skill_overlap, 4),
        "weighted_skill_overlap": round(value.weighted_skill_overlap, 4),
        "shared_responsibilities": [_ref(r) for r in value.shared_responsibilities],
        "only_a_responsibilities": [_ref(r) for r in value.only_a_responsibilities],
        "only_b_responsibilities": [_ref(r) for r in value.only_b_responsibilities],
        "shared_qualifications": [_qualification(q) for q in value.shared_qualifications],
        "only_a_qualifications": [_qualification(q) for q in value.only_a_qualifications],
        "only_b_qualifications": [_qualification(q) for q in value.only_b_qualifications],
        "focus": _sides(value, "focus"),
        "scope": _sides(value, "scope"),
        "communication": _sides(value, "communication"),
        "collaborators": _sides(value, "collaborators"),
        "tools": _sides(value, "tools"),
        "industries": _sides(value, "industries"),
        "seniority": {"a": value.seniority.a, "b": value.seniority.b},
        "level": {"a": value.level.a, "b": value.level.b},
        "salary": {
            "a": None if value.salary.a is None else _pay_figures(value.salary.a),
            "b": None if value.salary.b is None else _pay_figures(value.salary.b),
        },
    }


@to_json.register
def _weighted_skill(value: WeightedSkill) -> WeightedSkillJSON:
    through: _Through = {} if value.through is None else {"through": value.through}
    return {**_skill(value.skill), "weight": round(value.weight, 4), **through}


@to_json.register
def _fit(value: Fit) -> FitJSON:
    return {
        "role": _role(value.role),
        "score": round(value.score, 4),
        "coverage": round(value.coverage, 4),
        "matched": [_weighted_skill(skill) for skill in value.matched],
        "missing": [_weighted_skill(skill) for skill in value.missing],
    }


@to_json.register
def _similar(value: Similar) -> SimilarJSON:
    return {
        "role": _role(value.role),
        "score": round(value.score, 4),
        "measure": value.measure,
        "facets": {name: round(score, 4) for name, score in value.facets.items()},
        "shared_skills": value.shared_skills,
        "skill_overlap": round(value.skill_overlap, 4),
        "weighted_skill_overlap": round(value.weighted_skill_overlap, 4),
        "top_shared_skills": [_ref(skill) for skill in value.top_shared],
        "counterpart": value.counterpart,
        "via": None if value.via is None else _role(value.via),
        "explanation": similar_words(value),
    }


@to_json.register
def _transferable(value: TransferableSkill) -> TransferableSkillJSON:
    return {
        "skill": _skill(value.skill),
        "roles": value.roles,
        "groups": value.groups,
        "participation": round(value.participation, 4),
        "top_groups": list(value.top_groups),
    }
