"""Observations laid out in aid order from the actuals' runs agree with a join and a sort; the
shortcuts taken on them (one cycle, all attainments finite) agree with the general steps."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit.config import AuditConfig
from kpiwell.engine.audit.prepare import PIECE, _prepare_observations, _with_targets, prepare
from kpiwell.engine.audit.rules.base import attainment_rows

from . import builders


def _inputs(
    rng: np.random.Generator, *, equal: bool, unplanned: bool, unknown: bool, chunk: int, people: int = 40
) -> tuple[pl.DataFrame, pl.DataFrame]:
    kpis = ("a", "b", "c")
    keys = pl.DataFrame(
        {"person_id": [f"P{p:03d}" for p in range(people) for _ in kpis], "kpi": list(kpis) * people}
    ).with_row_index("aid")
    listed = [(f"P{p:03d}", kpi) for p in range(people) for kpi in rng.permutation(kpis)]
    if unplanned:
        listed[5:5] = [("P005", "zzz")]
        listed.append(("Q999", "a"))
    columns: dict[str, list[object]] = {"person_id": [], "kpi": [], "period_end": [], "value": []}
    for person, kpi in listed:
        count = 9 if equal else int(rng.integers(1, 14))
        first = date(2024, 1, 7) + timedelta(weeks=int(rng.integers(0, 5)))
        columns["person_id"] += [person] * count
        columns["kpi"] += [kpi] * count
        columns["period_end"] += [first + timedelta(weeks=week) for week in range(count)]
        values = rng.normal(50, 10, count).tolist()
        if unknown:
            values = [None if rng.random() < 0.1 else value for value in values]
        columns["value"] += values
    whole = pl.DataFrame(
        columns, schema={"person_id": pl.String, "kpi": pl.String, "period_end": pl.Date, "value": pl.Float64}
    )
    # in chunks, as a reader returns them, whose edges cut runs
    actuals = pl.concat([whole.slice(at, chunk) for at in range(0, whole.height, chunk)], rechunk=False)
    return actuals.with_columns(pl.lit(None, dtype=pl.Datetime("us")).alias("recorded_at")), keys


def _sorted_join(actuals: pl.DataFrame, keys: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """The observations the plain way: joined to the plan, the known values kept, sorted."""
    return (
        actuals.join(keys, on=["person_id", "kpi"], how="inner")
        .filter(pl.col("value").is_not_null() & (pl.col("period_end") <= as_of))
        .sort("aid", "period_end")
        .select("aid", "period_end", "value")
    )


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("equal", [True, False])
@pytest.mark.parametrize("unplanned", [True, False])
@pytest.mark.parametrize("unknown", [True, False])
@pytest.mark.parametrize("chunk", [7, 50, 10_000])
def test_runs_placed_in_aid_order_are_the_sorted_join(
    seed: int, equal: bool, unplanned: bool, unknown: bool, chunk: int
) -> None:
    actuals, keys = _inputs(
        np.random.default_rng(seed), equal=equal, unplanned=unplanned, unknown=unknown, chunk=chunk
    )
    as_of = date(2024, 3, 10)
    current, revisions = _prepare_observations(actuals, keys, as_of, cut_revisions=True)
    assert current.equals(_sorted_join(actuals, keys, as_of))
    assert current.get_column("aid").flags["SORTED_ASC"]
    assert revisions.is_empty()


@pytest.mark.parametrize("chunks", [1, 2])
def test_actuals_in_plan_order_keep_their_sorted_flag(chunks: int) -> None:
    keys = pl.DataFrame({"aid": [0], "person_id": ["P1"], "kpi": ["a"]}, schema_overrides={"aid": pl.UInt32})
    actuals = pl.DataFrame(
        {
            "person_id": ["P1"] * 5,
            "kpi": ["a"] * 5,
            "period_end": [date(2024, 1, 7) + timedelta(weeks=week) for week in range(5)],
            "value": [1.0, 2.0, 3.0, 4.0, 5.0],
            "recorded_at": [None] * 5,
        },
        schema_overrides={"recorded_at": pl.Datetime("us")},
    ).with_columns(pl.col("period_end").set_sorted(), pl.col("value").set_sorted())
    if chunks == 2:
        actuals = pl.concat([actuals.head(2), actuals.tail(3)], rechunk=False)
        assert actuals.get_column("value").n_chunks() == 2 and actuals.get_column("value").flags["SORTED_ASC"]
    current, _ = _prepare_observations(actuals, keys, date(2030, 1, 1), cut_revisions=False)
    assert current.get_column("period_end").flags["SORTED_ASC"]
    assert current.get_column("value").flags["SORTED_ASC"]
    assert current.get_column("value").to_list() == [1.0, 2.0, 3.0, 4.0, 5.0]


@pytest.mark.parametrize("cycles", [1, 3])
def test_in_cycle_with_one_cycle_or_several_is_the_per_row_comparison(cycles: int) -> None:
    rng = np.random.default_rng(cycles)
    starts = [date(2024, 1, 1) + timedelta(days=30 * index) for index in range(cycles)]
    pick = rng.integers(0, cycles, 20)
    assignments = pl.DataFrame(
        {
            "aid": np.arange(20, dtype=np.uint32),
            "cycle_start": [starts[index] for index in pick],
            "cycle_end": [starts[index] + timedelta(days=89) for index in pick],
            "target": rng.normal(10, 2, 20),
        }
    )
    frame = pl.DataFrame(
        {
            "aid": np.repeat(np.arange(20, dtype=np.uint32), 30),
            "period_end": [
                date(2023, 12, 3) + timedelta(weeks=week) for _ in range(20) for week in range(30)
            ],
        }
    )
    no_targets = pl.DataFrame(schema={"aid": pl.UInt32, "period_end": pl.Date, "target": pl.Float64})
    result = _with_targets(frame, assignments, no_targets)
    expected = frame.join(assignments, on="aid", how="left", maintain_order="left").select(
        "aid",
        "period_end",
        "target",
        (
            (pl.col("period_end") >= pl.col("cycle_start")) & (pl.col("period_end") <= pl.col("cycle_end"))
        ).alias("in_cycle"),
    )
    assert result.equals(expected)
    assert 0 < result.get_column("in_cycle").sum() < result.height


@pytest.mark.parametrize("lower_value", [0.0, 5.0])
def test_attainment_rows_drop_only_the_rows_without_a_finite_attainment(lower_value: float) -> None:
    prepared = prepare(
        plan=builders.plan(
            builders.assignment("p1"), builders.assignment("p2", direction="lower", target=10.0)
        ),
        actuals=builders.actuals(
            builders.series("p1", [90.0, 110.0, 0.0]), builders.series("p2", [12.0, lower_value, 8.0])
        ),
        targets=None,
        checkins=None,
        recognition=None,
        turnover=None,
        surveys=None,
        as_of=None,
        config=AuditConfig(),
    )
    rows = attainment_rows(prepared)
    # target / 0 for a ``lower`` KPI is not finite: that period is left out, and only that one
    expected = 5 if lower_value == 0.0 else 6
    assert rows.height == expected
    assert rows.get_column("attainment").is_finite().all()
    assert rows.get_column("aid").to_list() == [0, 0, 0] + [1] * (expected - 3)


@pytest.mark.parametrize("unknown", [True, False])
@pytest.mark.parametrize("chunk", [7, 10_000])
def test_actuals_in_plan_order_in_one_chunk_or_several_are_the_sorted_join(unknown: bool, chunk: int) -> None:
    shuffled, keys = _inputs(
        np.random.default_rng(5), equal=False, unplanned=False, unknown=unknown, chunk=10_000
    )
    ordered = shuffled.join(keys, on=["person_id", "kpi"]).sort("aid", "period_end").drop("aid")
    actuals = pl.concat([ordered.slice(at, chunk) for at in range(0, ordered.height, chunk)], rechunk=False)
    as_of = date(2024, 3, 10)
    current, _ = _prepare_observations(actuals, keys, as_of, cut_revisions=False)
    assert current.equals(_sorted_join(actuals, keys, as_of))


@pytest.mark.parametrize("equal", [True, False])
def test_a_chunk_longer_than_a_piece_is_placed_piece_by_piece(equal: bool) -> None:
    # more rows than PIECE in one chunk: the chunk is moved in several pieces
    actuals, keys = _inputs(
        np.random.default_rng(7), equal=equal, unplanned=True, unknown=False, chunk=10**7, people=6000
    )
    assert actuals.get_column("value").n_chunks() == 1 and actuals.height > PIECE
    current, _ = _prepare_observations(actuals, keys, date(2030, 1, 1), cut_revisions=False)
    expected = (
        actuals.join(keys, on=["person_id", "kpi"], how="inner")
        .sort("aid", "period_end")
        .select(current.columns)
    )
    assert current.equals(expected)
