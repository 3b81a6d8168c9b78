"""Load benchmark of ``rolegraph serve``, side by side with a bare Oxigraph server.

Starts ``rolegraph serve`` (built-in data, in memory) and ``oxigraph serve`` (the same data,
loaded through rolegraph) on loopback, then for each scenario runs CLIENTS client processes, each
sending requests one after another over a kept-alive connection for DURATION seconds:

- ``rolegraph mixed``: SPARQL queries (half) and JSON API calls (roles, role, search, compare,
  route, next, fit, similar, health) with parameters drawn at random;
- ``rolegraph sparql``: the SPARQL queries only;
- ``oxigraph sparql``: the same SPARQL queries, sent to the bare Oxigraph server.

Prints, per scenario: requests, throughput, p50/p95/p99 latency and failed requests (anything
but 200). Usage::

    python bench/load.py [--duration 20] [--clients 8] [--json results.json]
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


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise SystemExit("the oxigraph server is not installed: pip install oxigraph")
    return found


def roles_and_skills(port: int) -> tuple[list[str], list[str], list[str]]:
    """Role IRIs, role labels and skill labels, read from the rolegraph server."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/api/roles")
    roles = json.loads(connection.getresponse().read())
    query = PREFIXES + "SELECT DISTINCT ?label WHERE { ?s a rg:Skill ; skos:prefLabel ?label }"
    connection.request("GET", "/sparql?" + urlencode({"query": query}))
    rows = json.loads(connection.getresponse().read())["results"]["bindings"]
    return (
        [r["iri"] for r in roles],
        [r["label"] for r in roles],
        [row["label"]["value"] for row in rows],
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
) -> dict[str, object]:
    warmup = 1.0
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


def start_rolegraph(port: int, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from rolegraph.cli import run; run()",
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        cwd=ROOT,
    )


def start_oxigraph(port: int, location: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(port, "/query?query=ASK%7B%7D")
    from rolegraph.store import RemoteSettings, RemoteStore, load_builtin

    base = f"http://127.0.0.1:{port}"
    store = RemoteStore(RemoteSettings(f"{base}/query", f"{base}/update", f"{base}/store"))
    load_builtin(store)
    store.close()
    return process


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


def check(figures: dict[str, object]) -> list[str]:
    """The targets the figures miss: >= 200 SPARQL queries/s, p99 < 250 ms, no failure."""
    problems = []
    sparql = figures["rolegraph sparql"]["all"]  # type: ignore[index]
    if sparql["per_second"] < 200:
        problems.append(f"rolegraph sparql: {sparql['per_second']} queries/s < 200")
    for name in ("rolegraph mixed", "rolegraph sparql"):
        stats = figures[name]["all"]  # type: ignore[index]
        if stats["p99_ms"] >= 250:
            problems.append(f"{name}: p99 {stats['p99_ms']} ms >= 250 ms")
    for name in ("rolegraph mixed", "rolegraph sparql", "oxigraph sparql"):
        failed = figures[name]["all"]["failed"]  # type: ignore[index]
        if failed:
            problems.append(f"{name}: {failed} failed requests")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client processes")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 unless rolegraph answers >= 200 SPARQL queries/s with p99 < 250 ms and "
        "no request fails",
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.duration <= 600:
        raise SystemExit("--clients must be 1..64 and --duration 1..600")
    work = Path(tempfile.mkdtemp(prefix="rolegraph-bench-"))
    rolegraph_port, oxigraph_port = free_port(), free_port()
    servers: list[subprocess.Popen[bytes]] = []
    try:
        servers.append(start_rolegraph(rolegraph_port, work / "access.log"))
        servers.append(start_oxigraph(oxigraph_port, work / "oxigraph"))
        wait_until_up(rolegraph_port, "/api/health")
        names = roles_and_skills(rolegraph_port)
        scenarios = [
            ("rolegraph mixed", Target("rolegraph", "/sparql", rolegraph_port, True), True),
            ("rolegraph sparql", Target("rolegraph", "/sparql", rolegraph_port, False), False),
            ("oxigraph sparql", Target("oxigraph", "/query", oxigraph_port, False), False),
        ]
        figures: dict[str, object] = {
            "clients": args.clients,
            "duration_s": args.duration,
            "cpus": os.cpu_count(),
        }
        rows: list[tuple[str, dict[str, object]]] = []
        for name, target, mixed in scenarios:
            print(
                f"running {name} for {args.duration:g} s with {args.clients} clients ...",
                file=sys.stderr,
            )
            summary = run_scenario(target, mixed, args.clients, args.duration, names)
            figures[name] = summary
            rows.append((name, summary["all"]))  # type: ignore[arg-type]
            if mixed:
                rows.append(("  of which sparql", summary.get("sparql", {})))  # type: ignore[arg-type]
                rows.append(("  of which api", summary.get("api", {})))  # type: ignore[arg-type]
            if summary["errors"]:
                print(f"  errors: {summary['errors']}", file=sys.stderr)
        print(table(rows))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
        if args.check:
            problems = check(figures)
            for problem in problems:
                print(f"target missed: {problem}", file=sys.stderr)
            if problems:
                raise SystemExit(1)
    finally:
        for process in servers:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
