"""Turn the normalised input frames into the columnar state every rule reads.

This is where the audit's time semantics live, once: revisions recorded after the as-of day are
ignored, the latest ``recorded_at`` per person x KPI x period is the current value (a null
``recorded_at`` is the only row), per-period targets replace the plan's target for their periods,
and each assignment (one plan row, person x KPI) gets a dense integer id ``aid`` so the hot path
joins and sorts integers rather than strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

import numpy as np
import polars as pl

from kpiwell.engine.audit import frames
from kpiwell.engine.audit.config import AuditConfig

SchemaT = dict[str, pl.DataType | type[pl.DataType]]

REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "plan": ("person_id", "team", "kpi", "target", "cycle_start", "cycle_end"),
    "actuals": ("person_id", "kpi", "period_end", "value"),
    "targets": ("person_id", "kpi", "period_end", "target"),
    "checkins": ("person_id", "date"),
    "recognition": ("to_id", "date"),
    "turnover": ("person_id", "band"),
    "surveys": ("person_id", "date", "instrument", "item", "response"),
}

KINDS: Final = ("quantitative", "qualitative")
DIRECTIONS: Final = ("higher", "lower")
SET_BY: Final = ("manager", "employee", "co-created")
BANDS: Final = ("low", "medium", "high")
# Mean length of each period kind in days (Gregorian: 365.2425 days a year), used to express time
# in periods; definitions, not thresholds.
PERIOD_DAYS: Final[dict[str, float]] = {
    "day": 1.0,
    "week": 7.0,
    "month": 365.2425 / 12,
    "quarter": 365.2425 / 4,
}
WEIGHT_TOTAL: Final = 100.0  # plan weights are percentages (issue 3, input formats)
PIECE: Final = 1 << 16  # rows of actuals moved at a time into aid order (a buffer size, no threshold)


@dataclass(frozen=True, slots=True, kw_only=True)
class Prepared:
    """Columnar audit state; every frame is keyed by ``aid`` where it concerns an assignment.

    ``assignments``: one row per plan row, ``aid`` = row position, with the plan's columns plus
    ``team_kpi`` (an integer id per team x KPI), ``sign`` (+1 higher, -1 lower), ``period_days``,
    ``weight_share`` (normalised within the person) and ``current_target`` (the target in force for
    the latest cycle period up to as-of).
    ``observations``: current value per ``aid`` x ``period_end`` up to as-of, sorted by both, with
    ``target`` (in force for that period) and ``in_cycle``.
    ``cycle_periods``: the cycle's dated periods (observed up to as-of, or with a per-period target)
    per ``aid`` with the target in force; ``cycle_future``: per ``aid`` the last dated cycle period
    (``last_known``) and how many further periods the cycle has after it (``future_periods``).
    ``revisions``: every version up to as-of of the values that were revised (two rows or more).
    Optional inputs are None when not supplied, else conformed and cut at as-of (``surveys`` is
    carried for the survey-based radar rules, which read it; the KPI rules do not).
    """

    as_of: date
    config: AuditConfig
    assignments: pl.DataFrame
    people: pl.DataFrame
    observations: pl.DataFrame
    cycle_periods: pl.DataFrame
    cycle_future: pl.DataFrame
    revisions: pl.DataFrame
    checkins: pl.DataFrame | None
    recognition: pl.DataFrame | None
    turnover: pl.DataFrame | None
    surveys: pl.DataFrame | None


def _conform(name: str, frame: pl.DataFrame, schema: SchemaT) -> pl.DataFrame:
    if not isinstance(frame, pl.DataFrame):
        raise ValueError(f"{name}: expected a polars DataFrame, got {type(frame).__name__}")
    missing = [column for column in REQUIRED[name] if column not in frame.columns]
    if missing:
        raise ValueError(f"{name}: missing required column(s) {', '.join(missing)}")
    try:
        conformed = frames.conform(frame, schema)
    except pl.exceptions.PolarsError as error:
        raise ValueError(f"{name}: a column does not have the expected type ({error})") from error
    nulls = conformed.select(pl.col(list(REQUIRED[name])).null_count()).row(0)
    for column, count in zip(REQUIRED[name], nulls, strict=True):
        if count and not (name == "actuals" and column == "value"):
            raise ValueError(f"{name}: column {column} has {count} empty value(s)")
    return conformed


def _check_values(name: str, frame: pl.DataFrame, column: str, allowed: tuple[str, ...]) -> None:
    bad = frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(list(allowed)))
    if bad.height:
        value = bad.get_column(column).item(0)
        raise ValueError(f"{name}: column {column} has {value!r}; allowed: {', '.join(allowed)}")


def _blank_to_null(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text).alias(column)


def _prepare_plan(plan: pl.DataFrame) -> pl.DataFrame:
    # One chunk: the audit gathers plan columns by aid for millions of rows, and gathering across a
    # reader's many chunks is several times slower.
    plan = _conform("plan", plan, frames.PLAN_SCHEMA).rechunk()
    plan = plan.with_columns(
        _blank_to_null("kind").str.to_lowercase().fill_null("quantitative"),
        _blank_to_null("direction").str.to_lowercase().fill_null("higher"),
        _blank_to_null("period").str.to_lowercase().fill_null("week"),
        _blank_to_null("set_by").str.to_lowercase(),
        _blank_to_null("purpose"),
    )
    _check_values("plan", plan, "kind", KINDS)
    _check_values("plan", plan, "direction", DIRECTIONS)
    _check_values("plan", plan, "period", tuple(PERIOD_DAYS))
    _check_values("plan", plan, "set_by", SET_BY)
    duplicated = plan.filter(pl.struct("person_id", "kpi").is_duplicated())
    if duplicated.height:
        row = duplicated.row(0, named=True)
        raise ValueError(f"plan: person {row['person_id']} has KPI {row['kpi']!r} more than once")
    if plan.filter(pl.col("cycle_end") < pl.col("cycle_start")).height:
        raise ValueError("plan: a cycle_end is before its cycle_start")
    plan = plan.with_row_index("aid").with_columns(
        # a dense integer id per team x KPI, so team-level series group by integers
        pl.struct("team", "kpi").rank("dense").cast(pl.UInt32).alias("team_kpi"),
        pl.when(pl.col("direction") == "lower").then(-1.0).otherwise(1.0).alias("sign"),
        pl.col("period").replace_strict(PERIOD_DAYS, return_dtype=pl.Float64).alias("period_days"),
    )
    return _with_weight_share(plan)


def _with_weight_share(plan: pl.DataFrame) -> pl.DataFrame:
    """Add ``weight_share``, the weight normalised within the person: null weights share what the
    known ones leave of 100%."""
    known = pl.col("weight").fill_null(0.0).clip(lower_bound=0.0).sum().over("person_id")
    unknown = pl.col("weight").is_null().sum().over("person_id")
    remainder = (pl.lit(WEIGHT_TOTAL) - known).clip(lower_bound=0.0)
    raw = (
        pl.when(pl.col("weight").is_null())
        .then(remainder / unknown.cast(pl.Float64))
        .otherwise(pl.col("weight").clip(lower_bound=0.0))
    )
    count = pl.len().over("person_id").cast(pl.Float64)
    # The raw weights and their total as columns first: within one expression, the raw weights'
    # windows were evaluated again for the share, twice as slow.
    return (
        plan.with_columns(raw.alias("weight_share"), raw.sum().over("person_id").alias("weight_total"))
        .with_columns(
            pl.when(pl.col("weight_total") > 0)
            .then(pl.col("weight_share") / pl.col("weight_total"))
            .otherwise(1.0 / count)
            .alias("weight_share")
        )
        .drop("weight_total")
    )


def _end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time())


def _runs(actuals: pl.DataFrame, keys: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series] | None:
    """The runs of rows with the same person x KPI: ``start``, ``end`` (row positions, end
    exclusive) and ``aid`` (null where the plan lacks the person x KPI), plus whether each row but
    the first starts a run.

    Exports list each person x KPI's periods together, so each row's strings are compared with the
    previous row's (linear, no hashing) and only the first row of each run is looked up in the plan:
    a join on tens of thousands of rows instead of millions. None when runs are not much fewer than
    rows (then a plain join is as cheap).
    """
    n = actuals.height
    if n < 2:
        return None
    changed = _differs_from_previous(actuals.get_column("person_id")) | _differs_from_previous(
        actuals.get_column("kpi")
    )
    starts = pl.concat([pl.Series([0], dtype=pl.UInt32), changed.arg_true().cast(pl.UInt32) + 1])
    if starts.len() * 2 > n:
        return None
    runs = (
        actuals.select("person_id", "kpi")
        .gather(starts)
        .with_columns(starts.alias("start"), starts.shift(-1, fill_value=n).alias("end"))
        .join(keys, on=["person_id", "kpi"], how="left", maintain_order="left")
        .select("start", "end", "aid")
    )
    return runs, changed


def _differs_from_previous(column: pl.Series) -> pl.Series:
    """For each row but the first, whether its value differs from the previous row's.

    Compared a chunk at a time, each slice reaching one row into the next chunk: two slices of the
    whole column one row apart do not line up with a reader's chunks, and Polars would first copy
    both into one chunk each (for strings, 16 bytes a row of fresh memory, millions of rows).
    """
    parts = []
    offset = 0
    for length in column.chunk_lengths():
        chunk = column.slice(offset, length + 1)
        parts.append(chunk.slice(1) != chunk.head(-1))
        offset += length
    return pl.concat(parts)


def _in_order(actuals: pl.DataFrame, runs: pl.DataFrame, changed: pl.Series) -> _Placement | None:
    """Where each run of ``actuals`` goes for the planned rows to be sorted by aid and period_end,
    when that needs no sort: each aid in one run, periods strictly increasing within each run (so no
    aid x period twice). None otherwise."""
    planned = runs.filter(pl.col("aid").is_not_null())
    if planned.get_column("aid").is_duplicated().any():
        return None
    days = actuals.get_column("period_end").cast(pl.Int32)
    n = actuals.height
    if not ((days.slice(1) > days.slice(0, n - 1)) | changed).all():
        return None
    run_aid = runs.get_column("aid")
    start = runs.get_column("start").to_numpy().astype(np.int64)
    end = runs.get_column("end").to_numpy().astype(np.int64)
    length = end - start
    is_planned = run_aid.is_not_null().to_numpy()
    # The planned runs laid end to end in aid order (the aids are distinct: any sort will do).
    by_aid = np.flatnonzero(is_planned)
    by_aid = by_aid[np.argsort(run_aid.gather(by_aid).to_numpy())]
    planned_length = length[by_aid]
    size = int(planned_length.sum())
    # where each run's first row goes; an unplanned run's rows go past the planned ones (over one
    # another, dropped)
    to = np.full(start.size, size, dtype=np.int64)
    to[by_aid] = np.cumsum(planned_length) - planned_length
    # NumPy repeats each run's aid without building the per-run lists of repeat_by/int_ranges.
    aid = pl.Series("aid", np.repeat(run_aid.gather(by_aid).to_numpy(), planned_length), dtype=pl.UInt32)
    width = int(length[0])
    return _Placement(
        aid=aid,
        start=start,
        end=end,
        shift=to - start,
        size=size + int(length[~is_planned].max(initial=0)),
        width=width if bool((length == width).all()) else 0,
        in_place=not (to - start)[is_planned].any(),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Placement:
    """The runs of ``actuals`` (``start``, ``end``: row positions, end exclusive, in row order) and
    where they go: row r of a run goes to r + the run's ``shift``, in an array of ``size`` whose
    first ``aid.len()`` positions are the planned rows in aid order (the rest, the unplanned ones, is
    dropped). ``width``: every run's length when all are equal, else 0. ``in_place``: the planned
    runs already come first in aid order (as exports in plan order list them)."""

    aid: pl.Series
    start: np.ndarray
    end: np.ndarray
    shift: np.ndarray
    size: int
    width: int
    in_place: bool

    def place(self, column: pl.Series) -> pl.Series:
        """``column`` (of ``actuals``) in aid order, without the unplanned rows; null values become
        unspecified numbers (the rows with one are filtered out after).

        Each of the reader's chunks is copied from where it is straight to where its rows go: no
        copy of the whole column into one chunk first, nor an index of millions of row positions to
        gather by. When the runs are all as long, the runs whole in a chunk are rows of a 2-D view
        of both the chunk and the result, copied a run at a time; else each row's position is
        made (a chunk at a time, in one reused buffer).
        """
        if self.in_place and column.n_chunks() == 1:
            # the planned rows are the column's first ones, in order, in one chunk: shared, not copied
            return column.head(self.aid.len())
        physical = column.to_physical()
        out = np.empty(self.size, dtype=physical.clear().to_numpy().dtype)
        # the chunks, cut in pieces of at most PIECE rows: the position buffer stays small even
        # for a column in one chunk
        lengths = [
            min(PIECE, length - done)
            for length in physical.chunk_lengths()
            for done in range(0, length, PIECE)
        ]
        positions = np.empty(0 if self.width else max(lengths, default=0), dtype=np.int64)
        offset = 0
        for length in lengths:
            # a view of (a piece of) one chunk without nulls
            chunk = physical.slice(offset, length).to_numpy()
            first = int(np.searchsorted(self.end, offset, side="right"))
            last = int(np.searchsorted(self.start, offset + length))
            if self.width:
                # the runs cut by the chunk's edges, at most one at each, part by part
                while first < last and self.start[first] < offset:
                    self._copy_part(first, chunk, offset, out)
                    first += 1
                while first < last and self.end[last - 1] > offset + length:
                    last -= 1
                    self._copy_part(last, chunk, offset, out)
                if first < last:
                    # every ``to`` is a multiple of the width (so is ``size``)
                    rows = (self.start[first:last] + self.shift[first:last]) // self.width
                    whole = chunk[self.start[first] - offset : self.end[last - 1] - offset]
                    out.reshape(-1, self.width)[rows] = whole.reshape(-1, self.width)
            elif length:
                part = np.minimum(self.end[first:last], offset + length) - np.maximum(
                    self.start[first:last], offset
                )
                at = positions[:length]
                at[:] = np.repeat(self.shift[first:last], part)
                at += np.arange(offset, offset + length)
                out[at] = chunk
            offset += length
        placed = pl.Series(column.name, out[: self.aid.len()]).cast(column.dtype)
        if self.in_place and (column.flags["SORTED_ASC"] or column.flags["SORTED_DESC"]):
            # as ``column.head(..)`` would be: a sorted flag picks the paths of later steps
            placed = placed.set_sorted(descending=column.flags["SORTED_DESC"])
        return placed

    def _copy_part(self, run: int, chunk: np.ndarray, offset: int, out: np.ndarray) -> None:
        """Copy the rows of ``run`` that are in ``chunk`` (which starts at row ``offset``)."""
        low = max(int(self.start[run]), offset)
        high = min(int(self.end[run]), offset + chunk.size)
        shift = int(self.shift[run])
        out[low + shift : high + shift] = chunk[low - offset : high - offset]


def _prepare_observations(
    actuals: pl.DataFrame, keys: pl.DataFrame, as_of: date, *, cut_revisions: bool
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Current value per aid x period_end up to as-of (sorted), and the revision history.

    With ``cut_revisions``, versions recorded after the end of the as-of day are ignored.
    """
    known = pl.col("value").is_not_null() & (pl.col("period_end") <= as_of)
    if cut_revisions:
        known = known & (pl.col("recorded_at").is_null() | (pl.col("recorded_at") < _end_of_day(as_of)))
    values = actuals.select("period_end", "value", "recorded_at")
    found = _runs(actuals, keys)
    if found is not None:
        runs, changed = found
        placement = _in_order(actuals, runs, changed)
        if placement is not None:
            # Already in aid x period order with no period twice: nothing to sort, no revisions.
            # The aid column carries the flag a sort would set, so group-bys on it take the same
            # (contiguous) path as after a sort.
            no_revisions = values.clear().insert_column(0, placement.aid.clear())
            is_known = actuals.select(known).to_series()
            # One chunk per column: later steps gather and convert.
            rows = pl.DataFrame(
                [
                    placement.aid.set_sorted(),
                    *(placement.place(actuals.get_column(c)) for c in ("period_end", "value")),
                ]
            )
            if not is_known.all():
                rows = rows.filter(placement.place(is_known))
            return rows, no_revisions
        run_of_row = pl.concat([pl.Series([0], dtype=pl.UInt32), changed.cast(pl.UInt32).cum_sum()])
        joined = values.insert_column(0, runs.get_column("aid").gather(run_of_row)).filter(
            pl.col("aid").is_not_null()
        )
    else:
        # Join first: the join yields integer keys, so the filter and the sort touch no strings.
        joined = actuals.join(keys, on=["person_id", "kpi"], how="inner").select(
            "aid", "period_end", "value", "recorded_at"
        )
    rows = (
        joined.filter(known)
        # Ties (the same recorded_at twice, an input error) resolve to the larger value, so the
        # result never depends on row order.
        .sort(["aid", "period_end", "recorded_at", "value"], nulls_last=False)
    )
    same_as_next = (pl.col("aid") == pl.col("aid").shift(-1)) & (
        pl.col("period_end") == pl.col("period_end").shift(-1)
    )
    same_as_previous = (pl.col("aid") == pl.col("aid").shift(1)) & (
        pl.col("period_end") == pl.col("period_end").shift(1)
    )
    current = rows.filter(~same_as_next.fill_null(False)).drop("recorded_at")
    revisions = rows.filter(same_as_next.fill_null(False) | same_as_previous.fill_null(False))
    return current, revisions


def prepare(
    *,
    plan: pl.DataFrame,
    actuals: pl.DataFrame,
    targets: pl.DataFrame | None,
    checkins: pl.DataFrame | None,
    recognition: pl.DataFrame | None,
    turnover: pl.DataFrame | None,
    surveys: pl.DataFrame | None,
    as_of: date | None,
    config: AuditConfig,
) -> Prepared:
    assignments = _prepare_plan(plan)
    actuals = _conform("actuals", actuals, frames.ACTUALS_SCHEMA)
    # An explicit as-of audits what was known at the end of that day. The default (the latest
    # period_end) audits everything recorded so far: values are recorded after their period ends,
    # so cutting revisions at the latest period_end would drop the latest period itself.
    cut_revisions = as_of is not None
    if as_of is None:
        latest = actuals.get_column("period_end").max()
        if not isinstance(latest, date):
            raise ValueError("actuals: no period_end to take as-of from; pass as_of")
        as_of = latest
    keys = assignments.select("person_id", "kpi", "aid")
    observations, revisions = _prepare_observations(actuals, keys, as_of, cut_revisions=cut_revisions)

    cycle = assignments.select("aid", "target", "cycle_start", "cycle_end", "period_days")
    period_targets = _prepare_targets(targets, keys)
    observations = _with_targets(observations, assignments, period_targets)
    # selected before filtering: only these columns of the millions of observations are copied
    cycle_periods = observations.select("aid", "period_end", "target").filter(
        observations.get_column("in_cycle")
    )
    if period_targets.height:
        listed = _with_targets(period_targets.select("aid", "period_end"), assignments, period_targets)
        cycle_periods = _last_per_key(
            pl.concat([cycle_periods, listed.filter(pl.col("in_cycle")).select(cycle_periods.columns)]).sort(
                "aid", "period_end"
            ),
            ["aid", "period_end"],
        )
    current_target = _last_per_key(cycle_periods.filter(pl.col("period_end") <= as_of), ["aid"]).select(
        "aid", pl.col("target").alias("current_target")
    )
    last_known = _last_per_key(cycle_periods, ["aid"]).select("aid", pl.col("period_end").alias("last_known"))
    rounding = config.attainment.period_rounding
    cycle_future = (
        cycle.join(last_known, on="aid", how="left")
        .with_columns(
            pl.coalesce("last_known", pl.col("cycle_start").dt.offset_by("-1d")).alias("last_known"),
            pl.col("last_known").is_null().alias("none_known"),
        )
        .with_columns(
            (
                (
                    (pl.col("cycle_end") - pl.col("last_known")).dt.total_days() / pl.col("period_days")
                    + rounding
                )
                .floor()
                .clip(lower_bound=0)
                .cast(pl.Int64)
            ).alias("future_periods")
        )
        .select("aid", "last_known", "none_known", "future_periods")
    )
    assignments = assignments.join(current_target, on="aid", how="left").with_columns(
        pl.coalesce("current_target", "target").alias("current_target")
    )
    people = (
        assignments.sort("person_id", "team")
        .group_by("person_id", maintain_order=True)
        .agg(
            pl.col("team").first(),
            pl.col("parent_team").first(),
            pl.col("manager_id").drop_nulls().first(),
            pl.col("person_name").drop_nulls().first(),
        )
    )
    return Prepared(
        as_of=as_of,
        config=config,
        assignments=assignments,
        people=people,
        observations=observations,
        cycle_periods=cycle_periods,
        cycle_future=cycle_future,
        revisions=revisions,
        checkins=_optional("checkins", checkins, frames.CHECKINS_SCHEMA, as_of, "date"),
        recognition=_optional("recognition", recognition, frames.RECOGNITION_SCHEMA, as_of, "date"),
        turnover=_prepare_turnover(turnover),
        surveys=_optional("surveys", surveys, frames.SURVEYS_SCHEMA, as_of, "date"),
    )


def _prepare_targets(targets: pl.DataFrame | None, keys: pl.DataFrame) -> pl.DataFrame:
    if targets is None:
        return pl.DataFrame(schema={"aid": pl.UInt32, "period_end": pl.Date, "target": pl.Float64})
    conformed = _conform("targets", targets, frames.TARGETS_SCHEMA)
    return _last_per_key(
        conformed.join(keys, on=["person_id", "kpi"], how="inner")
        .select("aid", "period_end", "target")
        # A period listed twice keeps its larger target, independent of row order.
        .sort("aid", "period_end", "target"),
        ["aid", "period_end"],
    )


def _last_per_key(frame: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    """The last row of each run of equal ``key`` values in a frame sorted by ``key``."""
    differs = pl.any_horizontal([pl.col(k) != pl.col(k).shift(-1) for k in key]).fill_null(True)
    return frame.filter(differs)


def _per_row(assignments: pl.DataFrame, columns: list[str], aid: pl.Series) -> list[pl.Series]:
    """Assignments' columns for each row (``aid`` is the row position in ``assignments``).

    Where rows come in runs of one aid (observations, sorted by aid), each run's values are
    repeated: NumPy's repeat over the runs is cheaper than a gather per row. Otherwise (or with
    nulls) gathers.
    """
    selected = assignments.select(columns)
    n = aid.len()
    if n > 1 and not any(selected.null_count().row(0)):
        positions = aid.to_numpy()
        new_run = np.empty(n, dtype=bool)
        new_run[0] = True
        np.not_equal(positions[1:], positions[:-1], out=new_run[1:])
        first = np.flatnonzero(new_run)
        if first.size * 4 <= n:
            length = np.diff(first, append=n)
            run_aid = positions[first]
            return [
                pl.Series(column.name, np.repeat(column.to_physical().to_numpy()[run_aid], length)).cast(
                    column.dtype
                )
                for column in selected.iter_columns()
            ]
    return [selected.get_column(column).gather(aid) for column in columns]


def _with_targets(
    frame: pl.DataFrame, assignments: pl.DataFrame, period_targets: pl.DataFrame
) -> pl.DataFrame:
    """Add the target in force (per-period target, else the plan's) and whether the period is in the cycle."""
    aid = frame.get_column("aid")
    period_end = frame.get_column("period_end")
    cycle = assignments.select("cycle_start", "cycle_end").unique()
    if cycle.height == 1:
        # One cycle for everyone (the usual review cycle): compared with the two dates, without
        # repeating them for each of the millions of rows first.
        (plan_target,) = _per_row(assignments, ["target"], aid)
        in_cycle = period_end.is_between(*cycle.row(0))
    else:
        start, end, plan_target = _per_row(assignments, ["cycle_start", "cycle_end", "target"], aid)
        in_cycle = (period_end >= start) & (period_end <= end)
    if period_targets.height:
        override = frame.select("aid", "period_end").join(
            period_targets, on=["aid", "period_end"], how="left", maintain_order="left"
        )
        target = override.get_column("target").fill_null(plan_target)
    else:
        target = plan_target
    return frame.drop("target", strict=False).with_columns(target.alias("target"), in_cycle.alias("in_cycle"))


def _optional(
    name: str, frame: pl.DataFrame | None, schema: SchemaT, as_of: date, date_column: str
) -> pl.DataFrame | None:
    if frame is None:
        return None
    return _conform(name, frame, schema).filter(pl.col(date_column) <= as_of)


def _prepare_turnover(turnover: pl.DataFrame | None) -> pl.DataFrame | None:
    if turnover is None:
        return None
    conformed = _conform("turnover", turnover, frames.TURNOVER_SCORES_SCHEMA).with_columns(
        pl.col("band").str.strip_chars().str.to_lowercase()
    )
    _check_values("turnover", conformed, "band", BANDS)
    return conformed
