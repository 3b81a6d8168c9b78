"""The first run of every named query after an import, on a full store, with the most expensive
parameter values the store holds.

    python bench/first_runs.py --store FULL_STORE [--json FILE]

FULL_STORE is a store built as the README says (ESCO, O*NET, crosswalk, wages, align-skills,
derive-moves). It is copied, with the graph snapshots beside it, into a temporary folder, so it
is never written to. The copy is then left as every import, `align-skills` and `derive-moves`
leave a store: a new generation (nothing kept from before is valid any more) whose whole-graph
answers were prepared at the end of the write. Then, in a fresh process, every named query runs
once for each candidate value of its parameters, and the slowest first run of each query is
reported, with its wall and CPU time (user + system, all threads of the process).

Candidate values: the values `taxonomies.py` uses (the article's roles and skills, their ESCO
and O*NET counterparts, the O*NET skill and technology most occupations have) and the largest of
each kind in the store: the skill most roles require, the tool most roles use, the roles with the
most requirements and the most statements, the most used industry, certification and focus, the
label most roles carry and the pair of roles with the most skills. Prints a Markdown table; the
exit code is 1 when a query's first run takes 0.3 s or more.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300.0

#: What the store holds most of, per parameter name: a query whose first column is the value.
LARGEST: dict[str, list[str]] = {
    "skill": [
        "SELECT ?v WHERE { ?r rg:requiresSkill ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1",
    ],
    "tool": ["SELECT ?v WHERE { ?r rg:usesTool ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1"],
    "role": [
        "SELECT ?v WHERE { ?v rg:qualifiedSkillRequirement ?q } "
        "GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1",
        "SELECT ?v WHERE { ?v a rg:Role ; ?p ?o } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1",
        "SELECT ?v WHERE { ?m rg:fromRole ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1",
    ],
    "industry": [
        "SELECT ?v WHERE { ?r rg:inIndustry ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1"
    ],
    "certification": [
        "SELECT ?v WHERE { ?q rg:certification ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1"
    ],
    "focus": ["SELECT ?v WHERE { ?r rg:focus ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1"],
    "label": [
        "SELECT ?v WHERE { ?r a rg:Role ; skos:prefLabel ?v } "
        "GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 1",
    ],
}
#: The two roles with the most skills, for queries comparing two roles.
LARGEST_PAIR = (
    "SELECT ?v WHERE { ?v a rg:Role ; rg:requiresSkill ?s } "
    "GROUP BY ?v ORDER BY DESC(COUNT(*)) LIMIT 2"
)

PREPARE = """
import json, sys, time
from rolegraph.queries import prepare_answers, run_sparql
from rolegraph.store import OxigraphStore

largest, pair = json.loads(sys.argv[2]), sys.argv[3]
with OxigraphStore(sys.argv[1]) as store:
    # the store is in a new generation: its whole-graph answers, as a write ends
    started = time.perf_counter()
    prepared = prepare_answers(store)
    seconds = time.perf_counter() - started
    values = {
        name: sorted({str(row[0]) for q in queries for row in run_sparql(store, q).rows if row[0]})
        for name, queries in largest.items()
    }
    values["pair"] = [str(row[0]) for row in run_sparql(store, pair).rows]
print(json.dumps({"prepared": len(prepared), "prepare_seconds": seconds, "values": values}))
"""

FIRST_RUNS = """
import json, sys, time
from rolegraph.api import RoleGraph
from rolegraph.queries import bind_values, get_query, run_query

plan = json.loads(sys.argv[2])
graph = RoleGraph.open(sys.argv[1])
out = []
for item in plan:
    query = get_query(item["name"])
    for values in item["values"]:
        bindings = bind_values(query, values)
        cpu, wall = time.process_time(), time.perf_counter()
        result = run_query(graph.store, query, bindings)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        out.append(
            {"name": item["name"], "values": values, "rows": len(result), "ms": wall * 1000,
             "cpu_ms": cpu * 1000}
        )
graph.close()
print(json.dumps(out))
"""


def copy_store(store: Path, folder: Path) -> Path:
    """A copy of ``store`` and its graph snapshots (what a rebuild needs) in ``folder``, in a
    generation of its own: what any write starts."""
    target = folder / "graph-db"
    shutil.copytree(store, target)
    snapshots = store.with_name(f".{store.name}.cache") / "graphs"
    if snapshots.is_dir():
        shutil.copytree(snapshots, folder / ".graph-db.cache" / "graphs")
    (folder / ".graph-db.generation").write_text(uuid.uuid4().hex, encoding="ascii")
    return target


def plan(values: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Every named query with its candidate parameter values."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    from taxonomies import query_plan

    from rolegraph.queries import get_query

    items = query_plan()
    pair = values.get("pair", [])
    for item in items:
        parameters = get_query(item["name"]).parameters
        if parameters and not any(p.required for p in parameters):
            item["values"].append({})  # unbound: every value
        names = sorted(item["values"][0]) if item["values"] and item["values"][0] else []
        if names == ["a", "b"] and len(pair) == 2:
            item["values"].append({"a": pair[0], "b": pair[1]})
        elif len(names) == 1:
            seen = {v.get(names[0]) for v in item["values"]}
            item["values"] += [{names[0]: v} for v in values.get(names[0], []) if v not in seen]
    return items


def python(code: str, *args: str) -> Any:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ROLEGRAPH_STORE": ""},
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr.decode(errors="replace"))
    return json.loads(out.stdout)


def table(runs: list[dict[str, Any]], kinds: dict[str, str]) -> tuple[str, int]:
    slowest: dict[str, dict[str, Any]] = {}
    for run in runs:
        if run["name"] not in slowest or run["ms"] > slowest[run["name"]]["ms"]:
            slowest[run["name"]] = run
    lines = [
        "| query | kind | slowest value | rows | first run: wall | CPU |",
        "|---|---|---|---|---|---|",
    ]
    over = 0
    for name, run in sorted(slowest.items(), key=lambda item: -item[1]["ms"]):
        values = ", ".join(f"{k}={v}" for k, v in run["values"].items()) or "(none)"
        values = values.replace("https://w3id.org/rolegraph/id/", "").replace(
            "http://data.europa.eu/esco/", "esco:"
        )
        mark = " **over**" if run["ms"] >= TARGET_MS else ""
        over += bool(mark)
        lines.append(
            f"| `{name}` | {kinds[name]} | {values} | {run['rows']:,} "
            f"| {run['ms']:.0f} ms{mark} | {run['cpu_ms']:.0f} ms |"
        )
    return "\n".join(lines), over


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--store", type=Path, default=os.environ.get("ROLEGRAPH_STORE"), required=False
    )
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args()
    if options.store is None or not Path(options.store).is_dir():
        raise SystemExit("give --store FULL_STORE (an on-disk store built as the README says)")
    started = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rolegraph-first-runs-") as name:
        copy = copy_store(Path(options.store), Path(name))
        print("a new generation, its whole-graph answers prepared ...", file=sys.stderr)
        prepared = python(PREPARE, str(copy), json.dumps(LARGEST), LARGEST_PAIR)
        items = plan(prepared["values"])
        print("the first run of every named query, in a fresh process ...", file=sys.stderr)
        runs = python(FIRST_RUNS, str(copy), json.dumps(items))
    text, over = table(runs, {item["name"]: item["kind"] for item in items})
    print(text)
    print(
        f"\n{len(runs)} first runs of {len(items)} queries; "
        f"{prepared['prepared']} whole-graph answers prepared in "
        f"{prepared['prepare_seconds']:.1f} s; load average {started:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end"
    )
    if options.json:
        options.json.write_text(json.dumps({"prepared": prepared, "runs": runs}, indent=1))
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
