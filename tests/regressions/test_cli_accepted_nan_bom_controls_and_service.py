"""``route --threshold nan`` was accepted, control characters in labels reached the terminal
raw, a Turtle file with a UTF-8 byte order mark was refused, and the command line's ``query``
ran SERVICE against remote hosts."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("value", ["nan", "inf", "-nan"])
def test_a_threshold_that_is_not_a_number_is_a_usage_error(cli, value: str) -> None:
    result = cli("route", "Account Manager", "Sales Manager", "--threshold", value)
    assert result.code == 2
    assert "not a finite number" in result.err or "not in the range" in result.err


def test_control_characters_in_labels_are_escaped(cli, tmp_path: Path) -> None:
    data = tmp_path / "evil.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rg: <https://w3id.org/rolegraph/ns#> .\n"
        "<https://w3id.org/rolegraph/id/role/evil> a rg:Role ;\n"
        '  skos:prefLabel "Evil \\u001b[31mRed\\u001b]0;owned\\u0007"@en .\n'
    )
    listed = cli("roles", "--data", data)
    assert listed.code == 0
    assert "\x1b" not in listed.out and "\x07" not in listed.out
    assert "Evil \\x1b[31mRed" in listed.out
    queried = cli(
        "query",
        "--data",
        data,
        "--sparql",
        'SELECT ?l WHERE { ?r skos:prefLabel ?l FILTER(STRSTARTS(?l, "Evil")) }',
    )
    assert queried.code == 0 and "\x1b" not in queried.out and "\\x07" in queried.out


def test_a_turtle_file_with_a_byte_order_mark_is_read(cli, tmp_path: Path) -> None:
    data = tmp_path / "bom.ttl"
    data.write_bytes(
        b"\xef\xbb\xbf@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        b"@prefix rg: <https://w3id.org/rolegraph/ns#> .\n"
        b"<https://w3id.org/rolegraph/id/role/bom-role> a rg:Role ;\n"
        b'  skos:prefLabel "Bom Role"@en .\n'
    )
    assert cli("validate", data).code in (0, 1)
    listed = cli("roles", "--data", data)
    assert listed.code == 0, listed.err
    assert "Bom Role" in listed.out


def test_service_is_refused_unless_allowed(cli) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    refused = cli("query", "--sparql", query)
    assert refused.code == 2
    assert "SERVICE" in refused.err and "--allow-service" in refused.err
    allowed = cli("query", "--sparql", query, "--allow-service")
    assert "--allow-service" not in allowed.err  # it ran (and failed to reach the port)
