"""The words: every English sentence that explains a result of the analysis, written from its
typed fields alone. The analysis decides (which move, why a route ranks lower, which role is
closest); this module says it, for the text of the command line, the ``explanation`` of the
JSON (:mod:`rolegraph.render`) and so the web page, which all read the same sentences.

>>> from rolegraph.analysis.refs import PayChange
>>> pay_words(PayChange(50000.0, 56000.0, 6000.0, 12.0, "USD", "US", "US", "US"))
'pay +12%'
>>> rank_label(2), plural(1, "step"), plural(3, "step")
('2nd', '1 step', '3 steps')
"""

from __future__ import annotations

from collections.abc import Sequence

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.overlap import Similar
from rolegraph.analysis.refs import PayChange, SkillRef
from rolegraph.analysis.route_types import Closest, NextMove, Route, RouteResult, Step

#: Skills named in a step's explanation before "and N more".
SHOWN_SKILLS = 5

#: How the facets of a similarity are named.
FACET_NAMES = {
    "skills": "skills",
    "knowledge": "knowledge",
    "activities": "what the work involves",
    "titles": "job titles",
    "technology": "technology",
    "structure": "classification",
    "job_zone": "job zone",
}

#: Facets too coarse to say why two roles are close (many roles share a group or a zone).
_COARSE_FACETS = ("structure", "job_zone")
#: How the classifications are named.
_SCHEME_NAMES = {"esco": "ESCO", "onet": "O*NET"}
_ORDINALS = {1: "best", 2: "2nd", 3: "3rd"}


# -- words and phrases --------------------------------------------------------------------------


def rank_label(rank: int) -> str:
    """ "best", "2nd", "3rd", "4th", ... for a route's place in the ranking."""
    if rank in _ORDINALS:
        return _ORDINALS[rank]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def skill_label(label: str) -> str:
    """A skill's name in one casing, lower case, whatever its source: O*NET's "Active Listening"
    and ESCO's "active listening" read alike; acronyms (CRM, ICT) stay as they are."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in label.split(" "))


def skill_phrase(skills: Sequence[SkillRef], shown: int = SHOWN_SKILLS) -> str:
    """The first ``shown`` skills by name, then "and N more"."""
    names = [skill_label(s.label) for s in skills[:shown]]
    rest = len(skills) - len(names)
    text = ", ".join(names)
    return f"{text} and {rest} more" if rest > 0 else text


def plural(n: int, word: str, plural: str | None = None) -> str:
    """ "1 step", "2 steps"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def pay_words(change: PayChange) -> str:
    """ "pay +12%", with whose figure it is when not the role's own ("US figure for ...")."""
    text = f"pay {change.percent:+.0f}%"
    region = change.region
    figure = change.to_figure
    if figure and figure != region:
        text += f" ({figure})"
    elif region and region != fz.NATIONAL:
        text += f" ({region})"
    return text


def scheme_name(scheme: str) -> str:
    """ "ESCO", "O*NET", or the classification's own name."""
    return _SCHEME_NAMES.get(scheme, scheme)


def rule_words(broken: fz.RuleBreak) -> str:
    """A feasibility rule a move breaks, in words."""
    if broken.rule == "similarity":
        return f"similarity {broken.value:.2f} below {broken.limit:.2f}"
    if broken.rule == "rise":
        return f"rises {broken.value:.0f} job zones (at most {broken.limit:.0f})"
    if broken.rule == "pay":
        return f"keeps {broken.value:.0%} of the pay"
    return broken.barrier.text if broken.barrier is not None else "behind a barrier"


# -- routes -----------------------------------------------------------------------------------


def move_basis(step: Step) -> str:
    """Who states or implies a move: "stated by ...", "implied by ...", "derived from ...", or
    how similar the roles of a feasible move are."""
    if step.origin == "stated":
        return f"stated by {step.stated_by}" if step.stated_by else "stated by a source"
    if step.origin == "derived":
        for item in step.evidence:
            if item.startswith("ladder="):
                return f"implied by {item.removeprefix('ladder=')}"
        if (step.method or "").startswith("rolegraph-ladders"):
            return "implied by the classification"
        return "derived from shared skills, tasks and tools"
    if step.origin == "similarity":
        overlap = step.similarity or 0.0
        viable = "highly viable" if overlap >= fz.HIGHLY_VIABLE else "viable"
        return f"{viable}: {overlap:.0%} similar"
    return ""


def step_kind(step: Step) -> str:
    """The kind of move and who states or implies it, in words."""
    basis = move_basis(step)
    if step.barrier is not None:
        return f"{step.move} past a barrier ({basis})"
    return f"{step.move} ({basis})" if basis else step.move


def step_words(step: Step) -> str:
    """A step in words: kind, overlap, job zone, pay, skills to gain, barrier."""
    parts = [step_kind(step)]
    if step.skill_overlap is not None:
        parts.append(f"{step.skill_overlap:.0%} skill overlap")
    elif step.similarity is not None:
        parts.append(f"{step.similarity:.0%} similar")
    before, after = step.level_change.before, step.level_change.after
    if before is not None and after is not None:
        parts.append(f"job zone {before} to {after}" if before != after else f"job zone {after}")
    if step.pay_change is not None:
        parts.append(pay_words(step.pay_change))
    if step.skills_to_gain:
        parts.append(f"skills to gain: {skill_phrase(step.skills_to_gain)}")
    else:
        parts.append("no new skills")
    if step.barrier is not None:
        parts.append(f"barrier: {step.barrier.text} ({step.barrier.detail})")
    return "; ".join(parts)


def route_words(route: Route) -> str:
    """A route in words: its steps, the skills and pay along it, and, below the best, why it
    ranks lower."""
    steps = route.steps
    if not steps:
        return "no move: the same occupation in another classification"
    bases = {move_basis(step) for step in steps}
    if len(steps) > 1 and len(bases) == 1 and not any(s.barrier for s in steps):
        kinds = [step.move for step in steps]
        basis = next(iter(bases))
        tail = f" (all {basis})" if basis else ""
    else:
        kinds, tail = [step_kind(step) for step in steps], ""
    text = f"{plural(len(steps), 'step')}: {', then '.join(kinds)}{tail}"
    gained = sum(len(s.skills_to_gain) for s in steps)
    text += f"; {plural(gained, 'skill')} to gain"
    known = [s.pay_change for s in steps if s.pay_change is not None]
    if known and len(known) == len(steps):
        start, end = known[0].before, known[-1].after
        if start:
            text += f"; pay {100.0 * (end - start) / start:+.0f}% overall"
    barriers = [s.barrier.text for s in steps if s.barrier]
    if barriers:
        text += f"; {barriers[0]}"
    behind = route.behind_best
    if behind is None:
        return text + "; the best route"
    if behind.more_moves:
        why = f"{plural(behind.more_moves, 'more step')} than the best"
    elif behind.fewer_stated:
        why = "fewer of its moves are stated by a source than the best's"
    else:
        why = "its moves are less direct than the best's"
    return f"{text}; ranks {rank_label(route.rank)}: {why}"


def closest_words(closest: Closest) -> str:
    """The closest role within reach and the gap left to the goal, in words."""
    gap, target = closest.gap, closest.target.label
    parts = [f"{closest.similarity:.0%} similar to {target}"]
    if gap.skills:
        parts.append(f"skills to gain: {skill_phrase(gap.skills)}")
    if gap.education is not None:
        parts.append(f"education: {gap.education.needs}")
    zones = gap.job_zone
    if zones.before is not None and zones.after is not None and zones.before != zones.after:
        parts.append(f"job zone {zones.before} to {zones.after}")
    if gap.pay is not None:
        parts.append(pay_words(gap.pay))
    if gap.barrier is not None:
        parts.append(f"barrier: {gap.barrier.text}")
    if closest.stuck:
        where_from = f"no move leads on from {closest.role.label}"
    else:
        where_from = (
            f"{closest.role.label} is the closest role within reach "
            f"({plural(closest.moves, 'move')})"
        )
    return f"{where_from}; the gap to {target}: " + "; ".join(parts)


def no_route_words(result: RouteResult) -> str | None:
    """Why ``result`` has no route, in words (None when it has routes)."""
    reason = result.reason
    if reason is None:
        return None
    a, b, options = result.source.label, result.target.label, result.options
    if reason.kind == "same":
        return f"{a} and {b} are the same role"
    if reason.kind == "no_move":
        if options.promotions_only:
            return f"{a} has no promotion, stated or derived"
        return (
            f"{a} has no stated move and no feasible move into one of its "
            f"{options.neighbours} most similar roles"
        )
    if options.promotions_only:
        what = "chain of promotions"
    else:
        what = f"stated move or feasible move (similarity at least {options.threshold:.0%})"
    if reason.kind == "unreachable":
        return f"no {what} leads from {a} to {b}"
    return (
        f"no {what} leads from {a} to {b} within {options.max_steps} steps "
        f"(the shortest route takes {reason.distance})"
    )


def next_move_words(move: NextMove) -> str:
    """The moves that lead to a next role, in words, and how much of the skills it keeps."""
    steps = "; then ".join(step_words(s) for s in move.steps)
    text = f"{plural(move.moves, 'move')}: {steps}"
    source = move.path[0] if move.path else None
    if source is not None and len(move.steps) > 1 and move.role.scheme == source.scheme:
        text += f"; {move.skill_overlap:.0%} skill overlap with {source.label}"
    return text


# -- similar roles ------------------------------------------------------------------------------


def similar_words(item: Similar) -> str:
    """Why a role is similar: its strongest facets, the skills it shares and, for a counterpart
    or a role compared through one, how it is related."""
    if item.counterpart is not None:
        text = (
            f"the same occupation in {scheme_name(item.role.scheme)} ({item.counterpart}), "
            "listed first"
        )
        return f"{text}; {_overlap_words(item)}" if item.shared_skills else text
    text = _overlap_words(item)
    if item.via is not None:
        text += (
            f" ({item.via.label} is the {scheme_name(item.via.scheme)} counterpart of "
            f"{item.of.label})"
        )
    return text


def _overlap_words(item: Similar) -> str:
    """The strongest facets of a similarity and the skills shared, in words."""
    facets = item.facets
    strongest = sorted(
        (name for name in facets if name not in _COARSE_FACETS), key=lambda name: -facets[name]
    )[:2]
    text = "closest in " + " and ".join(
        f"{FACET_NAMES.get(name, name)} ({facets[name]:.0%})" for name in strongest
    )
    if item.shared_skills:
        text += (
            f"; shares {item.shared_skills} of its {item.skills} skills with "
            f"{item.compared_with.label} ({item.skill_overlap:.0%} of both roles' skills, "
            f"{item.weighted_skill_overlap:.0%} by weight)"
        )
    names = ", ".join(ref.label for ref in item.top_shared[:3])
    if names:
        text += f"; most important shared: {names}"
    return text


__all__ = [
    "FACET_NAMES",
    "SHOWN_SKILLS",
    "closest_words",
    "move_basis",
    "next_move_words",
    "no_route_words",
    "pay_words",
    "plural",
    "rank_label",
    "route_words",
    "rule_words",
    "scheme_name",
    "similar_words",
    "skill_label",
    "skill_phrase",
    "step_kind",
    "step_words",
]
