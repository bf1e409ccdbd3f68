from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.turnover import TurnoverConfig
from kpiwell.engine.turnover.columns import FeatureColumn, ProtectedColumn
from kpiwell.engine.turnover.plan import plan_columns
from kpiwell.engine.turnover.proxies import find_proxies, protected_groups

from .hr_data import hr_table

CONFIG = TurnoverConfig()


def _exclusions(frame: pl.DataFrame, allow: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    plan = plan_columns(
        frame, label="Left", id_column="PersonId", exclude=(), allow=allow, config=CONFIG, seed=42
    )
    return {exclusion.column: (exclusion.code, exclusion.reason) for exclusion in plan.excluded}


def test_a_column_that_singles_out_one_marital_group_is_named_as_its_proxy() -> None:
    excluded = _exclusions(hr_table())
    code, reason = excluded["StockLevel"]
    assert code == "proxy"
    assert reason.startswith(
        "proxy for MaritalStatus (marital status): on its own it tells 'Single' from the rest"
    )
    assert "ROC-AUC 1.00 (>= 0.80)" in reason


def test_unrelated_columns_are_not_proxies() -> None:
    excluded = _exclusions(hr_table())
    for column in (
        "OverTime",
        "JobSatisfaction",
        "YearsSinceLastPromotion",
        "MonthlyIncome",
        "Department",
        "Noise",
    ):
        assert column not in excluded


def test_a_number_that_tracks_age_is_a_proxy_for_age() -> None:
    frame = hr_table()
    rng = np.random.default_rng(3)
    experience = (frame["Age"].to_numpy() - 20 + rng.integers(0, 3, size=frame.height)).clip(0)
    excluded = _exclusions(frame.with_columns(pl.Series("WorkingYears", experience)))
    code, reason = excluded["WorkingYears"]
    assert code == "proxy"
    assert reason.startswith("proxy for Age (age)")


def test_allowing_a_proxy_keeps_it_in() -> None:
    assert "StockLevel" not in _exclusions(hr_table(), allow=("StockLevel",))


def test_a_protected_attribute_allowed_in_has_no_proxies_screened() -> None:
    excluded = _exclusions(hr_table(), allow=("MaritalStatus",))
    assert "MaritalStatus" not in excluded
    assert "StockLevel" not in excluded


def test_the_strongest_group_is_reported_with_its_auc() -> None:
    frame = hr_table()
    proxies = find_proxies(
        frame,
        candidates=(
            FeatureColumn(name="StockLevel", role="ordinal"),
            FeatureColumn(name="Noise", role="numeric"),
        ),
        protected=(ProtectedColumn(name="MaritalStatus", attribute="marital status", allowed=False),),
        config=CONFIG,
        seed=42,
    )
    assert len(proxies) == 1
    assert (proxies[0].column, proxies[0].protected, proxies[0].group) == (
        "StockLevel",
        "MaritalStatus",
        "Single",
    )
    assert proxies[0].roc_auc == pytest.approx(1.0)


def test_the_threshold_is_the_configured_auc() -> None:
    rng = np.random.default_rng(11)
    single = rng.random(400) < 0.4
    # A column that is right about "single" 80% of the time: ROC-AUC about 0.8.
    signal = (
        np.where(rng.random(400) < 0.8, single, ~single).astype(np.int64) + rng.integers(0, 2, size=400) * 2
    )
    frame = pl.DataFrame(
        {"MaritalStatus": np.where(single, "Single", "Married").tolist(), "Hint": signal.tolist()}
    )
    arguments = {
        "candidates": (FeatureColumn(name="Hint", role="ordinal"),),
        "protected": (ProtectedColumn(name="MaritalStatus", attribute="marital status", allowed=False),),
        "seed": 42,
    }
    found = find_proxies(frame, config=TurnoverConfig(proxy_auc=0.7), **arguments)  # type: ignore[arg-type]
    assert [proxy.column for proxy in found] == ["Hint"]
    assert 0.75 < found[0].roc_auc < 0.85
    assert find_proxies(frame, config=TurnoverConfig(proxy_auc=0.9), **arguments) == ()  # type: ignore[arg-type]


def test_age_is_grouped_into_documented_bands() -> None:
    grouping = protected_groups(pl.Series("Age", [22, 29, 30, 39, 40, 49, 50, 64, None]), "age", CONFIG)
    assert grouping.labels == (
        "under 30",
        "under 30",
        "30-39",
        "30-39",
        "40-49",
        "40-49",
        "50 and over",
        "50 and over",
        "(missing)",
    )
    assert grouping.order == ("under 30", "30-39", "40-49", "50 and over", "(missing)")
    assert grouping.description == "age bands: under 30, 30-39, 40-49, 50 and over"


def test_other_numeric_protected_attributes_are_grouped_in_quartiles() -> None:
    grouping = protected_groups(pl.Series("BirthYear", list(range(1960, 2000))), "other", CONFIG)
    assert grouping.order == (
        "below 1969.75",
        "1969.75 to below 1979.5",
        "1979.5 to below 1989.25",
        "1989.25 and over",
    )
    assert grouping.labels.count("below 1969.75") == 10


def test_categorical_protected_attributes_are_grouped_by_value() -> None:
    grouping = protected_groups(pl.Series("Gender", ["F", "M", None, "F"]), "sex or gender", CONFIG)
    assert grouping.labels == ("F", "M", "(missing)", "F")
    assert grouping.order == ("F", "M", "(missing)")
