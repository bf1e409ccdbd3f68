"""locked-target: the team's level shifted by 20%+ after the cycle started and nobody revised."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import Severity

from .builders import actuals, assignment, of_code, plan, series, targets

IN_CYCLE = date(2024, 1, 6)  # first weekly period end of the 2024 cycle
MEMBERS = ("a", "b", "c")


def shifted_team(
    before: float, after: float, *, direction: str = "higher", **plan_overrides: object
) -> tuple[pl.DataFrame, pl.DataFrame]:
    rows = plan(*(assignment(p, direction=direction, target=before, **plan_overrides) for p in MEMBERS))
    values = actuals(
        *(series(p, [before + i] * 12 + [after + i] * 10, first=IN_CYCLE) for i, p in enumerate(MEMBERS))
    )
    return rows, values


@pytest.mark.parametrize(("direction", "against"), [("higher", True), ("lower", False)])
def test_a_market_drop_with_locked_targets_is_flagged(direction: str, against: bool) -> None:
    rows, values = shifted_team(100.0, 70.0, direction=direction)
    (finding,) = of_code(audit(rows, values), "locked-target")
    assert (finding.team, finding.person_id, finding.kpi, finding.severity) == (
        "T",
        None,
        "sales",
        Severity.WARNING,
    )
    assert finding.cause == 3
    # team medians: 101 for 12 weeks, then 71: shift 71/101 - 1
    assert finding.evidence["shift"] == pytest.approx(71 / 101 - 1, abs=1e-5)
    assert finding.evidence["shift_period_end"] == (IN_CYCLE + timedelta(weeks=12)).isoformat()
    assert (finding.evidence["periods_before"], finding.evidence["periods_after"]) == (12, 10)
    assert finding.evidence["against_target"] is against


@pytest.mark.parametrize(("direction", "against"), [("higher", False), ("lower", True)])
def test_a_rise_of_20_percent_is_a_shift_too(direction: str, against: bool) -> None:
    rows, values = shifted_team(100.0, 125.0, direction=direction)
    (finding,) = of_code(audit(rows, values), "locked-target")
    assert finding.evidence["against_target"] is against


@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_a_shift_of_15_percent_is_not_flagged(direction: str) -> None:
    rows, values = shifted_team(100.0, 85.0, direction=direction)
    assert of_code(audit(rows, values), "locked-target") == []


def test_one_noisy_week_is_not_a_shift() -> None:
    rows = plan(*(assignment(p) for p in MEMBERS))
    values = actuals(*(series(p, [100.0] * 21 + [40.0], first=IN_CYCLE) for p in MEMBERS))
    assert of_code(audit(rows, values), "locked-target") == []


def test_a_revision_after_the_shift_clears_the_finding() -> None:
    rows, values = shifted_team(100.0, 70.0, revised_on=IN_CYCLE + timedelta(weeks=14))
    assert of_code(audit(rows, values), "locked-target") == []


def test_a_revision_before_the_shift_does_not_count() -> None:
    rows, values = shifted_team(100.0, 70.0, revised_on=IN_CYCLE + timedelta(weeks=2))
    assert len(of_code(audit(rows, values), "locked-target")) == 1


def test_a_revision_recorded_after_as_of_is_not_known_yet() -> None:
    rows, values = shifted_team(100.0, 70.0, revised_on=IN_CYCLE + timedelta(weeks=40))
    assert len(of_code(audit(rows, values), "locked-target")) == 1


def test_per_period_targets_that_follow_the_shift_clear_the_finding() -> None:
    rows, values = shifted_team(100.0, 70.0)
    lowered = targets(("a", "sales", IN_CYCLE + timedelta(weeks=w), 75.0) for w in range(13, 22))
    assert of_code(audit(rows, values, targets=lowered), "locked-target") == []


def test_a_shift_before_the_cycle_started_is_not_flagged() -> None:
    rows = plan(*(assignment(p) for p in MEMBERS))
    values = actuals(
        *(series(p, [140.0] * 20 + [100.0] * 20, first=IN_CYCLE - timedelta(weeks=30)) for p in MEMBERS)
    )
    assert of_code(audit(rows, values), "locked-target") == []
