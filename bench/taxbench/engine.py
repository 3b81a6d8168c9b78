"""One engine's run of the taxonomy benchmark, in a process of its own: importing the sources,
opening the store afresh, and the pySHACL reference run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from taxbench.analysis import analyse
from taxbench.common import (
    SCRIPT,
    SOURCE_TITLES,
    SOURCES,
    Settings,
    Timer,
    _usage_mib,
    load_average,
    log,
    peak_rss_mib,
    run_child,
)
from taxbench.queries import queries_in_child, queries_in_process, query_plan
from taxbench.validation import validate_fast

# -- import -------------------------------------------------------------------------------------


def import_sources(store: Any, data_dir: Path, sources: Sequence[str]) -> dict[str, Any]:
    """Import the sources as ``rolegraph import`` does, through ``RoleGraph.open_import``: the
    built-in ontology and article first when the store lacks them, then each release into its
    named graph (its files' digest taken, the store flushed)."""
    from rolegraph.api import RoleGraph
    from rolegraph.load import ARTICLE_GRAPH, ONTOLOGY_GRAPH
    from rolegraph.store import load_builtin

    graph = RoleGraph(store, owns_store=False)

    figures: dict[str, Any] = {}
    with Timer() as builtin:
        names = store.graph_names()
        if ONTOLOGY_GRAPH not in names or ARTICLE_GRAPH not in names:
            load_builtin(store)
    figures["builtin"] = {"seconds": builtin.seconds, "triples": store.count()}
    total_seconds = builtin.seconds
    total_triples = figures["builtin"]["triples"]
    for kind in sources:
        folder, options = SOURCES[kind]
        paths = {key: data_dir / value for key, value in options.items()}
        log(f"importing {SOURCE_TITLES[kind]}")
        with Timer() as timer:
            pending = graph.open_import(
                kind,
                data_dir / folder,
                onet_dir=paths.get("onet_dir"),
                esco_dir=paths.get("esco_dir"),
            )
            count = pending.run(prepare=False).triples
        figures[kind] = {
            "seconds": timer.seconds,
            "triples": count,
            "rate": count / timer.seconds if timer.seconds else None,
            "graph": str(pending.importer.graph_iri),
            "quirks": {q.kind: q.count for q in pending.importer.report.quirks},
        }
        log(f"  {count:,} triples in {timer.seconds:.1f} s")
        total_seconds += timer.seconds
        total_triples += count
    figures["total"] = {
        "seconds": total_seconds,
        "triples": total_triples,
        "rate": total_triples / total_seconds if total_seconds else None,
    }
    return figures


# -- store open ---------------------------------------------------------------------------------


def open_probe_main(store_path: str) -> int:
    """In a fresh process: open the store and answer a first query (what every command on a
    store pays), then the cached name index and projection."""
    started = time.perf_counter()
    from rolegraph.api import RoleGraph
    from rolegraph.vocab import RG

    imported = time.perf_counter()
    graph = RoleGraph.open(store_path)
    opened = time.perf_counter()
    answer = graph.store.query(f"ASK {{ ?role a <{RG.Role}> }}")
    first = time.perf_counter()
    assert answer.boolean
    graph.resolve_role("Account Manager")
    named = time.perf_counter()
    description = graph.role("Account Manager")
    described = time.perf_counter()
    graph.network()
    projected = time.perf_counter()
    graph.close()
    figures = {
        "python_imports_seconds": imported - started,
        "open_seconds": opened - imported,
        "first_query_seconds": first - opened,
        "open_to_first_answer_seconds": first - imported,
        "name_lookup_seconds": named - first,
        "role_description_seconds": described - named,
        "role_label": description.label if hasattr(description, "label") else None,
        "cached_projection_seconds": projected - described,
        "peak_rss_mib": peak_rss_mib(),
    }
    print(json.dumps(figures, default=str), flush=True)
    return 0


# -- one engine ---------------------------------------------------------------------------------


def worker_main(engine: str, settings: Settings, result_path: str) -> int:
    """Everything measured for one engine, in this process (plus the children it starts)."""
    from rolegraph.api import RoleGraph
    from rolegraph.store import RdflibStore, open_store
    from rolegraph.vocab import RG

    data_dir = Path(settings.data_dir)
    sources = settings.sources(engine)
    figures: dict[str, Any] = {
        "engine": engine,
        "sources": list(sources),
        "load_average_start": load_average(),
    }
    ask = f"ASK {{ ?role a <{RG.Role}> }}"
    store: Any
    if engine == "oxigraph":
        store_path = Path(settings.store)
        store = open_store(str(store_path))  # as ``rolegraph --store PATH import`` opens it
    else:
        store = RdflibStore()
    log(f"[{engine}] import of {', '.join(SOURCE_TITLES[s] for s in sources)}")
    figures["import"] = import_sources(store, data_dir, sources)
    figures["triples"] = store.count()

    if engine == "oxigraph":
        store.close()
        with Timer() as timer:
            store = open_store(str(store_path))
            store.query(ask)
        figures["reopen_in_process_seconds"] = timer.seconds
    graph = RoleGraph(store)
    with Timer() as timer:
        graph.resolve_role("Account Manager")
    figures["name_index_cold_seconds"] = timer.seconds

    figures.update(analyse(graph, settings))
    figures["validation"] = validate_fast(graph)
    figures["peak_rss_before_queries_mib"] = peak_rss_mib()

    plan = query_plan()
    log(f"[{engine}] {len(plan)} named queries, up to {settings.repeat} runs per value set")
    if engine == "oxigraph":
        graph.close()
        code, out, seconds, _ = run_child(["--probe-open", str(store_path)], timeout=300)
        if code != 0:
            raise SystemExit(f"the store-open probe failed (exit {code})")
        figures["open"] = {**json.loads(out), "process_seconds": seconds}
        opened = figures["open"]["open_to_first_answer_seconds"]
        log(f"  store open -> first answer: {opened:.3f} s")
        figures["queries"], figures["query_child_peak_rss_mib"] = queries_in_child(
            store_path, plan, settings
        )
    else:
        figures["queries"] = queries_in_process(store, plan, settings)
        graph.close()
    figures["peak_rss_mib"] = peak_rss_mib()
    figures["load_average_end"] = load_average()
    Path(result_path).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


def run_worker(engine: str, settings: Settings) -> dict[str, Any]:
    """Run one engine's process; its figures, with its wall time and kernel-counted peak RSS."""
    with tempfile.NamedTemporaryFile(
        "r", suffix=".json", prefix=f"{engine}-", dir=settings.workdir, delete=False
    ) as handle:
        path = handle.name
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            str(SCRIPT),
            "--worker",
            engine,
            "--settings",
            settings.to_json(),
            "--result",
            path,
        ]
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the {engine} benchmark failed (exit {child.returncode})")
    figures: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    figures["wall_seconds"] = time.perf_counter() - started
    figures["kernel_peak_rss_mib"] = _usage_mib(usage)
    return figures


def run_pyshacl(settings: Settings) -> dict[str, Any]:
    """pySHACL over the on-disk store's data, in a child process killed at the timeout."""
    log(f"pySHACL reference validation (timeout {settings.pyshacl_timeout:.0f} s)")
    code, out, seconds, peak = run_child(
        ["--pyshacl-child", settings.store], timeout=settings.pyshacl_timeout
    )
    if code is None:
        log("  timed out")
        return {
            "status": "timeout",
            "timeout_s": settings.pyshacl_timeout,
            "process_seconds": seconds,
            "peak_rss_mib": peak,
        }
    if code != 0:
        return {"status": "error", "exit": code}
    figures: dict[str, Any] = json.loads(out)
    figures["status"] = "ok"
    figures["process_seconds"] = seconds
    log(f"  {figures['seconds']:.1f} s")
    return figures
