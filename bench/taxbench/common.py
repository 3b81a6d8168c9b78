"""What the taxonomy benchmark measures with: its targets, the data and the roles, skills and
pairs it binds, the settings of a run, and small helpers (timing, memory, CPU, child processes)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ARTIFACTS = ROOT / "artifacts" / "bench"
#: The benchmark's script: its child processes run it again with the options of their part.
SCRIPT = ROOT / "bench" / "taxonomies.py"

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
        [sys.executable, str(SCRIPT), *args],
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
