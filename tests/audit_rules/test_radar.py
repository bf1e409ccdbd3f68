"""The KPI- and check-in-based radar codes of issue 4, positives and near misses, both directions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import polars as pl
import pytest
from scipy.stats import norm

from kpiwell.engine.audit import audit, frames
from kpiwell.engine.audit.findings import Finding, Severity
from kpiwell.engine.audit.i18n import LANGUAGES, render_message, render_remedy

from .builders import actuals, assignment, of_code, plan, series, weeks

IN_CYCLE = date(2024, 1, 6)  # first weekly period end of the 2024 cycle


def checkins(
    person: str, days: list[int], *, mood: list[int] | None = None, workload: list[int] | None = None
) -> pl.DataFrame:
    rows = [
        {
            "person_id": person,
            "date": IN_CYCLE + timedelta(days=day),
            "manager_id": "m1",
            "mood": None if mood is None else mood[i],
            "workload": None if workload is None else workload[i],
        }
        for i, day in enumerate(days)
    ]
    return pl.DataFrame(rows, schema=frames.CHECKINS_SCHEMA, orient="row")


def recognition(person: str, on: date) -> pl.DataFrame:
    return pl.DataFrame(
        [{"to_id": person, "date": on, "from_id": "m1", "kind": "praise", "note": None}],
        schema=frames.RECOGNITION_SCHEMA,
        orient="row",
    )


NO_RECOGNITION = pl.DataFrame(schema=frames.RECOGNITION_SCHEMA)


def renders(findings: list[Finding]) -> bool:
    return all(render_message(f, lang) and render_remedy(f, lang) for f in findings for lang in LANGUAGES)


# --- chronic-pressure --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "pressured", "fine"),
    [("higher", 100.0, 70.0, 80.0), ("lower", 10.0, 14.0, 12.5)],
)
def test_falling_short_in_most_recent_periods_is_chronic_pressure(
    direction: str, target: float, pressured: float, fine: float
) -> None:
    # pressured: attainment 0.70 (or 10/14 = 0.71) in 8 of 8; fine: exactly 0.80 is not under 80%
    rows = plan(
        assignment("a", target=target, direction=direction),
        assignment("b", target=target, direction=direction),
    )
    result = audit(rows, actuals(series("a", [pressured] * 20), series("b", [fine] * 20)))
    (finding,) = of_code(result, "chronic-pressure")
    assert (finding.person_id, finding.kpi, finding.severity, finding.harm) == (
        "a",
        None,
        Severity.CRITICAL,
        1,
    )
    assert finding.evidence["periods_under"] == 8
    assert finding.evidence["pressured_kpis"] == ["sales"]
    assert finding.message_key == "code.chronic-pressure.message"
    assert renders([finding])


def test_five_of_the_last_eight_under_is_not_chronic() -> None:
    rows = plan(assignment("a", target=100.0))
    values = [70.0] * 12 + [70.0, 100.0, 70.0, 100.0, 70.0, 100.0, 70.0, 70.0]  # last 8: 5 under
    assert of_code(audit(rows, actuals(series("a", values))), "chronic-pressure") == []
    values[-3] = 70.0  # last 8: 6 under
    assert len(of_code(audit(rows, actuals(series("a", values))), "chronic-pressure")) == 1


def test_high_workload_in_three_of_the_last_four_check_ins_is_chronic_pressure() -> None:
    rows = plan(assignment("a", target=100.0), assignment("b", target=100.0))
    values = actuals(series("a", [100.0] * 10, first=IN_CYCLE), series("b", [100.0] * 10, first=IN_CYCLE))
    frame = pl.concat(
        [
            checkins("a", [0, 7, 14, 21, 28], workload=[2, 4, 5, 2, 4]),  # last four: 4, 5, 2, 4
            checkins("b", [0, 7, 14, 21, 28], workload=[5, 4, 4, 2, 2]),  # last four: 4, 4, 2, 2
        ]
    )
    (finding,) = of_code(audit(rows, values, checkins=frame), "chronic-pressure")
    assert finding.person_id == "a"
    assert finding.evidence["high_workload_checkins"] == 3
    assert finding.message_key == "code.chronic-pressure.message.workload"
    assert renders([finding])


# --- effort-unrecognized -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "near", "far"), [("higher", 100.0, 90.0, 80.0), ("lower", 10.0, 11.0, 12.5)]
)
def test_near_misses_without_recognition_are_unrecognised_effort(
    direction: str, target: float, near: float, far: float
) -> None:
    # near: 0.90 (10/11 = 0.91) in 8 of 8; far: 0.80 is not a near miss
    rows = plan(
        assignment("a", target=target, direction=direction),
        assignment("b", target=target, direction=direction),
    )
    values = actuals(series("a", [near] * 20), series("b", [far] * 20))
    (finding,) = of_code(audit(rows, values, recognition=NO_RECOGNITION), "effort-unrecognized")
    assert (finding.person_id, finding.severity, finding.harm, finding.cause) == ("a", Severity.WARNING, 2, 5)
    assert finding.evidence["near_misses"] == 8
    assert renders([finding])


def test_recent_recognition_or_no_recognition_data_means_no_finding() -> None:
    rows = plan(assignment("a", target=100.0))
    values = actuals(series("a", [90.0] * 20))
    last = weeks(20)[-1]
    assert (
        of_code(
            audit(rows, values, recognition=recognition("a", last - timedelta(days=30))),
            "effort-unrecognized",
        )
        == []
    )
    assert (
        len(
            of_code(
                audit(rows, values, recognition=recognition("a", last - timedelta(days=31))),
                "effort-unrecognized",
            )
        )
        == 1
    )
    assert of_code(audit(rows, values), "effort-unrecognized") == []


def test_four_near_misses_of_eight_are_not_enough() -> None:
    rows = plan(assignment("a", target=100.0))
    values = actuals(series("a", [70.0] * 12 + [90.0, 70.0] * 4))
    assert of_code(audit(rows, values, recognition=NO_RECOGNITION), "effort-unrecognized") == []


def noisy(level: float, count: int) -> list[float]:
    pattern = [-2.0, 1.0, 0.0, 2.0, -1.0]
    return [level + pattern[i % len(pattern)] for i in range(count)]


@pytest.mark.parametrize(
    ("direction", "before", "after", "flagged"),
    [
        ("higher", 100.0, 120.0, True),
        ("higher", 100.0, 112.0, False),  # 12% better: not 15%
        ("lower", 100.0, 80.0, True),
        ("lower", 100.0, 88.0, False),
        ("lower", 100.0, 120.0, False),  # worse for lower
    ],
)
def test_a_sustained_credible_improvement_without_recognition_is_unrecognised_effort(
    direction: str, before: float, after: float, flagged: bool
) -> None:
    # 20 periods before the cycle, 13 in it; the target (200 / 50) is far, so no near misses
    target = 200.0 if direction == "higher" else 50.0
    rows = plan(assignment("a", target=target, direction=direction))
    first = IN_CYCLE - timedelta(weeks=20)
    values = actuals(series("a", noisy(before, 20) + noisy(after, 13), first=first))
    found = of_code(audit(rows, values, recognition=NO_RECOGNITION), "effort-unrecognized")
    assert len(found) == int(flagged)
    if flagged:
        assert found[0].message_key == "code.effort-unrecognized.message.improvement"
        assert found[0].evidence["improvement"] == pytest.approx(0.2)
        assert found[0].evidence["p_value"] < 0.01
        assert renders(found)


def test_periods_after_a_cycle_ended_are_not_taken_for_periods_before_it() -> None:
    # b's cycle ended after 13 weeks and b reported on at a higher level: those later periods are
    # neither in b's cycle nor before it, so b's improvement is measured against the 20 before
    rows = plan(
        assignment("a", target=200.0), assignment("b", target=200.0, cycle_end=IN_CYCLE + timedelta(weeks=12))
    )
    first = IN_CYCLE - timedelta(weeks=20)
    values = actuals(
        series("a", noisy(100.0, 20) + noisy(100.0, 38), first=first),
        series("b", noisy(100.0, 20) + noisy(120.0, 13) + noisy(130.0, 25), first=first),
    )

    found = of_code(audit(rows, values, recognition=NO_RECOGNITION), "effort-unrecognized")

    assert [f.person_id for f in found] == ["b"]
    assert found[0].evidence["improvement"] == pytest.approx(0.2)


def test_twelve_periods_in_the_cycle_are_too_few_to_call_an_improvement() -> None:
    rows = plan(assignment("a", target=200.0))
    values = actuals(series("a", noisy(100.0, 20) + noisy(130.0, 12), first=IN_CYCLE - timedelta(weeks=20)))
    assert of_code(audit(rows, values, recognition=NO_RECOGNITION), "effort-unrecognized") == []


# --- motivation-loss (check-in mood) -----------------------------------------------------------


def test_mood_falling_a_point_a_week_is_motivation_loss() -> None:
    moods = [5, 5, 4, 4, 3, 3, 2, 1]
    twice_weekly = [round(3.5 * i) for i in range(8)]
    weekly = [7 * i for i in range(8)]
    rows = plan(assignment("a"), assignment("b"))
    values = actuals(series("a", [100.0] * 10, first=IN_CYCLE), series("b", [100.0] * 10, first=IN_CYCLE))
    frame = pl.concat([checkins("a", twice_weekly, mood=moods), checkins("b", weekly, mood=moods)])
    (finding,) = of_code(audit(rows, values, checkins=frame), "motivation-loss")
    expected = np.polyfit(twice_weekly, moods, 1)[0] * 7
    assert expected < -1 < np.polyfit(weekly, moods, 1)[0] * 7
    assert (finding.person_id, finding.kpi, finding.harm, finding.severity) == (
        "a",
        None,
        3,
        Severity.WARNING,
    )
    assert finding.evidence["mood_slope_per_week"] == pytest.approx(expected, rel=1e-5)
    assert (finding.evidence["first_mood"], finding.evidence["last_mood"]) == (5, 1)
    assert renders([finding])


def test_fewer_than_eight_check_ins_do_not_make_a_trend() -> None:
    rows = plan(assignment("a"))
    values = actuals(series("a", [100.0] * 10, first=IN_CYCLE))
    frame = checkins("a", [0, 3, 7, 10, 14, 17, 21], mood=[5, 5, 4, 3, 2, 1, 1])
    assert of_code(audit(rows, values, checkins=frame), "motivation-loss") == []


# --- gaming-suspected --------------------------------------------------------------------------

SMOOTH = [float(z) for z in norm.ppf(np.linspace(0.05, 0.95, 13))]


@pytest.mark.parametrize(("direction", "target"), [("higher", 100.0), ("lower", 100.0)])
def test_results_bunched_just_over_the_target_are_flagged(direction: str, target: float) -> None:
    # A year before the cycle spread smoothly around 95% of target (sd 5%); the cycle's 20 weeks
    # all land at 100-102%.
    sign = 1.0 if direction == "higher" else -1.0

    def at(attainment: float) -> float:
        return target * attainment if sign > 0 else target / attainment

    before = [at(0.95 + 0.05 * SMOOTH[i % 13]) for i in range(52)]
    bunched = [at(1.0 + 0.01 * (i % 3)) for i in range(20)]
    spread = [at(0.95 + 0.05 * SMOOTH[i % 13]) for i in range(20)]
    rows = plan(
        assignment("a", target=target, direction=direction),
        assignment("b", target=target, direction=direction),
    )
    first = IN_CYCLE - timedelta(weeks=52)
    values = actuals(series("a", before + bunched, first=first), series("b", before + spread, first=first))
    (finding,) = of_code(audit(rows, values), "gaming-suspected")
    assert (finding.person_id, finding.kpi, finding.harm) == ("a", "sales", 4)
    assert finding.evidence["tests"] == ["bunching"]
    assert finding.evidence["bunched_share"] == 1.0
    assert finding.evidence["expected_share"] == pytest.approx(
        norm.cdf(1.03, 0.95, 0.05) - norm.cdf(1.0, 0.95, 0.05), abs=0.03
    )
    assert renders([finding])


def test_bunching_in_a_third_of_the_periods_is_not_enough() -> None:
    before = [100.0 * (0.95 + 0.05 * SMOOTH[i % 13]) for i in range(52)]
    cycle = [101.0 if i % 3 == 0 else 90.0 for i in range(21)]  # 7 of 21 in the band
    rows = plan(assignment("a", target=100.0))
    values = actuals(series("a", before + cycle, first=IN_CYCLE - timedelta(weeks=52)))
    assert of_code(audit(rows, values), "gaming-suspected") == []


@pytest.mark.parametrize(
    ("direction", "spike", "flagged"),
    [("higher", 250.0, True), ("higher", 180.0, False), ("lower", 40.0, True), ("lower", 60.0, False)],
)
def test_spikes_in_the_last_week_of_most_months_are_flagged(
    direction: str, spike: float, flagged: bool
) -> None:
    # Jan-Apr 2024 are complete by as-of (May 4): the last week of each is the spike
    ends = weeks(18, IN_CYCLE)
    last_of_month = {max(d for d in ends if d.month == m) for m in (1, 2, 3, 4)}
    values = [spike if d in last_of_month else 100.0 for d in ends]
    target = 150.0 if direction == "higher" else 60.0
    rows = plan(assignment("a", target=target, direction=direction))
    found = of_code(audit(rows, actuals(series("a", values, first=IN_CYCLE))), "gaming-suspected")
    assert [f.evidence["tests"] for f in found] == ([["end-of-period-spikes"]] if flagged else [])
    if flagged:
        assert (found[0].evidence["spike_months"], found[0].evidence["complete_months"]) == (4, 4)
        assert renders(found)


def test_spikes_in_half_of_the_months_are_not_enough() -> None:
    ends = weeks(18, IN_CYCLE)
    last_of_month = {max(d for d in ends if d.month == m) for m in (1, 3)}
    values = [250.0 if d in last_of_month else 100.0 for d in ends]
    rows = plan(assignment("a", target=150.0))
    assert of_code(audit(rows, actuals(series("a", values, first=IN_CYCLE))), "gaming-suspected") == []


@pytest.mark.parametrize(
    ("direction", "short", "reached", "count", "flagged"),
    [
        ("higher", 95.0, 101.0, 2, True),
        ("higher", 95.0, 101.0, 1, False),
        ("higher", 101.0, 102.0, 3, False),  # already reaching: a correction, not a crossing
        ("lower", 105.0, 99.0, 2, True),
        ("lower", 99.0, 105.0, 2, False),  # moved away from the target
    ],
)
def test_revisions_that_lift_values_across_the_target_are_flagged(
    direction: str, short: float, reached: float, count: int, flagged: bool
) -> None:
    rows = plan(assignment("a", target=100.0, direction=direction))
    first = series(
        "a",
        [short if i < count else 80.0 for i in range(10)],
        first=IN_CYCLE,
        recorded_at=datetime(2024, 1, 1),
    )
    corrected = series("a", [reached] * count, first=IN_CYCLE, recorded_at=datetime(2024, 3, 1))
    found = [f for f in of_code(audit(rows, actuals(first, corrected)), "gaming-suspected") if f.person_id]
    assert [f.evidence["upward_revisions"] for f in found] == ([count] if flagged else [])
    if flagged:
        assert renders(found)


def test_the_organisation_bin_just_above_target_is_tested_for_a_discontinuity() -> None:
    # 64 people with smooth attainment: person i runs from 80% + 5 x (i mod 8) points upwards in
    # half-point steps, so together they cover 80-125% evenly; in the bunched organisation 24 of
    # them land at 100.5% in every cycle week instead.
    people = [f"p{i:02d}" for i in range(64)]
    rows = plan(*(assignment(p, target=100.0) for p in people))

    def org(bunched: int) -> pl.DataFrame:
        parts = []
        for index, person in enumerate(people):
            own = [80.0 + 5.0 * (index % 8) + 0.5 * w for w in range(10)]
            parts.append(series(person, [100.5] * 10 if index < bunched else own, first=IN_CYCLE))
        return actuals(*parts)

    found = [f for f in of_code(audit(rows, org(24)), "gaming-suspected") if f.person_id is None]
    assert [(f.team, f.person_id, f.kpi) for f in found] == [(None, None, None)]
    assert found[0].evidence["test"] == "burgstahler-dichev"
    assert found[0].evidence["z"] >= 3
    assert renders(found)
    assert [f for f in of_code(audit(rows, org(0)), "gaming-suspected") if f.person_id is None] == []


def test_small_counts_landing_on_the_target_are_not_a_discontinuity_or_bunching() -> None:
    # Deals per week are whole numbers around a target of 4: 4 of 4 is 100% by arithmetic.
    people = [f"p{i:02d}" for i in range(30)]
    rows = plan(*(assignment(p, kpi="deals", target=4.0) for p in people))
    pattern = [3.0, 4.0, 5.0, 4.0, 4.0, 3.0, 4.0, 5.0, 4.0, 4.0]
    values = actuals(
        *(
            series(p, pattern[i % 3 :] + pattern[: i % 3], kpi="deals", first=IN_CYCLE)
            for i, p in enumerate(people)
        )
    )
    assert of_code(audit(rows, values), "gaming-suspected") == []


def test_ratings_at_the_target_are_not_gaming() -> None:
    people = [f"p{i:02d}" for i in range(30)]
    rows = plan(*(assignment(p, kpi="teamwork", kind="qualitative", target=4.0) for p in people))
    values = actuals(
        *(series(p, [4.0, 4.1, 4.0, 3.5, 4.0, 4.0, 4.5, 4.0], kpi="teamwork", first=IN_CYCLE) for p in people)
    )
    assert of_code(audit(rows, values), "gaming-suspected") == []


# --- innovation-suppressed ---------------------------------------------------------------------


@pytest.mark.parametrize(("safe", "flagged"), [(2, True), (1, False)])
def test_a_team_with_half_its_targets_safe_is_flagged(safe: int, flagged: bool) -> None:
    # safe: flat 150 against a target of 100; the rest flat 100 against 100
    people = ["a", "b", "c", "d"]
    rows = plan(*(assignment(p, target=100.0, team="X") for p in people))
    values = actuals(*(series(p, [150.0 if i < safe else 100.0] * 20) for i, p in enumerate(people)))
    found = of_code(audit(rows, values), "innovation-suppressed")
    assert [(f.team, f.severity, f.harm) for f in found] == ([("X", Severity.INFO, 6)] if flagged else [])
    if flagged:
        assert found[0].evidence == {"safe_share": 0.5, "safe_assignments": 2, "assignments": 4}
        assert renders(found)
