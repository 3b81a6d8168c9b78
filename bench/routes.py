"""Benchmark of career routes against career ladders that public descriptions state.

Each transition below is one a public career description gives (BLS Occupational Outlook
Handbook, "How to Become One" / "Advancement" and "Similar Occupations"; O*NET job zones), with the
most moves a counsellor would accept for it. The benchmark asks ``routes()`` for each on a full
store (ESCO + O*NET + crosswalk + wages + derived moves) and prints:

- how many transitions are found within their step limit;
- the share of route steps that break a feasibility rule (a move no source states that is not
  similar enough, rises more than one job zone, keeps less than 75 % of the pay, or enters a role
  behind a degree or licence barrier other than the goal): it must be 0;
- the share of steps between two O*NET occupations that show a pay change;
- route time p50 / p95, warm (after the graph of moves is built once), and at the first ask of
  each transition (which also finds the moves into its goal);
- the same for each transition asked the other way round within one move, which mostly finds no
  route and answers with the closest role within reach instead.

Usage::

    .venv/bin/python bench/routes.py [--store PATH] [--repeat N] [--json FILE]

``--store`` defaults to ``ROLEGRAPH_STORE``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OOH = "BLS Occupational Outlook Handbook"


@dataclass(frozen=True)
class Transition:
    """A move a public career description states, and the most moves a route may take."""

    source: str
    target: str
    limit: int
    reference: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "Cashiers",
        "First-Line Supervisors of Retail Sales Workers",
        2,
        f"{OOH}, First-line supervisors of retail sales workers: Advancement",
    ),
    Transition(
        "Retail Salespersons",
        "First-Line Supervisors of Retail Sales Workers",
        2,
        f"{OOH}, Retail sales workers: Advancement",
    ),
    Transition(
        "Software Developers",
        "Computer and Information Systems Managers",
        2,
        f"{OOH}, Computer and information systems managers: How to Become One",
    ),
    Transition(
        "Computer Programmers",
        "Software Developers",
        2,
        f"{OOH}, Computer programmers: Similar Occupations",
    ),
    Transition(
        "Network and Computer Systems Administrators",
        "Computer and Information Systems Managers",
        2,
        f"{OOH}, Computer and information systems managers: How to Become One",
    ),
    Transition(
        "Computer User Support Specialists",
        "Network and Computer Systems Administrators",
        2,
        f"{OOH}, Computer support specialists: Advancement",
    ),
    Transition(
        "Registered Nurses",
        "Medical and Health Services Managers",
        3,
        f"{OOH}, Medical and health services managers: How to Become One",
    ),
    Transition(
        "Registered Nurses",
        "Nurse Practitioners",
        2,
        f"{OOH}, Nurse anesthetists, nurse midwives, and nurse practitioners",
    ),
    Transition(
        "Licensed Practical and Licensed Vocational Nurses",
        "Registered Nurses",
        2,
        f"{OOH}, Licensed practical and licensed vocational nurses: Advancement",
    ),
    Transition(
        "Nursing Assistants",
        "Licensed Practical and Licensed Vocational Nurses",
        2,
        f"{OOH}, Nursing assistants and orderlies: Advancement",
    ),
    Transition(
        "Accountants and Auditors",
        "Financial Managers",
        2,
        f"{OOH}, Financial managers: How to Become One",
    ),
    Transition(
        "Loan Officers", "Financial Managers", 2, f"{OOH}, Financial managers: How to Become One"
    ),
    Transition(
        "Financial and Investment Analysts",
        "Financial Managers",
        2,
        f"{OOH}, Financial managers: How to Become One",
    ),
    Transition(
        "Bookkeeping, Accounting, and Auditing Clerks",
        "Accountants and Auditors",
        2,
        f"{OOH}, Bookkeeping, accounting, and auditing clerks: Similar Occupations",
    ),
    Transition(
        "Electricians",
        "First-Line Supervisors of Construction Trades and Extraction Workers",
        2,
        f"{OOH}, Electricians: Advancement",
    ),
    Transition(
        "Carpenters", "Construction Managers", 3, f"{OOH}, Construction managers: How to Become One"
    ),
    Transition(
        "Construction Laborers",
        "First-Line Supervisors of Construction Trades and Extraction Workers",
        2,
        f"{OOH}, Construction laborers and helpers: Advancement",
    ),
    Transition(
        "Cooks, Restaurant",
        "Chefs and Head Cooks",
        2,
        f"{OOH}, Chefs and head cooks: How to Become One",
    ),
    Transition(
        "Chefs and Head Cooks",
        "Food Service Managers",
        2,
        f"{OOH}, Food service managers: How to Become One",
    ),
    Transition(
        "Waiters and Waitresses",
        "First-Line Supervisors of Food Preparation and Serving Workers",
        2,
        f"{OOH}, Food service managers: How to Become One",
    ),
    Transition(
        "Sales Representatives, Wholesale and Manufacturing, Except Technical and "
        "Scientific Products",
        "Sales Managers",
        2,
        f"{OOH}, Sales managers: How to Become One",
    ),
    Transition(
        "Insurance Sales Agents", "Sales Managers", 2, f"{OOH}, Sales managers: How to Become One"
    ),
    Transition(
        "Real Estate Sales Agents",
        "Real Estate Brokers",
        2,
        f"{OOH}, Real estate brokers and sales agents: Advancement",
    ),
    Transition(
        "Market Research Analysts and Marketing Specialists",
        "Marketing Managers",
        2,
        f"{OOH}, Advertising, promotions, and marketing managers: How to Become One",
    ),
    Transition(
        "Human Resources Specialists",
        "Human Resources Managers",
        2,
        f"{OOH}, Human resources managers: How to Become One",
    ),
    Transition(
        "Office Clerks, General",
        "First-Line Supervisors of Office and Administrative Support Workers",
        2,
        f"{OOH}, General office clerks: Advancement",
    ),
    Transition(
        "Customer Service Representatives",
        "First-Line Supervisors of Office and Administrative Support Workers",
        2,
        f"{OOH}, Customer service representatives: Advancement",
    ),
    Transition(
        "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
        "Executive Secretaries and Executive Administrative Assistants",
        2,
        f"{OOH}, Secretaries and administrative assistants: Advancement",
    ),
    Transition(
        "Police and Sheriff's Patrol Officers",
        "First-Line Supervisors of Police and Detectives",
        2,
        f"{OOH}, Police and detectives: Advancement",
    ),
    Transition(
        "Firefighters",
        "First-Line Supervisors of Firefighting and Prevention Workers",
        2,
        f"{OOH}, Firefighters: Advancement",
    ),
    Transition(
        "Security Guards",
        "First-Line Supervisors of Security Workers",
        2,
        f"{OOH}, Security guards and gambling surveillance officers: Advancement",
    ),
    Transition(
        "Correctional Officers and Jailers",
        "First-Line Supervisors of Correctional Officers",
        2,
        f"{OOH}, Correctional officers and bailiffs: Advancement",
    ),
    Transition(
        "Automotive Service Technicians and Mechanics",
        "First-Line Supervisors of Mechanics, Installers, and Repairers",
        2,
        f"{OOH}, Automotive service technicians and mechanics: Advancement",
    ),
    Transition(
        "Janitors and Cleaners, Except Maids and Housekeeping Cleaners",
        "First-Line Supervisors of Housekeeping and Janitorial Workers",
        2,
        f"{OOH}, Janitors and building cleaners: Advancement",
    ),
    Transition(
        "Landscaping and Groundskeeping Workers",
        "First-Line Supervisors of Landscaping, Lawn Service, and Groundskeeping Workers",
        2,
        f"{OOH}, Grounds maintenance workers: Advancement",
    ),
    Transition(
        "Team Assemblers",
        "First-Line Supervisors of Production and Operating Workers",
        2,
        f"{OOH}, Assemblers and fabricators: Advancement",
    ),
    Transition(
        "Laborers and Freight, Stock, and Material Movers, Hand",
        "First-Line Supervisors of Helpers, Laborers, and Material Movers, Hand",
        2,
        f"{OOH}, Hand laborers and material movers: Advancement",
    ),
    Transition(
        "Heavy and Tractor-Trailer Truck Drivers",
        "First-Line Supervisors of Material-Moving Machine and Vehicle Operators",
        2,
        f"{OOH}, Heavy and tractor-trailer truck drivers: Advancement",
    ),
    Transition(
        "Civil Engineers",
        "Architectural and Engineering Managers",
        2,
        f"{OOH}, Architectural and engineering managers: How to Become One",
    ),
    Transition(
        "Mechanical Engineers",
        "Architectural and Engineering Managers",
        2,
        f"{OOH}, Architectural and engineering managers: How to Become One",
    ),
    Transition(
        "Elementary School Teachers, Except Special Education",
        "Education Administrators, Kindergarten through Secondary",
        2,
        f"{OOH}, Elementary, middle, and high school principals: How to Become One",
    ),
    Transition(
        "Child, Family, and School Social Workers",
        "Social and Community Service Managers",
        2,
        f"{OOH}, Social and community service managers: How to Become One",
    ),
    Transition(
        "News Analysts, Reporters, and Journalists",
        "Editors",
        2,
        f"{OOH}, Editors: How to Become One",
    ),
    Transition("Graphic Designers", "Art Directors", 2, f"{OOH}, Art directors: How to Become One"),
    Transition(
        "Dental Assistants",
        "Dental Hygienists",
        2,
        f"{OOH}, Dental assistants: Similar Occupations",
    ),
    Transition(
        "Pharmacy Technicians",
        "Pharmacists",
        2,
        f"{OOH}, Pharmacists: How to Become One (a Pharm.D. degree: a barrier step)",
    ),
    Transition(
        "Paralegals and Legal Assistants",
        "Lawyers",
        2,
        f"{OOH}, Lawyers: How to Become One (a law degree: a barrier step)",
    ),
    Transition(
        "Account Manager", "Sales Managers", 2, "the article's career paths; O*NET job zone 4 to 4"
    ),
    Transition(
        "Account Manager",
        "Project Management Specialists",
        4,
        "the article's comparison; O*NET job zone 4 to 4",
    ),
)


def _breaks(net: Any, route: Any, goal: str, threshold: float) -> list[str]:
    """The steps of ``route`` that break a feasibility rule without a source stating them."""
    from rolegraph.analysis import feasibility as fz
    from rolegraph.explain import rule_words

    broken = []
    for step in route.steps:
        if step.origin == "stated":
            continue
        u, v = step.source.iri, step.target.iri
        rules = fz.rule_breaks(
            net,
            u,
            v,
            similarity=step.similarity if step.origin == "similarity" else None,
            threshold=threshold,
            allow_barrier=v == goal and step.barrier is not None,
        )
        if step.barrier is not None and v == goal:
            # The degree is the rise: a barrier step into the goal may rise past one job zone.
            rules = [rule for rule in rules if rule.rule != "rise"]
        if rules:
            words = "; ".join(rule_words(rule) for rule in rules)
            broken.append(f"{step.source.label} -> {step.target.label}: {words}")
    return broken


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default=os.environ.get("ROLEGRAPH_STORE"))
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per transition")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    parser.add_argument(
        "--threshold", type=float, default=None, help="least similarity (default: routes')"
    )
    args = parser.parse_args(argv)
    if not args.store:
        parser.error("give --store PATH (or set ROLEGRAPH_STORE) of a full store")

    from rolegraph import RoleGraph
    from rolegraph.analysis.routes import route_graph
    from rolegraph.api import RouteOptions
    from rolegraph.errors import RolegraphError
    from rolegraph.network import scheme_of

    graph = RoleGraph.open(args.store)
    net = graph.network()
    started = time.perf_counter()
    options = {} if args.threshold is None else {"threshold": args.threshold}
    route_graph(net, **options)
    build = time.perf_counter() - started
    rows = []
    times: list[float] = []
    first_times: list[float] = []
    back_times: list[float] = []
    back_missing = 0
    steps = broken = onet_steps = paid_steps = 0
    failures: list[str] = []
    for t in TRANSITIONS:
        try:
            a, b = str(graph.resolve_role(t.source)), str(graph.resolve_role(t.target))
        except RolegraphError as error:  # a name missing from this store
            rows.append({"transition": t, "error": str(error).splitlines()[0]})
            continue
        asked = RouteOptions(k=3, max_steps=t.limit, **options)
        begun = time.perf_counter()
        result = graph.routes(a, b, options=asked)
        first_times.append(1000 * (time.perf_counter() - begun))
        for _ in range(args.repeat):
            begun = time.perf_counter()
            graph.routes(a, b, options=asked)
            times.append(1000 * (time.perf_counter() - begun))
        back = RouteOptions(k=3, max_steps=1, **options)
        begun = time.perf_counter()
        back_missing += not graph.routes(b, a, options=back).routes
        back_times.append(1000 * (time.perf_counter() - begun))
        best = result.routes[0] if result.routes else None
        for route in result.routes:
            steps += route.moves
            breaks = _breaks(net, route, b, result.options.threshold)
            broken += len(breaks)
            failures.extend(breaks)
            for step in route.steps:
                ends = (step.source.iri, step.target.iri)
                if all(scheme_of(e) == "onet" for e in ends):
                    onet_steps += 1
                    paid_steps += step.pay_change is not None
        rows.append(
            {
                "transition": t,
                "found": best is not None,
                "moves": best.moves if best else None,
                "via": [s.target.label for s in best.steps[:-1]] if best else [],
                "closest": result.closest.role.label if result.closest else None,
            }
        )
    found = sum(1 for r in rows if r.get("found"))
    print(f"{'#':>2}  {'found':5}  {'moves':5}  transition (limit) — reference")
    for n, row in enumerate(rows, 1):
        t = row["transition"]
        mark = "error" if "error" in row else ("yes" if row["found"] else "no")
        moves = "" if row.get("moves") is None else str(row["moves"])
        print(f"{n:>2}  {mark:5}  {moves:5}  {t.source} -> {t.target} ({t.limit}) — {t.reference}")
        if row.get("via"):
            print(f"{'':16}via {' > '.join(row['via'])}")
        if "error" in row:
            print(f"{'':16}{row['error']}")
        elif not row["found"] and row["closest"]:
            print(f"{'':16}closest within reach: {row['closest']}")
    share = broken / steps if steps else 0.0
    paid = paid_steps / onet_steps if onet_steps else float("nan")
    summary = {
        "transitions": len(TRANSITIONS),
        "found_within_limit": found,
        "found_share": round(found / len(TRANSITIONS), 4),
        "route_steps": steps,
        "rule_breaking_steps": broken,
        "rule_break_share": round(share, 4),
        "onet_steps_with_pay_change": round(paid, 4),
        "route_ms_p50": round(statistics.median(times), 2) if times else None,
        "route_ms_p95": round(_percentile(times, 0.95), 2) if times else None,
        "first_route_ms_p50": round(statistics.median(first_times), 2) if first_times else None,
        "first_route_ms_p95": round(_percentile(first_times, 0.95), 2) if first_times else None,
        "reverse_ms_p50": round(statistics.median(back_times), 2) if back_times else None,
        "reverse_ms_p95": round(_percentile(back_times, 0.95), 2) if back_times else None,
        "reverse_without_route": back_missing,
        "route_graph_build_s": round(build, 2),
        "timed_runs": len(times),
    }
    print()
    print(
        f"found within the step limit   {found}/{len(TRANSITIONS)} ({found / len(TRANSITIONS):.0%})"
    )
    print(f"steps breaking a rule         {broken}/{steps} ({share:.1%})")
    for failure in dict.fromkeys(failures):
        print(f"  {failure}")
    print(f"O*NET steps with pay change   {paid_steps}/{onet_steps} ({paid:.0%})")
    print(
        f"route time, warm              p50 {summary['route_ms_p50']} ms, "
        f"p95 {summary['route_ms_p95']} ms ({len(times)} runs)"
    )
    print(
        f"route time, first ask         p50 {summary['first_route_ms_p50']} ms, "
        f"p95 {summary['first_route_ms_p95']} ms ({len(first_times)} runs)"
    )
    print(
        f"the other way, one move       p50 {summary['reverse_ms_p50']} ms, "
        f"p95 {summary['reverse_ms_p95']} ms ({back_missing} of {len(back_times)} without "
        "a route: the closest role instead)"
    )
    print(f"graph of moves, first build   {build:.1f} s")
    if args.json is not None:
        data = {
            "summary": summary,
            "transitions": [
                {
                    **{k: v for k, v in row.items() if k != "transition"},
                    "from": row["transition"].source,
                    "to": row["transition"].target,
                    "limit": row["transition"].limit,
                    "reference": row["transition"].reference,
                }
                for row in rows
            ],
        }
        args.json.write_text(json.dumps(data, indent=2))
    return 0 if found >= 0.9 * len(TRANSITIONS) and broken == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
