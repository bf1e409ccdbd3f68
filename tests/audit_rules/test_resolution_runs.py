"""gaming-suspected's value resolution from padded NumPy rows agrees with the Polars group-by."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit.rules.radar import _resolution, _resolution_by_group


def _cycle(rng: np.random.Generator, aids: int, special: str) -> pl.DataFrame:
    count = rng.integers(1, 6, aids)
    rows = int(count.sum())
    value = rng.integers(0, 5, rows).astype(np.float64) * rng.choice([0.5, 1.0, 3.0], rows)
    target = rng.choice([1.0, 2.0, 4.0, 7.0], rows)
    if special != "none":  # signed zeros and infinite targets keep the NumPy way
        value[rng.random(rows) < 0.1] = -0.0
        target[rng.random(rows) < 0.05] = np.inf
    if special == "non-finite":  # NaN steps count as > 0 in Polars: the group-by way
        value[rng.random(rows) < 0.1] = np.nan
        value[rng.random(rows) < 0.1] = np.inf
    aid = np.repeat(np.sort(rng.choice(10 * aids, aids, replace=False)), count).astype(np.uint32)
    return pl.DataFrame({"aid": aid, "value": value, "target": target})


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("special", ["none", "signed-zeros", "non-finite"])
def test_padded_rows_give_the_group_by_resolution(seed: int, special: str) -> None:
    cycle = _cycle(np.random.default_rng(seed), 50, special)
    fast, general = _resolution(cycle), _resolution_by_group(cycle)
    assert fast.schema == general.schema
    assert fast.get_column("aid").to_list() == general.get_column("aid").to_list()
    assert (
        fast.get_column("resolution").is_null().to_list()
        == general.get_column("resolution").is_null().to_list()
    )
    assert (
        fast.get_column("resolution").fill_null(0.0).to_numpy().tobytes()
        == general.get_column("resolution").fill_null(0.0).to_numpy().tobytes()
    )


def test_no_rows_and_unequal_runs_take_the_group_by() -> None:
    empty = pl.DataFrame(schema={"aid": pl.UInt32, "value": pl.Float64, "target": pl.Float64})
    assert _resolution(empty).equals(_resolution_by_group(empty))
    lopsided = pl.DataFrame(
        {"aid": np.array([0, 1] + [2] * 20, dtype=np.uint32), "value": np.arange(22.0), "target": np.ones(22)}
    )
    assert _resolution(lopsided).equals(_resolution_by_group(lopsided))
