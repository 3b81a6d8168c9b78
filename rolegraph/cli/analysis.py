"""Commands over the graph algorithms: ``compare``, ``route``, ``next``, ``fit``, ``similar``,
``skills --transferable``, ``derive-moves``, ``align-skills`` and ``evaluate``. Each parses its
options, calls one :class:`~rolegraph.api.RoleGraph` method and renders what it returns.

Roles and skills are named as users know them (label, alternative label, code or IRI); an
unknown name exits 2 with the closest matches. ``route``, ``next``, ``fit`` and ``similar`` exit 1
when they find nothing (``route`` still prints the reason, and an empty ``routes`` list in JSON).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from tqdm import tqdm

from rolegraph.api import (
    MEASURES,
    RANKINGS,
    SCHEMES,
    DeriveOptions,
    FitOptions,
    Measure,
    NextOptions,
    QualificationRef,
    Ranking,
    RoleGraph,
    RouteOptions,
    SimilarOptions,
    TransferableOptions,
)
from rolegraph.cli import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    FiniteFloatRange,
    Session,
    emit,
    format_option,
    session_options,
)
from rolegraph.cli.imports import no_prepare_option, prepared_line
from rolegraph.cli.render import WIDTH, bullet_list, heading, table, truncate, wrap

if TYPE_CHECKING:
    from rolegraph.api import Closest, Comparison, Pay, Ref, Route, Step

F = TypeVar("F", bound=Callable[..., Any])

#: Skills named in one table cell before "(+n)".
_SHOWN_SKILLS = 3


def scheme_option(func: F) -> F:
    """The --scheme option: keep results within one classification."""
    return click.option(
        "--scheme",
        type=click.Choice(list(SCHEMES)),
        default=None,
        help="Keep the results within one classification.",
    )(func)


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


def _session() -> tuple[click.Context, Session, RoleGraph]:
    ctx = click.get_current_context()
    session: Session = ctx.obj
    return ctx, session, session.graph


def _rank_label(rank: int) -> str:
    """ "best", "2nd", "3rd", "4th", ..."""
    ordinals = {1: "best", 2: "2nd", 3: "3rd"}
    return ordinals.get(rank, f"{rank}th")


def _names(items: Sequence[dict[str, Any]], limit: int = _SHOWN_SKILLS) -> str:
    shown = ", ".join(str(item["label"]) for item in items[:limit])
    rest = len(items) - limit
    return f"{shown} (+{rest})" if rest > 0 else shown


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


# -- compare ---------------------------------------------------------------------------------


def _weight(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _compare_text(result: Comparison) -> str:
    a, b = result.a.label, result.b.label
    parts = [heading(f"{a} vs {b}")]
    parts.append(
        wrap(
            f"Skill overlap {result.skill_overlap:.0%} (weighted "
            f"{result.weighted_skill_overlap:.0%}): {len(result.shared_skills)} shared, "
            f"{len(result.only_a_skills)} only {a}, {len(result.only_b_skills)} only {b}."
        )
    )
    rows: list[tuple[Any, ...]] = [
        (
            shared.skill.label,
            ", ".join(shared.skill.categories),
            _weight(shared.weight_a),
            _weight(shared.weight_b),
        )
        for shared in result.shared_skills
    ]
    rows += [
        (own.skill.label, ", ".join(own.skill.categories), _weight(own.weight), "")
        for own in result.only_a_skills
    ]
    rows += [
        (own.skill.label, ", ".join(own.skill.categories), "", _weight(own.weight))
        for own in result.only_b_skills
    ]
    if rows:
        parts.append(
            "\nSkills: shared first (weight: importance, or 1.00 essential, 0.50 optional)"
        )
        parts.append(table(["Skill", "Category", truncate(a, 18), truncate(b, 18)], rows))
    for title, key in (
        ("Responsibilities", "responsibilities"),
        ("Qualifications", "qualifications"),
    ):
        sections = []
        for prefix, label in (("shared", "Both"), ("only_a", f"Only {a}"), ("only_b", f"Only {b}")):
            items = getattr(result, f"{prefix}_{key}")
            if items:
                sections.append(f"{label}:\n" + bullet_list([_item(i) for i in items]))
        if sections:
            parts.append(f"\n{title}\n" + "\n".join(sections))
    facts = []
    for key, title in (
        ("focus", "Focus"),
        ("scope", "Scope"),
        ("communication", "Communication"),
        ("collaborators", "Works with"),
        ("tools", "Tools"),
        ("industries", "Industries"),
    ):
        sides = result.facets.get(key)
        side_a = ", ".join(x.label for x in sides.a) if sides else ""
        side_b = ", ".join(x.label for x in sides.b) if sides else ""
        if side_a or side_b:
            facts.append((title, side_a, side_b))
    level = result.level
    if level.a or level.b:
        facts.append(("Level", level.a or "", level.b or ""))
    salary = result.salary
    if salary.a or salary.b:
        facts.append(("Salary (year)", _money(salary.a), _money(salary.b)))
    if facts:
        parts.append("")
        for title, side_a, side_b in facts:
            parts.append(wrap(f"{title}: {a}: {side_a or '-'}; {b}: {side_b or '-'}"))
    return "\n".join(parts)


def _item(item: Ref | QualificationRef) -> str:
    if isinstance(item, QualificationRef):
        extra = [x for x in (item.kind, item.level) if x]
        if extra:
            kind = extra[0].removesuffix("Qualification").lower()
            return f"{item.label} ({', '.join([kind, *extra[1:]])})"
    return item.label


def _money(value: Pay | None) -> str:
    """Pay as its source gives it: a range stays a range, a median says so."""
    if value is None:
        return ""
    currency = value.currency
    if value.min is not None and value.max is not None:
        return f"{value.min:,.0f}–{value.max:,.0f} {currency}"
    if value.median is not None:
        return f"median {value.median:,.0f} {currency}"
    return f"{value.annual or 0:,.0f} {currency}"


@click.command("compare")
@click.argument("a")
@click.argument("b")
@format_option("text", "json")
@session_options
def compare_command(a: str, b: str, output_format: str) -> int:
    """Compare two roles: shared and distinct skills, responsibilities and qualifications.

    \b
    rolegraph compare "Account Manager" "Project Manager"
    rolegraph compare 13-1082.00 "Account Manager" --format json
    """
    ctx, _, graph = _session()
    result = graph.compare(a, b)
    emit(ctx, result, _compare_text(result))
    return EXIT_OK


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
        wrap(step.describe(), "     "),
    ]


def _route_text(route: Route) -> str:
    ranking = route.ranking
    lines = [f"Route {route.rank} ({ranking}): {route.moves} step{'s' if route.moves != 1 else ''}"]
    lines.append(wrap(route.explanation, "  "))
    for also in route.start_also_called:
        lines.append(wrap(f"Start: also called {also.role.label} in {also.classification}", "  "))
    for n, step in enumerate(route.steps, 1):
        lines.extend(_step_lines(n, step))
    return "\n".join(lines)


def _closest_text(closest: Closest) -> str:
    lines = [wrap(f"Closest: {closest.explanation}.")]
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
    ctx, _, graph = _session()
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
        parts.append(wrap(f"No route: {result.reason}."))
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
    ctx, session, graph = _session()
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
                _percent(overlap),
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


# -- fit -------------------------------------------------------------------------------------


@click.command("fit")
@click.option(
    "--skill",
    "-s",
    "skill_names",
    multiple=True,
    required=True,
    metavar="SKILL",
    help="A skill you have: label, alternative label or IRI (repeatable).",
)
@click.option(
    "--top", type=click.IntRange(1), default=FitOptions.top, show_default=True, help="Roles."
)
@scheme_option
@format_option("text", "json")
@session_options
def fit_command(
    skill_names: tuple[str, ...], top: int, scheme: str | None, output_format: str
) -> int:
    """The roles that best fit a set of skills, with matched and missing skills.

    The score is the share of a role's skill weight your skills cover; ties go to the role
    that uses more of your skills.

    \b
    rolegraph fit --skill negotiation --skill "time management"
    """
    ctx, session, graph = _session()
    skills = [str(session.resolve_skill(name)) for name in skill_names]
    found = graph.fit(skills, options=FitOptions(top=top, scheme=scheme))
    rows = [
        (
            n,
            f.role["label"],
            f"{f.score:.0%}",
            f"{len(f.matched)}/{len(f.matched) + len(f.missing)}",
            _names(f.missing),
        )
        for n, f in enumerate(found, 1)
    ]
    title = heading("Roles that fit " + ", ".join(graph.label(s) for s in skills))
    if rows:
        text = f"{title}\n" + table(["#", "Role", "Fit", "Skills", "Missing"], rows)
    else:
        text = f"{title}\nNo role requires any of these skills."
    emit(ctx, [f.to_dict() for f in found], text)
    return EXIT_OK if found else EXIT_NOT_FOUND


# -- similar ---------------------------------------------------------------------------------


@click.command("similar")
@click.argument("role")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Roles.")
@click.option(
    "--measure",
    type=click.Choice(list(MEASURES)),
    default=SimilarOptions.measure,
    show_default=True,
    help="blend (all facets), one facet alone, or a skill overlap measure.",
)
@scheme_option
@format_option("text", "json")
@session_options
def similar_command(
    role: str, top: int, measure: str, scheme: str | None, output_format: str
) -> int:
    """The roles most similar to ROLE, best first, with the score of each facet.

    The blend weighs aligned skills, what the work involves (tasks, work activities), job
    titles, technology, the classifications' structure and job zone. ROLE's declared
    counterparts in other classifications come first.

    \b
    rolegraph similar "Project Manager" --top 5
    rolegraph similar 15-1252.00 --scheme onet --top 20
    rolegraph similar 2431.5 --scheme esco --format json
    """
    ctx, session, graph = _session()
    iri = session.resolve_role(role)
    options = SimilarOptions(top=top, scheme=scheme, measure=cast(Measure, measure))
    found = graph.similar(str(iri), options=options)
    labels = _distinct_labels(graph, [s.role["iri"] for s in found])
    rows = [
        (
            n,
            labels[s.role["iri"]],
            _SOURCE_NAMES.get(s.role["scheme"], s.role["scheme"]) + ("=" if s.counterpart else ""),
            f"{s.score:.2f}",
            *(_percent(s.facets.get(name)) for name in _FACET_COLUMNS),
        )
        for n, s in enumerate(found, 1)
    ]
    title = heading(f"Roles similar to {graph.label(str(iri))}")
    if rows:
        headers = ["#", "Role", "Source", "Score", *_FACET_COLUMNS.values()]
        text = f"{title}\n{table(headers, rows)}"
        notes = []
        if any(s.counterpart for s in found):
            notes.append("= the same occupation in another classification, listed first.")
        if any(s.via for s in found):
            vias = sorted({s.via["label"] for s in found if s.via})
            notes.append(f"Compared through the counterpart {', '.join(vias)}.")
        if measure == "blend":
            weights = graph.blend_weights()
            total = sum(w for w in weights.values() if w > 0)
            parts = ", ".join(
                f"{_FACET_COLUMNS.get(name, name).lower()} {w / total:.0%}"
                for name, w in weights.items()
                if w > 0
            )
            notes.append(
                f"Score: the weighted mean of {parts} (Work: tasks and work activities); "
                "--format json has every facet, with classification and job zone."
            )
        text += "".join("\n" + wrap(note) for note in notes)
    else:
        text = f"{title}\nNo role is similar to it by this measure."
    emit(ctx, [s.to_dict() for s in found], text)
    return EXIT_OK if found else EXIT_NOT_FOUND


#: How the targets of skill links are named.
_KIND_NAMES = {"activity": "work activities", "element": "elements", "technology": "technologies"}

#: How the classifications are named in text tables.
_SOURCE_NAMES = {"esco": "ESCO", "onet": "O*NET", "rolegraph": "article"}
#: The facets shown as columns of ``similar`` (JSON has all of them).
_FACET_COLUMNS = {
    "skills": "Skills",
    "activities": "Work",
    "titles": "Titles",
    "technology": "Tech",
}


def _distinct_labels(graph: RoleGraph, iris: Sequence[str]) -> dict[str, str]:
    """Labels, with a code added where two different roles carry the same one (the table keeps
    labels that only read alike once cut apart by itself)."""
    labels = {iri: graph.label(iri) for iri in iris}
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    for iri, label in labels.items():
        if seen[label] > 1:
            codes = graph.codes(iri)
            code = codes.get("onet") or codes.get("escoCode") or iri.rsplit("/", 1)[-1][:8]
            labels[iri] = f"{label} ({code})"
    return labels


# -- skills ----------------------------------------------------------------------------------


@click.command("skills")
@click.option(
    "--transferable",
    is_flag=True,
    help="Rank skills by how many kinds of role they connect (else by how many roles).",
)
@click.option(
    "--by",
    type=click.Choice(list(RANKINGS)),
    default=None,
    help="Ranking: bridging (groups, then roles; the default with --transferable), roles or "
    "participation.",
)
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Skills.")
@scheme_option
@format_option("text", "json")
@session_options
def skills_command(
    transferable: bool, by: str | None, top: int, scheme: str | None, output_format: str
) -> int:
    """The skills that connect the most roles.

    A skill bridges when the roles requiring it fall in many occupational groups (ISCO-08 or
    SOC major groups, else families of roles linked by stated moves).

    \b
    rolegraph skills --transferable --top 20
    """
    ctx, _, graph = _session()
    ranking = by or ("bridging" if transferable else "roles")
    options = TransferableOptions(top=top, by=cast(Ranking, ranking), scheme=scheme)
    found = graph.transferable(options=options)
    rows = [
        (
            n,
            t.skill["label"],
            t.roles,
            t.groups,
            f"{t.participation:.2f}",
            ", ".join(t.top_groups[:3]),
        )
        for n, t in enumerate(found, 1)
    ]
    title = heading("Transferable skills" if transferable else "Skills by roles requiring them")
    headers = ["#", "Skill", "Roles", "Groups", "Spread", "Main groups"]
    text = f"{title}\n{table(headers, rows, WIDTH)}" if rows else f"{title}\nNo skill found."
    emit(ctx, [t.to_dict() for t in found], text)
    return EXIT_OK if found else EXIT_NOT_FOUND


# -- derive-moves ----------------------------------------------------------------------------


@click.command("derive-moves")
@click.option(
    "--min-score",
    type=FiniteFloatRange(0.0, 1.0),
    default=DeriveOptions.min_score,
    show_default=True,
    help="Least score of a move kept.",
)
@click.option(
    "--per-role",
    type=click.IntRange(1),
    default=DeriveOptions.per_role,
    show_default=True,
    help="Most moves kept per role.",
)
@click.option(
    "--candidates",
    type=click.IntRange(1),
    default=DeriveOptions.candidates,
    show_default=True,
    help="Most similar roles scored per role.",
)
@click.option(
    "--max-rise",
    type=click.IntRange(0),
    default=DeriveOptions.max_rise,
    show_default=True,
    help="Most seniority levels up.",
)
@click.option(
    "--max-drop",
    type=click.IntRange(0),
    default=DeriveOptions.max_drop,
    show_default=True,
    help="Most levels down.",
)
@click.option("--dry-run", is_flag=True, help="Show the moves without storing them.")
@no_prepare_option("derivation")
@scheme_option
@format_option("text", "json")
@session_options
def derive_moves_command(
    min_score: float,
    per_role: int,
    candidates: int,
    max_rise: int,
    max_drop: int,
    dry_run: bool,
    no_prepare: bool,
    scheme: str | None,
    output_format: str,
) -> int:
    """Derive career moves between occupations and store them in the store's derived-moves graph.

    Each move is scored from the skill and knowledge importance, task statements, tools and
    titles two occupations share; seniority (Job Zone) may rise by at most --max-rise levels and
    fall by at most --max-drop. The moves replace earlier derived ones, with their method, score
    and evidence, apart from the moves sources state.

    \b
    rolegraph derive-moves --store ./store
    rolegraph derive-moves --scheme onet --dry-run --format json
    """
    click.get_current_context().obj.writes = not dry_run
    ctx, _, graph = _session()
    options = DeriveOptions(
        per_role=per_role,
        min_score=min_score,
        candidates=candidates,
        max_rise=max_rise,
        max_drop=max_drop,
        scheme=scheme,
        dry_run=dry_run,
    )
    result = graph.derive_moves(options=options, prepare=not no_prepare)
    moves = result.moves
    best = sorted(moves, key=lambda m: -m.score)[:10]
    rows = [(graph.label(m.source), graph.label(m.target), m.kind, f"{m.score:.2f}") for m in best]
    where = "not stored (dry run)" if result.graph is None else f"stored in <{result.graph}>"
    text = wrap(f"{len(moves)} derived moves ({result.promotions} promotions), {where}.")
    if rows:
        text += "\n\n" + table(["From", "To", "Kind", "Score"], rows)
    text += prepared_line(*result.prepared_answers)
    emit(ctx, result.to_dict(), text)
    return EXIT_OK


# -- align-skills ----------------------------------------------------------------------------


@click.command("align-skills")
@click.option("--dry-run", is_flag=True, help="Show the links without storing them.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@no_prepare_option("alignment")
@format_option("text", "json")
@session_options
def align_skills_command(dry_run: bool, quiet: bool, no_prepare: bool, output_format: str) -> int:
    """Link ESCO's skills to O*NET's elements, work activities and technologies.

    Each link is stored as an rg:SkillMapping (SKOS relation, score, method) with its plain SKOS
    triple in the store's skill-alignment graph, replacing the links of an earlier run, so
    running it again gives the same graph. Similar roles, fit and routes then compare roles of
    the two classifications on their skills.

    \b
    rolegraph align-skills --store ./store
    rolegraph align-skills --dry-run --format json
    """
    ctx = click.get_current_context()
    session = ctx.ensure_object(Session)
    session.writes = not dry_run
    with tqdm(
        unit="skills", desc="align skills", disable=True if quiet else None, leave=False
    ) as bar:

        def start(total: int) -> None:
            bar.total = total
            bar.refresh()

        result = session.graph.align_skills(
            dry_run=dry_run, start=start, progress=bar.update, prepare=not no_prepare
        )
    links, labels = result.links, result.labels
    where = "not stored (dry run)" if result.graph is None else f"stored in <{result.graph}>"
    text = wrap(
        f"{len(links):,} skill links ({result.linked:,} of {result.esco_skills:,} ESCO skills "
        "linked; "
        + ", ".join(
            f"{n:,} to O*NET {_KIND_NAMES.get(kind, kind)}" for kind, n in result.kinds().items()
        )
        + f"), {where}."
    )
    best = sorted(links, key=lambda link: -link.score)[:10]
    if best:
        rows = [
            (
                truncate(labels[b.skill], 30),
                b.relation,
                truncate(labels[b.target], 30),
                f"{b.score:.2f}",
            )
            for b in best
        ]
        text += "\n\n" + table(["ESCO skill", "Relation", "O*NET", "Score"], rows)
    text += prepared_line(*result.prepared_answers)
    emit(ctx, result.to_dict(), text)
    return EXIT_OK


# -- evaluate ---------------------------------------------------------------------------------


@click.command("evaluate")
@click.option(
    "--related",
    "related_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="O*NET's related occupations (tab-separated: O*NET-SOC Code, Related O*NET-SOC Code, "
    "Relatedness Tier), for recall@20 and Primary-Short recall@10.",
)
@click.option(
    "--measure",
    "measures",
    type=click.Choice(list(MEASURES)),
    multiple=True,
    help="Measures to judge (repeatable; default: every facet alone, then the blend).",
)
@click.option("--fit", is_flag=True, help="Also search blend weights on --related and show them.")
@format_option("text", "json")
@session_options
def evaluate_command(
    related_file: Path | None, measures: tuple[str, ...], fit: bool, output_format: str
) -> int:
    """How well similar roles match how occupations are really related, measure by measure.

    For each facet alone and for the blend: recall@20 and Primary-Short recall@10 against
    --related (ranked as `rolegraph similar CODE --scheme onet --top 20` ranks), precision@10 of
    the ISCO-08 unit group (ESCO) and SOC minor group (O*NET), ESCO-O*NET crosswalk agreement,
    coverage (the share of roles with 10 similar roles) and the time to compute all pairs.

    \b
    rolegraph evaluate --store ./store --related onet-related-occupations.tsv
    rolegraph evaluate --store ./store --related FILE --fit
    """
    ctx, _, graph = _session()
    if fit and related_file is None:
        raise click.UsageError("--fit needs --related FILE")
    evaluation = graph.evaluate(measures=measures, related=related_file, fit=fit)
    results = evaluation.measures
    rows = [
        (
            r.measure,
            _figure(r.recall_at_20),
            _figure(r.primary_short_recall_at_10),
            _figure(r.esco_group_precision),
            _figure(r.onet_group_precision),
            _figure(r.crosswalk_agreement),
            _figure(r.coverage),
            f"{r.all_pairs_seconds:.2f}",
        )
        for r in results
    ]
    headers = ["Measure", "R@20", "PS R@10", "ESCO P@10", "O*NET P@10", "Xwalk", "Cover", "Secs"]
    text = heading("Similar-role quality") + "\n" + table(headers, rows)
    if related_file is not None:
        judged = max((r.judged for r in results), default=0)
        text += "\n" + wrap(f"Recall over {judged} listed occupations of {related_file}.")
    fitted = evaluation.fitted
    if fitted is not None:
        shown = ", ".join(f"{name} {value:.3f}" for name, value in fitted.weights.items())
        text += "\n\n" + wrap(
            f"Fitted blend weights: {shown} (recall@20 {fitted.recall_at_20:.3f}, Primary-Short "
            f"recall@10 {fitted.ps_recall_at_10:.3f})."
        )
    emit(ctx, evaluation.to_dict(), text)
    return EXIT_OK


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


COMMANDS = [
    evaluate_command,
    derive_moves_command,
    align_skills_command,
    compare_command,
    route_command,
    next_command,
    fit_command,
    similar_command,
    skills_command,
]
