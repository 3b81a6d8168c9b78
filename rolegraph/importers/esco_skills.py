"""The rows of ESCO's skill pillar and its occupation-skill relations: skills, skill groups and
their codes, both broader hierarchies, the rolegraph categories of skills, and the essential and
optional requirements; with the handling of concept rows (IRIs, labels, texts, status) that the
occupation pillar in :mod:`rolegraph.importers.esco` shares. The mapping of ESCO skill groups to
rolegraph's categories is tabled in that module's docstring.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from rdflib import RDF, SKOS, URIRef

from rolegraph.importers.base import BaseImporter, LiteralCache, Table, Triple, split_lines
from rolegraph.terms import segment_problem
from rolegraph.vocab import ID, RG

SKILL_TYPES = {"skill/competence": RG.SkillCompetence, "knowledge": RG.Knowledge}
_ESSENTIAL = RG.Essential
STRENGTHS = {"essential": _ESSENTIAL, "optional": RG.Optional}
_REQUIREMENT = str(ID["requirement/esco/"])
# Looked up once: an attribute of rdflib's namespaces costs a call per label otherwise.
_PREF, _ALT, _HIDDEN = SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel
_DEFINITION, _NOTE, _SCOPE = SKOS.definition, SKOS.note, SKOS.scopeNote

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


def category_for_code(code: str) -> URIRef | None:
    """The rolegraph category an ESCO skill group code stands for, if any (longest prefix)."""
    parts = code.split(".")
    for n in range(len(parts), 0, -1):
        found = CATEGORY_BY_GROUP_CODE.get(".".join(parts[:n]))
        if found is not None:
            return found
    return None


def uuid_of(uri: str) -> str:
    """The last path segment of an ESCO concept's URI (its UUID), as it can stand in an IRI
    minted from it (percent-encoded where the URI's last part holds a query or fragment)."""
    segment = uri.rstrip("/").rsplit("/", 1)[-1]
    if segment_problem(segment) is None:
        return segment
    return quote(segment, safe="!$&'()*+,;=:@%-._~")


class EscoConceptRows(BaseImporter):
    """The concept rows an ESCO import shares, and the skill pillar and its relations."""

    #: The language of the labels read.
    lang: str

    def _start(self) -> None:
        """Empty the registries of concepts read, by URI, before a stream of triples."""
        self._lits = LiteralCache()
        self._occupations: dict[str, URIRef] = {}
        self._skills: dict[str, URIRef] = {}
        self._isco: dict[str, URIRef] = {}
        self._groups: dict[str, URIRef] = {}
        self._group_codes: dict[str, str] = {}
        self._parents: dict[str, list[str]] = {}

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
        iri = self.input_iri(uri, table, line, "conceptUri")
        if iri is not None:
            registry[uri] = iri
        return iri

    def _labels(
        self, iri: URIRef, pref: str, alts: str, hidden: str, kind: str
    ) -> Iterator[Triple]:
        lits, lang = self._lits, self.lang
        pref = pref.strip()
        if pref:
            yield iri, _PREF, lits.lang(pref, lang)
        else:
            self.report.quirk(f"{kind} without preferred label", str(iri))
        seen = {pref}
        for alt in split_lines(alts):
            if alt not in seen:
                seen.add(alt)
                yield iri, _ALT, lits.lang(alt, lang)
        for label in split_lines(hidden):
            if label not in seen:
                seen.add(label)
                yield iri, _HIDDEN, lits.lang(label, lang)

    def _status(self, status: str, uri: str, kind: str) -> None:
        if status and status != "released":
            self.report.quirk(f"{kind} with status other than released (imported)", uri)

    def _texts(
        self, iri: URIRef, description: str, definition: str, scope: str
    ) -> Iterator[Triple]:
        lits, lang = self._lits, self.lang
        description, definition, scope = description.strip(), definition.strip(), scope.strip()
        if description:
            yield iri, _DEFINITION, lits.lang(description, lang)
            if definition and definition != description:
                yield iri, _NOTE, lits.lang(definition, lang)
        elif definition:
            yield iri, _DEFINITION, lits.lang(definition, lang)
        if scope:
            yield iri, _SCOPE, lits.lang(scope, lang)

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
                iri, row[c_pref], get(row, c_alt), get(row, c_hidden), "skill group"
            )
            yield from self._texts(iri, get(row, c_desc), get(row, c_def), get(row, c_scope))
            code = get(row, c_code).strip()
            if code:
                self._group_codes[uri] = code
                yield iri, SKOS.notation, lits.plain(code)
            yield iri, RG.importedFrom, source
            self._status(get(row, c_status), uri, "skill group")
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
        for line, row in self.rows(table):
            for c_uri, c_term, c_code in levels:
                uri = row[c_uri].strip()
                if not uri:
                    continue
                code = get(row, c_code).strip()
                if uri not in self._groups:
                    checked = self.input_iri(uri, table, line, table.header[c_uri])
                    if checked is None:
                        continue
                    iri = self._groups[uri] = checked
                    self.report.quirk("skill group found only in the skills hierarchy", uri)
                    yield iri, RDF.type, SKOS.Concept
                    term = get(row, c_term).strip()
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
            yield from self._labels(iri, row[c_pref], get(row, c_alt), get(row, c_hidden), "skill")
            yield from self._texts(iri, get(row, c_desc), get(row, c_def), get(row, c_scope))
            skill_type = get(row, c_type).strip()
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
            reuse = get(row, c_reuse).strip()
            if reuse:
                yield iri, RG.reuseLevel, lits.plain(reuse)
            elif c_reuse is not None:
                report.quirk("skill with empty reuse level", uri)
            yield iri, RG.escoConcept, iri
            yield iri, RG.importedFrom, source
            self._status(get(row, c_status), uri, "skill")

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


def get(row: list[str], column: int | None) -> str:
    """The field of ``row`` in ``column``, or "" for a column the file lacks."""
    return row[column] if column is not None else ""


__all__ = ["CATEGORY_BY_GROUP_CODE", "EscoConceptRows", "category_for_code", "get", "uuid_of"]
