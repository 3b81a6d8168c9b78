"""The named query library: headers, parameters, every query on every engine, the data-quality
checks on fixtures made to break them, and answers that agree with the article."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Literal, URIRef, namespace
from rdflib.term import Node

from rolegraph.errors import QueryError, UnknownNameError
from rolegraph.load import ONTOLOGY_GRAPH, iter_triples
from rolegraph.queries import (
    PARAMETER_KINDS,
    QUERY_KINDS,
    VIOLATION_COLUMNS,
    NamedQuery,
    bind_values,
    get_query,
    has_header,
    load_queries,
    parse_query,
    run_checks,
    run_query,
    with_prologue,
)
from rolegraph.resources import ontology_paths
from rolegraph.results import QueryResult
from rolegraph.store import (
    OxigraphStore,
    RdflibStore,
    RemoteSettings,
    RemoteStore,
    Store,
    bind_in_text,
    load_builtin,
    values_clause,
)
from rolegraph.vocab import GRAPH, ROLE, SKILL, shorten

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "queries"
ARTICLE = Path(__file__).resolve().parent.parent / "rolegraph" / "data" / "article.ttl"
HOSTILE = 'x" } ; DROP ALL ; #'

QUERIES = load_queries()
NAMES = sorted(QUERIES)
VIOLATIONS = sorted(name for name, query in QUERIES.items() if query.is_violation)
REPORTS = sorted(name for name, query in QUERIES.items() if query.kind == "report")
WITH_PARAMETERS = sorted(name for name, query in QUERIES.items() if query.parameters)

REQUIRED = {
    "compare-roles",
    "roles-needing-skill",
    "role-skills",
    "skill-gap",
    "career-paths",
    "salary-by-role",
    "roles-by-focus",
    "roles-by-industry",
    "roles-by-tool",
    "roles-by-certification",
    "role-without-skill-violation",
    "skill-without-label-violation",
    "salary-min-above-max-violation",
    "progression-self-loop-violation",
    "promotion-cycle-violation",
    "dangling-reference-violation",
    "article-statement-without-provenance-violation",
    "label-language-violation",
    "duplicate-preflabel-violation",
}

PLACEHOLDERS: dict[str, Node] = {
    "IRI": URIRef("urn:x-rolegraph:placeholder"),
    "string": Literal("placeholder"),
    "label": Literal("placeholder", lang="en"),
    "number": Literal(1),
    "year": Literal("2024", datatype=namespace.XSD.gYear),
}


def placeholders(query: NamedQuery) -> dict[str, Node]:
    return {p.name: PLACEHOLDERS[p.kind] for p in query.parameters}


def example(query: NamedQuery) -> dict[str, Node]:
    return bind_values(query, dict(query.example))


def new_store(engine: str) -> Store:
    return OxigraphStore() if engine == "oxigraph" else RdflibStore()


def fixture_store(engine: str, fixture: Path) -> Store:
    """The ontology and one fixture file, each in its own named graph."""
    store = new_store(engine)
    store.replace_graph(ONTOLOGY_GRAPH, (t for p in ontology_paths() for t in iter_triples(p)))
    store.replace_graph(GRAPH["fixture"], iter_triples(fixture))
    return store


def canonical(result: QueryResult) -> list[str]:
    """Rows (or triples) in a form that compares across engines: sorted N-Triples terms."""
    if result.type == "CONSTRUCT":
        assert result.graph is not None
        return sorted(" ".join(t.n3() for t in triple) for triple in result.graph)
    if result.type == "ASK":
        return [str(result.boolean)]
    return sorted(
        " | ".join("UNBOUND" if v is None else _canonical_term(v) for v in row)
        for row in result.rows
    )


def _canonical_term(term: Node) -> str:
    if isinstance(term, BNode):
        return "_:b"
    if (
        isinstance(term, Literal)
        and term.datatype is not None
        and isinstance(term.value, (int, float, Decimal))
        and not isinstance(term.value, bool)
    ):
        return f"{Decimal(str(term.value)).normalize()}^^{term.datatype}"
    return term.n3()


def brief(term: Node | None) -> str | None:
    """A term as the fixture expectations spell it: prefixed IRIs, N3 literals."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, Literal) and isinstance(term.value, Decimal):
        return f'"{format(term.value.normalize(), "f")}"^^<{term.datatype}>'
    return term.n3()


def column(result: QueryResult, name: str) -> list[str]:
    return [str(v) for v in result.column(name) if v is not None]


@pytest.fixture(scope="module")
def article(article_stores: dict[str, Store]) -> Store:
    return article_stores["oxigraph"]


# -- the library and its headers ---------------------------------------------------------------


def test_the_library_holds_the_queries_it_promises() -> None:
    assert NAMES, "no query files found"
    assert set(NAMES) >= REQUIRED, sorted(REQUIRED - set(NAMES))
    assert VIOLATIONS and REPORTS


@pytest.mark.parametrize("name", NAMES)
def test_every_query_carries_its_full_header(name: str) -> None:
    query = QUERIES[name]
    assert query.text.startswith("# title: ")
    assert has_header(query.text)
    assert query.title and query.question and query.returns
    assert query.kind in QUERY_KINDS
    assert query.path.suffix == ".rq" and query.path.stem == name
    assert "PREFIX rg:" in query.text or "rg:" not in query.text.split("\n\n", 1)[1]
    for parameter in query.parameters:
        assert parameter.kind in PARAMETER_KINDS
        assert parameter.description
        assert f"?{parameter.name}" in query.text
    for key, _ in query.example:
        assert query.parameter(key)
    if any(p.required for p in query.parameters):
        assert query.example, "a query with required parameters shows an example"


@pytest.mark.parametrize("name", VIOLATIONS)
def test_violation_queries_follow_the_qc_conventions(name: str) -> None:
    query = QUERIES[name]
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    assert "SELECT" in body and body.rstrip().splitlines()[-1].startswith("ORDER BY ")
    assert not any(p.required for p in query.parameters)
    assert query.returns.startswith("entity")


def test_list_metadata_loads_for_every_query() -> None:
    listing = [
        {
            "name": q.name,
            "title": q.title,
            "question": q.question,
            "kind": q.kind,
            "parameters": [(p.name, p.kind, p.required, p.description) for p in q.parameters],
            "returns": q.returns,
        }
        for q in load_queries().values()
    ]
    assert [item["name"] for item in listing] == NAMES
    compare = get_query("compare-roles")
    assert [(p.name, p.kind, p.required) for p in compare.parameters] == [
        ("a", "IRI", True),
        ("b", "IRI", True),
    ]
    assert compare.question.startswith("Which skills, responsibilities and qualifications")
    assert "belong to one of them only?" in compare.question  # a continuation line is joined
    paths = get_query("career-paths")
    assert not paths.parameters[0].required
    assert "Virtuoso" in paths.note


# -- every query runs on every engine ----------------------------------------------------------


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", NAMES)
def test_every_query_parses_and_runs_on_an_empty_store(engine: str, name: str) -> None:
    query = QUERIES[name]
    result = run_query(new_store(engine), query, placeholders(query))
    assert len(result) == 0
    if query.kind == "construct":
        assert result.type == "CONSTRUCT"
    else:
        assert result.type == "SELECT"
        for parameter in query.parameters:
            assert parameter.name in result.variables
    if query.is_violation:
        assert tuple(result.variables) == VIOLATION_COLUMNS


def test_the_checks_find_nothing_in_the_ontology_alone() -> None:
    store = OxigraphStore()
    store.replace_graph(ONTOLOGY_GRAPH, (t for p in ontology_paths() for t in iter_triples(p)))
    failing = {name: len(result) for name, result in run_checks(store).items() if len(result)}
    assert failing == {}


# -- the data-quality checks fire on fixtures made to break them --------------------------------

EXPECTED_VIOLATIONS: dict[str, set[tuple[str, str | None]]] = {
    "article-statement-without-provenance-violation": {
        ("role:am", "resp:unquoted"),
        ("salary:am-us", None),
        ("move:am--next", None),
    },
    "dangling-reference-violation": {
        ("role:a", "skill:ghost"),
        ("role:a", "tool:ghost-tool"),
        ("role:a", "qual:ghost"),
        ("role:a", "role:nowhere"),
        ("req:a--ghost", "skill:ghost"),
    },
    "duplicate-preflabel-violation": {
        ("role:pm", '"Project Manager"@en'),
        ("role:pm-too", '"project manager"@en'),
    },
    "label-language-violation": {
        ("skill:plain", '"plain"'),
        ("role:undefined", '"A definition without a language."'),
        ("skill:iri-label", "https://example.org/label"),
        ("skill:numbered", f'"42"^^<{namespace.XSD.integer}>'),
        ("skill:two-names", '"one name"@en'),
        ("skill:two-names", '"another name"@en'),
    },
    "progression-self-loop-violation": {
        ("role:loops", "role:loops"),
        ("role:promotes-itself", "role:promotes-itself"),
        ("move:moves-home--moves-home", "role:moves-home"),
    },
    "promotion-cycle-violation": {
        ("role:a", "role:b"),
        ("role:b", "role:a"),
        ("role:c", "role:d"),
        ("role:d", "role:e"),
        ("role:e", "role:c"),
    },
    "promotion-without-progression-violation": {("role:a", "role:b")},
    "requirement-without-shortcut-violation": {("role:a", "skill:x")},
    "role-without-label-violation": {
        ("role:nameless", None),
        ("role:untagged", None),
        ("role:german", None),
    },
    "role-without-skill-violation": {("role:skill-less", None)},
    "salary-min-above-max-violation": {
        ("salary:upside-down", f'"90000"^^<{namespace.XSD.decimal}>'),
    },
    "score-out-of-range-violation": {
        ("req:too-important", f'"1.5"^^<{namespace.XSD.decimal}>'),
        ("req:negative", f'"-0.1"^^<{namespace.XSD.decimal}>'),
        ("move:wordy", '"high"'),
    },
    "skill-without-label-violation": {
        ("skill:unnamed", None),
        ("skill:undeclared", None),
        ("skill:requirement-only", None),
    },
}


def test_every_violation_query_has_a_fixture_and_an_expectation() -> None:
    fixtures = sorted(path.stem for path in FIXTURES.glob("*.ttl"))
    assert fixtures, f"no fixtures in {FIXTURES}"
    assert fixtures == VIOLATIONS
    assert sorted(EXPECTED_VIOLATIONS) == VIOLATIONS


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", VIOLATIONS)
def test_each_violation_query_fires_on_its_fixture(engine: str, name: str) -> None:
    store = fixture_store(engine, FIXTURES / f"{name}.ttl")
    result = run_query(store, name)
    assert tuple(result.variables) == VIOLATION_COLUMNS
    found = {(brief(row[0]), brief(row[2])) for row in result.rows}
    assert found == EXPECTED_VIOLATIONS[name]
    for row in result.rows:
        assert isinstance(row[1], URIRef), "every row names the property at fault"
        assert isinstance(row[3], Literal) and str(row[3]), "every row says what is wrong"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_article_data_passes_every_check(article_stores: dict[str, Store], engine: str) -> None:
    results = run_checks(article_stores[engine])
    assert sorted(results) == VIOLATIONS
    failing = {
        name: [[brief(v) for v in row] for row in result.rows[:5]]
        for name, result in results.items()
        if len(result)
    }
    assert failing == {}


# -- answers that agree with the article --------------------------------------------------------


def test_the_pmp_certification_belongs_to_the_project_manager(article: Store) -> None:
    result = run_query(article, "roles-by-certification")
    pmp = [row for row in result if "PMP" in str(row.get("certificationLabel", ""))]
    assert pmp, "the article's PMP certification is in the graph"
    assert {str(row["roleLabel"]) for row in pmp} == {"Project Manager"}
    bound = run_query(article, "roles-by-certification", {"certification": pmp[0]["certification"]})
    assert column(bound, "role") == [str(ROLE["project-manager"])]


@pytest.mark.parametrize(
    ("role", "expected", "elsewhere"),
    [
        ("account-manager", ["senior account manag", "sales manag", "business develop"], "project"),
        ("project-manager", ["senior project manag", "program", "portfolio"], "account"),
    ],
)
def test_where_each_career_leads(
    article: Store, role: str, expected: list[str], elsewhere: str
) -> None:
    result = run_query(article, "career-paths", {"role": ROLE[role]})
    direct = [str(row["targetLabel"]).lower() for row in result if int(row["depth"]) == 1]  # type: ignore[call-overload]
    for words in expected:
        assert any(words in label for label in direct), (words, direct)
    assert not any(elsewhere in label for label in direct)
    assert set(column(result, "role")) == {str(ROLE[role])}


def test_promotions_are_told_from_transitions(article: Store) -> None:
    result = run_query(article, "career-moves", {"role": ROLE["account-manager"]})
    kinds = {str(row["targetLabel"]): str(row.get("move")) for row in result}
    assert kinds["Senior Account Manager"] == "promotion"
    assert {kinds[label] for label in kinds if label != "Senior Account Manager"} == {"transition"}


def test_account_and_project_managers_share_communication_and_organisation(article: Store) -> None:
    result = run_query(
        article, "compare-roles", {"a": ROLE["account-manager"], "b": ROLE["project-manager"]}
    )
    skills: dict[str, set[str]] = {"shared": set(), "a": set(), "b": set()}
    for row in result:
        if str(row["kind"]) == "skill":
            skills[str(row["side"])].add(str(row.get("label", "")).lower())
    # "both roles require strong organizational and communication skills"
    assert any("communication" in s for s in skills["shared"])
    assert any("organi" in s for s in skills["shared"])
    assert any("problem" in s for s in skills["shared"])
    # negotiation sets the account manager apart, leadership the project manager
    assert any("negotiation" in s for s in skills["a"])
    assert any("leadership" in s for s in skills["b"])
    assert not skills["shared"] & skills["a"] and not skills["shared"] & skills["b"]
    sides = {str(row["side"]) for row in result}
    assert sides == {"shared", "a", "b"}
    kinds = {str(row["kind"]) for row in result}
    assert kinds == {"skill", "responsibility", "qualification"}


def test_the_skill_gap_is_what_the_other_role_alone_needs(article: Store) -> None:
    bindings = {"a": ROLE["account-manager"], "b": ROLE["project-manager"]}
    gap = set(column(run_query(article, "skill-gap", bindings), "skill"))
    compare = run_query(article, "compare-roles", bindings)
    only_b = {
        str(r["item"]) for r in compare if str(r["kind"]) == "skill" and str(r["side"]) == "b"
    }
    assert gap == only_b and gap


def test_the_account_manager_earns_60000_to_80000_dollars_a_year(article: Store) -> None:
    result = run_query(article, "salary-by-role", {"role": ROLE["account-manager"]})
    rows = list(result)
    assert len(rows) == 1
    row = rows[0]
    assert Decimal(str(row["minimum"])) == 60000 and Decimal(str(row["maximum"])) == 80000
    assert str(row["currency"]) == "USD"
    assert str(row["period"]) == "annual"
    assert shorten(str(row["region"])) == "region:US"


def test_communication_is_needed_by_both_article_roles(article: Store) -> None:
    result = run_query(article, "roles-needing-skill", {"skill": SKILL["communication"]})
    assert {str(ROLE["account-manager"]), str(ROLE["project-manager"])} <= set(
        column(result, "role")
    )


def test_a_role_is_found_by_its_english_name(article: Store) -> None:
    query = get_query("role-by-label")
    found = run_query(article, query, bind_values(query, {"label": "Project Manager"}))
    assert column(found, "role") == [str(ROLE["project-manager"])]
    other_case = run_query(article, query, bind_values(query, {"label": "project manager"}))
    assert len(other_case) == 0  # labels match exactly, case included


# -- every engine and every way of binding gives the same rows ----------------------------------


@pytest.mark.parametrize("name", [n for n in NAMES if not QUERIES[n].is_violation])
def test_oxigraph_and_rdflib_give_the_same_rows(
    article_stores: dict[str, Store], name: str
) -> None:
    query = QUERIES[name]
    bindings = example(query)
    oxigraph = run_query(article_stores["oxigraph"], query, bindings)
    rdflib = run_query(article_stores["rdflib"], query, bindings)
    assert canonical(oxigraph) == canonical(rdflib)
    assert oxigraph.variables == rdflib.variables
    if bindings and query.kind == "report":
        assert len(oxigraph), f"the example of {name} finds something in the article data"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_fact_stated_in_two_graphs_is_one_row(
    article_stores: dict[str, Store], engine: str
) -> None:
    """Queries see the union of the named graphs as a set: Oxigraph yields a solution for each
    graph that holds a triple, so every query must not count a repeated fact twice."""
    twice = new_store(engine)
    load_builtin(twice)
    twice.replace_graph(GRAPH["copy"], iter_triples(ARTICLE))
    once = article_stores[engine]
    for name in NAMES:
        query = QUERIES[name]
        bindings = example(query)
        assert canonical(run_query(twice, query, bindings)) == canonical(
            run_query(once, query, bindings)
        ), name


@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_values_clauses_bind_like_substitutions(article: Store, name: str) -> None:
    """What remote servers get (a VALUES block, leading or trailing) answers like a local run."""
    query = QUERIES[name]
    bindings = example(query)
    expected = canonical(run_query(article, query, bindings))
    assert canonical(article.query(bind_in_text(query.text, bindings))) == expected
    assert canonical(article.query(query.text + values_clause(bindings))) == expected


# -- parameters ---------------------------------------------------------------------------------


def test_iri_parameters_take_iris_prefixed_names_and_resolved_names() -> None:
    query = get_query("compare-roles")
    full = str(ROLE["account-manager"])
    assert bind_values(query, {"a": full, "b": f"<{full}>"}) == {
        "a": ROLE["account-manager"],
        "b": ROLE["account-manager"],
    }
    assert bind_values(query, {"?a": "role:account-manager", "b": "urn:x:y"}) == {
        "a": ROLE["account-manager"],
        "b": URIRef("urn:x:y"),
    }
    resolved = bind_values(
        query,
        {"a": "Account Manager", "b": "role:project-manager"},
        resolve_iri=lambda name: ROLE[name.lower().replace(" ", "-")],
    )
    assert resolved == {"a": ROLE["account-manager"], "b": ROLE["project-manager"]}
    with pytest.raises(QueryError, match="IRI"):
        bind_values(query, {"a": "Account Manager", "b": "role:project-manager"})


def test_string_label_number_and_year_values_become_typed_terms() -> None:
    query = parse_query(
        "# title: t\n# question: q?\n# param: s  string  a code\n# param: l  label  a name\n"
        "# param: n  number?  a count\n# param: y  year?  a year\n# returns: s\n# kind: report\n"
        "SELECT ?s ?l ?n ?y WHERE { ?x ?p ?s, ?l, ?n, ?y }\n",
        name="typed",
    )
    bound = bind_values(query, {"s": "13-1082.00", "l": "Project Manager", "n": "3", "y": "2024"})
    assert bound["s"] == Literal("13-1082.00") and isinstance(bound["s"], Literal)
    assert bound["s"].language is None
    assert bound["l"] == Literal("Project Manager", lang="en")
    assert isinstance(bound["n"], Literal) and bound["n"].datatype == namespace.XSD.integer
    assert bound["n"] == Literal(3)
    assert bound["y"] == Literal("2024", datatype=namespace.XSD.gYear)
    assert bind_values(query, {"s": "a", "l": "b", "n": "0.25"})["n"] == Literal(Decimal("0.25"))
    with pytest.raises(QueryError, match="number"):
        bind_values(query, {"s": "a", "l": "b", "n": "many"})
    with pytest.raises(QueryError, match="year"):
        bind_values(query, {"s": "a", "l": "b", "y": "last year"})


def test_unknown_and_missing_parameters_are_errors_naming_the_valid_ones() -> None:
    query = get_query("skill-gap")
    with pytest.raises(QueryError, match=r"no parameter 'c'.*a, b"):
        bind_values(query, {"a": "role:x", "c": "role:y"})
    with pytest.raises(QueryError, match="needs a value for b"):
        bind_values(query, {"a": "role:x"})
    with pytest.raises(QueryError, match="needs a value for a"):
        run_query(OxigraphStore(), query, {"b": ROLE["x"]})
    with pytest.raises(QueryError, match="takes no parameters"):
        bind_values(get_query("roles"), {"role": "role:x"})
    # an optional parameter may stay unbound
    assert bind_values(get_query("career-paths"), {}) == {}


def test_an_unknown_query_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownNameError) as caught:
        get_query("compare-role")
    assert caught.value.kind == "query"
    assert "compare-roles" in caught.value.suggestions
    assert get_query("skill-gap.rq").name == "skill-gap"


# -- injection safety ---------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_a_hostile_value_is_just_a_value_that_matches_nothing(engine: str, name: str) -> None:
    store = new_store(engine)
    load_builtin(store)
    before = store.count()
    query = QUERIES[name]
    hostile = {p.name: Literal(HOSTILE, lang="en") for p in query.parameters}
    assert len(run_query(store, query, hostile)) == 0
    plain = {p.name: Literal(HOSTILE) for p in query.parameters}
    assert len(run_query(store, query, plain)) == 0
    assert store.count() == before


def test_a_hostile_value_through_bind_values_is_refused_or_inert() -> None:
    store = OxigraphStore()
    load_builtin(store)
    before = store.count()
    query = get_query("role-by-label")
    bound = bind_values(query, {"label": HOSTILE})
    assert bound == {"label": Literal(HOSTILE, lang="en")}
    assert len(run_query(store, query, bound)) == 0
    with pytest.raises(QueryError):
        bind_values(get_query("role-skills"), {"role": HOSTILE})
    assert store.count() == before


@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_values_clauses_keep_hostile_values_inert(name: str) -> None:
    store = OxigraphStore()
    load_builtin(store)
    before = store.count()
    query = QUERIES[name]
    hostile = {p.name: Literal(HOSTILE) for p in query.parameters}
    assert len(store.query(query.text + values_clause(hostile))) == 0
    assert len(store.query(bind_in_text(query.text, hostile))) == 0
    assert store.count() == before


@pytest.mark.parametrize(
    "value",
    [
        Literal(HOSTILE),
        Literal('a "quoted" \\ back\\slash\nnew line\t} ; DROP ALL ; #', lang="en"),
        Literal("'''triple''' \"\"\"quotes\"\"\""),
        URIRef("https://w3id.org/rolegraph/id/role/x?y=%22z%22"),
    ],
)
def test_a_values_clause_carries_a_value_exactly(value: Node) -> None:
    store = OxigraphStore()
    result = store.query("SELECT ?v WHERE { }" + values_clause({"v": value}))
    assert result.rows == [(value,)]


# -- running queries ----------------------------------------------------------------------------


def test_run_query_takes_a_name_a_query_or_sparql_text(article: Store) -> None:
    by_name = run_query(article, "roles")
    by_query = run_query(article, get_query("roles"))
    assert canonical(by_name) == canonical(by_query) and len(by_name)
    text = run_query(article, "SELECT ?r WHERE { ?r a rg:Role ; skos:prefLabel ?l }")
    assert len(text) == len(by_name)


def test_sparql_text_gets_the_prefixes_it_uses_and_errors_keep_their_line() -> None:
    text, added = with_prologue("SELECT * WHERE { ?r a rg:Role }")
    assert added == 1 and text.startswith("PREFIX rg: <https://w3id.org/rolegraph/ns#>\n")
    assert with_prologue("PREFIX rg: <urn:x#> SELECT * WHERE { ?r a rg:Role }")[1] == 0
    assert "PREFIX role:" not in with_prologue("SELECT * WHERE { <https://role:x> ?p ?o }")[0]
    with pytest.raises(QueryError, match=r"\b2:"):
        run_query(OxigraphStore(), "SELECT ?r\nWHERE { ?r a rg:Role")


def test_a_header_that_is_missing_or_wrong_is_an_error() -> None:
    good = (
        "# title: Roles\n# question: Which roles?\n# param: role  IRI?  the role\n"
        "# returns: role\n# kind: report\n"
    )
    body = "SELECT ?role WHERE { ?role a <urn:x:Role> }\n"
    assert parse_query(good + body, name="roles-x").parameters[0].required is False
    cases = {
        "SELECT * WHERE { ?s ?p ?o }": "must start with",
        good.replace("# kind: report", "# kind: summary") + body: "kind",
        good.replace("# returns: role\n", "") + body: "lacks returns",
        good.replace("# kind: report", "# kind: report\n# colour: red") + body: "unknown header",
        good.replace("IRI?", "URL") + body: "parameter kind",
        good + "SELECT ?x WHERE { ?role a <urn:x:Role> }": "projected",
        good + "SELECT ?x WHERE { ?x a <urn:x:Role> }": "does not occur",
        good.replace("# title: Roles", "# title: Roles\n# title: Again") + body: "twice",
        good.replace("report", "construct") + body: "CONSTRUCT",
    }
    for text, message in cases.items():
        with pytest.raises(QueryError, match=message):
            parse_query(text, name="roles-x")
    with pytest.raises(QueryError, match="violation"):
        parse_query(good.replace("report", "violation") + body, name="roles-x")
    with pytest.raises(QueryError, match="violation"):
        parse_query(good + body, name="roles-x-violation")


# -- the command line ---------------------------------------------------------------------------


def test_cli_lists_every_query_with_its_header(cli: Any) -> None:
    listed = cli("query", "--list")
    assert listed.code == 0
    for name in NAMES:
        assert f"{name}  [" in listed.out
    assert "--bind a=" in listed.out
    as_json = cli("query", "--list", "--format", "json")
    data = json.loads(as_json.out)
    assert [item["name"] for item in data] == NAMES
    compare = next(item for item in data if item["name"] == "compare-roles")
    assert [p["name"] for p in compare["parameters"]] == ["a", "b"]
    assert compare["question"] and compare["returns"] and compare["kind"] == "report"


def test_cli_compares_roles_by_name_in_a_readable_table(cli: Any) -> None:
    result = cli("query", "compare-roles", "-b", "a=Account Manager", "-b", "b=Project Manager")
    assert result.code == 0, result.err
    assert "a = role:account-manager, b = role:project-manager" in result.out
    assert any("communication" in line and "shared" in line for line in result.out.splitlines())
    assert max(len(line) for line in result.out.splitlines()) <= 80


@pytest.mark.parametrize(
    "args",
    [
        ["role-skills", "-b", "role=Account Manager"],
        ["career-moves"],
        ["career-paths"],
        ["salary-by-role"],
        ["roles"],
        ["roles-by-certification"],
        ["skill-gap", "-b", "a=role:account-manager", "-b", "b=role:project-manager"],
    ],
)
def test_cli_tables_fit_80_columns(cli: Any, args: list[str]) -> None:
    result = cli("query", *args)
    assert result.code == 0, result.err
    assert max(len(line) for line in result.out.splitlines()) <= 80, result.out


def test_cli_json_is_w3c_sparql_results_json(cli: Any) -> None:
    result = cli("query", "roles-by-certification", "-b", "certification=PMP", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["head"]["vars"][:4] == ["certification", "certificationLabel", "role", "roleLabel"]
    (binding,) = data["results"]["bindings"]
    assert binding["role"] == {"type": "uri", "value": str(ROLE["project-manager"])}
    assert binding["roleLabel"]["value"] == "Project Manager"


@pytest.mark.parametrize(("fmt", "first"), [("csv", "role,roleLabel,"), ("tsv", "?role\t")])
def test_cli_writes_csv_and_tsv(cli: Any, fmt: str, first: str) -> None:
    result = cli("query", "career-paths", "-b", "role=Project Manager", "--format", fmt)
    assert result.code == 0, result.err
    assert result.out.startswith(first)
    assert len(result.out.strip().splitlines()) == 4


def test_cli_prints_turtle_for_a_construct_query(cli: Any) -> None:
    from rdflib import Graph

    result = cli("query", "role-description", "-b", "role=Project Manager")
    assert result.code == 0, result.err
    graph = Graph().parse(data=result.out, format="turtle")
    assert (ROLE["project-manager"], None, None) in graph
    assert cli("query", "role-description", "-b", "role=x", "--format", "csv").code == 2


def test_cli_runs_the_users_own_sparql(cli: Any, tmp_path: Path) -> None:
    text = cli("query", "--sparql", "SELECT ?role WHERE { ?role a rg:Role }", "--format", "csv")
    assert text.code == 0 and len(text.out.strip().splitlines()) == 9
    with_header = tmp_path / "my-roles.rq"
    with_header.write_text(
        "# title: My roles\n# question: Which role?\n# param: role  IRI  a role\n"
        "# returns: role, label\n# kind: report\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?role ?label WHERE { ?role skos:prefLabel ?label }\n"
    )
    found = cli("query", "--file", with_header, "-b", "role=Account Manager", "--format", "csv")
    assert found.code == 0, found.err
    assert "Account Manager" in found.out
    plain = tmp_path / "plain.rq"
    plain.write_text("SELECT ?label WHERE { ?role skos:prefLabel ?label }")
    bound = cli("query", "--file", plain, "-b", "role=role:project-manager", "--format", "csv")
    assert bound.out.splitlines()[1:] == ["Project Manager"]
    ask = cli(
        "query", "--sparql", "ASK { role:account-manager rg:requiresSkill skill:negotiation }"
    )
    assert ask.code == 0 and ask.out.strip() == "yes"


def test_cli_reports_a_malformed_query_with_the_parsers_message(cli: Any) -> None:
    result = cli("query", "--sparql", "SELECT ?r\nWHERE { ?r a rg:Role")
    assert result.code == 2
    assert "malformed SPARQL query" in result.err and "2:" in result.err


def test_cli_usage_errors_exit_2(cli: Any) -> None:
    unknown = cli("query", "compare-role")
    assert unknown.code == 2 and "compare-roles" in unknown.err
    assert cli("query").code == 2
    assert cli("query", "roles", "--sparql", "ASK {}").code == 2
    assert cli("query", "skill-gap", "-b", "a=role:account-manager").code == 2
    assert cli("query", "roles", "-b", "nonsense").code == 2
    assert cli("query", "roles", "-b", "role=role:x").code == 2


def test_cli_exit_codes_say_whether_something_was_found(cli: Any) -> None:
    assert cli("query", "roles-by-tool", "-b", "tool=tool:no-such-tool").code == 1
    assert cli("query", "role-without-skill-violation").code == 0
    assert cli("query", "--sparql", "ASK { role:account-manager rg:requiresSkill rg:x }").code == 1
    hostile = cli("query", "role-by-label", "-b", f"label={HOSTILE}")
    assert hostile.code == 1 and "0 rows" in hostile.out


def test_cli_a_violation_check_exits_1_when_it_finds_problems(cli: Any) -> None:
    fixture = FIXTURES / "role-without-skill-violation.ttl"
    found = cli("query", "role-without-skill-violation", "--data", fixture)
    assert found.code == 1
    assert "role:skill-less" in found.out and "1 problem" in found.out


def test_cli_check_runs_every_violation_query(cli: Any) -> None:
    clean = cli("check")
    assert clean.code == 0, clean.out
    assert f"{len(VIOLATIONS)} of {len(VIOLATIONS)} checks pass" in clean.out
    broken = cli("check", "--data", FIXTURES / "promotion-cycle-violation.ttl", "--format", "json")
    assert broken.code == 1
    data = json.loads(broken.out)
    assert data["conforms"] is False
    failing = {check["name"] for check in data["checks"] if check["problems"]}
    assert "promotion-cycle-violation" in failing


class _Answer:
    """What a SPARQL server answers: W3C results JSON."""

    def __init__(self, result: QueryResult) -> None:
        self.headers = {"content-type": "application/sparql-results+json"}
        self._data = json.loads(result.serialize("json"))

    def json(self) -> Any:
        return self._data


class _RecordingRemote(RemoteStore):
    """A remote store whose server is an in-memory Oxigraph store: records the queries it posts."""

    def __init__(self, backend: Store) -> None:
        super().__init__(RemoteSettings("http://127.0.0.1:9/sparql"))
        self.backend = backend
        self.sent: list[str] = []

    def _post(self, url: str, **kwargs: Any) -> Any:
        text = kwargs["data"]["query"]
        self.sent.append(text)
        return _Answer(self.backend.query(text))


@pytest.mark.parametrize("name", [n for n in WITH_PARAMETERS if QUERIES[n].kind == "report"])
def test_a_remote_server_gets_the_values_as_data_and_answers_alike(
    article: Store, name: str
) -> None:
    query = QUERIES[name]
    bindings = example(query)
    remote = _RecordingRemote(article)
    try:
        result = run_query(remote, query, bindings)
        (text,) = remote.sent
        assert "VALUES (" in text and query.text not in text
        assert canonical(result) == canonical(run_query(article, query, bindings))
    finally:
        remote.close()
