"""``derive-moves`` and ``align-skills``, which add to a store what rolegraph derives from the
imported data (career moves, links between the classifications' skills), and ``evaluate``, which
measures similar roles against how occupations are really related.
"""

from __future__ import annotations

from pathlib import Path

import click
from tqdm import tqdm

from rolegraph.api import MEASURES, DeriveOptions
from rolegraph.cli import (
    EXIT_OK,
    FiniteFloatRange,
    Session,
    emit,
    format_option,
    session_options,
)
from rolegraph.cli.analysis import current_session, scheme_option
from rolegraph.cli.imports import no_prepare_option, prepared_line
from rolegraph.cli.render import heading, table, truncate, wrap

#: How the kinds of O*NET target of a skill link are named.
_KIND_NAMES = {"activity": "work activities", "element": "elements", "technology": "technologies"}

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
    ctx, _, graph = current_session()
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
    text += prepared_line(result.prepared)
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
    text += prepared_line(result.prepared)
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
    ctx, _, graph = current_session()
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


COMMANDS = [evaluate_command, derive_moves_command, align_skills_command]
