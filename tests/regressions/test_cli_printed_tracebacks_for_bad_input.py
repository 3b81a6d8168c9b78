"""Tracebacks instead of one-line errors: a literal over 16 MiB, ``query --file`` on a file that
is not UTF-8, a typed literal that does not parse (``"x"^^xsd:integer``: exit 0, and rdflib's
traceback printed)."""

from __future__ import annotations

from pathlib import Path


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


def test_a_literal_over_16_mib_is_an_input_error(cli, tmp_path: Path) -> None:
    data = tmp_path / "big.nt"
    data.write_text(f'<http://e/a> <http://e/b> "{"a" * (17 * 1024 * 1024)}" .\n')
    for args in (("validate", data), ("roles", "--data", data)):
        result = cli(*args)
        assert result.code == 2
        assert one_line(result.err) and "too long to parse" in result.err and "big.nt" in result.err


def test_a_query_file_that_is_not_utf8_is_an_input_error(cli, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_bytes(b'SELECT * WHERE { ?s ?p "\xff\xfe" }')
    result = cli("query", "--file", query)
    assert result.code == 2
    assert one_line(result.err) and "q.rq: not UTF-8 text" in result.err


def test_an_ill_typed_literal_prints_no_traceback(cli, tmp_path: Path) -> None:
    result = cli("query", "--sparql", 'SELECT ?x WHERE { BIND("x"^^xsd:integer AS ?x) }')
    assert result.code == 0
    assert "Traceback" not in result.err and "x" in result.out
    data = tmp_path / "typed.ttl"
    data.write_text('<http://e/a> <http://e/b> "x"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    checked = cli("validate", data)
    assert "Traceback" not in checked.err
