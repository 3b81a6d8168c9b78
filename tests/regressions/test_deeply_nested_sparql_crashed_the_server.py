"""A 10 KB query nested 2,500 groups deep, or a FILTER of 8,000 parentheses, killed the server
and the command line with a segmentation fault (the SPARQL parser recursed past its stack).
Now they are refused before parsing, with the limit named: exit 2, HTTP 400."""

from __future__ import annotations

import httpx
import pytest

from rolegraph.limits import MAX_DEPTH
from tests.regressions.serving import TOKEN, rolegraph, serving

pytest.importorskip("uvicorn")

DEEP_GROUPS = "SELECT * WHERE " + "{ " * 2500 + "?s ?p ?o" + " }" * 2500
DEEP_PARENTHESES = "ASK { FILTER(" + "(" * 8000 + "1" + ")" * 8000 + ")}"
#: \u escapes are read before the query is parsed: hidden brackets are brackets.
ESCAPED = "ASK { FILTER(" + "\\u0028" * 8000 + "1" + "\\u0029" * 8000 + ")}"
DEEP_UPDATE = (
    "INSERT DATA { GRAPH <http://example.org/g> { <http://e/s> <http://e/p> "
    + ("( " * 5000 + "1" + " )" * 5000)
    + " } }"
)


@pytest.mark.parametrize("query", [DEEP_GROUPS, DEEP_PARENTHESES, ESCAPED])
def test_the_command_line_refuses_it_with_the_limit(query: str) -> None:
    result = rolegraph("query", "--sparql", query)
    assert result.returncode == 2, result.stderr
    assert f"more than {MAX_DEPTH} levels deep" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_query_file_is_refused_with_its_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "deep.rq"
    path.write_text(DEEP_GROUPS)
    result = rolegraph("query", "--file", str(path))
    assert result.returncode == 2
    assert str(path) in result.stderr and "levels deep" in result.stderr


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    text = (
        'SELECT ?s WHERE { ?s ?p ?o FILTER(?o != "' + "(" * 500 + '") } # ' + "{" * 500 + "\n"
        "LIMIT 1"
    )
    result = rolegraph("query", "--sparql", text)
    assert result.returncode == 0, result.stderr


def test_the_server_answers_400_and_keeps_running(tmp_path) -> None:  # type: ignore[no-untyped-def]
    token = tmp_path / "token"
    token.write_text(TOKEN)
    with serving("--allow-updates", "--token-file", str(token)) as server:
        for query in (DEEP_GROUPS, DEEP_PARENTHESES):
            answer = httpx.post(
                f"{server.base}/sparql",
                content=query,
                headers={"Content-Type": "application/sparql-query"},
                timeout=30,
            )
            assert answer.status_code == 400
            assert f"more than {MAX_DEPTH} levels deep" in answer.text
        update = httpx.post(
            f"{server.base}/sparql",
            content=DEEP_UPDATE,
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
            timeout=30,
        )
        assert update.status_code == 400 and "levels deep" in update.text
        assert server.alive()
        ask = httpx.get(f"{server.base}/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ask.status_code == 200 and ask.json()["boolean"] is True


TRICKY = {
    # `<` read as an IRI by one reading and as "less than" by the other: both are counted.
    "a # inside an IRI with brackets": "SELECT * WHERE { ?s ?p <http://x/(a)#> . "
    + "{ " * 2500
    + "?s ?p ?o"
    + " }" * 2500
    + "}",
    "a comparison that looks like an IRI": "ASK { FILTER(?x<"
    + "(" * 3000
    + "1"
    + ")" * 3000
    + ">2) }",
    "a quote inside an IRI": "SELECT * WHERE { ?s ?p <http://x/(a)'> . "
    + "{ " * 2500
    + "?s ?p ?o"
    + " }" * 2500
    + "} #'",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_brackets_cannot_hide_from_the_scan(name: str) -> None:
    from rolegraph.limits import LimitError, check_sparql

    with pytest.raises(LimitError, match="levels deep"):
        check_sparql(TRICKY[name])
