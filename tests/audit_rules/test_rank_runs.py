"""The rank test on contiguous runs (effort-unrecognized) agrees bit for bit with the general one."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit.rules.radar import _one_sided_rank_p, _rank_p_of_runs, _run_summary, _summary


def _runs(rng: np.random.Generator, groups: int, special: bool) -> tuple[pl.Series, pl.Series, pl.DataFrame]:
    n_before = rng.integers(10, 30, groups)
    n_latest = rng.integers(3, 8, groups)
    sign = rng.choice([-1.0, 1.0], groups)

    def values(total: int) -> np.ndarray:
        # few distinct values, so many ties, within and across the two sides
        out = rng.integers(-3, 4, total).astype(np.float64) * 0.5
        if special:
            out[rng.random(total) < 0.05] = np.inf
            out[rng.random(total) < 0.05] = -0.0
        return out

    candidates = pl.DataFrame(
        {
            "aid": np.arange(groups, dtype=np.uint32),
            "n_before": n_before.astype(np.uint32),
            "n_latest": n_latest.astype(np.uint32),
            "sign": sign,
            "start_before": np.cumsum(n_before) - n_before,
            "start_latest": np.cumsum(n_latest) - n_latest,
        }
    )
    return pl.Series(values(int(n_before.sum()))), pl.Series(values(int(n_latest.sum()))), candidates


def _general(before: pl.Series, latest: pl.Series, candidates: pl.DataFrame) -> pl.DataFrame:
    def side(values: pl.Series, count: str, later: bool) -> pl.DataFrame:
        aid = candidates.get_column("aid").repeat_by(candidates.get_column(count)).explode()
        return pl.DataFrame(
            {"aid": aid, "value": values, "later": pl.repeat(later, values.len(), eager=True)}
        )

    sign = candidates.get_column("sign")
    both = pl.concat([side(before, "n_before", False), side(latest, "n_latest", True)]).with_columns(
        (pl.lit(sign).gather(pl.col("aid")) * pl.col("value")).alias("score")
    )
    return candidates.join(_one_sided_rank_p(both, "aid", pl.col("later"), "score"), on="aid").sort("aid")


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("special", [False, True])
def test_runs_give_the_general_p_values_bit_for_bit(seed: int, special: bool) -> None:
    before, latest, candidates = _runs(np.random.default_rng(seed), 40, special)
    fast = _rank_p_of_runs(before, latest, candidates)
    assert fast is not None
    general = _general(before, latest, candidates)
    assert fast.columns == general.columns
    assert fast.get_column("aid").to_list() == general.get_column("aid").to_list()
    assert (
        fast.get_column("p_value").to_numpy().tobytes() == general.get_column("p_value").to_numpy().tobytes()
    )


def test_a_single_value_per_side_gives_the_general_p_value() -> None:
    before, latest, candidates = _runs(np.random.default_rng(0), 1, False)
    candidates = candidates.with_columns(
        pl.lit(1, pl.UInt32).alias("n_before"), pl.lit(1, pl.UInt32).alias("n_latest")
    )
    before, latest = before.head(1), latest.head(1)
    fast = _rank_p_of_runs(before, latest, candidates)
    assert fast is not None
    assert (
        fast.get_column("p_value").to_list()
        == _general(before, latest, candidates).get_column("p_value").to_list()
    )


def test_nan_values_no_candidates_or_lopsided_runs_take_the_general_test() -> None:
    before, latest, candidates = _runs(np.random.default_rng(1), 10, False)
    assert _rank_p_of_runs(before, latest, candidates.clear()) is None
    assert _rank_p_of_runs(before.scatter(3, float("nan")), latest, candidates) is None
    lopsided = pl.DataFrame(
        {
            "aid": np.arange(3, dtype=np.uint32),
            "n_before": np.array([1, 1, 100], dtype=np.uint32),
            "n_latest": np.array([1, 1, 1], dtype=np.uint32),
            "sign": [1.0, 1.0, 1.0],
            "start_before": [0, 1, 2],
            "start_latest": [0, 1, 2],
        }
    )
    assert _rank_p_of_runs(pl.Series(np.zeros(102)), pl.Series(np.zeros(3)), lopsided) is None


def _by_group(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    count = pl.col(f"n_{name}")
    return (
        frame.group_by("aid", maintain_order=True)
        .agg(pl.len().alias(f"n_{name}"), pl.col("value").median().alias(f"median_{name}"))
        .with_columns((count.cum_sum() - count).alias(f"start_{name}"))
    )


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lengths", [(1, 9), (13, 14), (60, 90)])
def test_run_summaries_are_the_group_by_bit_for_bit(seed: int, lengths: tuple[int, int]) -> None:
    rng = np.random.default_rng(seed)
    count = rng.integers(*lengths, 500)
    aid = np.repeat(np.sort(rng.choice(10_000, count.size, replace=False)), count).astype(np.uint32)
    values = rng.normal(0, 1, aid.size) * 10.0 ** rng.integers(-8, 9, aid.size)
    frame = pl.DataFrame({"aid": aid, "value": values})
    fast = _run_summary(frame, "before")
    assert fast is not None
    assert fast.equals(_by_group(frame, "before"))
    assert fast.schema == _by_group(frame, "before").schema
    assert fast.get_column("median_before").to_numpy().tobytes() == (
        _by_group(frame, "before").get_column("median_before").to_numpy().tobytes()
    )


@pytest.mark.parametrize(
    "frame",
    [
        pl.DataFrame({"aid": [0, 0, 1], "value": [1.0, float("nan"), 2.0]}),
        pl.DataFrame({"aid": [0, 0, 1], "value": [1.0, -0.0, 2.0]}),
        pl.DataFrame({"aid": [1, 0, 0], "value": [1.0, 3.0, 2.0]}),
        pl.DataFrame({"aid": [0, None, 1], "value": [1.0, 3.0, 2.0]}),
        pl.DataFrame({"aid": [0, 1, 2, 2, 2, 2, 2, 2], "value": np.arange(8.0)}),
        pl.DataFrame(schema={"aid": pl.UInt32, "value": pl.Float64}),
    ],
)
def test_summaries_the_runs_decline_come_from_the_group_by(frame: pl.DataFrame) -> None:
    assert _run_summary(frame, "latest") is None
    assert _summary(frame, "latest").equals(_by_group(frame, "latest"))


def test_a_single_row_summary() -> None:
    frame = pl.DataFrame({"aid": pl.Series([7], dtype=pl.UInt32), "value": [2.5]})
    assert _summary(frame, "latest").equals(_by_group(frame, "latest"))
