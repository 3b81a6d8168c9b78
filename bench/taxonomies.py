"""Benchmark of rolegraph on the full public taxonomies: ESCO 1.1.1, O*NET 29.2 and the
ESCO-O*NET crosswalk, in the pure-Python rdflib engine (in memory) and in the on-disk Oxigraph
store, side by side.

Usage::

    .venv/bin/python bench/taxonomies.py [--data-dir DIR] [--repeat N]
        [--engines oxigraph,rdflib] [--quick]

The data is read from ``--data-dir``, else ROLEGRAPH_DATA_DIR, else ``../shared/data`` next to
the repository. Every engine runs in its own process, so each peak memory figure is that
engine's alone; slow queries run in a child process (Oxigraph) or under an alarm (rdflib) and are
reported as timed out instead of holding the run up. The table is printed and written, with every
raw figure, as JSON and Markdown to ``artifacts/bench/taxonomies-<date>.{json,md}``.

What each row measures is described in ``bench/README.md``. The parts live in ``bench/taxbench/``:
``common`` (targets, data, settings, helpers), ``engine`` (one engine's process: import, store
open), ``queries``, ``analysis``, ``validation`` and ``table`` (the figures as text and Markdown).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from taxbench.common import (
    ARTIFACTS,
    FULL,
    ROOT,
    SOURCE_TITLES,
    SOURCES,
    TARGETS,
    Settings,
    calibrate,
    cpu_share,
    cpu_times,
    load_average,
)
from taxbench.engine import open_probe_main, run_pyshacl, run_worker, worker_main
from taxbench.queries import query_child_main, query_plan
from taxbench.table import (
    COLUMN_TITLES,
    build_rows,
    column_titles,
    header,
    machine,
    render_markdown,
    render_text,
)
from taxbench.validation import pyshacl_child_main

__all__ = ["main", "query_plan"]

# -- main ---------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    default_data = os.environ.get("ROLEGRAPH_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser = argparse.ArgumentParser(
        description="Import ESCO 1.1.1, O*NET 29.2 and the crosswalk and time rolegraph on them."
    )
    parser.add_argument("--data-dir", default=default_data, help="default: %(default)s")
    parser.add_argument(
        "--repeat", type=int, default=None, help="timed runs per query and value set (20; quick 5)"
    )
    parser.add_argument("--engines", default="oxigraph,rdflib", help="default: %(default)s")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs, no pySHACL, and the rdflib column on O*NET only",
    )
    parser.add_argument(
        "--query-timeout", type=float, default=None, help="Oxigraph, seconds (20; quick 10)"
    )
    parser.add_argument(
        "--rdflib-query-timeout", type=float, default=None, help="rdflib, seconds (5; quick 2)"
    )
    parser.add_argument(
        "--query-budget",
        type=float,
        default=None,
        help="seconds of timed runs per query before it stops repeating (3; quick 1)",
    )
    parser.add_argument(
        "--pyshacl-timeout",
        type=float,
        default=None,
        help="seconds; 0 skips the pySHACL reference run (180; quick 0)",
    )
    parser.add_argument(
        "--pairs", type=int, default=None, help="route pairs sampled (100; quick 30)"
    )
    parser.add_argument("--keep-store", action="store_true", help="keep the on-disk store")
    parser.add_argument("--output", type=Path, default=ARTIFACTS, help="default: %(default)s")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--probe-open", help=argparse.SUPPRESS)
    parser.add_argument("--query-child", help=argparse.SUPPRESS)
    parser.add_argument("--pyshacl-child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def pick(value: float | int | None, normal: float | int, quick: float | int, is_quick: bool) -> Any:
    if value is not None:
        return value
    return quick if is_quick else normal


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker_main(args.worker, Settings.from_json(args.settings), args.result)
    if args.probe_open:
        return open_probe_main(args.probe_open)
    if args.query_child:
        return query_child_main(args.query_child)
    if args.pyshacl_child:
        return pyshacl_child_main(args.pyshacl_child)

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - set(COLUMN_TITLES))
    if unknown or not engines:
        raise SystemExit(f"unknown engine(s) {unknown}; choose from oxigraph, rdflib")
    data_dir = Path(args.data_dir).resolve()
    for kind in FULL:
        if not (data_dir / SOURCES[kind][0]).is_dir():
            raise SystemExit(f"no {SOURCE_TITLES[kind]} at {data_dir / SOURCES[kind][0]}")
    quick = bool(args.quick)
    settings = Settings(
        data_dir=str(data_dir),
        repeat=pick(args.repeat, 20, 5, quick),
        engines=engines,
        quick=quick,
        query_timeout=pick(args.query_timeout, 20.0, 10.0, quick),
        rdflib_query_timeout=pick(args.rdflib_query_timeout, 5.0, 2.0, quick),
        query_budget=pick(args.query_budget, 3.0, 1.0, quick),
        pyshacl_timeout=pick(args.pyshacl_timeout, 180.0, 0.0, quick),
        pairs=pick(args.pairs, 100, 30, quick),
    )
    output: Path = args.output
    output.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="taxonomies-", dir=output))
    # The store gets a folder of its own: caches and snapshots live beside it.
    settings.workdir = str(workdir)
    settings.store = str(workdir / "store" / "rolegraph")
    Path(settings.store).parent.mkdir()
    started = dt.datetime.now().astimezone()
    results: dict[str, Any] = {
        "started": started.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "settings": settings.__dict__,
        "targets": TARGETS,
        "load_average_start": load_average(),
        "calibration_start_s": calibrate(),
        "engines": {},
    }
    times_before = cpu_times()
    clock = time.perf_counter()
    try:
        for engine in ("oxigraph", "rdflib"):
            if engine in engines:
                results["engines"][engine] = run_worker(engine, settings)
        if "oxigraph" in engines and settings.pyshacl_timeout > 0:
            results["pyshacl"] = run_pyshacl(settings)
    finally:
        if not args.keep_store:
            shutil.rmtree(workdir, ignore_errors=True)
    results["load_average_end"] = load_average()
    results["calibration_end_s"] = calibrate()
    results["cpu"] = cpu_share(times_before, cpu_times())
    results["total_seconds"] = time.perf_counter() - clock

    order = [e for e in ("rdflib", "oxigraph") if e in engines]
    rows = build_rows(results)
    titles = column_titles(results, order)
    text = f"{header(results)}\n\n{render_text(rows, order, titles)}\n"
    text += f"\ntotal benchmark time {results['total_seconds'] / 60:.1f} min\n"
    markdown = f"{header(results)}\n\n{render_markdown(rows, order, titles)}\n"
    stem = f"taxonomies-{started.strftime('%Y-%m-%d')}"
    (output / f"{stem}.json").write_text(
        json.dumps(results, indent=1, default=str), encoding="utf-8"
    )
    (output / f"{stem}.md").write_text(markdown, encoding="utf-8")
    sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    print(text)
    print(f"figures written to {output / stem}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
