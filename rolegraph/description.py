"""A role's description as typed, frozen values: what :mod:`rolegraph.describe` reads from the
store and :mod:`rolegraph.render_role` writes as JSON; and a role's pay, by place and per year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from rolegraph.jsontypes import RoleDescriptionJSON

#: The region code of national figures.
NATIONAL = "US"


@dataclass(frozen=True)
class Link:
    """Something a role points to (a responsibility, a tool, a group it works with, a source),
    with its English label when it has one."""

    iri: str
    label: str | None = None


@dataclass(frozen=True)
class Move(Link):
    """A role this role progresses to, and the kind of move a source states."""

    kind: str | None = None


@dataclass(frozen=True)
class SkillNeed:
    """A skill a role needs: its category, how strongly and how importantly (0..1) a source
    rates it, and, for a need inferred rather than stated, how and from what."""

    iri: str
    label: str
    category: str | None = None
    strength: str | None = None
    importance: float | None = None
    inferred_from: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Technology:
    """A technology a role uses, and whether employers ask for it often (``hot``)."""

    iri: str
    label: str
    hot: bool = False


@dataclass(frozen=True)
class Qualification:
    """A qualification a role asks for: its kind (``EducationQualification`` ...), how firmly
    (``level``), and what it names (education level, field, certification, domain)."""

    iri: str
    label: str | None = None
    kind: str | None = None
    level: str | None = None
    education_level: str | None = None
    field: str | None = None
    certification: str | None = None
    certification_label: str | None = None
    domain: str | None = None


@dataclass(frozen=True)
class PayFigures:
    """One pay distribution of a role as its source gives it: a range, percentiles, a median or
    a mean, for a period, a place (``region``: an ISO 3166 code) and a year."""

    iri: str
    currency: str | None = None
    min: float | None = None
    max: float | None = None
    percentile10: float | None = None
    percentile25: float | None = None
    median: float | None = None
    percentile75: float | None = None
    percentile90: float | None = None
    mean: float | None = None
    period: str | None = None
    region: str | None = None
    region_label: str | None = None
    year: Any = None
    source: str | None = None
    source_label: str | None = None


@dataclass(frozen=True)
class RoleDescription:
    """Everything known about one role, ready for JSON or text."""

    iri: str
    label: str
    alt_labels: tuple[str, ...] = ()
    definition: str | None = None
    codes: Mapping[str, str] = field(default_factory=dict)
    seniority: str | None = None
    job_zone: int | None = None
    level: str | None = None
    skills: tuple[SkillNeed, ...] = ()
    responsibilities: tuple[Link, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    tools: tuple[Link, ...] = ()
    industries: tuple[Link, ...] = ()
    works_with: tuple[Link, ...] = ()
    focus: tuple[Link, ...] = ()
    scope: tuple[Link, ...] = ()
    communication: tuple[Link, ...] = ()
    technologies: tuple[Technology, ...] = ()
    salary: tuple[PayFigures, ...] = ()
    progresses_to: tuple[Move, ...] = ()
    progresses_from: tuple[Link, ...] = ()
    sources: tuple[Link, ...] = ()

    def to_dict(self) -> RoleDescriptionJSON:
        """The JSON of ``rolegraph show --format json`` and ``/api/role``."""
        from rolegraph.render_role import role_json

        return role_json(self)


@dataclass
class RoleSummary:
    """One line of the role list."""

    iri: str
    label: str
    skills: int
    codes: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label, "skills": self.skills, "codes": self.codes}


# -- pay ------------------------------------------------------------------------------------------


def salary_for(entries: Sequence[PayFigures], region: str | None) -> tuple[list[PayFigures], bool]:
    """The salary entries for ``region`` (an ISO 3166 code; None: the whole country), and
    whether they are the national figures standing in for a place that has none."""
    national = [e for e in entries if e.region in (None, NATIONAL)]
    if region in (None, NATIONAL):
        return national, False
    here = [e for e in entries if e.region == region]
    return (here, False) if here else (national, True)


class PaySummary(TypedDict, total=False):
    """A role's yearly national pay as its source gives it: ``annual`` is the one figure that
    stands for it (the median, else the mean, else the middle of the range)."""

    min: float
    max: float
    median: float
    percentile10: float
    percentile90: float
    mean: float
    annual: float
    currency: str


def pay_summary(entries: Sequence[PayFigures]) -> PaySummary | None:
    """The yearly national pay of a role's salary entries as their source gives it: a range
    stays a range (``min``/``max``), a distribution keeps its median and 10th-90th
    percentiles."""
    national, _ = salary_for(entries, None)
    yearly = [e for e in national if "year" in ("year" if e.period is None else e.period).lower()]
    if not yearly:
        return None
    entry = yearly[0]
    summary: PaySummary = {}
    for key in ("min", "max", "median", "percentile10", "percentile90", "mean"):
        value = getattr(entry, key)
        if value is not None:
            summary[key] = float(value)  # type: ignore[literal-required]
    if entry.currency is not None:
        summary["currency"] = entry.currency
    middle = entry.median if entry.median is not None else entry.mean
    if middle is None and entry.min is not None and entry.max is not None:
        middle = (entry.min + entry.max) / 2
    if middle is not None:
        summary["annual"] = round(float(middle), 2)
    summary.setdefault("currency", "USD")
    return summary
