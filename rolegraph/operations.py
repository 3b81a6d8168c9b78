"""The use cases of :class:`~rolegraph.api.RoleGraph` that change the store or read more than the
graph: imports, derived moves, the skill layer, checks and the evaluation of similar roles.

Each returns a frozen result the command line and the server render; none prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from rolegraph.importers import BaseImporter, Importer, content_digest, open_importer
from rolegraph.importers.base import ImportReport
from rolegraph.load import ARTICLE_GRAPH, ONTOLOGY_GRAPH
from rolegraph.options import DeriveOptions
from rolegraph.queries import internal_query
from rolegraph.store import OxigraphStore, Store, load_builtin
from rolegraph.vocab import GRAPH

if TYPE_CHECKING:
    from rolegraph.analysis.align import SkillLink
    from rolegraph.analysis.derive import DerivedMove
    from rolegraph.analysis.evaluate import MeasureQuality
    from rolegraph.network import RoleNetwork

#: The kinds of release ``import`` reads.
IMPORT_KINDS = ("esco", "onet", "wages", "crosswalk")
#: The kinds of import whose release can be named (the others tell it from their files).
RELEASE_OPTION = ("esco", "onet", "crosswalk")


# -- imports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedAnswers:
    """The whole-graph queries whose answers an on-disk store now keeps for its new generation,
    and the seconds computing them took."""

    names: tuple[str, ...]
    seconds: float


def _prepared_seconds(prepared: PreparedAnswers | None) -> dict[str, float]:
    return {} if prepared is None else {"prepare_seconds": round(prepared.seconds, 2)}


def prepare_kept_answers(store: Store) -> PreparedAnswers | None:
    """After a write, compute the answers of the whole-graph checks and listings that an on-disk
    store keeps, so that their first ask is a read (None for a store that keeps no answers)."""
    if store.cache_dir() is None:
        return None
    from rolegraph.queries import prepare_answers

    begun = time.perf_counter()
    names = tuple(prepare_answers(store))
    return PreparedAnswers(names, time.perf_counter() - begun)


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the importer's report, triples, seconds and the answers prepared."""

    kind: str
    report: ImportReport
    triples: int
    seconds: float
    prepared: PreparedAnswers | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.report.to_dict(),
            "seconds": round(self.seconds, 2),
            "triples": self.triples,
            **_prepared_seconds(self.prepared),
        }


@dataclass
class PendingImport:
    """An import opened on its files and ready to run: its size is known before it starts, so
    a progress bar can show it."""

    store: Store
    kind: str
    path: Path | None
    importer: Importer

    @property
    def release(self) -> str:
        return str(self.importer.release)

    def total_rows(self) -> int:
        """The rows the import will read (reads the input once more: only for a progress bar)."""
        return int(self.importer.total_rows())

    def run(
        self, *, progress: Callable[[int], None] | None = None, prepare: bool = True
    ) -> ImportResult:
        """Write the release into its named graph (replacing an earlier copy), then, with
        ``prepare``, compute the answers of the whole-graph queries an on-disk store keeps."""
        store = self.store
        names = store.graph_names()
        if ONTOLOGY_GRAPH not in names or ARTICLE_GRAPH not in names:
            load_builtin(store)
        if isinstance(store, OxigraphStore):
            # Without preparing, more imports follow: the last one compacts the store, once.
            store.defer_compaction = not prepare
        started = time.perf_counter()
        count = store.replace_graph(
            self.importer.graph_iri, self.importer.triples(progress), checked_iris=True
        )
        if isinstance(store, OxigraphStore):
            store.flush()
        seconds = time.perf_counter() - started
        prepared = prepare_kept_answers(store) if count and prepare else None
        return ImportResult(
            kind=self.kind,
            report=self.importer.report,
            triples=count,
            seconds=seconds,
            prepared=prepared,
        )


def open_import(
    store: Store,
    kind: str,
    path: Path | None,
    *,
    lenient: bool = False,
    onet_dir: Path | None = None,
    esco_dir: Path | None = None,
    soc_crosswalk: Path | None = None,
) -> PendingImport:
    """Open an import of ``kind`` (esco, onet, wages, crosswalk) from ``path`` into ``store``.

    A release is what its files hold: imported again from anywhere, it replaces itself.
    """
    options: dict[str, Any] = {}
    if kind == "crosswalk":
        options = {"onet_dir": onet_dir, "esco_dir": esco_dir, "soc_crosswalk": soc_crosswalk}
    elif kind == "wages":
        # Wages are published per SOC code: they go to every O*NET occupation of that code,
        # from the --onet folder or else from the O*NET occupations already in the store.
        if onet_dir is not None:
            options = {"onet_dir": onet_dir}
        else:
            codes = _onet_codes(store)
            options = {"onet_codes": codes} if codes else {}
    importer = open_importer(kind, path, lenient=lenient, **options)
    if path is not None and isinstance(importer, BaseImporter):
        digest = content_digest(path)
        previous = _release_with_digest(store, kind, digest)
        if previous is not None and previous != importer.release and kind in RELEASE_OPTION:
            importer = open_importer(kind, path, lenient=lenient, release=previous, **options)
        if isinstance(importer, BaseImporter):
            importer.digest = digest
    return PendingImport(store, kind, path, importer)


def _release_with_digest(store: Store, kind: str, digest: str) -> str | None:
    """The release of ``kind`` already in the store whose files have ``digest``, if any."""
    result = store.query(internal_query("import-release-with-digest"), {"digest": Literal(digest)})
    prefix = str(GRAPH[f"{kind}-"])
    for graph, release in zip(result.column("graph"), result.column("release")):
        if str(graph).startswith(prefix) and release is not None:
            return str(release)
    return None


def _onet_codes(store: Store) -> list[str]:
    result = store.query(internal_query("import-onet-codes"))
    return sorted(str(code) for code in result.column("code") if code is not None)


# -- derived moves -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DerivedMoves:
    """The moves derived (ladders the classifications imply first among equals), and where they
    were stored: ``graph`` None on a dry run."""

    moves: tuple[DerivedMove, ...]
    graph: URIRef | None
    triples: int
    prepared: PreparedAnswers | None = None

    @property
    def promotions(self) -> int:
        return sum(1 for move in self.moves if move.kind == "promotion")

    def to_dict(self) -> dict[str, Any]:
        return {
            "graph": None if self.graph is None else str(self.graph),
            "count": len(self.moves),
            "triples": self.triples,
            "moves": [move.to_dict() for move in self.moves],
            **_prepared_seconds(self.prepared),
        }


def derive(
    net: RoleNetwork, store: Store, options: DeriveOptions, *, prepare: bool = True
) -> DerivedMoves:
    """Derive career moves over ``net`` and, unless a dry run, store them in ``store`` (then,
    with ``prepare``, compute the answers an on-disk store keeps)."""
    from rolegraph.analysis.derive import (
        DERIVED_MOVES_GRAPH,
        derive_ladders,
        derive_moves,
        save_derived_moves,
    )

    moves = derive_moves(
        net,
        per_role=options.per_role,
        min_score=options.min_score,
        candidates=options.candidates,
        max_rise=options.max_rise,
        max_drop=options.max_drop,
        scheme=options.scheme,
    )
    # Ladders the classifications imply win over a move the data suggests for the same pair.
    ladders = (
        [] if options.scheme == "rolegraph" else derive_ladders(net, max_rise=options.max_rise)
    )
    laddered = {(m.source, m.target) for m in ladders}
    moves = [m for m in moves if (m.source, m.target) not in laddered] + ladders
    if options.dry_run:
        return DerivedMoves(tuple(moves), None, 0)
    triples = save_derived_moves(store, moves)
    prepared = prepare_kept_answers(store) if prepare else None
    return DerivedMoves(tuple(moves), DERIVED_MOVES_GRAPH, triples, prepared)


# -- the skill layer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillAlignment:
    """The links from ESCO's skills to O*NET's concepts, with the labels of both ends, and where
    they were stored: ``graph`` None on a dry run."""

    links: tuple[SkillLink, ...]
    labels: dict[str, str] = field(repr=False)
    esco_skills: int
    graph: URIRef | None
    triples: int
    prepared: PreparedAnswers | None = None

    @property
    def linked(self) -> int:
        """ESCO skills with at least one link."""
        return len({link.skill for link in self.links})

    def kinds(self) -> dict[str, int]:
        """Links per kind of O*NET target (activity, element, technology), sorted by kind."""
        kinds: dict[str, int] = {}
        for link in self.links:
            kind = link.target.rstrip("/").split("/")[-2]
            kinds[kind] = kinds.get(kind, 0) + 1
        return dict(sorted(kinds.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "graph": None if self.graph is None else str(self.graph),
            "count": len(self.links),
            "skills": self.esco_skills,
            "linked": self.linked,
            "triples": self.triples,
            "links": [link.to_dict() for link in self.links],
            **_prepared_seconds(self.prepared),
        }


def align(
    store: Store,
    *,
    dry_run: bool = False,
    start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
    prepare: bool = True,
) -> SkillAlignment:
    """Link ESCO's skills to O*NET's elements, work activities and technologies and, unless a
    dry run, store the links (replacing earlier ones; then, with ``prepare``, compute the
    answers an on-disk store keeps). ``start`` receives the number of ESCO skills before the
    work begins, ``progress`` the skills done."""
    from rolegraph.analysis.align import (
        ESCO_SKILL,
        SKILL_ALIGNMENT_GRAPH,
        Concepts,
        align_skills,
        save_skill_alignment,
    )

    concepts = Concepts.from_store(store)
    esco = sum(1 for concept in concepts.labels if concept.startswith(ESCO_SKILL))
    if start is not None:
        start(esco)
    links = align_skills(concepts, progress)
    if dry_run:
        return SkillAlignment(tuple(links), dict(concepts.labels), esco, None, 0)
    triples = save_skill_alignment(store, links)
    prepared = prepare_kept_answers(store) if prepare else None
    return SkillAlignment(
        tuple(links), dict(concepts.labels), esco, SKILL_ALIGNMENT_GRAPH, triples, prepared
    )


# -- evaluation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FittedWeights:
    """Blend weights searched on related occupations, with the recall they reach."""

    weights: dict[str, float]
    recall_at_20: float
    ps_recall_at_10: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": self.weights,
            "recall_at_20": self.recall_at_20,
            "ps_recall_at_10": self.ps_recall_at_10,
        }


@dataclass(frozen=True)
class Evaluation:
    """The quality of each measure of similar roles, and fitted weights when asked."""

    measures: tuple[MeasureQuality, ...]
    fitted: FittedWeights | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"measures": [m.to_dict() for m in self.measures]}
        if self.fitted is not None:
            data["fitted"] = self.fitted.to_dict()
        return data


def evaluate(
    net: RoleNetwork, measures: Sequence[str], related_file: Path | None, fit: bool
) -> Evaluation:
    """Judge each of ``measures`` (against ``related_file`` when given); with ``fit``, also
    search blend weights on it."""
    from rolegraph.analysis.evaluate import RelatedOccupations, fit_weights, measure_quality

    related = RelatedOccupations.read(related_file) if related_file is not None else None
    results = tuple(measure_quality(net, measure, related) for measure in measures)
    fitted = None
    if fit:
        if related is None:
            from rolegraph.errors import InputError

            raise InputError("fitting blend weights needs related occupations (--related FILE)")
        weights, recall, short = fit_weights(net, related)
        fitted = FittedWeights(dict(weights), recall, short)
    return Evaluation(results, fitted)
