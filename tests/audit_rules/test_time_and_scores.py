"""As-of, revisions, per-period targets and cycle_score, computed by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest

from kpiwell.engine.audit import audit
from kpiwell.engine.audit.config import AuditConfig
from kpiwell.engine.audit.findings import AuditResult
from kpiwell.engine.audit.prepare import prepare

from .builders import CYCLE_START, actuals, assignment, of_code, plan, series, targets

W1 = date(2024, 1, 6)  # first in-cycle week
W2, W3, W4 = (W1 + timedelta(weeks=i) for i in (1, 2, 3))


def score(result: AuditResult, person: str) -> float | None:
    return next(s.cycle_score for s in result.scores if s.person_id == person)


def test_cycle_score_is_the_weighted_mean_of_capped_attainment() -> None:
    # sales (higher, 100): 80, 100, 150 -> 0.8, 1.0, 1.2 (capped) -> mean 1.0
    # time (lower, 10): 20, 10, 8 -> 0.5, 1.0, 1.25 -> 1.2 capped -> mean 0.9
    # weights 60 / 40 -> 0.6 x 1.0 + 0.4 x 0.9 = 0.96; the pre-cycle value is ignored
    rows = plan(
        assignment("a", kpi="sales", target=100.0, weight=60.0),
        assignment("a", kpi="time", target=10.0, direction="lower", weight=40.0),
    )
    values = actuals(
        series("a", [999.0], first=CYCLE_START - timedelta(days=8)),
        series("a", [80.0, 100.0, 150.0], first=W1),
        series("a", [20.0, 10.0, 8.0], kpi="time", first=W1),
    )
    result = audit(rows, values)
    (only,) = result.scores
    assert only.cycle_score == pytest.approx(0.96)
    assert only.assignments_measured == 2
    assert only.team == "T"


def test_unmeasured_assignments_and_zero_targets_are_left_out_and_weights_renormalised() -> None:
    # incidents has target 0 (skipped), calls has no values: only sales counts -> 0.9
    rows = plan(
        assignment("a", kpi="sales", target=100.0, weight=50.0),
        assignment("a", kpi="incidents", target=0.0, direction="lower", weight=25.0),
        assignment("a", kpi="calls", target=10.0, weight=25.0),
        assignment("b", kpi="sales", target=100.0),
    )
    values = actuals(series("a", [90.0, 90.0], first=W1), series("a", [1.0, 0.0], kpi="incidents", first=W1))
    result = audit(rows, values)
    assert [(s.person_id, s.cycle_score, s.assignments_measured) for s in result.scores] == [
        ("a", 0.9, 1),
        ("b", None, 0),
    ]


def test_null_weights_share_the_remainder_in_the_score() -> None:
    # sales 50 -> 1.0; calls null, time null share 50 -> 25 each: calls 0.5, time 0.8
    # (1.0 x 50 + 0.5 x 25 + 0.8 x 25) / 100 = 0.825
    rows = plan(
        assignment("a", kpi="sales", target=100.0, weight=50.0),
        assignment("a", kpi="calls", target=10.0),
        assignment("a", kpi="time", target=8.0, direction="lower"),
    )
    values = actuals(
        series("a", [100.0], first=W1),
        series("a", [5.0], kpi="calls", first=W1),
        series("a", [10.0], kpi="time", first=W1),
    )
    assert score(audit(rows, values), "a") == pytest.approx(0.825)


def test_per_period_targets_replace_the_plan_target_for_their_periods() -> None:
    # plan 100; W2 target 50 -> attainments 1.0, 1.2 (100/50 capped), 1.0 -> mean 16/15
    rows = plan(assignment("a", target=100.0))
    values = actuals(series("a", [100.0, 100.0, 100.0], first=W1))
    result = audit(rows, values, targets=targets([("a", "sales", W2, 50.0)]))
    assert score(result, "a") == pytest.approx(3.2 / 3)


def test_revisions_after_the_as_of_day_are_ignored_and_the_latest_before_is_current() -> None:
    rows = plan(assignment("a", target=100.0))
    values = actuals(
        series("a", [50.0, 50.0], first=W1, recorded_at=datetime(2024, 1, 14, 9)),
        series("a", [80.0], first=W2, recorded_at=datetime(2024, 1, 15, 23, 59)),  # the as-of day itself
        series("a", [100.0], first=W2, recorded_at=datetime(2024, 1, 16, 0, 0)),  # after as-of
    )
    as_of = date(2024, 1, 15)
    assert audit(rows, values, as_of=as_of).scores[0].cycle_score == pytest.approx((0.5 + 0.8) / 2)
    assert audit(rows, values).scores[0].cycle_score == pytest.approx((0.5 + 1.0) / 2)


def test_periods_after_as_of_are_not_history() -> None:
    rows = plan(assignment("a", target=100.0))
    values = actuals(series("a", [60.0, 60.0, 200.0, 200.0], first=W1))
    result = audit(rows, values, as_of=W2)
    assert result.as_of == W2
    assert result.scores[0].cycle_score == pytest.approx(0.6)


def test_runs_listed_out_of_plan_order_give_the_same_history_as_shuffled_rows() -> None:
    # Each person x KPI is one run of ascending periods, in another KPI order than the plan's (as
    # exports list them), with a missing value and periods after as-of: the history is read off
    # the runs without sorting, and must equal what sorting shuffled rows gives.
    rows = plan(assignment("a", kpi="calls"), assignment("a", kpi="deals"), assignment("b", kpi="calls"))
    listed = actuals(
        series("a", [5.0, 6.0, 7.0, 8.0], kpi="deals"),
        series("a", [1.0, 2.0, 3.0, 4.0], kpi="calls"),
        series("b", [9.0, 10.0, 11.0, 12.0], kpi="calls"),
    ).with_columns(pl.when(pl.col("value") == 6.0).then(None).otherwise(pl.col("value")).alias("value"))
    as_of = listed.get_column("period_end").unique().sort()[2]  # the last period is after as-of
    shuffled = listed.sample(fraction=1.0, shuffle=True, seed=7)

    in_runs, by_sort = (
        prepare(
            plan=rows,
            actuals=frame,
            targets=None,
            checkins=None,
            recognition=None,
            turnover=None,
            surveys=None,
            as_of=as_of,
            config=AuditConfig(),
        ).observations
        for frame in (listed, shuffled)
    )

    assert in_runs.equals(by_sort)
    assert in_runs.get_column("value").to_list() == [1.0, 2.0, 3.0, 5.0, 7.0, 9.0, 10.0, 11.0]


def test_a_value_without_recorded_at_is_the_only_version() -> None:
    rows = plan(assignment("a", target=100.0))
    values = actuals(
        series("a", [70.0], first=W1), series("a", [90.0], first=W2, recorded_at=datetime(2024, 1, 13))
    )
    assert score(audit(rows, values), "a") == pytest.approx(0.8)


def test_p_attain_uses_the_target_in_force_in_each_period() -> None:
    # flat 60 against a plan target of 100 is critical; with per-period targets of 55 for every
    # period of the cycle it is realistic
    rows = plan(assignment("a", target=100.0))
    values = actuals(series("a", [60.0] * 60))
    assert len(of_code(audit(rows, values), "unrealistic-target")) == 1
    every_week = targets(("a", "sales", W1 + timedelta(weeks=i), 55.0) for i in range(52))
    assert of_code(audit(rows, values, targets=every_week), "unrealistic-target") == []
