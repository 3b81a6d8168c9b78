"""Commands over the graph algorithms: ``compare``, ``fit``, ``similar`` and ``skills`` (routes
are in :mod:`rolegraph.cli.routes`, what is derived and its evaluation in
:mod:`rolegraph.cli.derived`). Each parses its options, calls one
:class:`~rolegraph.api.RoleGraph` method and renders what it returns.

Roles and skills are named as users know them (label, alternative label, code or IRI); an
unknown name exits 2 with the closest matches. ``fit`` and ``similar`` exit 1 when they find
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from rolegraph.api import (
    MEASURES,
    RANKINGS,
    SCHEMES,
    FitOptions,
    Measure,
    QualificationRef,
    Ranking,
    RoleGraph,
    SimilarOptions,
    TransferableOptions,
)
from rolegraph.cli import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    Session,
    emit,
    format_option,
    session_options,
)
from rolegraph.cli.render import WIDTH, bullet_list, heading, table, truncate, wrap

if TYPE_CHECKING:
    from rolegraph.api import Comparison, Pay, Ref, WeightedSkill

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


def current_session() -> tuple[click.Context, Session, RoleGraph]:
    ctx = click.get_current_context()
    session: Session = ctx.obj
    return ctx, session, session.graph


def _names(items: Sequence[WeightedSkill], limit: int = _SHOWN_SKILLS) -> str:
    shown = ", ".join(item.skill.label for item in items[:limit])
    rest = len(items) - limit
    return f"{shown} (+{rest})" if rest > 0 else shown


def percent(value: float | None) -> str:
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
    ctx, _, graph = current_session()
    result = graph.compare(a, b)
    emit(ctx, result, _compare_text(result))
    return EXIT_OK


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
    ctx, session, graph = current_session()
    skills = [str(session.resolve_skill(name)) for name in skill_names]
    found = graph.fit(skills, options=FitOptions(top=top, scheme=scheme))
    rows = [
        (
            n,
            f.role.label,
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
    emit(ctx, found, text)
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
    ctx, session, graph = current_session()
    iri = session.resolve_role(role)
    options = SimilarOptions(top=top, scheme=scheme, measure=cast(Measure, measure))
    found = graph.similar(str(iri), options=options)
    labels = _distinct_labels(graph, [s.role.iri for s in found])
    rows = [
        (
            n,
            labels[s.role.iri],
            _SOURCE_NAMES.get(s.role.scheme, s.role.scheme) + ("=" if s.counterpart else ""),
            f"{s.score:.2f}",
            *(percent(s.facets.get(name)) for name in _FACET_COLUMNS),
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
            vias = sorted({s.via.label for s in found if s.via})
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
                f"Score: the weighted mean of {parts} (Work: tasks and work activities; "
                "Know only where both roles are rated, else left out); --format json has "
                "every facet, with classification and job zone."
            )
        text += "".join("\n" + wrap(note) for note in notes)
    else:
        text = f"{title}\nNo role is similar to it by this measure."
    emit(ctx, found, text)
    return EXIT_OK if found else EXIT_NOT_FOUND


#: How the classifications are named in text tables.
_SOURCE_NAMES = {"esco": "ESCO", "onet": "O*NET", "rolegraph": "article"}
#: The facets shown as columns of ``similar`` (JSON has all of them).
_FACET_COLUMNS = {
    "skills": "Skills",
    "knowledge": "Know",
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
    ctx, _, graph = current_session()
    ranking = by or ("bridging" if transferable else "roles")
    options = TransferableOptions(top=top, by=cast(Ranking, ranking), scheme=scheme)
    found = graph.transferable(options=options)
    rows = [
        (
            n,
            t.skill.label,
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
    emit(ctx, found, text)
    return EXIT_OK if found else EXIT_NOT_FOUND


COMMANDS = [
    compare_command,
    fit_command,
    similar_command,
    skills_command,
]
