"""Per-run NumPy helpers agree with Polars' group-by to the last bit, or decline."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit.runs import padded_laid_out, padded_runs, plain, run_medians, sorted_medians


def _polars_medians(values: np.ndarray, count: np.ndarray) -> np.ndarray:
    frame = pl.DataFrame({"run": np.repeat(np.arange(count.size), count), "value": values})
    return (
        frame.group_by("run", maintain_order=True)
        .agg(pl.col("value").median())
        .get_column("value")
        .to_numpy()
    )


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lengths", [(1, 12), (10, 11), (7, 8)])
def test_run_medians_are_polars_medians(seed: int, lengths: tuple[int, int]) -> None:
    rng = np.random.default_rng(seed)
    count = rng.integers(*lengths, 3000)
    # wide magnitudes, where the order of the midpoint's operations shows in the last bit
    values = rng.normal(0, 1, int(count.sum())) * 10.0 ** rng.integers(-8, 9, int(count.sum()))
    values[rng.random(values.size) < 0.05] = 0.0
    medians = run_medians(values, count)
    assert medians is not None
    assert medians.tobytes() == _polars_medians(values, count).tobytes()


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, -0.0])
def test_run_medians_decline_values_polars_treats_its_own_way(bad: float) -> None:
    values = np.array([1.0, 2.0, bad, 3.0])
    assert run_medians(values, np.array([2, 2])) is None


def test_no_runs_or_too_unequal_runs_are_declined() -> None:
    assert run_medians(np.array([]), np.array([], dtype=np.int64)) is None
    assert run_medians(np.arange(12.0), np.array([1, 1, 10])) is None
    assert padded_runs(np.arange(12.0), np.array([0, 1, 2]), np.array([1, 1, 10])) is None


def test_padded_rows_hold_the_runs_then_nan() -> None:
    values = np.arange(6.0)
    expected = np.array([[0.0, 1.0, 2.0], [3.0, np.nan, np.nan], [4.0, 5.0, np.nan]])
    laid_out = padded_laid_out(values, np.array([3, 1, 2]))
    picked = padded_runs(values, np.array([0, 3, 4]), np.array([3, 1, 2]))
    assert laid_out is not None and picked is not None
    np.testing.assert_array_equal(laid_out, expected)
    np.testing.assert_array_equal(picked, expected)
    # runs whose windows all fit in the values are read as windows, into a given array too
    windows = padded_runs(np.arange(8.0), np.array([0, 3, 4]), np.array([3, 1, 2]))
    into = np.zeros((3, 4))
    assert padded_runs(np.arange(8.0), np.array([0, 3, 4]), np.array([3, 1, 2]), out=into) is into
    assert windows is not None
    np.testing.assert_array_equal(windows, expected)
    np.testing.assert_array_equal(into, np.hstack([expected, np.full((3, 1), np.nan)]))


@pytest.mark.parametrize("width", [1, 2, 7, 8, 26])
def test_sorted_medians_of_whole_rows_are_polars_medians(width: int) -> None:
    rng = np.random.default_rng(width)
    rows = rng.normal(0, 1, (2000, width)) * 10.0 ** rng.integers(-8, 9, (2000, width))
    rows[rng.random(rows.shape) < 0.05] = 0.0
    assert plain(rows)

    medians = sorted_medians(np.sort(rows, axis=1))

    assert medians.tobytes() == _polars_medians(rows.ravel(), np.full(2000, width)).tobytes()


@pytest.mark.parametrize("odd", [np.nan, np.inf, -np.inf, -0.0])
def test_values_with_a_polars_order_of_their_own_are_not_plain(odd: float) -> None:
    assert not plain(np.array([[1.0, odd], [0.0, 2.0]]))
