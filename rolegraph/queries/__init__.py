"""The named SPARQL queries of ``queries/``: their headers, their parameters and running them.

Each ``.rq`` file starts with a header of ``# key: value`` comment lines, in the manner of ROBOT and
ODK report queries, so that people and programs read the same description::

    # title: Compare two roles
    # question: Which skills, responsibilities and qualifications do two roles share, and which
    #   belong to one of them only?
    # param: a  IRI  the first role
    # param: b  IRI  the second role
    # returns: a, b, kind, item, label, side ("shared" | "a" | "b")
    # kind: report
    # example: a=role:account-manager b=role:project-manager

A line starting with ``#`` and two or more spaces continues the value above it. ``title``,
``question``, ``returns`` and ``kind`` (``report``, ``violation`` or ``construct``) are required;
``param`` may repeat; ``note`` and ``example`` are optional. A ``param`` line gives the variable
name, its kind (``IRI``, ``string``, ``label``, ``number`` or ``year``; a trailing ``?`` makes it
optional) and a description. Queries named ``*-violation`` are data-quality checks: they return
rows only when something is wrong, and all project ``?entity ?property ?value ?problem``.

Parameters are SPARQL variables bound to RDF terms when the query runs (rdflib's initial
bindings, or a ``VALUES`` block of serialized terms that the store puts at the head of the
``WHERE`` group, and of each subquery projecting the parameter); a value never becomes query
text. Every parameter is projected by its ``SELECT``, so each row says what it was bound to,
and appears in a triple pattern of the outermost group, so that a binding placed first, last (a
trailing ``VALUES`` clause, as some clients send) or before evaluation gives the same rows. An
optional parameter left unbound ranges over every value.

String parameters: a ``label`` parameter binds an English-tagged literal (``"Project Manager"@en``),
because the names in the graph are tagged ``@en`` and a triple pattern matches a literal only with
its language tag; it matches exactly, case included. A ``string`` parameter binds a plain
``xsd:string`` literal, for values such as codes (``rg:onetSocCode``) that carry no language.

The package: :mod:`~rolegraph.queries.catalog` reads headers and finds the queries,
:mod:`~rolegraph.queries.values` turns parameter values into terms, and
:mod:`~rolegraph.queries.running` runs queries on a store.
"""

from __future__ import annotations

from rolegraph.queries.catalog import (
    PARAMETER_KINDS,
    QUERY_KINDS,
    VIOLATION_COLUMNS,
    NamedQuery,
    Parameter,
    get_query,
    has_header,
    internal_query,
    load_internal_queries,
    load_queries,
    load_query_file,
    parse_query,
)
from rolegraph.queries.running import (
    prepare_answers,
    run_checks,
    run_query,
    run_sparql,
    with_prologue,
)
from rolegraph.queries.values import bind_values, term_from_text

__all__ = [
    "PARAMETER_KINDS",
    "QUERY_KINDS",
    "VIOLATION_COLUMNS",
    "NamedQuery",
    "Parameter",
    "bind_values",
    "get_query",
    "has_header",
    "internal_query",
    "load_internal_queries",
    "load_queries",
    "load_query_file",
    "parse_query",
    "prepare_answers",
    "run_checks",
    "run_query",
    "run_sparql",
    "term_from_text",
    "with_prologue",
]
