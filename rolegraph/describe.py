"""Everything the graph knows about roles: the list of roles and each role in full.

A description is read one facet at a time (names, codes, skills, requirements, pay, ...), each
facet by one query of ``queries/internal/describe-*.rq``. Bound to one role the query describes
that role; unbound it reads the facet of every role at once, so :func:`describe_roles` takes
eighteen whole-graph queries where describing each role in turn would take eighteen per role.
Both give the same :class:`RoleDescription`, a frozen, typed value of
:mod:`rolegraph.description`; its JSON is made in :mod:`rolegraph.render_role`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from rolegraph.description import (
    NATIONAL,
    Link,
    Move,
    PayFigures,
    PaySummary,
    Qualification,
    RoleDescription,
    RoleSummary,
    SkillNeed,
    Technology,
    pay_summary,
    salary_for,
)
from rolegraph.levels import level_text
from rolegraph.queries import internal_query
from rolegraph.store import Store
from rolegraph.terms import from_ox

__all__ = [
    "FACETS",
    "NATIONAL",
    "Link",
    "Move",
    "PayFigures",
    "PaySummary",
    "Qualification",
    "RoleDescription",
    "RoleSummary",
    "SkillNeed",
    "Technology",
    "describe_role",
    "describe_roles",
    "list_roles",
    "pay_summary",
    "salary_entries",
    "salary_for",
    "salary_summary",
]

#: The facets of a description, each the name of its query (``describe-<facet>``).
FACETS = (
    "main",
    "alt-labels",
    "codes",
    "skills",
    "requirements",
    "technologies",
    "responsibilities",
    "qualifications",
    "tools",
    "industries",
    "works-with",
    "focus",
    "scope",
    "communication",
    "salary",
    "progresses-to",
    "progresses-from",
    "sources",
)

Row = dict[str, Any]


def _term(value: Any) -> tuple[int, Any]:
    """A value's place in SPARQL's ``ORDER BY``: unbound first, then numbers and booleans,
    then text, each among its kind by value."""
    if value is None:
        return (0, 0)
    if isinstance(value, (bool, int, float)):
        return (1, float(value))
    return (2, str(value))


def _by_label(row: Row) -> tuple[Any, ...]:
    """``ORDER BY LCASE(STR(?label)) ?iri``."""
    label = row.get("label")
    return (_term(None if label is None else str(label).lower()), _term(row.get("iri")))


def _by(*names: str) -> Callable[[Row], tuple[Any, ...]]:
    """``ORDER BY ?name ...``."""
    return lambda row: tuple(_term(row.get(name)) for name in names)


def _hot_first(row: Row) -> tuple[Any, ...]:
    """``ORDER BY DESC(?hot) LCASE(STR(?label)) ?iri``: in demand first, unknown last."""
    hot = row.get("hot")
    return (0 if hot is True else 1 if hot is False else 2, *_by_label(row))


#: The order of each facet's rows (sorted here, not by the engine: sorting every role's rows
#: took the engine longer than reading them). Skills are sorted with their requirements.
_ORDER: dict[str, Callable[[Row], tuple[Any, ...]]] = {
    "alt-labels": _by("value"),
    "codes": _by("scheme", "value"),
    "technologies": _hot_first,
    "responsibilities": _by_label,
    "qualifications": _by_label,
    "tools": _by_label,
    "industries": _by_label,
    "works-with": _by_label,
    "focus": _by("label", "iri"),
    "scope": _by("label", "iri"),
    "communication": _by("label", "iri"),
    "salary": _by("regionCode", "year", "iri"),
    "progresses-to": _by_label,
    "progresses-from": _by_label,
    "sources": _by("iri"),
}


# -- reading the facets ---------------------------------------------------------------------------


def _python(value: Node | None) -> Any:
    if value is None:
        return None
    if isinstance(value, Literal):
        converted = value.toPython()
        if isinstance(converted, (int, float, str, bool)):
            return converted
        try:
            return float(value) if "." in str(value) else int(value)
        except (TypeError, ValueError):
            return str(value)
    return str(value)


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _python_ox(term: Any) -> Any:
    """``_python`` of an engine term, read directly for the common kinds of value (IRIs,
    strings, numbers, booleans), through rdflib for the others."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        datatype, text = term.datatype.value, term.value
        try:
            if datatype == _XSD + "string":
                return text
            if datatype == _XSD + "integer":
                return int(text)
            if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
                return float(text)
            if datatype == _XSD + "boolean" and text in ("true", "false", "1", "0"):
                return text in ("true", "1")
        except ValueError:
            pass
    return _python(from_ox(term))


@functools.cache
def _query(facet: str) -> str:
    """The text of a facet's query, read once per process."""
    return internal_query(f"describe-{facet}")


def _facet(store: Store, facet: str, role: URIRef | None) -> dict[str, list[Row]]:
    """The rows of one facet, by role (each row without its role and unbound values), in the
    query's order: of ``role`` alone, or of every role when None."""
    text = _query(facet)
    bindings = {"role": role} if role is not None else None
    by_role: dict[str, list[Row]] = {}
    select_terms = getattr(store, "select_terms", None)
    if select_terms is not None:  # the embedded engine: values read without rdflib terms
        variables, rows = select_terms(text, bindings)
        convert: Callable[[Any], Any] = _python_ox
    else:
        result = store.query(text, bindings)
        variables, rows, convert = result.variables, result.rows, _python
    names = variables[1:]
    for row in rows:
        subject = row[0]
        key = subject.value if isinstance(subject, ox.NamedNode) else str(subject)
        by_role.setdefault(key, []).append(
            {name: convert(value) for name, value in zip(names, row[1:]) if value is not None}
        )
    return by_role


def _dedupe(rows: Iterable[Row], key: str = "iri") -> list[Row]:
    """One entry per ``key``, in first-seen order. A text field with several values (two fields
    of study, two skill categories) keeps them all, sorted and joined with ", ", so the answer
    is the same whichever order the store returned the rows in."""
    values: dict[Any, dict[str, set[Any]]] = {}
    for row in rows:
        merged = values.setdefault(row.get(key), {})
        for name, value in row.items():
            merged.setdefault(name, set()).add(value)
    entries = []
    for merged in values.values():
        entry: Row = {}
        for name, found in merged.items():
            if all(isinstance(v, str) for v in found):
                entry[name] = ", ".join(sorted(found))
            else:
                entry[name] = sorted(found, key=str)[0]
        entries.append(entry)
    return entries


def _level(head: Row) -> int | None:
    """The role's level 1-5: its Job Zone, else its seniority level's notation."""
    for value in (head.get("jobZone"), head.get("level")):
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            continue
    return None


def _links(rows: Iterable[Row]) -> tuple[Link, ...]:
    return tuple(Link(row["iri"], row.get("label")) for row in _dedupe(rows))


def _skills(skills: list[Row], requirements: list[Row]) -> tuple[SkillNeed, ...]:
    """The role's skills, each joined with its qualified requirements (strength, importance,
    method, evidence) if it has any, most important first, then by label."""
    by_skill: dict[Any, list[Row]] = {}
    for row in requirements:
        by_skill.setdefault(row["iri"], []).append(row)
    rows = [
        {**skill, **requirement}
        for skill in skills
        for requirement in by_skill.get(skill["iri"], [{}])
    ]

    def order(row: Row) -> tuple[Any, ...]:
        importance = row.get("importance")
        first = (0, -importance) if isinstance(importance, (int, float)) else (1, 0)
        return (*first, str(row.get("label", "")).lower(), row["iri"])

    needs = []
    for row in _dedupe(sorted(rows, key=order)):
        method = row.get("method")
        needs.append(
            SkillNeed(
                iri=row["iri"],
                label=str(row.get("label", row["iri"])),
                category=row.get("categoryLabel"),
                strength=row.get("strength"),
                importance=row.get("importance"),
                inferred_from=method or None,
                evidence=row.get("evidence") if method else None,
            )
        )
    return tuple(needs)


def _pay(rows: Iterable[Row]) -> tuple[PayFigures, ...]:
    return tuple(
        PayFigures(
            iri=row["iri"],
            currency=row.get("currency"),
            min=row.get("min"),
            max=row.get("max"),
            percentile10=row.get("p10"),
            percentile25=row.get("p25"),
            median=row.get("median"),
            percentile75=row.get("p75"),
            percentile90=row.get("p90"),
            mean=row.get("mean"),
            period=row.get("period"),
            region=row.get("regionCode"),
            region_label=row.get("regionLabel"),
            year=row.get("year"),
            source=row.get("source"),
            source_label=row.get("sourceLabel"),
        )
        for row in _dedupe(rows)
    )


def _build(role: str, facets: Mapping[str, Mapping[str, list[Row]]]) -> RoleDescription:
    """The description of ``role`` from the rows of every facet."""

    def rows(facet: str) -> list[Row]:
        found = facets[facet].get(role, [])
        order = _ORDER.get(facet)
        return sorted(found, key=order) if order is not None else found

    main = rows("main")
    head = main[0] if main else {}
    codes: dict[str, str] = {}
    for row in rows("codes"):
        codes.setdefault(row["scheme"], row["value"])
    return RoleDescription(
        iri=role,
        label=head.get("label", role.rsplit("/", 1)[-1]),
        alt_labels=tuple(row["value"] for row in rows("alt-labels")),
        definition=head.get("definition"),
        codes=codes,
        seniority=head.get("seniorityLabel"),
        job_zone=head.get("jobZone"),
        level=level_text(_level(head)),
        skills=_skills(rows("skills"), rows("requirements")),
        responsibilities=_links(rows("responsibilities")),
        qualifications=tuple(
            Qualification(
                iri=row["iri"],
                label=row.get("label"),
                kind=row.get("kind"),
                level=row.get("level"),
                education_level=row.get("educationLevel"),
                field=row.get("field"),
                certification=row.get("certification"),
                certification_label=row.get("certificationLabel"),
                domain=row.get("domain"),
            )
            for row in _dedupe(rows("qualifications"))
        ),
        tools=_links(rows("tools")),
        industries=_links(rows("industries")),
        works_with=_links(rows("works-with")),
        focus=_links(rows("focus")),
        scope=_links(rows("scope")),
        communication=_links(rows("communication")),
        technologies=tuple(
            Technology(row["iri"], str(row.get("label", row["iri"])), bool(row.get("hot")))
            for row in _dedupe(rows("technologies"))
        ),
        salary=_pay(rows("salary")),
        progresses_to=tuple(
            Move(row["iri"], row.get("label"), row.get("kind"))
            for row in _dedupe(rows("progresses-to"))
        ),
        progresses_from=_links(rows("progresses-from")),
        sources=_links(rows("sources")),
    )


# -- roles ----------------------------------------------------------------------------------------


def list_roles(store: Store) -> list[RoleSummary]:
    """Every role, sorted by label, with its skill count and main codes."""
    summaries = []
    for role, label, onet, esco, skills in store.query(internal_query("describe-role-list")).rows:
        codes = {}
        if onet is not None:
            codes["onet"] = str(onet)
        if esco is not None:
            codes["esco"] = str(esco)
        summaries.append(
            RoleSummary(
                iri=str(role),
                label=str(label) if label is not None else str(role).rsplit("/", 1)[-1],
                skills=int(skills) if skills is not None else 0,  # type: ignore[call-overload]
                codes=codes,
            )
        )
    return summaries


def describe_role(store: Store, role: URIRef) -> RoleDescription:
    """Gather every facet of ``role`` into one description."""
    facets = {facet: _facet(store, facet, role) for facet in FACETS}
    return _build(str(role), facets)


def describe_roles(store: Store) -> dict[str, RoleDescription]:
    """The description of every role, by IRI, read with one whole-graph query per facet: the
    same descriptions :func:`describe_role` gives one at a time."""
    facets = {facet: _facet(store, facet, None) for facet in FACETS}
    return {role: _build(role, facets) for role in facets["main"]}


# -- pay ------------------------------------------------------------------------------------------


def salary_entries(store: Store, role: URIRef) -> tuple[PayFigures, ...]:
    """The role's salary figures, one entry per distribution, as its sources give them."""
    return _pay(_facet(store, "salary", role).get(str(role), ()))


def salary_summary(store: Store, role: URIRef) -> PaySummary | None:
    """The role's yearly national pay (:func:`pay_summary`), read from the store."""
    return pay_summary(salary_entries(store, role))
