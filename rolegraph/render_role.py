"""The JSON of a role's description: ``rolegraph show --format json``, ``/api/role`` and
``/api/roles/{name}`` all give what :func:`role_json` makes.

A field a source leaves unknown is left out of an entry (a link without a label, pay without a
median), except the role's own fields, which are always there (null when unknown).
"""

from __future__ import annotations

from typing_extensions import TypedDict

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
from rolegraph.jsontypes import (
    DescribedLinkJSON,
    DescribedMoveJSON,
    DescribedPayJSON,
    DescribedQualificationJSON,
    DescribedSkillJSON,
    DescribedTechnologyJSON,
    RoleDescriptionJSON,
)


class _QualificationFacts(TypedDict, total=False):
    kind: str
    level: str
    educationLevel: str
    field: str
    certification: str
    certificationLabel: str
    domain: str


def _link(value: Link) -> DescribedLinkJSON:
    out: DescribedLinkJSON = {"iri": value.iri}
    if value.label is not None:
        out["label"] = value.label
    return out


def _move(value: Move) -> DescribedMoveJSON:
    out: DescribedMoveJSON = {"iri": value.iri}
    if value.label is not None:
        out["label"] = value.label
    if value.kind is not None:
        out["kind"] = value.kind
    return out


def _skill(value: SkillNeed) -> DescribedSkillJSON:
    out: DescribedSkillJSON = {
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


def _technology(value: Technology) -> DescribedTechnologyJSON:
    return {"iri": value.iri, "label": value.label, "hot": value.hot}


def _qualification(value: Qualification) -> DescribedQualificationJSON:
    known: _QualificationFacts = {}
    if value.kind is not None:
        known["kind"] = value.kind
    if value.level is not None:
        known["level"] = value.level
    if value.education_level is not None:
        known["educationLevel"] = value.education_level
    if value.field is not None:
        known["field"] = value.field
    if value.certification is not None:
        known["certification"] = value.certification
    if value.certification_label is not None:
        known["certificationLabel"] = value.certification_label
    if value.domain is not None:
        known["domain"] = value.domain
    if value.label is None:  # named by its IRI, after what is known of it
        return {"iri": value.iri, **known, "label": value.iri}
    return {"iri": value.iri, "label": value.label, **known}


def _pay(value: PayFigures) -> DescribedPayJSON:
    out: DescribedPayJSON = {"iri": value.iri}
    if value.currency is not None:
        out["currency"] = value.currency
    if value.min is not None:
        out["min"] = value.min
    if value.max is not None:
        out["max"] = value.max
    if value.percentile10 is not None:
        out["percentile10"] = value.percentile10
    if value.percentile25 is not None:
        out["percentile25"] = value.percentile25
    if value.median is not None:
        out["median"] = value.median
    if value.percentile75 is not None:
        out["percentile75"] = value.percentile75
    if value.percentile90 is not None:
        out["percentile90"] = value.percentile90
    if value.mean is not None:
        out["mean"] = value.mean
    if value.period is not None:
        out["period"] = value.period
    if value.region is not None:
        out["region"] = value.region
    if value.region_label is not None:
        out["region_label"] = value.region_label
    if value.year is not None:
        out["year"] = value.year
    if value.source is not None:
        out["source"] = value.source
    if value.source_label is not None:
        out["source_label"] = value.source_label
    return out


def role_json(value: RoleDescription, where: str | None = None) -> RoleDescriptionJSON:
    """The description as JSON-ready data; with ``where`` (an ISO 3166 code), only the pay
    figures of that place (the national ones when it has none, said by
    ``salary_is_national``)."""
    salary: list[PayFigures] = list(value.salary)
    fallback = False
    if where is not None:
        salary, fallback = salary_for(value.salary, where)
    data: RoleDescriptionJSON = {
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
