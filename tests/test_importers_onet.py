"""O*NET text import: scaled ratings, thresholds, qualifications, tools, tasks and quirks."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from rolegraph.errors import InputError
from rolegraph.importers import OnetImporter, open_importer
from rolegraph.importers.base import Triple
from rolegraph.importers.onet import categories_for_element, scale_importance, scale_level
from rolegraph.vocab import GRAPH, ID, ONET, RG

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet" / "29.2"
SOURCE = ID["source/onet-29.2"]
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def dec(text: str) -> Literal:
    return Literal(text, datatype=DECIMAL)


def about(triples: list[Triple], subject: URIRef) -> set[Triple]:
    return {t for t in triples if t[0] == subject}


@pytest.fixture(scope="module")
def imported() -> tuple[OnetImporter, list[Triple]]:
    importer = OnetImporter(FIXTURE)
    return importer, list(importer.triples())


def test_release_from_read_me(imported: tuple[OnetImporter, list[Triple]]) -> None:
    importer, _ = imported
    assert (importer.name, importer.release) == ("onet", "29.2")
    assert importer.graph_iri == GRAPH["onet-29.2"]
    assert importer.source_iri == SOURCE
    assert (SOURCE, DCTERMS.issued, Literal("February 2025")) in imported[1]


def test_occupation_triples(imported: tuple[OnetImporter, list[Triple]]) -> None:
    _, triples = imported
    role = ONET["occupation/15-1299.09"]
    req = ID["requirement/onet/15-1299.09--2.A.1.d"]
    assert about(triples, role) == {
        (role, RDF.type, RG.Role),
        (role, SKOS.prefLabel, en("Information Technology Project Managers")),
        (
            role,
            SKOS.definition,
            en("Plan, initiate, and manage information technology (IT) projects."),
        ),
        (role, RG.onetSocCode, Literal("15-1299.09")),
        (role, RG.importedFrom, SOURCE),
        (role, SKOS.altLabel, en("Information Technology Project Manager")),
        (role, SKOS.altLabel, en("IT Project Manager")),  # a short title and a title: once
        (role, RG.jobZone, Literal(5)),
        (role, RG.seniority, RG.ExecutiveLevel),
        (role, RG.qualifiedSkillRequirement, req),
        (role, RG.requiresSkill, ONET["element/2.A.1.d"]),
        (role, RG.usesTool, ONET["tool/43231507"]),
        (role, RG.usesTechnology, ONET["technology/atlassian-jira"]),
    }
    assert about(triples, req) == {
        (req, RDF.type, RG.SkillRequirement),
        (req, RG.skill, ONET["element/2.A.1.d"]),
        (req, RG.importance, dec("0.72")),  # (3.88 - 1) / 4
        (req, RG.level, dec("0.5714")),  # 4.00 / 7
        (req, RG.strength, RG.Essential),
    }


def test_thresholds(imported: tuple[OnetImporter, list[Triple]]) -> None:
    _, triples = imported
    # IM 3.25: requiresSkill (>= 3.0) but optional (< 3.5)
    personnel = ID["requirement/onet/11-2021.00--2.B.5.d"]
    assert (personnel, RG.importance, dec("0.5625")) in triples
    assert (personnel, RG.level, dec("0.5")) in triples
    assert (personnel, RG.strength, RG.Optional) in triples
    assert (ONET["occupation/11-2021.00"], RG.requiresSkill, ONET["element/2.B.5.d"]) in triples
    # IM 1.12: the rated pair is kept, without the shortcut and without a strength (the
    # occupation does not require it); its Not Relevant level is left out
    programming = ID["requirement/onet/13-1082.00--2.B.3.e"]
    assert about(triples, programming) == {
        (programming, RDF.type, RG.SkillRequirement),
        (programming, RG.skill, ONET["element/2.B.3.e"]),
        (programming, RG.importance, dec("0.03")),
    }
    assert (ONET["occupation/13-1082.00"], RG.requiresSkill, ONET["element/2.B.3.e"]) not in (
        triples
    )


def test_elements(imported: tuple[OnetImporter, list[Triple]]) -> None:
    _, triples = imported
    element = ONET["element/2.C.1.d"]
    assert about(triples, element) == {
        (element, RDF.type, RG.Skill),
        (element, SKOS.prefLabel, en("Sales and Marketing")),
        (element, SKOS.notation, Literal("2.C.1.d")),
        (element, RG.skillType, RG.Knowledge),
        (element, RG.skillCategory, RG.KnowledgeAreas),
        (element, RG.skillCategory, RG.BusinessSkills),
        (element, RG.importedFrom, SOURCE),
    }
    assert (ONET["element/2.A.1.d"], RG.skillType, RG.SkillCompetence) in triples
    assert (ONET["element/2.A.1.d"], RG.skillCategory, RG.InterpersonalSkills) in triples
    assert (ONET["element/2.B.5.d"], RG.skillCategory, RG.LeadershipSkills) in triples
    assert categories_for_element("2.B.5.a") == (RG.OrganisationalSkills,)
    assert categories_for_element("2.A.2.a") == (RG.AnalyticalSkills,)
    assert categories_for_element("2.B.3.k") == (RG.TechnicalSkills,)
    assert categories_for_element("1.A.1") == ()
    assert scale_importance(Decimal("5.00")) == Decimal("1.0000")
    assert scale_level(Decimal("7")) == Decimal("1.0000")


def test_qualifications(imported: tuple[OnetImporter, list[Triple]]) -> None:
    _, triples = imported
    education = ONET["qualification/11-2021.00/education"]
    experience = ONET["qualification/11-2021.00/experience"]
    role = ONET["occupation/11-2021.00"]
    assert (role, RG.hasQualification, education) in triples
    assert (role, RG.hasQualification, experience) in triples
    assert about(triples, education) == {
        (education, RDF.type, RG.EducationQualification),
        (education, SKOS.prefLabel, en("Bachelor's degree")),
        (education, RG.educationLevel, RG.BachelorsDegree),
        (education, RG.requirementLevel, RG.Required),
        (
            education,
            SKOS.note,
            en(
                "Most common required level of education in O*NET (RL category 6): "
                "62.5% of respondents"
            ),
        ),
    }
    assert (experience, RG.experienceMonths, dec("60.0")) in triples  # 4-6 years
    assert (experience, RDF.type, RG.ExperienceQualification) in triples
    # a tie goes to the lower level; "none" as the modal experience adds no qualification
    agents = ONET["qualification/41-3011.00/education"]
    assert (agents, RG.educationLevel, RG.HighSchool) in triples
    assert not about(triples, ONET["qualification/41-3011.00/experience"])


def test_tasks_and_tools(imported: tuple[OnetImporter, list[Triple]]) -> None:
    importer, triples = imported
    task = ONET["task/3492"]
    assert about(triples, task) == {
        (task, RDF.type, RG.Responsibility),
        (
            task,
            SKOS.prefLabel,
            en(
                "Formulate, direct, or coordinate marketing activities or policies to promote "
                "products or services."
            ),
        ),
        (task, SKOS.scopeNote, en("Supplemental")),
        (task, RG.importedFrom, SOURCE),
    }
    assert (ONET["occupation/11-2021.00"], RG.hasResponsibility, task) in triples
    tool = ONET["tool/43231507"]
    assert about(triples, tool) == {
        (tool, RDF.type, RG.Tool),
        (tool, SKOS.prefLabel, en("Project management software")),
        (tool, SKOS.notation, Literal("43231507")),
        (tool, RG.importedFrom, SOURCE),
        (tool, SKOS.example, en("Microsoft Project")),
        (tool, SKOS.example, en("Atlassian JIRA")),
        (tool, SKOS.note, en("hot technology: Microsoft Project")),
        (tool, SKOS.note, en("hot technology: Atlassian JIRA")),
        (tool, SKOS.note, en("in demand: Atlassian JIRA")),
    }
    counts = importer.report.counts
    assert (counts["tools"], counts["tool examples"], counts["tool links"]) == (2, 3, 4)


def test_quirks_and_counts(imported: tuple[OnetImporter, list[Triple]]) -> None:
    importer, triples = imported
    report = importer.report
    quirks = {q.kind: q for q in report.quirks}
    unrated = quirks["occupation without skill ratings (profile inferred)"]
    assert unrated.count == 2
    assert unrated.examples[0] == "11-9199.00 Managers, All Other"
    assert quirks["rating with Recommend Suppress = Y (kept)"].examples == ["11-2021.00 2.B.5.d LV"]
    assert quirks["level marked Not Relevant (level left out)"].count == 1
    assert quirks["row for an occupation not in Occupation Data (skipped)"].count == 3
    assert report.counts["occupations"] == 6
    assert report.counts["rated pairs"] == 7
    assert report.counts["skill links"] == 6
    assert report.counts["no related experience needed"] == 1
    assert report.counts["triples"] == len(triples) == len(set(triples))
    assert not [t for t in triples if ONET["occupation/99-9999.00"] in t]
    assert (ONET["occupation/11-9199.00"], RDF.type, RG.Role) in triples


def test_progress_and_total() -> None:
    importer = OnetImporter(FIXTURE)
    seen: list[int] = []
    for _ in importer.triples(seen.append):
        pass
    assert sum(seen) == importer.total_rows() == 115


def test_custom_thresholds() -> None:
    importer = open_importer("onet", FIXTURE, requires_threshold=4.0, essential_threshold=4.5)
    triples = list(importer.triples())
    assert importer.report.counts["skill links"] == 4
    assert (ID["requirement/onet/11-2021.00--2.A.1.d"], RG.strength, RG.Optional) in triples


def test_unimportant_pairs_can_be_left_out() -> None:
    importer = open_importer("onet", FIXTURE, keep_unimportant=False)
    triples = list(importer.triples())
    assert not about(triples, ID["requirement/onet/13-1082.00--2.B.3.e"])
    assert importer.report.counts["rated pairs below the threshold (left out)"] == 1
    requirements = {o for _s, p, o in triples if p == RG.qualifiedSkillRequirement}
    shortcuts = {(s, o) for s, p, o in triples if p == RG.requiresSkill}
    skills = {s: o for s, p, o in triples if p == RG.skill}
    roles = {o: s for s, p, o in triples if p == RG.qualifiedSkillRequirement}
    assert all((roles[r], skills[r]) in shortcuts for r in requirements)


def test_release_from_folder_name_and_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"Occupation Data\.txt"):
        open_importer("onet", tmp_path)
    folder = tmp_path / "db_30_1_text"
    folder.mkdir()
    shutil.copy(FIXTURE / "Occupation Data.txt", folder / "Occupation Data.txt")
    importer = open_importer("onet", folder)
    assert importer.release == "30.1"
    assert len(importer.report.notes) == 12  # the files that are missing are named
    assert importer.report.counts == {}
    list(importer.triples())
    assert importer.report.counts["occupations"] == 6
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "Occupation Data.txt").write_text("Code\tName\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the O\\*NET release"):
        open_importer("onet", bare)
    with pytest.raises(InputError, match="missing column"):
        open_importer("onet", bare, release="29.2")


def test_technology_examples_are_named_and_hot(
    imported: tuple[OnetImporter, list[Triple]],
) -> None:
    _, triples = imported
    jira = ONET["technology/atlassian-jira"]
    assert about(triples, jira) == {
        (jira, RDF.type, RG.Technology),
        (jira, SKOS.prefLabel, en("Atlassian JIRA")),
        (jira, RG.technologyCategory, ONET["tool/43231507"]),
        (jira, RG.hotTechnology, Literal(True)),
        (jira, RG.importedFrom, SOURCE),
    }
    users = {s for s, p, o in triples if p == RG.usesTechnology and o == jira}
    assert users == {ONET["occupation/13-1082.00"], ONET["occupation/15-1299.09"]}


def test_reported_titles_are_alternative_labels_once(
    imported: tuple[OnetImporter, list[Triple]],
) -> None:
    importer, triples = imported
    role = ONET["occupation/13-1082.00"]
    labels = sorted(str(o) for s, p, o in triples if s == role and p == SKOS.altLabel)
    assert labels == ["Project Coordinator", "Project Manager"]
    assert importer.report.counts["reported titles"] == 1


def test_work_activities_with_their_hierarchy(imported: tuple[OnetImporter, list[Triple]]) -> None:
    _, triples = imported
    dwa = ONET["activity/4.A.2.b.1.I01.D02"]
    assert (dwa, RDF.type, RG.WorkActivity) in triples
    assert (dwa, SKOS.prefLabel, en("Schedule project tasks.")) in triples
    assert (dwa, SKOS.broader, ONET["activity/4.A.2.b.1.I01"]) in triples
    performed = {s for s, p, o in triples if p == RG.performsActivity and o == dwa}
    assert performed == {ONET["occupation/13-1082.00"], ONET["occupation/41-3091.00"]}


def test_unrated_occupations_get_an_inferred_profile_with_its_origin(
    imported: tuple[OnetImporter, list[Triple]],
) -> None:
    importer, triples = imported
    # Sales representatives of services share work activities with Project Management
    # Specialists.
    agents = ONET["occupation/41-3091.00"]
    req = ID["requirement/onet/41-3091.00--2.A.1.d"]
    assert (agents, RG.qualifiedSkillRequirement, req) in triples
    assert (req, RG.method, Literal("inferred from detailed work activities")) in triples
    assert (req, RG.evidence, Literal("rated occupations: 13-1082.00")) in triples
    assert (req, RG.source, SOURCE) in triples
    # Managers, All Other have no activities: their SOC group's rated occupations stand in.
    managers = ID["requirement/onet/11-9199.00--2.A.1.d"]
    assert (managers, RG.method, Literal("inferred from the occupation's SOC group")) in triples
    assert importer.report.counts["inferred skill profiles"] == 2
    # A rated occupation's requirements carry no method: they are O*NET's own ratings.
    rated = ID["requirement/onet/15-1299.09--2.A.1.d"]
    assert not any(s == rated and p == RG.method for s, p, _ in triples)


def test_an_inferred_profile_below_the_threshold_keeps_its_most_important_elements(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "db_29_2_text"
    folder.mkdir()
    (folder / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n"
        "41-9012.00\tModels\tModel garments.\n"
        "41-9011.00\tDemonstrators and Product Promoters\tDemonstrate merchandise.\n",
        encoding="utf-8",
    )
    header = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\n"
    rows = "".join(
        f"41-9011.00\t{element}\t{name}\t{scale}\t{value}\n"
        for element, name, im in (
            ("2.A.1.d", "Speaking", "2.50"),
            ("2.B.1.c", "Persuasion", "2.00"),
        )
        for scale, value in (("IM", im), ("LV", "2.00"))
    )
    (folder / "Skills.txt").write_text(header + rows, encoding="utf-8")
    triples = list(OnetImporter(folder).triples())
    models = ONET["occupation/41-9012.00"]
    required = {o for s, p, o in triples if s == models and p == RG.requiresSkill}
    assert required == {ONET["element/2.A.1.d"], ONET["element/2.B.1.c"]}
    req = ID["requirement/onet/41-9012.00--2.A.1.d"]
    assert (req, RG.strength, RG.Optional) in triples
    assert (req, RG.method, Literal("inferred from the occupation's SOC group")) in triples
    # the rated occupation keeps O*NET's own judgement: nothing reaches "important"
    assert not any(
        s == ONET["occupation/41-9011.00"] and p == RG.requiresSkill for s, p, _ in triples
    )
