"""Everything the graph knows about roles: the list of roles and one role in full.

A description takes one query per facet (skills, responsibilities, ...), each bound to the
role, so it works the same on every store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from rolegraph.levels import level_text
from rolegraph.store import Store
from rolegraph.terms import from_ox

_PROLOGUE = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

_LABEL = (
    "OPTIONAL {{ {var} skos:prefLabel {out} "
    "FILTER(LANGMATCHES(LANG({out}), 'en') || LANG({out}) = '') }}"
)


#: The region code of national figures.
NATIONAL = "US"


def _label(var: str, out: str) -> str:
    return _LABEL.format(var=var, out=out)


ROLES = (
    _PROLOGUE
    + f"""SELECT ?role (SAMPLE(?l) AS ?label) (SAMPLE(?code) AS ?onet)
  (SAMPLE(?esco) AS ?escoConcept)
  (COUNT(DISTINCT ?skill) AS ?skills) WHERE {{
  ?role a rg:Role .
  {_label("?role", "?l")}
  OPTIONAL {{ ?role rg:onetSocCode ?code }}
  OPTIONAL {{ ?role rg:escoConcept ?esco }}
  OPTIONAL {{ ?role rg:requiresSkill ?skill }}
}} GROUP BY ?role ORDER BY LCASE(STR(?label)) ?role"""
)

FACETS: dict[str, str] = {
    "main": f"""SELECT ?label ?definition ?seniority ?seniorityLabel ?level ?jobZone WHERE {{
  {_label("?role", "?label")}
  OPTIONAL {{ ?role skos:definition ?definition }}
  OPTIONAL {{ ?role rg:seniority ?seniority . {_label("?seniority", "?seniorityLabel")}
             OPTIONAL {{ ?seniority skos:notation ?level }} }}
  OPTIONAL {{ ?role rg:jobZone ?jobZone }}
}}""",
    "alt_labels": "SELECT ?value WHERE { ?role skos:altLabel ?value } ORDER BY ?value",
    "codes": """SELECT ?scheme ?value WHERE {
  { ?role rg:onetSocCode ?value BIND("onet" AS ?scheme) }
  UNION { ?role rg:iscoCode ?value BIND("isco" AS ?scheme) }
  UNION { ?role rg:escoCode ?value BIND("escoCode" AS ?scheme) }
  UNION { ?role rg:escoConcept ?value BIND("esco" AS ?scheme) }
} ORDER BY ?scheme ?value""",
    "skills": f"""SELECT ?iri ?label ?category ?categoryLabel WHERE {{
  ?role rg:requiresSkill ?iri .
  {_label("?iri", "?label")}
  OPTIONAL {{ ?iri rg:skillCategory ?category . {_label("?category", "?categoryLabel")} }}
}}""",
    # Apart from the skills: as an OPTIONAL group of the skills query it made the engine read
    # every requirement of every role (30 ms a role on the full store instead of 3).
    "requirements": f"""SELECT ?iri ?strength ?importance ?method ?evidence WHERE {{
  ?role rg:qualifiedSkillRequirement ?req . ?req rg:skill ?iri .
  OPTIONAL {{ ?req rg:strength ?strengthNode . {_label("?strengthNode", "?strength")} }}
  OPTIONAL {{ ?req rg:importance ?importance }}
  OPTIONAL {{ ?req rg:method ?method }}
  OPTIONAL {{ ?req rg:evidence ?evidence }}
}}""",
    "technologies": f"""SELECT ?iri ?label ?hot WHERE {{
  ?role rg:usesTechnology ?iri . {_label("?iri", "?label")}
  OPTIONAL {{ ?iri rg:hotTechnology ?hot }}
}} ORDER BY DESC(?hot) LCASE(STR(?label)) ?iri""",
    "responsibilities": f"""SELECT ?iri ?label WHERE {{
  ?role rg:hasResponsibility ?iri . {_label("?iri", "?label")}
}} ORDER BY LCASE(STR(?label)) ?iri""",
    "qualifications": f"""SELECT ?iri ?label ?kind ?level ?educationLevel ?field ?certification
  ?certificationLabel ?domain WHERE {{
  ?role rg:hasQualification ?iri .
  {_label("?iri", "?label")}
  OPTIONAL {{ ?iri a ?kindClass . ?kindClass rdfs:subClassOf rg:Qualification .
             BIND(STRAFTER(STR(?kindClass), "#") AS ?kind) }}
  OPTIONAL {{ ?iri rg:requirementLevel ?levelNode . {_label("?levelNode", "?level")} }}
  OPTIONAL {{ ?iri rg:educationLevel ?eduNode . {_label("?eduNode", "?educationLevel")} }}
  OPTIONAL {{ ?iri rg:fieldOfStudy ?field }}
  OPTIONAL {{ ?iri rg:experienceDomain ?domain }}
  OPTIONAL {{ ?iri rg:certification ?certification .
             {_label("?certification", "?certificationLabel")} }}
}} ORDER BY LCASE(STR(?label)) ?iri""",
    "tools": f"""SELECT ?iri ?label WHERE {{
  ?role rg:usesTool ?iri . {_label("?iri", "?label")} }} ORDER BY LCASE(STR(?label)) ?iri""",
    "industries": f"""SELECT ?iri ?label WHERE {{
  ?role rg:inIndustry ?iri . {_label("?iri", "?label")} }} ORDER BY LCASE(STR(?label)) ?iri""",
    "works_with": f"""SELECT ?iri ?label WHERE {{
  ?role rg:worksWith ?iri . {_label("?iri", "?label")} }} ORDER BY LCASE(STR(?label)) ?iri""",
    "focus": f"""SELECT ?iri ?label WHERE {{
  ?role rg:focus ?iri . {_label("?iri", "?label")} }} ORDER BY ?label ?iri""",
    "scope": f"""SELECT ?iri ?label WHERE {{
  ?role rg:scope ?iri . {_label("?iri", "?label")} }} ORDER BY ?label ?iri""",
    "communication": f"""SELECT ?iri ?label WHERE {{
  ?role rg:communication ?iri . {_label("?iri", "?label")} }} ORDER BY ?label ?iri""",
    "salary": f"""SELECT ?iri ?currency ?min ?max ?p10 ?p25 ?median ?p75 ?p90 ?mean ?period
  ?regionCode ?regionLabel ?year ?source ?sourceLabel WHERE {{
  ?role rg:salary ?iri .
  OPTIONAL {{ ?iri rg:currency ?currency }}
  OPTIONAL {{ ?iri rg:minValue ?min }} OPTIONAL {{ ?iri rg:maxValue ?max }}
  OPTIONAL {{ ?iri rg:percentile10 ?p10 }} OPTIONAL {{ ?iri rg:percentile25 ?p25 }}
  OPTIONAL {{ ?iri rg:median ?median }} OPTIONAL {{ ?iri rg:percentile75 ?p75 }}
  OPTIONAL {{ ?iri rg:percentile90 ?p90 }} OPTIONAL {{ ?iri rg:mean ?mean }}
  OPTIONAL {{ ?iri rg:period ?periodNode . {_label("?periodNode", "?period")} }}
  OPTIONAL {{ ?iri rg:region ?region . OPTIONAL {{ ?region rg:regionCode ?regionCode }}
             {_label("?region", "?regionLabel")} }}
  OPTIONAL {{ ?iri rg:year ?year }}
  OPTIONAL {{ ?iri rg:source ?source . OPTIONAL {{ ?source dcterms:title ?sourceLabel }} }}
}} ORDER BY ?regionCode ?year ?iri""",
    "progresses_to": f"""SELECT ?iri ?label ?kind WHERE {{
  ?role rg:progressesTo ?iri . {_label("?iri", "?label")}
  OPTIONAL {{ ?move a rg:StatedMove ; rg:fromRole ?role ; rg:toRole ?iri ; rg:moveKind ?kindNode .
             {_label("?kindNode", "?kind")} }}
}} ORDER BY LCASE(STR(?label)) ?iri""",
    "progresses_from": f"""SELECT ?iri ?label WHERE {{
  ?iri rg:progressesTo ?role . {_label("?iri", "?label")} }} ORDER BY LCASE(STR(?label)) ?iri""",
    "sources": """SELECT ?iri ?label WHERE {
  { ?role rg:source ?iri } UNION { ?role rg:importedFrom ?iri }
  OPTIONAL { ?iri dcterms:title ?label } } ORDER BY ?iri""",
}

_LIST_FACETS = ("tools", "industries", "works_with", "focus", "scope", "communication")


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


def _rows(store: Store, facet: str, role: URIRef) -> list[dict[str, Any]]:
    select_terms = getattr(store, "select_terms", None)
    if select_terms is not None:  # the embedded engine: values read without rdflib terms
        variables, rows = select_terms(_PROLOGUE + FACETS[facet], {"role": role})
        return [
            {name: _python_ox(value) for name, value in zip(variables, row) if value is not None}
            for row in rows
        ]
    result = store.query(_PROLOGUE + FACETS[facet], {"role": role})
    return [
        {name: _python(value) for name, value in zip(result.variables, row) if value is not None}
        for row in result.rows
    ]


def _dedupe(rows: list[dict[str, Any]], key: str = "iri") -> list[dict[str, Any]]:
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
        entry: dict[str, Any] = {}
        for name, found in merged.items():
            if all(isinstance(v, str) for v in found):
                entry[name] = ", ".join(sorted(found))
            else:
                entry[name] = sorted(found, key=str)[0]
        entries.append(entry)
    return entries


@dataclass
class RoleSummary:
    """One line of the role list."""

    iri: str
    label: str
    skills: int
    codes: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label, "skills": self.skills, "codes": self.codes}


def list_roles(store: Store) -> list[RoleSummary]:
    """Every role, sorted by label, with its skill count and main codes."""
    summaries = []
    for role, label, onet, esco, skills in store.query(ROLES).rows:
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


@dataclass
class RoleDescription:
    """Everything known about one role, ready for JSON or text."""

    data: dict[str, Any]

    @property
    def label(self) -> str:
        return str(self.data["label"])

    def to_dict(self) -> dict[str, Any]:
        return self.data


def _level(head: dict[str, Any]) -> int | None:
    """The role's level 1-5: its Job Zone, else its seniority level's notation."""
    for value in (head.get("jobZone"), head.get("level")):
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            continue
    return None


def salary_for(
    entries: list[dict[str, Any]], region: str | None
) -> tuple[list[dict[str, Any]], bool]:
    """The salary entries for ``region`` (an ISO 3166 code; None: the whole country), and
    whether they are the national figures standing in for a place that has none."""
    national = [e for e in entries if e.get("region") in (None, NATIONAL)]
    if region in (None, NATIONAL):
        return national, False
    here = [e for e in entries if e.get("region") == region]
    return (here, False) if here else (national, True)


def salary_entries(store: Store, role: URIRef) -> list[dict[str, Any]]:
    """The role's salary figures, one entry per distribution, as its sources give them."""
    salary = []
    for row in _dedupe(_rows(store, "salary", role)):
        entry = {
            "iri": row["iri"],
            "currency": row.get("currency"),
            "min": row.get("min"),
            "max": row.get("max"),
            "percentile10": row.get("p10"),
            "percentile25": row.get("p25"),
            "median": row.get("median"),
            "percentile75": row.get("p75"),
            "percentile90": row.get("p90"),
            "mean": row.get("mean"),
            "period": row.get("period"),
            "region": row.get("regionCode"),
            "region_label": row.get("regionLabel"),
            "year": row.get("year"),
            "source": row.get("source"),
            "source_label": row.get("sourceLabel"),
        }
        salary.append({k: v for k, v in entry.items() if v is not None})
    return salary


def salary_summary(store: Store, role: URIRef) -> dict[str, Any] | None:
    """The role's yearly national pay as its source gives it: a range stays a range
    (``min``/``max``), a distribution keeps its median and 10th-90th percentiles."""
    entries, _ = salary_for(salary_entries(store, role), None)
    yearly = [e for e in entries if "year" in str(e.get("period", "year")).lower()]
    if not yearly:
        return None
    entry = yearly[0]
    keys = ("min", "max", "median", "percentile10", "percentile90", "mean", "currency")
    summary = {k: entry[k] for k in keys if k in entry}
    middle = entry.get("median", entry.get("mean"))
    if middle is None and "min" in entry and "max" in entry:
        middle = (entry["min"] + entry["max"]) / 2
    if middle is not None:
        summary["annual"] = round(float(middle), 2)
    summary.setdefault("currency", "USD")
    return summary


def _skill_rows(store: Store, role: URIRef) -> list[dict[str, Any]]:
    """The role's skills, each joined with its qualified requirements (strength, importance,
    method, evidence) if it has any, most important first, then by label."""
    requirements: dict[Any, list[dict[str, Any]]] = {}
    for row in _rows(store, "requirements", role):
        requirements.setdefault(row["iri"], []).append(row)
    rows = [
        {**skill, **requirement}
        for skill in _rows(store, "skills", role)
        for requirement in requirements.get(skill["iri"], [{}])
    ]

    def order(row: dict[str, Any]) -> tuple[Any, ...]:
        importance = row.get("importance")
        first = (0, -importance) if isinstance(importance, (int, float)) else (1, 0)
        return (*first, str(row.get("label", "")).lower(), row["iri"])

    return sorted(rows, key=order)


def describe_role(store: Store, role: URIRef) -> RoleDescription:
    """Gather every facet of ``role`` into one description."""
    main = _rows(store, "main", role)
    head = main[0] if main else {}
    codes: dict[str, str] = {}
    for row in _rows(store, "codes", role):
        codes.setdefault(row["scheme"], row["value"])
    skills = []
    for row in _dedupe(_skill_rows(store, role)):
        skills.append(
            {
                "iri": row["iri"],
                "label": row.get("label", row["iri"]),
                "category": row.get("categoryLabel"),
                "strength": row.get("strength"),
                "importance": row.get("importance"),
                **(
                    {"inferred_from": row["method"], "evidence": row.get("evidence")}
                    if row.get("method")
                    else {}
                ),
            }
        )
    data: dict[str, Any] = {
        "iri": str(role),
        "label": head.get("label", str(role).rsplit("/", 1)[-1]),
        "alt_labels": [row["value"] for row in _rows(store, "alt_labels", role)],
        "definition": head.get("definition"),
        "codes": codes,
        "seniority": head.get("seniorityLabel"),
        "job_zone": head.get("jobZone"),
        "level": level_text(_level(head)),
        "skills": skills,
        "responsibilities": _dedupe(_rows(store, "responsibilities", role)),
        "qualifications": _dedupe(_rows(store, "qualifications", role)),
    }
    for facet in _LIST_FACETS:
        data[facet] = _dedupe(_rows(store, facet, role))
    data["technologies"] = [
        {"iri": row["iri"], "label": row.get("label", row["iri"]), "hot": bool(row.get("hot"))}
        for row in _dedupe(_rows(store, "technologies", role))
    ]
    salary = salary_entries(store, role)
    data["salary"] = salary
    data["progresses_to"] = _dedupe(_rows(store, "progresses_to", role))
    data["progresses_from"] = _dedupe(_rows(store, "progresses_from", role))
    data["sources"] = _dedupe(_rows(store, "sources", role))
    for item in data["qualifications"]:
        item.setdefault("label", item["iri"])
    return RoleDescription(data)
