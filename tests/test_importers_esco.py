"""ESCO CSV import: the triples of known rows, both file layouts, and every quirk counted."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from rolegraph.errors import InputError
from rolegraph.importers import EscoImporter, open_importer
from rolegraph.importers.base import Triple
from rolegraph.importers.esco import category_for_code
from rolegraph.vocab import GRAPH, ID, RG

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "esco"
OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
SOURCE = ID["source/esco-1.1.1"]


def occ(x: str) -> URIRef:
    return URIRef(f"{OCC}{x * 8}-0000-4000-8000-00000000000{x}")


def skill(n: int) -> URIRef:
    return URIRef(f"{SKILL}5000000{n}-0000-4000-8000-00000000000{n}")


def group(n: int) -> URIRef:
    return URIRef(f"{SKILL}6000000{n}-0000-4000-8000-00000000000{n}")


def requirement(x: str, n: int) -> URIRef:
    return ID[
        f"requirement/esco/{x * 8}-0000-4000-8000-00000000000{x}"
        f"--5000000{n}-0000-4000-8000-00000000000{n}"
    ]


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def run(importer: EscoImporter) -> list[Triple]:
    return list(importer.triples())


def about(triples: list[Triple], subject: URIRef) -> set[Triple]:
    return {t for t in triples if t[0] == subject}


@pytest.fixture(scope="module")
def v11() -> tuple[EscoImporter, list[Triple]]:
    importer = EscoImporter(FIXTURES / "1.1.1")
    return importer, run(importer)


def test_release_layout_and_graph(v11: tuple[EscoImporter, list[Triple]]) -> None:
    importer, _ = v11
    assert (importer.name, importer.release, importer.layout) == ("esco", "1.1.1", "1.1")
    assert importer.graph_iri == GRAPH["esco-1.1.1"]
    assert importer.source_iri == SOURCE


def test_occupation_row_becomes_exactly_these_triples(
    v11: tuple[EscoImporter, list[Triple]],
) -> None:
    _, triples = v11
    a = occ("a")
    expected = {
        (a, RDF.type, RG.Role),
        (a, SKOS.prefLabel, en("marketing manager")),
        # the prefLabel repeated among the altLabels is not repeated as an altLabel
        (a, SKOS.altLabel, en("marketing director")),
        (a, SKOS.altLabel, en("head of marketing")),
        (a, SKOS.hiddenLabel, en("mktg manager")),
        (
            a,
            SKOS.definition,
            en(
                "Marketing managers carry out the efforts of marketing plans.\n"
                "They assess costs, develop strategies and prepare budgets."
            ),
        ),
        (a, RG.escoCode, Literal("1221.4")),
        (a, RG.iscoCode, Literal("1221")),
        (a, RG.iscoGroup, URIRef("http://data.europa.eu/esco/isco/C1221")),
        (a, RG.escoConcept, a),
        (a, RG.importedFrom, SOURCE),
        (a, SKOS.broader, URIRef("http://data.europa.eu/esco/isco/C1221")),
        (a, RG.requiresSkill, skill(1)),
        (a, RG.requiresSkill, skill(2)),
        (a, RG.qualifiedSkillRequirement, requirement("a", 1)),
        (a, RG.qualifiedSkillRequirement, requirement("a", 2)),
    }
    assert about(triples, a) == expected


def test_definition_scope_note_and_narrower_occupation(
    v11: tuple[EscoImporter, list[Triple]],
) -> None:
    _, triples = v11
    b = about(triples, occ("b"))
    assert (
        occ("b"),
        SKOS.definition,
        en(
            "Advertising account managers meet clients to agree on their needs and coordinate "
            "the campaigns that meet them."
        ),
    ) in b
    # ESCO's separate `definition` column is kept as a note, not as a second definition
    assert (
        occ("b"),
        SKOS.note,
        en("Advertising account managers act as the link between an agency and its clients."),
    ) in b
    assert (occ("b"), SKOS.scopeNote, en("Excludes media buyers.")) in b
    assert (occ("c"), SKOS.broader, occ("b")) in about(triples, occ("c"))


def test_requirement_node(v11: tuple[EscoImporter, list[Triple]]) -> None:
    _, triples = v11
    req = requirement("b", 5)
    assert about(triples, req) == {
        (req, RDF.type, RG.SkillRequirement),
        (req, RG.skill, skill(5)),
        (req, RG.strength, RG.Optional),
    }
    conflict = requirement("a", 1)
    assert (conflict, RG.strength, RG.Essential) in about(triples, conflict)


def test_skill_rows(v11: tuple[EscoImporter, list[Triple]]) -> None:
    _, triples = v11
    s5 = skill(5)
    assert about(triples, s5) == {
        (s5, RDF.type, RG.Skill),
        (s5, SKOS.prefLabel, en("lead a team")),
        (s5, SKOS.altLabel, en("manage a team")),
        (s5, SKOS.hiddenLabel, en("lead team")),
        (
            s5,
            SKOS.definition,
            en("Lead, supervise and motivate a group of people to meet the expected results."),
        ),
        (s5, RG.skillType, RG.SkillCompetence),
        (s5, RG.reuseLevel, Literal("transversal")),
        (s5, RG.escoConcept, s5),
        (s5, RG.importedFrom, SOURCE),
        (s5, SKOS.broader, group(7)),
        # S4.5 "leading and motivating" is known only from skillsHierarchy_en.csv
        (s5, RG.skillCategory, RG.LeadershipSkills),
    }
    empty_type = about(triples, skill(4))
    assert not [t for t in empty_type if t[1] == RG.skillType]
    assert (skill(4), RDF.type, RG.Skill) in empty_type
    assert (skill(2), RG.skillType, RG.Knowledge) in about(triples, skill(2))


def test_skill_categories_follow_group_codes(v11: tuple[EscoImporter, list[Triple]]) -> None:
    _, triples = v11
    categories = {(s, o) for s, p, o in triples if p == RG.skillCategory}
    assert categories == {
        (skill(1), RG.InterpersonalSkills),  # S1.1 negotiating
        (skill(2), RG.KnowledgeAreas),  # K > ISCED-F 04
        (skill(3), RG.TechnicalSkills),  # S5, and its broader skill
        (skill(4), RG.TechnicalSkills),
        (skill(5), RG.LeadershipSkills),
    }
    assert category_for_code("S1.12") is None  # not S1.1
    assert category_for_code("S1.1.3") == RG.InterpersonalSkills
    assert category_for_code("S6.2") is None


def test_groups_and_source(v11: tuple[EscoImporter, list[Triple]]) -> None:
    _, triples = v11
    c2431 = URIRef("http://data.europa.eu/esco/isco/C2431")
    assert (c2431, RDF.type, SKOS.Concept) in triples
    assert (c2431, SKOS.notation, Literal("2431")) in triples
    assert (c2431, SKOS.broader, URIRef("http://data.europa.eu/esco/isco/C243")) in triples
    isced = URIRef("http://data.europa.eu/esco/isced-f/04")
    assert (isced, SKOS.prefLabel, en("business, administration and law")) in triples
    assert (isced, SKOS.broader, group(5)) in triples
    assert (group(7), SKOS.notation, Literal("S4.5")) in triples
    assert (SOURCE, RDF.type, RG.Source) in triples
    assert (SOURCE, DCTERMS.license, URIRef("http://data.europa.eu/eli/dec/2011/833/oj")) in triples


def test_quirks_are_counted_with_examples(v11: tuple[EscoImporter, list[Triple]]) -> None:
    importer, triples = v11
    report = importer.report
    quirks = {q.kind: q for q in report.quirks}
    unknown = quirks["relation to unknown occupation (skipped)"]
    assert unknown.count == 2
    assert unknown.examples == [str(occ("f"))]
    empty = quirks["skill with empty skill type (imported without type)"]
    assert (empty.count, empty.examples) == (1, [f"{skill(4)} (digital data processing)"])
    assert quirks["ragged row (padded to the header's width)"].count == 5
    assert quirks["ragged row (padded to the header's width)"].examples == [
        "skillsHierarchy_en.csv lines 2, 3, 4, ..."
    ]
    assert quirks["duplicate relation row (skipped)"].count == 1
    assert quirks["pair listed as both essential and optional (kept as essential)"].count == 1
    assert quirks["relation with unknown relationType (skipped)"].examples == [
        f"{occ('b')} 'recommended'"
    ]
    assert quirks["relation to unknown skill (skipped)"].count == 1
    assert quirks["occupation with status other than released (imported)"].examples == [
        str(occ("d"))
    ]
    assert quirks["skill group found only in the skills hierarchy"].count == 2
    assert quirks["occupation broader relation with a concept not in the files (skipped)"].count
    assert quirks["occupation in an ISCO group not in the file"].examples == [str(occ("e"))]
    assert report.counts["occupations"] == 5
    assert report.counts["skills"] == 5
    assert report.counts["essential links"] == 5
    assert report.counts["optional links"] == 1
    assert report.counts["triples"] == len(triples) == len(set(triples))
    # no triple mentions the occupation missing from occupations_en.csv
    assert not [t for t in triples if occ("f") in t]


def test_progress_adds_up_to_total_rows() -> None:
    importer = EscoImporter(FIXTURES / "1.1.1")
    seen: list[int] = []
    for _ in importer.triples(seen.append):
        pass
    assert sum(seen) == importer.total_rows()


def test_layout_1_2_with_labels_and_suffixed_relation_files() -> None:
    importer = open_importer("esco", FIXTURES / "1.2.0")
    assert (importer.release, getattr(importer, "layout", None)) == ("1.2.0", "1.2")
    triples = list(importer.triples())
    req = requirement("c", 1)
    assert (occ("c"), RG.requiresSkill, skill(1)) in triples
    assert (req, RG.strength, RG.Optional) in triples
    assert (occ("c"), SKOS.broader, occ("a")) in triples
    assert importer.report.quirk_count("relation to unknown occupation (skipped)") == 1
    assert any("no ISCO-08 groups file" in note for note in importer.report.notes)


def test_gzipped_files_are_read(tmp_path: Path) -> None:
    for file in (FIXTURES / "1.1.1").iterdir():
        if file.name.startswith("occupationSkillRelations"):
            with file.open("rb") as src, gzip.open(tmp_path / f"{file.name}.gz", "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            shutil.copy(file, tmp_path / file.name)
    importer = EscoImporter(tmp_path, release="1.1.1")
    triples = list(importer.triples())
    assert importer.report.counts["essential links"] == 5
    assert (occ("c"), RG.requiresSkill, skill(3)) in triples
    seen: list[int] = []
    list(EscoImporter(tmp_path, release="1.1.1").triples(seen.append))
    assert sum(seen) == importer.total_rows()


def test_not_an_esco_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an ESCO CSV directory"):
        open_importer("esco", tmp_path)
    (tmp_path / "occupations_en.csv").write_text("conceptUri\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"skills_en\.csv"):
        open_importer("esco", tmp_path)


def test_malformed_row_names_file_and_line(tmp_path: Path) -> None:
    for file in (FIXTURES / "1.2.0").iterdir():
        shutil.copy(file, tmp_path / file.name)
    skills = tmp_path / "skills_en.csv"
    text = skills.read_text(encoding="utf-8")
    skills.write_text(text + 'KnowledgeSkillCompetence,x,"broken "quote",\r\n', encoding="utf-8")
    importer = open_importer("esco", tmp_path)
    with pytest.raises(InputError) as caught:
        list(importer.triples())
    assert caught.value.file == str(skills)
    assert caught.value.line == 6  # header, two records of two lines each, then the bad one


def test_regulated_professions_are_flagged(tmp_path: Path) -> None:
    for file in (FIXTURES / "1.2.0").iterdir():
        shutil.copy(file, tmp_path / file.name)
    occupations = next(tmp_path.glob("occupations*.csv"))
    text = occupations.read_text(encoding="utf-8")
    first = text.index("regulated-professions/unregulated")
    occupations.write_text(
        text[:first] + "regulated-professions/regulated" + text[first + 33 :], encoding="utf-8"
    )
    triples = list(open_importer("esco", tmp_path).triples())
    flagged = {s for s, p, _ in triples if p == RG.regulatedProfession}
    assert flagged == {occ("a")}
    assert (occ("a"), RG.regulatedProfession, Literal(True)) in triples
