"""Ladders the classifications imply: promotions read from the structure of O*NET (the SOC
2018 groups) and ESCO (titles and ISCO-08 skill levels), stored as derived moves of method
``rolegraph-ladders/1`` beside those :mod:`rolegraph.analysis.derive` computes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from rolegraph.analysis.derived_move import (
    IMPORTED_SCHEMES,
    DerivedMove,
    seniority_change,
    wage_change,
)
from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours, weighted_jaccard
from rolegraph.network import RoleNetwork, scheme_of

LADDER_METHOD = "rolegraph-ladders/1"
#: Words that say nothing about the field of a title.
_TITLE_STOP = frozenset(
    {"and", "of", "the", "all", "other", "except", "workers", "worker", "related", "first-line"}
)
#: Words that make a title senior, and the junior ones, in ESCO's labels.
_SENIOR_PREFIXES = ("senior ", "head ", "chief ", "lead ")
_JUNIOR_PREFIXES = ("junior ", "assistant ", "trainee ", "apprentice ")
_SUPERVISOR_PREFIX = "First-Line Supervisors of "
#: Title words too general to tell a manager's field ("Product Development Managers").
_GENERIC_STEMS = frozenset(
    {"manag", "techn", "produ", "devel", "servi", "opera", "gener", "speci", "syste", "produc"}
)


def _stems(text: str) -> set[str]:
    """The field words of a title, cut to five letters so "bricklayer" meets "bricklaying"."""
    words = text.casefold().replace(",", " ").replace("/", " ").split()
    return {w[:5] for w in words if w not in _TITLE_STOP and len(w) > 2}


def _soc(net: RoleNetwork, role: str) -> str:
    return net.codes.get(role, {}).get("onet", "") if scheme_of(role) == "onet" else ""


def _similarity_lookup(net: RoleNetwork, measure: str, scheme: str) -> dict[tuple[int, int], float]:
    """Similarity of each role to its 50 most similar roles of its classification."""
    near = all_neighbours(net, 50, measure, scheme=scheme)
    table: dict[tuple[int, int], float] = {}
    for i in np.flatnonzero(net.in_scheme(scheme)).tolist():
        for j, score in near.of(i):
            table[(i, j)] = score
    return table


def derive_ladders(
    net: RoleNetwork,
    *,
    measure: str = DEFAULT_MEASURE,
    max_rise: int = 1,
    managers_per_role: int = 3,
) -> list[DerivedMove]:
    """Promotions the classifications imply, each with its evidence:

    - workers -> the first-line supervisors of the same workers (O*NET: the SOC 2018 major
      group, the supervisor's "First-Line Supervisors of ..." title matching the workers' SOC
      minor group; ESCO: a "... supervisor" title sharing its field word with the worker's, the
      worker among the supervisor's 50 most similar roles, at no higher an ISCO-08 skill level);
    - supervisors and specialists (job zone 3 and up) -> managers of the same field (the SOC
      major group most of the manager's 30 most similar non-managers fall in);
    - junior -> senior titles of one occupation ("junior X" -> "X" -> "senior X", "head X").

    A move rising more than ``max_rise`` job zones is left out.
    """
    moves: dict[tuple[str, str], DerivedMove] = {}
    similarity = {s: _similarity_lookup(net, measure, s) for s in IMPORTED_SCHEMES}

    def add(a: str, b: str, ladder: str, evidence: list[str]) -> None:
        if a == b or (a, b) in moves:
            return
        change = seniority_change(net, a, b)
        if change is not None and change > max_rise:
            return
        i, j = net.role_index[a], net.role_index[b]
        sim = similarity.get(scheme_of(a), {}).get((i, j))
        if sim is None:
            sim = weighted_jaccard(net.role_skills(i), net.role_skills(j)) or None
        items = [f"ladder={ladder}", *evidence]
        if sim is not None:
            items.append(f"similarity={sim:.2f}")
        if change is not None:
            items.append(f"job_zone_change={change:+d}")
        wage = wage_change(net, a, b)
        if wage is not None:
            items.append(f"wage_change={wage:+.0f}%")
        score = 0.6 if sim is None else 0.5 + 0.5 * sim
        moves[(a, b)] = DerivedMove(
            source=a,
            target=b,
            score=round(score, 4),
            kind="promotion",
            method=f"{LADDER_METHOD} measure={measure} max_rise={max_rise}",
            evidence=tuple(items),
            signals={} if sim is None else {"similarity": sim},
            sources=tuple(sorted(set(net.sources.get(a, ())) | set(net.sources.get(b, ())))),
        )

    _supervisor_ladders_onet(net, add)
    _supervisor_ladders_esco(net, similarity["esco"], add)
    _manager_ladders(net, similarity["onet"], managers_per_role, add)
    _title_ladders(net, add)
    return sorted(moves.values(), key=lambda m: (m.source, m.target))


def _supervisor_ladders_onet(net: RoleNetwork, add: Any) -> None:
    by_major: dict[str, list[str]] = {}
    for role in net.roles:
        code = _soc(net, role)
        if code:
            by_major.setdefault(code[:2], []).append(role)
    for major, members in by_major.items():
        supervisors = [r for r in members if net.label(r).startswith(_SUPERVISOR_PREFIX)]
        if not supervisors:
            continue
        fields = {s: _stems(net.label(s).removeprefix(_SUPERVISOR_PREFIX)) for s in supervisors}
        workers = [r for r in members if _soc(net, r)[3:4] != "1"]
        # Each SOC minor group goes to the supervisor whose title names most of its members.
        minor_scores: dict[str, dict[str, float]] = {}
        for worker in workers:
            titles = _stems(net.label(worker))
            minor = _soc(net, worker)[:4]
            for supervisor, field_words in fields.items():
                if field_words:
                    share = len(titles & field_words) / len(field_words)
                    scores = minor_scores.setdefault(minor, {})
                    scores[supervisor] = max(scores.get(supervisor, 0.0), share)
        for worker in workers:
            minor = _soc(net, worker)[:4]
            scores = minor_scores.get(minor, {})
            top = max(scores.values(), default=0.0)
            chosen = [s for s, v in scores.items() if v == top and v > 0]
            if not chosen and len(supervisors) == 1:
                chosen = supervisors
            for supervisor in chosen:
                add(
                    worker,
                    supervisor,
                    f"SOC 2018 structure ({net.label(supervisor)}, {_soc(net, supervisor)})",
                    [f"soc_major_group={major}", f"soc_minor_group={minor}000"],
                )


def _isco_level(net: RoleNetwork, role: str) -> int | None:
    isco = net.codes.get(role, {}).get("isco", "")
    levels = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
    return levels.get(isco[:1]) if isco else None


def _supervisor_ladders_esco(
    net: RoleNetwork, similarity: Mapping[tuple[int, int], float], add: Any
) -> None:
    roles = [r for r, s in zip(net.roles, net.schemes) if s == "esco"]
    supervisors = [r for r in roles if "supervisor" in net.label(r).casefold()]
    near: dict[int, list[int]] = {}
    for i, j in similarity:
        near.setdefault(j, []).append(i)
    for supervisor in supervisors:
        label = net.label(supervisor).casefold()
        field_words = _stems(label.replace("supervisor", " "))
        if not field_words:
            continue
        level = _isco_level(net, supervisor)
        for i in near.get(net.role_index[supervisor], ()):
            worker = net.roles[i]
            if worker == supervisor or "supervisor" in net.label(worker).casefold():
                continue
            if not field_words & _stems(net.label(worker)):
                continue
            worker_level = _isco_level(net, worker)
            if level is not None and worker_level is not None and worker_level > level:
                continue
            add(
                worker,
                supervisor,
                f"ESCO titles and ISCO-08 skill levels ({net.label(supervisor)})",
                [
                    f"isco_group={net.codes.get(worker, {}).get('isco', '')}->"
                    f"{net.codes.get(supervisor, {}).get('isco', '')}"
                ],
            )


def _manager_ladders(
    net: RoleNetwork,
    similarity: Mapping[tuple[int, int], float],
    per_role: int,
    add: Any,
) -> None:
    managers = [
        r
        for r in net.roles
        if _soc(net, r).startswith("11-") and not _soc(net, r).startswith(("11-1011", "11-1031"))
    ]
    neighbours: dict[int, list[tuple[float, int]]] = {}
    for (i, j), score in similarity.items():
        neighbours.setdefault(i, []).append((score, j))
    titles_by_major: dict[str, list[set[str]]] = {}
    for role in net.roles:
        code = _soc(net, role)
        if code and not code.startswith("11-"):
            titles_by_major.setdefault(code[:2], []).append(_stems(net.label(role)))
    by_field: dict[str, list[str]] = {}
    for manager in managers:
        weights: dict[str, float] = {}
        ranked = sorted(neighbours.get(net.role_index[manager], ()), reverse=True)
        others = [(s, j) for s, j in ranked if not _soc(net, net.roles[j]).startswith("11-")]
        for score, j in others[:30]:
            major = _soc(net, net.roles[j])[:2]
            weights[major] = weights.get(major, 0.0) + score
        total = sum(weights.values())
        # The field: the major groups holding a quarter of its most similar non-managers, and
        # the one whose titles name its field words most often ("Computer ...", "Information").
        fields = {m for m, w in weights.items() if total and w >= 0.25 * total}
        words = _stems(net.label(manager)) - _GENERIC_STEMS
        named = {
            major: sum(1 for title in titles if title & words)
            for major, titles in titles_by_major.items()
        }
        best = max(named, key=lambda m: (named[m], m), default=None)
        if best is not None and named[best] >= max(2, 0.15 * len(titles_by_major[best])):
            fields.add(best)
        for major in fields:
            by_field.setdefault(major, []).append(manager)
    for role in net.roles:
        code = _soc(net, role)
        if not code or code.startswith("11-"):
            continue
        level = net.seniority.get(role)
        supervisor = code[3:4] == "1" and int(code[:2]) >= 33
        if not supervisor and (level is None or level < 3):
            continue
        candidates = by_field.get(code[:2], [])
        i = net.role_index[role]
        closest = sorted(
            candidates,
            key=lambda m: (-similarity.get((i, net.role_index[m]), 0.0), net.label(m)),
        )
        for manager in closest[:per_role]:
            add(
                role,
                manager,
                f"SOC 2018 structure (managers of major group {code[:2]})",
                [f"soc_major_group={code[:2]}", f"manager_field={code[:2]}"],
            )


def _title_ladders(net: RoleNetwork, add: Any) -> None:
    for scheme in IMPORTED_SCHEMES:
        by_label: dict[str, str] = {}
        for role, s in zip(net.roles, net.schemes):
            if s == scheme:
                by_label.setdefault(net.label(role).casefold(), role)
        for label, role in by_label.items():
            for prefix in _JUNIOR_PREFIXES:
                base = (
                    by_label.get(label.removeprefix(prefix)) if label.startswith(prefix) else None
                )
                if base is not None:
                    add(role, base, "junior and senior titles", [f"title_prefix={prefix.strip()}"])
            for prefix in _SENIOR_PREFIXES:
                if label.startswith(prefix):
                    base = by_label.get(label.removeprefix(prefix))
                    if base is not None:
                        add(
                            base,
                            role,
                            "junior and senior titles",
                            [f"title_prefix={prefix.strip()}"],
                        )


__all__ = ["LADDER_METHOD", "derive_ladders"]
