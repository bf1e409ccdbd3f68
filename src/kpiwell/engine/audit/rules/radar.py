"""The KPI- and check-in-based codes of the wellbeing radar (issue 4).

``chronic-pressure`` (harm 1), ``effort-unrecognized`` (harm 2, cause 5), ``motivation-loss`` from
check-in mood (harm 3, person), ``gaming-suspected`` (harm 4: three person x KPI tests and the
organisation-level Burgstahler-Dichev test) and ``innovation-suppressed`` (harm 6). Attainment is
value / target (target / value for ``lower``) with the target in force in each period
(``AuditContext.periods``); periods with a target <= 0 are skipped. Check-in mood and workload are
shared with the manager in the 1:1 by design, so person-level findings may use them; survey answers
never appear here.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import polars as pl

from kpiwell.engine.audit.attainment import MAD_TO_SD
from kpiwell.engine.audit.findings import FindingBatch, Severity
from kpiwell.engine.audit.prepare import PERIOD_DAYS
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit
from kpiwell.engine.audit.rules.targets import safe_flags
from kpiwell.engine.audit.runs import MAX_PADDING, padded_laid_out, padded_runs, run_medians

TIE_CORRECTION_DEGREE = 3  # ties enter the rank-sum variance as t^3 - t (Lehmann 1975, ch. 1)


def _latest(frame: pl.DataFrame, key: str, count: int) -> pl.DataFrame:
    """The last ``count`` rows per ``key`` of a frame sorted by key and time (select the columns
    needed first: every column of the frame is gathered)."""
    column = frame.get_column(key)
    if 0 < count < frame.height and column.null_count() == 0 and column.is_sorted():
        # The keys ascend, so a row is among its key's last ``count`` exactly when the row
        # ``count`` places further holds another key, or there is none: one comparison of the
        # column with itself shifted, instead of a group-by.
        ahead = column.slice(count) != column.slice(0, frame.height - count)
        return frame.filter(pl.concat([ahead, pl.repeat(True, count, eager=True)]))
    return frame.group_by(key, maintain_order=True).tail(count)


def _person_team(ctx: AuditContext) -> pl.DataFrame:
    return ctx.prepared.people.select("person_id", "team")


def _recent_checkins(ctx: AuditContext, column: str, count: int) -> pl.DataFrame | None:
    checkins = ctx.prepared.checkins
    if checkins is None:
        return None
    return _latest(
        checkins.filter(pl.col(column).is_not_null()).sort("person_id", "date", column), "person_id", count
    )


def chronic_pressure(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.chronic_pressure
    recent = _latest(ctx.periods.select("aid", "attainment"), "aid", cfg.last_periods)
    # rows that cannot round under the bar add nothing to the count (min_periods_under >= 1)
    decimals = ctx.config.numerics.decision_decimals
    under = (
        recent.filter(_may_round_below(pl.col("attainment"), cfg.under_attainment, decimals))
        .group_by("aid", maintain_order=True)
        .agg((ctx.decide(pl.col("attainment")) < cfg.under_attainment).sum().alias("periods_under"))
        .filter(pl.col("periods_under") >= cfg.min_periods_under)
        .join(ctx.prepared.assignments.select("aid", "person_id", "kpi"), on="aid")
        .group_by("person_id")
        .agg(pl.col("kpi").sort().alias("pressured_kpis"), pl.col("periods_under").max())
    )
    workload = _recent_checkins(ctx, "workload", cfg.last_checkins)
    if workload is None:
        heavy = pl.DataFrame(schema={"person_id": pl.Utf8, "high_workload_checkins": pl.UInt32})
    else:
        heavy = (
            workload.group_by("person_id")
            .agg((pl.col("workload") >= cfg.high_workload).sum().alias("high_workload_checkins"))
            .filter(pl.col("high_workload_checkins") >= cfg.min_high_workload)
        )
    flagged = (
        _person_team(ctx)
        .join(under, on="person_id", how="left")
        .join(heavy, on="person_id", how="left")
        .filter(pl.col("pressured_kpis").is_not_null() | pl.col("high_workload_checkins").is_not_null())
        .with_columns(
            pl.when(pl.col("pressured_kpis").is_null())
            .then(pl.lit("code.chronic-pressure.message.workload"))
            .when(pl.col("high_workload_checkins").is_null())
            .then(pl.lit("code.chronic-pressure.message"))
            .otherwise(pl.lit("code.chronic-pressure.message.both"))
            .alias("message_key"),
            pl.col("pressured_kpis").fill_null([]),
            pl.col("periods_under").fill_null(0),
            pl.col("high_workload_checkins").fill_null(0),
        )
        .with_columns(pl.col("pressured_kpis").list.join(", ").alias("kpi_list"))
        .sort("person_id")
    )
    return RuleOutput(
        findings=emit(
            flagged,
            code="chronic-pressure",
            cause=None,
            harm=1,
            severity=Severity.CRITICAL,
            person="person_id",
            message_key="message_key",
            evidence=("pressured_kpis", "kpi_list", "periods_under", "high_workload_checkins"),
            extra={
                "last_periods": cfg.last_periods,
                "last_checkins": cfg.last_checkins,
                "under_attainment": cfg.under_attainment,
            },
        )
    )


def _one_sided_rank_p(frame: pl.DataFrame, group: str, later: pl.Expr, score: str) -> pl.DataFrame:
    """Per ``group``: one-sided Mann-Whitney p that ``score`` is larger where ``later`` holds.

    Normal approximation with tie correction and continuity correction, computed for all groups at
    once from mid-ranks within each group: rows ordered by group and score, then the mid-rank of
    each run of equal scores from its position (the rank sums are multiples of 0.5, so exact).
    """
    data = frame.select(group, score, later.alias("later"))
    if data.height == 0 or data.get_column(score).is_nan().any():
        return _one_sided_rank_p_windowed(data, group, pl.col("later"), score)
    # Stably by group (one integer key), then by score within each group's now contiguous rows:
    # small sorts per group beat sorting every row by score, and a sort on two keys row-encodes both.
    # The groups ascend, so each group's sorted rows laid out group after group ("explode") line up
    # with the group column as they are: no mapping back to the rows' places.
    data = (
        data.sort(group, maintain_order=True)
        .select(
            pl.col(group).set_sorted(),
            pl.struct(score, "later").sort_by(score).over(group, mapping_strategy="explode"),
        )
        .unnest(score)
    )
    n = data.height
    keys = data.get_column(group)
    values = data.get_column(score)
    first = pl.Series([True])
    new_group = pl.concat([first, keys.slice(1) != keys.slice(0, n - 1)])
    new_tie = new_group | pl.concat([first, values.slice(1) != values.slice(0, n - 1)])
    group_start = new_group.arg_true().cast(pl.Int64)
    tie_start = new_tie.arg_true().cast(pl.Int64)
    tie_length = pl.concat([tie_start.slice(1), pl.Series([n], dtype=pl.Int64)]) - tie_start
    group_of_tie = (new_group.cast(pl.UInt32).cum_sum() - 1).filter(new_tie)
    # 1-based position of the run's first row within its group, plus half the run's extra length
    tie_rank = (tie_start - group_start.gather(group_of_tie) + 1).cast(pl.Float64) + (tie_length - 1).cast(
        pl.Float64
    ) / 2
    tie_of_row = new_tie.cast(pl.UInt32).cum_sum() - 1
    ranked = data.with_columns(tie_rank.gather(tie_of_row).alias("rank"), pl.col(group).set_sorted())
    ties = (
        pl.DataFrame({group: keys.filter(new_tie), "t": tie_length.cast(pl.Float64)})
        .with_columns(pl.col(group).set_sorted())
        .group_by(group, maintain_order=True)
        .agg((pl.col("t").pow(TIE_CORRECTION_DEGREE) - pl.col("t")).sum().alias("tie_sum"))
    )
    return _rank_p(ranked, ties, group)


def _one_sided_rank_p_windowed(frame: pl.DataFrame, group: str, later: pl.Expr, score: str) -> pl.DataFrame:
    """:func:`_one_sided_rank_p` with Polars' rank over groups (NaN scores rank as Polars ranks them)."""
    ranked = frame.with_columns(
        pl.col(score).rank("average").over(group).alias("rank"),
        later.alias("later"),
    )
    ties = (
        ranked.group_by(group, score)
        .agg(pl.len().cast(pl.Float64).alias("t"))
        .group_by(group)
        .agg((pl.col("t").pow(TIE_CORRECTION_DEGREE) - pl.col("t")).sum().alias("tie_sum"))
    )
    return _rank_p(ranked, ties, group)


def _rank_p(ranked: pl.DataFrame, ties: pl.DataFrame, group: str) -> pl.DataFrame:
    """The p values from mid-ranks (``rank``, ``later`` per row) and tie sums per group."""
    # Mid-ranks are multiples of 0.5: their sums are exact in any order.
    stats = (
        ranked.with_columns(pl.when(pl.col("later")).then(pl.col("rank")).otherwise(0.0).alias("rank"))
        .group_by(group)
        .agg(
            pl.col("later").sum().cast(pl.Float64).alias("n1"),
            (~pl.col("later")).sum().cast(pl.Float64).alias("n2"),
            pl.col("rank").sum().alias("r1"),
        )
        .join(ties, on=group)
        .with_columns((pl.col("n1") + pl.col("n2")).alias("n"))
        .with_columns((pl.col("r1") - pl.col("n1") * (pl.col("n1") + 1) / 2).alias("u"))
        .with_columns(
            (
                pl.col("n1")
                * pl.col("n2")
                / 12.0
                * ((pl.col("n") + 1) - pl.col("tie_sum") / (pl.col("n") * (pl.col("n") - 1)))
            ).alias("variance")
        )
    )
    from scipy import special  # imported when first needed: SciPy takes ~0.15 s to import

    u = stats.get_column("u").to_numpy()
    mean = (stats.get_column("n1") * stats.get_column("n2") / 2).to_numpy()
    variance = stats.get_column("variance").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(variance > 0, (u - mean - 0.5) / np.sqrt(np.where(variance > 0, variance, 1.0)), -np.inf)
    return stats.select(group).with_columns(pl.Series("p_value", special.ndtr(-z), dtype=pl.Float64))


def _near_misses(ctx: AuditContext) -> pl.DataFrame:
    cfg = ctx.config.effort_unrecognized
    recent = _latest(ctx.periods.select("aid", "attainment"), "aid", cfg.last_periods)
    near = ctx.decide(pl.col("attainment"))
    # rows that cannot round into the band add nothing to the count (min_near_misses >= 1)
    decimals = ctx.config.numerics.decision_decimals
    return (
        recent.filter(
            _may_round_into(pl.col("attainment"), cfg.near_miss_from, cfg.near_miss_below, decimals)
        )
        .group_by("aid", maintain_order=True)
        .agg(((near >= cfg.near_miss_from) & (near < cfg.near_miss_below)).sum().alias("near_misses"))
        .filter(pl.col("near_misses") >= cfg.min_near_misses)
        .join(ctx.prepared.assignments.select("aid", "person_id"), on="aid")
    )


def _improvements(ctx: AuditContext) -> pl.DataFrame:
    cfg = ctx.config.effort_unrecognized
    window = cfg.improvement_periods
    obs = ctx.prepared.observations
    aid = obs.get_column("aid")
    assignments = ctx.prepared.assignments
    # Observations are sorted by aid, and so is every frame filtered from them: the group-bys below
    # keep that order and take Polars' path for sorted keys.
    values = obs.select("aid", "value")
    period_end, cycle_end = obs.get_column("period_end"), assignments.get_column("cycle_end")
    last_period, first_end = period_end.max(), cycle_end.min()
    if (
        isinstance(last_period, date)
        and isinstance(first_end, date)
        and last_period <= first_end
        and obs.get_column("in_cycle").null_count() == 0
    ):
        # No period ends after its cycle (as when as-of falls in every cycle), so the periods before
        # the cycle are the ones not in it: no cycle start gathered for millions of rows.
        before = values.filter(~obs.get_column("in_cycle"))
    else:
        before = values.filter(period_end < assignments.get_column("cycle_start").gather(aid))
    latest = _latest(values.filter(obs.get_column("in_cycle")), "aid", window)

    sign = assignments.get_column("sign")
    improvement = pl.col("sign") * (pl.col("median_latest") / pl.col("median_before") - 1.0)
    # Medians first: the rank test runs only for the few assignments that improved enough.
    candidates = (
        _summary(before, "before")
        .join(_summary(latest, "latest"), on="aid", maintain_order="left")
        .filter(
            (pl.col("n_before") >= window) & (pl.col("n_latest") >= window) & (pl.col("median_before") > 0)
        )
        .with_columns(pl.lit(sign).gather(pl.col("aid")).alias("sign"))
        .with_columns(improvement.alias("improvement"))
        .filter(ctx.decide(pl.col("improvement")) >= cfg.min_improvement)
    )
    # each aid's rows as one run of the filtered frames: only when the observations ascend by aid
    tested = (
        _rank_p_of_runs(before.get_column("value"), latest.get_column("value"), candidates)
        if aid.is_sorted()
        else None
    )
    if tested is None:
        chosen = pl.col("aid").is_in(candidates.get_column("aid").implode())
        both = pl.concat(
            [
                before.filter(chosen).with_columns(pl.lit(False).alias("later")),
                latest.filter(chosen).with_columns(pl.lit(True).alias("later")),
            ]
        ).with_columns((pl.lit(sign).gather(pl.col("aid")) * pl.col("value")).alias("score"))
        tested = candidates.join(_one_sided_rank_p(both, "aid", pl.col("later"), "score"), on="aid")
    return (
        tested.drop("start_before", "start_latest")
        .filter(pl.col("p_value") < cfg.max_p_value)
        .join(assignments.select("aid", "person_id"), on="aid")
    )


def _summary(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """Per aid of ``frame`` (``aid``, ``value``, sorted by aid): ``n_*`` rows, ``median_*`` value and
    ``start_*``, where its rows start in the frame (see :func:`_rank_p_of_runs`)."""
    runs = _run_summary(frame, name)
    if runs is not None:
        return runs
    count = pl.col(f"n_{name}")
    return (
        frame.group_by("aid", maintain_order=True)
        .agg(pl.len().alias(f"n_{name}"), pl.col("value").median().alias(f"median_{name}"))
        .with_columns((count.cum_sum() - count).alias(f"start_{name}"))
    )


def _run_summary(frame: pl.DataFrame, name: str) -> pl.DataFrame | None:
    """:func:`_summary` from each aid's run of rows in NumPy: Polars' median of many short groups
    costs a call per group, several times a sort of their rows. None where the aids do not ascend
    or :func:`run_medians` declines (values Polars orders its own way, too unequal runs)."""
    aid = frame.get_column("aid")
    if frame.height == 0 or aid.null_count() > 0 or not aid.is_sorted():
        return None
    keys = aid.to_numpy()
    first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    count = np.diff(first, append=keys.size)
    medians = run_medians(frame.get_column("value").to_numpy(), count)
    if medians is None:
        return None
    return pl.DataFrame(
        {"aid": keys[first], f"n_{name}": count, f"median_{name}": medians, f"start_{name}": first},
        schema={
            "aid": aid.dtype,
            f"n_{name}": pl.UInt32,
            f"median_{name}": pl.Float64,
            f"start_{name}": pl.UInt32,
        },
    )


def _rank_p_of_runs(before: pl.Series, latest: pl.Series, candidates: pl.DataFrame) -> pl.DataFrame | None:
    """``candidates`` with the ``p_value`` of :func:`_one_sided_rank_p` for scores ``sign * value``
    larger in ``latest`` than ``before``; None where this way does not apply (no candidates, null or
    NaN values, or rows of so unequal lengths that padding them would cost more than the rows).

    Both value series are sorted by aid with ``n_*`` values per aid starting at ``start_*``, and
    the candidates ascend by aid. Each candidate's values, before then latest, make one row of a
    NaN-padded array; sorting the rows (NaN pads last, each pad a tie of one, which adds nothing)
    replaces the general test's sorts and group-bys, and the mid-ranks and tie sums come from the
    runs of equal values within each row. Both are multiples of 0.5, so exact in any order, and the
    p value is computed from them with the same operations in the same order as :func:`_rank_p`.
    """
    groups = candidates.height
    if groups == 0 or before.null_count() > 0 or latest.null_count() > 0:
        return None
    n_before = candidates.get_column("n_before").to_numpy().astype(np.int64)
    n_latest = candidates.get_column("n_latest").to_numpy().astype(np.int64)
    width_before = int(n_before.max())
    width = width_before + int(n_latest.max())
    if groups * width > MAX_PADDING * int(n_before.sum() + n_latest.sum()):
        return None
    # one array for both sides, each side's rows written into its columns: every array as large as
    # the values costs page faults, as much as the arithmetic on it
    scores = np.empty((groups, width))
    for series, name, count, columns in (
        (before, "before", n_before, slice(0, width_before)),
        (latest, "latest", n_latest, slice(width_before, width)),
    ):
        start = candidates.get_column(f"start_{name}").to_numpy()
        if padded_runs(series.to_numpy(), start, count, out=scores[:, columns]) is None:
            return None
    scores *= candidates.get_column("sign").to_numpy()[:, None]
    if np.count_nonzero(np.isnan(scores)) != groups * width - int(n_before.sum() + n_latest.sum()):
        return None  # NaN among the values themselves
    # the latest values' columns come after the padded before ones; pads are the only NaN
    later = np.argsort(scores, axis=1) >= width_before
    scores.sort(axis=1)
    later &= ~np.isnan(scores)
    # Runs of equal values in each sorted row (each pad a run of its own): every value's run's first
    # and last position, as running maximum / minimum of the positions where runs start / end.
    same = scores[:, 1:] == scores[:, :-1]
    position = np.broadcast_to(np.arange(width, dtype=np.int32), scores.shape)
    first = np.where(np.hstack([np.zeros((groups, 1), dtype=bool), same]), 0, position)
    np.maximum.accumulate(first, axis=1, out=first)
    last = np.where(np.hstack([same, np.zeros((groups, 1), dtype=bool)]), width - 1, position)[:, ::-1]
    np.minimum.accumulate(last, axis=1, out=last)
    last = last[:, ::-1]
    # A run of t values adds t^3 - t to the tie sum, t^2 - 1 for each of its values; a value's
    # 1-based mid-rank is (first + last + 2) / 2. Integers, so exact, as the float sums of the
    # general test are (they are multiples of 0.5).
    length = (last - first + 1).astype(np.int64)
    tie_sum = (length * length - 1).sum(axis=1).astype(np.float64)
    r1 = np.where(later, first + last + 2, 0).sum(axis=1, dtype=np.int64) / 2
    n1 = n_latest.astype(np.float64)
    n2 = n_before.astype(np.float64)
    n = n1 + n2
    u = r1 - n1 * (n1 + 1) / 2
    # Polars divides by a constant as a product with its inverse: so here too, to the last bit
    variance = n1 * n2 * (1 / 12.0) * ((n + 1) - tie_sum / (n * (n - 1)))
    mean = n1 * n2 / 2
    from scipy import special  # imported when first needed: SciPy takes ~0.15 s to import

    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(variance > 0, (u - mean - 0.5) / np.sqrt(np.where(variance > 0, variance, 1.0)), -np.inf)
    return candidates.with_columns(pl.Series("p_value", special.ndtr(-z), dtype=pl.Float64))


def effort_unrecognized(ctx: AuditContext) -> RuleOutput:
    recognition = ctx.prepared.recognition
    if recognition is None:
        return RuleOutput()
    cfg = ctx.config.effort_unrecognized
    since = ctx.prepared.as_of - timedelta(days=cfg.recognition_days)
    recognised = (
        recognition.filter(pl.col("date") >= since).select(pl.col("to_id").alias("person_id")).unique()
    )
    kpis = ctx.prepared.assignments.select("aid", "kpi")
    near = (
        _near_misses(ctx)
        .join(kpis, on="aid")
        .group_by("person_id")
        .agg(pl.col("kpi").sort().alias("near_miss_kpis"), pl.col("near_misses").max())
    )
    improved = (
        _improvements(ctx)
        .join(kpis, on="aid")
        .sort("improvement", descending=True)
        .group_by("person_id")
        .agg(
            pl.col("kpi").sort().alias("improved_kpis"),
            pl.col("improvement").first(),
            pl.col("p_value").first(),
        )
    )
    flagged = (
        _person_team(ctx)
        .join(near, on="person_id", how="left")
        .join(improved, on="person_id", how="left")
        .filter(pl.col("near_miss_kpis").is_not_null() | pl.col("improved_kpis").is_not_null())
        .join(recognised, on="person_id", how="anti")
        .with_columns(
            pl.when(pl.col("near_miss_kpis").is_not_null())
            .then(pl.lit("code.effort-unrecognized.message"))
            .otherwise(pl.lit("code.effort-unrecognized.message.improvement"))
            .alias("message_key"),
            pl.col("near_miss_kpis").fill_null([]),
            pl.col("improved_kpis").fill_null([]),
            pl.col("near_misses").fill_null(0),
        )
        .with_columns(
            pl.col("near_miss_kpis").list.join(", ").alias("near_miss_list"),
            pl.col("improved_kpis").list.join(", ").alias("improved_list"),
        )
        .sort("person_id")
    )
    return RuleOutput(
        findings=emit(
            flagged,
            code="effort-unrecognized",
            cause=5,
            harm=2,
            severity=Severity.WARNING,
            person="person_id",
            message_key="message_key",
            evidence=(
                "near_miss_kpis",
                "near_miss_list",
                "near_misses",
                "improved_kpis",
                "improved_list",
                "improvement",
                "p_value",
            ),
            extra={
                "last_periods": cfg.last_periods,
                "recognition_days": cfg.recognition_days,
                "near_miss_from": cfg.near_miss_from,
            },
        )
    )


def motivation_loss(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.motivation_loss
    recent = _recent_checkins(ctx, "mood", cfg.last_checkins)
    if recent is None:
        return RuleOutput()
    # Only a full window of check-ins makes a trend: the others are dropped before the slope, which
    # Polars evaluates person by person.
    recent = recent.filter(pl.len().over("person_id") >= cfg.last_checkins)
    day = pl.col("date").cast(pl.Float64)
    centred = day - day.mean()
    mood = pl.col("mood").cast(pl.Float64)
    slopes = (
        recent.group_by("person_id")
        .agg(
            pl.len().alias("checkins"),
            ((centred * (mood - mood.mean())).sum() / centred.pow(2).sum() * 7.0).alias(
                "mood_slope_per_week"
            ),
            pl.col("mood").first().alias("first_mood"),
            pl.col("mood").last().alias("last_mood"),
        )
        .filter(ctx.decide(pl.col("mood_slope_per_week")) <= cfg.max_weekly_slope)
    )
    flagged = _person_team(ctx).join(slopes, on="person_id", how="inner").sort("person_id")
    return RuleOutput(
        findings=emit(
            flagged,
            code="motivation-loss",
            cause=None,
            harm=3,
            severity=Severity.WARNING,
            person="person_id",
            evidence=("mood_slope_per_week", "checkins", "first_mood", "last_mood"),
        )
    )


def _resolution(cycle: pl.DataFrame) -> pl.DataFrame:
    """Per aid: the smallest step between distinct in-cycle values, relative to the median target.

    Counts (a step of 1 against a target of 4) cannot land anywhere but on a grid; a smooth
    distribution must be widened by half a step to predict how often they hit the target exactly.
    Relative to the target, so rescaling units changes nothing. Null when all values are equal.
    ``cycle`` holds in-cycle rows sorted by aid, so each aid's values are one contiguous run: the
    runs become the rows of a NaN-padded array, sorted row by row in NumPy (pads last; a step
    from a value to a pad is NaN, never > 0 in NumPy, so pads change nothing). Polars counts a NaN
    step as > 0 (NaN sorts above all numbers), so values that are not all finite, like runs too
    unequal to pad, take the Polars way.
    """
    aid = cycle.get_column("aid")
    values = cycle.get_column("value").to_numpy()
    if cycle.height == 0 or aid.null_count() > 0 or not aid.is_sorted() or not np.isfinite(values).all():
        return _resolution_by_group(cycle)
    keys = aid.to_numpy()
    first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    count = np.diff(first, append=keys.size)
    padded = padded_laid_out(values, count)
    # the median target per aid from its run too (Polars' formula; declined for non-finite
    # targets and -0.0, which the group-by then takes)
    target_median = run_medians(cycle.get_column("target").to_numpy(), count)
    if padded is None or target_median is None:
        return _resolution_by_group(cycle)
    # In place where NumPy holds its own copy (values from several chunks, or padded): each array
    # the size of the values costs its page faults, as much as the sort itself.
    if padded.flags.writeable:
        padded.sort(axis=1)
    else:
        padded = np.sort(padded, axis=1)
    step = np.diff(padded, axis=1)
    rising = step > 0
    step[~rising] = np.inf
    resolution = pl.Series("resolution", step.min(axis=1, initial=np.inf) / target_median)
    return pl.DataFrame({"aid": pl.Series(keys[first], dtype=aid.dtype)}).with_columns(
        pl.when(pl.Series(rising.any(axis=1))).then(resolution).alias("resolution")
    )


def _resolution_by_group(cycle: pl.DataFrame) -> pl.DataFrame:
    """:func:`_resolution` in Polars, for runs too unequal to pad: each aid's sorted values, laid out
    aid after aid ("explode"), line up with the aid column as they are, with no mapping back to the
    rows' places."""
    ordered = cycle.with_columns(pl.col("aid").set_sorted()).select(
        "aid", "target", pl.col("value").sort().over("aid", mapping_strategy="explode")
    )
    step = pl.when(pl.col("aid") == pl.col("aid").shift(1)).then(pl.col("value") - pl.col("value").shift(1))
    return (
        ordered.with_columns(step.alias("step"))
        .group_by("aid", maintain_order=True)
        .agg(
            (pl.col("step").filter(pl.col("step") > 0).min() / pl.col("target").median()).alias("resolution")
        )
    )


def _rows_of(frame: pl.DataFrame, aids: pl.Series) -> pl.DataFrame:
    """The rows of ``frame`` whose ``aid`` is one of ``aids``, in the frame's order.

    When the frame is sorted by aid, each aid's rows are one run, found by binary search: the few
    candidates' rows are gathered without testing every one of millions of rows.
    """
    column = frame.get_column("aid")
    if aids.dtype != column.dtype or column.null_count() > 0 or not column.is_sorted():
        return frame.filter(pl.col("aid").is_in(aids.implode()))
    keys = aids.drop_nulls().unique().sort()
    first = column.search_sorted(keys, side="left").to_numpy().astype(np.int64)
    count = column.search_sorted(keys, side="right").to_numpy().astype(np.int64) - first
    # the row numbers of the runs, one after the other: each run's first row plus 0, 1, 2, ...
    rows = np.repeat(first - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
    return frame.select(pl.all().gather(pl.Series(rows, dtype=pl.Int64)))


def _may_round_into(value: pl.Expr, low: float, high: float, decimals: int) -> pl.Expr:
    """Whether ``value`` may lie in [low, high] once rounded to ``decimals``: rounding moves a
    value by at most half a unit of its last kept decimal, so a whole unit around the band, plus a
    margin for float error (the rounding's own, a division after it), holds every value that can
    round into it."""
    slack = 10.0**-decimals + 1e-9 * max(1.0, abs(low), abs(high))
    return value.is_between(low - slack, high + slack)


def _may_round_below(value: pl.Expr, bound: float, decimals: int) -> pl.Expr:
    """Whether ``value`` may be under ``bound`` once rounded to ``decimals`` (see
    :func:`_may_round_into`)."""
    return value < bound + 10.0**-decimals + 1e-9 * max(1.0, abs(bound))


def _bunching(ctx: AuditContext, cycle_rows: pl.DataFrame, resolution: pl.DataFrame) -> pl.DataFrame:
    cfg = ctx.config.gaming
    ratio = ctx.decide(pl.col("attainment"))
    in_band = (ratio >= cfg.bunch_from) & (ratio <= cfg.bunch_to)
    outside = (ratio < cfg.reference_from) | (ratio > cfg.reference_to)
    mad = (pl.col("attainment") - pl.col("attainment").median()).abs().median() * MAD_TO_SD
    # Counting is cheap; the reference fit (medians) runs only where enough periods are bunched.
    # the exact test runs on the few rows that may round into the band, not on every cycle row
    decimals = ctx.config.numerics.decision_decimals
    near = _may_round_into(pl.col("attainment"), cfg.bunch_from, cfg.bunch_to, decimals)
    bunched = cycle_rows.filter(near).group_by("aid").agg(in_band.sum().alias("bunched_periods"))
    cycle = (
        cycle_rows.group_by("aid", maintain_order=True)
        .agg(pl.len().alias("cycle_periods"))
        .join(bunched, on="aid", how="left")
        .with_columns(pl.col("bunched_periods").fill_null(0))
        .with_columns((pl.col("bunched_periods") / pl.col("cycle_periods")).alias("bunched_share"))
        .filter(
            (pl.col("cycle_periods") >= cfg.min_cycle_periods)
            & (ctx.decide(pl.col("bunched_share")) >= cfg.min_bunched_share)
        )
    )
    # every period of the candidates (quantitative, as all cycle rows are), not only the cycle's
    candidates = _rows_of(ctx.periods, cycle.get_column("aid"))
    before = (
        candidates.filter(~pl.col("in_cycle"))
        .group_by("aid")
        .agg(
            pl.len().alias("reference_periods"),
            pl.col("attainment").median().alias("ref_centre"),
            mad.alias("ref_spread"),
        )
    )
    during = (
        candidates.filter(pl.col("in_cycle") & outside)
        .group_by("aid")
        .agg(pl.col("attainment").median().alias("alt_centre"), mad.alias("alt_spread"))
    )
    table = (
        cycle.join(before, on="aid", how="left")
        .join(during, on="aid", how="left")
        .join(resolution, on="aid", how="left")
        .with_columns(
            (pl.col("reference_periods").fill_null(0) >= cfg.min_reference_periods).alias("use_before")
        )
        .with_columns(
            pl.when(pl.col("use_before"))
            .then(pl.col("ref_centre"))
            .otherwise(pl.col("alt_centre"))
            .alias("centre"),
            pl.when(pl.col("use_before"))
            .then(pl.col("ref_spread"))
            .otherwise(pl.col("alt_spread"))
            .alias("spread"),
        )
        .filter(pl.col("centre").is_not_null())
    )
    from scipy import special  # imported when first needed: SciPy takes ~0.15 s to import

    centre = table.get_column("centre").to_numpy()
    spread = table.get_column("spread").fill_null(0.0).to_numpy()
    half_step = table.get_column("resolution").fill_null(0.0).to_numpy() / 2
    low, high = cfg.bunch_from - half_step, cfg.bunch_to + half_step
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = np.where(spread > 0, spread, 1.0)
        expected = np.where(
            spread > 0,
            special.ndtr((high - centre) / safe) - special.ndtr((low - centre) / safe),
            ((centre >= low) & (centre <= high)).astype(np.float64),
        )
    return (
        table.with_columns(pl.Series("expected_share", expected, dtype=pl.Float64))
        .filter(ctx.decide(pl.col("bunched_share")) >= cfg.min_excess * ctx.decide(pl.col("expected_share")))
        .select("aid", "bunched_share", "expected_share")
    )


def _value_spread(cycle: pl.DataFrame) -> pl.DataFrame:
    """Per aid the largest (``top``) and smallest (``low``) value. The rows are sorted by aid, so
    each aid's values are one run, reduced run by run in NumPy; NaN (which Polars orders above every
    number), nulls or unsorted rows take the group-by."""
    aid = cycle.get_column("aid")
    values = cycle.get_column("value").to_numpy()
    if cycle.height == 0 or aid.null_count() > 0 or not aid.is_sorted() or np.isnan(values).any():
        return cycle.group_by("aid").agg(
            pl.col("value").max().alias("top"), pl.col("value").min().alias("low")
        )
    keys = aid.to_numpy()
    first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return pl.DataFrame(
        {
            "aid": keys[first],
            "top": np.maximum.reduceat(values, first),
            "low": np.minimum.reduceat(values, first),
        },
        schema={"aid": aid.dtype, "top": pl.Float64, "low": pl.Float64},
    )


def _spikes(ctx: AuditContext, cycle: pl.DataFrame) -> pl.DataFrame:
    """End-of-period spikes: months for daily and weekly KPIs, quarters for monthly ones."""
    cfg = ctx.config.gaming
    as_of = ctx.prepared.as_of
    year, month = (
        pl.col("period_end").dt.year().cast(pl.Int32),
        pl.col("period_end").dt.month().cast(pl.Int32),
    )
    quarterly = pl.col("period_days") == PERIOD_DAYS["month"]
    block = pl.when(quarterly).then(year * 4 + (month - 1) // 3).otherwise(year * 12 + month - 1)
    # The block holding as-of is complete only when as-of is the block's last day.
    next_day = as_of + timedelta(days=1)
    current_month = as_of.year * 12 + as_of.month - 1
    current_quarter = as_of.year * 4 + (as_of.month - 1) // 3
    month_done = next_day.month != as_of.month
    quarter_done = month_done and as_of.month % 3 == 0
    complete = (
        pl.when(quarterly)
        .then((pl.col("block") < current_quarter) | ((pl.col("block") == current_quarter) & quarter_done))
        .otherwise((pl.col("block") < current_month) | ((pl.col("block") == current_month) & month_done))
    )
    # A spike needs some value at least spike_ratio times another: a cheap filter per aid before the
    # blocks, so only the few candidates' rows are copied (with their assignment's sign and period).
    assignment = ctx.prepared.assignments.select("sign", "period_days")
    possible = (
        _value_spread(cycle)
        .with_columns(pl.lit(assignment.get_column("period_days")).gather(pl.col("aid")).alias("period_days"))
        .filter(
            (pl.col("period_days") <= PERIOD_DAYS["month"])
            & ((pl.col("low") <= 0) | (pl.col("top") >= cfg.spike_ratio * pl.col("low")))
        )
    )
    blocks = (
        _rows_of(cycle.select("aid", "period_end", "value"), possible.get_column("aid"))
        .with_columns(*(pl.lit(column).gather(pl.col("aid")) for column in assignment.iter_columns()))
        .with_columns(block.alias("block"))
        .filter(complete)
        # rows are sorted by aid and period_end, and group_by keeps that order within a group
        .group_by("aid", "block")
        .agg(
            pl.len().alias("periods"),
            pl.col("value").last().alias("last_value"),
            pl.col("value").head(pl.len() - 1).median().alias("others_median"),
            pl.col("sign").first(),
        )
        .filter(pl.col("periods") >= 3)
    )
    spike = (
        pl.when(pl.col("sign") > 0)
        .then(pl.col("last_value") >= cfg.spike_ratio * pl.col("others_median"))
        .otherwise(pl.col("last_value") * cfg.spike_ratio <= pl.col("others_median"))
    ) & (pl.col("others_median") > 0)
    return (
        blocks.group_by("aid")
        .agg(pl.len().alias("complete_months"), spike.sum().alias("spike_months"))
        .filter(
            (pl.col("complete_months") >= cfg.min_complete_months)
            & (pl.col("spike_months") * 2 > pl.col("complete_months"))
        )
    )


def _upward_revisions(ctx: AuditContext) -> pl.DataFrame:
    cfg = ctx.config.gaming
    revisions = ctx.prepared.revisions
    if revisions.height == 0:
        return pl.DataFrame(schema={"aid": pl.UInt32, "upward_revisions": pl.UInt32})
    aid = revisions.get_column("aid")
    assignments = ctx.prepared.assignments
    period_targets = ctx.prepared.observations.select("aid", "period_end", "target")
    rows = (
        revisions.with_columns(assignments.get_column("sign").gather(aid).alias("sign"))
        .join(period_targets, on=["aid", "period_end"], how="left")
        .filter(pl.col("target") > 0)
        .with_columns((pl.col("sign") * (pl.col("value") - pl.col("target")) >= 0).alias("reached"))
    )
    same = (pl.col("aid") == pl.col("aid").shift(1)) & (pl.col("period_end") == pl.col("period_end").shift(1))
    lifted = same.fill_null(False) & pl.col("reached") & ~pl.col("reached").shift(1).fill_null(True)
    return (
        rows.with_columns(lifted.alias("lifted"))
        .group_by("aid")
        .agg(pl.col("lifted").sum().alias("upward_revisions"))
        .filter(pl.col("upward_revisions") >= cfg.min_upward_revisions)
    )


def _org_discontinuity(
    ctx: AuditContext, cycle: pl.DataFrame, resolution: pl.DataFrame
) -> tuple[FindingBatch, ...]:
    """Burgstahler & Dichev (1997): is the bin just above 100% fuller than its neighbours predict?"""
    cfg = ctx.config.gaming
    width = cfg.org_bin_width
    # Only series fine-grained enough to fill 1-point bins: values on a coarse grid (small counts)
    # pile up on the target by arithmetic, not by behaviour.
    coarse = resolution.filter(pl.col("resolution") > width).get_column("aid")
    fine = ~pl.col("aid").is_in(coarse.implode())
    total = cycle.select(fine.sum()).item()
    if total == 0:
        return ()
    # Only the bin numbers of the fine-grained rows that may round into the three bins around the
    # target (decided ratio over the width in [-1, 2)): the others count only in the total.
    ratio = pl.col("attainment") - 1.0
    near = _may_round_into(ratio, -width, 2 * width, ctx.config.numerics.decision_decimals)
    bins = (
        cycle.select("aid", "attainment")
        .filter(near)
        .select((ctx.decide(ratio) / width).floor().filter(fine).alias("bin"))
    )
    counts = bins.select(
        (pl.col("bin") == -1).sum().alias("below"),
        (pl.col("bin") == 0).sum().alias("at"),
        (pl.col("bin") == 1).sum().alias("above"),
    ).row(0, named=True)
    p_below, p_at, p_above = (counts[k] / total for k in ("below", "at", "above"))
    expected = (counts["below"] + counts["above"]) / 2
    variance = total * p_at * (1 - p_at) + total * (p_below + p_above) * (1 - p_below - p_above) / 4
    if variance <= 0:
        return ()
    z = (counts["at"] - expected) / math.sqrt(variance)
    if round(z, ctx.config.numerics.decision_decimals) < cfg.org_min_z:
        return ()
    frame = pl.DataFrame(
        {
            "z": [z],
            "bin_count": [counts["at"]],
            "expected_count": [expected],
            "ratios": [total],
            "test": ["burgstahler-dichev"],
        }
    )
    return emit(
        frame,
        code="gaming-suspected",
        cause=None,
        harm=4,
        severity=Severity.WARNING,
        team=None,
        message_key="code.gaming-suspected.message.organisation",
        evidence=("test", "z", "bin_count", "expected_count", "ratios"),
        extra={"bin_width": width},
    )


def gaming_suspected(ctx: AuditContext) -> RuleOutput:
    # Ratings (qualitative KPIs) are given by someone else on a coarse scale: one landing on the
    # target is the rater's calibration, not the person's doing, so only quantitative KPIs are
    # tested for bunching, spikes and the organisation-level discontinuity.
    # Filtered once, for every test, and only the columns they read: the assignment's sign and
    # period length are gathered by aid for the few rows that need them, not copied for 1.3M rows.
    periods = ctx.periods
    cycle = periods.select("aid", "period_end", "value", "target", "attainment").filter(
        periods.get_column("quantitative") & periods.get_column("in_cycle")
    )
    resolution = _resolution(cycle)  # per aid, for the bunching test and the organisation's
    tests = (
        ctx.prepared.assignments.select("aid", "person_id", "team", "kpi")
        .join(_bunching(ctx, cycle, resolution), on="aid", how="left")
        .join(_spikes(ctx, cycle), on="aid", how="left")
        .join(_upward_revisions(ctx), on="aid", how="left")
        .filter(
            pl.col("bunched_share").is_not_null()
            | pl.col("spike_months").is_not_null()
            | pl.col("upward_revisions").is_not_null()
        )
        .with_columns(
            pl.concat_list(
                pl.when(pl.col("bunched_share").is_not_null()).then(pl.lit("bunching")),
                pl.when(pl.col("spike_months").is_not_null()).then(pl.lit("end-of-period-spikes")),
                pl.when(pl.col("upward_revisions").is_not_null()).then(pl.lit("upward-revisions")),
            )
            .list.drop_nulls()
            .alias("tests")
        )
        .filter(pl.col("tests").list.len() > 0)
        .with_columns(
            pl.concat_str(pl.lit("code.gaming-suspected.message."), pl.col("tests").list.first()).alias(
                "message_key"
            )
        )
        .sort("person_id", "kpi")
    )
    person_findings = emit(
        tests,
        code="gaming-suspected",
        cause=None,
        harm=4,
        severity=Severity.WARNING,
        person="person_id",
        kpi="kpi",
        message_key="message_key",
        evidence=(
            "tests",
            "bunched_share",
            "expected_share",
            "spike_months",
            "complete_months",
            "upward_revisions",
        ),
    )
    return RuleOutput(findings=person_findings + _org_discontinuity(ctx, cycle, resolution))


def innovation_suppressed(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.innovation_suppressed
    safe = safe_flags(ctx).group_by("team").agg(pl.len().alias("safe_assignments"))
    flagged = (
        ctx.prepared.assignments.group_by("team")
        .agg(pl.len().alias("assignments"))
        .join(safe, on="team", how="inner")
        .with_columns((pl.col("safe_assignments") / pl.col("assignments")).alias("safe_share"))
        .filter(ctx.decide(pl.col("safe_share")) >= cfg.min_safe_share)
        .sort("team")
    )
    return RuleOutput(
        findings=emit(
            flagged,
            code="innovation-suppressed",
            cause=None,
            harm=6,
            severity=Severity.INFO,
            evidence=("safe_share", "safe_assignments", "assignments"),
        )
    )
