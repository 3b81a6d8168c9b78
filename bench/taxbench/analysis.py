"""The analyses on the full taxonomies: routes between sampled pairs, next moves, similarity
and comparison, timed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from taxbench.common import NAMED_PAIRS, SEED, Settings, Timer, expand, log, percentile

# -- analysis -----------------------------------------------------------------------------------


def reachable(graph: Any, source: str, max_edges: int) -> dict[str, int]:
    """Nodes of the route graph within ``max_edges`` edges of ``source``, with their distance."""
    distance = {source: 0}
    frontier = [source]
    for depth in range(1, max_edges + 1):
        following = []
        for node in frontier:
            for other in graph.succ[node]:
                if other not in distance:
                    distance[other] = depth
                    following.append(other)
        frontier = following
    return distance


def latency(samples_ms: Sequence[float]) -> dict[str, Any]:
    return {
        "n": len(samples_ms),
        "p50_ms": percentile(samples_ms, 50),
        "p95_ms": percentile(samples_ms, 95),
        "max_ms": max(samples_ms) if samples_ms else None,
    }


def analyse(graph: Any, settings: Settings) -> dict[str, Any]:
    """Projection, all-pairs overlap, route and next-move lookups, and similar-role quality."""
    from rolegraph.analysis import all_neighbours, evaluate_similarity
    from rolegraph.analysis.routes import route_graph
    from rolegraph.api import NextOptions, RouteOptions
    from rolegraph.explain import no_route_words
    from rolegraph.network.derived import forget_derived

    figures: dict[str, Any] = {}
    log("projecting the graph for the algorithms")
    with Timer() as timer:
        net = graph.network()
    figures["projection"] = {"seconds": timer.seconds, "summary": net.summary()}
    log(f"  {timer.seconds:.1f} s: {net.summary()}")

    log("all-pairs overlap")
    forget_derived(net)
    with Timer() as timer:
        neighbours = all_neighbours(net, 10)
    figures["all_pairs"] = {
        "seconds": timer.seconds,
        "roles": len(net.roles),
        "pairs": len(net.roles) * (len(net.roles) - 1) // 2,
        "top": 10,
        "measure": neighbours.measure,
    }
    log(f"  {timer.seconds:.2f} s for {len(net.roles):,} roles")

    first_pair = next(
        ((expand(a), expand(b)) for a, b in NAMED_PAIRS if expand(a) in net.role_index), None
    )
    with Timer() as timer:
        moves = route_graph(net)
        if first_pair is not None and first_pair[1] in net.role_index:
            # the first search also builds the adjacency lists every later one reuses
            graph.routes(first_pair[0], first_pair[1], options=RouteOptions(k=3))
    figures["route_graph"] = {
        "seconds": timer.seconds,
        "nodes": moves.number_of_nodes(),
        "edges": moves.number_of_edges(),
    }

    rng = random.Random(SEED)
    roles = list(net.roles)
    named = [
        (expand(a), expand(b))
        for a, b in NAMED_PAIRS
        if expand(a) in net.role_index and expand(b) in net.role_index
    ]
    connected: list[tuple[str, str]] = []
    movable = [r for r in roles if moves.succ[r]]
    attempts = 0
    while len(connected) < settings.pairs // 2 and movable and attempts < settings.pairs * 20:
        attempts += 1
        source = rng.choice(movable)
        far = [n for n, d in reachable(moves, source, 4).items() if d >= 2]
        if far:
            connected.append((source, rng.choice(sorted(far))))
    anywhere = [tuple(rng.sample(roles, 2)) for _ in range(settings.pairs - len(connected))]
    log(f"route lookups: {len(named)} named, {len(connected)} connected, {len(anywhere)} random")
    route_ms: dict[str, list[float]] = {"named": [], "connected": [], "random": []}
    found_ms: list[float] = []
    named_results = []
    for group, pairs in (("named", named), ("connected", connected), ("random", anywhere)):
        for source, target in pairs:
            with Timer() as timer:
                result = graph.routes(source, target, options=RouteOptions(k=3))
            route_ms[group].append(timer.seconds * 1000)
            if result.routes:
                found_ms.append(timer.seconds * 1000)
            if group == "named":
                named_results.append(
                    {
                        "from": net.label(source),
                        "to": net.label(target),
                        "ms": timer.seconds * 1000,
                        "routes": len(result.routes),
                        "steps": [r.moves for r in result.routes],
                        "reason": no_route_words(result),
                    }
                )
    every = [ms for group in route_ms.values() for ms in group]
    figures["routes"] = {
        "k": 3,
        "all": latency(every),
        "with_route": latency(found_ms),
        "by_group": {group: latency(values) for group, values in route_ms.items()},
        "named": named_results,
    }

    sources = [a for a, _ in named] + rng.sample(roles, min(len(roles), settings.pairs // 2))
    for depth in (1, 2):
        samples = []
        for role in sources:
            with Timer() as timer:
                graph.next_moves(role, options=NextOptions(depth=depth))
            samples.append(timer.seconds * 1000)
        figures[f"next_depth{depth}"] = latency(samples)

    log("similar-role quality")
    with Timer() as timer:
        evaluations = evaluate_similarity(net, k=10)
    figures["quality"] = {
        "seconds": timer.seconds,
        "method": (
            "group precision@10 of all_neighbours (weighted-jaccard over skill requirement "
            "weights) against the ISCO-08 unit group (ESCO) / SOC minor group (O*NET), "
            "with the random baseline; crosswalk agreement@10 for ESCO"
        ),
        "results": [e.to_dict() for e in evaluations],
    }
    return figures
