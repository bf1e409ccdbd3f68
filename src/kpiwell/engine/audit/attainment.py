"""How likely each person is to reach each target: the model behind ``p_attain``.

For every assignment (person x KPI) and all assignments at once:

1. **Level and trend.** On the last ``window_periods`` values up to as-of, split into thirds by
   time, Tukey's three-group resistant line (Tukey 1977, ch. 5): the medians of each third. The
   trend is used only when both half-slopes (first to middle third, middle to last) agree in sign,
   and then it is the gentler of the two (the half-slope check of Velleman & Hoaglin 1981): a level
   shift is not growth. The level at the latest period is the median of ``value - slope * time``
   (time 0 is the latest period). Fewer than ``min_trend_periods`` values: no trend. Time is
   measured in the KPI's periods.
2. **Spread.** 1.4826 x the median absolute residual from the line (a robust standard deviation),
   at least ``spread_floor_relative`` x |level|, widened by the uncertainty of the level: a median
   of m values has variance (pi/2) sigma^2 / m, and a line's end point four times that.
3. **Partial pooling.** With fewer than ``min_history_periods`` values, level, trend and spread are
   shrunk toward the team's distribution for the KPI with weight n / (n + k); no history at all is the
   team's distribution (the organisation's when the team has none).
4. **Projection.** Each period of the cycle gets the level plus a damped trend (Gardner & McKenzie
   1985) for periods after the latest value; periods up to the latest value use today's level, so a
   target at today's level is realistic even when last year's values were lower.
5. **Probability.** ``p_attain`` is the mean over the cycle's periods (with the target in force in
   each) of P(value reaches target) under a normal predictive; reaching means
   value >= target, or value <= target for ``lower``. ``suggested_target`` is the value reached with
   probability ``suggest_probability`` at the mean projected level.

Every quantity scales with the values, so multiplying values and targets by 1000 changes no
probability; a higher target (direction ``higher``) never gives a higher probability, because the
level and spread do not depend on the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import polars as pl

from kpiwell.engine.audit.config import AttainmentConfig
from kpiwell.engine.audit.prepare import Prepared
from kpiwell.engine.audit.runs import plain, sorted_medians

MAD_TO_SD: Final = 1.4826  # 1 / Phi^-1(3/4): the MAD of a normal sample estimates 0.6745 sigma
MEDIAN_VARIANCE: Final = math.pi / 2  # asymptotic variance of a normal sample's median, x sigma^2/n
# Variance of a fitted line at the end of its window, in units of sigma^2/m: 1/m for the level
# plus 3/m for the slope's lever arm (least squares with evenly spaced x; Draper & Smith 1998).
TREND_END_VARIANCE: Final = 4.0

MODEL_SCHEMA: Final = pl.Schema(
    {
        "aid": pl.UInt32,
        "history_periods": pl.UInt32,
        "own_median": pl.Float64,
        "level": pl.Float64,
        "slope": pl.Float64,
        "spread": pl.Float64,
        "p_attain": pl.Float64,
        "projected_level": pl.Float64,
        "suggested_target": pl.Float64,
        "periods_assessed": pl.UInt32,
    }
)


def _runs(aid: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series]:
    """For a column sorted by aid: per run of equal aids (in order) its first row and its length
    (both Int64), and per row its run's number (UInt32, from 0); without window expressions."""
    n = aid.len()
    if n == 0:
        empty = pl.Series([], dtype=pl.Int64)
        return empty, empty, pl.Series([], dtype=pl.UInt32)
    new_run = pl.concat([pl.Series([True]), aid.slice(1) != aid.slice(0, n - 1)])
    first = new_run.arg_true().cast(pl.Int64)
    run = new_run.cast(pl.UInt32).cum_sum() - 1
    length = pl.concat([first.slice(1), pl.Series([n], dtype=pl.Int64)]) - first
    return first, length, run


def _person_fits(prepared: Prepared, cfg: AttainmentConfig) -> pl.DataFrame:
    """Per aid with history: n, own median, level, slope, spread and the level's estimation variance.

    From NumPy blocks of the windows (``_window_fits``) when their medians can be taken there, else
    from Polars group-bys (``_grouped_fits``); both give the same numbers bit for bit.
    """
    fits = _window_fits(prepared, cfg)
    return _grouped_fits(prepared, cfg) if fits is None else fits


def _window_fits(prepared: Prepared, cfg: AttainmentConfig) -> pl.DataFrame | None:
    """``_person_fits`` from 2-D blocks: the windows of all aids with the same window length m are
    the rows of an (aids x m) array (a view of the observations when every aid has as many rows), so
    the thirds are fixed column ranges and each median is a sort of short rows in place (faster than
    NumPy's partition at these widths, and than group-by medians over the rows). None (use the
    group-bys) when there are no observations or a value is not ``plain`` (finite, no -0.0). The
    arithmetic is the group-by version's, operation for operation.
    """
    obs = prepared.observations
    n = obs.height
    if n == 0:
        return None
    aid = obs.get_column("aid").to_numpy()
    value = obs.get_column("value").to_numpy()
    day = obs.get_column("period_end").to_physical().to_numpy()
    new_run = np.empty(n, dtype=bool)
    new_run[0] = True
    np.not_equal(aid[1:], aid[:-1], out=new_run[1:])
    first = np.flatnonzero(new_run)
    length = np.diff(first, append=n)
    runs = first.size
    m = np.minimum(length, cfg.window_periods)
    period_days = prepared.assignments.get_column("period_days").to_numpy()[aid[first]]
    thirds = {name: np.full(runs, np.nan) for name in ("x0", "value0", "x1", "value1", "x2", "value2")}
    blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    whole = int(length[0])
    equal = bool((length == whole).all())
    for width in np.unique(m).tolist():
        if equal:
            # Every aid has the same number of rows: the windows are the last columns of a reshape.
            members = np.arange(runs)
            block_value = value.reshape(runs, whole)[:, whole - width :]
            block_day = day.reshape(runs, whole)[:, whole - width :]
        else:
            members = np.flatnonzero(m == width)
            rows = (first[members] + length[members] - width)[:, None] + np.arange(width)
            block_value, block_day = value[rows], day[rows]
        # a copy, sorted in place: by thirds, then whole
        sample = np.array(block_value, order="C")
        if not plain(sample):
            return None
        # (period_end - anchor) in whole days (exact in float64, as the Int64 ``dt.total_days()``
        # cast by the division) over the period length
        x = np.subtract(block_day, block_day[:, -1:], dtype=np.float64)
        x /= period_days[members][:, None]
        third = np.arange(width) * 3 // width
        # a window of m < 3 values has only m thirds (the others stay NaN, then null)
        for index in range(min(width, 3)):
            span = slice(int(np.searchsorted(third, index)), int(np.searchsorted(third, index, side="right")))
            # x ascends within a window (periods ascend, the period length is positive)
            thirds[f"x{index}"][members] = sorted_medians(x[:, span])
            sample[:, span].sort(axis=1)
            thirds[f"value{index}"][members] = sorted_medians(sample[:, span])
        blocks.append((members, block_value, sample, x))
    lines = pl.DataFrame(
        [
            pl.Series("aid", aid[first], dtype=pl.UInt32).set_sorted(),
            pl.Series("m", m, dtype=pl.UInt32),
            pl.Series("anchor", day[first + length - 1], dtype=pl.Int32).cast(pl.Date),
            # no median is NaN (the values are finite): NaN marks the missing thirds only
            *(pl.Series(name, column, nan_to_null=True) for name, column in thirds.items()),
        ]
    ).select("aid", "m", "anchor", *_slope(cfg))
    slope = lines.get_column("slope").to_numpy()
    fitted = {name: np.empty(runs) for name in ("own_median", "level", "mad_sd")}
    for members, block_value, sample, x in blocks:
        # value - slope * x, in the buffer of x
        detrended = np.multiply(slope[members][:, None], x, out=x)
        np.subtract(block_value, detrended, out=detrended)
        if not plain(detrended):
            return None
        sample.sort(axis=1)
        detrended.sort(axis=1)
        level = sorted_medians(detrended)
        # the absolute deviations from the level, whose median does not depend on their order
        deviation = np.abs(np.subtract(detrended, level[:, None], out=detrended), out=detrended)
        deviation.sort(axis=1)
        fitted["own_median"][members] = sorted_medians(sample)
        fitted["level"][members] = level
        fitted["mad_sd"][members] = sorted_medians(deviation) * MAD_TO_SD
    return lines.with_columns(
        *(pl.Series(name, column) for name, column in fitted.items()),
        pl.Series("history_periods", length, dtype=pl.UInt32),
    ).with_columns(_own_spread(cfg))


def _own_spread(cfg: AttainmentConfig) -> pl.Expr:
    """``own_spread``: the robust standard deviation, at least a share of the level's size."""
    return pl.max_horizontal("mad_sd", pl.col("level").abs() * cfg.spread_floor_relative).alias("own_spread")


def _slope(cfg: AttainmentConfig) -> list[pl.Expr]:
    """``slope`` and ``estimation_variance`` from the thirds' medians (``x0`` .. ``value2``) and ``m``."""
    full = (pl.col("value2") - pl.col("value0")) / (pl.col("x2") - pl.col("x0"))
    left = (pl.col("value1") - pl.col("value0")) / (pl.col("x1") - pl.col("x0"))
    right = (pl.col("value2") - pl.col("value1")) / (pl.col("x2") - pl.col("x1"))
    # Both halves must agree on the direction, and the trend is the gentler of the two: a level
    # shift (a step) is not growth, and a growth spurt that has flattened is not projected on.
    agreed = pl.when(left * right > 0).then(full.sign() * pl.min_horizontal(left.abs(), right.abs()))
    trended = pl.col("m") >= cfg.min_trend_periods
    return [
        pl.when(trended).then(agreed).otherwise(0.0).fill_null(0.0).fill_nan(0.0).alias("slope"),
        (MEDIAN_VARIANCE * pl.when(trended).then(TREND_END_VARIANCE).otherwise(1.0) / pl.col("m")).alias(
            "estimation_variance"
        ),
    ]


def _grouped_fits(prepared: Prepared, cfg: AttainmentConfig) -> pl.DataFrame:
    """``_person_fits`` with Polars group-bys on the windows, for any values.

    ``prepared.observations`` is sorted by aid and period_end, so each aid's rows are one run: the
    positions and thirds come from run boundaries, the medians from group-bys on a sorted integer
    key, with no window expressions and no filters inside aggregations. Every per-aid frame below
    has one row per run, in run order, so they line up by position rather than by joins.
    """
    obs = prepared.observations
    counts = obs.group_by("aid", maintain_order=True).agg(pl.len().cast(pl.UInt32).alias("history_periods"))
    window = (
        obs.select("aid", "period_end", "value").group_by("aid", maintain_order=True).tail(cfg.window_periods)
    )
    aid = window.get_column("aid")
    first, length, run = _runs(aid)
    period_end = window.get_column("period_end")
    lines = pl.DataFrame(
        {
            "aid": aid.gather(first).set_sorted(),
            "m": length.cast(pl.UInt32),
            "anchor": period_end.gather(first + length - 1),
        }
    )
    j = pl.int_range(0, window.height, eager=True, dtype=pl.Int64) - first.gather(run)
    window = window.with_columns(
        (j * 3 // lines.get_column("m").gather(run)).alias("third"),
        (
            (period_end - lines.get_column("anchor").gather(run)).dt.total_days()
            / prepared.assignments.get_column("period_days").gather(aid)
        ).alias("x"),
    )
    by_third = (
        window.select(
            (pl.col("aid").cast(pl.Int64) * 3 + pl.col("third")).set_sorted().alias("key"), "x", "value"
        )
        .group_by("key", maintain_order=True)
        .agg(pl.col("x").median(), pl.col("value").median())
    )
    # A run of m values has min(m, 3) non-empty thirds, which are consecutive rows of ``by_third``.
    thirds = lines.get_column("m").clip(upper_bound=3).cast(pl.Int64)
    first_third = thirds.cum_sum() - thirds
    lines = lines.with_columns(
        by_third.select(
            pl.col(column)
            .gather(pl.when(pl.lit(thirds) > index).then(pl.lit(first_third) + index))
            .alias(f"{column}{index}")
            for index in (0, 1, 2)
            for column in ("x", "value")
        )
    )
    lines = lines.with_columns(_slope(cfg))
    # Each run gets its slope, and then its level, by position (the absolute deviations need the
    # level of their own run).
    detrended = window.select(
        "aid",
        "value",
        (pl.col("value") - lines.get_column("slope").gather(run) * pl.col("x")).alias("detrended"),
    )
    levels = detrended.group_by("aid", maintain_order=True).agg(
        pl.col("value").median().alias("own_median"), pl.col("detrended").median().alias("level")
    )
    deviation = (detrended.get_column("detrended") - levels.get_column("level").gather(run)).abs()
    mad_sd = (
        detrended.select("aid", deviation.alias("deviation"))
        .group_by("aid", maintain_order=True)
        .agg(pl.col("deviation").median().mul(MAD_TO_SD).alias("mad_sd"))
    )
    # ``counts`` has a row per aid too: every aid with observations keeps at least one in ``window``.
    return pl.concat(
        [
            lines.select("aid", "m", "anchor", "slope", "estimation_variance"),
            levels.drop("aid"),
            mad_sd.drop("aid"),
            counts.drop("aid"),
        ],
        how="horizontal",
    ).with_columns(_own_spread(cfg))


def _priors(fits: pl.DataFrame, assignments: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The team's and the organisation's distribution of a random member's value, per KPI."""
    members = fits.join(assignments.select("aid", "team", "kpi"), on="aid")

    def spread_of(keys: list[str], prefix: str) -> pl.DataFrame:
        return (
            members.group_by(keys)
            .agg(
                pl.col("level").median().alias(f"{prefix}_level"),
                (pl.col("level") - pl.col("level").median()).abs().median().mul(MAD_TO_SD).alias("between"),
                pl.col("own_spread").pow(2).median().alias("within"),
            )
            .with_columns((pl.col("within") + pl.col("between").pow(2)).sqrt().alias(f"{prefix}_spread"))
            .select(*keys, f"{prefix}_level", f"{prefix}_spread")
        )

    return spread_of(["team", "kpi"], "team"), spread_of(["kpi"], "org")


def _damped(h: pl.Expr, phi: float) -> pl.Expr:
    """phi + phi^2 + ... + phi^h for real h >= 0 (0 for h <= 0)."""
    if phi == 0.0:
        return pl.lit(0.0)
    hh = h.clip(lower_bound=0.0)
    return phi * (1.0 - pl.lit(phi).pow(hh)) / (1.0 - phi)


def _horizon_cap(cfg: AttainmentConfig) -> int:
    if cfg.trend_damping == 0.0:
        return 1
    return max(1, math.ceil(math.log(cfg.projection_tolerance) / math.log(cfg.trend_damping)))


def fit_attainment(prepared: Prepared) -> pl.DataFrame:
    """One row per assignment with the model (see module docstring); columns per ``MODEL_SCHEMA``."""
    cfg = prepared.config.attainment
    decimals = prepared.config.numerics.decision_decimals
    assignments = prepared.assignments
    fits = _person_fits(prepared, cfg)
    team_prior, org_prior = _priors(fits, assignments)
    k = cfg.pooling_strength
    n = pl.col("history_periods").fill_null(0).cast(pl.Float64)
    pooled = pl.col("history_periods").fill_null(0) < cfg.min_history_periods
    weight = pl.when(pooled).then(n / (n + k)).otherwise(1.0)
    model = (
        assignments.select("aid", "team", "kpi", "sign", "period_days", "target")
        .join(fits.drop("m"), on="aid", how="left")
        .join(team_prior, on=["team", "kpi"], how="left")
        .join(org_prior, on="kpi", how="left")
        .with_columns(
            pl.coalesce("team_level", "org_level").alias("prior_level"),
            pl.coalesce("team_spread", "org_spread").alias("prior_spread"),
            weight.alias("w"),
            pl.when(pooled)
            .then(MEDIAN_VARIANCE / (n + k))
            .otherwise(pl.col("estimation_variance"))
            .alias("estimation_variance"),
        )
        .with_columns(
            pl.when(pl.col("w") >= 1.0)
            .then(pl.col("level"))
            .otherwise(
                pl.col("w") * pl.col("level").fill_null(0.0) + (1 - pl.col("w")) * pl.col("prior_level")
            )
            .alias("level"),
            pl.when(pl.col("w") >= 1.0)
            .then(pl.col("own_spread"))
            .otherwise(
                pl.col("w") * pl.col("own_spread").fill_null(0.0) + (1 - pl.col("w")) * pl.col("prior_spread")
            )
            .alias("spread"),
            (pl.col("w") * pl.col("slope").fill_null(0.0)).alias("slope"),
        )
        .with_columns(
            (
                pl.max_horizontal("spread", pl.col("level").abs() * cfg.spread_floor_relative)
                * (1.0 + pl.col("estimation_variance")).sqrt()
            ).alias("spread")
        )
    )
    rows = _cycle_rows(prepared, model, cfg)
    # The products are taken before grouping (the same per-row arithmetic), so the group-by only
    # sums; the probabilities are weighted in place, on the rows whose weight is not 1.
    weighted_p = _probabilities(rows.margin, rows.spread)
    weighted_p[rows.weighted] *= rows.weights
    sums = (
        pl.DataFrame([rows.aid, pl.Series("p", weighted_p), pl.Series("mu", rows.weighted_mu)])
        .group_by("aid", maintain_order=True)
        .agg(pl.col("p").sum(), pl.col("mu").sum())
    )
    per_aid = sums.with_columns(pl.Series("mult", rows.periods[sums.get_column("aid").to_numpy()])).select(
        "aid",
        (pl.col("p") / pl.col("mult")).round(decimals).alias("p_attain"),
        (pl.col("mu") / pl.col("mult")).alias("projected_level"),
        pl.col("mult").cast(pl.UInt32).alias("periods_assessed"),
    )
    from scipy import special  # imported when first needed: SciPy takes ~0.15 s to import

    z = float(special.ndtri(cfg.suggest_probability))
    return (
        model.join(per_aid, on="aid", how="left")
        .with_columns(
            (pl.col("projected_level") - pl.col("sign") * z * pl.col("spread")).alias("suggested_target"),
            pl.col("history_periods").fill_null(0),
        )
        .select(MODEL_SCHEMA.names())
        .cast(MODEL_SCHEMA)
        .sort("aid")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _CycleRows:
    """The cycle's periods per aid (dated ones, then those after the last dated one), a row each:
    the projected value ``mu`` times the period's weight ``mult`` (``weighted_mu``), the ``margin``
    by which ``mu`` reaches the target (sign x (mu - target)) and the aid's ``spread``.

    ``mult`` is 1 but on the rows at ``weighted`` (weights ``weights``); ``periods`` is, per aid
    (indexed by aid), the sum of its rows' weights, a whole number. ``aid`` is a Series because its
    sorted flag picks Polars' group-by path, and with it the order the per-aid sums add in.
    """

    aid: pl.Series
    weighted_mu: np.ndarray
    margin: np.ndarray
    spread: np.ndarray
    weighted: np.ndarray
    weights: np.ndarray
    periods: np.ndarray


def _cycle_rows(prepared: Prepared, model: pl.DataFrame, cfg: AttainmentConfig) -> _CycleRows:
    """Built from arrays (``_cycle_arrays``) where that gives the same rows, else by one lazy query
    (``_cycle_query``)."""
    rows = _cycle_arrays(prepared, model, cfg)
    if rows is not None:
        return rows
    frame = _cycle_query(prepared, model, cfg)
    aid = frame.get_column("aid")
    mult = frame.get_column("mult").to_numpy()
    weighted = np.flatnonzero(mult != 1.0)
    return _CycleRows(
        aid=aid,
        weighted_mu=frame.get_column("weighted_mu").to_numpy(),
        margin=frame.get_column("margin").to_numpy(),
        spread=frame.get_column("spread").to_numpy(),
        weighted=weighted,
        weights=mult[weighted],
        # sums of whole numbers: exact in any order
        periods=np.bincount(aid.to_numpy(), weights=mult, minlength=prepared.assignments.height),
    )


def _cycle_arrays(prepared: Prepared, model: pl.DataFrame, cfg: AttainmentConfig) -> _CycleRows | None:
    """``_cycle_rows`` from NumPy, with ``_cycle_query``'s per-row arithmetic in the same order (the
    damped trend by the same Polars expression). The rows come in runs of one aid (its dated
    periods, then its future ones), so each row's per-aid parameters are the run's repeated, not
    joined nor gathered, and only the result columns are allocated at full length.

    None (use the query) when the rows' aids ascend: the query's ``aid`` column may then carry a
    sorted flag, which sends the per-aid sums down Polars' other group-by path (another order of
    summation); in the usual case (future periods after dated ones) the aids restart and the
    column is unflagged, as here. None also when a parameter of a projected aid is null.
    """
    params = model.select(
        "aid",
        "sign",
        "period_days",
        "level",
        "slope",
        "spread",
        "target",
        pl.coalesce("anchor", pl.lit(prepared.as_of)).to_physical().alias("anchor"),
    ).sort("aid")
    aids = params.height
    if not params.get_column("aid").equals(pl.int_range(aids, dtype=pl.UInt32, eager=True).alias("aid")):
        return None
    known = params.get_column("level").is_not_null().to_numpy()
    if params.filter(known).null_count().row(0) != (0,) * params.width:
        return None
    sign, period_days, level, slope, spread, target, anchor = (
        params.get_column(name).fill_null(0).to_numpy()
        for name in ("sign", "period_days", "level", "slope", "spread", "target", "anchor")
    )
    if not np.isin(sign[known], (1.0, -1.0)).all():
        return None
    dated = prepared.cycle_periods
    if dated.get_column("target").null_count():
        return None
    if not known[dated.get_column("aid").to_numpy()].all():
        dated = dated.filter(known[dated.get_column("aid").to_numpy()])
    dated_aid = dated.get_column("aid").to_numpy()
    future = prepared.cycle_future.filter(pl.col("future_periods") > 0)
    if not known[future.get_column("aid").to_numpy()].all():
        future = future.filter(known[future.get_column("aid").to_numpy()])
    cap = _horizon_cap(cfg)
    future_aid = future.get_column("aid").to_numpy()
    future_periods = future.get_column("future_periods").to_numpy()
    steps = np.minimum(future_periods, cap)
    n_dated = dated_aid.size
    n = n_dated + int(steps.sum())
    # the dated rows' runs of one aid, then one run per future aid
    n_runs = 1 + np.count_nonzero(dated_aid[1:] != dated_aid[:-1]) if n_dated else 0
    starts = np.empty(n_runs + future_aid.size, dtype=np.int64)
    if n_dated:
        starts[0] = 0
        starts[1:n_runs] = np.flatnonzero(dated_aid[1:] != dated_aid[:-1]) + 1
    starts[n_runs:] = n_dated + np.cumsum(steps) - steps
    run_aid = np.concatenate([dated_aid[starts[:n_runs]], future_aid])
    if run_aid.size < 2 or bool((run_aid[1:] >= run_aid[:-1]).all()):
        return None
    length = np.diff(starts, append=n)

    def each_row(per_aid: np.ndarray) -> np.ndarray:
        return np.repeat(per_aid[run_aid], length)

    aid = each_row(np.arange(aids, dtype=np.uint32))
    # h: periods from the anchor, (date - anchor) in whole days (Int64 in the query) over the
    # period length; after the last dated period, h0 + step (1, 2, .. within the aid)
    h = np.empty(n)
    h_dated = h[:n_dated]
    np.subtract(
        dated.get_column("period_end").to_physical().to_numpy(),
        each_row(anchor)[:n_dated],
        out=h_dated,
        dtype=np.float64,
    )
    row_period_days = each_row(period_days)[:n_dated]
    days = h_dated.copy()
    h_dated /= row_period_days
    last_known = future.get_column("last_known").to_physical().to_numpy()
    future_days = np.subtract(last_known, anchor[future_aid], dtype=np.float64)
    h0 = future_days / period_days[future_aid]
    # Polars evaluates some of the query's divisions by the period length as a product with its
    # reciprocal (one rounding more: the future rows' h0, as measured with Polars 2.1), which
    # is not always the same number: the arrays go only where both ways agree.
    days *= np.reciprocal(row_period_days, out=row_period_days)
    future_days *= 1.0 / period_days[future_aid]
    if not (np.array_equal(days, h_dated) and np.array_equal(future_days, h0)):
        return None
    step = np.arange(n - n_dated, dtype=np.int64)
    step -= np.repeat(starts[n_runs:] - n_dated, steps)
    step += 1
    np.add(np.repeat(h0, steps), step, out=h[n_dated:])
    damped = _damped_rows(h, n_dated=n_dated, h0=h0, steps=steps, step=step, phi=cfg.trend_damping)
    # mu = level + slope * damped, in the buffer of h
    mu = np.multiply(each_row(slope), damped, out=h)
    mu += each_row(level)
    margin = np.empty(n)
    margin[:n_dated] = dated.get_column("target").to_numpy()
    margin[n_dated:] = np.repeat(target[future_aid], steps)
    np.subtract(mu, margin, out=margin)
    # the sign (+1 or -1) repeated as one byte a row: exact in the product, an eighth of the memory
    np.multiply(margin, each_row(sign.astype(np.int8)), out=margin)
    # the weight of the last future step stands for the periods beyond the horizon cap
    weighted = np.flatnonzero(step == cap)
    weights = np.repeat(future_periods - cap + 1, steps)[weighted].astype(np.float64)
    weighted += n_dated
    # mu times the weight, in place: the margin above has already read mu
    weighted_mu = mu
    weighted_mu[weighted] *= weights
    periods = np.zeros(aids)
    np.add.at(periods, run_aid[:n_runs], length[:n_runs])
    periods[future_aid] += future_periods
    return _CycleRows(
        aid=pl.Series("aid", aid, dtype=pl.UInt32),
        weighted_mu=weighted_mu,
        margin=margin,
        spread=each_row(spread),
        weighted=weighted,
        weights=weights,
        periods=periods,
    )


def _damped_values(h: np.ndarray, phi: float) -> np.ndarray:
    """``_damped`` of each value of ``h``, by the Polars expression itself (its ``pow`` included)."""
    frame = pl.DataFrame([pl.Series("h", h)])
    return np.broadcast_to(frame.select(_damped(pl.col("h"), phi)).to_series().to_numpy(), h.shape)


def _damped_rows(
    h: np.ndarray, *, n_dated: int, h0: np.ndarray, steps: np.ndarray, step: np.ndarray, phi: float
) -> np.ndarray:
    """``_damped`` of every row's ``h``: the dated rows first, then the future rows, ``steps[i]``
    of them for the i-th future aid, whose h is that aid's ``h0`` plus the row's ``step``.

    The expression (a ``pow`` per value, most of this step's time) is evaluated once per distinct
    value where those are cheap to find: every h <= 0 is clipped to 0, whose power is exactly 1,
    and the future rows' h repeat across the aids that share an h0.
    """
    damped = np.empty(h.size)
    # the future rows are all overwritten below
    damped[:n_dated] = _damped_values(np.zeros(1), phi)[0]
    dated = h[:n_dated]
    # not (h <= 0) rather than h > 0: a NaN goes through the expression too
    ahead = np.flatnonzero(~(dated <= 0))
    if ahead.size:
        damped[ahead] = _damped_values(dated[ahead], phi)
    if not step.size:
        return damped
    starts, at = np.unique(h0, return_inverse=True)
    cap = int(step.max())
    if starts.size * cap * 4 <= step.size:
        # one value per distinct h0 and step, from the same float sum (h0 + step) as the rows'
        grid = _damped_values((starts[:, None] + np.arange(1, cap + 1)).ravel(), phi)
        cell = np.repeat(at * cap, steps)
        cell += step - 1
        damped[n_dated:] = grid[cell]
    else:
        damped[n_dated:] = _damped_values(h[n_dated:], phi)
    return damped


def _cycle_query(prepared: Prepared, model: pl.DataFrame, cfg: AttainmentConfig) -> pl.DataFrame:
    """``_cycle_rows`` by one lazy query, so only its columns are materialised for the millions of
    rows; the joins keep the left order, which the per-aid sums depend on.
    """
    params = model.lazy().select("aid", "sign", "period_days", "level", "slope", "spread", "anchor")
    anchor = pl.coalesce("anchor", pl.lit(prepared.as_of))
    dated = (
        prepared.cycle_periods.lazy()
        .join(params, on="aid", how="inner", maintain_order="left")
        .with_columns(
            ((pl.col("period_end") - anchor).dt.total_days() / pl.col("period_days")).alias("h"),
            pl.lit(1.0).alias("mult"),
        )
    )
    cap = _horizon_cap(cfg)
    future = (
        prepared.cycle_future.lazy()
        .filter(pl.col("future_periods") > 0)
        .join(params, on="aid", how="inner", maintain_order="left")
        .join(
            prepared.assignments.lazy().select("aid", "target"), on="aid", how="left", maintain_order="left"
        )
        .with_columns(
            ((pl.col("last_known") - anchor).dt.total_days() / pl.col("period_days")).alias("h0"),
            pl.int_ranges(1, pl.col("future_periods").clip(upper_bound=cap) + 1).alias("step"),
        )
        .explode("step")
        .with_columns(
            (pl.col("h0") + pl.col("step")).alias("h"),
            pl.when(pl.col("step") == cap)
            .then((pl.col("future_periods") - cap + 1).cast(pl.Float64))
            .otherwise(1.0)
            .alias("mult"),
        )
    )
    columns = ["aid", "sign", "level", "slope", "spread", "h", "target", "mult"]
    rows = pl.concat([dated.select(columns), future.select(columns)])
    # Every period counts whatever its target: a set of periods that depended on the targets would
    # let a raised target (from 0 to above 0) add an easy period and raise p_attain. The rules
    # themselves skip assignments whose target is <= 0.
    return (
        rows.filter(pl.col("level").is_not_null())
        .with_columns(
            (pl.col("level") + pl.col("slope") * _damped(pl.col("h"), cfg.trend_damping)).alias("mu")
        )
        .select(
            "aid",
            "mult",
            (pl.col("mu") * pl.col("mult")).alias("weighted_mu"),
            (pl.col("sign") * (pl.col("mu") - pl.col("target"))).alias("margin"),
            "spread",
        )
        .collect(engine="in-memory")
    )


def _probabilities(margin: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """P(value reaches target) per row of ``_cycle_rows``, computed in one array of the rows' length.

    The normal CDF is evaluated once per run of equal standardised margins (all of an aid's
    periods up to its latest value usually share one) and repeated: the same values, at a fraction
    of the cost.
    """
    from scipy import special  # imported when first needed: SciPy takes ~0.15 s to import

    positive = spread > 0
    p = np.empty(margin.size)
    # Unmasked (a masked division is several times slower): the rows without a positive spread
    # are overwritten below whatever their quotient.
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(margin, spread, out=p)
    new = np.empty(p.size, dtype=bool)
    new[:1] = True
    np.not_equal(p[1:], p[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    if starts.size * 2 < p.size:
        p = np.repeat(special.ndtr(p[starts]), np.diff(starts, append=p.size))
    else:
        special.ndtr(p, out=p)
    # no spread: the projection is certain, so the target is reached or not
    degenerate = np.flatnonzero(~positive)
    p[degenerate] = margin[degenerate] >= 0
    return p
