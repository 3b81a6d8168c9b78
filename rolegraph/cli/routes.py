"""``route`` and ``next``: career routes from one role to another, with the skill gap of every
step, and the moves that lead on from a role. Each parses its options, calls
:class:`~rolegraph.api.RoleGraph` and renders what it returns; both exit 1 when they find nothing
(``route`` still prints the reason).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from rolegraph.api import NextOptions, RouteOptions
from rolegraph.cli import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    FiniteFloatRange,
    emit,
    format_option,
    session_options,
)
from rolegraph.cli.analysis import current_session, percent, scheme_option
from rolegraph.cli.render import WIDTH, heading, table, wrap
from rolegraph.explain import (
    closest_words,
    no_route_words,
    plural,
    rank_label,
    route_words,
    step_words,
)

if TYPE_CHECKING:
    from rolegraph.api import Closest, Route, Step

F = TypeVar("F", bound=Callable[..., Any])


def route_options(func: F) -> F:
    """The options that shape the graph of moves routes run on."""
    for option in reversed(
        [
            click.option(
                "--promotions-only",
                is_flag=True,
                help="Follow promotions only: stated ones, and derived moves up a seniority level.",
            ),
            click.option(
                "--threshold",
                type=FiniteFloatRange(0.0, 1.0),
                default=RouteOptions.threshold,
                show_default=True,
                help="Least similarity for a lateral move no source states (0.25 viable, "
                "0.35 highly viable).",
            ),
            click.option(
                "--max-rise",
                type=click.IntRange(0),
                default=RouteOptions.max_rise,
                show_default=True,
                help="Most job zones a move no source states may rise.",
            ),
            click.option(
                "--min-pay-ratio",
                type=click.FloatRange(0.0),
                default=RouteOptions.min_pay_ratio,
                show_default=True,
                help="Least share of the pay a move no source states keeps (0 ignores pay).",
            ),
            click.option(
                "--where",
                metavar="REGION",
                default=None,
                help="Pay figures for a region: US (default) or a state, such as US-CA.",
            ),
            click.option(
                "--neighbours",
                type=click.IntRange(0),
                default=RouteOptions.neighbours,
                show_default=True,
                help="Lateral moves considered per role: its most similar roles.",
            ),
        ]
    ):
        func = option(func)
    return func


# -- route -----------------------------------------------------------------------------------


def _step_lines(n: int, step: Step) -> list[str]:
    also = "".join(f" (also called {a.role.label} in {a.classification})" for a in step.also_called)
    return [
        textwrap.fill(
            f"{n}. {step.source.label} -> {step.target.label}{also}",
            WIDTH,
            initial_indent="  ",
            subsequent_indent="     ",
        ),
        wrap(step_words(step), "     "),
    ]


def _route_text(route: Route) -> str:
    lines = [f"Route {route.rank} ({rank_label(route.rank)}): {plural(route.moves, 'step')}"]
    lines.append(wrap(route_words(route), "  "))
    for also in route.start_also_called:
        lines.append(wrap(f"Start: also called {also.role.label} in {also.classification}", "  "))
    for n, step in enumerate(route.steps, 1):
        lines.extend(_step_lines(n, step))
    return "\n".join(lines)


def _closest_text(closest: Closest) -> str:
    lines = [wrap(f"Closest: {closest_words(closest)}.")]
    if closest.route is not None:
        lines.append(_route_text(closest.route))
    return "\n".join(lines)


@click.command("route")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "--k", "k", type=click.IntRange(1), default=RouteOptions.k, show_default=True, help="Routes."
)
@click.option(
    "--max-steps",
    type=click.IntRange(1),
    default=RouteOptions.max_steps,
    show_default=True,
    help="Most moves in a route.",
)
@route_options
@scheme_option
@format_option("text", "json")
@session_options
def route_command(
    source: str,
    target: str,
    k: int,
    max_steps: int,
    promotions_only: bool,
    threshold: float,
    neighbours: int,
    max_rise: int,
    min_pay_ratio: float,
    where: str | None,
    scheme: str | None,
    output_format: str,
) -> int:
    """The best routes from one role to another, each step explained: kind of move, overlap,
    job zone, pay, the skills to gain, any barrier and who states or implies it.

    Routes are made of moves sources state and feasible moves no source states: ladders the
    classifications imply and lateral moves into roles at least --threshold similar, at most
    --max-rise job zones up, keeping at least --min-pay-ratio of the pay, never past a degree or
    licence barrier (a goal behind one is reached by a step that names it). With no route within
    the limits: exit 1, the reason, and the closest role within reach with the gap left.

    \b
    rolegraph route "Account Manager" "Sales Manager"
    rolegraph route "Project Manager" "Portfolio Manager" --k 5 --max-steps 3
    """
    ctx, _, graph = current_session()
    options = RouteOptions(
        k=k,
        max_steps=max_steps,
        promotions_only=promotions_only,
        threshold=threshold,
        scheme=scheme,
        neighbours=neighbours,
        max_rise=max_rise,
        min_pay_ratio=min_pay_ratio,
        where=where.upper() if where else None,
    )
    result = graph.routes(source, target, options=options)
    header = f"Routes from {result.source.label} to {result.target.label}"
    parts = [heading(header)]
    if result.barrier is not None:
        parts.append(
            wrap(f"{result.target.label} {result.barrier.text} ({result.barrier.detail}).")
        )
    if result.routes:
        parts.extend(_route_text(r) for r in result.routes)
    else:
        parts.append(wrap(f"No route: {no_route_words(result)}."))
        if result.closest is not None:
            parts.append(_closest_text(result.closest))
    text = "\n\n".join(parts)
    emit(ctx, result, text)
    return EXIT_OK if result.routes else EXIT_NOT_FOUND


# -- next ------------------------------------------------------------------------------------


@click.command("next")
@click.argument("role")
@click.option(
    "--depth",
    type=click.IntRange(1),
    default=NextOptions.depth,
    show_default=True,
    help="Most moves away.",
)
@click.option(
    "--top", type=click.IntRange(1), default=NextOptions.top, show_default=True, help="Roles."
)
@route_options
@scheme_option
@format_option("text", "json")
@session_options
def next_command(
    role: str,
    depth: int,
    top: int,
    promotions_only: bool,
    threshold: float,
    neighbours: int,
    max_rise: int,
    min_pay_ratio: float,
    where: str | None,
    scheme: str | None,
    output_format: str,
) -> int:
    """Where a role can go next, in one or more moves, best first; every move stated by a
    source or feasible.

    \b
    rolegraph next "Project Manager"
    rolegraph next "Account Manager" --depth 2 --scheme onet
    """
    ctx, session, graph = current_session()
    iri = session.resolve_role(role)
    options = NextOptions(
        depth=depth,
        top=top,
        promotions_only=promotions_only,
        threshold=threshold,
        scheme=scheme,
        neighbours=neighbours,
        max_rise=max_rise,
        min_pay_ratio=min_pay_ratio,
        where=where.upper() if where else None,
    )
    found = graph.next_moves(str(iri), options=options)
    rows = []
    for n, move in enumerate(found, 1):
        kinds = " + ".join(s.move for s in move.steps)
        via = " > ".join(s.target.label for s in move.steps[:-1])
        last = move.steps[-1] if move.steps else None
        pay = last.pay_change if last is not None and len(move.steps) == 1 else None
        overlap: float | None = move.skill_overlap
        if move.role.scheme != graph.scheme(str(iri)):  # skills of two classifications
            overlap = move.steps[0].similarity if len(move.steps) == 1 else None
        rows.append(
            (
                n,
                move.role.label,
                kinds,
                percent(overlap),
                f"{pay.percent:+.0f}%" if pay else "",
                via,
            )
        )
    title = heading(f"Next moves from {graph.label(str(iri))}")
    if rows:
        headers = ["#", "Role", "Move", "Overlap", "Pay", "Via"]
        text = f"{title}\n{table(headers, rows)}"
    else:
        text = f"{title}\nNo move within {depth} step(s)."
    emit(ctx, found, text)
    return EXIT_OK if found else EXIT_NOT_FOUND


COMMANDS = [route_command, next_command]
