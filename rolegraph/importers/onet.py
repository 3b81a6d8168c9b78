"""Import the O*NET database (releases 29.x and 30.x) from its official tab-separated text files.

What becomes what (IRIs under ``https://w3id.org/rolegraph/id/onet/``):

* ``Occupation Data.txt`` -> ``rg:Role`` ``onet/occupation/{code}`` (title, description,
  ``rg:onetSocCode``); ``Alternate Titles.txt`` -> ``skos:altLabel`` (alternate and short titles);
* ``Skills.txt`` / ``Knowledge.txt`` -> ``rg:Skill`` ``onet/element/{element id}`` and, per rated
  pair, a ``rg:SkillRequirement`` ``id/requirement/onet/{code}--{element id}`` carrying
  ``rg:importance`` = (IM - 1) / 4 and ``rg:level`` = LV / 7, both rounded to 4 decimals;
* ``Task Statements.txt`` -> ``rg:Responsibility`` ``onet/task/{task id}`` (``skos:scopeNote`` Core
  or Supplemental);
* ``Technology Skills.txt`` -> one ``rg:Tool`` per UNSPSC commodity ``onet/tool/{commodity code}``,
  its example products as ``skos:example`` and the Hot Technology / In Demand flags as
  ``skos:note`` ("hot technology: X", "in demand: X");
* ``Job Zones.txt`` -> ``rg:jobZone`` and ``rg:seniority`` (zone n -> the level with notation n:
  entry, junior, mid, senior, executive);
* ``Education, Training, and Experience.txt`` -> the most common answer (highest Data Value, ties
  to the lower category) of Required Level of Education (RL) as an ``rg:EducationQualification``
  and of Related Work Experience (RW) as an ``rg:ExperienceQualification``, both
  ``rg:Required``, at ``onet/qualification/{code}/education`` and ``.../experience``.
* ``Technology Skills.txt`` also -> one ``rg:Technology`` per named example
  ``onet/technology/{slug}`` (Python, Microsoft Excel), in its commodity's
  ``rg:technologyCategory``, ``rg:hotTechnology`` where O*NET marks it, used by the occupation
  (``rg:usesTechnology``);
* ``DWA Reference.txt`` / ``IWA Reference.txt`` -> ``rg:WorkActivity`` ``onet/activity/{id}``
  (``skos:broader`` up the DWA -> IWA -> GWA tree); ``Tasks to DWAs.txt`` ->
  ``rg:performsActivity``;
* ``Sample of Reported Titles.txt`` -> further ``skos:altLabel`` (deduplicated with the alternate
  titles); ``Content Model Reference.txt`` -> the ``skos:definition`` of each rated element;
* an occupation O*NET does not rate gets an inferred profile: the mean ratings of the rated
  occupations whose work activities are most alike (else of its SOC group, else of the most alike
  titles), each requirement with ``rg:method``, ``rg:evidence`` and ``rg:source``.

One module for one release: each file is a small method of :class:`OnetImporter`, and they share
what the importer has read so far (the occupations, their titles, the rated elements), which is
why it runs over 500 lines.

O*NET rates every element for every occupation it surveys, so a requirement node is kept for
every rated pair, but the ``rg:requiresSkill`` shortcut is asserted only where importance is at
least 3.0 of 5 ("important"); on those, ``rg:strength`` is ``rg:Essential`` from 3.5 up ("very
important" in half-point rounding) and ``rg:Optional`` below. A pair rated below 3.0 keeps its
importance and level but has no strength: the occupation does not require the element. A level
the file marks Not Relevant is left out. Ratings flagged Recommend Suppress are kept and counted.
With ``keep_unimportant=False`` the pairs below the threshold are left out altogether, so that
every requirement node has its shortcut.

Skill categories of the elements (longest element-id prefix wins):

=========================================================  ==================================
O*NET element                                              rolegraph category
=========================================================  ==================================
2.A.1.a Reading Comprehension, 2.A.1.e Mathematics,        rg:AnalyticalSkills
2.A.1.f Science, 2.A.2 process skills (Critical Thinking,
Active Learning, Learning Strategies, Monitoring),
2.B.2 Complex Problem Solving, 2.B.4 Systems Skills
2.A.1.b Active Listening, 2.A.1.c Writing, 2.A.1.d          rg:InterpersonalSkills
Speaking, 2.B.1 Social Skills
2.B.3 Technical Skills                                     rg:TechnicalSkills
2.B.5 Resource Management Skills (time, financial,         rg:OrganisationalSkills
material resources)
2.B.5.d Management of Personnel Resources                  rg:LeadershipSkills
2.C Knowledge                                              rg:KnowledgeAreas
2.C.1.c Economics and Accounting, 2.C.1.d Sales and        rg:KnowledgeAreas and
Marketing, 2.C.1.e Customer and Personal Service           rg:BusinessSkills
=========================================================  ==================================

Education levels (RL category -> rg:EducationLevel): 1 less than high school ->
LessThanHighSchool; 2 high school -> HighSchool; 3 post-secondary certificate and 4 some college
courses -> PostSecondaryCertificate; 5 associate's -> AssociatesDegree; 6 bachelor's and
7 post-baccalaureate certificate -> BachelorsDegree; 8 master's and 9 post-master's certificate
-> MastersDegree; 10 first professional, 11 doctoral and 12 post-doctoral training ->
DoctoralDegree.

Related work experience (RW category -> ``rg:experienceMonths``, the midpoint of the range):
2 up to 1 month -> 0.5; 3 1-3 months -> 2; 4 3-6 months -> 4.5; 5 6-12 months -> 9;
6 1-2 years -> 18; 7 2-4 years -> 36; 8 4-6 years -> 60; 9 6-8 years -> 84; 10 8-10 years -> 108;
11 over 10 years -> 120 (the lower bound: the range is open). Category 1 (none) adds no
qualification and is counted instead.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from rolegraph.errors import InputError
from rolegraph.importers.base import (
    BaseImporter,
    LiteralCache,
    SourceInfo,
    Table,
    Triple,
    decimal_literal,
    finite_decimal,
)
from rolegraph.vocab import ID, ONET, RG

ONET_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

OCCUPATION_DATA = "Occupation Data.txt"
FILES = {
    "occupations": OCCUPATION_DATA,
    "alternate titles": "Alternate Titles.txt",
    "job zones": "Job Zones.txt",
    "education": "Education, Training, and Experience.txt",
    "skills": "Skills.txt",
    "knowledge": "Knowledge.txt",
    "tasks": "Task Statements.txt",
    "technology": "Technology Skills.txt",
    "reported titles": "Sample of Reported Titles.txt",
    "iwa reference": "IWA Reference.txt",
    "dwa reference": "DWA Reference.txt",
    "work activities": "Tasks to DWAs.txt",
    "content model": "Content Model Reference.txt",
}
CODE = "O*NET-SOC Code"

REQUIRES_THRESHOLD = Decimal("3.0")
ESSENTIAL_THRESHOLD = Decimal("3.5")

CATEGORY_BY_ELEMENT: dict[str, tuple[URIRef, ...]] = {
    "2.A.1.a": (RG.AnalyticalSkills,),
    "2.A.1.b": (RG.InterpersonalSkills,),
    "2.A.1.c": (RG.InterpersonalSkills,),
    "2.A.1.d": (RG.InterpersonalSkills,),
    "2.A.1.e": (RG.AnalyticalSkills,),
    "2.A.1.f": (RG.AnalyticalSkills,),
    "2.A.2": (RG.AnalyticalSkills,),
    "2.B.1": (RG.InterpersonalSkills,),
    "2.B.2": (RG.AnalyticalSkills,),
    "2.B.3": (RG.TechnicalSkills,),
    "2.B.4": (RG.AnalyticalSkills,),
    "2.B.5": (RG.OrganisationalSkills,),
    "2.B.5.d": (RG.LeadershipSkills,),
    "2.C": (RG.KnowledgeAreas,),
    "2.C.1.c": (RG.KnowledgeAreas, RG.BusinessSkills),
    "2.C.1.d": (RG.KnowledgeAreas, RG.BusinessSkills),
    "2.C.1.e": (RG.KnowledgeAreas, RG.BusinessSkills),
}

SENIORITY_BY_ZONE = {
    1: RG.EntryLevel,
    2: RG.JuniorLevel,
    3: RG.MidLevel,
    4: RG.SeniorLevel,
    5: RG.ExecutiveLevel,
}

EDUCATION = {
    1: (RG.LessThanHighSchool, "Less than a high school diploma"),
    2: (RG.HighSchool, "High school diploma or equivalent"),
    3: (RG.PostSecondaryCertificate, "Post-secondary certificate"),
    4: (RG.PostSecondaryCertificate, "Some college courses"),
    5: (RG.AssociatesDegree, "Associate's degree"),
    6: (RG.BachelorsDegree, "Bachelor's degree"),
    7: (RG.BachelorsDegree, "Post-baccalaureate certificate"),
    8: (RG.MastersDegree, "Master's degree"),
    9: (RG.MastersDegree, "Post-master's certificate"),
    10: (RG.DoctoralDegree, "First professional degree"),
    11: (RG.DoctoralDegree, "Doctoral degree"),
    12: (RG.DoctoralDegree, "Post-doctoral training"),
}

EXPERIENCE = {
    1: (None, "None"),
    2: (Decimal("0.5"), "Up to and including 1 month"),
    3: (Decimal("2"), "Over 1 month, up to and including 3 months"),
    4: (Decimal("4.5"), "Over 3 months, up to and including 6 months"),
    5: (Decimal("9"), "Over 6 months, up to and including 1 year"),
    6: (Decimal("18"), "Over 1 year, up to and including 2 years"),
    7: (Decimal("36"), "Over 2 years, up to and including 4 years"),
    8: (Decimal("60"), "Over 4 years, up to and including 6 years"),
    9: (Decimal("84"), "Over 6 years, up to and including 8 years"),
    10: (Decimal("108"), "Over 8 years, up to and including 10 years"),
    11: (Decimal("120"), "Over 10 years"),
}

_FOUR = Decimal("0.0001")
_ONE, _FIVE, _SEVEN = Decimal(1), Decimal(5), Decimal(7)
_REQUIREMENT = str(ID["requirement/onet/"])
_TYPE = RDF.type
_QUALIFIED = RG.qualifiedSkillRequirement
_SKILL_REQUIREMENT = RG.SkillRequirement
_SKILL = RG.skill
_IMPORTANCE = RG.importance
_LEVEL = RG.level
_STRENGTH = RG.strength
_REQUIRES = RG.requiresSkill
_ESSENTIAL = RG.Essential
_OPTIONAL = RG.Optional
_ALT_LABEL, _EXAMPLE = SKOS.altLabel, SKOS.example
_RESPONSIBILITY, _USES_TOOL = RG.hasResponsibility, RG.usesTool
#: How many rated occupations an unrated occupation's profile is inferred from.
INFER_NEIGHBOURS = 5
#: How many of an inferred profile's most important elements are kept as requirements when none
#: reaches the importance threshold.
INFER_FALLBACK = 5
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[a-z]+")
_STOP_WORDS = frozenset(["and", "the", "for", "all", "other", "except", "with", "from", "into"])
_README_RELEASE = re.compile(r"O\*NET\s+(\d+\.\d+)\s+Database", re.IGNORECASE)
_DIR_RELEASE = re.compile(r"(?<!\d)(\d{2})[._](\d)(?!\d)")


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (``Microsoft Excel`` -> ``microsoft-excel``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:120]


def categories_for_element(element_id: str) -> tuple[URIRef, ...]:
    parts = element_id.split(".")
    for n in range(len(parts), 0, -1):
        found = CATEGORY_BY_ELEMENT.get(".".join(parts[:n]))
        if found is not None:
            return found
    return ()


def scale_importance(value: Decimal) -> Decimal:
    """O*NET importance 1..5 -> 0..1."""
    return ((value - 1) / 4).quantize(_FOUR)


def scale_level(value: Decimal) -> Decimal:
    """O*NET level 0..7 -> 0..1."""
    return (value / 7).quantize(_FOUR)


class OnetImporter(BaseImporter):
    """O*NET occupations with their ratings, tasks, tools, job zones and qualifications."""

    name = "onet"

    def __init__(
        self,
        path: Path,
        *,
        release: str | None = None,
        requires_threshold: float | Decimal = REQUIRES_THRESHOLD,
        essential_threshold: float | Decimal = ESSENTIAL_THRESHOLD,
        keep_unimportant: bool = True,
    ) -> None:
        if not path.is_dir():
            raise InputError("not a directory of O*NET text files", file=path)
        if not (path / OCCUPATION_DATA).is_file():
            hint = ""
            if (path / "Occupation Data.xlsx").is_file():
                hint = " (this looks like the Excel download; use the text download)"
            raise InputError(
                f"not an O*NET text database: {OCCUPATION_DATA!r} is missing{hint}", file=path
            )
        detected = release or detect_release(path)
        super().__init__(
            detected,
            SourceInfo(
                title=f"O*NET {detected} Database",
                publisher=(
                    "National Center for O*NET Development, for USDOL Employment and "
                    "Training Administration"
                ),
                license=ONET_LICENSE,
                attribution=(
                    f"This data includes information from the O*NET {detected} Database by the "
                    "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). "
                    "Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA."
                ),
                homepage="https://www.onetcenter.org/database.html",
                issued=_release_date(path),
            ),
        )
        self.directory = path
        self.requires_threshold = Decimal(str(requires_threshold))
        self.essential_threshold = Decimal(str(essential_threshold))
        self.keep_unimportant = keep_unimportant
        self.tables: dict[str, Table] = {}
        for key, name in FILES.items():
            file = path / name
            if file.is_file():
                self.tables[key] = Table(file, delimiter="\t", quoting=False)
            else:
                self.notes.append(f"no {name!r} in {path}; its content is not imported")
        self.tables["occupations"].require(CODE, "Title", "Description")

    def total_rows(self) -> int:
        return sum(t.lines() for t in self.tables.values())

    # ----------------------------------------------------------------------------------------

    def _generate(self) -> Iterator[Triple]:
        self._lits = LiteralCache()
        self._roles: dict[str, URIRef] = {}
        self._titles: dict[str, str] = {}
        self._rated: set[str] = set()
        self._ratings_kept: dict[str, dict[str, tuple[Decimal | None, Decimal | None]]] = {}
        self._activities: dict[str, set[str]] = {}
        self._titles_seen: set[tuple[str, str]] = set()
        self._activity_titles: dict[str, str] = {}
        self._alt_titles: dict[str, list[str]] = {}
        self._decimals: dict[tuple[Decimal, bool], Literal] = {}
        self._element_iris: dict[str, URIRef] = {}
        self._pairs = self._links = self._dropped = 0
        counts = self.report.counts
        for key in (
            "occupations",
            "skill elements",
            "knowledge elements",
            "rated pairs",
            "skill links",
        ):
            counts[key] = 0
        yield from self._occupations(self.tables["occupations"])
        steps = (
            ("alternate titles", self._alternate_titles),
            ("job zones", self._job_zones),
            ("education", self._education),
            ("skills", self._ratings),
            ("knowledge", self._ratings),
            ("tasks", self._tasks),
            ("technology", self._technology),
            ("reported titles", self._reported_titles),
            ("iwa reference", self._activity_reference),
            ("dwa reference", self._activity_reference),
            ("work activities", self._work_activities),
            ("content model", self._element_definitions),
        )
        for key, step in steps:
            table = self.tables.get(key)
            if table is not None:
                yield from step(table, key)
        if "skills" in self.tables or "knowledge" in self.tables:
            unrated = [code for code in self._roles if code not in self._rated]
            for code in unrated:
                self.report.quirk(
                    "occupation without skill ratings (profile inferred)",
                    f"{code} {self._titles[code]}",
                )
            yield from self._inferred_profiles(unrated)

    def _role(self, table: Table, line: int, code: str) -> URIRef | None:
        role = self._roles.get(code)
        if role is None:
            self.report.quirk(
                "row for an occupation not in Occupation Data (skipped)",
                f"{table.path.name}:{line} {code}",
            )
        return role

    def _occupations(self, table: Table) -> Iterator[Triple]:
        c_code, c_title, c_desc = table.require(CODE, "Title", "Description")
        lits, source = self._lits, self.source_iri
        for line, row in self.rows(table):
            code = row[c_code].strip()
            if not code:
                self.report.quirk("row without O*NET-SOC code (skipped)", f"line {line}")
                continue
            if code in self._roles:
                self.report.quirk("duplicate occupation row (skipped)", code)
                continue
            if not self.input_code(code, table, line, CODE):
                continue
            role = self._roles[code] = ONET[f"occupation/{code}"]
            title = row[c_title].strip()
            self._titles[code] = title
            yield role, RDF.type, RG.Role
            yield role, SKOS.prefLabel, lits.lang(title, "en")
            description = row[c_desc].strip()
            if description and description != "n/a":
                yield role, SKOS.definition, lits.lang(description, "en")
            yield role, RG.onetSocCode, lits.plain(code)
            yield role, RG.importedFrom, source
        self.report.counts["occupations"] = len(self._roles)

    def _alternate_titles(self, table: Table, _key: str) -> Iterator[Triple]:
        c_code, c_alt = table.require(CODE, "Alternate Title")
        c_short = table.optional("Short Title")
        lits = self._lits
        n = 0
        for line, row in self.rows(table):
            code = row[c_code].strip()
            role = self._role(table, line, code)
            if role is None:
                continue
            for value in (row[c_alt], row[c_short] if c_short is not None else ""):
                value = value.strip()
                if not self._new_title(code, value):
                    continue
                self._alt_titles.setdefault(code, []).append(value)
                n += 1
                yield role, _ALT_LABEL, lits.lang(value, "en")
        self.report.counts["alternate titles"] = n

    def _new_title(self, code: str, value: str) -> bool:
        """Whether ``value`` is a title of ``code`` not given yet (its own title, an alternate or
        a reported one); a new one is remembered."""
        if not value or value == "n/a" or value == self._titles[code]:
            return False
        if (code, value) in self._titles_seen:
            return False
        self._titles_seen.add((code, value))
        return True

    def _job_zones(self, table: Table, _key: str) -> Iterator[Triple]:
        c_code, c_zone = table.require(CODE, "Job Zone")
        seen: set[str] = set()
        for line, row in self.rows(table):
            code = row[c_code].strip()
            role = self._role(table, line, code)
            if role is None:
                continue
            try:
                zone = int(row[c_zone])
            except ValueError:
                zone = 0
            if zone not in SENIORITY_BY_ZONE:
                self.report.quirk("job zone outside 1..5 (skipped)", f"{code} {row[c_zone]!r}")
                continue
            if code in seen:
                self.report.quirk("duplicate job zone row (skipped)", code)
                continue
            seen.add(code)
            yield role, RG.jobZone, Literal(zone)
            yield role, RG.seniority, SENIORITY_BY_ZONE[zone]
        self.report.counts["job zones"] = len(seen)

    def _education(self, table: Table, _key: str) -> Iterator[Triple]:
        c_code, c_scale, c_cat, c_value = table.require(CODE, "Scale ID", "Category", "Data Value")
        best: dict[tuple[str, str], tuple[Decimal, int]] = {}
        for line, row in self.rows(table):
            scale = row[c_scale].strip()
            if scale not in ("RL", "RW"):
                continue
            code = row[c_code].strip()
            if self._role(table, line, code) is None:
                continue
            try:
                category = int(row[c_cat])
                value = finite_decimal(row[c_value])
            except (ValueError, InvalidOperation):
                self.damaged(
                    "education/experience row with an unreadable value",
                    f"{table.path.name}:{line}",
                    file=table.path,
                    line=line,
                )
                continue
            known = EDUCATION if scale == "RL" else EXPERIENCE
            if category not in known:
                self.report.quirk(f"unknown {scale} category (skipped)", f"{code} {category}")
                continue
            key = (code, scale)
            current = best.get(key)
            if (
                current is None
                or value > current[0]
                or (value == current[0] and category < current[1])
            ):
                best[key] = (value, category)
        lits = self._lits
        education = experience = no_experience = 0
        for (code, scale), (value, category) in best.items():
            role = self._roles[code]
            share = f"{format(value.normalize(), 'f')}% of respondents"
            if scale == "RL":
                level, label = EDUCATION[category]
                q = ONET[f"qualification/{code}/education"]
                education += 1
                yield role, RG.hasQualification, q
                yield q, RDF.type, RG.EducationQualification
                yield q, SKOS.prefLabel, lits.lang(label, "en")
                yield q, RG.educationLevel, level
                yield q, RG.requirementLevel, RG.Required
                yield (
                    q,
                    SKOS.note,
                    Literal(
                        "Most common required level of education in O*NET "
                        f"(RL category {category}): {share}",
                        lang="en",
                    ),
                )
            else:
                months, label = EXPERIENCE[category]
                if months is None:
                    no_experience += 1
                    continue
                q = ONET[f"qualification/{code}/experience"]
                experience += 1
                yield role, RG.hasQualification, q
                yield q, RDF.type, RG.ExperienceQualification
                yield q, SKOS.prefLabel, lits.lang(f"{label} of related work experience", "en")
                yield q, RG.experienceMonths, decimal_literal(months)
                yield q, RG.requirementLevel, RG.Required
                yield (
                    q,
                    SKOS.note,
                    Literal(
                        "Most common related work experience in O*NET "
                        f"(RW category {category}): {share}",
                        lang="en",
                    ),
                )
        counts = self.report.counts
        counts["education qualifications"] = education
        counts["experience qualifications"] = experience
        counts["no related experience needed"] = no_experience

    def _element(self, element_id: str, name: str, key: str) -> Iterator[Triple]:
        element = ONET[f"element/{element_id}"]
        yield element, RDF.type, RG.Skill
        yield element, SKOS.prefLabel, self._lits.lang(name, "en")
        yield element, SKOS.notation, self._lits.plain(element_id)
        yield element, RG.skillType, RG.Knowledge if key == "knowledge" else RG.SkillCompetence
        categories = categories_for_element(element_id)
        for category in categories:
            yield element, RG.skillCategory, category
        if not categories:
            self.report.quirk("element without a skill category mapping", element_id)
        yield element, RG.importedFrom, self.source_iri

    def _ratings(self, table: Table, key: str) -> Iterator[Triple]:
        c_code, c_id, c_name, c_scale, c_value = table.require(
            CODE, "Element ID", "Element Name", "Scale ID", "Data Value"
        )
        c_suppress, c_relevant = (
            table.optional("Recommend Suppress"),
            table.optional("Not Relevant"),
        )
        report = self.report
        elements: set[str] = set()
        pending: dict[tuple[str, str], list[Decimal | None]] = {}
        cache: dict[str, Decimal] = {}
        rated = self._rated
        for line, row in self.rows(table):
            code, element_id, scale = row[c_code], row[c_id], row[c_scale]
            if scale != "IM" and scale != "LV":
                report.quirk(f"unknown Scale ID in {table.path.name} (skipped)", scale)
                continue
            if code not in self._roles:
                self._role(table, line, code)
                continue
            raw = row[c_value]
            value = cache.get(raw)
            if value is None:
                try:
                    value = cache[raw] = finite_decimal(raw)
                except InvalidOperation:
                    self.damaged(
                        f"rating with an unreadable Data Value {raw!r}",
                        f"{table.path.name}:{line} {raw!r}",
                        file=table.path,
                        line=line,
                    )
                    continue
            if element_id not in elements:
                if not self.input_code(element_id, table, line, "Element ID"):
                    continue
                elements.add(element_id)
                yield from self._element(element_id, row[c_name].strip(), key)
            if c_suppress is not None and row[c_suppress] == "Y":
                report.quirk(
                    "rating with Recommend Suppress = Y (kept)", f"{code} {element_id} {scale}"
                )
            pair = (code, element_id)
            slot = pending.get(pair)
            if slot is None:
                slot = pending[pair] = [None, None]
            if scale == "IM":
                slot[0] = value
            elif c_relevant is not None and row[c_relevant] == "Y":
                report.quirk("level marked Not Relevant (level left out)", f"{code} {element_id}")
                slot[1] = Decimal(-1)
            else:
                slot[1] = value
            if slot[0] is not None and slot[1] is not None:
                del pending[pair]
                rated.add(code)
                yield from self._requirement(code, element_id, slot[0], slot[1])
        for (code, element_id), (importance, level) in pending.items():
            rated.add(code)
            if importance is None:
                report.quirk("level without importance rating", f"{code} {element_id}")
            yield from self._requirement(code, element_id, importance, level)
        report.counts["skill elements" if key == "skills" else "knowledge elements"] = len(elements)
        report.counts["rated pairs"] = self._pairs
        report.counts["skill links"] = self._links
        if not self.keep_unimportant:
            report.counts["rated pairs below the threshold (left out)"] = self._dropped

    def _requirement(
        self, code: str, element_id: str, importance: Decimal | None, level: Decimal | None
    ) -> Iterator[Triple]:
        role = self._roles[code]
        element = self._element_iris.get(element_id)
        if element is None:
            element = self._element_iris[element_id] = ONET[f"element/{element_id}"]
        if importance is not None and not _ONE <= importance <= _FIVE:
            self.report.quirk("importance outside 1..5 (clamped)", f"{code} {element_id}")
            importance = min(max(importance, _ONE), _FIVE)
        self._ratings_kept.setdefault(code, {})[element_id] = (importance, level)
        self._pairs += 1
        if not self.keep_unimportant and (
            importance is None or importance < self.requires_threshold
        ):
            self._dropped += 1
            return
        req = URIRef(f"{_REQUIREMENT}{code}--{element_id}")
        yield role, _QUALIFIED, req
        yield req, _TYPE, _SKILL_REQUIREMENT
        yield req, _SKILL, element
        strength = None
        if importance is not None:
            yield req, _IMPORTANCE, self._decimal(importance, scale_importance)
            if importance >= self.requires_threshold:
                self._links += 1
                yield role, _REQUIRES, element
                strength = _ESSENTIAL if importance >= self.essential_threshold else _OPTIONAL
        if level is not None and level >= 0:
            if level > _SEVEN:
                self.report.quirk("level outside 0..7 (clamped)", f"{code} {element_id}")
                level = _SEVEN
            yield req, _LEVEL, self._decimal(level, scale_level)
        if strength is not None:
            yield req, _STRENGTH, strength

    def _decimal(self, raw: Decimal, scale: Callable[[Decimal], Decimal]) -> Literal:
        key = (raw, scale is scale_level)
        found = self._decimals.get(key)
        if found is None:
            found = self._decimals[key] = decimal_literal(scale(raw))
        return found

    def _tasks(self, table: Table, _key: str) -> Iterator[Triple]:
        c_code, c_id, c_task = table.require(CODE, "Task ID", "Task")
        c_type = table.optional("Task Type")
        lits, source = self._lits, self.source_iri
        tasks: dict[str, URIRef] = {}
        links: set[tuple[str, str]] = set()
        for line, row in self.rows(table):
            code = row[c_code].strip()
            role = self._role(table, line, code)
            if role is None:
                continue
            task_id = row[c_id].strip()
            task = tasks.get(task_id)
            if task is None:
                if not self.input_code(task_id, table, line, table.header[c_id]):
                    continue
                task = tasks[task_id] = ONET[f"task/{task_id}"]
                yield task, RDF.type, RG.Responsibility
                yield task, SKOS.prefLabel, lits.lang(row[c_task].strip(), "en")
                task_type = row[c_type].strip() if c_type is not None else ""
                if task_type and task_type != "n/a":
                    yield task, SKOS.scopeNote, lits.lang(task_type, "en")
                yield task, RG.importedFrom, source
            if (code, task_id) in links:
                self.report.quirk("duplicate task row (skipped)", f"{code} {task_id}")
                continue
            links.add((code, task_id))
            yield role, _RESPONSIBILITY, task
        self.report.counts["tasks"] = len(tasks)

    def _technology(self, table: Table, _key: str) -> Iterator[Triple]:
        c_code, c_example, c_commodity, c_title = table.require(
            CODE, "Example", "Commodity Code", "Commodity Title"
        )
        c_hot, c_demand = table.optional("Hot Technology"), table.optional("In Demand")
        lits, source = self._lits, self.source_iri
        self._technologies: dict[str, URIRef] = {}
        self._hot: set[str] = set()
        self._technology_uses: set[tuple[str, str]] = set()
        self._technology_links = 0
        tools: dict[str, URIRef] = {}
        examples: set[tuple[str, str]] = set()
        notes: set[tuple[str, str]] = set()
        uses: set[tuple[str, str]] = set()
        for line, row in self.rows(table):
            code = row[c_code].strip()
            role = self._role(table, line, code)
            if role is None:
                continue
            commodity = row[c_commodity].strip()
            if not commodity:
                self.report.quirk("technology row without commodity code (skipped)", code)
                continue
            tool = tools.get(commodity)
            if tool is None:
                if not self.input_code(commodity, table, line, table.header[c_commodity]):
                    continue
                tool = tools[commodity] = ONET[f"tool/{commodity}"]
                yield tool, RDF.type, RG.Tool
                yield tool, SKOS.prefLabel, lits.lang(row[c_title].strip(), "en")
                yield tool, SKOS.notation, lits.plain(commodity)
                yield tool, RG.importedFrom, source
            example = row[c_example].strip()
            if example and (commodity, example) not in examples:
                examples.add((commodity, example))
                yield tool, _EXAMPLE, lits.lang(example, "en")
            for column, prefix in ((c_hot, "hot technology"), (c_demand, "in demand")):
                if column is not None and row[column] == "Y" and example:
                    note = f"{prefix}: {example}"
                    if (commodity, note) not in notes:
                        notes.add((commodity, note))
                        yield tool, SKOS.note, lits.lang(note, "en")
            if (code, commodity) not in uses:
                uses.add((code, commodity))
                yield role, _USES_TOOL, tool
            if example:
                yield from self._technology_example(role, code, tool, example, c_hot, row)
        counts = self.report.counts
        counts["tools"] = len(tools)
        counts["tool examples"] = len(examples)
        counts["tool links"] = len(uses)
        counts["technologies"] = len(self._technologies)
        counts["technology links"] = self._technology_links

    def _technology_example(
        self,
        role: URIRef,
        code: str,
        tool: URIRef,
        example: str,
        c_hot: int | None,
        row: list[str],
    ) -> Iterator[Triple]:
        """One named product (Python, Microsoft Excel) as an ``rg:Technology`` of its commodity
        category, marked ``rg:hotTechnology`` where O*NET flags it, and used by ``role``."""
        technologies = self._technologies
        slug = _slug(example)
        if not slug:
            return
        technology = technologies.get(slug)
        if technology is None:
            technology = technologies[slug] = ONET[f"technology/{slug}"]
            yield technology, RDF.type, RG.Technology
            yield technology, SKOS.prefLabel, self._lits.lang(example, "en")
            yield technology, RG.technologyCategory, tool
            yield technology, RG.importedFrom, self.source_iri
        if c_hot is not None and row[c_hot] == "Y" and slug not in self._hot:
            self._hot.add(slug)
            yield technology, RG.hotTechnology, Literal(True)
        if (code, slug) not in self._technology_uses:
            self._technology_uses.add((code, slug))
            self._technology_links += 1
            yield role, RG.usesTechnology, technology

    def _reported_titles(self, table: Table, _key: str) -> Iterator[Triple]:
        """Job titles incumbents reported, as further alternative labels (deduplicated with the
        alternate titles)."""
        c_code, c_title = table.require(CODE, "Reported Job Title")
        lits = self._lits
        n = 0
        for line, row in self.rows(table):
            code = row[c_code].strip()
            role = self._role(table, line, code)
            if role is None:
                continue
            value = row[c_title].strip()
            if not self._new_title(code, value):
                continue
            n += 1
            yield role, _ALT_LABEL, lits.lang(value, "en")
        self.report.counts["reported titles"] = n

    def _activity_reference(self, table: Table, key: str) -> Iterator[Triple]:
        """Intermediate (IWA) and detailed (DWA) work activities as ``rg:WorkActivity``
        concepts, each narrower than its parent in O*NET's Content Model."""
        lits, source = self._lits, self.source_iri
        if key == "iwa reference":
            c_parent, c_id, c_title = table.require("Element ID", "IWA ID", "IWA Title")
        else:
            c_parent, c_id, c_title = table.require("IWA ID", "DWA ID", "DWA Title")
        n = 0
        for line, row in self.rows(table):
            activity_id, title = row[c_id].strip(), row[c_title].strip()
            if not activity_id or not title:
                self.report.quirk(
                    f"{table.path.name} row without id or title (skipped)", activity_id
                )
                continue
            parent = row[c_parent].strip()
            if not self.input_code(activity_id, table, line, table.header[c_id]) or (
                parent
                and key == "dwa reference"
                and not self.input_code(parent, table, line, table.header[c_parent])
            ):
                continue
            activity = ONET[f"activity/{activity_id}"]
            self._activity_titles[activity_id] = title
            n += 1
            yield activity, RDF.type, RG.WorkActivity
            yield activity, SKOS.prefLabel, lits.lang(title, "en")
            yield activity, SKOS.notation, lits.plain(activity_id)
            if parent and key == "dwa reference":
                yield activity, SKOS.broader, ONET[f"activity/{parent}"]
            yield activity, RG.importedFrom, source
        self.report.counts[
            "intermediate work activities" if key == "iwa reference" else "detailed work activities"
        ] = n

    def _work_activities(self, table: Table, _key: str) -> Iterator[Triple]:
        """The detailed work activities of each occupation's tasks, as ``rg:performsActivity``."""
        c_code, c_dwa = table.require(CODE, "DWA ID")
        known = self._activity_titles
        links = 0
        for line, row in self.rows(table):
            code = row[c_code].strip()
            role = self._role(table, line, code)
            if role is None:
                continue
            dwa = row[c_dwa].strip()
            if known and dwa not in known:
                self.report.quirk("task linked to an unknown DWA (skipped)", f"{code} {dwa}")
                continue
            if not known and not self.input_code(dwa, table, line, "DWA ID"):
                continue
            mine = self._activities.setdefault(code, set())
            if dwa in mine:
                continue
            mine.add(dwa)
            links += 1
            yield role, RG.performsActivity, ONET[f"activity/{dwa}"]
        self.report.counts["work activity links"] = links

    def _element_definitions(self, table: Table, _key: str) -> Iterator[Triple]:
        """The Content Model's description of each rated element, as its definition."""
        c_id, c_description = table.require("Element ID", "Description")
        n = 0
        for _line, row in self.rows(table):
            element = self._element_iris.get(row[c_id].strip())
            description = row[c_description].strip()
            if element is not None and description and description != "n/a":
                n += 1
                yield element, SKOS.definition, self._lits.lang(description, "en")
        self.report.counts["element definitions"] = n

    # -- profiles of occupations O*NET does not rate ---------------------------------------

    def _inferred_profiles(self, unrated: list[str]) -> Iterator[Triple]:
        """A skill profile for every occupation without ratings: the mean ratings of the rated
        occupations whose detailed work activities are most like its own (IDF-weighted cosine,
        the ``INFER_NEIGHBOURS`` best), else of the rated occupations of its SOC group."""
        kept = self._ratings_kept
        rated = sorted(code for code in kept if kept[code])
        if not rated:
            return
        by_activities = _IdfNeighbours(
            self._activities.values(), {code: self._activities.get(code, set()) for code in rated}
        )
        rated_titles: dict[str, set[str]] | None = None
        inferred = 0
        for code in unrated:
            mine = self._activities.get(code, set())
            method = "inferred from detailed work activities"
            neighbours = by_activities.closest(mine, INFER_NEIGHBOURS) if mine else []
            if not neighbours:
                method = "inferred from the occupation's SOC group"
                for length in (7, 6, 4, 2):
                    group = [other for other in rated if other[:length] == code[:length]]
                    if group:
                        neighbours = [(1.0, other) for other in group]
                        break
            if not neighbours:
                # Occupations with neither activities nor a rated SOC group (the military ones of
                # O*NET 29.2): the rated occupations whose titles share the most words.
                method = "inferred from similar job titles"
                if rated_titles is None:
                    rated_titles = {other: self._title_words(other) for other in rated}
                words = self._title_words(code)
                by_titles = _IdfNeighbours([words, *rated_titles.values()], rated_titles)
                neighbours = by_titles.closest(words, INFER_NEIGHBOURS)
            if not neighbours:
                continue
            inferred += 1
            evidence = Literal("rated occupations: " + ", ".join(other for _w, other in neighbours))
            yield from self._inferred_requirements(code, neighbours, Literal(method), evidence)
        self.report.counts["inferred skill profiles"] = inferred

    def _title_words(self, code: str) -> set[str]:
        text = " ".join([self._titles.get(code, ""), *self._alt_titles.get(code, ())])
        return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP_WORDS}

    def _inferred_requirements(
        self, code: str, neighbours: list[tuple[float, str]], method: Literal, evidence: Literal
    ) -> Iterator[Triple]:
        sums: dict[str, list[Decimal]] = {}
        for weight, other in neighbours:
            w = Decimal(str(round(weight, 6)))
            for element_id, (importance, level) in self._ratings_kept[other].items():
                slot = sums.setdefault(element_id, [Decimal(0)] * 4)
                if importance is not None:
                    slot[0] += w * importance
                    slot[1] += w
                if level is not None and level >= 0:
                    slot[2] += w * level
                    slot[3] += w
        profile: dict[str, tuple[Decimal | None, Decimal | None]] = {}
        for element_id, (im_sum, im_w, lv_sum, lv_w) in sums.items():
            profile[element_id] = (
                (im_sum / im_w).quantize(Decimal("0.01")) if im_w else None,
                (lv_sum / lv_w).quantize(Decimal("0.01")) if lv_w else None,
            )
        # A mean flattens ratings: where none reaches the threshold, the most important elements
        # are still what the occupation needs most, so they are kept as optional requirements.
        most = sorted(
            (e for e, (im, _) in profile.items() if im is not None),
            key=lambda e: (-(profile[e][0] or 0), e),
        )[:INFER_FALLBACK]
        if any((im or 0) >= self.requires_threshold for im, _ in profile.values()):
            most = []
        role = self._roles[code]
        for element_id in sorted(profile):
            importance, level = profile[element_id]
            req = URIRef(f"{_REQUIREMENT}{code}--{element_id}")
            first = True
            for triple in self._requirement(code, element_id, importance, level):
                yield triple
                if first and triple[1] == _QUALIFIED:
                    first = False
                    yield req, RG.method, method
                    yield req, RG.evidence, evidence
                    yield req, RG.source, self.source_iri
            if element_id in most:
                self._links += 1
                yield role, _REQUIRES, self._element_iris[element_id]
                yield req, _STRENGTH, _OPTIONAL


class _IdfNeighbours:
    """The candidates whose bags of items (activities, title words) are most like a given bag,
    by IDF-weighted cosine, the IDF taken over ``bags``."""

    def __init__(self, bags: Iterable[set[str]], candidates: Mapping[str, set[str]]) -> None:
        all_bags = list(bags)
        frequency = Counter(item for bag in all_bags for item in bag)
        total = max(1, len(all_bags))
        self.idf = {item: math.log((1 + total) / (1 + k)) + 1.0 for item, k in frequency.items()}
        self.candidates = {c: (bag, self._norm(bag)) for c, bag in candidates.items() if bag}

    def _norm(self, bag: set[str]) -> float:
        # fsum: exact, so the order a set happens to iterate in cannot break a tie between two
        # candidates sharing the same items (and change which profile an import infers)
        return math.sqrt(math.fsum(self.idf[item] ** 2 for item in bag))

    def closest(self, mine: set[str], top: int) -> list[tuple[float, str]]:
        """The ``top`` candidates sharing items with ``mine``: (cosine, candidate), best first."""
        own = self._norm(mine)
        found = []
        for candidate, (bag, norm) in self.candidates.items():
            shared = math.fsum(self.idf[item] ** 2 for item in mine & bag)
            if shared and own and norm:
                found.append((shared / (own * norm), candidate))
        return sorted(found, key=lambda pair: (-pair[0], pair[1]))[:top]


def _release_date(path: Path) -> str | None:
    """The release date line of ``Read Me.txt`` ("February 2025 Release" -> "February 2025")."""
    try:
        lines = (path / "Read Me.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines[:5]:
        match = re.fullmatch(r"\s*(\w+ \d{4}) Release\s*", line)
        if match is not None:
            return match.group(1)
    return None


def detect_release(path: Path) -> str:
    """The release named in ``Read Me.txt`` (``O*NET 29.2 Database``), else in the folder name."""
    readme = path / "Read Me.txt"
    if readme.is_file():
        try:
            head = readme.read_text(encoding="utf-8", errors="replace")[:2000]
        except OSError:
            head = ""
        match = _README_RELEASE.search(head)
        if match is not None:
            return match.group(1)
    for part in (path.name, path.parent.name):
        match = _DIR_RELEASE.search(part)
        if match is not None:
            return f"{match.group(1)}.{match.group(2)}"
    raise InputError(
        "cannot tell the O*NET release: no 'Read Me.txt' naming it and no version in the "
        "folder name; pass release=",
        file=path,
    )
