"""The radar rules' fast helpers agree with the plain Polars ways they replace."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit.rules.radar import (
    _latest,
    _may_round_below,
    _may_round_into,
    _rows_of,
    _value_spread,
)

FRAME = pl.DataFrame(
    {"aid": pl.Series([0, 0, 2, 3, 3, 3, 7], dtype=pl.UInt32), "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]}
)


@pytest.mark.parametrize(
    "aids",
    [[3, 0], [0, 0, 3], [1, 5, 8], [], [7], [0, 2, 3, 7], [None, 2]],
)
@pytest.mark.parametrize("order", ["sorted", "unsorted"])
def test_rows_of_the_aids_in_the_frames_order(aids: list[int | None], order: str) -> None:
    frame = FRAME if order == "sorted" else FRAME.reverse()
    wanted = pl.Series(aids, dtype=pl.UInt32)
    expected = frame.filter(pl.col("aid").is_in(wanted.implode()))
    assert _rows_of(frame, wanted).equals(expected)


def test_other_key_types_take_the_membership_test() -> None:
    assert _rows_of(FRAME, pl.Series([3], dtype=pl.Int64)).get_column("value").to_list() == [4.0, 5.0, 6.0]


@pytest.mark.parametrize("special", [None, float("nan"), float("inf"), -0.0])
@pytest.mark.parametrize("order", ["sorted", "unsorted"])
def test_value_spread_is_the_group_by_max_and_min(special: float | None, order: str) -> None:
    frame = FRAME if special is None else FRAME.with_columns(FRAME.get_column("value").scatter(4, special))
    frame = frame if order == "sorted" else frame.reverse()
    expected = frame.group_by("aid").agg(
        pl.col("value").max().alias("top"), pl.col("value").min().alias("low")
    )
    assert _value_spread(frame).sort("aid").equals(expected.sort("aid"))
    assert _value_spread(frame.clear()).schema == expected.schema


@pytest.mark.parametrize("count", [0, 1, 2, 3, 6, 7, 8])
@pytest.mark.parametrize("order", ["sorted", "unsorted"])
def test_latest_rows_per_key_are_the_group_by_tail(count: int, order: str) -> None:
    frame = FRAME if order == "sorted" else FRAME.reverse()
    expected = frame.group_by("aid", maintain_order=True).tail(count)
    assert _latest(frame, "aid", count).equals(expected)


@pytest.mark.parametrize("decimals", [3, 6, 9, 12])
def test_every_value_that_rounds_into_the_band_is_near_it(decimals: int) -> None:
    unit = 10.0**-decimals
    edges = np.array([1.0, 1.03])
    # values around each edge, out to a few units and down to the last bits
    offsets = np.concatenate([np.linspace(-3, 3, 601) * unit, np.array([-1, 1]) * unit / 2])
    values = (edges[:, None] + offsets[None, :]).ravel()
    values = np.concatenate([values, np.nextafter(values, np.inf), np.nextafter(values, -np.inf)])
    frame = pl.DataFrame({"ratio": values}).with_columns(
        pl.col("ratio").round(decimals).is_between(1.0, 1.03).alias("in_band"),
        _may_round_into(pl.col("ratio"), 1.0, 1.03, decimals).alias("near"),
    )
    assert frame.filter(pl.col("in_band") & ~pl.col("near")).height == 0
    assert frame.get_column("in_band").any()


@pytest.mark.parametrize("decimals", [3, 6, 9, 12])
@pytest.mark.parametrize("width", [0.01, 0.003, 0.5])
def test_every_ratio_in_the_bins_around_the_target_is_near_them(decimals: int, width: float) -> None:
    unit = 10.0**-decimals
    edges = np.array([-width, 0.0, width, 2 * width])
    offsets = np.concatenate([np.linspace(-3, 3, 601) * unit, np.array([-1, 1]) * unit / 2])
    ratios = (1.0 + edges[:, None] + offsets[None, :]).ravel()
    ratios = np.concatenate([ratios, np.nextafter(ratios, np.inf), np.nextafter(ratios, -np.inf)])
    excess = pl.col("attainment") - 1.0
    frame = pl.DataFrame({"attainment": ratios}).with_columns(
        (excess.round(decimals) / width).floor().is_between(-1, 1).alias("in_bins"),
        _may_round_into(excess, -width, 2 * width, decimals).alias("near"),
    )
    assert frame.filter(pl.col("in_bins") & ~pl.col("near")).height == 0
    assert frame.get_column("in_bins").any()


@pytest.mark.parametrize("decimals", [3, 6, 9, 12])
@pytest.mark.parametrize("bound", [0.8, 1.0, 250.0])
def test_every_value_that_rounds_under_the_bound_may_round_below_it(decimals: int, bound: float) -> None:
    unit = 10.0**-decimals
    values = bound + np.concatenate([np.linspace(-3, 3, 601) * unit, np.array([-1, 1]) * unit / 2])
    values = np.concatenate([values, np.nextafter(values, np.inf), np.nextafter(values, -np.inf)])
    frame = pl.DataFrame({"ratio": values}).with_columns(
        (pl.col("ratio").round(decimals) < bound).alias("under"),
        _may_round_below(pl.col("ratio"), bound, decimals).alias("may"),
    )
    assert frame.filter(pl.col("under") & ~pl.col("may")).height == 0
    assert frame.get_column("under").any()
