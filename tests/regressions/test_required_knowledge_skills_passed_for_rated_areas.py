"""ESCO knowledge skills that many occupations merely require ("quality standards") passed for
areas O*NET rates every occupation on. Two ESCO occupations requiring only that one skill then
correlated perfectly, and `similar` showed them 100 % alike on knowledge."""

from __future__ import annotations

from rolegraph.analysis.overlap import similar
from rolegraph.network import NetworkBuilder, RoleNetwork
from rolegraph.rg import RG
from rolegraph.vocab import ONET

OCC = str(ONET["occupation/"])
ELEMENT = str(ONET["element/"])
ESCO_OCC = "http://data.europa.eu/esco/occupation/"
QUALITY = "http://data.europa.eu/esco/skill/quality-standards"


def _network() -> RoleNetwork:
    """Thirty O*NET occupations rated on three knowledge areas, and twelve ESCO occupations each
    requiring the ESCO knowledge skill "quality standards" and nothing else of the kind."""
    builder = NetworkBuilder()
    areas = [f"{ELEMENT}2.C.{n}" for n in range(3)]
    for area in areas:
        builder.add_skill(area, area.rsplit("/", 1)[-1])
        builder.skill_types[area] = str(RG.Knowledge)
    builder.add_skill(QUALITY, "quality standards")
    builder.skill_types[QUALITY] = str(RG.Knowledge)
    for k in range(30):
        role = f"{OCC}{11 + k}-1011.00"
        builder.add_role(role, f"Occupation {k}")
        for n, area in enumerate(areas):
            builder.require(role, area, importance=0.2 + 0.3 * ((k + n) % 3))
    for k in range(12):
        role = f"{ESCO_OCC}{k}"
        builder.add_role(role, f"inspector {k}")
        builder.require(role, QUALITY, strength="essential")
    return builder.build()


def test_an_esco_occupation_has_no_knowledge_score() -> None:
    net = _network()
    found = similar(net, f"{ESCO_OCC}0", top=5)
    assert found, "the other inspectors are similar by title"
    assert all("knowledge" not in item.facets for item in found)
    rated = similar(net, f"{OCC}11-1011.00", top=5, measure="knowledge")
    assert rated and all(item.role.iri.startswith(OCC) for item in rated)
