"""The vocabulary: a proper OWL header, and a label and definition on every term."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from rolegraph.load import ontology_graph
from rolegraph.resources import ontology_paths
from rolegraph.vocab import PREFIXES, RG

ONTOLOGY = URIRef("https://w3id.org/rolegraph/ns")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionIRI):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate


def terms(ontology: Graph) -> list[URIRef]:
    found = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(RG))}
    return sorted(found)


def test_every_term_has_an_english_label_and_definition(ontology: Graph) -> None:
    assert len(terms(ontology)) > 100
    for term in terms(ontology):
        labels = [o for o in ontology.objects(term, RDFS.label) if o.language == "en"]
        definitions = [o for o in ontology.objects(term, SKOS.definition) if o.language == "en"]
        assert len(labels) == 1, term
        assert len(definitions) == 1, term


def test_classes_and_properties_are_named_by_convention(ontology: Graph) -> None:
    for cls in ontology.subjects(RDF.type, OWL.Class):
        assert str(cls).removeprefix(str(RG))[0].isupper(), cls
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert str(prop).removeprefix(str(RG))[0].islower(), prop


def test_aligned_to_the_standards(ontology: Graph) -> None:
    assert (RG.Role, RDFS.subClassOf, URIRef("https://schema.org/Occupation")) in ontology
    assert (
        RG.Role,
        SKOS.closeMatch,
        URIRef("http://data.europa.eu/esco/model#Occupation"),
    ) in ontology
    assert (RG.requiresSkill, RDFS.subPropertyOf, URIRef("https://schema.org/skills")) in ontology


def test_jsonld_context_names_every_prefix_and_property(ontology: Graph) -> None:
    context = json.loads((ontology_paths()[0].parent / "context.jsonld").read_text())["@context"]
    for prefix, namespace in PREFIXES.items():
        assert context[prefix] == str(namespace)
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    named = {value["@id"] for value in context.values() if isinstance(value, dict)}
    clashing = set(PREFIXES)  # a property named like a data prefix is written rg:skill, ...
    for prop in properties:
        local = str(prop).removeprefix(str(RG))
        assert local in clashing or f"rg:{local}" in named, prop
