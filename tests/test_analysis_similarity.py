"""The multi-facet similarity: each facet on hand-built roles with known answers, the blend
against its facets, roles of two classifications meeting through skill mappings, and the skill
alignment and evaluation that feed and judge it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from rolegraph.analysis.align import Concepts, align_skills, mapping_triples
from rolegraph.analysis.evaluate import RelatedOccupations, measure_quality, related_recall
from rolegraph.analysis.fit import fit
from rolegraph.analysis.overlap import similar
from rolegraph.analysis.similarity import DEFAULT_WEIGHTS, FACETS, build_model, model_of
from rolegraph.errors import InputError
from rolegraph.explain import similar_words
from rolegraph.network import NetworkBuilder, RoleNetwork
from rolegraph.render import to_json
from rolegraph.store import OxigraphStore, load_builtin
from rolegraph.vocab import ONET, RG
from tests.conftest import CliResult

OCC = str(ONET["occupation/"])
ELEMENT = str(ONET["element/"])
ESCO_OCC = "http://data.europa.eu/esco/occupation/"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"

#: Four families of four roles. Each role shows its family in two of the three facets (titles,
#: activities, skills) and something of its own in the third, like real occupations whose
#: titles, tasks or ratings alone are ambiguous; every pair of a family shares a facet.
FAMILIES = {
    "sales": ("sales", "sell products to retail customers", "persuasion"),
    "nursing": ("nurse", "care for hospital patients", "patient care"),
    "software": ("software", "write program code", "programming"),
    "building": ("construction", "lay bricks and pour concrete", "building"),
}
#: Which facets show the family, by the role's number in its family.
SHOWS = {0: {"titles", "activities"}, 1: {"titles", "skills"}, 2: {"activities", "skills"}}
NOISE = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
]


def _code(f: int, k: int) -> str:
    """Codes group the roles by their number, not their family: the structure misleads."""
    return f"{11 + k * 10}-{1000 + f}.00"


FAMILY_OF = {_code(f, k): f for f in range(len(FAMILIES)) for k in range(4)}


def _families() -> RoleNetwork:
    builder = NetworkBuilder()
    for f, (family, (word, task, skill)) in enumerate(FAMILIES.items()):
        for k in range(4):
            role = f"{OCC}{_code(f, k)}"
            shows = SHOWS.get(k, {"titles", "activities", "skills"})
            noise = NOISE[f * 4 + k]
            title = f"{word} {noise}" if "titles" in shows else noise
            builder.add_role(role, title.title())
            builder.responsibilities[role].append(f"{role}/task")
            builder.labels[f"{role}/task"] = task if "activities" in shows else noise
            own = f"{ELEMENT}{family}" if "skills" in shows else f"{ELEMENT}{noise}"
            builder.add_skill(own, skill if "skills" in shows else noise)
            builder.require(role, own, importance=0.9)
    return builder.build()


def _family_of(net: RoleNetwork, i: int) -> int:
    return FAMILY_OF[net.roles[i].rsplit("/", 1)[-1]]


def _recall_at_3(net: RoleNetwork, scores: np.ndarray) -> float:
    found = 0
    for i in range(len(net.roles)):
        row = scores[i].copy()
        row[i] = -1
        top = np.argsort(-row, kind="stable")[:3]
        found += sum(1 for j in top if _family_of(net, int(j)) == _family_of(net, i))
    return found / (3 * len(net.roles))


def test_the_blend_beats_its_best_single_facet() -> None:
    # The facets the families show, weighed alike: the default weights, fitted on O*NET, give
    # the skills facet nothing once knowledge ratings are there, and these roles have none.
    net = _families()
    model = build_model(net)
    rows = np.arange(len(net.roles))
    alone = {name: _recall_at_3(net, model.facet_rows(rows, name)) for name in FACETS}
    blended = _recall_at_3(
        net, model.blend_rows(rows, {"skills": 1.0, "activities": 1.0, "titles": 1.0})
    )
    assert blended == 1.0
    assert blended > max(alone.values()), alone


def test_similar_reports_every_facet_and_the_blend_is_their_weighted_mean() -> None:
    """The mean is over the facets that know something of both roles: no one here is rated
    on knowledge, so that facet neither lowers nor raises a score."""
    net = _families()
    found = similar(net, f"{OCC}{_code(0, 0)}", top=3)
    assert {s.role.iri for s in found} == {f"{OCC}{_code(0, k)}" for k in (1, 2, 3)}
    counted = {name: w for name, w in DEFAULT_WEIGHTS.items() if name != "knowledge"}
    total = sum(counted.values())
    for item in found:
        assert set(item.facets) == set(FACETS) - {"knowledge"}
        assert all(0.0 <= v <= 1.0 for v in item.facets.values())
        mean = sum(weight * item.facets[name] for name, weight in counted.items()) / total
        assert item.score == pytest.approx(mean)
        assert to_json(item)["facets"].keys() == set(FACETS) - {"knowledge"}
        assert similar_words(item).startswith("closest in ")


def _rated_on_knowledge() -> RoleNetwork:
    """Twelve O*NET occupations rated on four knowledge areas, in two patterns (law and
    finance stand out, or medicine and biology), and one occupation nobody rated."""
    builder = NetworkBuilder()
    areas = ["law", "finance", "medicine", "biology"]
    for area in areas:
        builder.add_skill(f"{ELEMENT}{area}", area.title())
        builder.skill_types[f"{ELEMENT}{area}"] = str(RG.Knowledge)
    for k in range(12):
        role = f"{OCC}{_code(k % 2, k)}"
        builder.add_role(role, f"Occupation {k}")
        high = areas[:2] if k % 2 == 0 else areas[2:]
        for n, area in enumerate(areas):
            importance = 0.9 - 0.05 * n if area in high else 0.2 + 0.01 * k
            builder.require(role, f"{ELEMENT}{area}", importance=importance)
    builder.add_role(f"{OCC}99-9999.00", "Unrated Occupation")
    builder.add_skill(f"{ELEMENT}noise", "Noise")
    builder.require(f"{OCC}99-9999.00", f"{ELEMENT}noise", importance=0.5)
    return builder.build()


def test_the_knowledge_facet_compares_rated_roles_only() -> None:
    """Occupations rated alike score high on knowledge, unlike ones 0; a role nobody rated gets
    no knowledge score at all rather than a misleading 0 %."""
    net = _rated_on_knowledge()
    first = f"{OCC}{_code(0, 0)}"
    found = {s.role.iri: s for s in similar(net, first, top=12, measure="knowledge")}
    alike = {f"{OCC}{_code(0, k)}" for k in range(2, 12, 2)}
    assert alike <= found.keys()
    assert all(found[r].facets["knowledge"] > 0.9 for r in alike)
    for item in similar(net, first, top=12):
        assert ("knowledge" in item.facets) == (item.role.iri != f"{OCC}99-9999.00")
    unlike = model_of(net).pair(net.index(first), net.index(f"{OCC}{_code(1, 1)}"))
    assert unlike["knowledge"] == 0.0
    for item in similar(net, f"{OCC}99-9999.00", top=12):
        assert "knowledge" not in item.facets


def _two_classifications(with_mapping: bool) -> RoleNetwork:
    builder = NetworkBuilder()
    onet_role, esco_role = f"{OCC}41-4012.00", f"{ESCO_OCC}sales-representative"
    builder.add_role(onet_role, "Sales Representatives", onet="41-4012.00")
    builder.add_role(esco_role, "commercial sales representative", isco="3322")
    builder.add_role(f"{OCC}29-1141.00", "Registered Nurses", onet="29-1141.00")
    negotiation, contracts = f"{ELEMENT}2.B.1.d", f"{ESCO_SKILL}negotiate-contracts"
    care = f"{ELEMENT}2.B.1.f"
    builder.add_skill(negotiation, "Negotiation")
    builder.add_skill(contracts, "negotiate sales contracts")
    builder.add_skill(care, "Service Orientation")
    builder.require(onet_role, negotiation, importance=0.9)
    builder.require(onet_role, care, importance=0.2)
    builder.require(f"{OCC}29-1141.00", care, importance=0.9)
    builder.require(f"{OCC}29-1141.00", negotiation, importance=0.2)
    builder.require(esco_role, contracts, strength="essential")
    if with_mapping:
        builder.skill_mappings.append((contracts, negotiation, 0.8))
    return builder.build()


def test_roles_of_two_classifications_meet_through_skill_mappings() -> None:
    esco_role, onet_role = f"{ESCO_OCC}sales-representative", f"{OCC}41-4012.00"
    unmapped = _two_classifications(with_mapping=False)
    i, j = unmapped.index(esco_role), unmapped.index(onet_role)
    assert model_of(unmapped).pair(i, j)["skills"] == 0.0
    mapped = _two_classifications(with_mapping=True)
    assert model_of(mapped).pair(i, j)["skills"] > 0.5
    found = similar(mapped, esco_role, scheme="onet")
    assert found[0].role.iri == onet_role


def test_fit_ranks_roles_through_mapped_skills() -> None:
    net = _two_classifications(with_mapping=True)
    found = fit(net, [f"{ESCO_SKILL}negotiate-contracts"], scheme="onet")
    assert found[0].role.iri == f"{OCC}41-4012.00"
    matched = found[0].matched[0]
    assert matched.skill.label == "Negotiation"
    assert matched.through == "negotiate sales contracts"


def test_structure_and_job_zone_facets() -> None:
    builder = NetworkBuilder()
    for code, zone in (("15-1252.00", 4), ("15-1253.00", 4), ("15-2051.00", 5), ("47-2061.00", 1)):
        builder.add_role(f"{OCC}{code}", code, onet=code)
        builder.seniority[f"{OCC}{code}"] = zone
    net = builder.build()
    model = build_model(net)
    structure = model.facet_rows(np.array([0]), "structure")[0]
    assert list(structure) == [1.0, 0.75, 0.25, 0.0]  # itself; same broad; same major; none
    zones = model.facet_rows(np.array([0]), "job_zone")[0]
    assert list(zones) == [1.0, 1.0, 0.75, 0.25]


def test_skill_alignment_links_words_and_names() -> None:
    concepts = Concepts(
        labels={
            f"{ESCO_SKILL}python": "Python (computer programming)",
            f"{ESCO_SKILL}negotiate": "sales negotiation",
            f"{ESCO_SKILL}bake": "bake bread",
            f"{ELEMENT}2.B.1.d": "Negotiation",
            f"{ELEMENT}2.B.3.e": "Programming",
            str(ONET["activity/4.A.4.c.3.I01.D01"]): "Sales negotiation with clients.",
            str(ONET["technology/python"]): "Python",
        },
        kinds={
            str(ONET["activity/4.A.4.c.3.I01.D01"]): "WorkActivity",
            str(ONET["technology/python"]): "Technology",
        },
        texts={
            f"{ELEMENT}2.B.1.d": "Bringing others together and trying to reconcile differences.",
            f"{ESCO_SKILL}negotiate": "Negotiation of the terms of sales contracts.",
        },
    )
    links = {(link.skill, link.target): link for link in align_skills(concepts)}
    python = links[(f"{ESCO_SKILL}python", str(ONET["technology/python"]))]
    assert (python.relation, python.score) == ("exactMatch", 1.0)
    negotiation = links[(f"{ESCO_SKILL}negotiate", f"{ELEMENT}2.B.1.d")]
    assert negotiation.relation == "broadMatch" and 0 < negotiation.score <= 1
    assert (f"{ESCO_SKILL}negotiate", str(ONET["activity/4.A.4.c.3.I01.D01"])) in links
    assert not any(skill == f"{ESCO_SKILL}bake" for skill, _ in links)
    triples = list(mapping_triples([negotiation]))
    assert sum(1 for _, p, o in triples if p == RG.mappingRelation) == 1
    assert any(p == RG.score for _, p, _ in triples) and any(p == RG.method for _, p, _ in triples)


def test_evaluation_against_related_occupations(tmp_path: Path) -> None:
    net = _families()
    file = tmp_path / "related.tsv"
    lines = ["O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex"]
    for i, role in enumerate(net.roles):
        code = role.rsplit("/", 1)[-1]
        for j, other in enumerate(net.roles):
            if i != j and _family_of(net, i) == _family_of(net, j):
                lines.append(f"{code}\t{other.rsplit('/', 1)[-1]}\tPrimary-Short\t{j}")
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    related = RelatedOccupations.read(file)
    # The families show in skills, which the default weights leave out (see above).
    model_of.seed(net, lambda: build_model(net, {"skills": 1.0, "activities": 1.0, "titles": 1.0}))
    recall, short, judged = related_recall(net, related)
    assert (recall, short, judged) == (1.0, 1.0, 16)
    titles = measure_quality(net, "titles", related)
    assert titles.recall_at_20 is not None and titles.recall_at_20 < 1.0
    blend = measure_quality(net, "blend", related)
    assert (blend.recall_at_20, blend.judged) == (1.0, 16)
    assert blend.coverage == 0.0  # a role is like its three family members only
    bad = tmp_path / "bad.tsv"
    bad.write_text("code\tother\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column"):
        RelatedOccupations.read(bad)


def test_similar_command_shows_the_facets(cli: Callable[..., CliResult]) -> None:
    result = cli("similar", "Project Manager", "--top", "3")
    assert result.code == 0
    header = result.out.splitlines()[2]
    assert header.split() == [
        "#",
        "Role",
        "Source",
        "Score",
        "Skills",
        "Know",
        "Work",
        "Titles",
        "Tech",
    ]
    assert "weighted mean of know 23%, work 28%, titles 44%, tech 4%, job_zone 2%" in " ".join(
        result.out.split()
    )
    assert "Know only where both roles are rated" in " ".join(result.out.split())
    found = json.loads(cli("similar", "Project Manager", "--format", "json").out)
    # The article's roles are not rated on knowledge: the facet is not reported for them.
    assert set(found[0]["facets"]) == set(FACETS) - {"knowledge"}
    assert found[0]["role"]["label"] == "Senior Project Manager"


def test_evaluate_and_align_commands(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    result = cli("evaluate", "--measure", "titles", "--measure", "blend", "--format", "json")
    assert result.code == 0
    assert [m["measure"] for m in json.loads(result.out)["measures"]] == ["titles", "blend"]
    assert cli("evaluate", "--fit").code == 2
    missing = cli("evaluate", "--related", str(tmp_path / "none.tsv"))
    assert missing.code == 2 and "none.tsv" in missing.err
    aligned = json.loads(cli("align-skills", "--dry-run", "--format", "json").out)
    assert (aligned["count"], aligned["graph"]) == (0, None)  # the article has no ESCO skills


def test_align_skills_writes_to_an_on_disk_store(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    location = tmp_path / "store"
    store = OxigraphStore(location)
    load_builtin(store)
    store.close()
    result = cli("align-skills", "--store", str(location), "--quiet")
    assert result.code == 0, result.err
    assert "stored in <https://w3id.org/rolegraph/graph/skill-alignment>" in " ".join(
        result.out.split()
    )
