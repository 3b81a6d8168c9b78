"""The shapes of the JSON that rolegraph answers, as TypedDicts: what ``--format json`` prints and
the JSON API returns. :mod:`rolegraph.render` builds its answers as these types, so the type
checker holds its keys to them, and :mod:`rolegraph.schemas` turns them into the JSON Schemas of
the OpenAPI description, so the documentation says what the code returns.

Keys that are Python keywords (``from``, ``in``) use the functional form. A key that is left out
when it has no value is ``NotRequired``; a key that is always there but may be null is
``... | None``.

The module runs past 500 lines because it is one concept: the shape of every JSON object
rolegraph answers, each a short TypedDict, kept together so a shape reads beside the ones it
nests and the schemas of the OpenAPI description come from one place.
"""

from __future__ import annotations

from typing import Literal, NotRequired

# pydantic reads TypedDicts from typing_extensions on Python before 3.12
from typing_extensions import TypedDict

#: A value of a SPARQL answer as JSON: a literal as its own value, an IRI as its text.
Scalar = str | int | float | bool

# -- references --------------------------------------------------------------------------------


class RoleRefJSON(TypedDict):
    """A role: IRI, label, classification (``rolegraph``, ``onet``, ``esco``) and its codes."""

    iri: str
    label: str
    scheme: str
    codes: dict[str, str]


class SkillRefJSON(TypedDict):
    """A skill, with its categories when it has any."""

    iri: str
    label: str
    categories: NotRequired[list[str]]


class RefJSON(TypedDict):
    """Anything with an IRI and a label: a responsibility, a focus, a tool, ..."""

    iri: str
    label: str


class QualificationRefJSON(TypedDict):
    """A qualification, with its kind and the level it is asked at when known."""

    iri: str
    label: str
    kind: NotRequired[str]
    level: NotRequired[str]


#: The same occupation in another classification (``in``: "ESCO", "O*NET").
AlsoCalledJSON = TypedDict(
    "AlsoCalledJSON",
    {"iri": str, "label": str, "scheme": str, "codes": dict[str, str], "in": str},
)

#: How pay changes over a move: yearly figures, the change and where they hold.
PayChangeJSON = TypedDict(
    "PayChangeJSON",
    {
        "from": float,
        "to": float,
        "change": float,
        "percent": float,
        "currency": str,
        "region": str,
        "from_figure": str,
        "to_figure": str,
    },
)

#: The O*NET Job Zone (1-5) before and after a move, when known.
JobZonesJSON = TypedDict("JobZonesJSON", {"from": int | None, "to": int | None})


class BarrierJSON(TypedDict):
    """What bars a move (``kind``: "degree" or "licence") and the role that asks it."""

    kind: str
    text: str
    role: str
    detail: str


class EducationGapJSON(TypedDict):
    """The education a goal needs and the one the start has."""

    needs: str
    has: str | None


class GapJSON(TypedDict):
    """What is left between the closest reachable role and the goal."""

    skills: list[SkillRefJSON]
    education: EducationGapJSON | None
    job_zone: JobZonesJSON
    pay: PayChangeJSON | None
    barrier: BarrierJSON | None


# -- routes ------------------------------------------------------------------------------------

#: One move of a route; ``score`` and ``evidence`` only for a move derived from the data.
StepJSON = TypedDict(
    "StepJSON",
    {
        "from": RoleRefJSON,
        "to": RoleRefJSON,
        "move": str,
        "stated": bool,
        "origin": str,
        "basis": str,
        "cost": float,
        "skills_to_gain": list[SkillRefJSON],
        "skill_overlap": float | None,
        "similarity": float | None,
        "job_zone": JobZonesJSON,
        "pay_change": PayChangeJSON | None,
        "barrier": BarrierJSON | None,
        "also_called": list[AlsoCalledJSON],
        "explanation": str,
        "score": NotRequired[float | None],
        "evidence": NotRequired[list[str]],
    },
)


class RouteJSON(TypedDict):
    """One route, its steps explained."""

    rank: int
    ranking: str
    cost: float
    moves: int
    steps: list[StepJSON]
    path: list[str]
    start_also_called: list[AlsoCalledJSON]
    explanation: str


class ClosestJSON(TypedDict):
    """The role within reach that is most like the goal, the route to it and the gap left."""

    role: RoleRefJSON
    similarity: float
    route: RouteJSON | None
    gap: GapJSON
    explanation: str


class RouteSettingsJSON(TypedDict):
    """The settings a search for routes ran with."""

    k: int
    max_steps: int
    promotions_only: bool
    threshold: float
    scheme: str | None
    neighbours: int
    measure: str
    max_rise: int
    min_pay_ratio: float
    where: str


#: The answer of ``route``: the best routes, or why there is none and the closest role in reach.
RouteResultJSON = TypedDict(
    "RouteResultJSON",
    {
        "from": RoleRefJSON,
        "to": RoleRefJSON,
        "routes": list[RouteJSON],
        "reason": str | None,
        "barrier": BarrierJSON | None,
        "closest": ClosestJSON | None,
        "options": RouteSettingsJSON,
    },
)


class NextMoveJSON(TypedDict):
    """One role a role can go to next, with the way there."""

    rank: int
    role: RoleRefJSON
    cost: float
    moves: int
    skill_overlap: float
    path: list[RoleRefJSON]
    steps: list[StepJSON]
    explanation: str
    equivalents: list[RoleRefJSON]


# -- comparison --------------------------------------------------------------------------------


class SharedSkillJSON(TypedDict):
    """A skill both roles need, with its weight in each."""

    iri: str
    label: str
    categories: NotRequired[list[str]]
    weight_a: float
    weight_b: float


class OwnSkillJSON(TypedDict):
    """A skill one role needs and the other does not, with its weight."""

    iri: str
    label: str
    categories: NotRequired[list[str]]
    weight: float


class RefSidesJSON(TypedDict):
    """The items of one facet (focus, scope, ...) of each role."""

    a: list[RefJSON]
    b: list[RefJSON]


class LevelSidesJSON(TypedDict):
    """The Job Zone (1-5) of each role."""

    a: int | None
    b: int | None


class LevelTextSidesJSON(TypedDict):
    """The Job Zone of each role in words."""

    a: str | None
    b: str | None


class PayFiguresJSON(TypedDict, total=False):
    """The figures of a role's yearly pay that its source gives."""

    min: float
    max: float
    median: float
    percentile10: float
    percentile90: float
    mean: float


class PayJSON(PayFiguresJSON):
    """A role's yearly pay as its source gives it: a range or a distribution, and ``annual``,
    the one figure that stands for it."""

    currency: str
    annual: NotRequired[float]


class PaySidesJSON(TypedDict):
    """The pay of each role, when known."""

    a: PayJSON | None
    b: PayJSON | None


class ComparisonJSON(TypedDict):
    """The answer of ``compare``: what two roles share and what only each has."""

    a: RoleRefJSON
    b: RoleRefJSON
    shared_skills: list[SharedSkillJSON]
    only_a_skills: list[OwnSkillJSON]
    only_b_skills: list[OwnSkillJSON]
    skill_overlap: float
    weighted_skill_overlap: float
    shared_responsibilities: list[RefJSON]
    only_a_responsibilities: list[RefJSON]
    only_b_responsibilities: list[RefJSON]
    shared_qualifications: list[QualificationRefJSON]
    only_a_qualifications: list[QualificationRefJSON]
    only_b_qualifications: list[QualificationRefJSON]
    focus: RefSidesJSON
    scope: RefSidesJSON
    communication: RefSidesJSON
    collaborators: RefSidesJSON
    tools: RefSidesJSON
    industries: RefSidesJSON
    seniority: LevelSidesJSON
    level: LevelTextSidesJSON
    salary: PaySidesJSON


# -- similarity, fit, transferable skills ------------------------------------------------------


class SimilarJSON(TypedDict):
    """One role like the one asked about, with the score of each facet."""

    role: RoleRefJSON
    score: float
    measure: str
    facets: dict[str, float]
    shared_skills: int
    skill_overlap: float
    weighted_skill_overlap: float
    top_shared_skills: list[RefJSON]
    counterpart: str | None
    via: RoleRefJSON | None
    explanation: str


class WeightedSkillJSON(TypedDict):
    """A skill of a role with its weight, and the person's skill that covers it (``through``)."""

    iri: str
    label: str
    categories: NotRequired[list[str]]
    weight: float
    through: NotRequired[str]


class FitJSON(TypedDict):
    """One role a set of skills fits, with the skills matched and missing."""

    role: RoleRefJSON
    score: float
    coverage: float
    matched: list[WeightedSkillJSON]
    missing: list[WeightedSkillJSON]


class TransferableSkillJSON(TypedDict):
    """A skill that connects many roles, and the groups of roles it connects."""

    skill: SkillRefJSON
    roles: int
    groups: int
    participation: float
    top_groups: list[str]


# -- the rest of the JSON API ------------------------------------------------------------------


class HealthJSON(TypedDict):
    """``/api/health`` while the store answers."""

    status: Literal["ok"]
    engine: str
    triples: int
    version: str
    updates: bool


class UnavailableJSON(TypedDict):
    """``/api/health`` when the store does not answer (status 503)."""

    status: Literal["unavailable"]
    error: str
    version: str


class RoleSummaryJSON(TypedDict):
    """One line of the role list: IRI, label, skill count and main codes."""

    iri: str
    label: str
    skills: int
    codes: dict[str, str]


class SearchAlsoJSON(TypedDict):
    """The same occupation as a search result, in another classification."""

    iri: str
    label: str
    scheme: str
    source: str


class SearchHitJSON(TypedDict):
    """One search result (score 0-100): ``matched`` is the other title that matched,
    ``nearest`` marks a near name given when nothing matched."""

    iri: str
    label: str
    score: float
    scheme: str
    source: str
    matched: NotRequired[str]
    nearest: NotRequired[bool]
    also: NotRequired[list[SearchAlsoJSON]]


class QueryParameterJSON(TypedDict):
    """A parameter of a named query."""

    name: str
    kind: str
    description: str
    required: bool


class QueryHeaderJSON(TypedDict):
    """What a named query answers, and how to call it."""

    name: str
    title: str
    question: str
    kind: str
    returns: str
    parameters: list[QueryParameterJSON]
    example: dict[str, str]


class QueryRowsJSON(TypedDict):
    """The rows of a named query; a row leaves out the variables it does not bind."""

    query: str
    title: str
    variables: list[str]
    rows: list[dict[str, Scalar]]


class ValidationResultJSON(TypedDict):
    """One result of SHACL validation."""

    focus_node: str
    path: str | None
    value: str | None
    constraint: str
    shape: str
    severity: str
    message: str


class ValidationReportJSON(TypedDict):
    """The answer of ``validate``: whether the data conforms, and every result."""

    conforms: bool
    results: list[ValidationResultJSON]


class ProblemDetailJSON(TypedDict):
    """One reason parameters were refused."""

    loc: list[str | int]
    msg: str | None
    type: str | None


class ProblemJSON(TypedDict):
    """An error of the JSON API: the message and status; an unknown name adds its ``kind``,
    ``name`` and the closest ``suggestions``, refused parameters their ``detail``."""

    error: str
    status: int
    kind: NotRequired[str]
    name: NotRequired[str]
    suggestions: NotRequired[list[str]]
    detail: NotRequired[list[ProblemDetailJSON]]
    graphs: NotRequired[list[str]]


# -- the role description (``show``; ``/api/role``) -------------------------------------------
# Made by ``render_role.role_json`` from a ``description.RoleDescription``; a value a source
# leaves unknown is left out of an entry (``NotRequired``).


class DescribedSkillJSON(TypedDict):
    """A skill of the described role, with its requirement when the data qualifies it."""

    iri: str
    label: str
    category: str | None
    strength: str | None
    importance: float | None
    inferred_from: NotRequired[str]
    evidence: NotRequired[str | None]


class DescribedTechnologyJSON(TypedDict):
    """A technology the described role uses; ``hot``: in demand."""

    iri: str
    label: str
    hot: bool


class DescribedLinkJSON(TypedDict):
    """Something the described role links to (a responsibility, tool, industry, collaborator,
    focus, scope, way of communicating, source or role it progresses from), by IRI and label."""

    iri: str
    label: NotRequired[str]


class DescribedMoveJSON(DescribedLinkJSON):
    """A role the described role progresses to, and the ``kind`` of move when stated."""

    kind: NotRequired[str]


class DescribedQualificationJSON(TypedDict):
    """A qualification the described role asks for; unlabelled, it is named by its IRI."""

    iri: str
    label: str
    kind: NotRequired[str]
    level: NotRequired[str]
    educationLevel: NotRequired[str]
    field: NotRequired[str]
    certification: NotRequired[str]
    certificationLabel: NotRequired[str]
    domain: NotRequired[str]


class DescribedPayJSON(TypedDict):
    """One pay distribution of the described role: amounts, period, place, year and source."""

    iri: str
    currency: NotRequired[str]
    min: NotRequired[float]
    max: NotRequired[float]
    percentile10: NotRequired[float]
    percentile25: NotRequired[float]
    median: NotRequired[float]
    percentile75: NotRequired[float]
    percentile90: NotRequired[float]
    mean: NotRequired[float]
    period: NotRequired[str]
    region: NotRequired[str]
    region_label: NotRequired[str]
    year: NotRequired[int | str]
    source: NotRequired[str]
    source_label: NotRequired[str]


class RoleDescriptionJSON(TypedDict):
    """Everything known about one role, as ``show --format json`` gives it; with a place asked
    for, only its salary figures, the place (``where``) and whether they are the national ones
    (``salary_is_national``)."""

    iri: str
    label: str
    alt_labels: list[str]
    definition: str | None
    codes: dict[str, str]
    seniority: str | None
    job_zone: int | None
    level: str | None
    skills: list[DescribedSkillJSON]
    responsibilities: list[DescribedLinkJSON]
    qualifications: list[DescribedQualificationJSON]
    tools: list[DescribedLinkJSON]
    industries: list[DescribedLinkJSON]
    works_with: list[DescribedLinkJSON]
    focus: list[DescribedLinkJSON]
    scope: list[DescribedLinkJSON]
    communication: list[DescribedLinkJSON]
    technologies: list[DescribedTechnologyJSON]
    salary: list[DescribedPayJSON]
    progresses_to: list[DescribedMoveJSON]
    progresses_from: list[DescribedLinkJSON]
    sources: list[DescribedLinkJSON]
    where: NotRequired[str]
    salary_is_national: NotRequired[bool]
