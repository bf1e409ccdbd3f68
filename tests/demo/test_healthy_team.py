"""The healthy control team (Customer Care) stays clearly on the safe side of every audit rule."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import pairwise
from statistics import mean

from kpiwell.demo.model import DemoOrg

from .probes import (
    attainments,
    best_split_shift,
    checkin_slope_per_checkin,
    current_assignments,
    days_since_recognition,
    enps,
    month_end_spikes,
    p_reach,
    p_reach_trend,
    survey_scores,
    team_median_series,
)


def _care(demo: DemoOrg) -> list[str]:
    return [p.key for p in demo.people if p.team_key == demo.healthy_team_key]


def _care_assignments(demo: DemoOrg) -> list[tuple[str, str]]:
    people = set(_care(demo))
    return [key for key in current_assignments(demo) if key[0] in people]


def test_targets_are_co_created_and_mix_numbers_with_qualitative_work(scenario: DemoOrg) -> None:
    kinds = {k.key: k.kind for k in scenario.kpis}
    purposes = {k.key: k.purpose for k in scenario.kpis}
    qualitative: dict[str, float] = defaultdict(float)
    for person, kpi in _care_assignments(scenario):
        assignment = current_assignments(scenario)[(person, kpi)]
        assert assignment.set_by == "co-created"
        assert purposes[kpi].strip()
        if kinds[kpi] == "qualitative":
            qualitative[person] += assignment.weight
    assert set(qualitative) == set(_care(scenario))
    assert min(qualitative.values()) >= 30  # rule: flagged under 20%


def test_targets_are_reachable_but_not_trivially(scenario: DemoOrg) -> None:
    for person, kpi in _care_assignments(scenario):
        assert 0.45 <= p_reach(scenario, person, kpi) <= 0.9, (person, kpi)  # rules: < 0.25 or > 0.97
        assert 0.35 <= p_reach_trend(scenario, person, kpi) <= 0.93, (person, kpi)


def test_no_bunching_no_spikes_no_runs_under_target(scenario: DemoOrg) -> None:
    for person, kpi in _care_assignments(scenario):
        ratios = attainments(scenario, person, kpi)
        assert sum(1.0 <= r <= 1.03 for r in ratios) / len(ratios) < 0.25  # rule: needs >= 40%
        assert sum(r < 0.8 for r in ratios[-8:]) <= 1  # rule: 6 of the last 8
        spikes, _ = month_end_spikes(scenario, person, kpi)
        assert spikes == 0
    corrected = {(m.person_key, m.kpi_key, m.period_end) for m in scenario.measurements}
    care = set(_care(scenario))
    rows = sum(1 for m in scenario.measurements if m.person_key in care)
    assert rows == len({key for key in corrected if key[0] in care})  # no corrections at all


def test_team_levels_are_stable_through_the_cycle(scenario: DemoOrg) -> None:
    for kpi in ("K-CASES", "K-FCR", "K-AHT", "K-KNOW"):
        assert best_split_shift(team_median_series(scenario, "care", kpi)) < 0.12  # rule: 20%
    assert not [r for r in scenario.revisions if r.person_key in _care(scenario)]


def test_everyone_meets_their_manager_at_least_every_two_weeks_up_to_as_of(scenario: DemoOrg) -> None:
    for person in _care(scenario):
        rows = sorted((c for c in scenario.checkins if c.employee_key == person), key=lambda c: c.date)
        dates = [c.date for c in rows]
        assert (scenario.as_of - dates[-1]).days <= 7
        assert max((b - a).days for a, b in pairwise(dates)) <= 14
        assert dates[0] <= scenario.as_of - timedelta(days=300)
        assert max(c.workload for c in rows) <= 3
        assert min(c.mood for c in rows) >= 3
        assert abs(checkin_slope_per_checkin(scenario, person)) <= 0.5  # rule: a fall of 1


def test_everyone_was_recognised_in_the_last_30_days(scenario: DemoOrg) -> None:
    last_period = max(m.period_end for m in scenario.measurements)
    for person in _care(scenario):
        assert days_since_recognition(scenario, person, last_period) <= 16
        assert days_since_recognition(scenario, person, scenario.as_of) <= 22


def test_surveys_show_good_wellbeing_low_burnout_and_willing_ambassadors(scenario: DemoOrg) -> None:
    rounds = [survey_scores(scenario, "care", i) for i in (0, 1)]
    for scores in rounds:
        assert len(scores["who5"]) >= 8
        assert 62 <= mean(scores["who5"]) <= 76  # rule: < 50
        assert 25 <= mean(scores["cbi-work"]) <= 40  # rule: >= 50
        assert max(scores["cbi-work"]) < 50  # rule: 30% of respondents >= 50
        assert mean(scores["mini-z"]) < 2.5
        assert enps(scores["enps"]) >= 50
    assert abs(mean(rounds[0]["who5"]) - mean(rounds[1]["who5"])) < 5  # rule: a fall of 10
    assert abs(enps(rounds[0]["enps"]) - enps(rounds[1]["enps"])) < 15  # rule: a fall of 20
