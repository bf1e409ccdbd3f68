"""safe-target and uniform-target, in both directions."""

from __future__ import annotations

import pytest

from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import AuditResult, Severity

from .builders import actuals, assignment, of_code, plan, series, subjects


@pytest.mark.parametrize(("direction", "level", "target"), [("higher", 150.0, 100.0), ("lower", 60.0, 100.0)])
def test_a_target_far_on_the_easy_side_is_a_safe_target(direction: str, level: float, target: float) -> None:
    result = audit(
        plan(assignment("a", target=target, direction=direction)), actuals(series("a", [level] * 30))
    )
    (finding,) = of_code(result, "safe-target")
    assert finding.severity is Severity.INFO
    assert finding.evidence["p_attain"] == 1.0
    assert finding.evidence["own_median"] == level
    assert finding.evidence["target"] == target


@pytest.mark.parametrize(("direction", "level"), [("higher", 103.0), ("lower", 97.0)])
def test_a_target_just_below_the_median_is_not_safe_when_p_is_moderate(direction: str, level: float) -> None:
    # p = Phi(3 / (0.02 x 103 x 1.1143)) = 0.90: easy side of the median, but not above 0.97
    result = audit(
        plan(assignment("a", target=100.0, direction=direction)), actuals(series("a", [level] * 30))
    )
    assert of_code(result, "safe-target") == []


@pytest.mark.parametrize(("direction", "level"), [("higher", 150.0), ("lower", 60.0)])
def test_too_little_history_is_no_evidence_of_playing_safe(direction: str, level: float) -> None:
    rows = plan(assignment("a", target=100.0, direction=direction))
    assert of_code(audit(rows, actuals(series("a", [level] * 7))), "safe-target") == []
    assert len(of_code(audit(rows, actuals(series("a", [level] * 8))), "safe-target")) == 1


def team(capacities: dict[str, float], targets: dict[str, float], direction: str = "higher") -> AuditResult:
    rows = plan(*(assignment(p, target=targets[p], direction=direction, team="Sales") for p in capacities))
    return audit(rows, actuals(*(series(p, [c] * 20) for p, c in capacities.items())))


@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_one_target_for_different_capacities_is_uniform(direction: str) -> None:
    # capacities 60, 100, 140, 100: mean 100, sample sd sqrt(3200/3) = 32.66 -> CV 0.327
    result = team({"a": 60.0, "b": 100.0, "c": 140.0, "d": 100.0}, dict.fromkeys("abcd", 100.0), direction)
    (finding,) = of_code(result, "uniform-target")
    assert (finding.team, finding.person_id, finding.kpi, finding.severity) == (
        "Sales",
        None,
        "sales",
        Severity.WARNING,
    )
    assert finding.evidence["capacity_cv"] == pytest.approx(0.326599, abs=1e-6)
    assert finding.evidence["shared_share"] == 1.0
    assert finding.evidence["shared_target"] == 100.0
    assert (finding.evidence["capacity_min"], finding.evidence["capacity_max"]) == (60.0, 140.0)


@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_similar_capacities_sharing_a_target_are_fine(direction: str) -> None:
    # CV = sqrt(800/3)/100 = 0.163 < 0.25
    result = team({"a": 80.0, "b": 100.0, "c": 120.0, "d": 100.0}, dict.fromkeys("abcd", 100.0), direction)
    assert of_code(result, "uniform-target") == []


def test_cv_at_the_threshold_is_flagged_and_just_below_is_not() -> None:
    # capacities 100 -/+ x, 100, 100 with sd = sqrt(2x^2/3): CV 0.25 at x = 30.6186
    spread = 0.25 * 100 * (3 / 2) ** 0.5
    at = team({"a": 100 - spread, "b": 100 + spread, "c": 100.0, "d": 100.0}, dict.fromkeys("abcd", 100.0))
    below = team(
        {"a": 100 - spread + 0.5, "b": 100 + spread - 0.5, "c": 100.0, "d": 100.0},
        dict.fromkeys("abcd", 100.0),
    )
    assert len(of_code(at, "uniform-target")) == 1
    assert of_code(below, "uniform-target") == []


def test_three_quarters_sharing_a_target_is_not_uniform() -> None:
    result = team(
        {"a": 60.0, "b": 100.0, "c": 140.0, "d": 100.0}, {"a": 60.0, "b": 100.0, "c": 100.0, "d": 100.0}
    )
    assert of_code(result, "uniform-target") == []


def test_four_of_five_sharing_a_target_is_uniform() -> None:
    result = team(
        {"a": 60.0, "b": 100.0, "c": 140.0, "d": 100.0, "e": 90.0},
        {"a": 100.0, "b": 100.0, "c": 100.0, "d": 100.0, "e": 90.0},
    )
    assert subjects(result, "uniform-target") == [("Sales", None, "sales", "warning")]


def test_two_people_are_too_few_to_call_a_target_uniform() -> None:
    assert of_code(team({"a": 50.0, "b": 150.0}, dict.fromkeys("ab", 100.0)), "uniform-target") == []
