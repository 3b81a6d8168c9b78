"""JSON for programs: the one place results become the JSON of ``--format json`` and of the JSON
API, so both faces give the same answer. ``to_json(result)`` takes any result of the façade.

>>> from rolegraph.analysis.refs import PayChange
>>> to_json(PayChange(50000.0, 56000.0, 6000.0, 12.0, "USD", "US", "US", "US"))["percent"]
12.0
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from rolegraph.analysis.compare import FACETS, Comparison, OwnSkill, SharedSkill
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
)
from rolegraph.analysis.routes import Closest, NextMove, Route, RouteResult, RouteSettings, Step

__all__ = ["to_json"]


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
def _role(value: RoleRef) -> dict[str, Any]:
    return {
        "iri": value.iri,
        "label": value.label,
        "scheme": value.scheme,
        "codes": dict(sorted(value.codes.items())),
    }


@to_json.register
def _skill(value: SkillRef) -> dict[str, Any]:
    data: dict[str, Any] = {"iri": value.iri, "label": value.label}
    if value.categories:
        data["categories"] = list(value.categories)
    return data


@to_json.register
def _also(value: AlsoCalled) -> dict[str, Any]:
    return {**_role(value.role), "in": value.classification}


@to_json.register
def _pay(value: PayChange) -> dict[str, Any]:
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
def _zones(value: JobZones) -> dict[str, Any]:
    return {"from": value.before, "to": value.after}


@to_json.register
def _barrier(value: Barrier) -> dict[str, Any]:
    return {"kind": value.kind, "text": value.text, "role": value.role, "detail": value.detail}


@to_json.register
def _education(value: EducationGap) -> dict[str, Any]:
    return {"needs": value.needs, "has": value.has}


@to_json.register
def _gap(value: Gap) -> dict[str, Any]:
    return {
        "skills": [_skill(s) for s in value.skills],
        "education": None if value.education is None else _education(value.education),
        "job_zone": _zones(value.job_zone),
        "pay": None if value.pay is None else _pay(value.pay),
        "barrier": None if value.barrier is None else _barrier(value.barrier),
    }


@to_json.register
def _step(value: Step) -> dict[str, Any]:
    data: dict[str, Any] = {
        "from": _role(value.source),
        "to": _role(value.target),
        "move": value.move,
        "stated": value.stated,
        "origin": value.origin,
        "basis": value.basis,
        "cost": round(value.cost, 4),
        "skills_to_gain": [_skill(s) for s in value.skills_to_gain],
        "skill_overlap": _round(value.skill_overlap),
        "similarity": _round(value.similarity),
        "job_zone": _zones(value.level_change),
        "pay_change": None if value.pay_change is None else _pay(value.pay_change),
        "barrier": None if value.barrier is None else _barrier(value.barrier),
        "also_called": [_also(a) for a in value.also_called],
        "explanation": value.describe(),
    }
    if value.origin == "derived":
        data["score"] = value.score
        data["evidence"] = list(value.evidence)
    return data


@to_json.register
def _route(value: Route) -> dict[str, Any]:
    return {
        "rank": value.rank,
        "ranking": value.ranking,
        "cost": round(value.cost, 4),
        "moves": value.moves,
        "steps": [_step(s) for s in value.steps],
        "path": list(value.path),
        "start_also_called": [_also(a) for a in value.start_also_called],
        "explanation": value.explanation,
    }


@to_json.register
def _closest(value: Closest) -> dict[str, Any]:
    return {
        "role": _role(value.role),
        "similarity": round(value.similarity, 4),
        "route": None if value.route is None else _route(value.route),
        "gap": _gap(value.gap),
        "explanation": value.explanation,
    }


@to_json.register
def _settings(value: RouteSettings) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in fields(value)}


@to_json.register
def _route_result(value: RouteResult) -> dict[str, Any]:
    return {
        "from": _role(value.source),
        "to": _role(value.target),
        "routes": [_route(r) for r in value.routes],
        "reason": value.reason,
        "barrier": None if value.barrier is None else _barrier(value.barrier),
        "closest": None if value.closest is None else _closest(value.closest),
        "options": _settings(value.options),
    }


@to_json.register
def _next_move(value: NextMove) -> dict[str, Any]:
    return {
        "rank": value.rank,
        "role": _role(value.role),
        "cost": round(value.cost, 4),
        "moves": value.moves,
        "skill_overlap": round(value.skill_overlap, 4),
        "path": [_role(p) for p in value.path],
        "steps": [_step(s) for s in value.steps],
        "explanation": value.explanation,
        "equivalents": [_role(e) for e in value.equivalents],
    }


@to_json.register
def _ref(value: Ref) -> dict[str, Any]:
    return {"iri": value.iri, "label": value.label}


@to_json.register
def _qualification(value: QualificationRef) -> dict[str, Any]:
    data: dict[str, Any] = {"iri": value.iri, "label": value.label}
    if value.kind:
        data["kind"] = value.kind
    if value.level:
        data["level"] = value.level
    return data


@to_json.register
def _shared_skill(value: SharedSkill) -> dict[str, Any]:
    return {
        **_skill(value.skill),
        "weight_a": round(value.weight_a, 4),
        "weight_b": round(value.weight_b, 4),
    }


@to_json.register
def _own_skill(value: OwnSkill) -> dict[str, Any]:
    return {**_skill(value.skill), "weight": round(value.weight, 4)}


@to_json.register
def _pay_figures(value: Pay) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("min", "max", "median", "percentile10", "percentile90", "mean"):
        figure = getattr(value, name)
        if figure is not None:
            data[name] = figure
    data["currency"] = value.currency
    if value.annual is not None:
        data["annual"] = value.annual
    return data


@to_json.register
def _comparison(value: Comparison) -> dict[str, Any]:
    data: dict[str, Any] = {
        "a": _role(value.a),
        "b": _role(value.b),
        "shared_skills": [_shared_skill(s) for s in value.shared_skills],
        "only_a_skills": [_own_skill(s) for s in value.only_a_skills],
        "only_b_skills": [_own_skill(s) for s in value.only_b_skills],
        "skill_overlap": round(value.skill_overlap, 4),
        "weighted_skill_overlap": round(value.weighted_skill_overlap, 4),
    }
    for kind in ("responsibilities", "qualifications"):
        for side in ("shared", "only_a", "only_b"):
            data[f"{side}_{kind}"] = [to_json(item) for item in getattr(value, f"{side}_{kind}")]
    for name in FACETS:
        sides = value.facets.get(name)
        data[name] = {
            "a": [_ref(r) for r in sides.a] if sides else [],
            "b": [_ref(r) for r in sides.b] if sides else [],
        }
    data["seniority"] = {"a": value.seniority.a, "b": value.seniority.b}
    data["level"] = {"a": value.level.a, "b": value.level.b}
    data["salary"] = {
        side: None if pay is None else _pay_figures(pay)
        for side, pay in (("a", value.salary.a), ("b", value.salary.b))
    }
    return data
