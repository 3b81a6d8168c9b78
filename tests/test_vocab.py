"""``RG`` names exactly the terms of the ontology, and the code uses no other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef

from rolegraph.load import ontology_graph
from rolegraph.rg_generate import TARGET, ontology_terms, render
from rolegraph.vocab import RG

REPO = Path(__file__).resolve().parent.parent


def test_the_namespace_class_is_generated_from_the_ontology() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(ontology_graph()), (
        "rolegraph/rg.py differs from ontology/rolegraph.ttl: run python -m rolegraph.rg_generate"
    )


def test_every_ontology_term_is_an_attribute() -> None:
    terms = ontology_terms(ontology_graph())
    assert len(terms) > 100
    for name in terms:
        assert RG[name] == URIRef(str(RG) + name)


def test_a_misspelt_term_is_an_error() -> None:
    with pytest.raises(AttributeError, match="Rol"):
        getattr(RG, "Rol")  # noqa: B009
    with pytest.raises(AttributeError):
        RG["requireSkill"]


def test_the_code_uses_only_declared_terms() -> None:
    terms = set(ontology_terms(ontology_graph()))
    used: dict[str, str] = {}
    for folder in ("rolegraph", "bench", "tests"):
        for path in (REPO / folder).rglob("*.py"):
            if path.name == "test_vocab.py":
                continue
            for name in re.findall(r"\bRG\.([A-Za-z_]\w*)", path.read_text(encoding="utf-8")):
                used.setdefault(name, str(path.relative_to(REPO)))
    unknown = {name: path for name, path in used.items() if name not in terms}
    assert not unknown, f"terms the ontology does not declare: {unknown}"
