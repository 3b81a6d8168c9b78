"""Namespaces of the rolegraph vocabulary, its data and the standards it aligns to.

IRIs are stable and documented in the README:
``https://w3id.org/rolegraph/ns#`` for terms, ``https://w3id.org/rolegraph/id/`` for data and
``https://w3id.org/rolegraph/graph/`` for the named graphs that keep each source apart. ``RG``
names only the terms the ontology declares (``rolegraph/rg.py``, generated from it).
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, NamespaceManager

from rolegraph.rg import RG as RG

ID = Namespace("https://w3id.org/rolegraph/id/")
GRAPH = Namespace("https://w3id.org/rolegraph/graph/")
SHAPES = Namespace("https://w3id.org/rolegraph/shapes#")
ESCO = Namespace("http://data.europa.eu/esco/model#")
ESCO_DATA = Namespace("http://data.europa.eu/esco/")
SCHEMA = SDO

ROLE = Namespace(ID["role/"])
SKILL = Namespace(ID["skill/"])
RESPONSIBILITY = Namespace(ID["responsibility/"])
QUALIFICATION = Namespace(ID["qualification/"])
CERTIFICATION = Namespace(ID["certification/"])
TOOL = Namespace(ID["tool/"])
INDUSTRY = Namespace(ID["industry/"])
GROUP = Namespace(ID["group/"])
SALARY = Namespace(ID["salary/"])
MOVE = Namespace(ID["move/"])
REQUIREMENT = Namespace(ID["requirement/"])
SOURCE = Namespace(ID["source/"])
PASSAGE = Namespace(ID["passage/"])
REGION = Namespace(ID["region/"])
ONET = Namespace(ID["onet/"])

ARTICLE_SOURCE = SOURCE["account-manager-vs-project-manager"]

PREFIXES: dict[str, Namespace] = {
    "rg": Namespace(str(RG)),
    "role": ROLE,
    "skill": SKILL,
    "resp": RESPONSIBILITY,
    "qual": QUALIFICATION,
    "cert": CERTIFICATION,
    "tool": TOOL,
    "industry": INDUSTRY,
    "group": GROUP,
    "salary": SALARY,
    "move": MOVE,
    "req": REQUIREMENT,
    "source": SOURCE,
    "passage": PASSAGE,
    "region": REGION,
    "onet": ONET,
    "rgsh": SHAPES,
    "esco": ESCO,
    "skos": Namespace(str(SKOS)),
    "schema": Namespace(str(SDO)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the rolegraph prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    manager = NamespaceManager(graph, bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    graph.namespace_manager = manager
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every rolegraph prefix, for queries written by users."""
    return "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())


def shorten(iri: str) -> str:
    """Return ``prefix:local`` for an IRI under a known namespace (longest match), else the IRI.

    >>> shorten("https://w3id.org/rolegraph/id/role/account-manager")
    'role:account-manager'
    >>> shorten(RG.requiresSkill)
    'rg:requiresSkill'
    >>> shorten("https://example.org/x")
    'https://example.org/x'
    """
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best):
            best, best_prefix = ns, prefix
    if best and "/" not in iri[len(best) :] and "#" not in iri[len(best) :]:
        return f"{best_prefix}:{iri[len(best) :]}"
    return iri
