"""Import and export against the engine underneath: rolegraph's `import` and `export` commands
side by side with Oxigraph's own bulk load and dump of the same data, as ratios.

    python bench/transfer.py [--data-dir DIR] [--store PATH] [--formats nt,nq,...] [--no-import]
                             [--no-export] [--no-first-runs] [--keep DIR]

Import: `rolegraph import esco --no-prepare` and `import onet` (which then computes the answers of
the whole-graph queries) into a new store in a temporary folder, then
Oxigraph's `Store.bulk_load` of the same triples (the N-Triples the import keeps beside the store)
into another new store; then the first run of every named query after the import, in a fresh
process. Export: `rolegraph export --format F -o FILE` for every format, and Oxigraph's
`Store.dump` of the same store in the same format and in N-Quads. Exports read `--store` (the full
store built as the README says) when given, else the store just imported.

Every measured step runs in a process of its own: wall time, CPU time (user + system, all
threads) and peak memory (the kernel's ``ru_maxrss``) are that process's. The machine may be
shared, so the ratios are given on both wall and CPU time. Prints a Markdown table; ``--json
FILE`` also writes every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FORMATS = ("nt", "nq", "turtle", "trig", "json-ld", "xml")
ENGINE_FORMATS = {
    "nt": "N_TRIPLES",
    "nq": "N_QUADS",
    "turtle": "TURTLE",
    "trig": "TRIG",
    "json-ld": "JSON_LD",
    "xml": "RDF_XML",
}
DATASET = {"nq", "trig"}
TARGETS = {"nt": 1.5, "nq": 1.5, "turtle": 3.0, "json-ld": 3.0}


def run(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``args`` as a child process: exit code, wall and CPU seconds, peak memory in MiB."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env={**os.environ, **(env or {})},
        )
        assert child.stdout is not None
        out = child.stdout.read()
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        errors.seek(0)
        err = errors.read()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed ({code}): {err.decode(errors='replace')}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "stdout": out.decode("utf-8", errors="replace"),
    }


def python(code: str, *args: str) -> dict[str, Any]:
    return run([sys.executable, "-c", code, *args], {"PYTHONPATH": str(ROOT)})


def rolegraph(*args: str) -> dict[str, Any]:
    return run(
        [sys.executable, "-m", "rolegraph", *args],
        {"PYTHONPATH": str(ROOT), "ROLEGRAPH_STORE": ""},
    )


ENGINE_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[1])
for path, graph in zip(sys.argv[2::2], sys.argv[3::2]):
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
store.flush()
"""

ENGINE_DUMP = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
fmt = getattr(ox.RdfFormat, sys.argv[3])
if sys.argv[4] == "dataset":
    store.dump(sys.argv[2], fmt)
else:
    with open(sys.argv[2], "wb") as out:
        for graph in store.named_graphs():
            store.dump(out, fmt, from_graph=graph)
"""

FIRST_RUNS = """
import json, sys, time
from taxonomies import query_plan
from rolegraph.api import RoleGraph
from rolegraph.queries import bind_values, get_query, run_query
graph = RoleGraph.open(sys.argv[1])
out = {}
for item in query_plan():
    query = get_query(item["name"])
    for values in item["values"]:
        started = time.perf_counter()
        run_query(graph.store, query, bind_values(query, values))
        seconds = time.perf_counter() - started
        out[item["name"]] = max(out.get(item["name"], 0.0), seconds)
graph.close()
print(json.dumps(out))
"""


def measure_import(data_dir: Path, folder: Path, first_runs: bool = True) -> dict[str, Any]:
    store = folder / "graph-db"
    figures: dict[str, Any] = {}
    for kind, path in (("esco", data_dir / "esco" / "1.1.1"), ("onet", data_dir / "onet" / "29.2")):
        print(f"import {kind} ...", file=sys.stderr)
        # as the README suggests for a batch: only the last import prepares the answers
        prepare = ["--no-prepare"] if kind == "esco" else []
        figures[kind] = rolegraph(
            "import",
            kind,
            str(path),
            "--quiet",
            "--format",
            "json",
            "--store",
            str(store),
            *prepare,
        )
        report = json.loads(figures[kind].pop("stdout"))
        figures[kind]["load_seconds"] = report["seconds"]
        figures[kind]["prepare_seconds"] = report.get("prepare_seconds", 0.0)
    figures["rolegraph"] = {
        key: figures["esco"][key] + figures["onet"][key]
        for key in ("wall", "cpu", "load_seconds", "prepare_seconds")
    }
    figures["rolegraph"]["peak_mib"] = max(figures[k]["peak_mib"] for k in ("esco", "onet"))
    snapshots = sorted((folder / ".graph-db.cache" / "graphs").glob("*.nt"))
    print(f"engine bulk load of {len(snapshots)} files ...", file=sys.stderr)
    pairs = [str(x) for path in snapshots for x in (path, f"urn:bench:{path.stem}")]
    figures["engine"] = python(ENGINE_LOAD, str(folder / "engine-db"), *pairs)
    figures["bytes"] = sum(path.stat().st_size for path in snapshots)
    shutil.rmtree(folder / "engine-db", ignore_errors=True)
    if not first_runs:
        return figures
    print("first run of every named query ...", file=sys.stderr)
    out = subprocess.run(
        [sys.executable, "-c", FIRST_RUNS, str(store)],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}"},
    )
    figures["first_runs"] = json.loads(out.stdout)
    return figures


def measure_export(store: Path, formats: list[str], folder: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    target = folder / "export.out"
    print("engine dump, N-Quads ...", file=sys.stderr)
    figures["engine-nq"] = python(ENGINE_DUMP, str(store), str(target), "N_QUADS", "dataset")
    for name in formats:
        print(f"export {name} ...", file=sys.stderr)
        mine = rolegraph(
            "export", "--format", name, "-o", str(target), "--quiet", "--store", str(store)
        )
        mine["bytes"] = target.stat().st_size
        kind = "dataset" if name in DATASET else "graph"
        engine = python(ENGINE_DUMP, str(store), str(target), ENGINE_FORMATS[name], kind)
        engine["bytes"] = target.stat().st_size
        figures[name] = {"rolegraph": mine, "engine": engine}
        target.unlink(missing_ok=True)
    return figures


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def table(results: dict[str, Any]) -> str:
    lines = [
        "| work | rolegraph: wall / CPU / peak | Oxigraph: wall / CPU / peak "
        "| ratio wall / CPU | target |",
        "|---|---|---|---|---|",
    ]

    def cell(f: dict[str, Any]) -> str:
        return f"{f['wall']:.1f} s / {f['cpu']:.1f} s / {f['peak_mib'] / 1024:.2f} GiB"

    imported = results.get("import")
    if imported:
        lines.append(
            "| import ESCO + O*NET vs bulk load of the same triples "
            f"| {cell(imported['rolegraph'])} "
            f"| {cell(imported['engine'])} "
            f"| {ratio(imported['rolegraph']['wall'], imported['engine']['wall'])} / "
            f"{ratio(imported['rolegraph']['cpu'], imported['engine']['cpu'])} "
            "| < 15 s, < 2 GiB |"
        )
        mine = imported["rolegraph"]
        lines.append(
            f"| ↳ of the import's wall time: loading / preparing the whole-graph answers "
            f"| {mine['load_seconds']:.1f} s / {mine['prepare_seconds']:.1f} s | | | |"
        )
    exported = results.get("export")
    if exported:
        dump = exported["engine-nq"]
        lines.append(f"| Oxigraph's own dump, N-Quads | | {cell(dump)} | 1.00x / 1.00x | |")
        for name, f in exported.items():
            if name == "engine-nq":
                continue
            mine, engine = f["rolegraph"], f["engine"]
            limit = TARGETS.get(name)
            target = f"< {limit:g}x the N-Quads dump, < 0.5 GiB" if limit else "< 0.5 GiB"
            lines.append(
                f"| export {name} vs dump in {name} | {cell(mine)} | {cell(engine)} "
                f"| {ratio(mine['wall'], engine['wall'])} / {ratio(mine['cpu'], engine['cpu'])}"
                f" (vs N-Quads dump {ratio(mine['wall'], dump['wall'])} / "
                f"{ratio(mine['cpu'], dump['cpu'])}) | {target} |"
            )
    first = (results.get("import") or {}).get("first_runs")
    if first:
        slowest = sorted(first.items(), key=lambda item: -item[1])[:3]
        shown = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in slowest)
        lines.append(
            f"| first run of each of the {len(first)} named queries after the import, slowest "
            f"| {shown} | | | < 0.3 s |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--store", type=Path, default=None, help="the store to export")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--no-export", action="store_true", help="measure the import only")
    parser.add_argument(
        "--no-first-runs", action="store_true", help="skip the first runs after the import"
    )
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args()
    data_dir = options.data_dir or Path(
        os.environ.get("ROLEGRAPH_DATA_DIR", ROOT.parent / "shared" / "data")
    )
    formats = [f for f in options.formats.split(",") if f]
    results: dict[str, Any] = {"load_average_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="rolegraph-transfer-") as name:
        folder = Path(name)
        if not options.no_import:
            results["import"] = measure_import(data_dir, folder, not options.no_first_runs)
        store = options.store or folder / "graph-db"
        if not options.no_export:
            if not store.is_dir():
                raise SystemExit(f"no store at {store}: give --store or leave out --no-import")
            results["export"] = measure_export(store, formats, folder)
    results["load_average_end"] = os.getloadavg()
    text = table(results)
    print(text)
    print(
        f"\nload average {results['load_average_start'][0]:.2f} at the start, "
        f"{results['load_average_end'][0]:.2f} at the end"
    )
    if options.json:
        options.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
