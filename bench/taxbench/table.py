"""The benchmark's table: one row per figure, a column per engine, marked against the targets;
as text and Markdown, with a header describing the machine."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import platform
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from taxbench.common import FULL, QUICK_RDFLIB, ROOT, SOURCE_TITLES, TARGETS

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
