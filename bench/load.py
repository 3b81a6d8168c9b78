"""Load benchmark of ``rolegraph serve``, on the built-in data and on a full store, side by side
with a bare Oxigraph server.

Each scenario runs CLIENTS client processes, each sending requests one after another over a
kept-alive connection for DURATION seconds:

- ``mixed``: SPARQL queries (half) and JSON API calls (roles, role, search, compare, route, next,
  fit, similar, health) with parameters drawn at random. Each client has its own plan of 400
  SPARQL queries (one of four shapes about a random role) and 400 API calls (an endpoint drawn
  evenly, about random roles, pairs of roles, a prefix of a role's label or two random skills),
  shuffled, and goes round it again when it is through; so of the 6,400 requests of 8 clients
  almost all differ, and a request is asked again only after the client's other 799;
- ``sparql``: the SPARQL queries only;
- ``oxigraph sparql``: the same SPARQL queries, sent to a bare Oxigraph server;
- ``mixed, first 20 s`` (full store): the server is started and the clients begin the moment it
  accepts connections, so the figures include its first seconds.

The full store is ``--store PATH`` (or ROLEGRAPH_STORE); without one it is built from the public
data in ``--data-dir`` (ROLEGRAPH_DATA_DIR, default ../shared/data), or skipped with the reason.
The Oxigraph server binary comes from the ``oxigraph`` package; when it is missing it is
installed with pip, or its scenarios are skipped. Prints one table per data set: requests,
throughput, p50/p95/p99 latency and failed requests (anything but 200). Usage::

    python bench/load.py [--duration 20] [--clients 8] [--store PATH] [--json results.json]
        [--serve-option=--workers=2 ...]

The warm ``mixed`` scenario on the full store replays the plans of its first-20-s scenario (the
same clients coming back), so the server has already answered part of them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIXES = (
    "PREFIX rg: <https://w3id.org/rolegraph/ns#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)

#: Simple queries: a short list, a lookup by IRI, an ASK, a count.
SPARQL = [
    PREFIXES + "SELECT ?role ?label WHERE { ?role a rg:Role ; skos:prefLabel ?label } LIMIT 20",
    PREFIXES + "SELECT ?skill ?label WHERE { <{role}> rg:requiresSkill ?skill . "
    "?skill skos:prefLabel ?label }",
    PREFIXES + "ASK { <{role}> a rg:Role }",
    PREFIXES + "SELECT (COUNT(?skill) AS ?n) WHERE { <{role}> rg:requiresSkill ?skill }",
]


@dataclass
class Target:
    name: str
    sparql_path: str
    port: int
    api: bool


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, path: str, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answered on port {port} within {timeout} s")


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary; installed with pip (the ``oxigraph`` package) when it is
    missing; None when that fails."""

    def find() -> str | None:
        beside = Path(sys.executable).parent / "oxigraph"
        return str(beside) if beside.is_file() else shutil.which("oxigraph")

    found = find()
    if found is None:
        print("the oxigraph server is missing: pip install oxigraph ...", file=sys.stderr)
        installed = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "oxigraph"], check=False
        )
        found = find() if installed.returncode == 0 else None
    return found


def roles_and_skills(port: int) -> tuple[list[str], list[str], list[str]]:
    """Role IRIs, role labels (those that name one role only) and skill IRIs (of skills some
    role needs), read from the rolegraph server."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/api/roles")
    roles = json.loads(connection.getresponse().read())
    query = PREFIXES + "SELECT DISTINCT ?skill WHERE { ?role rg:requiresSkill ?skill } LIMIT 5000"
    connection.request("GET", "/sparql?" + urlencode({"query": query}))
    rows = json.loads(connection.getresponse().read())["results"]["bindings"]
    counts: dict[str, int] = {}
    for role in roles:
        key = role["label"].casefold()
        counts[key] = counts.get(key, 0) + 1
    return (
        [r["iri"] for r in roles],
        [r["label"] for r in roles if counts[r["label"].casefold()] == 1],
        [row["skill"]["value"] for row in rows],
    )


def requests_for(
    target: Target, mixed: bool, names: tuple[list[str], list[str], list[str]], seed: int
) -> list[tuple[str, str]]:
    """A shuffled list of (kind, path) requests for one client."""
    iris, labels, skills = names
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for _ in range(400):
        role = rng.choice(iris)
        query = rng.choice(SPARQL).replace("{role}", role)
        out.append(("sparql", f"{target.sparql_path}?{urlencode({'query': query})}"))
        if not mixed:
            continue
        a, b = rng.sample(labels, 2)
        api = rng.choice(
            [
                "/api/roles",
                "/api/role?" + urlencode({"id": a}),
                "/api/search?" + urlencode({"q": a[: rng.randint(3, len(a))]}),
                "/api/compare?" + urlencode({"a": a, "b": b}),
                "/api/route?" + urlencode({"from": a, "to": b}),
                "/api/next?" + urlencode({"role": a}),
                "/api/fit?" + urlencode([("skill", s) for s in rng.sample(skills, 2)]),
                "/api/similar?" + urlencode({"role": a}),
                "/api/health",
            ]
        )
        out.append(("api", api))
    rng.shuffle(out)
    return out


def client(
    port: int, plan: list[tuple[str, str]], start: float, stop: float, out: mp.Queue
) -> None:  # type: ignore[type-arg]
    """Send requests until ``stop``; report (kind, seconds, ok) for those after ``start``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    results: list[tuple[str, float, bool]] = []
    errors: dict[str, int] = {}
    i = 0
    while True:
        now = time.time()
        if now >= stop:
            break
        kind, path = plan[i % len(plan)]
        i += 1
        began = time.perf_counter()
        ok = False
        try:
            connection.request(
                "GET", path, headers={"Accept": "application/sparql-results+json, application/json"}
            )
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
            if not ok:
                errors[str(response.status)] = errors.get(str(response.status), 0) + 1
        except (OSError, http.client.HTTPException) as error:
            errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        if now >= start:
            results.append((kind, time.perf_counter() - began, ok))
    out.put((results, errors))


def run_scenario(
    target: Target,
    mixed: bool,
    clients: int,
    duration: float,
    names: tuple[list[str], list[str], list[str]],
    warmup: float = 1.0,
) -> dict[str, object]:
    start = time.time() + 0.5 + warmup
    stop = start + duration
    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    processes = [
        mp.Process(
            target=client,
            args=(target.port, requests_for(target, mixed, names, seed), start, stop, queue),
        )
        for seed in range(clients)
    ]
    for process in processes:
        process.start()
    results: list[tuple[str, float, bool]] = []
    errors: dict[str, int] = {}
    for _ in processes:
        got, failed = queue.get()
        results.extend(got)
        for key, count in failed.items():
            errors[key] = errors.get(key, 0) + count
    for process in processes:
        process.join()
    return summarize(results, errors, duration)


def summarize(
    results: list[tuple[str, float, bool]], errors: dict[str, int], duration: float
) -> dict[str, object]:
    def stats(rows: list[tuple[str, float, bool]]) -> dict[str, float]:
        if not rows:
            return {}
        latencies = sorted(r[1] * 1000 for r in rows)
        q = statistics.quantiles(latencies, n=100, method="inclusive")
        return {
            "requests": len(rows),
            "per_second": round(len(rows) / duration, 1),
            "p50_ms": round(q[49], 1),
            "p95_ms": round(q[94], 1),
            "p99_ms": round(q[98], 1),
            "failed": sum(1 for r in rows if not r[2]),
        }

    summary: dict[str, object] = {"all": stats(results), "errors": errors}
    for kind in ("sparql", "api"):
        part = [r for r in results if r[0] == kind]
        if part:
            summary[kind] = stats(part)
    return summary


#: Extra options of ``rolegraph serve`` (``--serve-option``), for every server started.
SERVE_OPTIONS: list[str] = []


def start_rolegraph(port: int, log: Path, store: Path | None = None) -> subprocess.Popen[bytes]:
    extra = ["--store", str(store)] if store is not None else []
    extra += SERVE_OPTIONS
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from rolegraph.cli import run; run()",
            "serve",
            "--port",
            str(port),
            "--quiet",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        cwd=ROOT,
    )


def wait_until_accepting(port: int, timeout: float = 600) -> None:
    """Wait until something accepts connections on ``port`` (no request is sent)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listened on port {port} within {timeout} s")


def start_oxigraph(
    binary: str, port: int, location: Path, *, read_only: bool = False
) -> subprocess.Popen[bytes]:
    """``oxigraph serve`` on ``location`` (filled with the built-in data), or ``oxigraph
    serve-read-only`` on an existing store."""
    command = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen(
        [binary, command, "--location", str(location), "--bind", f"127.0.0.1:{port}"]
        + ([] if read_only else ["--union-default-graph"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(port, "/query?query=ASK%7B%7D")
    if read_only:
        return process
    from rolegraph.store import RemoteSettings, RemoteStore, load_builtin

    base = f"http://127.0.0.1:{port}"
    store = RemoteStore(RemoteSettings(f"{base}/query", f"{base}/update", f"{base}/store"))
    load_builtin(store)
    store.close()
    return process


def build_full_store(data_dir: Path, location: Path) -> str | None:
    """Import ESCO, O*NET, the crosswalk and wages from ``data_dir`` into ``location`` with the
    command line; the reason when that cannot be done."""
    sources = {
        "esco": data_dir / "esco" / "1.1.1",
        "onet": data_dir / "onet" / "29.2",
        "crosswalk": data_dir / "crosswalk" / "esco_onet_crosswalk_MCC.csv",
    }
    missing = [str(path) for path in sources.values() if not path.exists()]
    if missing:
        return f"no public data (missing {', '.join(missing)}; give --store or --data-dir)"
    command = [sys.executable, "-c", "from rolegraph.cli import run; run()"]
    env = {**os.environ, "ROLEGRAPH_STORE": str(location), "ROLEGRAPH_DATA_DIR": str(data_dir)}
    steps = [[kind, str(path)] for kind, path in sources.items()] + [["wages"], ["derive-moves"]]
    for step in steps:
        print(f"building the full store: rolegraph import {' '.join(step)}", file=sys.stderr)
        name = step[0]
        args = ["derive-moves"] if name == "derive-moves" else ["import", *step]
        done = subprocess.run(
            [*command, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            return f"building the full store failed at {name}: {done.stderr.strip()[-300:]}"
    return None


def table(rows: list[tuple[str, dict[str, object]]]) -> str:
    headers = ["scenario", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "failed"]
    lines = [headers]
    for name, stats in rows:
        if not stats:
            continue
        lines.append(
            [
                name,
                str(stats["requests"]),
                str(stats["per_second"]),
                str(stats["p50_ms"]),
                str(stats["p95_ms"]),
                str(stats["p99_ms"]),
                str(stats["failed"]),
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    rendered = []
    for n, line in enumerate(lines):
        rendered.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))
            )
        )
        if n == 0:
            rendered.append("  ".join("-" * w for w in widths))
    return "\n".join(rendered)


def check(figures: dict[str, dict[str, object]]) -> list[str]:
    """The targets the figures miss: built-in data >= 200 SPARQL queries/s; full store >= 500
    mixed requests/s (also in its first seconds); p99 < 250 ms and no failure everywhere."""
    problems = []

    def stats(data: str, name: str) -> dict[str, float] | None:
        scenario = figures.get(data, {}).get(name)
        return scenario["all"] if isinstance(scenario, dict) else None  # type: ignore[return-value]

    floors = {("builtin", "rolegraph sparql"): 200.0, ("full", "rolegraph mixed"): 500.0}
    floors[("full", "rolegraph mixed, first 20 s")] = 500.0
    for (data, name), floor in floors.items():
        found = stats(data, name)
        if found and found["per_second"] < floor:
            problems.append(f"{data} {name}: {found['per_second']} requests/s < {floor:g}")
    for data, scenarios in figures.items():
        if not isinstance(scenarios, dict):
            continue
        for name in scenarios:
            found = stats(data, name)
            if not found:
                continue
            if name.startswith("rolegraph") and found["p99_ms"] >= 250:
                problems.append(f"{data} {name}: p99 {found['p99_ms']} ms >= 250 ms")
            if found["failed"]:
                problems.append(f"{data} {name}: {found['failed']} failed requests")
    return problems


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def run_all(
    scenarios: list[tuple[str, Target, bool]],
    args: argparse.Namespace,
    names: tuple[list[str], list[str], list[str]],
    figures: dict[str, object],
    rows: list[tuple[str, dict[str, object]]],
) -> None:
    for name, target, mixed in scenarios:
        print(
            f"running {name} for {args.duration:g} s with {args.clients} clients ...",
            file=sys.stderr,
        )
        summary = run_scenario(target, mixed, args.clients, args.duration, names)
        record(name, summary, mixed, figures, rows)


def record(
    name: str,
    summary: dict[str, object],
    mixed: bool,
    figures: dict[str, object],
    rows: list[tuple[str, dict[str, object]]],
) -> None:
    figures[name] = summary
    rows.append((name, summary["all"]))  # type: ignore[arg-type]
    if mixed:
        rows.append(("  of which sparql", summary.get("sparql", {})))  # type: ignore[arg-type]
        rows.append(("  of which api", summary.get("api", {})))  # type: ignore[arg-type]
    if summary["errors"]:
        print(f"  errors: {summary['errors']}", file=sys.stderr)


def bench_builtin(
    args: argparse.Namespace, work: Path, oxigraph: str | None
) -> tuple[dict[str, object], list[tuple[str, dict[str, object]]]]:
    figures: dict[str, object] = {}
    rows: list[tuple[str, dict[str, object]]] = []
    servers: list[subprocess.Popen[bytes]] = []
    try:
        port = free_port()
        servers.append(start_rolegraph(port, work / "builtin.log"))
        wait_until_up(port, "/api/health")
        names = roles_and_skills(port)
        scenarios = [
            ("rolegraph mixed", Target("rolegraph", "/sparql", port, True), True),
            ("rolegraph sparql", Target("rolegraph", "/sparql", port, False), False),
        ]
        if oxigraph is not None:
            oxigraph_port = free_port()
            servers.append(start_oxigraph(oxigraph, oxigraph_port, work / "oxigraph"))
            scenarios.append(
                ("oxigraph sparql", Target("oxigraph", "/query", oxigraph_port, False), False)
            )
        run_all(scenarios, args, names, figures, rows)
    finally:
        for process in servers:
            stop(process)
    return figures, rows


def bench_full(
    args: argparse.Namespace, work: Path, oxigraph: str | None, store: Path
) -> tuple[dict[str, object], list[tuple[str, dict[str, object]]]]:
    figures: dict[str, object] = {}
    rows: list[tuple[str, dict[str, object]]] = []
    servers: list[subprocess.Popen[bytes]] = []
    try:
        # The names the clients use, from a first server, stopped again: the next one is
        # measured from its start.
        port = free_port()
        first = start_rolegraph(port, work / "full-names.log", store)
        try:
            wait_until_up(port, "/api/health", timeout=600)
            names = roles_and_skills(port)
        finally:
            stop(first)
        port = free_port()
        started = time.monotonic()
        servers.append(start_rolegraph(port, work / "full.log", store))
        wait_until_accepting(port)
        listening = time.monotonic() - started
        print(
            f"the server on the full store listens {listening:.1f} s after "
            f"its start; running mixed, first {args.duration:g} s ...",
            file=sys.stderr,
        )
        target = Target("rolegraph", "/sparql", port, True)
        summary = run_scenario(target, True, args.clients, args.duration, names, warmup=0.0)
        summary["listening_after_s"] = round(listening, 1)
        record(f"rolegraph mixed, first {args.duration:g} s", summary, True, figures, rows)
        scenarios = [
            ("rolegraph mixed", target, True),
            ("rolegraph sparql", Target("rolegraph", "/sparql", port, False), False),
        ]
        if oxigraph is not None:
            oxigraph_port = free_port()
            servers.append(start_oxigraph(oxigraph, oxigraph_port, store, read_only=True))
            scenarios.append(
                ("oxigraph sparql", Target("oxigraph", "/query", oxigraph_port, False), False)
            )
        run_all(scenarios, args, names, figures, rows)
    finally:
        for process in servers:
            stop(process)
    return figures, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client processes")
    parser.add_argument(
        "--store",
        type=Path,
        default=Path(os.environ["ROLEGRAPH_STORE"]) if os.environ.get("ROLEGRAPH_STORE") else None,
        help="a full on-disk store [env ROLEGRAPH_STORE; else built from --data-dir]",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("ROLEGRAPH_DATA_DIR", ROOT.parent / "shared" / "data")),
        help="the public data to build a full store from [env ROLEGRAPH_DATA_DIR]",
    )
    parser.add_argument("--only", choices=["builtin", "full"], help="run one data set only")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 unless the targets are met: built-in data >= 200 SPARQL queries/s, full "
        "store >= 500 mixed requests/s from its start, p99 < 250 ms, no failed request",
    )
    parser.add_argument(
        "--serve-option",
        action="append",
        default=[],
        metavar="OPTION",
        help="an option for rolegraph serve (repeatable), e.g. --serve-option=--workers=2",
    )
    args = parser.parse_args()
    SERVE_OPTIONS.extend(args.serve_option)
    if not 1 <= args.clients <= 64 or not 1 <= args.duration <= 600:
        raise SystemExit("--clients must be 1..64 and --duration 1..600")
    work = Path(tempfile.mkdtemp(prefix="rolegraph-bench-"))
    figures: dict[str, object] = {
        "clients": args.clients,
        "duration_s": args.duration,
        "cpus": os.cpu_count(),
    }
    try:
        oxigraph = oxigraph_binary()
        if oxigraph is None:
            print("skipping the bare Oxigraph scenarios: no oxigraph binary", file=sys.stderr)
        tables = []
        if args.only in (None, "builtin"):
            builtin, rows = bench_builtin(args, work, oxigraph)
            figures["builtin"] = builtin
            tables.append(("Built-in data", rows))
        if args.only in (None, "full"):
            store = args.store
            reason = None
            if store is None:
                store = work / "full-store"
                reason = build_full_store(args.data_dir, store)
            elif not store.is_dir():
                reason = f"no store at {store}"
            if reason is not None:
                print(f"skipping the full store: {reason}", file=sys.stderr)
                figures["full"] = {"skipped": reason}
            else:
                full, rows = bench_full(args, work, oxigraph, store)
                figures["full"] = full
                tables.append(("Full store (ESCO + O*NET + crosswalk + wages)", rows))
        for title, rows in tables:
            print(f"{title}, {args.clients} clients, {args.duration:g} s per scenario:")
            print(table(rows))
            print()
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
        if args.check:
            problems = check({k: v for k, v in figures.items() if isinstance(v, dict)})  # type: ignore[misc]
            for problem in problems:
                print(f"target missed: {problem}", file=sys.stderr)
            if problems:
                raise SystemExit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
