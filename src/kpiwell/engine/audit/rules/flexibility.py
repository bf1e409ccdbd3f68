"""Cause 3, no flexibility: ``locked-target`` (team x KPI).

The team's level is its per-period median series over the cycle up to as-of. The best single split
is the one that minimises the within-segment sum of squares (the least-squares change point), with
at least ``min_side_periods`` periods on each side so one noisy week is not a shift; the shift is
the change of the segment medians relative to the median before. A team counts as having revised
when any of its members' ``revised_on`` falls after the last period before the split (and not after
as-of), or when any member's target in force changes for a period after the split.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from kpiwell.engine.audit.findings import Severity
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit
from kpiwell.engine.audit.runs import MAX_PADDING, padded_laid_out, padded_medians, run_medians

TEAM_KPI = ["team", "kpi"]
GROUP = "team_kpi"


def team_series(ctx: AuditContext) -> pl.DataFrame:
    """Per team x KPI (``team_kpi``) x in-cycle period: the median value, sorted, with position ``j``."""
    observations = ctx.prepared.observations
    obs = observations.select("aid", "period_end", "value").filter(observations.get_column("in_cycle"))
    aid, period_end = obs.get_column("aid"), obs.get_column("period_end")
    group_of_aid = ctx.prepared.assignments.get_column("team_kpi")
    complete = aid.null_count() == 0 and period_end.null_count() == 0 and group_of_aid.null_count() == 0
    runs = (
        _aligned_levels(
            group_of_aid.to_numpy(),
            aid.to_numpy(),
            period_end.cast(pl.Int32).to_numpy(),
            obs.get_column("value").to_numpy(),
        )
        if complete and aid.is_sorted()
        else None
    )
    if runs is None:
        runs = _sorted_levels(obs, group_of_aid.gather(aid))
    group = (pl.col("key") // _HIGH).cast(pl.UInt32)
    if runs.get_column("key").null_count() == 0:
        # the keys ascend, and with them the team x KPI: flagged, the windows below and the
        # split's take Polars' path for sorted keys
        group = group.set_sorted()
    return runs.select(
        group.alias(GROUP),
        ((pl.col("key") % _HIGH).cast(pl.Int64) - _DAY_OFFSET)
        .cast(pl.Int32)
        .cast(pl.Date)
        .alias("period_end"),
        "level",
    ).with_columns(pl.int_range(pl.len()).over(GROUP).alias("j"), pl.len().over(GROUP).alias("m"))


def _sorted_levels(obs: pl.DataFrame, team_kpi: pl.Series) -> pl.DataFrame:
    """Per team x KPI x day: ``key`` (see below) and the median value as ``level``, sorted by key."""
    # One integer key per team x KPI x day (team_kpi in the high 32 bits, the day shifted to be
    # non-negative in the low 32): one sort by it puts each group's rows together, so the medians
    # are taken on contiguous slices instead of through a hash group-by on two columns.
    day = obs.get_column("period_end").cast(pl.Int32).cast(pl.Int64) + _DAY_OFFSET
    key = (team_kpi.cast(pl.UInt64) * _HIGH + day.cast(pl.UInt64)).alias("key")
    # Each aid's rows already ascend by key (observations are sorted by aid and period): NumPy's
    # stable sort (a timsort) merges those runs, several times faster than Polars' sort from scratch.
    keys = key.to_numpy()
    order = np.argsort(keys, kind="stable")
    runs = (
        _run_levels(keys[order], obs.get_column("value").to_numpy()[order]) if key.null_count() == 0 else None
    )
    if runs is None:
        runs = (
            obs.select(key, "value")
            .select(pl.all().gather(order))
            .with_columns(pl.col("key").set_sorted())
            .group_by("key", maintain_order=True)
            .agg(pl.col("value").median().alias("level"))
        )
    return runs


_HIGH = 1 << 32
_DAY_OFFSET = 1 << 31


def _run_levels(keys: np.ndarray, values: np.ndarray) -> pl.DataFrame | None:
    """Per run of equal sorted ``keys``: the key and the median value as ``level`` (the members of a
    team are few, so the runs are short and of similar lengths: see ``runs``); None where the
    Polars group-by must do it."""
    if keys.size == 0:
        return None
    first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    levels = run_medians(values, np.diff(first, append=keys.size))
    if levels is None:
        return None
    return pl.DataFrame({"key": keys[first], "level": levels}, schema={"key": pl.UInt64, "level": pl.Float64})


def best_splits(series: pl.DataFrame, min_side: int) -> pl.DataFrame:
    """Per team x KPI the least-squares split ``k`` (periods before) and the segment medians."""
    squared = pl.col("level").pow(2)
    # The windows are evaluated once, into columns: the sse expression reads s1 and s2 twice each,
    # and with the windows spelt inline there it took three times as long.
    sums = series.with_columns(
        pl.col("level").cum_sum().over(GROUP).alias("s1"),
        squared.cum_sum().over(GROUP).alias("s2"),
        pl.col("level").sum().over(GROUP).alias("t1"),
        squared.sum().over(GROUP).alias("t2"),
    )
    s1, s2, t1, t2 = pl.col("s1"), pl.col("s2"), pl.col("t1"), pl.col("t2")
    k = (pl.col("j") + 1).cast(pl.Float64)
    rest = pl.col("m").cast(pl.Float64) - k
    sse = (s2 - s1.pow(2) / k) + ((t2 - s2) - (t1 - s1).pow(2) / rest)
    # the smallest sse (then k) is picked within each group, not by sorting every row on three keys
    candidates = (
        sums.select(GROUP, "m", sse.alias("sse"), (pl.col("j") + 1).alias("k"))
        .filter((pl.col("k") >= min_side) & (pl.col("m") - pl.col("k") >= min_side))
        .group_by(GROUP, maintain_order=True)
        .agg(pl.col("k").sort_by("sse", "k").first())
    )
    before = pl.col("j") < pl.col("k")
    return (
        series.join(candidates, on=GROUP)
        .group_by(GROUP, maintain_order=True)
        .agg(
            pl.col("level").filter(before).median().alias("before_median"),
            pl.col("level").filter(~before).median().alias("after_median"),
            pl.col("period_end").filter(before).max().alias("last_before"),
            pl.col("period_end").filter(~before).min().alias("shift_period_end"),
            before.sum().alias("periods_before"),
            (~before).sum().alias("periods_after"),
        )
        .with_columns((pl.col("after_median") / pl.col("before_median") - 1.0).alias("shift"))
    )


def _revised_teams(ctx: AuditContext, splits: pl.DataFrame) -> pl.DataFrame:
    members = ctx.prepared.assignments.select("aid", GROUP, "revised_on").join(
        splits.select(GROUP, "last_before"), on=GROUP
    )
    by_date = members.filter(
        pl.col("revised_on").is_not_null()
        & (pl.col("revised_on") > pl.col("last_before"))
        & (pl.col("revised_on") <= ctx.prepared.as_of)
    ).select(GROUP)
    in_force = ctx.prepared.cycle_periods.join(members.select("aid", GROUP, "last_before"), on="aid")
    before_target = (
        in_force.filter(pl.col("period_end") <= pl.col("last_before"))
        .group_by("aid")
        .agg(pl.col("target").sort_by("period_end").last().alias("before_target"))
    )
    by_targets = (
        in_force.filter(pl.col("period_end") > pl.col("last_before"))
        .join(before_target, on="aid")
        .filter(pl.col("target") != pl.col("before_target"))
        .select(GROUP)
    )
    return pl.concat([by_date, by_targets]).unique()


def locked_target(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.locked_target
    series = team_series(ctx).filter(pl.col("m") >= 2 * cfg.min_side_periods)
    splits = best_splits(series, cfg.min_side_periods)
    shifted = splits.filter(
        (pl.col("before_median") > 0) & (ctx.decide(pl.col("shift").abs()) >= cfg.min_shift)
    )
    names = ctx.prepared.assignments.group_by(GROUP).agg(
        pl.col("team").first(), pl.col("kpi").first(), pl.col("sign").median()
    )
    flagged = (
        shifted.join(_revised_teams(ctx, shifted), on=GROUP, how="anti")
        .join(names, on=GROUP, how="left")
        .with_columns((pl.col("sign") * pl.col("shift") < 0).alias("against_target"))
        .sort(TEAM_KPI)
    )
    return RuleOutput(
        findings=emit(
            flagged,
            code="locked-target",
            cause=3,
            harm=None,
            severity=Severity.WARNING,
            kpi="kpi",
            evidence=(
                "shift",
                "before_median",
                "after_median",
                "shift_period_end",
                "periods_before",
                "periods_after",
                "against_target",
            ),
        )
    )


def _aligned_levels(
    group_of_aid: np.ndarray, aid: np.ndarray, day: np.ndarray, values: np.ndarray
) -> pl.DataFrame | None:
    """:func:`_sorted_levels` without sorting the rows, when the members of each team x KPI share
    their days (as they do unless someone joined or left in the cycle): each aid's run of rows
    (``aid`` ascending, ``day`` the period end as an integer) is then one row of a grid of days,
    and the team's level on a day is the median down its members' column. None where the members'
    days differ, do not ascend, or :func:`padded_medians` declines.
    """
    if aid.size == 0:
        return None
    first = np.flatnonzero(np.concatenate([[True], aid[1:] != aid[:-1]]))
    count = np.diff(first, append=aid.size)
    grid = padded_laid_out(values, count)  # one row per aid, NaN after its days
    # the days as floats (exact for these integers), padded with -inf, no day, rather than NaN so
    # that equal rows compare equal
    days = padded_laid_out(day.astype(np.float64), count, pad=-np.inf)
    if grid is None or days is None:
        return None
    group = group_of_aid[aid[first]]
    order = np.argsort(group, kind="stable")  # the aids of each team x KPI together
    group = group[order]
    new_group = np.concatenate([[True], group[1:] != group[:-1]])
    start = np.flatnonzero(new_group)
    members = np.diff(start, append=group.size)
    days = days[order]
    # each member has the days of the one before it in its team x KPI, and a team's days ascend
    if not ((days[1:] == days[:-1]).all(axis=1) | new_group[1:]).all():
        return None
    head = days[start]
    with np.errstate(invalid="ignore"):  # a step from pad to pad (-inf - -inf) is NaN: not <= 0
        if ((np.diff(head, axis=1) <= 0) & (head[:, 1:] > -np.inf)).any():
            return None
    most = int(members.max())
    if start.size * most > MAX_PADDING * group.size:
        return None
    # the members' rows of each team x KPI side by side (NaN after the last member), then turned
    # so that each team x KPI x day is one row of its members' values
    width = grid.shape[1]
    member = np.arange(group.size) - np.repeat(start, members)
    stacked = np.full((start.size * most, width), np.nan)
    stacked[np.repeat(np.arange(start.size) * most, members) + member] = grid[order]
    cells = stacked.reshape(start.size, most, width).transpose(0, 2, 1).reshape(-1, most)
    length = count[order[start]]  # days per team x KPI
    real = np.arange(width) < length[:, None]
    if not real.all():
        cells = cells[real.ravel()]
    levels = padded_medians(cells, np.repeat(members, length))
    if levels is None:
        return None
    day_key = head[real].astype(np.int64) + _DAY_OFFSET
    keys = np.repeat(group[start], length).astype(np.uint64) * np.uint64(_HIGH) + day_key.astype(np.uint64)
    return pl.DataFrame({"key": keys, "level": levels}, schema={"key": pl.UInt64, "level": pl.Float64})
