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

What each row measures is described in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import platform
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTIFACTS = ROOT / "artifacts" / "bench"

# -- targets ------------------------------------------------------------------------------------

#: What the benchmark must reach on a 2-core machine (seconds, or MiB for memory).
TARGETS: dict[str, float] = {
    "import_total_s": 60.0,
    "store_open_s": 1.0,
    "query_p95_ms": 100.0,
    "route_ms": 50.0,
    "all_pairs_s": 10.0,
    "validation_s": 10.0,
    "peak_rss_mib": 4096.0,
}

# -- the data -----------------------------------------------------------------------------------

#: Each source: its folder under the data directory, and importer options naming other folders.
SOURCES: dict[str, tuple[str, dict[str, str]]] = {
    "esco": ("esco/1.1.1", {}),
    "onet": ("onet/29.2", {}),
    "crosswalk": ("crosswalk", {"onet_dir": "onet/29.2", "esco_dir": "esco/1.1.1"}),
}
FULL = ("esco", "onet", "crosswalk")
#: What the rdflib column imports under --quick (plus the built-in article data).
QUICK_RDFLIB = ("onet",)
SOURCE_TITLES = {"esco": "ESCO 1.1.1", "onet": "O*NET 29.2", "crosswalk": "crosswalk (MCC)"}

# Real roles and skills to bind: the article's Account Manager and Project Manager, their ESCO
# counterparts (the article's rg:escoConcept) and O*NET occupations (Sales Managers; Project
# Management Specialists, the O*NET-SOC code of the article's Project Manager).
ESCO_ACCOUNT_MANAGER = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
ESCO_PROJECT_MANAGER = "http://data.europa.eu/esco/occupation/bea99fea-0383-4c63-b944-70d4799de2c5"
ONET_SALES_MANAGERS = "onet:occupation/11-2022.00"
ONET_PROJECT_SPECIALISTS = "onet:occupation/13-1082.00"
ONET_GENERAL_MANAGERS = "onet:occupation/11-1021.00"
#: "create solutions to problems", the ESCO skill most occupations require.
ESCO_TOP_SKILL = "http://data.europa.eu/esco/skill/03b9b491-fc9b-4868-914a-bf7cd47b5041"
#: "Active Listening", the O*NET skill most occupations require.
ONET_TOP_SKILL = "onet:element/2.A.1.b"
#: "Spreadsheet software", the O*NET technology most occupations use.
ONET_TOP_TOOL = "onet:tool/43232110"

ROLES = ["role:account-manager", ESCO_ACCOUNT_MANAGER, ONET_SALES_MANAGERS]
ROLE_PAIRS = [
    ("role:account-manager", "role:project-manager"),
    (ESCO_ACCOUNT_MANAGER, ESCO_PROJECT_MANAGER),
    (ONET_SALES_MANAGERS, ONET_PROJECT_SPECIALISTS),
]
#: Values of each parameter name of the named queries (a pair of roles binds ``a`` and ``b``).
PARAMETER_VALUES: dict[str, list[str]] = {
    "role": ROLES,
    "label": ["Account Manager", "sales account manager", "Sales Managers"],
    "skill": ["skill:communication", ESCO_TOP_SKILL, ONET_TOP_SKILL],
    "tool": ["tool:crm-software", ONET_TOP_TOOL],
    "industry": ["industry:technology"],
    "certification": ["cert:project-management-professional"],
    "focus": ["rg:RelationshipFocused", "rg:TaskFocused"],
}
#: Route lookups always timed, besides the sampled pairs.
NAMED_PAIRS = [
    ("role:account-manager", "role:sales-manager"),
    ("role:account-manager", "role:project-manager"),
    ("role:account-manager", ONET_SALES_MANAGERS),
    ("role:project-manager", ONET_GENERAL_MANAGERS),
    (ESCO_ACCOUNT_MANAGER, ESCO_PROJECT_MANAGER),
    (ONET_SALES_MANAGERS, ONET_PROJECT_SPECIALISTS),
]
SEED = 20241127


@dataclass
class Settings:
    """The options of one run, passed on to the engine processes."""

    data_dir: str
    repeat: int
    engines: list[str]
    quick: bool
    query_timeout: float
    rdflib_query_timeout: float
    query_budget: float
    pyshacl_timeout: float
    pairs: int
    workdir: str = ""
    store: str = ""

    def sources(self, engine: str) -> tuple[str, ...]:
        return QUICK_RDFLIB if self.quick and engine == "rdflib" else FULL

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        return cls(**json.loads(text))


# -- small helpers ------------------------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr, so stdout keeps the table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mib() -> float:
    """This process's resident set high-water mark (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0..100) by linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def expand(name: str) -> str:
    """A prefixed name with a rolegraph prefix as a full IRI (IRIs stay as they are)."""
    from rolegraph.vocab import PREFIXES

    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    return name


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def cpu_times() -> list[int]:
    """The machine's CPU time counters (user, nice, system, idle, iowait, irq, softirq, steal)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            return [int(x) for x in stat.readline().split()[1:9]]
    except OSError:
        return []


def cpu_share(before: list[int], after: list[int]) -> dict[str, float]:
    """How the machine's CPU time was spent between two :func:`cpu_times` readings."""
    if len(before) < 8 or len(after) < 8:
        return {}
    delta = [b - a for a, b in zip(before, after)]
    total = sum(delta) or 1
    return {
        "busy": round(1 - (delta[3] + delta[4]) / total, 3),
        "steal": round(delta[7] / total, 3),
    }


def calibrate() -> float:
    """Seconds of a fixed pure-Python loop: a gauge of how fast the (shared) machine ran."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - started, 3)


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds``."""

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def run_child(
    args: list[str], timeout: float | None = None
) -> tuple[int | None, str, float, float]:
    """Run this script as a child: (exit code, or None when killed at ``timeout``; its stdout;
    seconds; its peak RSS in MiB as the kernel counted it)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
    )
    assert child.stdout is not None
    reader = LineReader(child.stdout.fileno())
    lines = []
    deadline = None if timeout is None else started + timeout
    killed = False
    while True:
        wait = None if deadline is None else max(0.0, deadline - time.perf_counter())
        line = reader.next_line(wait)
        if line is None:
            child.kill()
            killed = True
            break
        if line == b"":
            break
        lines.append(line.decode("utf-8"))
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    code = None if killed else child.returncode
    return code, "\n".join(lines), time.perf_counter() - started, _usage_mib(usage)


class LineReader:
    """Lines from a pipe with a timeout (select on the raw descriptor, no hidden buffering)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.closed = False

    def next_line(self, timeout: float | None) -> bytes | None:
        """The next line without its newline; ``b""`` at the end; None at the timeout."""
        deadline = None if timeout is None else time.perf_counter() + timeout
        while b"\n" not in self.buffer and not self.closed:
            wait = None if deadline is None else max(0.0, deadline - time.perf_counter())
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 16)
            if chunk:
                self.buffer += chunk
            else:
                self.closed = True
        if b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            return line or b" "
        line, self.buffer = self.buffer, b""
        return line


def _usage_mib(usage: Any) -> float:
    return float(usage.ru_maxrss) / 1024 if usage is not None else 0.0


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
            [sys.executable, str(Path(__file__).resolve()), "--query-child", str(store_path)],
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
                        "reason": result.reason,
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
            str(Path(__file__).resolve()),
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


# -- the table ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a measure, one cell per engine, the target."""

    label: str
    cells: dict[str, str] = field(default_factory=dict)
    target: str = ""


def mark(value: float | None, limit: float | None) -> str:
    if value is None or limit is None:
        return ""
    return " ✓" if value < limit else " ✗"


def seconds_text(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.1f} s"


def ms_text(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 10:
        return f"{value:.2f}"
    return f"{value:,.0f}"


def build_rows(results: dict[str, Any]) -> list[Row]:
    engines: dict[str, dict[str, Any]] = results["engines"]
    rows: list[Row] = []

    def ok(f: dict[str, Any], value: float | None, limit: float | None) -> str:
        """The pass/fail mark of a figure, only for a column measured on the full data."""
        return mark(value, limit) if f["sources"] == list(FULL) else ""

    def each(label: str, cell: Callable[[dict[str, Any]], str], target: str = "") -> None:
        rows.append(Row(label, {e: cell(f) for e, f in engines.items()}, target))

    each("triples in the store", lambda f: f"{f['triples']:,}")

    def import_cell(f: dict[str, Any], kind: str) -> str:
        if kind not in f["import"]:
            return "not imported"
        done = f["import"][kind]
        return f"{seconds_text(done['seconds'])}, {done['rate'] / 1000:.0f}k triples/s"

    for kind in FULL:
        each(f"import {SOURCE_TITLES[kind]}", functools.partial(import_cell, kind=kind))
    limit = TARGETS["import_total_s"]
    each(
        "import total (incl. built-in data)",
        lambda f: (
            f"{seconds_text(f['import']['total']['seconds'])}, "
            f"{f['import']['total']['rate'] / 1000:.0f}k/s"
            + ok(f, f["import"]["total"]["seconds"], limit)
        ),
        f"< {limit:.0f} s",
    )
    limit = TARGETS["store_open_s"]
    each(
        "store open -> first answer (fresh process)",
        lambda f: (
            seconds_text(f["open"]["open_to_first_answer_seconds"])
            + ok(f, f["open"]["open_to_first_answer_seconds"], limit)
            if "open" in f
            else "n/a (nothing persists)"
        ),
        f"< {limit:.0f} s",
    )
    each(
        "  same, incl. Python start and imports",
        lambda f: seconds_text(f["open"]["process_seconds"]) if "open" in f else "n/a",
    )
    each(
        "  first role lookup by name (cold / cached)",
        lambda f: (
            seconds_text(f["name_index_cold_seconds"])
            + (f" / {seconds_text(f['open']['name_lookup_seconds'])}" if "open" in f else "")
        ),
    )
    limit = TARGETS["validation_s"]
    each(
        "SHACL validation, full graph (fast engine)",
        lambda f: (
            seconds_text(f["validation"]["seconds"]) + ok(f, f["validation"]["seconds"], limit)
        ),
        f"< {limit:.0f} s",
    )
    each(
        "  of which write N-Triples / validate",
        lambda f: (
            f"{seconds_text(f['validation'].get('dump_seconds'))} / "
            f"{seconds_text(f['validation'].get('shacl_seconds'))}"
        ),
    )
    each(
        "  results (violations / warnings)",
        lambda f: (
            f"{f['validation']['by_severity'].get('Violation', 0)} / "
            f"{f['validation']['by_severity'].get('Warning', 0)}"
        ),
    )
    pyshacl = results.get("pyshacl")
    if pyshacl is not None:
        if pyshacl.get("status") == "ok":
            fast = engines.get("oxigraph", {}).get("validation", {})
            agree = pyshacl["digest"] == fast.get("digest")
            same = "same results" if agree else "DIFFERENT results"
            text = (
                f"{seconds_text(pyshacl['seconds'])} (copy {seconds_text(pyshacl['copy_seconds'])}"
                f"), {same}" + mark(pyshacl["seconds"], TARGETS["validation_s"])
            )
        elif pyshacl.get("status") == "timeout":
            text = f"> {pyshacl['timeout_s']:.0f} s (stopped)" + " ✗"
        else:
            text = str(pyshacl.get("status"))
        rows.append(
            Row(
                "SHACL validation, pySHACL reference",
                {e: (text if e == "oxigraph" else "see Oxigraph column") for e in engines},
                f"< {TARGETS['validation_s']:.0f} s",
            )
        )
    limit = TARGETS["query_p95_ms"]
    names = [q["name"] for q in next(iter(engines.values()))["queries"]]
    for name in names:

        def query_cell(f: dict[str, Any], name: str = name) -> str:
            q = next(x for x in f["queries"] if x["name"] == name)
            if q["status"] == "timeout":
                return f"> {q['timeout_s']:g} s (stopped)" + ok(f, float("inf"), limit)
            first = f" (first {ms_text(q['first_max_ms'])})" if q["first_max_ms"] else ""
            return f"{ms_text(q['p50_ms'])} / {ms_text(q['p95_ms'])}{first}" + ok(
                f, q["p95_ms"], limit
            )

        first = next(iter(engines.values()))
        sets = next(x["sets"] for x in first["queries"] if x["name"] == name)
        kind = next(x["kind"] for x in first["queries"] if x["name"] == name)
        label = f"{'check' if kind == 'violation' else 'query'} {name}"
        if sets > 1:
            label += f" (x{sets})"
        each(label + ", p50 / p95 ms (first run)", query_cell, f"p95 < {limit:.0f} ms")

    def query_summary(f: dict[str, Any]) -> str:
        queries = f["queries"]
        fast = [q for q in queries if q["status"] == "ok" and q["p95_ms"] < limit]
        reports = [q for q in queries if q["kind"] != "violation"]
        fast_reports = [q for q in fast if q["kind"] != "violation"]
        return (
            f"{len(fast)} of {len(queries)} (reports {len(fast_reports)} of {len(reports)}, "
            f"checks {len(fast) - len(fast_reports)} of {len(queries) - len(reports)})"
        )

    each(f"named queries with p95 < {limit:.0f} ms", query_summary, "all")
    if "rdflib" in engines and "oxigraph" in engines:
        equal, compared = 0, 0
        for mine in engines["rdflib"]["queries"]:
            theirs = next(q for q in engines["oxigraph"]["queries"] if q["name"] == mine["name"])
            for a, b in zip(mine["per_set"], theirs["per_set"]):
                if a["runs"] and b["runs"]:
                    compared += 1
                    equal += a["rows"] == b["rows"]
        rows.append(
            Row(
                "  answers: row counts equal across engines",
                {"rdflib": f"{equal} of {compared} value sets", "oxigraph": "(reference)"},
            )
        )
    each(
        "projection for the algorithms (first)",
        lambda f: seconds_text(f["projection"]["seconds"]),
    )
    each(
        "  projection read from its cache (fresh process)",
        lambda f: seconds_text(f["open"]["cached_projection_seconds"]) if "open" in f else "n/a",
    )
    each(
        "  roles / skills / requirements",
        lambda f: (
            f"{f['projection']['summary']['roles']:,} / {f['projection']['summary']['skills']:,}"
            f" / {f['projection']['summary']['requirements']:,}"
        ),
    )
    limit = TARGETS["all_pairs_s"]
    each(
        "all-pairs overlap, top 10 of every role",
        lambda f: (
            seconds_text(f["all_pairs"]["seconds"])
            + f" ({f['all_pairs']['roles']:,} roles)"
            + ok(f, f["all_pairs"]["seconds"], limit)
        ),
        f"< {limit:.0f} s",
    )
    each(
        "route graph build + first route (after all-pairs)",
        lambda f: seconds_text(f["route_graph"]["seconds"]),
    )
    limit = TARGETS["route_ms"]
    each(
        "route k=3, all sampled pairs, p50 / p95 ms",
        lambda f: (
            f"{ms_text(f['routes']['all']['p50_ms'])} / "
            f"{ms_text(f['routes']['all']['p95_ms'])} (n={f['routes']['all']['n']})"
            + ok(f, f["routes"]["all"]["p95_ms"], limit)
        ),
        f"p95 < {limit:.0f} ms",
    )
    each(
        "  pairs with a route, p50 / p95 ms",
        lambda f: (
            f"{ms_text(f['routes']['with_route']['p50_ms'])} / "
            f"{ms_text(f['routes']['with_route']['p95_ms'])} (n={f['routes']['with_route']['n']})"
            + ok(f, f["routes"]["with_route"]["p95_ms"], limit)
        ),
        f"p95 < {limit:.0f} ms",
    )

    def next_cell(f: dict[str, Any], depth: int) -> str:
        done = f[f"next_depth{depth}"]
        return f"{ms_text(done['p50_ms'])} / {ms_text(done['p95_ms'])} (n={done['n']})" + ok(
            f, done["p95_ms"], limit
        )

    for depth in (1, 2):
        each(
            f"next moves, depth {depth}, p50 / p95 ms",
            functools.partial(next_cell, depth=depth),
            f"p95 < {limit:.0f} ms",
        )

    def quality(f: dict[str, Any], scheme: str, key: str = "precision") -> str:
        found = [r for r in f["quality"]["results"] if r["scheme"] == scheme]
        if not found or found[0].get(key) is None:
            return "not imported"
        r = found[0]
        if key == "precision":
            return f"{r['precision']:.3f} vs random {r['baseline']:.3f} ({r['roles']:,} roles)"
        return (
            f"{r['agreement']:.3f} vs random {r['agreement_baseline']:.3f} "
            f"({r['agreement_roles']:,} roles)"
        )

    each(
        "similar roles: method",
        lambda f: (
            f"all_neighbours, {f['all_pairs']['measure']}, k=10" if f["quality"]["results"] else "–"
        ),
    )
    each(
        "similar roles, ESCO: precision@10 (ISCO-08 unit group)",
        functools.partial(quality, scheme="esco"),
    )
    each(
        "similar roles, O*NET: precision@10 (SOC minor group)",
        functools.partial(quality, scheme="onet"),
    )
    each(
        "similar roles, ESCO: crosswalk agreement@10",
        functools.partial(quality, scheme="esco", key="agreement"),
    )
    limit = TARGETS["peak_rss_mib"]

    def memory(f: dict[str, Any]) -> str:
        peak = max(
            f["peak_rss_mib"],
            f.get("kernel_peak_rss_mib", 0.0),
            f.get("query_child_peak_rss_mib", 0.0),
            f.get("open", {}).get("peak_rss_mib", 0.0),
        )
        return f"{peak / 1024:.2f} GiB" + ok(f, peak, limit)

    each("peak memory (RSS high-water mark)", memory, f"< {limit / 1024:.0f} GiB")
    if pyshacl is not None and pyshacl.get("peak_rss_mib"):
        rows.append(
            Row(
                "  pySHACL reference process",
                {
                    e: (
                        f"{pyshacl['peak_rss_mib'] / 1024:.2f} GiB"
                        if e == "oxigraph"
                        else "see Oxigraph column"
                    )
                    for e in engines
                },
            )
        )
    each("engine process wall time", lambda f: seconds_text(f["wall_seconds"]))
    return rows


COLUMN_TITLES = {"rdflib": "rdflib (in memory)", "oxigraph": "Oxigraph (on disk)"}


def column_titles(results: dict[str, Any], engines: Sequence[str]) -> list[str]:
    """The engine columns' titles, naming the subset a column was measured on."""
    titles = []
    for engine in engines:
        sources = results["engines"][engine]["sources"]
        title = COLUMN_TITLES[engine]
        if sources != list(FULL):
            title += f" [subset: {', '.join(SOURCE_TITLES[k] for k in sources)}]"
        titles.append(title)
    return titles


def render_text(rows: list[Row], engines: Sequence[str], titles: Sequence[str]) -> str:
    headers = ["measure", *titles, "target"]
    table = [[r.label, *(r.cells.get(e, "") for e in engines), r.target] for r in rows]
    widths = [max(len(line[i]) for line in [headers, *table]) for i in range(len(headers))]
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths))]
    out.append("  ".join("-" * w for w in widths))
    for line in table:
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip())
    return "\n".join(out)


def render_markdown(rows: list[Row], engines: Sequence[str], titles: Sequence[str]) -> str:
    headers = ["measure", *titles, "target"]
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        cells = [r.label.strip(), *(r.cells.get(e, "") for e in engines), r.target]
        if r.label.startswith("  "):
            cells[0] = "↳ " + cells[0]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out)


def machine() -> dict[str, Any]:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            kib = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
            memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    versions: dict[str, str | None] = {}
    for package in ("rdflib", "pyoxigraph", "shacl", "pyshacl", "numpy", "scipy", "networkx"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "commit": commit,
    }


def header(results: dict[str, Any]) -> str:
    m = results["machine"]
    s = results["settings"]
    cpu = results.get("cpu", {})
    lines = [
        f"rolegraph taxonomy benchmark, {results['started']}"
        f" ({m['cores']} cores, {m['cpu']}, {m['memory']}; commit {m['commit']})",
        f"load average (1/5/15 min) at start {results['load_average_start']}, "
        f"at end {results['load_average_end']}; machine busy {cpu.get('busy', 0):.0%} "
        f"(steal {cpu.get('steal', 0):.0%}) during the run; speed gauge "
        f"{results['calibration_start_s']:.2f} s / {results['calibration_end_s']:.2f} s",
        f"data: {s['data_dir']}; --repeat {s['repeat']}, query budget {s['query_budget']:.0f} s, "
        f"query timeout {s['query_timeout']:.0f} s (rdflib {s['rdflib_query_timeout']:.0f} s)"
        + (", --quick" if s["quick"] else ""),
    ]
    if s["quick"] and "rdflib" in s["engines"]:
        lines.append(
            "--quick: the rdflib column imports "
            + ", ".join(SOURCE_TITLES[k] for k in QUICK_RDFLIB)
            + " (plus the built-in data) only, so its figures are not comparable"
        )
    return "\n".join(lines)


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
