"""The Python API: one object over a store that answers every question the command line answers.

The command line, the server and the benchmarks call these methods and render what they return;
a use case is one method here, its options one frozen dataclass of :mod:`rolegraph.options`.

>>> from rolegraph import RoleGraph
>>> graph = RoleGraph.open()                      # the built-in data, in memory
>>> graph.role("PM").label
'Project Manager'
>>> graph.compare("Account Manager", "PM").shared_skills[0].skill.label
'communication'
>>> best = graph.routes("Account Manager", "Sales Manager", options=RouteOptions(k=1))
>>> [step.target.label for step in best.routes[0].steps]
['Sales Manager']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import URIRef

from rolegraph.describe import (
    PaySummary,
    RoleDescription,
    RoleSummary,
    describe_role,
    describe_roles,
    list_roles,
    pay_summary,
    salary_summary,
)
from rolegraph.graphs import GraphData
from rolegraph.kept import kept
from rolegraph.load import USER_GRAPH
from rolegraph.lookup import NameIndex, SearchHit
from rolegraph.operations import IMPORT_KINDS
from rolegraph.options import (
    FACETS,
    MEASURES,
    RANKINGS,
    SCHEMES,
    DeriveOptions,
    FitOptions,
    Measure,
    NextOptions,
    Ranking,
    RouteOptions,
    Scheme,
    SimilarOptions,
    TransferableOptions,
)
from rolegraph.store import Store, load_builtin, load_user_files, open_store

T = TypeVar("T")

if TYPE_CHECKING:
    from rolegraph.analysis import Comparison, Fit, NextMove, RouteResult, Similar
    from rolegraph.analysis.refs import (
        AlsoCalled,
        Barrier,
        Pay,
        PayChange,
        QualificationRef,
        Ref,
        RoleRef,
        SkillRef,
        WeightedSkill,
    )
    from rolegraph.analysis.routes import Closest, Route, Step
    from rolegraph.analysis.transferable import TransferableSkill
    from rolegraph.network import RoleNetwork
    from rolegraph.operations import (
        DerivedMoves,
        Evaluation,
        ImportResult,
        PendingImport,
        SkillAlignment,
    )
    from rolegraph.render import to_json

__all__ = [
    "FACETS",
    "IMPORT_KINDS",
    "MEASURES",
    "RANKINGS",
    "SCHEMES",
    "AlsoCalled",
    "Barrier",
    "Closest",
    "Comparison",
    "DeriveOptions",
    "Fit",
    "FitOptions",
    "Measure",
    "NextMove",
    "NextOptions",
    "Pay",
    "PayChange",
    "QualificationRef",
    "Ranking",
    "Ref",
    "RoleGraph",
    "RoleRef",
    "Route",
    "RouteOptions",
    "RouteResult",
    "Scheme",
    "Similar",
    "SimilarOptions",
    "SkillRef",
    "Step",
    "TransferableOptions",
    "TransferableSkill",
    "WeightedSkill",
    "to_json",
]

#: Where the results' types and ``to_json`` come from: imported on first use (PEP 562), so that
#: commands that never run an analysis (``import``, ``export``, ``query``) start without NumPy,
#: SciPy and networkx.
_LAZY = {
    **dict.fromkeys(("Comparison", "Fit", "NextMove", "RouteResult", "Similar"), "analysis"),
    **dict.fromkeys(
        (
            "AlsoCalled",
            "Barrier",
            "Pay",
            "PayChange",
            "QualificationRef",
            "Ref",
            "RoleRef",
            "SkillRef",
            "WeightedSkill",
        ),
        "analysis.refs",
    ),
    **dict.fromkeys(("Closest", "Route", "Step"), "analysis.routes"),
    "TransferableSkill": "analysis.transferable",
    "to_json": "render",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"rolegraph.{module}"), name)


class RoleGraph(GraphData):
    """A role graph over one store, with cached name indexes and graph projections."""

    def __init__(self, store: Store, *, owns_store: bool = True) -> None:
        self.store = store
        self._owns_store = owns_store
        self._indexes: dict[str, NameIndex] = {}
        self._networks: dict[str | None, RoleNetwork] = {}
        self._descriptions: dict[str, RoleDescription] | None = None
        self._roles: list[RoleSummary] | None = None
        self._temporary_graphs: list[URIRef] = []

    @classmethod
    def open(
        cls,
        location: str | Path | None = None,
        *,
        data: Iterable[str | Path] = (),
        engine: str = "oxigraph",
        read_only: bool = False,
    ) -> RoleGraph:
        """Open a role graph.

        Args:
            location: None for the built-in data in memory, a directory for an on-disk store,
                or the URL of a SPARQL 1.1 endpoint.
            data: the user's own RDF files, added in their own named graph (removed again on
                :meth:`close` when the store is not in memory).
            engine: the in-memory engine, ``oxigraph`` or ``rdflib``.
            read_only: open an on-disk store for reading only, beside other readers and one
                writer (``data`` files need a writable store: they are added to it).
        """
        text = str(location) if location is not None else None
        files = list(data)
        store = open_store(text, engine=engine, read_only=read_only and not files)
        graph = cls(store)
        if text in (None, "", "memory"):
            load_builtin(store)
        if files:
            load_user_files(store, files, USER_GRAPH)
            if text not in (None, "", "memory"):
                graph._temporary_graphs.append(USER_GRAPH)
        return graph

    # -- names ---------------------------------------------------------------------------

    def index(self, kind: str) -> NameIndex:
        """The name index of ``role``s or ``skill``s (built on first use, cached beside an
        on-disk store)."""
        if kind not in self._indexes:
            self._indexes[kind] = self._cached(
                f"names-{kind}", lambda: NameIndex.from_store(self.store, kind)
            )
        return self._indexes[kind]

    def resolve_role(self, name: str) -> URIRef:
        """The role ``name`` stands for: a label or alternative label (any case), a code, an IRI.

        Raises:
            UnknownNameError: with the closest role names.
        """
        return self.index("role").resolve(name)

    def resolve_skill(self, name: str) -> URIRef:
        """The skill ``name`` stands for: a label or alternative label (any case), or an IRI."""
        return self.index("skill").resolve(name)

    def search(
        self, text: str, *, kind: str = "role", limit: int = 10, nearest: bool = False
    ) -> list[SearchHit]:
        """Roles (or skills) whose names best match ``text``, typos forgiven, best first: one
        result per occupation, with the same occupation in other classifications as ``also``.
        With ``nearest``, when nothing matches, the closest names, marked ``nearest``."""
        return self.index(kind).search(text, limit, nearest=nearest)

    # -- data ----------------------------------------------------------------------------

    def roles(self) -> list[RoleSummary]:
        """Every role, sorted by label (read once)."""
        if self._roles is None:
            self._roles = list_roles(self.store)
        return list(self._roles)

    def role(self, name: str) -> RoleDescription:
        """Everything known about one role: from :meth:`describe_all` once that has run, else
        read from the store."""
        iri = self.resolve_role(name)
        if self._descriptions is not None and str(iri) in self._descriptions:
            return self._descriptions[str(iri)]
        return describe_role(self.store, iri)

    def describe_all(self) -> Mapping[str, RoleDescription]:
        """The description of every role, by IRI, read in one pass over the store (kept beside
        an on-disk store); from then on :meth:`role` and :meth:`pay` answer from memory."""
        if self._descriptions is None:
            self._descriptions = self._cached("descriptions", lambda: describe_roles(self.store))
        return self._descriptions

    def pay(self, iri: str) -> PaySummary | None:
        """A role's yearly national pay as its source gives it (a range, or a median with the
        10th-90th percentiles, and ``annual``); None when it has none."""
        if self._descriptions is not None and str(iri) in self._descriptions:
            return pay_summary(self._descriptions[str(iri)].salary)
        return salary_summary(self.store, URIRef(iri))

    # -- analysis ------------------------------------------------------------------------

    def network(self, scheme: str | None = None) -> RoleNetwork:
        """The projection of the graph for the graph algorithms (cached)."""
        from rolegraph.network import project

        if scheme not in self._networks:
            from rolegraph.analysis.similarity import build_model, model_of

            net = self._cached(
                f"network-{scheme or 'all'}", lambda: project(self.store, scheme=scheme)
            )
            model_of.seed(
                net, lambda: self._cached(f"similarity-{scheme or 'all'}", lambda: build_model(net))
            )
            self._networks[scheme] = net
        return self._networks[scheme]

    def label(self, iri: str) -> str:
        """The label of a role or skill of the graph (its IRI when it has none)."""
        return self.network().label(str(iri))

    def scheme(self, iri: str) -> str:
        """The classification a role belongs to: esco, onet or rolegraph."""
        return self.network().scheme(str(iri))

    def codes(self, iri: str) -> dict[str, str]:
        """A role's codes by classification (onet, escoCode, isco, ...)."""
        return dict(self.network().codes.get(str(iri), {}))

    def blend_weights(self) -> dict[str, float]:
        """The weight of each facet in the blend that ranks similar roles."""
        from rolegraph.analysis.similarity import model_of

        return dict(model_of(self.network()).weights)

    def compare(self, a: str, b: str) -> Comparison:
        """Shared and distinct skills, responsibilities, qualifications, focus, scope, pay, ...
        of two roles, each a label, alternative label, code or IRI."""
        from rolegraph.analysis.compare import compare

        iri_a, iri_b = self.resolve_role(a), self.resolve_role(b)
        pay = {str(iri): self.pay(str(iri)) for iri in (iri_a, iri_b)}
        return compare(self.network(), str(iri_a), str(iri_b), salaries=pay)

    def similar(self, role: str, *, options: SimilarOptions | None = None) -> list[Similar]:
        """The roles most similar to ``role``, best first, with the score of each facet."""
        from rolegraph.analysis.overlap import similar

        options = options or SimilarOptions()
        return similar(
            self.network(),
            str(self.resolve_role(role)),
            top=options.top,
            scheme=options.scheme,
            measure=options.measure,
        )

    def routes(
        self, source: str, target: str, *, options: RouteOptions | None = None
    ) -> RouteResult:
        """The best routes from one role to another, each step explained; or, with none within
        the limits, the reason and the closest role within reach."""
        from rolegraph.analysis.routes import routes

        options = options or RouteOptions()
        return routes(
            self.network(),
            self.resolve_role(source),
            self.resolve_role(target),
            k=options.k,
            max_steps=options.max_steps,
            promotions_only=options.promotions_only,
            threshold=options.threshold,
            scheme=options.scheme,
            neighbours=options.neighbours,
            max_rise=options.max_rise,
            min_pay_ratio=options.min_pay_ratio,
            where=options.where,
        )

    def next_moves(self, role: str, *, options: NextOptions | None = None) -> list[NextMove]:
        """Where a role can go in one or more moves, best first."""
        from rolegraph.analysis.routes import next_moves

        options = options or NextOptions()
        return next_moves(
            self.network(),
            self.resolve_role(role),
            depth=options.depth,
            top=options.top,
            promotions_only=options.promotions_only,
            threshold=options.threshold,
            scheme=options.scheme,
            neighbours=options.neighbours,
            max_rise=options.max_rise,
            min_pay_ratio=options.min_pay_ratio,
            where=options.where,
        )

    def fit(self, skills: Iterable[str], *, options: FitOptions | None = None) -> list[Fit]:
        """The roles that best fit a set of skills (names or IRIs), best first."""
        from rolegraph.analysis.fit import fit

        options = options or FitOptions()
        iris = [str(self.resolve_skill(name)) for name in skills]
        return fit(self.network(), iris, top=options.top, scheme=options.scheme)

    def transferable(
        self, *, options: TransferableOptions | None = None
    ) -> list[TransferableSkill]:
        """The skills that connect the most kinds of role."""
        from rolegraph.analysis.transferable import transferable_skills

        options = options or TransferableOptions()
        return transferable_skills(
            self.network(), top=options.top, by=options.by, scheme=options.scheme
        )

    def derive_moves(
        self, *, options: DeriveOptions | None = None, prepare: bool = True
    ) -> DerivedMoves:
        """Derive career moves between imported occupations and, unless a dry run, store them
        in the derived-moves graph (replacing earlier ones); with ``prepare``, an on-disk store
        then computes the answers of its whole-graph queries."""
        from rolegraph.operations import derive

        options = options or DeriveOptions()
        result = derive(self.network(), self.store, options, prepare=prepare)
        if not options.dry_run:
            self.refresh()
        return result

    def align_skills(
        self,
        *,
        dry_run: bool = False,
        start: Callable[[int], None] | None = None,
        progress: Callable[[int], None] | None = None,
        prepare: bool = True,
    ) -> SkillAlignment:
        """Link ESCO's skills to O*NET's elements, work activities and technologies and, unless
        a dry run, store the links (replacing earlier ones); with ``prepare``, an on-disk store
        then computes the answers of its whole-graph queries."""
        from rolegraph.operations import align

        result = align(self.store, dry_run=dry_run, start=start, progress=progress, prepare=prepare)
        if not dry_run:
            self.refresh()
        return result

    def evaluate(
        self,
        *,
        measures: Iterable[str] = (),
        related: Path | None = None,
        fit: bool = False,
    ) -> Evaluation:
        """How well similar roles match how occupations are related, per measure (default: each
        facet alone, then the blend); ``fit`` also searches blend weights on ``related``."""
        from rolegraph.operations import evaluate

        chosen = list(measures) or [*FACETS, "blend"]
        return evaluate(self.network(), chosen, related, fit)

    def open_import(
        self,
        kind: str,
        path: Path | None = None,
        *,
        lenient: bool = False,
        onet_dir: Path | None = None,
        esco_dir: Path | None = None,
        soc_crosswalk: Path | None = None,
    ) -> PendingImport:
        """An import of an official release (esco, onet, wages, crosswalk) ready to run: its
        ``run()`` writes the release into its own named graph of the store."""
        from rolegraph.operations import open_import

        return open_import(
            self.store,
            kind,
            path,
            lenient=lenient,
            onet_dir=onet_dir,
            esco_dir=esco_dir,
            soc_crosswalk=soc_crosswalk,
        )

    def import_release(self, kind: str, path: Path | None = None, **options: Any) -> ImportResult:
        """Import an official release into the store (``options`` as :meth:`open_import`)."""
        result = self.open_import(kind, path, **options).run(prepare=False)
        self.refresh()
        return result

    @staticmethod
    def places() -> dict[str, str]:
        """The places salaries are given for: the United States and its states, by ISO code."""
        from rolegraph.importers.wages import STATES

        places = {"US": "United States (national)"}
        places.update({f"US-{code}": name for code, name in STATES.values()})
        return places

    def _cached(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, or its result kept beside an on-disk store by an earlier process for
        the same store generation: a command on a large store does not redo the projection."""
        return kept(self.store, name, build)

    def refresh(self) -> None:
        """Forget cached indexes and projections, after the store changed."""
        self._indexes.clear()
        self._networks.clear()
        self._descriptions = None
        self._roles = None

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Remove temporary graphs and close the store."""
        for name in self._temporary_graphs:
            self.store.drop_graph(name)
        self._temporary_graphs.clear()
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> RoleGraph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
