"""How good are the similar roles? Judged against how occupations are really related.

Against a list of related occupations (O*NET's *Related Occupations*, given to ``rolegraph
evaluate --related FILE`` and read by nothing else): **recall@20**, the share of an occupation's
listed related occupations among its 20 most similar O*NET occupations, and **Primary-Short
recall@10**, the share of its five closest ones among its 10 most similar, both averaged over the
listed occupations and ranked exactly as ``rolegraph similar CODE --scheme onet --top 20`` ranks.

With evidence the data itself carries:

- **Group precision@k.** Classifications group related occupations: ESCO occupations sit in an
  ISCO-08 unit group (4 digits, e.g. 2431 marketing professionals), O*NET occupations in a SOC
  minor group (e.g. 13-1 business operations specialists). For each occupation whose group has
  at least one other member, precision@k is the share of its k most similar occupations (within
  its own classification) that are in its group; the mean is compared with the precision of k
  occupations drawn at random (the group's other members over all other occupations).
- **Crosswalk agreement@k.** ESCO and O*NET describe occupations with separate skill lists, so
  their similarity neighbourhoods are computed independently. Where the crosswalk maps an ESCO
  occupation to an O*NET one, the share of its k nearest ESCO occupations whose O*NET
  counterparts are the same O*NET occupation or among its k nearest measures how far the two
  taxonomies agree on what is related. Random agreement is about (k + 1) / (number of O*NET
  occupations).
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours, similar
from rolegraph.analysis.similarity import model_of
from rolegraph.choices import FACETS
from rolegraph.errors import InputError
from rolegraph.network import RoleNetwork, scheme_of

#: The reference grouping of each classification, and how to get it from a role's codes.
REFERENCES = {
    "esco": "ISCO-08 unit group",
    "onet": "SOC minor group",
}


def reference_group(net: RoleNetwork, role: str) -> str | None:
    """The group ``role`` is judged against: its ISCO-08 unit group (ESCO) or its SOC minor
    group (O*NET), or None."""
    codes = net.codes.get(role, {})
    scheme = scheme_of(role)
    if scheme == "esco":
        isco = codes.get("isco") or codes.get("escoCode", "").split(".", 1)[0]
        return isco if len(isco) == 4 else None
    if scheme == "onet":
        code = codes.get("onet", "")
        return code[:4] if len(code) >= 4 and code[2] == "-" else None
    return None


@dataclass(frozen=True)
class SimilarityEvaluation:
    """Group precision@k of one classification, with the random baseline, and the crosswalk
    agreement where the network links two classifications."""

    scheme: str
    reference: str
    measure: str
    k: int
    roles: int
    precision: float
    baseline: float
    agreement: float | None = None
    agreement_baseline: float | None = None
    agreement_roles: int = 0

    @property
    def lift(self) -> float:
        """How many times better than random."""
        return self.precision / self.baseline if self.baseline else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme,
            "reference": self.reference,
            "measure": self.measure,
            "k": self.k,
            "roles": self.roles,
            "precision": round(self.precision, 4),
            "baseline": round(self.baseline, 4),
            "lift": round(self.lift, 2),
            "agreement": None if self.agreement is None else round(self.agreement, 4),
            "agreement_baseline": None
            if self.agreement_baseline is None
            else round(self.agreement_baseline, 4),
            "agreement_roles": self.agreement_roles,
        }


def evaluate_similarity(
    net: RoleNetwork, k: int = 10, measure: str = DEFAULT_MEASURE
) -> list[SimilarityEvaluation]:
    """Group precision@k (and crosswalk agreement@k) of the similar-role ranking, for each
    classification with reference groups."""
    results = []
    for scheme, reference in REFERENCES.items():
        members = [i for i, s in enumerate(net.schemes) if s == scheme]
        groups = {i: reference_group(net, net.roles[i]) for i in members}
        sizes = Counter(g for g in groups.values() if g is not None)
        judged = [(i, g) for i, g in groups.items() if g is not None and sizes[g] > 1]
        if not judged:
            continue
        near = all_neighbours(net, k, measure, scheme=scheme)
        hits = []
        chance = []
        for i, mine in judged:
            found = near.indices[i]
            hits.append(sum(1 for j in found if j >= 0 and groups.get(int(j)) == mine) / k)
            chance.append((sizes[mine] - 1) / (len(members) - 1))
        agreement, agreement_baseline, agreement_roles = _crosswalk_agreement(
            net, scheme, k, measure
        )
        results.append(
            SimilarityEvaluation(
                scheme=scheme,
                reference=reference,
                measure=measure,
                k=k,
                roles=len(judged),
                precision=float(np.mean(hits)),
                baseline=float(np.mean(chance)),
                agreement=agreement,
                agreement_baseline=agreement_baseline,
                agreement_roles=agreement_roles,
            )
        )
    return results


def _crosswalk_agreement(
    net: RoleNetwork, scheme: str, k: int, measure: str
) -> tuple[float | None, float | None, int]:
    """Agreement of ``scheme``'s neighbourhoods with the other classification's, through the
    equivalences: computed from ESCO's side only (None for the others)."""
    if scheme != "esco":
        return None, None, 0
    other = "onet"
    counterpart: dict[int, set[int]] = {}
    for i, s in enumerate(net.schemes):
        if s != scheme or net.roles[i] not in net.equivalences:
            continue
        matches = {
            net.role_index[o]
            for o in net.equivalences[net.roles[i]]
            if scheme_of(o) == other and o in net.role_index
        }
        if matches:
            counterpart[i] = matches
    if not counterpart:
        return None, None, 0
    mine = all_neighbours(net, k, measure, scheme=scheme)
    theirs = all_neighbours(net, k, measure, scheme=other)
    scores = []
    for i, targets in counterpart.items():
        accepted = set(targets)
        for o in targets:
            accepted.update(int(j) for j in theirs.indices[o] if j >= 0)
        mapped = [counterpart[int(j)] for j in mine.indices[i] if j >= 0 and int(j) in counterpart]
        if mapped:
            scores.append(sum(1 for m in mapped if m & accepted) / len(mapped))
    total = sum(1 for s in net.schemes if s == other)
    baseline = min(1.0, (k + 1) / total) if total else None
    return (float(np.mean(scores)) if scores else None), baseline, len(scores)


# -- against a list of related occupations ------------------------------------------------------


@dataclass(frozen=True)
class RelatedOccupations:
    """For each O*NET-SOC code, its related codes and their tier (``Primary-Short`` ...), as in
    O*NET's *Related Occupations* file; read only by evaluation."""

    related: Mapping[str, Mapping[str, str]]

    @classmethod
    def read(cls, path: Path) -> RelatedOccupations:
        """Read a tab-separated file with the columns ``O*NET-SOC Code``, ``Related O*NET-SOC
        Code`` and ``Relatedness Tier``.

        Raises:
            InputError: the file cannot be read or lacks a column.
        """
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle, delimiter="\t")
                missing = {_CODE, _RELATED, _TIER} - set(reader.fieldnames or ())
                if missing:
                    raise InputError(
                        f"not a related-occupations file: no column {', '.join(sorted(missing))}",
                        file=path,
                        line=1,
                    )
                related: dict[str, dict[str, str]] = {}
                for row in reader:
                    related.setdefault(row[_CODE], {})[row[_RELATED]] = row[_TIER]
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                f"cannot read the related-occupations file: {error}", file=path
            ) from error
        return cls(related)


@dataclass(frozen=True)
class MeasureQuality:
    """How well one measure ranks related roles."""

    measure: str
    recall_at_20: float | None
    primary_short_recall_at_10: float | None
    judged: int
    esco_group_precision: float | None
    onet_group_precision: float | None
    crosswalk_agreement: float | None
    coverage: float
    all_pairs_seconds: float

    def to_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "measure": self.measure,
            "recall_at_20": rounded(self.recall_at_20),
            "primary_short_recall_at_10": rounded(self.primary_short_recall_at_10),
            "judged": self.judged,
            "esco_group_precision_at_10": rounded(self.esco_group_precision),
            "onet_group_precision_at_10": rounded(self.onet_group_precision),
            "crosswalk_agreement_at_10": rounded(self.crosswalk_agreement),
            "coverage": rounded(self.coverage),
            "all_pairs_seconds": round(self.all_pairs_seconds, 3),
        }


def related_recall(
    net: RoleNetwork, related: RelatedOccupations, measure: str = DEFAULT_MEASURE
) -> tuple[float | None, float | None, int]:
    """Mean recall@20 of the related occupations and recall@10 of the Primary-Short ones, over
    the listed occupations of the network, ranked as ``rolegraph similar CODE --scheme onet
    --top 20`` ranks them."""
    recalls: list[float] = []
    short: list[float] = []
    for code, listed in sorted(related.related.items()):
        iri = f"{ONET_OCCUPATION}{code}"
        if iri not in net.role_index or not listed:
            continue
        found = [
            s.role.iri.rsplit("/", 1)[-1]
            for s in similar(net, iri, top=20, scheme="onet", measure=measure)
        ]
        recalls.append(len(set(found) & set(listed)) / len(listed))
        primary = {c for c, tier in listed.items() if tier == "Primary-Short"}
        if primary:
            short.append(len(set(found[:10]) & primary) / len(primary))
    if not recalls:
        return None, None, 0
    return float(np.mean(recalls)), (float(np.mean(short)) if short else None), len(recalls)


def measure_quality(
    net: RoleNetwork, measure: str, related: RelatedOccupations | None = None
) -> MeasureQuality:
    """Every quality figure of one measure (see the module's docstring)."""
    started = time.perf_counter()
    near = all_neighbours(net, 10, measure)
    seconds = time.perf_counter() - started
    coverage = float(np.mean((near.indices >= 0).sum(axis=1) >= min(10, len(net.roles) - 1)))
    groups = {e.scheme: e for e in evaluate_similarity(net, 10, measure)}
    recall = short = None
    judged = 0
    if related is not None:
        recall, short, judged = related_recall(net, related, measure)
    esco = groups.get("esco")
    onet = groups.get("onet")
    return MeasureQuality(
        measure=measure,
        recall_at_20=recall,
        primary_short_recall_at_10=short,
        judged=judged,
        esco_group_precision=esco.precision if esco else None,
        onet_group_precision=onet.precision if onet else None,
        crosswalk_agreement=esco.agreement if esco else None,
        coverage=coverage,
        all_pairs_seconds=seconds,
    )


def fit_weights(
    net: RoleNetwork,
    related: RelatedOccupations,
    start: Mapping[str, float] | None = None,
    steps: tuple[float, ...] = (0.1, 0.05, 0.02),
) -> tuple[dict[str, float], float, float]:
    """Blend weights that rank the related occupations best (recall@20 plus Primary-Short
    recall@10), by coordinate search from ``start`` in coarse steps; returns the weights
    (summing to 1) and the two recalls they reach. Few, coarse weights, so they carry over to
    occupations not in the file."""
    model = model_of(net)
    onet = np.flatnonzero(net.in_scheme("onet"))
    codes = [c for c in sorted(related.related) if f"{ONET_OCCUPATION}{c}" in net.role_index]
    if not codes:
        raise InputError("none of the related occupations is an O*NET occupation of the store")
    rows = np.array([net.role_index[f"{ONET_OCCUPATION}{c}"] for c in codes])
    facets = {name: model.facet_rows(rows, name)[:, onet] for name in FACETS}
    position = {net.roles[j].rsplit("/", 1)[-1]: k for k, j in enumerate(onet)}
    listed = np.zeros((len(codes), len(onet)), dtype=bool)
    primary = np.zeros_like(listed)
    for r, code in enumerate(codes):
        for other, tier in related.related[code].items():
            if other in position:
                listed[r, position[other]] = True
                primary[r, position[other]] = tier == "Primary-Short"
    own = np.array([position[c] for c in codes])

    def score(weights: Mapping[str, float]) -> tuple[float, float]:
        blend = model.combine(facets, weights, rows=rows, columns=onet)
        blend[np.arange(len(codes)), own] = -1.0
        top = np.argsort(-blend, axis=1, kind="stable")[:, :20]
        hits = np.take_along_axis(listed, top, axis=1).sum(axis=1)
        short = np.take_along_axis(primary, top[:, :10], axis=1).sum(axis=1)
        has_primary = primary.sum(axis=1) > 0
        recall = float(np.mean(hits / np.maximum(listed.sum(axis=1), 1)))
        recall_short = float(np.mean(short[has_primary] / primary.sum(axis=1)[has_primary]))
        return recall, recall_short

    weights = dict(start if start is not None else model.weights)
    best = score(weights)
    for step in steps:
        improved = True
        while improved:
            improved = False
            for name in FACETS:
                for delta in (step, -step):
                    trial = dict(weights)
                    trial[name] = round(max(0.0, trial.get(name, 0.0) + delta), 4)
                    found = score(trial)
                    if sum(found) > sum(best) + 1e-4:
                        weights, best, improved = trial, found, True
    total = sum(weights.values()) or 1.0
    return {name: round(weights.get(name, 0.0) / total, 3) for name in FACETS}, best[0], best[1]


_CODE, _RELATED, _TIER = "O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier"
ONET_OCCUPATION = "https://w3id.org/rolegraph/id/onet/occupation/"


__all__ = [
    "REFERENCES",
    "MeasureQuality",
    "RelatedOccupations",
    "SimilarityEvaluation",
    "evaluate_similarity",
    "fit_weights",
    "measure_quality",
    "reference_group",
    "related_recall",
]
