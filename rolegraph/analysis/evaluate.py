"""How good are the similar roles? Judged against how occupations are really related, with
evidence the data itself carries.

Two measures:

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

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours
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


__all__ = ["REFERENCES", "SimilarityEvaluation", "evaluate_similarity", "reference_group"]
