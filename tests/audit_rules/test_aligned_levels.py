"""locked-target's team levels from the members' aligned rows agree with the sorted way, or decline."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit.rules.flexibility import _aligned_levels, _sorted_levels

FIRST_DAY = 19_700  # an early-2024 period end, as days since 1970


def _rows(rng: np.random.Generator, teams: int) -> tuple[np.ndarray, pl.DataFrame]:
    """Team x KPI per aid, and in-cycle rows sorted by aid and day: every member of a team x KPI
    has the same days (a random number of weekly periods per team x KPI, members in any order)."""
    members = rng.integers(1, 7, teams)
    weeks = rng.integers(1, 9, teams)
    group_of_aid = rng.permutation(np.repeat(np.arange(teams, dtype=np.uint32), members))
    frames = []
    for aid, group in enumerate(group_of_aid):
        days = FIRST_DAY + 7 * np.arange(weeks[group]) + 3 * group
        frames.append(
            pl.DataFrame(
                {
                    "aid": np.full(days.size, aid, dtype=np.uint32),
                    "period_end": days.astype(np.int32),
                    # few distinct values: ties and equal middle values
                    "value": rng.integers(-3, 5, days.size) * 0.5 + 0.25,
                }
            )
        )
    rows = pl.concat(frames).with_columns(pl.col("period_end").cast(pl.Date))
    return group_of_aid, rows


def _both(group_of_aid: np.ndarray, rows: pl.DataFrame) -> tuple[pl.DataFrame | None, pl.DataFrame]:
    aligned = _aligned_levels(
        group_of_aid,
        rows.get_column("aid").to_numpy(),
        rows.get_column("period_end").cast(pl.Int32).to_numpy(),
        rows.get_column("value").to_numpy(),
    )
    team_kpi = pl.Series(group_of_aid).gather(rows.get_column("aid"))
    return aligned, _sorted_levels(rows, team_kpi)


@pytest.mark.parametrize("seed", range(5))
def test_aligned_members_give_the_sorted_levels_bit_for_bit(seed: int) -> None:
    aligned, general = _both(*_rows(np.random.default_rng(seed), 40))
    assert aligned is not None
    assert aligned.schema == general.schema
    assert aligned.get_column("key").to_list() == general.get_column("key").to_list()
    assert (
        aligned.get_column("level").to_numpy().tobytes() == general.get_column("level").to_numpy().tobytes()
    )


def test_equal_teams_of_equal_lengths_give_the_sorted_levels() -> None:
    rng = np.random.default_rng(9)
    group_of_aid = np.repeat(np.arange(30, dtype=np.uint32), 4)
    rows = pl.DataFrame(
        {
            "aid": np.repeat(np.arange(120, dtype=np.uint32), 5),
            "period_end": np.tile(FIRST_DAY + 7 * np.arange(5), 120).astype(np.int32),
            "value": rng.normal(size=600),
        }
    ).with_columns(pl.col("period_end").cast(pl.Date))
    aligned, general = _both(group_of_aid, rows)
    assert aligned is not None
    assert aligned.equals(general)


def test_a_single_row_gives_the_sorted_level() -> None:
    rows = pl.DataFrame(
        {
            "aid": pl.Series([0], dtype=pl.UInt32),
            "period_end": pl.Series([FIRST_DAY], dtype=pl.Int32),
            "value": [2.5],
        }
    ).with_columns(pl.col("period_end").cast(pl.Date))
    aligned, general = _both(np.array([7], dtype=np.uint32), rows)
    assert aligned is not None
    assert aligned.equals(general)


def _member_joined_late(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.filter(~((pl.col("aid") == 0) & (pl.int_range(pl.len()).over("aid") == 0)))


def _day_moved(rows: pl.DataFrame) -> pl.DataFrame:
    first = (pl.col("aid") == 0) & (pl.int_range(pl.len()).over("aid") == 0)
    return rows.with_columns(
        pl.when(first).then(pl.col("period_end") - pl.duration(days=1)).otherwise(pl.col("period_end"))
    )


def _days_descend(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.with_columns(pl.col("period_end").reverse().over("aid"))


def _value(value: float) -> object:
    def change(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(value).otherwise(pl.col("value")))

    return change


@pytest.mark.parametrize(
    "change",
    [
        _member_joined_late,
        _day_moved,
        _days_descend,
        _value(float("nan")),
        _value(-0.0),
        _value(float("inf")),
    ],
)
def test_members_whose_rows_do_not_line_up_take_the_sorted_way(change: object) -> None:
    group_of_aid, rows = _rows(np.random.default_rng(3), 20)
    # aid 0 shares its team x KPI with others, over several weeks
    assert (group_of_aid == group_of_aid[0]).sum() > 1
    assert rows.filter(pl.col("aid") == 0).height > 1
    assert callable(change)
    changed = change(rows)
    aligned, general = _both(group_of_aid, changed)
    assert aligned is None
    assert general.height > 0


def test_no_rows_take_the_sorted_way() -> None:
    empty = np.array([], dtype=np.uint32)
    assert (
        _aligned_levels(np.array([0], dtype=np.uint32), empty, empty.astype(np.int32), np.array([])) is None
    )
