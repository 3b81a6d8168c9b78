"""SHACL validation of the full taxonomies, with rolegraph's own validator and with pySHACL."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from taxbench.common import Timer, log, peak_rss_mib

# -- validation ---------------------------------------------------------------------------------


def digest(report: Any) -> str:
    """A fingerprint of a report's results, to compare two engines."""
    lines = sorted(
        f"{r.focus_node}|{r.path}|{r.value}|{r.constraint}|{r.severity}" for r in report.results
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def report_figures(report: Any) -> dict[str, Any]:
    severities: dict[str, int] = {}
    for result in report.results:
        severities[result.severity] = severities.get(result.severity, 0) + 1
    return {
        "conforms": report.conforms,
        "results": len(report.results),
        "by_severity": severities,
        "digest": digest(report),
    }


def validate_fast(graph: Any) -> dict[str, Any]:
    """``RoleGraph.validate()`` with the fast engine (what ``rolegraph validate`` runs), then
    once more split into its two parts (writing N-Triples, validating them) to see which one
    dominates."""
    from rolegraph.validate import default_engine, validate_ntriples

    engine = default_engine()
    log(f"validating the full graph ({engine})")
    with Timer() as timer:
        report = graph.validate()
    figures = {"engine": engine, "seconds": timer.seconds, **report_figures(report)}
    log(f"  {timer.seconds:.1f} s, {len(report.results)} results")
    if engine == "shacl":
        with tempfile.TemporaryDirectory(prefix="rolegraph-bench-") as folder:
            path = Path(folder) / "all.nt"
            with Timer() as dump:
                graph.store.dump_ntriples(path)
            with Timer() as check:
                validate_ntriples(path)
            figures["dump_seconds"] = dump.seconds
            figures["shacl_seconds"] = check.seconds
            figures["nt_bytes"] = path.stat().st_size
    return figures


def pyshacl_child_main(store_path: str) -> int:
    """Validate the store's data with pySHACL (the reference), on an rdflib copy of it."""
    from rolegraph.api import RoleGraph
    from rolegraph.store import open_store
    from rolegraph.validate import validate

    graph = RoleGraph(open_store(store_path, read_only=True))
    with Timer() as copy:
        data = graph.data_graph()
        ontology = graph.ontology()
    with Timer() as check:
        report = validate(data, ontology=ontology, engine="pyshacl")
    figures = {
        "copy_seconds": copy.seconds,
        "validate_seconds": check.seconds,
        "seconds": copy.seconds + check.seconds,
        "triples": len(data),
        **report_figures(report),
        "peak_rss_mib": peak_rss_mib(),
    }
    print(json.dumps(figures), flush=True)
    return 0
