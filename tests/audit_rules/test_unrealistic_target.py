"""unrealistic-target: p_attain below 0.25 (critical below 0.05), in both directions.

A perfectly flat series has no trend and no residual spread, so its predictive spread is the floor,
0.02 x level, widened for the uncertainty of the end of a line fitted on the 26-period window
((pi/2) x 4/26): S = 0.02 x 100 x sqrt(1 + (pi/2) x 4/26) = 2.2286; p = Phi(sign x (100 - target) / S).
"""

from __future__ import annotations

import math

import pytest
from scipy.stats import norm

from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import AuditResult, Severity

from .builders import actuals, assignment, of_code, plan, series, weeks

FLAT_SPREAD = 0.02 * 100 * math.sqrt(1 + (math.pi / 2) * 4 / 26)


def flat_result(target: float, direction: str, level: float = 100.0, periods: int = 60) -> AuditResult:
    return audit(
        plan(assignment("a", target=target, direction=direction)), actuals(series("a", [level] * periods))
    )


@pytest.mark.parametrize(
    ("direction", "target", "severity"),
    [
        ("higher", 102.0, Severity.WARNING),
        ("higher", 104.0, Severity.CRITICAL),
        ("lower", 98.0, Severity.WARNING),
        ("lower", 96.0, Severity.CRITICAL),
    ],
)
def test_target_out_of_reach_of_a_flat_series_is_flagged(
    direction: str, target: float, severity: Severity
) -> None:
    (finding,) = of_code(flat_result(target, direction), "unrealistic-target")
    sign = 1.0 if direction == "higher" else -1.0
    expected = norm.cdf(sign * (100.0 - target) / FLAT_SPREAD)
    assert finding.severity is severity
    assert finding.evidence["p_attain"] == pytest.approx(expected, abs=1e-6)
    assert finding.evidence["history_periods"] == 60
    assert finding.cause == 1
    assert (finding.team, finding.person_id, finding.kpi) == ("T", "a", "sales")


@pytest.mark.parametrize(("direction", "target"), [("higher", 101.0), ("lower", 99.0)])
def test_target_just_within_reach_is_not_flagged(direction: str, target: float) -> None:
    # p = Phi(-1 / 2.2286) = 0.327 >= 0.25
    assert of_code(flat_result(target, direction), "unrealistic-target") == []


def test_warning_and_critical_boundaries_follow_p_attain() -> None:
    # higher, target 103.7: p = Phi(-3.7/2.2286) = 0.0484 -> critical; 103.6: 0.0532 -> warning
    (critical,) = of_code(flat_result(103.7, "higher"), "unrealistic-target")
    (warning,) = of_code(flat_result(103.6, "higher"), "unrealistic-target")
    assert critical.severity is Severity.CRITICAL
    assert warning.severity is Severity.WARNING


def test_suggested_target_is_reached_with_probability_065() -> None:
    (finding,) = of_code(flat_result(120.0, "higher"), "unrealistic-target")
    assert finding.evidence["suggested_target"] == pytest.approx(
        100.0 - norm.ppf(0.65) * FLAT_SPREAD, rel=1e-5
    )
    (lower,) = of_code(flat_result(80.0, "lower"), "unrealistic-target")
    assert lower.evidence["suggested_target"] == pytest.approx(100.0 + norm.ppf(0.65) * FLAT_SPREAD, rel=1e-5)


def test_a_grown_person_is_judged_on_todays_level_not_last_years() -> None:
    growing = [60.0 + 40.0 * i / 51 for i in range(52)]
    rows = plan(assignment("grower", target=100.0), assignment("decliner", target=100.0))
    result = audit(rows, actuals(series("grower", growing), series("decliner", growing[::-1])))
    assert [f.person_id for f in of_code(result, "unrealistic-target")] == ["decliner"]
    assert of_code(result, "unrealistic-target")[0].severity is Severity.CRITICAL


def test_a_falling_lower_is_better_series_is_growth_too() -> None:
    improving = [140.0 - 40.0 * i / 51 for i in range(52)]  # handling time falling to 100
    rows = plan(
        assignment("improver", target=100.0, direction="lower"),
        assignment("worsener", target=100.0, direction="lower"),
    )
    result = audit(rows, actuals(series("improver", improving), series("worsener", improving[::-1])))
    assert [f.person_id for f in of_code(result, "unrealistic-target")] == ["worsener"]


def test_no_history_uses_the_teams_distribution() -> None:
    # Team members flat at 100; the newcomer has no values: level 100, team spread 2 (the floor)
    # widened for 0 + k = 4 periods: S = 2 x sqrt(1 + (pi/2)/4); target 104 -> p = Phi(-4/S) = 0.0451.
    rows = plan(*(assignment(p, target=100.0) for p in ("m1", "m2", "m3")), assignment("new", target=104.0))
    result = audit(rows, actuals(*(series(p, [100.0] * 30) for p in ("m1", "m2", "m3"))))
    (finding,) = of_code(result, "unrealistic-target")
    spread = 2.0 * math.sqrt(1 + (math.pi / 2) / 4)
    assert finding.person_id == "new"
    assert finding.evidence["history_periods"] == 0
    assert finding.evidence["p_attain"] == pytest.approx(norm.cdf(-4.0 / spread), abs=1e-6)
    assert finding.severity is Severity.CRITICAL


def test_little_history_is_shrunk_toward_the_team() -> None:
    # Newcomer: 2 periods at 120; team levels [100, 100, 100, 120] -> team level 100, between 0,
    # team spread = sqrt(median(2^2, 2^2, 2^2, 2.4^2)) = 2. Weight 2/(2+4) = 1/3:
    # level = 120/3 + 200/3 = 106.667; spread = 2.4/3 + 4/3 = 2.1333 (= the floor 0.02 x 106.667),
    # widened for 2 + 4 periods. Target 109 -> p = Phi(-2.333/S) = 0.165.
    rows = plan(*(assignment(p, target=100.0) for p in ("m1", "m2", "m3")), assignment("new", target=109.0))
    result = audit(
        rows,
        actuals(
            *(series(p, [100.0] * 30) for p in ("m1", "m2", "m3")),
            series("new", [120.0, 120.0], first=weeks(30)[28]),
        ),
    )
    level = 120.0 / 3 + 2 * 100.0 / 3
    spread = max(2.4 / 3 + 2 * 2.0 / 3, 0.02 * level) * math.sqrt(1 + (math.pi / 2) / 6)
    (finding,) = of_code(result, "unrealistic-target")
    assert finding.evidence["p_attain"] == pytest.approx(norm.cdf((level - 109.0) / spread), abs=1e-6)
    assert finding.severity is Severity.WARNING
    assert finding.evidence["history_periods"] == 2


def test_zero_targets_are_not_judged() -> None:
    rows = plan(assignment("a", kpi="incidents", target=0.0, direction="lower"))
    result = audit(rows, actuals(series("a", [3.0] * 30, kpi="incidents")))
    assert of_code(result, "unrealistic-target") == []


def test_qualitative_ratings_go_through_the_same_rule() -> None:
    rows = plan(
        assignment("a", kpi="collaboration", kind="qualitative", target=5.0),
        assignment("b", kpi="collaboration", kind="qualitative", target=3.5),
    )
    result = audit(
        rows,
        actuals(series("a", [3.0] * 20, kpi="collaboration"), series("b", [3.5] * 20, kpi="collaboration")),
    )
    assert [(f.person_id, f.severity) for f in of_code(result, "unrealistic-target")] == [
        ("a", Severity.CRITICAL)
    ]


def test_a_level_shift_is_not_projected_as_a_trend() -> None:
    # 14 for a while, then 10 since: the half-slopes disagree (a step, not growth), so the level is
    # not extrapolated below 10 and a revised target of 10 is realistic
    rows = plan(assignment("a", target=10.0))
    result = audit(rows, actuals(series("a", [14.0] * 16 + [10.0] * 14)))
    assert of_code(result, "unrealistic-target") == []


def test_steady_growth_is_projected_forward_damped() -> None:
    # +1 per week up to 100 at as-of; the rest of the cycle (26 weeks) projects above 100, so a
    # target of 103 is realistic while it would not be for a flat series at 100
    growing = [71.0 + i for i in range(30)]
    rows = plan(assignment("a", target=103.0), assignment("b", target=103.0))
    as_of = weeks(30)[-1]
    result = audit(rows, actuals(series("a", growing), series("b", [100.0] * 30)), as_of=as_of)
    assert [f.person_id for f in of_code(result, "unrealistic-target")] == ["b"]
