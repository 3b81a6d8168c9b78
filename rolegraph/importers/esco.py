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
from rolegraph.importers.base import (
    BaseImporter,
    LiteralCache,
    SourceInfo,
    Table,
    Triple,
    find_file,
    split_lines,
)
from rolegraph.vocab import ESCO_DATA, ID, RG

ESCO_LICENSE = "http://data.europa.eu/eli/dec/2011/833/oj"
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

SKILL_TYPES = {"skill/competence": RG.SkillCompetence, "knowledge": RG.Knowledge}
_ESSENTIAL = RG.Essential
STRENGTHS = {"essential": _ESSENTIAL, "optional": RG.Optional}
_REQUIREMENT = str(ID["requirement/esco/"])

# Longest matching code prefix wins per group; a skill collects the categories of all its groups.
CATEGORY_BY_GROUP_CODE: dict[str, URIRef] = {
    "K": RG.KnowledgeAreas,
    "S1.1": RG.InterpersonalSkills,
    "S1.2": RG.InterpersonalSkills,
    "S1.4": RG.InterpersonalSkills,
    "S1.5": RG.InterpersonalSkills,
    "S1.7": RG.InterpersonalSkills,
    "S1.8": RG.InterpersonalSkills,
    "T4.1": RG.InterpersonalSkills,
    "T4.2": RG.InterpersonalSkills,
    "T4.3": RG.InterpersonalSkills,
    "S4.5": RG.LeadershipSkills,
    "S4.6": RG.LeadershipSkills,
    "S4.8": RG.LeadershipSkills,
    "T4.4": RG.LeadershipSkills,
    "S1.9": RG.AnalyticalSkills,
    "S2.7": RG.AnalyticalSkills,
    "S4.1": RG.AnalyticalSkills,
    "T2.1": RG.AnalyticalSkills,
    "T2.3": RG.AnalyticalSkills,
    "S4.2": RG.OrganisationalSkills,
    "S4.3": RG.OrganisationalSkills,
    "T2.2": RG.OrganisationalSkills,
    "S5": RG.TechnicalSkills,
    "T1.3": RG.TechnicalSkills,
    "S1.6": RG.BusinessSkills,
    "T6.5": RG.BusinessSkills,
}

_VERSION = re.compile(r"(\d+\.\d+(?:\.\d+)?)")
_LANG_FILE = re.compile(r"^occupations_([a-z]{2,3}(?:-[A-Za-z]+)?)\.csv(?:\.gz)?$")


def category_for_code(code: str) -> URIRef | None:
    """The rolegraph category an ESCO skill group code stands for, if any (longest prefix)."""
    parts = code.split(".")
    for n in range(len(parts), 0, -1):
        found = CATEGORY_BY_GROUP_CODE.get(".".join(parts[:n]))
        if found is not None:
            return found
    return None


def uuid_of(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


class EscoImporter(BaseImporter):
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
        self._lits = LiteralCache()
        self._occupations: dict[str, URIRef] = {}
        self._skills: dict[str, URIRef] = {}
        self._isco: dict[str, URIRef] = {}
        self._groups: dict[str, URIRef] = {}
        self._group_codes: dict[str, str] = {}
        self._parents: dict[str, list[str]] = {}
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

    def _declare(
        self, table: Table, kind: str, line: int, uri: str, registry: dict[str, URIRef]
    ) -> URIRef | None:
        """The IRI of a concept row, or None (counted) when the row must be skipped."""
        if not uri:
            self.report.quirk("row without concept URI (skipped)", f"{table.path.name}:{line}")
            return None
        if uri in registry:
            self.report.quirk(f"duplicate {kind} row (skipped)", uri)
            return None
        iri = registry[uri] = URIRef(uri)
        return iri

    def _labels(
        self, iri: URIRef, pref: str, alts: str, hidden: str, kind: str
    ) -> Iterator[Triple]:
        lits, lang = self._lits, self.lang
        pref = pref.strip()
        if pref:
            yield iri, SKOS.prefLabel, lits.lang(pref, lang)
        else:
            self.report.quirk(f"{kind} without preferred label", str(iri))
        seen = {pref}
        for alt in split_lines(alts):
            if alt not in seen:
                seen.add(alt)
                yield iri, SKOS.altLabel, lits.lang(alt, lang)
        for label in split_lines(hidden):
            if label not in seen:
                seen.add(label)
                yield iri, SKOS.hiddenLabel, lits.lang(label, lang)

    def _status(self, status: str, uri: str, kind: str) -> None:
        if status and status != "released":
            self.report.quirk(f"{kind} with status other than released (imported)", uri)

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
            yield from self._labels(iri, row[c_pref], _get(row, c_alt), "", "ISCO group")
            desc = _get(row, c_desc).strip()
            if desc:
                yield iri, SKOS.definition, lits.lang(desc, lang)
            yield iri, RG.importedFrom, source
            self._status(_get(row, c_status), uri, "ISCO group")
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
                iri, row[c_pref], _get(row, c_alt), _get(row, c_hidden), "occupation"
            )
            yield from self._texts(iri, _get(row, c_desc), _get(row, c_def), _get(row, c_scope))
            code = _get(row, c_code).strip()
            if code:
                yield iri, RG.escoCode, lits.plain(code)
            isco = _get(row, c_isco).strip()
            if isco:
                yield iri, RG.iscoCode, lits.plain(isco)
                yield iri, RG.iscoGroup, self._isco_iri(isco)
                if self.isco is not None and str(ESCO_DATA[f"isco/C{isco}"]) not in self._isco:
                    self.report.quirk("occupation in an ISCO group not in the file", uri)
            yield iri, RG.escoConcept, iri
            yield iri, imported_from, source
            if _get(row, c_regulated).strip().endswith("/regulated"):
                yield iri, RG.regulatedProfession, Literal(True)
            self._status(_get(row, c_status), uri, "occupation")

    def _texts(
        self, iri: URIRef, description: str, definition: str, scope: str
    ) -> Iterator[Triple]:
        lits, lang = self._lits, self.lang
        description, definition, scope = description.strip(), definition.strip(), scope.strip()
        if description:
            yield iri, SKOS.definition, lits.lang(description, lang)
            if definition and definition != description:
                yield iri, SKOS.note, lits.lang(definition, lang)
        elif definition:
            yield iri, SKOS.definition, lits.lang(definition, lang)
        if scope:
            yield iri, SKOS.scopeNote, lits.lang(scope, lang)

    def _skill_group_rows(self, table: Table) -> Iterator[Triple]:
        c_uri, c_pref = table.require("conceptUri", "preferredLabel")
        opt = table.optional
        c_alt, c_hidden, c_status = opt("altLabels"), opt("hiddenLabels"), opt("status")
        c_desc, c_def, c_scope, c_code = (
            opt("description"),
            opt("definition"),
            opt("scopeNote"),
            opt("code"),
        )
        lits, source = self._lits, self.source_iri
        for line, row in self.rows(table):
            uri = row[c_uri].strip()
            iri = self._declare(table, "skill group", line, uri, self._groups)
            if iri is None:
                continue
            yield iri, RDF.type, SKOS.Concept
            yield from self._labels(
                iri, row[c_pref], _get(row, c_alt), _get(row, c_hidden), "skill group"
            )
            yield from self._texts(iri, _get(row, c_desc), _get(row, c_def), _get(row, c_scope))
            code = _get(row, c_code).strip()
            if code:
                self._group_codes[uri] = code
                yield iri, SKOS.notation, lits.plain(code)
            yield iri, RG.importedFrom, source
            self._status(_get(row, c_status), uri, "skill group")
        self.report.counts["skill groups"] = len(self._groups)

    def _hierarchy_rows(self, table: Table) -> Iterator[Triple]:
        """Codes of skill groups, and the groups the skill-group file lacks."""
        levels = []
        for level in range(8):
            uri_col = table.optional(f"Level {level} URI")
            if uri_col is None:
                break
            levels.append(
                (
                    uri_col,
                    table.optional(f"Level {level} preferred term"),
                    table.optional(f"Level {level} code"),
                )
            )
        if not levels:
            table.require("Level 0 URI")
        lits, lang, source = self._lits, self.lang, self.source_iri
        for _line, row in self.rows(table):
            for c_uri, c_term, c_code in levels:
                uri = row[c_uri].strip()
                if not uri:
                    continue
                code = _get(row, c_code).strip()
                if uri not in self._groups:
                    iri = self._groups[uri] = URIRef(uri)
                    self.report.quirk("skill group found only in the skills hierarchy", uri)
                    yield iri, RDF.type, SKOS.Concept
                    term = _get(row, c_term).strip()
                    if term:
                        yield iri, SKOS.prefLabel, lits.lang(term, lang)
                    if code:
                        yield iri, SKOS.notation, lits.plain(code)
                    yield iri, RG.importedFrom, source
                    if code:
                        self._group_codes[uri] = code
                elif code and uri not in self._group_codes:
                    self._group_codes[uri] = code
                    yield self._groups[uri], SKOS.notation, lits.plain(code)
        self.report.counts["skill groups"] = len(self._groups)

    def _skill_rows(self, table: Table) -> Iterator[Triple]:
        c_uri, c_pref = table.require("conceptUri", "preferredLabel")
        opt = table.optional
        c_alt, c_hidden, c_status = opt("altLabels"), opt("hiddenLabels"), opt("status")
        c_desc, c_def, c_scope = opt("description"), opt("definition"), opt("scopeNote")
        c_type, c_reuse = opt("skillType"), opt("reuseLevel")
        lits, source = self._lits, self.source_iri
        report = self.report
        for line, row in self.rows(table):
            uri = row[c_uri].strip()
            iri = self._declare(table, "skill", line, uri, self._skills)
            if iri is None:
                continue
            yield iri, RDF.type, RG.Skill
            yield from self._labels(
                iri, row[c_pref], _get(row, c_alt), _get(row, c_hidden), "skill"
            )
            yield from self._texts(iri, _get(row, c_desc), _get(row, c_def), _get(row, c_scope))
            skill_type = _get(row, c_type).strip()
            if skill_type:
                found = SKILL_TYPES.get(skill_type)
                if found is not None:
                    yield iri, RG.skillType, found
                else:
                    report.quirk(
                        "skill with unknown skill type (imported without type)",
                        f"{uri} ({skill_type})",
                    )
            elif c_type is not None:
                label = row[c_pref].strip()
                report.quirk(
                    "skill with empty skill type (imported without type)", f"{uri} ({label})"
                )
            reuse = _get(row, c_reuse).strip()
            if reuse:
                yield iri, RG.reuseLevel, lits.plain(reuse)
            elif c_reuse is not None:
                report.quirk("skill with empty reuse level", uri)
            yield iri, RG.escoConcept, iri
            yield iri, RG.importedFrom, source
            self._status(_get(row, c_status), uri, "skill")

    def _broader_rows(
        self, table: Table, known: dict[str, URIRef], pillar: str, keep_parents: bool
    ) -> Iterator[Triple]:
        c_uri, c_broader = table.require("conceptUri", "broaderUri")
        seen: set[tuple[str, str]] = set()
        parents = self._parents
        n = 0
        for _line, row in self.rows(table):
            uri, broader = row[c_uri].strip(), row[c_broader].strip()
            narrower_iri, broader_iri = known.get(uri), known.get(broader)
            if narrower_iri is None or broader_iri is None:
                missing = uri if narrower_iri is None else broader
                self.report.quirk(
                    f"{pillar} broader relation with a concept not in the files (skipped)",
                    missing,
                )
                continue
            if (uri, broader) in seen:
                self.report.quirk(f"duplicate {pillar} broader relation (skipped)", uri)
                continue
            seen.add((uri, broader))
            n += 1
            if keep_parents:
                parents.setdefault(uri, []).append(broader)
            yield narrower_iri, SKOS.broader, broader_iri
        self.report.counts[f"{pillar} broader relations"] = n

    def _categories(self) -> Iterator[Triple]:
        """rg:skillCategory of each skill from the codes of its ancestor groups."""
        group_category: dict[str, URIRef | None] = {
            uri: category_for_code(code) for uri, code in self._group_codes.items()
        }
        memo: dict[str, frozenset[URIRef]] = {}
        parents = self._parents

        def categories(uri: str, depth: int = 0) -> frozenset[URIRef]:
            found = memo.get(uri)
            if found is not None:
                return found
            memo[uri] = frozenset()  # guards against cycles
            result: set[URIRef] = set()
            own = group_category.get(uri)
            if own is not None:
                result.add(own)
            if depth < 50:
                for parent in parents.get(uri, ()):
                    result |= categories(parent, depth + 1)
            memo[uri] = frozenset(result)
            return memo[uri]

        n = 0
        for uri, iri in self._skills.items():
            for category in sorted(categories(uri)):
                n += 1
                yield iri, RG.skillCategory, category
        self.report.counts["skill categories assigned"] = n

    def _relation_rows(self, table: Table) -> Iterator[Triple]:
        c_occ, c_type, c_skill = table.require("occupationUri", "relationType", "skillUri")
        occupations, skills, report = self._occupations, self._skills, self.report
        pairs: dict[tuple[str, str], URIRef] = {}
        for _line, row in self.rows(table):
            occ, relation, skill = row[c_occ].strip(), row[c_type].strip(), row[c_skill].strip()
            strength = STRENGTHS.get(relation)
            if strength is None:
                report.quirk("relation with unknown relationType (skipped)", f"{occ} {relation!r}")
                continue
            if occ not in occupations:
                report.quirk("relation to unknown occupation (skipped)", occ)
                continue
            if skill not in skills:
                report.quirk("relation to unknown skill (skipped)", skill)
                continue
            key = (occ, skill)
            before = pairs.get(key)
            if before is None:
                pairs[key] = strength
            elif before is strength:
                report.quirk("duplicate relation row (skipped)", f"{occ} {skill}")
            else:
                report.quirk(
                    "pair listed as both essential and optional (kept as essential)",
                    f"{occ} {skill}",
                )
                pairs[key] = _ESSENTIAL
        essential = optional = 0
        requires, qualified, skill_p, strength_p = (
            RG.requiresSkill,
            RG.qualifiedSkillRequirement,
            RG.skill,
            RG.strength,
        )
        requirement_type, typ = RG.SkillRequirement, RDF.type
        uuid_cache: dict[str, str] = {}
        for (occ, skill), strength in pairs.items():
            occ_iri, skill_iri = occupations[occ], skills[skill]
            occ_id = uuid_cache.get(occ)
            if occ_id is None:
                occ_id = uuid_cache[occ] = uuid_of(occ)
            skill_id = uuid_cache.get(skill)
            if skill_id is None:
                skill_id = uuid_cache[skill] = uuid_of(skill)
            req = URIRef(f"{_REQUIREMENT}{occ_id}--{skill_id}")
            yield occ_iri, requires, skill_iri
            yield occ_iri, qualified, req
            yield req, typ, requirement_type
            yield req, skill_p, skill_iri
            yield req, strength_p, strength
            if strength is _ESSENTIAL:
                essential += 1
            else:
                optional += 1
        report.counts["essential links"] = essential
        report.counts["optional links"] = optional


def _get(row: list[str], column: int | None) -> str:
    return row[column] if column is not None else ""


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
