"""The JSON of a role's description: ``rolegraph show --format json``, ``/api/role`` and
``/api/roles/{name}`` all give what :func:`role_json` makes.

A field a source leaves unknown is left out of an entry (a link without a label, pay without a
median), except the role's own fields, which are always there (null when unknown).
"""

from __future__ import annotations

from typing import Any

from rolegraph.description import (
    Link,
    Move,
    PayFigures,
    Qualification,
    RoleDescription,
    SkillNeed,
    Technology,
    salary_for,
)


def _link(value: Link) -> dict[str, Any]:
    out: dict[str, Any] = {"iri": value.iri}
    if value.label is not None:
        out["label"] = value.label
    return out


def _move(value: Move) -> dict[str, Any]:
    out = _link(value)
    if value.kind is not None:
        out["kind"] = value.kind
    return out


def _skill(value: SkillNeed) -> dict[str, Any]:
    out: dict[str, Any] = {
        "iri": value.iri,
        "label": value.label,
        "category": value.category,
        "strength": value.strength,
        "importance": value.importance,
    }
    if value.inferred_from is not None:
        out["inferred_from"] = value.inferred_from
        out["evidence"] = value.evidence
    return out


def _technology(value: Technology) -> dict[str, Any]:
    return {"iri": value.iri, "label": value.label, "hot": value.hot}


def _qualification(value: Qualification) -> dict[str, Any]:
    fields = {
        "iri": value.iri,
        "label": value.label,
        "kind": value.kind,
        "level": value.level,
        "educationLevel": value.education_level,
        "field": value.field,
        "certification": value.certification,
        "certificationLabel": value.certification_label,
        "domain": value.domain,
    }
    out = {key: item for key, item in fields.items() if item is not None}
    out.setdefault("label", value.iri)  # an unlabelled qualification is named by its IRI
    return out


def _pay(value: PayFigures) -> dict[str, Any]:
    fields = {
        "iri": value.iri,
        "currency": value.currency,
        "min": value.min,
        "max": value.max,
        "percentile10": value.percentile10,
        "percentile25": value.percentile25,
        "median": value.median,
        "percentile75": value.percentile75,
        "percentile90": value.percentile90,
        "mean": value.mean,
        "period": value.period,
        "region": value.region,
        "region_label": value.region_label,
        "year": value.year,
        "source": value.source,
        "source_label": value.source_label,
    }
    return {key: item for key, item in fields.items() if item is not None}


def role_json(value: RoleDescription, where: str | None = None) -> dict[str, Any]:
    """The description as JSON-ready data; with ``where`` (an ISO 3166 code), only the pay
    figures of that place (the national ones when it has none, said by
    ``salary_is_national``)."""
    salary: list[PayFigures] = list(value.salary)
    fallback = False
    if where is not None:
        salary, fallback = salary_for(value.salary, where)
    data: dict[str, Any] = {
        "iri": value.iri,
        "label": value.label,
        "alt_labels": list(value.alt_labels),
        "definition": value.definition,
        "codes": dict(value.codes),
        "seniority": value.seniority,
        "job_zone": value.job_zone,
        "level": value.level,
        "skills": [_skill(skill) for skill in value.skills],
        "responsibilities": [_link(link) for link in value.responsibilities],
        "qualifications": [_qualification(item) for item in value.qualifications],
        "tools": [_link(link) for link in value.tools],
        "industries": [_link(link) for link in value.industries],
        "works_with": [_link(link) for link in value.works_with],
        "focus": [_link(link) for link in value.focus],
        "scope": [_link(link) for link in value.scope],
        "communication": [_link(link) for link in value.communication],
        "technologies": [_technology(item) for item in value.technologies],
        "salary": [_pay(entry) for entry in salary],
        "progresses_to": [_move(move) for move in value.progresses_to],
        "progresses_from": [_link(link) for link in value.progresses_from],
        "sources": [_link(link) for link in value.sources],
    }
    if where is not None:
        data["where"] = where
        data["salary_is_national"] = fallback
    return data
