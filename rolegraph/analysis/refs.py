"""Typed references the results of the graph algorithms are made of: a role, a skill, a pay
change, a job-zone change, the gap left to a goal. Frozen, with typed fields; their JSON is
made in one place, :mod:`rolegraph.render`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RoleRef:
    """A role: IRI, label, classification (esco, onet, rolegraph) and standard codes."""

    iri: str
    label: str
    scheme: str
    codes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SkillRef:
    """A skill: IRI, label and the labels of its categories."""

    iri: str
    label: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ref:
    """Anything else of the graph (a responsibility, a tool, a focus): IRI and label."""

    iri: str
    label: str


@dataclass(frozen=True)
class QualificationRef:
    """A qualification: IRI, label, kind (``EducationQualification``, ...) and how firmly it is
    asked (required, preferred, advantage)."""

    iri: str
    label: str
    kind: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class Pay:
    """A role's yearly pay as its source gives it: a range stays a range, a distribution keeps
    its median and percentiles; ``annual`` is the one figure that stands for it."""

    currency: str = "USD"
    min: float | None = None
    max: float | None = None
    median: float | None = None
    percentile10: float | None = None
    percentile90: float | None = None
    mean: float | None = None
    annual: float | None = None


@dataclass(frozen=True)
class AlsoCalled:
    """The same occupation in another classification: the role there and that classification's
    name ("ESCO", "O*NET")."""

    role: RoleRef
    classification: str


@dataclass(frozen=True)
class PayChange:
    """How pay changes from one role to another in one region, with whose figures they are."""

    before: float
    after: float
    change: float
    percent: float
    currency: str
    region: str
    from_figure: str
    to_figure: str


@dataclass(frozen=True)
class JobZones:
    """The job zones (O*NET 1-5, or the ISCO-08 skill level) of the two ends of a move."""

    before: int | None = None
    after: int | None = None


@dataclass(frozen=True)
class Barrier:
    """What entry to a role needs that a change of job does not give."""

    kind: str  # "degree" or "licence"
    text: str
    role: str
    detail: str = ""


@dataclass(frozen=True)
class EducationGap:
    """The education a goal asks for and the best one the person's roles have."""

    needs: str
    has: str | None


@dataclass(frozen=True)
class Gap:
    """What is left between a role one can reach and the goal."""

    skills: tuple[SkillRef, ...] = ()
    education: EducationGap | None = None
    job_zone: JobZones = field(default_factory=JobZones)
    pay: PayChange | None = None
    barrier: Barrier | None = None


def role_ref(data: Mapping[str, Any]) -> RoleRef:
    """A :class:`RoleRef` from the network's JSON-shaped reference."""
    return RoleRef(
        str(data["iri"]),
        str(data["label"]),
        str(data["scheme"]),
        {str(k): str(v) for k, v in dict(data.get("codes") or {}).items()},
    )


def skill_ref(data: Mapping[str, Any]) -> SkillRef:
    """A :class:`SkillRef` from the network's JSON-shaped reference."""
    return SkillRef(
        str(data["iri"]), str(data["label"]), tuple(str(c) for c in data.get("categories", ()))
    )
