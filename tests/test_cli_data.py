"""The data commands, called in-process: roles, show, validate, export, and their errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.conftest import CliResult

Cli = Callable[..., CliResult]
AM = "https://w3id.org/rolegraph/id/role/account-manager"
PM = "https://w3id.org/rolegraph/id/role/project-manager"

USER_ROLE = """@prefix rg: <https://w3id.org/rolegraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .
ex:data-steward a rg:Role ; skos:prefLabel "Data Steward"@en ;
    rg:hasResponsibility ex:curate ; rg:requiresSkill ex:modelling .
ex:curate a rg:Responsibility ; skos:prefLabel "Curating the data catalogue"@en .
ex:modelling a rg:Skill ; skos:prefLabel "data modelling"@en .
"""


def test_roles_lists_the_article_roles(cli: Cli) -> None:
    result = cli("roles", "--format", "json")
    assert result.code == 0
    labels = {role["label"] for role in json.loads(result.out)}
    assert {"Account Manager", "Project Manager", "Sales Manager", "Program Manager"} <= labels
    assert {"Senior Account Manager", "Senior Project Manager", "Portfolio Manager"} <= labels


def test_roles_text_fits_80_columns(cli: Cli) -> None:
    result = cli("roles")
    assert result.code == 0
    assert "Account Manager" in result.out
    assert max(len(line) for line in result.out.splitlines()) <= 80


@pytest.mark.parametrize(
    "name", ["Project Manager", "project manager", "PM", PM, "role:project-manager"]
)
def test_show_resolves_labels_alt_labels_and_iris(cli: Cli, name: str) -> None:
    result = cli("show", name, "--format", "json")
    assert result.code == 0, result.err
    role = json.loads(result.out)
    assert role["iri"] == PM
    assert role["label"] == "Project Manager"


def test_show_json_has_everything_the_article_says(cli: Cli) -> None:
    role = json.loads(cli("show", "Account Manager", "--format", "json").out)
    for key in ("iri", "label", "skills", "responsibilities", "qualifications", "salary"):
        assert role[key], key
    for key in ("skills", "responsibilities", "qualifications", "progresses_to"):
        assert all({"iri", "label"} <= set(item) for item in role[key]), key
    skills = {s["label"].lower() for s in role["skills"]}
    assert any("negotiat" in s for s in skills)
    salary = role["salary"][0]
    assert (salary["min"], salary["max"], salary["currency"]) == (60000, 80000, "USD")
    leads_to = {m["label"] for m in role["progresses_to"]}
    assert "Senior Account Manager" in leads_to
    assert "Sales Manager" in leads_to


def test_show_text_fits_80_columns(cli: Cli) -> None:
    result = cli("show", "Account Manager")
    assert result.code == 0
    assert max(len(line) for line in result.out.splitlines()) <= 80


def test_unknown_role_exits_2_with_the_closest_names(cli: Cli) -> None:
    result = cli("show", "Acount Manger")
    assert result.code == 2
    assert "unknown role 'Acount Manger'" in result.err
    assert "Account Manager" in result.err
    assert "Traceback" not in result.err


def test_validate_the_builtin_data(cli: Cli) -> None:
    result = cli("validate", "--format", "json")
    assert result.code == 0, result.out
    assert json.loads(result.out) == {"conforms": True, "results": []}


def test_validate_a_nonconforming_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(USER_ROLE.replace("rg:hasResponsibility ex:curate ; ", ""), encoding="utf-8")
    result = cli("validate", str(path), "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["conforms"] is False
    hits = [
        r
        for r in report["results"]
        if r["focus_node"] == "http://example.org/data-steward"
        and r["path"] == "https://w3id.org/rolegraph/ns#hasResponsibility"
    ]
    assert hits and hits[0]["constraint"].endswith("#MinCountConstraintComponent")
    assert set(hits[0]) == {
        "focus_node",
        "path",
        "value",
        "constraint",
        "shape",
        "severity",
        "message",
    }


def test_validate_a_conforming_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "good.ttl"
    path.write_text(USER_ROLE, encoding="utf-8")
    assert cli("validate", str(path)).code == 0


def test_malformed_file_exits_2_with_file_line_and_column(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n', encoding="utf-8")
    for args in (("validate", str(path)), ("roles", "--data", str(path))):
        result = cli(*args)
        assert result.code == 2
        assert f"{path}:2:11: malformed" in result.err
        assert len(result.err.strip().splitlines()) == 1


def test_missing_file_and_wrong_format_are_one_clear_line(cli: Cli, tmp_path: Path) -> None:
    missing = cli("roles", "--data", str(tmp_path / "absent.ttl"))
    assert missing.code == 2
    assert "no such file" in missing.err
    assert len(missing.err.strip().splitlines()) == 1
    wrong = cli("export", "--format", "yaml")
    assert wrong.code == 2
    assert "yaml" in wrong.err
    assert "Traceback" not in missing.err + wrong.err


def test_debug_shows_the_traceback(cli: Cli, tmp_path: Path) -> None:
    result = cli("roles", "--data", str(tmp_path / "absent.ttl"), "--debug")
    assert result.code == 2
    assert "Traceback" in result.err


def test_user_data_is_added_to_the_builtin_data(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.ttl"
    path.write_text(USER_ROLE, encoding="utf-8")
    labels = {r["label"] for r in json.loads(cli("roles", "--data", path, "--format", "json").out)}
    assert {"Data Steward", "Account Manager"} <= labels
    shown = json.loads(cli("show", "data steward", "--data", path, "--format", "json").out)
    assert shown["skills"] == [
        {
            "iri": "http://example.org/modelling",
            "label": "data modelling",
            "category": None,
            "strength": None,
            "importance": None,
        }
    ]


@pytest.mark.parametrize(
    ("name", "parse_as"),
    [("turtle", "turtle"), ("json-ld", "json-ld"), ("nt", "nt"), ("xml", "xml")],
)
def test_export_round_trips(cli: Cli, tmp_path: Path, name: str, parse_as: str) -> None:
    first = tmp_path / f"first.{name}"
    assert cli("export", "--format", name, "-o", first).code == 0
    graph = Graph().parse(first, format=parse_as)
    assert len(graph) > 1000
    second = tmp_path / f"second.{name}"
    second.write_bytes(graph.serialize(format=parse_as, encoding="utf-8"))
    assert isomorphic(graph, Graph().parse(second, format=parse_as))


def test_export_to_stdout(cli: Cli) -> None:
    result = cli("export", "--format", "nt", "--no-ontology")
    assert result.code == 0
    assert f"<{AM}>" in result.out


def test_export_over_an_unwritable_target_keeps_the_old_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.ttl"
    result = cli("export", "-o", target)
    assert result.code == 2
    assert "cannot write" in result.err
    assert not target.exists()


def test_help_of_every_command(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    commands = [
        line.split()[0]
        for line in result.out.split("Commands:")[1].splitlines()
        if line.startswith("  ") and line.split()
    ]
    assert {"validate", "export", "roles", "show"} <= set(commands)
    for command in commands:
        assert cli(command, "--help").code == 0, command
