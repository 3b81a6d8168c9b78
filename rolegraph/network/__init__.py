"""The one projection from RDF into the in-memory structures the graph algorithms run on.

A handful of bulk SPARQL SELECTs (never one query per node) fetch roles, labels, codes, skill
requirements, progressions, equivalences and salaries through :meth:`Store.query`, so the same
projection works on every store: Oxigraph, rdflib or a remote SPARQL server.

The result, a :class:`RoleNetwork`, holds:

- the roles and skills, each with an index, and a sparse roles x skills matrix of weights, one
  entry per ``rg:requiresSkill``: the requirement's ``rg:importance`` where a source rates it,
  else 1.0 for an essential skill, 0.5 for an optional one and 1.0 when the strength is unknown
  (a rated requirement without the shortcut, as O*NET's unimportant ratings, is no requirement);
- labels, standard codes, sources (``rg:importedFrom``, ``rg:source``) and the classification
  (``esco``, ``onet`` or ``rolegraph``) of each role;
- responsibilities, qualifications, tools, focus, scope, communication and collaborators per role;
- seniority (``rg:seniority``'s notation, else ``rg:jobZone``) and one annual salary per role:
  the national US figure where there is one, its median, else mean, else the middle of its range
  (hourly figures times 2080);
- a directed graph of moves: stated ones (``rg:progressesTo``, ``rg:promotesTo``,
  ``rg:StatedMove``) and derived ones (``rg:DerivedMove``) kept apart by an ``origin`` attribute;
- an undirected graph of equivalences between roles of different classifications (SKOS exact,
  close, broad and narrow matches, ``rg:escoConcept``, a shared O*NET-SOC code; not
  ``skos:relatedMatch``), so a route from an article role reaches the imported world.

The network is frozen; what analyses compute from it is kept on it by
:mod:`rolegraph.network.derived`.
"""

from rolegraph.network.builder import NetworkBuilder
from rolegraph.network.derived import derived, forget_derived
from rolegraph.network.model import (
    ESCO_OCCUPATION,
    ESSENTIAL_WEIGHT,
    HOURS_PER_YEAR,
    ONET_BASE,
    OPTIONAL_WEIGHT,
    SCHEMES,
    UNKNOWN_WEIGHT,
    RoleNetwork,
    scheme_of,
)
from rolegraph.network.projection import QUERY_NAMES, project

__all__ = [
    "ESCO_OCCUPATION",
    "ESSENTIAL_WEIGHT",
    "HOURS_PER_YEAR",
    "ONET_BASE",
    "OPTIONAL_WEIGHT",
    "QUERY_NAMES",
    "SCHEMES",
    "UNKNOWN_WEIGHT",
    "NetworkBuilder",
    "RoleNetwork",
    "derived",
    "forget_derived",
    "project",
    "scheme_of",
]
