"""The SHACL shapes: one valid and one invalid fixture per rule, the shapes' own syntax, and the
validation report API.

Each invalid fixture must produce exactly the listed (focus node, path, constraint component, shape)
results and nothing else; each valid fixture must produce no result at all.
"""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from rolegraph.errors import InputError
from rolegraph.resources import builtin_data_paths
from rolegraph.validate import ValidationReport, ValidationResult, load_shapes, validate
from rolegraph.vocab import PREFIXES, RG, ROLE, SHAPES

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))

AM = "role:account-manager"
SAM = "role:senior-account-manager"
REQ = "req:account-manager--negotiation"
QUAL = "qual:account-manager-bachelors-degree"
SALARY = "salary:account-manager-us"
MOVE = "move:account-manager--senior-account-manager"
INTRO = "passage:account-manager-vs-project-manager/account-manager-intro"
STATEMENT = "https://w3id.org/rolegraph/id/statement/1"
IMPORTED = "http://data.europa.eu/esco/occupation/a2d2e5e8-0b7a-4b0b-a2c1-1c0f2e0b7a44"
MAPPING = "https://w3id.org/rolegraph/id/mapping/negotiation--2.B.1.d"
TECHNOLOGY = "https://w3id.org/rolegraph/id/onet/technology/python"
ACTIVITY = "https://w3id.org/rolegraph/id/onet/activity/4.A.2.b.1.I01.D02"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")

Expected = tuple[str, str | None, str, str]

#: Invalid fixture -> the results it must produce: (focus node, path, constraint, shape). Names are
#: prefixed as in rolegraph.vocab; a path starting with "^" is inverse; a constraint is the local
#: name of the component without "ConstraintComponent"; a shape is a local name in rgsh:.
EXPECTED: dict[str, list[Expected]] = {
    # role.ttl
    "role-preflabel-missing": [(AM, "skos:prefLabel", "QualifiedMinCount", "Role-prefLabel")],
    "role-preflabel-twice": [(AM, "skos:prefLabel", "QualifiedMaxCount", "Role-prefLabel")],
    "role-definition": [(AM, "skos:definition", "UniqueLang", "Role-definition")],
    "role-requires-skill-missing": [
        (AM, "rg:requiresSkill", "MinCount", "AuthoredRole-requiresSkill")
    ],
    "role-imported-without-skill": [
        (IMPORTED, "rg:requiresSkill", "MinCount", "ImportedRole-requiresSkill")
    ],
    "role-requires-skill-undeclared": [(AM, "rg:requiresSkill", "Class", "Role-requiresSkill")],
    "role-responsibility-missing": [
        (AM, "rg:hasResponsibility", "MinCount", "AuthoredRole-hasResponsibility")
    ],
    "role-responsibility-undeclared": [
        (AM, "rg:hasResponsibility", "Class", "Role-hasResponsibility")
    ],
    "role-qualification": [(AM, "rg:hasQualification", "Class", "Role-hasQualification")],
    "role-qualified-skill-requirement": [
        (AM, "rg:qualifiedSkillRequirement", "Class", "Role-qualifiedSkillRequirement")
    ],
    "role-tool": [(AM, "rg:usesTool", "Class", "Role-usesTool")],
    "role-industry": [(AM, "rg:inIndustry", "Class", "Role-inIndustry")],
    "role-works-with": [(AM, "rg:worksWith", "Class", "Role-worksWith")],
    "role-focus": [(AM, "rg:focus", "Class", "Role-focus")],
    "role-scope": [(AM, "rg:scope", "Class", "Role-scope")],
    "role-communication": [(AM, "rg:communication", "Class", "Role-communication")],
    "role-seniority": [(AM, "rg:seniority", "MaxCount", "Role-seniority")],
    "role-job-zone": [(AM, "rg:jobZone", "MaxInclusive", "Role-jobZone")],
    "role-regulated-profession": [
        (AM, "rg:regulatedProfession", "Datatype", "Role-regulatedProfession")
    ],
    "role-salary": [(AM, "rg:salary", "Class", "Role-salary")],
    "role-progresses-to": [(AM, "rg:progressesTo", "Class", "Role-progressesTo")],
    "role-promotes-to": [
        (AM, "rg:progressesTo", "Class", "Role-progressesTo"),
        (AM, "rg:promotesTo", "Class", "Role-promotesTo"),
    ],
    "role-source": [(AM, "rg:source", "Class", "Role-source")],
    "role-imported-from": [(AM, "rg:importedFrom", "Class", "Role-importedFrom")],
    # codes.ttl
    "code-onet-soc": [(AM, "rg:onetSocCode", "Pattern", "Code-onetSocCode")],
    "code-isco": [(AM, "rg:iscoCode", "Pattern", "Code-iscoCode")],
    "code-isco-datatype": [(AM, "rg:iscoCode", "Datatype", "Code-iscoCode")],
    "code-esco": [(AM, "rg:escoCode", "Pattern", "Code-escoCode")],
    "code-esco-concept": [("skill:negotiation", "rg:escoConcept", "Pattern", "Code-escoConcept")],
    # skill.ttl
    "skill-preflabel": [
        ("skill:negotiation", "skos:prefLabel", "QualifiedMinCount", "Skill-prefLabel")
    ],
    "skill-category": [("skill:negotiation", "rg:skillCategory", "Class", "Skill-skillCategory")],
    "skill-type": [("skill:negotiation", "rg:skillType", "In", "Skill-skillType")],
    "skill-reuse-level": [("skill:negotiation", "rg:reuseLevel", "MaxCount", "Skill-reuseLevel")],
    # skill-requirement.ttl
    "requirement-skill": [(REQ, "rg:skill", "MinCount", "SkillRequirement-skill")],
    "requirement-role": [
        (REQ, "^rg:qualifiedSkillRequirement", "MinCount", "SkillRequirement-role")
    ],
    "requirement-strength": [(REQ, "rg:strength", "In", "SkillRequirement-strength")],
    "requirement-importance": [
        (REQ, "rg:importance", "MaxInclusive", "SkillRequirement-importance")
    ],
    "requirement-level": [(REQ, "rg:level", "MinInclusive", "SkillRequirement-level")],
    # responsibility.ttl, tool.ttl, industry.ttl, collaborator-group.ttl, certification.ttl
    "responsibility-preflabel": [
        (
            "resp:resolve-client-issues",
            "skos:prefLabel",
            "QualifiedMinCount",
            "Responsibility-prefLabel",
        )
    ],
    "tool-preflabel": [
        ("tool:crm-software", "skos:prefLabel", "QualifiedMinCount", "Tool-prefLabel")
    ],
    "industry-preflabel": [
        ("industry:advertising", "skos:prefLabel", "QualifiedMinCount", "Industry-prefLabel")
    ],
    "collaborator-group-preflabel": [
        ("group:sales-teams", "skos:prefLabel", "QualifiedMinCount", "CollaboratorGroup-prefLabel")
    ],
    "certification-preflabel": [
        ("cert:pmp", "skos:prefLabel", "QualifiedMinCount", "Certification-prefLabel")
    ],
    # qualification.ttl
    "qualification-preflabel": [
        (QUAL, "skos:prefLabel", "QualifiedMinCount", "Qualification-prefLabel")
    ],
    "qualification-requirement-level": [
        (QUAL, "rg:requirementLevel", "In", "Qualification-requirementLevel")
    ],
    "qualification-education-level": [
        (QUAL, "rg:educationLevel", "Class", "EducationQualification-educationLevel")
    ],
    "qualification-field-of-study": [
        (QUAL, "rg:fieldOfStudy", "NodeKind", "EducationQualification-fieldOfStudy")
    ],
    "qualification-experience": [
        (
            "qual:account-manager-sales-experience",
            "rg:experienceMonths",
            "MinInclusive",
            "ExperienceQualification-experienceMonths",
        )
    ],
    "qualification-certification-missing": [
        (
            "qual:project-manager-pmp",
            "rg:certification",
            "MinCount",
            "CertificationQualification-certification",
        )
    ],
    "qualification-certification-undeclared": [
        (
            "qual:project-manager-pmp",
            "rg:certification",
            "Class",
            "CertificationQualification-certification",
        )
    ],
    # salary.ttl
    "salary-currency-pattern": [(SALARY, "rg:currency", "Pattern", "Salary-currency")],
    "salary-currency-missing": [(SALARY, "rg:currency", "MinCount", "Salary-currency")],
    "salary-period": [(SALARY, "rg:period", "MinCount", "Salary-period")],
    "salary-region": [(SALARY, "rg:region", "Class", "Salary-region")],
    "salary-year": [(SALARY, "rg:year", "Datatype", "Salary-year")],
    "salary-source": [(SALARY, "rg:source", "MinCount", "Salary-source")],
    "salary-amounts-datatype": [
        (SALARY, f"rg:{p}", "Datatype", f"Salary-{p}")
        for p in (
            "minValue",
            "maxValue",
            "percentile10",
            "percentile25",
            "median",
            "percentile75",
            "percentile90",
            "mean",
        )
    ],
    "salary-amount-positive": [(SALARY, "rg:median", "MinExclusive", "Salary-median")],
    "salary-range": [(SALARY, "rg:minValue", "LessThanOrEquals", "Salary-range")],
    "salary-percentile10-order": [
        (SALARY, "rg:percentile10", "LessThanOrEquals", "Salary-percentile10-order")
    ],
    "salary-percentile25-order": [
        (SALARY, "rg:percentile25", "LessThanOrEquals", "Salary-percentile25-order")
    ],
    "salary-median-order": [(SALARY, "rg:median", "LessThanOrEquals", "Salary-median-order")],
    "salary-percentile75-order": [
        (SALARY, "rg:percentile75", "LessThanOrEquals", "Salary-percentile75-order")
    ],
    # region.ttl
    "region": [("region:US", "rg:regionCode", "Pattern", "Region-regionCode")],
    # move.ttl
    "move-from-role": [(MOVE, "rg:fromRole", "MinCount", "CareerMove-fromRole")],
    "move-to-role": [(MOVE, "rg:toRole", "Class", "CareerMove-toRole")],
    "move-distinct-roles": [(MOVE, "rg:fromRole", "Disjoint", "CareerMove-distinctRoles")],
    "move-kind": [(MOVE, "rg:moveKind", "In", "CareerMove-moveKind")],
    "move-score": [(MOVE, "rg:score", "MaxInclusive", "CareerMove-score")],
    "move-method": [(MOVE, "rg:method", "Datatype", "CareerMove-method")],
    "move-source": [(MOVE, "rg:source", "Class", "CareerMove-source")],
    "move-passage": [(MOVE, "rg:passage", "Class", "CareerMove-passage")],
    "move-stated-and-derived": [(MOVE, None, "Not", "StatedMoveShape")],
    "move-stated-source": [(MOVE, "rg:source", "MinCount", "StatedMove-source")],
    "move-derived-method": [(MOVE, "rg:method", "MinCount", "DerivedMove-method")],
    "move-derived-score": [(MOVE, "rg:score", "MinCount", "DerivedMove-score")],
    # skill-mapping.ttl, technology.ttl, work-activity.ttl
    "skill-mapping-skill": [(MAPPING, "rg:mappedSkill", "MinCount", "SkillMapping-mappedSkill")],
    "skill-mapping-target": [
        (MAPPING, "rg:mappingTarget", "NodeKind", "SkillMapping-mappingTarget")
    ],
    "skill-mapping-relation": [
        (MAPPING, "rg:mappingRelation", "In", "SkillMapping-mappingRelation")
    ],
    "skill-mapping-score": [(MAPPING, "rg:score", "MaxInclusive", "SkillMapping-score")],
    "skill-mapping-method": [(MAPPING, "rg:method", "MinCount", "SkillMapping-method")],
    "technology-preflabel": [
        (TECHNOLOGY, "skos:prefLabel", "QualifiedMaxCount", "Technology-prefLabel")
    ],
    "work-activity-preflabel": [
        (ACTIVITY, "skos:prefLabel", "QualifiedMinCount", "WorkActivity-prefLabel")
    ],
    "move-derived-source": [(MOVE, "rg:source", "MinCount", "DerivedMove-source")],
    # progression.ttl
    "progression-self": [(AM, "rg:progressesTo", "SPARQL", "SelfProgressionShape")],
    "progression-cycle": [
        (AM, "rg:promotesTo", "SPARQL", "PromotionCycleShape"),
        (SAM, "rg:promotesTo", "SPARQL", "PromotionCycleShape"),
        ("role:account-director", "rg:promotesTo", "SPARQL", "PromotionCycleShape"),
    ],
    "progression-promotion-not-progression": [
        (AM, "rg:promotesTo", "SPARQL", "PromotionProgressionShape")
    ],
    # passage.ttl
    "passage-quote": [(INTRO, "rg:quote", "MinCount", "Passage-quote")],
    "passage-source": [(INTRO, "rg:source", "MaxCount", "Passage-source")],
    "passage-section": [(INTRO, "rg:section", "MaxCount", "Passage-section")],
    "passage-supports": [(INTRO, "rg:supports", "Class", "Passage-supports")],
    "statement-subject": [(STATEMENT, "rdf:subject", "MinCount", "Statement-subject")],
    "statement-predicate": [(STATEMENT, "rdf:predicate", "NodeKind", "Statement-predicate")],
    "statement-object": [(STATEMENT, "rdf:object", "MaxCount", "Statement-object")],
    # provenance.ttl
    "provenance": [(AM, "rg:requiresSkill", "SPARQL", "DocumentedRoleProvenanceShape")],
}

#: Fixtures whose results are warnings: reported, but the data still conforms.
WARNINGS: dict[str, str] = {"role-imported-without-skill": "Warning"}


#: Invalid fixture -> the valid fixtures that meet the same rule (at least one of them has a
#: triple on the rule's path, so the rule is exercised, not just vacuously met).
VALID_PAIRS: dict[str, list[str]] = {
    "role-preflabel-missing": ["role-preflabel"],
    "role-preflabel-twice": ["role-preflabel"],
    "role-definition": ["role-definition"],
    "role-requires-skill-missing": ["role-requires-skill"],
    "role-imported-without-skill": ["role-responsibility-imported"],
    "role-requires-skill-undeclared": ["role-requires-skill"],
    "role-responsibility-missing": ["role-requires-skill", "role-responsibility-imported"],
    "role-responsibility-undeclared": ["role-requires-skill"],
    "role-qualification": ["role-qualification"],
    "role-qualified-skill-requirement": ["role-qualified-skill-requirement"],
    "role-tool": ["role-tool"],
    "role-industry": ["role-industry"],
    "role-works-with": ["role-works-with"],
    "role-focus": ["role-focus"],
    "role-scope": ["role-scope"],
    "role-communication": ["role-communication"],
    "role-seniority": ["role-seniority"],
    "role-job-zone": ["role-job-zone"],
    "role-regulated-profession": ["role-regulated-profession"],
    "role-salary": ["role-salary"],
    "role-progresses-to": ["role-progresses-to"],
    "role-promotes-to": ["role-promotes-to"],
    "role-source": ["role-source"],
    "role-imported-from": ["role-imported-from"],
    "code-onet-soc": ["code-all"],
    "code-isco": ["code-all"],
    "code-isco-datatype": ["code-all"],
    "code-esco": ["code-all"],
    "code-esco-concept": ["code-esco-concept"],
    "skill-preflabel": ["skill-preflabel"],
    "skill-category": ["skill-category"],
    "skill-type": ["skill-type"],
    "skill-reuse-level": ["skill-reuse-level"],
    "requirement-skill": ["requirement-all"],
    "requirement-role": ["requirement-all"],
    "requirement-strength": ["requirement-all"],
    "requirement-importance": ["requirement-all"],
    "requirement-level": ["requirement-all"],
    "responsibility-preflabel": ["responsibility-preflabel"],
    "tool-preflabel": ["tool-preflabel"],
    "industry-preflabel": ["industry-preflabel"],
    "collaborator-group-preflabel": ["collaborator-group-preflabel"],
    "certification-preflabel": ["certification-preflabel"],
    "qualification-preflabel": ["qualification-all"],
    "qualification-requirement-level": ["qualification-all"],
    "qualification-education-level": ["qualification-all"],
    "qualification-field-of-study": ["qualification-all"],
    "qualification-experience": ["qualification-experience"],
    "qualification-certification-missing": ["qualification-certification"],
    "qualification-certification-undeclared": ["qualification-certification"],
    "salary-currency-pattern": ["salary-all"],
    "salary-currency-missing": ["salary-all"],
    "salary-period": ["salary-all"],
    "salary-region": ["salary-all"],
    "salary-year": ["salary-all"],
    "salary-source": ["salary-all"],
    "salary-amounts-datatype": ["salary-all"],
    "salary-amount-positive": ["salary-all"],
    "salary-range": ["salary-all", "salary-range-only"],
    "salary-percentile10-order": ["salary-all"],
    "salary-percentile25-order": ["salary-all"],
    "salary-median-order": ["salary-all"],
    "salary-percentile75-order": ["salary-all"],
    "region": ["region"],
    "move-from-role": ["move-stated"],
    "move-to-role": ["move-stated"],
    "move-distinct-roles": ["move-stated", "move-derived"],
    "move-kind": ["move-stated"],
    "move-score": ["move-derived"],
    "move-method": ["move-derived"],
    "move-source": ["move-derived"],
    "move-passage": ["move-stated"],
    "move-stated-and-derived": ["move-stated", "move-derived"],
    "move-stated-source": ["move-stated"],
    "move-derived-method": ["move-derived"],
    "move-derived-score": ["move-derived"],
    "skill-mapping-skill": ["skill-mapping"],
    "skill-mapping-target": ["skill-mapping"],
    "skill-mapping-relation": ["skill-mapping"],
    "skill-mapping-score": ["skill-mapping"],
    "skill-mapping-method": ["skill-mapping"],
    "technology-preflabel": ["technology-preflabel"],
    "work-activity-preflabel": ["work-activity-preflabel"],
    "move-derived-source": ["move-derived"],
    "progression-self": ["progression"],
    "progression-cycle": ["progression"],
    "progression-promotion-not-progression": ["progression"],
    "passage-quote": ["passage"],
    "passage-source": ["passage"],
    "passage-section": ["passage"],
    "passage-supports": ["passage"],
    "statement-subject": ["passage"],
    "statement-predicate": ["passage"],
    "statement-object": ["passage"],
    "provenance": ["provenance", "provenance-unquoted-source"],
}

#: Values the results of some invalid fixtures must carry (value as a prefixed name or literal).
EXPECTED_VALUES: dict[str, list[str]] = {
    "progression-self": [AM],
    "progression-cycle": [SAM, "role:account-director", AM],
    "move-distinct-roles": [AM],
    "provenance": ["skill:negotiation"],
    "salary-range": ["90000.0"],
}


def expand(name: str) -> str:
    """A full IRI for a prefixed name as written in the tables above."""
    if name.startswith("^"):
        return f"^<{expand(name[1:])}>"
    prefix, _, local = name.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return f"{PREFIXES[prefix]}{local}"
    return name


def load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def found(report: ValidationReport) -> set[Expected]:
    return {(r.focus_node, r.path, r.constraint, r.shape) for r in report.results}


def wanted(rows: list[Expected]) -> set[Expected]:
    return {
        (
            expand(focus),
            expand(path) if path is not None else None,
            f"{SH}{constraint}ConstraintComponent",
            f"{SHAPES}{shape}",
        )
        for focus, path, constraint, shape in rows
    }


def test_fixture_lists_are_complete() -> None:
    assert VALID, "no valid fixtures found"
    assert INVALID, "no invalid fixtures found"
    assert {p.stem for p in INVALID} == set(EXPECTED)


def test_every_rule_has_a_valid_counterpart() -> None:
    assert set(VALID_PAIRS) == set(EXPECTED)
    paired = {stem for stems in VALID_PAIRS.values() for stem in stems}
    assert paired == {p.stem for p in VALID}
    for stem, rows in EXPECTED.items():
        graphs = [load(FIXTURES / "valid" / f"{v}.ttl") for v in VALID_PAIRS[stem]]
        for _, path, _, _ in rows:
            if path is None:
                continue
            predicate = URIRef(expand(path.lstrip("^")))
            assert any((None, predicate, None) in g for g in graphs), f"{stem}: no {path} triple"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_conforms(path: Path) -> None:
    report = validate(load(path))
    assert report.conforms, report.to_text()
    assert report.results == (), report.to_text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_reports_exactly(path: Path) -> None:
    report = validate(load(path))
    expected_severity = WARNINGS.get(path.stem, "Violation")
    assert report.conforms is (expected_severity != "Violation")
    assert found(report) == wanted(EXPECTED[path.stem]), report.to_text()
    assert all(r.severity == expected_severity and r.message for r in report.results)
    if path.stem in EXPECTED_VALUES:
        values = sorted(r.value or "" for r in report.results)
        assert values == sorted(expand(v) for v in EXPECTED_VALUES[path.stem])


def _rule_shapes(shapes: Graph) -> set[str]:
    """Shapes that carry constraints of their own: property shapes and node shapes with sh:sparql
    or sh:not."""
    rules = {str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    for predicate in (SH.sparql, SH["not"]):
        rules |= {str(s) for s in shapes.subjects(predicate, None)}
    return rules


def test_every_rule_has_an_invalid_fixture() -> None:
    covered = {f"{SHAPES}{row[3]}" for rows in EXPECTED.values() for row in rows}
    assert _rule_shapes(load_shapes()) - covered == set()


def test_property_shapes_are_named_and_documented() -> None:
    shapes = load_shapes()
    for subject in set(shapes.subjects(SH.path, None)):
        if (None, SH.qualifiedValueShape, subject) in shapes:
            continue
        assert isinstance(subject, URIRef), f"property shape without an IRI: {subject}"
        for predicate in (SH.name, SH.message, SH.severity):
            assert shapes.value(subject, predicate) is not None, f"{subject} lacks {predicate}"
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None
    for shape in shapes.subjects(SH.sparql, None):
        assert shapes.value(shape, SH.severity) is not None


def test_property_shapes_carry_their_own_targets() -> None:
    """pyshacl checks a property shape with a target of its own once for all its focus nodes, but
    one hung off a node shape through sh:property once per focus node: about five times slower."""
    shapes = load_shapes()
    assert not set(shapes.objects(None, SH.property))
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert any(shapes.value(shape, t) is not None for t in targets), f"{shape} has no target"
        assert shapes.value(shape, SH.group) is not None, f"{shape} has no sh:group"


def test_shapes_conform_to_shacl_for_shacl() -> None:
    shsh = Graph().parse(
        str(importlib.resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle"
    )
    report = validate(load_shapes(), ontology=Graph(), shapes=shsh)
    assert report.conforms, report.to_text()
    assert report.results == ()


def test_article_data_conforms() -> None:
    article = [p for p in builtin_data_paths() if p.name == "article.ttl"]
    assert article, "the article's data is not in the package (rolegraph/data/article.ttl)"
    report = validate(load(article[0]))
    assert report.conforms, report.to_text()


# --- the report API ---------------------------------------------------------------------------


def test_report_to_dict_is_json_ready() -> None:
    report = validate(load(FIXTURES / "invalid" / "role-responsibility-missing.ttl"))
    data = json.loads(json.dumps(report.to_dict()))
    assert data == {
        "conforms": False,
        "results": [
            {
                "focus_node": f"{ROLE}account-manager",
                "path": f"{RG}hasResponsibility",
                "value": None,
                "constraint": f"{SH}MinCountConstraintComponent",
                "shape": f"{SHAPES}AuthoredRole-hasResponsibility",
                "severity": "Violation",
                "message": "rg:hasResponsibility: a role that was not imported from a public "
                "taxonomy must have at least one responsibility.",
            }
        ],
    }


def test_report_text_uses_prefixed_names_within_80_columns() -> None:
    report = validate(load(FIXTURES / "invalid" / "progression-cycle.ttl"))
    text = report.to_text()
    assert text.startswith("Conforms: no (3 violations)\n")
    assert "Violation on role:account-manager" in text
    assert "rg:promotesTo" in text and "sh:SPARQLConstraintComponent" in text
    assert "rgsh:PromotionCycleShape" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert validate(load(VALID[0])).to_text() == "Conforms: yes\n"


def test_results_are_sorted_and_stable() -> None:
    graph = load(FIXTURES / "invalid" / "salary-amounts-datatype.ttl")
    first, second = validate(graph), validate(graph)
    assert first == second
    keys = [(r.focus_node, r.path or "", r.constraint) for r in first.results]
    assert keys == sorted(keys)


def test_warnings_do_not_break_conformance() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix rg: <https://w3id.org/rolegraph/ns#> .
        @prefix ex: <https://example.org/> .
        ex:DefinitionShape a sh:NodeShape ; sh:targetClass rg:Role ;
            sh:property ex:Role-definition .
        ex:Role-definition a sh:PropertyShape ;
            sh:path <http://www.w3.org/2004/02/skos/core#definition> ;
            sh:minCount 1 ; sh:severity sh:Warning ; sh:message "add a definition" .
        """,
        format="turtle",
    )
    report = validate(load(FIXTURES / "valid" / "role-requires-skill.ttl"), shapes=shapes)
    assert report.conforms
    assert [(r.severity, r.message) for r in report.results] == [("Warning", "add a definition")]
    assert report.to_text().startswith("Conforms: yes (1 warning)\n")


def test_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    dataset = Dataset()
    role = URIRef(f"{ROLE}account-manager")
    for triple in load(FIXTURES / "valid" / "role-requires-skill.ttl"):
        graph = "labels" if triple[1] != RG.hasResponsibility else "duties"
        dataset.graph(URIRef(f"https://example.org/{graph}")).add(triple)
    assert validate(dataset).conforms
    assert (role, RG.hasResponsibility, None) in dataset.graph(URIRef("https://example.org/duties"))


def test_data_is_not_modified_and_blank_nodes_are_named() -> None:
    graph = load(FIXTURES / "invalid" / "passage-supports.ttl")
    before = set(graph)
    report = validate(graph)
    assert set(graph) == before
    statement = next(o for o in graph.objects(None, RG.supports) if isinstance(o, BNode))
    assert [r.value for r in report.results] == [f"_:{statement}"]


def test_literals_typed_xsd_string_count_as_plain() -> None:
    graph = load(FIXTURES / "valid" / "region.ttl")
    for s, p, o in list(graph.triples((None, RG.regionCode, None))):
        graph.remove((s, p, o))
        graph.add((s, p, Literal(str(o), datatype=XSD_STRING)))
    assert validate(graph).results == ()


def test_unusable_shapes_raise_input_error() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/Broken> a sh:NodeShape ;
            sh:targetClass <https://w3id.org/rolegraph/ns#Role> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .
        """,
        format="turtle",
    )
    with pytest.raises(InputError):
        validate(load(FIXTURES / "valid" / "role-requires-skill.ttl"), shapes=shapes)


def test_result_is_a_frozen_value() -> None:
    result = ValidationResult("f", None, None, "c", "s", "Violation", "m")
    with pytest.raises(AttributeError):
        result.message = "changed"  # type: ignore[misc]
