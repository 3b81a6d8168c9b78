"""Import the ESCO <-> O*NET occupation crosswalk of Nesta's Mapping Career Causeways project.

Each row maps an ESCO occupation (``concept_uri``) to an O*NET occupation (``onet_code``) with a
``confidence`` of 2.0, 1.0 or 0.5. It becomes one SKOS mapping triple between the ESCO URI and
``id/onet/occupation/{code}``: ``skos:closeMatch`` for confidence 1.0 and above,
``skos:relatedMatch`` below.

The crosswalk maps only ESCO occupations directly under an ISCO unit group; their narrower ESCO
occupations inherit the match of their nearest mapped ancestor (from
``broaderRelationsOccPillar``), as ``skos:broadMatch`` (the O*NET occupation is broader than the
narrower ESCO one) for a close match and ``skos:relatedMatch`` for a related one.

The O*NET codes are O*NET-SOC 2010. Against the O*NET-SOC 2019 codes of an O*NET release
(``Occupation Data.txt``) a code that still exists is used as is; otherwise the official
O*NET-SOC 2010 to 2019 crosswalk (``2010_to_2019_Crosswalk.csv``: O*NET-SOC 2010 Code,
O*NET-SOC 2010 Title, O*NET-SOC 2019 Code, O*NET-SOC 2019 Title) maps it to every 2019 code it
became, when given; failing that, the 2019 occupation of the same title (``onet_occupation``, the
case aside: SOC 2018 renumbered many occupations it kept, 15-1131.00 Computer Programmers became
15-1251.00); failing that, the same SOC code with detail ``.00`` when it exists (a broader
occupation); failing that, the row is skipped and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SKOS

from rolegraph.errors import InputError
from rolegraph.importers.base import BaseImporter, SourceInfo, Table, Triple, find_file
from rolegraph.importers.xlsx import XlsxSheet
from rolegraph.vocab import ONET

MCC_FILE = "esco_onet_crosswalk_MCC.csv"
SOC_CROSSWALK_FILE = "2010_to_2019_Crosswalk.csv"
COLUMNS = ("concept_uri", "onet_code", "confidence")
CLOSE_THRESHOLD = 1.0
_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_VERSION = re.compile(r"^\d+(?:\.\d+)*$")


class CrosswalkImporter(BaseImporter):
    """ESCO occupation -> O*NET occupation mappings, updated to the O*NET-SOC 2019 codes."""

    name = "crosswalk"

    def __init__(
        self,
        path: Path,
        *,
        onet_dir: Path | None = None,
        esco_dir: Path | None = None,
        soc_crosswalk: Path | None = None,
        release: str | None = None,
    ) -> None:
        self.file = _crosswalk_file(path)
        self.table = Table(self.file)
        self.table.require(*COLUMNS)
        detected = release or _release_of(self.file)
        super().__init__(
            detected,
            SourceInfo(
                title=f"ESCO-O*NET occupation crosswalk ({self.file.name}), Nesta",
                publisher="Nesta, Mapping Career Causeways",
                license="https://opensource.org/licenses/MIT",
                attribution=(
                    "Kanders K., Djumalieva J., Sleeman C. and Orlik J. (2020). Mapping Career "
                    "Causeways: Supporting workers at risk. London: Nesta."
                ),
                homepage="https://github.com/nestauk/mapping-career-causeways",
            ),
        )
        data_root = self.file.parent.parent
        self.onet_file: Path | None = None
        if onet_dir is not None:
            self.onet_file = onet_dir / "Occupation Data.txt" if onet_dir.is_dir() else onet_dir
            if not self.onet_file.is_file():
                raise InputError("no 'Occupation Data.txt' here", file=onet_dir)
        else:
            found = _latest(data_root / "onet", "Occupation Data.txt")
            if found is not None:
                self.onet_file = found / "Occupation Data.txt"
        if self.onet_file is None:
            self.notes.append(
                "no O*NET release given: codes are used as they are, unchecked against O*NET-SOC "
                "2019"
            )
        else:
            self.notes.append(f"O*NET-SOC 2019 codes from {self.onet_file}")
        if esco_dir is None:
            esco_dir = _latest(data_root / "esco", "broaderRelationsOccPillar.csv") or _latest(
                data_root / "esco", "broaderRelationsOccPillar_en.csv"
            )
        self.esco_occupations: Table | None = None
        self.esco_broader: Table | None = None
        if esco_dir is not None:
            occupations = find_file(esco_dir, ["occupations_en.csv"])
            broader = find_file(
                esco_dir, ["broaderRelationsOccPillar_en.csv", "broaderRelationsOccPillar.csv"]
            )
            if occupations is None and broader is None:
                raise InputError("not an ESCO CSV directory", file=esco_dir)
            if occupations is not None:
                self.esco_occupations = Table(occupations)
                self.esco_occupations.require("conceptUri")
            if broader is not None:
                self.esco_broader = Table(broader)
                self.esco_broader.require("conceptUri", "broaderUri")
            self.notes.append(f"ESCO occupations and hierarchy from {esco_dir}")
        else:
            self.notes.append(
                "no ESCO release given: narrower ESCO occupations do not inherit matches"
            )
        if soc_crosswalk is None:
            candidate = self.file.parent / SOC_CROSSWALK_FILE
            soc_crosswalk = candidate if candidate.is_file() else None
        self.soc_crosswalk = soc_crosswalk
        if soc_crosswalk is not None and not soc_crosswalk.is_file():
            raise InputError("no such O*NET-SOC 2010 to 2019 crosswalk file", file=soc_crosswalk)

    def total_rows(self) -> int:
        total = self.table.lines()
        for table in (self.esco_occupations, self.esco_broader):
            if table is not None:
                total += table.lines()
        if self.onet_file is not None:
            total += Table(self.onet_file, delimiter="\t", quoting=False).lines()
        if self.soc_crosswalk is not None:
            total += _soc_rows(self.soc_crosswalk)
        return total

    # ----------------------------------------------------------------------------------------

    def _generate(self) -> Iterator[Triple]:
        report = self.report
        for key in ("rows", "direct mappings", "inherited mappings"):
            report.counts[key] = 0
        valid, titled = self._onet_codes()
        successors = self._soc_successors() if self.soc_crosswalk is not None else {}
        esco = self._esco_occupations()
        parents = self._esco_parents(esco)
        c_uri, c_code, c_conf = self.table.require(*COLUMNS)
        c_label = self.table.optional("esco_occupation")
        c_title = self.table.optional("onet_occupation")
        mapped: dict[str, dict[str, URIRef]] = {}
        for line, row in self.rows(self.table):
            report.count("rows")
            uri, code, raw_conf = row[c_uri].strip(), row[c_code].strip(), row[c_conf].strip()
            label = row[c_label].strip() if c_label is not None else ""
            try:
                confidence = float(raw_conf)
            except ValueError:
                report.quirk("row with an unreadable confidence (skipped)", f"line {line}")
                continue
            if not uri:
                report.quirk("row without ESCO concept URI (skipped)", f"line {line}")
                continue
            if esco is not None and uri not in esco:
                report.quirk(
                    "ESCO occupation not in the ESCO release (skipped)", f"{uri} ({label})"
                )
                continue
            subject = self.input_iri(uri, self.table, line, COLUMNS[0])
            if subject is None:
                continue
            if not _CODE.match(code):
                report.quirk("unreadable O*NET-SOC code (skipped)", f"line {line} {code!r}")
                continue
            title = row[c_title].strip() if c_title is not None else ""
            targets = self._resolve(code, valid, successors, titled.get(title.casefold()))
            if not targets:
                continue
            predicate = SKOS.closeMatch if confidence >= CLOSE_THRESHOLD else SKOS.relatedMatch
            slot = mapped.setdefault(uri, {})
            for target in targets:
                if target in slot:
                    report.quirk("duplicate mapping (skipped)", f"{uri} {target}")
                    continue
                slot[target] = predicate
                report.count("direct mappings")
                yield subject, predicate, ONET[f"occupation/{target}"]
        if esco is not None and parents:
            yield from self._inherit(esco, parents, mapped)

    def _resolve(
        self,
        code: str,
        valid: set[str] | None,
        successors: dict[str, list[str]],
        same_title: str | None = None,
    ) -> list[str]:
        """The 2019 codes a 2010 code of the crosswalk stands for (see the module's docstring);
        ``same_title``: the 2019 occupation whose title is the row's."""
        report = self.report
        if valid is None or code in valid:
            return [code]
        if code in successors:
            targets = [c for c in successors[code] if c in valid]
            if targets:
                report.quirk(
                    "O*NET-SOC 2010 code mapped through the 2010 to 2019 crosswalk",
                    f"{code} -> {', '.join(targets)}",
                )
                return targets
        if same_title is not None:
            report.quirk(
                "O*NET-SOC 2010 code mapped to the 2019 occupation of the same title",
                f"{code} -> {same_title}",
            )
            return [same_title]
        base = f"{code[:7]}.00"
        if base != code and base in valid:
            report.quirk("O*NET-SOC 2010 code mapped to its .00 occupation", f"{code} -> {base}")
            return [base]
        report.quirk("O*NET-SOC 2010 code not in 2019 taxonomy (skipped)", code)
        return []

    def _inherit(
        self,
        esco: set[str],
        parents: dict[str, list[str]],
        mapped: dict[str, dict[str, URIRef]],
    ) -> Iterator[Triple]:
        """Matches of the nearest mapped ancestor, for every unmapped ESCO occupation."""
        inherited: dict[str, dict[str, URIRef]] = {}

        def nearest(uri: str, seen: frozenset[str]) -> dict[str, URIRef]:
            for parent in parents.get(uri, ()):
                if parent in seen:
                    continue
                found = mapped.get(parent)
                if found:
                    return found
                found = nearest(parent, seen | {parent})
                if found:
                    return found
            return {}

        for uri in sorted(esco):
            if uri in mapped:
                continue
            matches = nearest(uri, frozenset({uri}))
            if not matches:
                if uri in parents:
                    self.report.quirk("ESCO occupation with no mapped ancestor", uri)
                continue
            inherited[uri] = matches
            subject = URIRef(uri)
            for target, predicate in matches.items():
                narrower = SKOS.broadMatch if predicate == SKOS.closeMatch else SKOS.relatedMatch
                self.report.count("inherited mappings")
                yield subject, narrower, ONET[f"occupation/{target}"]
        self.report.counts["ESCO occupations with inherited matches"] = len(inherited)

    def _onet_codes(self) -> tuple[set[str] | None, dict[str, str]]:
        """The O*NET-SOC 2019 codes of the release (None without one), and the code of each
        title (lower-cased) that names a single occupation."""
        if self.onet_file is None:
            return None, {}
        table = Table(self.onet_file, delimiter="\t", quoting=False)
        (c_code,) = table.require("O*NET-SOC Code")
        c_title = table.optional("Title")
        codes: set[str] = set()
        by_title: dict[str, list[str]] = {}
        for line, row in self.rows(table):
            code = row[c_code].strip()
            if not self.input_code(code, table, line, table.header[c_code]):
                continue
            codes.add(code)
            if c_title is not None and row[c_title].strip():
                by_title.setdefault(row[c_title].strip().casefold(), []).append(code)
        return codes, {title: found[0] for title, found in by_title.items() if len(found) == 1}

    def _esco_occupations(self) -> set[str] | None:
        if self.esco_occupations is None:
            return None
        table = self.esco_occupations
        (c_uri,) = table.require("conceptUri")
        return {
            uri
            for line, row in self.rows(table)
            if self.input_iri(uri := row[c_uri].strip(), table, line, "conceptUri") is not None
        }

    def _esco_parents(self, esco: set[str] | None) -> dict[str, list[str]]:
        if self.esco_broader is None:
            return {}
        c_uri, c_broader = self.esco_broader.require("conceptUri", "broaderUri")
        c_type = self.esco_broader.optional("broaderType")
        parents: dict[str, list[str]] = {}
        for _line, row in self.rows(self.esco_broader):
            if c_type is not None and row[c_type].strip() != "Occupation":
                continue
            broader = row[c_broader].strip()
            if esco is not None and broader not in esco:
                continue
            parents.setdefault(row[c_uri].strip(), []).append(broader)
        return parents

    def _soc_successors(self) -> dict[str, list[str]]:
        assert self.soc_crosswalk is not None
        path = self.soc_crosswalk
        successors: dict[str, list[str]] = {}
        rows: Iterator[tuple[int, list[str]]]
        if path.suffix.lower() == ".xlsx":
            sheet = XlsxSheet(path)
            all_rows = sheet.rows()
            header: list[str] = []
            for _n, row in all_rows:
                if "O*NET-SOC 2010 Code" in row:
                    header = row
                    break
            rows = all_rows
            self.advance(_soc_rows(path))
        else:
            delimiter = "\t" if path.suffix.lower() == ".txt" else ","
            table = Table(path, delimiter=delimiter)
            header = table.header
            rows = self.rows(table)
        try:
            c_old = header.index("O*NET-SOC 2010 Code")
            c_new = header.index("O*NET-SOC 2019 Code")
        except ValueError:
            raise InputError(
                "not an O*NET-SOC 2010 to 2019 crosswalk: need columns 'O*NET-SOC 2010 Code' "
                "and 'O*NET-SOC 2019 Code'",
                file=path,
                line=1,
            ) from None
        for _line, row in rows:
            if len(row) <= max(c_old, c_new):
                continue
            old, new = row[c_old].strip(), row[c_new].strip()
            if old and new:
                targets = successors.setdefault(old, [])
                if new not in targets:
                    targets.append(new)
        return successors


def _soc_rows(path: Path) -> int:
    if path.suffix.lower() == ".xlsx":
        return XlsxSheet(path).row_count()
    return Table(path).lines()


def _crosswalk_file(path: Path) -> Path:
    if path.is_file():
        return path
    if not path.is_dir():
        raise InputError("no such file or directory", file=path)
    preferred = path / MCC_FILE
    if preferred.is_file():
        return preferred
    for candidate in sorted(path.glob("*.csv")):
        try:
            if Table(candidate).has(*COLUMNS):
                return candidate
        except InputError:
            continue
    raise InputError(
        f"no ESCO-O*NET crosswalk here: need a CSV with columns {', '.join(COLUMNS)}", file=path
    )


def _release_of(file: Path) -> str:
    stem = file.name.split(".")[0]
    match = re.search(r"crosswalk_(.+)$", stem, re.IGNORECASE)
    slug = match.group(1) if match else stem
    slug = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
    return slug or "1"


def _latest(root: Path, marker: str) -> Path | None:
    """The highest-versioned folder under ``root`` that holds ``marker`` (``onet/29.2``)."""
    if not root.is_dir():
        return None
    found = [p for p in root.iterdir() if p.is_dir() and (p / marker).is_file()]
    if not found:
        return None

    def key(p: Path) -> tuple[int, tuple[int, ...], str]:
        if _VERSION.match(p.name):
            return (1, tuple(int(x) for x in p.name.split(".")), p.name)
        return (0, (), p.name)

    return max(found, key=key)
