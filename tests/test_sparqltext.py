"""The one SPARQL lexer: what the store binds parameters with and what the server and the
command line look at before a query runs see the same tokens."""

from __future__ import annotations

import pytest
from rdflib import Literal

from rolegraph.errors import QueryError
from rolegraph.sparqltext import check_query, inspect, tokens
from rolegraph.store import bind_in_text

TRICKY = """PREFIX ex: <http://example.org/WHERE/SERVICE#>
# SERVICE in a comment { is no group either
SELECT ?s WHERE {
  ?s ex:says "SERVICE { <x> }" .
}"""


def test_strings_comments_and_iris_are_single_tokens() -> None:
    kinds = [(token.kind, token.text) for token in tokens(TRICKY)]
    assert ("iri", "<http://example.org/WHERE/SERVICE#>") in kinds
    assert ("string", '"SERVICE { <x> }"') in kinds
    assert [text for kind, text in kinds if kind == "open"] == ["{"]
    assert not any(kind == "word" and text == "SERVICE" for kind, text in kinds)


def test_the_server_and_the_binding_read_the_same_query_alike() -> None:
    shape = check_query(TRICKY, allow_service=False)  # SERVICE only in a string and a comment
    assert shape.form == "SELECT" and not shape.reaches_out
    bound = bind_in_text(TRICKY, {"s": Literal("x")})
    where = bound.index("WHERE {")
    assert bound.index("VALUES (?s)") > where  # not after the WHERE in the IRI or the comment
    assert bound.count("VALUES") == 1


def test_service_spelt_with_escapes_is_still_found() -> None:
    assert inspect("SELECT * WHERE { \\u0053ERVICE <http://x> { ?s ?p ?o } }").reaches_out
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        check_query("SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }", allow_service=False)
