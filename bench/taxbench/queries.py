"""The named queries on the full taxonomies: which queries run with which values, timed in a
child process (Oxigraph) or under an alarm (rdflib), so a slow query is reported as timed out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from taxbench.common import (
    PARAMETER_VALUES,
    ROLE_PAIRS,
    SCRIPT,
    LineReader,
    Settings,
    _usage_mib,
    log,
    peak_rss_mib,
    percentile,
)

# -- named queries ------------------------------------------------------------------------------


def query_plan() -> list[dict[str, Any]]:
    """Every named query with the parameter values it runs with: violation checks and queries
    without parameters once, the others once per real role, skill, tool, ... of PARAMETER_VALUES."""
    from rolegraph.queries import load_queries

    plan = []
    for name, query in load_queries().items():
        names = [p.name for p in query.parameters]
        if not names:
            values: list[dict[str, str]] = [{}]
        elif sorted(names) == ["a", "b"]:
            values = [{"a": a, "b": b} for a, b in ROLE_PAIRS]
        elif len(names) == 1 and names[0] in PARAMETER_VALUES:
            values = [{names[0]: value} for value in PARAMETER_VALUES[names[0]]]
        else:
            raise SystemExit(f"no benchmark values for the parameters of query {name}: {names}")
        plan.append({"name": name, "kind": query.kind, "values": values})
    return plan


def run_plan(
    store: Any,
    plan: Sequence[dict[str, Any]],
    repeat: int,
    budget: float,
    emit: Callable[[dict[str, Any]], None],
) -> None:
    """Run each query of ``plan``: per set of values one first (cold) run, then up to ``repeat``
    timed runs, until the timed runs of the query have used ``budget`` seconds. ``emit``
    receives an event before each run (``start``) and after it (``ran``, with seconds and rows)."""
    from rolegraph.queries import bind_values, get_query, run_query

    for item in plan:
        query = get_query(item["name"])
        spent = 0.0
        for index, values in enumerate(item["values"]):
            bindings = bind_values(query, values)
            for run in range(repeat + 1):
                if run > 0 and spent >= budget:
                    break
                emit({"event": "start", "query": item["name"], "set": index, "run": run})
                started = time.perf_counter()
                result = run_query(store, query, bindings)
                seconds = time.perf_counter() - started
                if run > 0:
                    spent += seconds
                emit(
                    {
                        "event": "ran",
                        "query": item["name"],
                        "set": index,
                        "run": run,
                        "seconds": seconds,
                        "rows": len(result),
                    }
                )
        emit({"event": "done", "query": item["name"]})


def summarize_queries(
    plan: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]], timeouts: dict[str, float]
) -> list[dict[str, Any]]:
    """Latency figures per query from the events of :func:`run_plan`: p50/p95 of the timed runs
    (the first run of each set of values when there is no other), the first runs, rows."""
    summaries = []
    for item in plan:
        name = item["name"]
        ran = [e for e in events if e["event"] == "ran" and e["query"] == name]
        timed = [e["seconds"] * 1000 for e in ran if e["run"] > 0]
        first = [e["seconds"] * 1000 for e in ran if e["run"] == 0]
        samples = timed or first
        per_set = []
        for index, values in enumerate(item["values"]):
            mine = [e for e in ran if e["set"] == index]
            per_set.append(
                {
                    "values": values,
                    "runs": len(mine),
                    "first_ms": next((e["seconds"] * 1000 for e in mine if e["run"] == 0), None),
                    "median_ms": percentile([e["seconds"] * 1000 for e in mine], 50),
                    "rows": mine[0]["rows"] if mine else None,
                }
            )
        summary: dict[str, Any] = {
            "name": name,
            "kind": item["kind"],
            "sets": len(item["values"]),
            "runs": len(samples),
            "p50_ms": percentile(samples, 50),
            "p95_ms": percentile(samples, 95),
            "max_ms": max(samples) if samples else None,
            "first_max_ms": max(first) if first else None,
            "status": "ok",
            "per_set": per_set,
        }
        if name in timeouts:
            summary["status"] = "timeout"
            summary["timeout_s"] = timeouts[name]
        summaries.append(summary)
    return summaries


def queries_in_child(
    store_path: Path, plan: list[dict[str, Any]], settings: Settings
) -> tuple[list[dict[str, Any]], float]:
    """Run the plan in a child process over the on-disk store (opened read-only); a query still
    running ``query_timeout`` seconds after a run started is killed with its process, recorded as
    timed out, and the child restarted for the rest. Returns the summaries and the children's
    largest peak RSS."""
    events: list[dict[str, Any]] = []
    timeouts: dict[str, float] = {}
    peak = 0.0
    remaining = list(plan)
    while remaining:
        child = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--query-child", str(store_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert child.stdin is not None and child.stdout is not None
        request = {"plan": remaining, "settings": settings.__dict__}
        child.stdin.write(json.dumps(request).encode("utf-8"))
        child.stdin.close()
        reader = LineReader(child.stdout.fileno())
        current: str | None = None
        finished: set[str] = set()
        timed_out = False
        while True:
            line = reader.next_line(settings.query_timeout if current is not None else 300.0)
            if line is None:
                timed_out = True
                break
            if line == b"":
                break
            if not line.strip():
                continue
            event = json.loads(line)
            if event["event"] == "start":
                current = event["query"]
            elif event["event"] == "ran":
                events.append(event)
                current = None
            elif event["event"] == "done":
                finished.add(event["query"])
            elif event["event"] == "end":
                peak = max(peak, event["peak_rss_mib"])
        if timed_out:
            child.kill()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        child.stdout.close()
        peak = max(peak, _usage_mib(usage))
        if timed_out and current is not None:
            log(f"  {current}: timed out after {settings.query_timeout:.0f} s")
            timeouts[current] = settings.query_timeout
            finished.add(current)
        elif child.returncode != 0:
            raise SystemExit(f"the query process failed (exit {child.returncode})")
        remaining = [item for item in remaining if item["name"] not in finished]
    return summarize_queries(plan, events, timeouts), peak


def query_child_main(store_path: str) -> int:
    """The child of :func:`queries_in_child`: runs the plan it reads on stdin."""
    from rolegraph.store import open_store

    request = json.loads(sys.stdin.read())
    settings = Settings(**request["settings"])
    store = open_store(store_path, read_only=True)

    def emit(event: dict[str, Any]) -> None:
        print(json.dumps(event), flush=True)

    run_plan(store, request["plan"], settings.repeat, settings.query_budget, emit)
    # Not closed: closing flushes, which a read-only Oxigraph store refuses; exiting releases it.
    emit({"event": "end", "peak_rss_mib": peak_rss_mib()})
    return 0


class QueryTimeout(BaseException):
    """Raised by the alarm in a query that ran too long (a BaseException, so no handler of
    ordinary errors inside the engine swallows it)."""


def queries_in_process(
    store: Any, plan: list[dict[str, Any]], settings: Settings
) -> list[dict[str, Any]]:
    """Run the plan in this process (pure-Python engines), each run under an alarm of
    ``rdflib_query_timeout`` seconds; a query that times out is not run with its other values."""
    events: list[dict[str, Any]] = []
    timeouts: dict[str, float] = {}
    limit = settings.rdflib_query_timeout
    fired = False

    def alarm(signum: int, frame: FrameType | None) -> None:
        nonlocal fired
        # Only interrupt a run still in progress, never the code that handles a timeout.
        while frame is not None and frame.f_code is not run_plan.__code__:
            frame = frame.f_back
        if frame is None:
            return
        fired = True
        # rdflib evaluates FILTER expressions under a bare ``except:``, which may swallow the
        # exception: ring again shortly until it gets through.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise QueryTimeout

    def disarm() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def emit(event: dict[str, Any]) -> None:
        nonlocal fired
        if event["event"] == "start":
            fired = False
            signal.setitimer(signal.ITIMER_REAL, limit)
        elif event["event"] == "ran":
            disarm()
            if fired:
                # The run ended although the alarm rang: an engine swallowed the exception, so
                # its answer may be wrong. It counts as timed out.
                raise QueryTimeout
            events.append(event)

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        for item in plan:
            log(f"  query {item['name']}")
            try:
                run_plan(store, [item], settings.repeat, settings.query_budget, emit)
            except QueryTimeout:
                disarm()
                log(f"  {item['name']}: timed out after {limit:.0f} s")
                timeouts[item["name"]] = limit
    finally:
        disarm()
        signal.signal(signal.SIGALRM, previous)
    return summarize_queries(plan, events, timeouts)
