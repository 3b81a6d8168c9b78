"""The projection from RDF: a fixed number of bulk SPARQL SELECTs
(``queries/internal/network-*.rq``) read through :meth:`Store.query`, whatever the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Node

from rolegraph.errors import UnknownNameError
from rolegraph.network.builder import NetworkBuilder
from rolegraph.network.model import HOURS_PER_YEAR, SCHEMES, RoleNetwork, local_name
from rolegraph.queries import internal_query
from rolegraph.store import Store
from rolegraph.vocab import RG

_RG = str(RG)
_SKOS = "http://www.w3.org/2004/02/skos/core#"

#: The bulk queries of the projection (``queries/internal/network-*.rq``). Large lists come
#: concatenated, one row per role or one row in all (IRIs hold no spaces), and qualified
#: requirements are joined to their roles and skills in Python rather than in SPARQL: at ESCO +
#: O*NET size both are several times faster than one row per requirement or a join through the
#: requirement nodes, which dominate the cost.
QUERY_NAMES = (
    "roles",
    "role_facts",
    "alt_labels",
    "sources",
    "labels",
    "skills",
    "requires",
    "requirement_roles",
    "requirement_skills",
    "optional",
    "rated",
    "notations",
    "qualifications",
    "moves",
    "evidence",
    "definitions",
    "skill_mappings",
    "salaries",
    "education",
    "regulated",
    "broader_roles",
)


#: Role facets kept as lists of IRIs, by predicate.
_FACETS = {
    f"{_RG}focus": "focus",
    f"{_RG}scope": "scope",
    f"{_RG}communication": "communication",
    f"{_RG}worksWith": "collaborators",
    f"{_RG}usesTool": "tools",
    f"{_RG}inIndustry": "industries",
    f"{_RG}performsActivity": "activities",
    f"{_RG}usesTechnology": "technologies",
}

_MOVE_KINDS = {
    f"{_RG}Promotion": "promotion",
    f"{_RG}LateralMove": "lateral",
    f"{_RG}Transition": "transition",
}


def _rows(store: Store, name: str) -> list[tuple[Node | None, ...]]:
    return store.query(internal_query("network-" + name.replace("_", "-"))).rows


def _text(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        return float(str(value))
    except ValueError:
        return None


def _label_rank(predicate: str, label: Literal) -> int:
    """Lower is better: English before untagged before other languages, then skos:prefLabel
    before rdfs:label."""
    language = (label.language or "").lower()
    if language == "en" or language.startswith("en-"):
        lang_rank = 0
    elif not language:
        lang_rank = 1
    else:
        lang_rank = 2
    return lang_rank * 2 + (0 if predicate == f"{_SKOS}prefLabel" else 1)


def project(store: Store, *, scheme: str | None = None) -> RoleNetwork:
    """Project the roles, skills, moves and equivalences of ``store`` into a :class:`RoleNetwork`.

    With ``scheme`` (``esco``, ``onet`` or ``rolegraph``) only the roles of that classification
    are kept. Runs a fixed number of bulk SELECT queries whatever the size of the graph.
    """
    if scheme is not None and scheme not in SCHEMES:
        raise UnknownNameError("classification", scheme, list(SCHEMES))
    builder = NetworkBuilder()
    for (role,) in _rows(store, "roles"):
        if isinstance(role, URIRef):
            builder.roles.setdefault(str(role), None)
    _project_labels(store, builder)
    notations = {
        str(level): int(float(str(n)))
        for level, n in _rows(store, "notations")
        if level is not None and n is not None and str(n).replace(".", "", 1).isdigit()
    }
    _project_role_facts(store, builder, notations)
    _project_skills(store, builder)
    _project_qualifications(store, builder)
    _project_moves(store, builder)
    _project_salaries(store, builder)
    _project_barriers(store, builder)
    return builder.build(scheme)


def _project_labels(store: Store, builder: NetworkBuilder) -> None:
    best: dict[str, int] = {}
    labels = builder.labels
    for item, predicate, label in _rows(store, "labels"):
        if item is None or label is None or not isinstance(label, Literal):
            continue
        key = str(item)
        rank = _label_rank(str(predicate), label)
        known = best.get(key)
        if known is None or rank < known or (rank == known and str(label) < labels[key]):
            best[key] = rank
            labels[key] = str(label)


def _project_role_facts(
    store: Store, builder: NetworkBuilder, notations: Mapping[str, int]
) -> None:
    job_zones: dict[str, int] = {}
    roles = builder.roles
    for role_node, predicate_node, values in _rows(store, "role_facts"):
        if role_node is None or predicate_node is None or values is None:
            continue
        role = str(role_node)
        if role in roles:
            for text in str(values).split("\n"):
                _role_fact(builder, role, str(predicate_node), text, notations, job_zones)
    for role_node, labels in _rows(store, "alt_labels"):
        if role_node is not None and labels is not None:
            builder.alt_labels[str(role_node)].extend(str(labels).split("\n"))
    for role_node, source in _rows(store, "sources"):
        if role_node is not None and source is not None:
            builder.sources[str(role_node)].append(str(source))
    for role, zone in job_zones.items():
        builder.seniority.setdefault(role, zone)
    for defined, definition in _rows(store, "definitions"):
        if defined is None or not isinstance(definition, Literal):
            continue
        key = str(defined)
        english = (definition.language or "en").lower().startswith("en")
        if key in roles and (english or key not in builder.definitions):
            builder.definitions[key] = str(definition)


def _role_fact(
    builder: NetworkBuilder,
    role: str,
    predicate: str,
    text: str,
    notations: Mapping[str, int],
    job_zones: dict[str, int],
) -> None:
    """Record one value of one property of ``role``."""
    if predicate in _FACETS:
        builder.facets[role][_FACETS[predicate]].append(text)
        return
    local = predicate.rsplit("#", 1)[-1]
    codes = builder.codes[role]
    if local == "hasResponsibility":
        builder.responsibilities[role].append(text)
    elif local == "hasQualification":
        builder.qualifications[role].append(text)
    elif local == "onetSocCode":
        codes.setdefault("onet", text)
    elif local == "iscoCode":
        codes.setdefault("isco", text)
    elif local == "escoCode":
        codes.setdefault("escoCode", text)
    elif local == "iscoGroup":
        if "isco" not in codes and local_name(text)[1:].isdigit():
            codes["isco"] = local_name(text)[1:]
    elif local == "escoConcept":
        codes.setdefault("esco", text)
        if text != role:
            builder.add_equivalence(role, text, "escoConcept")
    elif local in ("closeMatch", "exactMatch", "broadMatch", "narrowMatch"):
        builder.add_equivalence(role, text, local)
    elif local == "jobZone":
        number = _number(text)
        if number is not None:
            job_zones[role] = int(number)
    elif local == "seniority":
        if text in notations:
            builder.seniority[role] = notations[text]
    elif local == "progressesTo":
        builder.add_move(role, text, "transition")
    elif local == "promotesTo":
        builder.add_move(role, text, "promotion")


def _project_skills(store: Store, builder: NetworkBuilder) -> None:
    for skill, predicate, value in _rows(store, "skills"):
        if skill is None or value is None:
            continue
        key, local = str(skill), str(predicate).rsplit("#", 1)[-1]
        builder.skills.setdefault(key, None)
        if local == "skillCategory":
            if str(value) not in builder.skill_categories[key]:
                builder.skill_categories[key].append(str(value))
        elif local == "skillType":
            builder.skill_types[key] = str(value)
    for role, skills in _rows(store, "requires"):
        if isinstance(role, URIRef) and skills is not None:
            for name in str(skills).split():
                builder.require(str(role), name)
    # The shortcut is always asserted for a requirement: a qualified requirement without it is one
    # the source rates below what it counts as required (O*NET: importance under 3 of 5), so its
    # strength and rating weight no requirement.
    role_of: dict[str, str] = {}
    for role, requirements in _rows(store, "requirement_roles"):
        if isinstance(role, URIRef) and requirements is not None:
            key = str(role)
            for requirement in str(requirements).split():
                role_of[requirement] = key
    skill_of: dict[str, str] = {}
    for (pairs,) in _rows(store, "requirement_skills"):
        if pairs is not None:
            items = str(pairs).split()
            skill_of.update(zip(items[0::2], items[1::2]))

    def link(requirement: str) -> tuple[str, str] | None:
        pair = (role_of.get(requirement, ""), skill_of.get(requirement, ""))
        return pair if pair in builder.links else None

    for (requirements,) in _rows(store, "optional"):
        for requirement in str(requirements or "").split():
            pair = link(requirement)
            if pair is not None:
                builder.require(*pair, strength="optional")
    for (rated,) in _rows(store, "rated"):
        for item in str(rated or "").split():
            requirement, _, number = item.rpartition("=")
            importance = _number(number)
            rated_role, rated_skill = role_of.get(requirement), skill_of.get(requirement)
            if rated_role is not None and rated_skill is not None and importance is not None:
                builder.ratings[(rated_role, rated_skill)] = importance
            pair = link(requirement)
            if pair is not None:
                builder.require(*pair, importance=importance)
    for mapped, target, score_node in _rows(store, "skill_mappings"):
        mapping_score = _number(score_node)
        if mapped is not None and target is not None and mapping_score is not None:
            builder.skill_mappings.append((str(mapped), str(target), mapping_score))


def _project_qualifications(store: Store, builder: NetworkBuilder) -> None:
    base = f"{_RG}Qualification"
    for qual, type_node, level in _rows(store, "qualifications"):
        if qual is None:
            continue
        key = str(qual)
        kind = str(type_node) if type_node is not None else ""
        if kind.startswith(_RG) and kind.endswith("Qualification") and kind != base:
            builder.qualification_kinds[key] = kind
        if level is not None:
            builder.qualification_levels[key] = str(level)


def _project_moves(store: Store, builder: NetworkBuilder) -> None:
    evidence: dict[str, list[str]] = defaultdict(list)
    for move, texts in _rows(store, "evidence"):
        if move is not None and texts is not None:
            evidence[str(move)].extend(str(texts).split("\n"))
    stated = f"{_RG}StatedMove"
    rows = _rows(store, "moves")
    # Derived moves first, so a stated move about the same pair always wins.
    for move, type_node, source, target, kind, score, method in sorted(
        rows, key=lambda row: str(row[1]) == stated
    ):
        if source is None or target is None:
            continue
        origin = "stated" if str(type_node) == stated else "derived"
        kind_name = _MOVE_KINDS.get(str(kind), "transition") if kind is not None else "transition"
        builder.add_move(
            str(source),
            str(target),
            kind_name,
            origin=origin,
            score=_number(score),
            method=_text(method),
            evidence=sorted(evidence.get(str(move), ())),
        )


def _project_salaries(store: Store, builder: NetworkBuilder) -> None:
    best: dict[str, tuple[int, float, str]] = {}
    hourly = f"{_RG}Hourly"
    for role, code, period, currency, median, mean, low, high in _rows(store, "salaries"):
        if role is None:
            continue
        value = _number(median)
        if value is None:
            value = _number(mean)
        if value is None:
            lo, hi = _number(low), _number(high)
            if lo is not None and hi is not None:
                value = (lo + hi) / 2
            else:
                value = lo if lo is not None else hi
        if value is None:
            continue
        if period is not None and str(period) == hourly:
            value *= HOURS_PER_YEAR
        region = str(code) if code is not None else ""
        rank = 0 if region == "US" else 1 if region == "" else 2
        key = str(role)
        known = best.get(key)
        if known is None or rank < known[0]:
            best[key] = (rank, value, str(currency) if currency is not None else "USD")
        if region:
            builder.regional_salary[key].setdefault(
                region, (value, str(currency) if currency is not None else "USD")
            )
    for key, (_, value, unit) in best.items():
        builder.salary[key] = (value, unit)


def _project_barriers(store: Store, builder: NetworkBuilder) -> None:
    """Required education (the highest level a role requires), regulated professions and the
    broader occupations of roles: what tells a feasible move from one that needs a degree, a
    licence or a change of occupation first."""
    for role, level, notation, label in _rows(store, "education"):
        if role is None or level is None:
            continue
        rank = int(_number(notation) or 0)
        known = builder.education.get(str(role))
        if known is None or rank > known[1]:
            builder.education[str(role)] = (str(level), rank, _text(label) or "")
    for (role,) in _rows(store, "regulated"):
        if role is not None:
            builder.regulated.add(str(role))
    for role, broader in _rows(store, "broader_roles"):
        if (
            role is not None
            and broader is not None
            and str(broader) not in builder.broader[str(role)]
        ):
            builder.broader[str(role)].append(str(broader))
