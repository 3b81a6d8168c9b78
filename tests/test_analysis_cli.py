"""The analysis commands: exit codes, JSON shapes and text that fits 80 columns."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Cli = Callable[..., Any]


def fits(text: str) -> bool:
    return all(len(line) <= 80 for line in text.splitlines())


def test_compare(cli: Cli) -> None:
    result = cli("compare", "Account Manager", "Project Manager", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["a"]["label"] == "Account Manager" and data["b"]["label"] == "Project Manager"
    assert {"shared_skills", "only_a_skills", "only_b_skills", "skill_overlap"} <= set(data)
    assert all({"iri", "label"} <= set(s) for s in data["shared_skills"])
    text = cli("compare", "Account Manager", "Project Manager")
    assert text.code == 0 and fits(text.out)
    assert "negotiation" in text.out and "risk management" in text.out


def test_route(cli: Cli) -> None:
    result = cli("route", "Account Manager", "Sales Manager", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["from"]["label"] == "Account Manager" and data["reason"] is None
    step = data["routes"][0]["steps"][0]
    assert {"from", "to", "move", "skills_to_gain"} <= set(step)
    assert isinstance(data["routes"][0]["cost"], (int, float))
    text = cli("route", "Account Manager", "Sales Manager", "--k", "2")
    assert text.code == 0 and fits(text.out) and "Route 1 (best): 1 step" in text.out


def test_no_route_exits_1_with_the_reason(cli: Cli) -> None:
    args = ("route", "Account Manager", "Portfolio Manager", "--promotions-only")
    result = cli(*args, "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["routes"] == [] and "promotions" in data["reason"]
    text = cli(*args)
    assert text.code == 1 and "No route:" in text.out and fits(text.out)


def test_no_dead_end_names_the_closest_role_and_the_gap(cli: Cli) -> None:
    result = cli("route", "Sales Manager", "Account Manager", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["routes"] == [] and data["reason"]
    closest = data["closest"]
    assert closest["role"]["label"] and (closest["route"] is None or closest["route"]["moves"] >= 1)
    assert {"skills", "education", "job_zone", "pay", "barrier"} <= set(closest["gap"])
    text = cli("route", "Sales Manager", "Account Manager")
    assert text.code == 1 and fits(text.out)
    assert "Closest: " in text.out
    assert "the gap to Account Manager" in " ".join(text.out.split())


def test_route_options_are_checked(cli: Cli) -> None:
    bad = cli("route", "Account Manager", "Sales Manager", "--max-rise", "-1")
    assert bad.code == 2
    ca = cli("route", "Account Manager", "Sales Manager", "--where", "us-ca", "--format", "json")
    assert ca.code == 0 and json.loads(ca.out)["options"]["where"] == "US-CA"


def test_next_similar_fit_skills(cli: Cli) -> None:
    moves = cli("next", "Project Manager", "--scheme", "rolegraph")
    assert moves.code == 0 and "Senior Project Manager" in moves.out and fits(moves.out)
    data = json.loads(cli("next", "Project Manager", "--depth", "2", "--format", "json").out)
    assert data[0]["role"]["label"] == "Senior Project Manager"
    similar = json.loads(cli("similar", "Account Manager", "--top", "3", "--format", "json").out)
    assert similar and {"role", "score", "shared_skills"} <= set(similar[0])
    assert similar == sorted(similar, key=lambda s: -s["score"])
    fit = cli(
        "fit", "--skill", "negotiation", "--skill", "relationship building", "--format", "json"
    )
    assert fit.code == 0
    assert json.loads(fit.out)[0]["role"]["label"] == "Account Manager"
    assert {"role", "score", "matched", "missing"} <= set(json.loads(fit.out)[0])
    skills = cli("skills", "--transferable", "--top", "5")
    assert skills.code == 0 and fits(skills.out)
    assert len(json.loads(cli("skills", "--top", "3", "--format", "json").out)) == 3


def test_unknown_names_exit_2_with_suggestions(cli: Cli) -> None:
    result = cli("compare", "Acount Manager", "Project Manager")
    assert result.code == 2 and "Account Manager" in result.err
    skill = cli("fit", "--skill", "negotiatoin")
    assert skill.code == 2 and "negotiation" in skill.err


def test_derive_moves_dry_run(cli: Cli) -> None:
    args = ("derive-moves", "--dry-run", "--min-score", "0.2", "--scheme", "rolegraph")
    result = cli(*args, "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["graph"] is None and data["triples"] == 0
    assert data["count"] == len(data["moves"]) > 0
    assert {"from", "to", "score", "kind", "evidence", "method"} <= set(data["moves"][0])
