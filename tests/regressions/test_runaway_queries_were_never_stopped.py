"""A query past its time limit got 503 but went on computing: four of them kept every core busy,
made every small query wait for 503 too, and took the full store's server from 870 MB to 5.2 GB.
Now each runs in a worker process that is killed at the deadline and replaced."""

from __future__ import annotations

import os
import threading
import time

import httpx
import pytest

from tests.regressions.serving import serving

pytest.importorskip("uvicorn")

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT ?role WHERE { ?role a <https://w3id.org/rolegraph/ns#Role> } LIMIT 5"
TIMEOUT = 2.0


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    parent = int(handle.read().rsplit(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads process times from /proc")
def test_small_queries_are_answered_and_runaways_cost_nothing_after_their_503() -> None:
    with serving("--query-timeout", str(TIMEOUT), "--quiet") as server:
        runaways: list[httpx.Response] = []

        def runaway() -> None:
            runaways.append(
                httpx.post(
                    f"{server.base}/sparql",
                    content=RUNAWAY,
                    headers={"Content-Type": "application/sparql-query"},
                    timeout=60,
                )
            )

        threads = [threading.Thread(target=runaway) for _ in range(4)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        latencies = []
        with httpx.Client(base_url=server.base, timeout=30) as client:
            while time.monotonic() - started < TIMEOUT - 0.3:
                began = time.monotonic()
                answer = client.get("/sparql", params={"query": SMALL})
                latencies.append(time.monotonic() - began)
                assert answer.status_code == 200, answer.text
        for thread in threads:
            thread.join(timeout=60)
        assert [r.status_code for r in runaways] == [503] * 4
        assert all("time limit" in r.text for r in runaways)
        assert max(latencies) < 1.0, max(latencies)
        # Idle within 2 s of the deadlines: nothing of the runaways still computes.
        time.sleep(max(0.0, started + TIMEOUT + 1.0 - time.monotonic()))
        pids = process_tree(server.process.pid)
        before = cpu_seconds(pids)
        time.sleep(1.0)
        assert cpu_seconds(pids) - before < 0.3
        answer = httpx.get(f"{server.base}/sparql", params={"query": SMALL}, timeout=30)
        assert answer.status_code == 200


def test_a_query_over_its_memory_budget_ends_its_worker_not_the_server() -> None:
    # A big ORDER BY must hold every row: 64 MiB is not enough for a four-way product.
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
    with serving("--query-timeout", "20", "--query-memory", "64", "--quiet") as server:
        answer = httpx.post(
            f"{server.base}/sparql",
            content=query,
            headers={"Content-Type": "application/sparql-query"},
            timeout=60,
        )
        assert answer.status_code == 503, answer.text
        assert "memory" in answer.text
        assert server.alive()
        small = httpx.get(f"{server.base}/sparql", params={"query": SMALL}, timeout=30)
        assert small.status_code == 200
