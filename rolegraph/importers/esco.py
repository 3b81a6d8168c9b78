"""Import the ESCO classification from its official CSV download.

Two layouts are read, told apart by file names: ESCO 1.1.x ships the relation files without a
language suffix and with URIs only (``occupationSkillRelations.csv``); ESCO 1.2.x names them
``occupationSkillRelations_en.csv`` and adds label columns. Columns are found by header name, and
any file may be gzipped (``*.csv.gz``).

What becomes what:

* occupations -> ``rg:Role`` (the ESCO URI is kept as the IRI and repeated as ``rg:escoConcept``),
  with ``rg:escoCode``, ``rg:iscoCode`` and ``rg:iscoGroup``, and ``rg:regulatedProfession
  true`` where ESCO notes the profession as regulated;
* skills -> ``rg:Skill`` with ``rg:skillType`` and ``rg:reuseLevel``;
* essential/optional occupation-skill relations -> ``rg:requiresSkill`` plus a
  ``rg:SkillRequirement`` node ``id/requirement/esco/{occupation uuid}--{skill uuid}``;
* ISCO-08 groups and skill groups -> ``skos:Concept`` with ``skos:notation``;
* both broader-relation files -> ``skos:broader``.

ESCO's own skill groups are not rolegraph's skill categories. ``rg:skillCategory`` is set only
where an ESCO group clearly means one of them (a skill gets the categories of all its ancestor
groups; most skills get none):

=================================================================  =====================
ESCO skill group (code)                                            rolegraph category
=================================================================  =====================
K knowledge (every ISCED-F field under it)                         rg:KnowledgeAreas
S1.1 negotiating, S1.2 liaising and networking, S1.4 presenting    rg:InterpersonalSkills
information, S1.5 advising and consulting, S1.7 obtaining
information verbally, S1.8 working with others, T4.1 communicating,
T4.2 supporting others, T4.3 collaborating in teams and networks
S4.5 leading and motivating, S4.6 building and developing teams,   rg:LeadershipSkills
S4.8 supervising people, T4.4 leading others
S1.9 solving problems, S2.7 analysing and evaluating information   rg:AnalyticalSkills
and data, S4.1 developing objectives and strategies, T2.1
processing information, ideas and concepts, T2.3 dealing with
problems
S4.2 organising, planning and scheduling work and activities,      rg:OrganisationalSkills
S4.3 allocating and controlling resources, T2.2 planning and
organising
S5 working with computers, T1.3 working with digital devices       rg:TechnicalSkills
and applications
S1.6 promoting, selling and purchasing, T6.5 applying              rg:BusinessSkills
entrepreneurial and financial skills and competences
=================================================================  =====================

Quirks are counted, never fatal: relations to occupations or skills missing from the files
(skipped: their subject would be an undeclared role), skills with an empty skill type (imported
without ``rg:skillType``), ragged rows (padded), duplicate rows (skipped), a pair listed as both
essential and optional (kept as essential), unknown relation types (skipped), concepts whose
status is not ``released`` (imported). ``skillSkillRelations`` is not imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from rolegraph.errors import InputError
from rolegraph.importers.base import SourceInfo, Table, Triple, find_file
from rolegraph.importers.esco_skills import (
    CATEGORY_BY_GROUP_CODE,
    EscoConceptRows,
    category_for_code,
    get,
)
from rolegraph.vocab import ESCO_DATA, RG

ESCO_LICENSE = "http://data.europa.eu/eli/dec/2011/833/oj"
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

_VERSION = re.compile(r"(\d+\.\d+(?:\.\d+)?)")
_LANG_FILE = re.compile(r"^occupations_([a-z]{2,3}(?:-[A-Za-z]+)?)\.csv(?:\.gz)?$")


class EscoImporter(EscoConceptRows):
    """ESCO occupations, skills, ISCO-08 groups, skill groups and their relations."""

    name = "esco"

    def __init__(self, path: Path, *, release: str | None = None, lang: str | None = None) -> None:
        if not path.is_dir():
            raise InputError("not a directory of ESCO CSV files", file=path)
        self.directory = path
        self.lang = lang or _detect_lang(path)
        lg = self.lang
        occupations = find_file(path, [f"occupations_{lg}.csv"])
        skills = find_file(path, [f"skills_{lg}.csv"])
        if occupations is None or skills is None:
            raise InputError(
                f"not an ESCO CSV directory: occupations_{lg}.csv and skills_{lg}.csv are needed",
                file=path,
            )
        relations = find_file(
            path, [f"occupationSkillRelations_{lg}.csv", "occupationSkillRelations.csv"]
        )
        self.layout = "1.2" if relations is not None and f"_{lg}.csv" in relations.name else "1.1"
        detected = release or _detect_release(path, self.layout)
        super().__init__(
            detected,
            SourceInfo(
                title=f"ESCO {detected}",
                publisher="European Commission, ESCO",
                license=ESCO_LICENSE,
                attribution=ESCO_ATTRIBUTION,
                homepage="https://esco.ec.europa.eu/",
            ),
        )
        self.occupations = Table(occupations)
        self.skills = Table(skills)
        self.occupations.require("conceptUri", "preferredLabel")
        self.skills.require("conceptUri", "preferredLabel")
        self.relations = _optional_table(relations)
        if self.relations is not None:
            self.relations.require("occupationUri", "relationType", "skillUri")
        self.isco = _optional_table(find_file(path, [f"ISCOGroups_{lg}.csv"]))
        self.skill_groups = _optional_table(find_file(path, [f"skillGroups_{lg}.csv"]))
        self.hierarchy = _optional_table(find_file(path, [f"skillsHierarchy_{lg}.csv"]))
        self.broader_occ = _optional_table(
            find_file(
                path, [f"broaderRelationsOccPillar_{lg}.csv", "broaderRelationsOccPillar.csv"]
            )
        )
        self.broader_skill = _optional_table(
            find_file(
                path, [f"broaderRelationsSkillPillar_{lg}.csv", "broaderRelationsSkillPillar.csv"]
            )
        )
        for table in (self.broader_occ, self.broader_skill):
            if table is not None:
                table.require("conceptUri", "broaderUri")
        for label, table in (
            ("occupation-skill relations", self.relations),
            ("ISCO-08 groups", self.isco),
            ("skill groups", self.skill_groups),
            ("occupation hierarchy", self.broader_occ),
            ("skill hierarchy", self.broader_skill),
        ):
            if table is None:
                self.notes.append(f"no {label} file in {path}; not imported")

    def _tables(self) -> list[Table]:
        tables = [
            self.isco,
            self.occupations,
            self.skill_groups,
            self.hierarchy,
            self.skills,
            self.broader_occ,
            self.broader_skill,
            self.relations,
        ]
        return [t for t in tables if t is not None]

    def total_rows(self) -> int:
        return sum(t.lines() for t in self._tables())

    # ----------------------------------------------------------------------------------------

    def _generate(self) -> Iterator[Triple]:
        self._start()
        for key in ("occupations", "skills", "ISCO groups", "skill groups"):
            self.report.counts[key] = 0
        if self.isco is not None:
            yield from self._isco_groups(self.isco)
        yield from self._occupation_rows(self.occupations)
        if self.skill_groups is not None:
            yield from self._skill_group_rows(self.skill_groups)
        if self.hierarchy is not None:
            yield from self._hierarchy_rows(self.hierarchy)
        yield from self._skill_rows(self.skills)
        if self.broader_occ is not None:
            known_occ = {**self._isco, **self._occupations}
            yield from self._broader_rows(self.broader_occ, known_occ, "occupation", False)
        if self.broader_skill is not None:
            known_skill = {**self._groups, **self._skills}
            yield from self._broader_rows(self.broader_skill, known_skill, "skill", True)
            yield from self._categories()
        if self.relations is not None:
            yield from self._relation_rows(self.relations)
        self.report.counts["occupations"] = len(self._occupations)
        self.report.counts["skills"] = len(self._skills)

    def _isco_groups(self, table: Table) -> Iterator[Triple]:
        c_uri, c_code = table.require("conceptUri", "code")
        c_pref = table.require("preferredLabel")[0]
        c_alt, c_desc, c_status = (
            table.optional("altLabels"),
            table.optional("description"),
            table.optional("status"),
        )
        lits, lang, source = self._lits, self.lang, self.source_iri
        for line, row in self.rows(table):
            uri = row[c_uri].strip()
            iri = self._declare(table, "ISCO group", line, uri, self._isco)
            if iri is None:
                continue
            yield iri, RDF.type, SKOS.Concept
            code = row[c_code].strip()
            if code:
                yield iri, SKOS.notation, lits.plain(code)
            yield from self._labels(iri, row[c_pref], get(row, c_alt), "", "ISCO group")
            desc = get(row, c_desc).strip()
            if desc:
                yield iri, SKOS.definition, lits.lang(desc, lang)
            yield iri, RG.importedFrom, source
            self._status(get(row, c_status), uri, "ISCO group")
        self.report.counts["ISCO groups"] = len(self._isco)

    def _isco_iri(self, code: str) -> URIRef:
        uri = str(ESCO_DATA[f"isco/C{code}"])
        found = self._isco.get(uri)
        return found if found is not None else URIRef(uri)

    def _occupation_rows(self, table: Table) -> Iterator[Triple]:
        c_uri, c_pref = table.require("conceptUri", "preferredLabel")
        opt = table.optional
        c_alt, c_hidden, c_status = opt("altLabels"), opt("hiddenLabels"), opt("status")
        c_desc, c_def, c_scope = opt("description"), opt("definition"), opt("scopeNote")
        c_code, c_isco = opt("code"), opt("iscoGroup")
        c_regulated = opt("regulatedProfessionNote")
        lits, source = self._lits, self.source_iri
        role_type, imported_from = RG.Role, RG.importedFrom
        for line, row in self.rows(table):
            uri = row[c_uri].strip()
            iri = self._declare(table, "occupation", line, uri, self._occupations)
            if iri is None:
                continue
            yield iri, RDF.type, role_type
            yield from self._labels(
                iri, row[c_pref], get(row, c_alt), get(row, c_hidden), "occupation"
            )
            yield from self._texts(iri, get(row, c_desc), get(row, c_def), get(row, c_scope))
            code = get(row, c_code).strip()
            if code:
                yield iri, RG.escoCode, lits.plain(code)
            isco = get(row, c_isco).strip()
            if isco and self.input_code(
                isco, table, line, "iscoGroup", outcome="ISCO group left out"
            ):
                yield iri, RG.iscoCode, lits.plain(isco)
                yield iri, RG.iscoGroup, self._isco_iri(isco)
                if self.isco is not None and str(ESCO_DATA[f"isco/C{isco}"]) not in self._isco:
                    self.report.quirk("occupation in an ISCO group not in the file", uri)
            yield iri, RG.escoConcept, iri
            yield iri, imported_from, source
            if get(row, c_regulated).strip().endswith("/regulated"):
                yield iri, RG.regulatedProfession, Literal(True)
            self._status(get(row, c_status), uri, "occupation")


def _optional_table(path: Path | None) -> Table | None:
    return Table(path) if path is not None else None


def _detect_lang(path: Path) -> str:
    langs = sorted(
        {m.group(1) for p in path.iterdir() if (m := _LANG_FILE.match(p.name)) is not None}
    )
    if not langs:
        raise InputError("not an ESCO CSV directory: no occupations_<language>.csv file", file=path)
    return "en" if "en" in langs else langs[0]


def _detect_release(path: Path, layout: str) -> str:
    """The release from the directory name (``1.1.1``, ``... - v1.2.0 - ...``), else the layout."""
    for part in (path.name, path.parent.name):
        match = _VERSION.search(part)
        if match is not None:
            return match.group(1)
    return layout


__all__ = ["CATEGORY_BY_GROUP_CODE", "EscoImporter", "category_for_code"]
