"""Each planted situation sits clearly on the finding's side of its threshold, for any seed and date.

Thresholds are the defaults of issues 3 and 4; the probes re-derive the numbers from the
generated rows rather than trusting the generator's own parameters.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from statistics import mean, median, pstdev

from kpiwell.demo.model import DemoOrg

from .probes import (
    attainments,
    best_split_shift,
    capacity_cv,
    checkin_slope_per_checkin,
    checkin_slope_per_day,
    current_assignments,
    current_values,
    days_since_checkin,
    days_since_recognition,
    enps,
    month_end_spikes,
    p_reach,
    p_reach_trend,
    short_to_reach_corrections,
    survey_scores,
    team_median_series,
)


def _team(demo: DemoOrg, team: str) -> list[str]:
    return [p.key for p in demo.people if p.team_key == team]


def _last_period(demo: DemoOrg) -> date:
    return max(m.period_end for m in demo.measurements)


def test_store_district_1_gives_one_sales_target_to_people_of_very_different_capacity(
    scenario: DemoOrg,
) -> None:
    targets = [
        a.target
        for (p, k), a in current_assignments(scenario).items()
        if k == "K-SALES" and p in _team(scenario, "store-d1")
    ]
    most_common = Counter(targets).most_common(1)[0]
    assert most_common == (60_000_000.0, 11)
    assert most_common[1] / len(targets) >= 0.9  # rule: >= 80% share one target
    assert capacity_cv(scenario, "store-d1", "K-SALES") >= 0.35  # rule: CV >= 0.25


def test_the_junior_never_came_near_her_target(scenario: DemoOrg) -> None:
    values = current_values(scenario)[("E018", "K-SALES")]
    assert len(values) >= 40
    assert max(values.values()) <= 0.6 * 60_000_000
    assert p_reach(scenario, "E018", "K-SALES") == 0.0
    assert p_reach_trend(scenario, "E018", "K-SALES") < 0.001  # rule: critical below 0.05


def test_every_store_district_1_target_was_set_by_the_manager(scenario: DemoOrg) -> None:
    store = _team(scenario, "store-d1")
    assert {a.set_by for (p, _), a in current_assignments(scenario).items() if p in store} == {"manager"}


def test_the_near_miss_seller_is_just_short_every_week_and_never_thanked(scenario: DemoOrg) -> None:
    last8 = attainments(scenario, "E013", "K-SALES")[-8:]
    assert sum(0.85 <= r < 1.0 for r in last8) == 8  # rule: at least 5 of the last 8
    assert not any(r.receiver_key == "E013" for r in scenario.recognitions)


def test_store_district_1_praises_only_its_two_top_sellers(scenario: DemoOrg) -> None:
    as_of = scenario.as_of
    for person in _team(scenario, "store-d1"):
        days = min(
            days_since_recognition(scenario, person, as_of),
            days_since_recognition(scenario, person, _last_period(scenario)),
        )
        if person in ("E007", "E008", "E009"):
            assert days <= 26
        else:
            assert days >= 45  # rule: nothing in the 30 days before as-of


def test_store_district_1_would_not_recommend_working_there(scenario: DemoOrg) -> None:
    for round_index in (0, 1):
        answers = survey_scores(scenario, "store-d1", round_index)["enps"]
        assert len(answers) >= 9
        assert enps(answers) <= -40  # rule: below -10


def test_store_thu_duc_loses_42_percent_in_week_13_and_keeps_its_targets(scenario: DemoOrg) -> None:
    series = team_median_series(scenario, "store-td", "K-SALES")
    assert len(series) == 26
    assert median(series[13:]) / median(series[:12]) <= 0.7  # fell by 30% or more
    assert best_split_shift(series) >= 0.3  # rule: 20%, at least 3 periods on each side
    store = _team(scenario, "store-td")
    assert not [r for r in scenario.revisions if r.person_key in store]
    assert best_split_shift(team_median_series(scenario, "store-td", "K-CONV")) < 0.15  # footfall, not advice


def test_the_pressured_seller_works_hard_far_under_target(scenario: DemoOrg) -> None:
    last8 = attainments(scenario, "E020", "K-SALES")[-8:]
    assert sum(r < 0.8 for r in last8) == 8  # rule: at least 6 of the last 8
    workloads = [
        c.workload for c in sorted(scenario.checkins, key=lambda c: c.date) if c.employee_key == "E020"
    ]
    assert workloads[-4:] == [4, 4, 5, 4]  # rule: >= 4 in at least 3 of the last 4


def test_the_fading_sellers_mood_falls_steadily(scenario: DemoOrg) -> None:
    moods = [c.mood for c in sorted(scenario.checkins, key=lambda c: c.date) if c.employee_key == "E022"]
    assert moods[-8:] == [5, 5, 4, 3, 2, 1, 1, 1]
    assert checkin_slope_per_checkin(scenario, "E022") <= -4  # rule: slope x 7 <= -1
    assert checkin_slope_per_day(scenario, "E022") <= -1.2  # also when the slope is per day, x 7 = per week


def test_store_thu_duc_shows_burnout_in_the_latest_survey(scenario: DemoOrg) -> None:
    latest = survey_scores(scenario, "store-td", 1)
    assert len(latest["cbi-work"]) >= 8  # at least 5 respondents
    assert mean(latest["cbi-work"]) >= 55  # rule: >= 50
    assert sum(score >= 50 for score in latest["cbi-work"]) / len(latest["cbi-work"]) >= 0.6
    assert mean(latest["who5"]) <= 42  # rule: < 50
    earlier = survey_scores(scenario, "store-td", 0)
    assert mean(earlier["who5"]) - mean(latest["who5"]) < 6  # not also a motivation-loss team
    assert enps(latest["enps"]) > 0 and enps(earlier["enps"]) - enps(latest["enps"]) < 20  # nor turnover


def test_the_retail_division_as_a_whole_stays_clear_of_the_survey_thresholds(scenario: DemoOrg) -> None:
    scores = {team: survey_scores(scenario, team, 1) for team in ("store-d1", "store-td", "online")}
    work = [s for team in scores.values() for s in team["cbi-work"]]
    who5 = [s for team in scores.values() for s in team["who5"]]
    promoters = [s for team in scores.values() for s in team["enps"]]
    assert sum(s >= 50 for s in work) / len(work) <= 0.25  # rule: 30% of respondents
    assert mean(work) <= 46 and mean(who5) >= 53  # rules: CBI mean 50, WHO-5 mean 50
    assert enps(promoters) >= -5  # rule: below -10


def test_e_commerce_has_no_qualitative_kpi(scenario: DemoOrg) -> None:
    kinds = {k.key: k.kind for k in scenario.kpis}
    online = _team(scenario, "online")
    assert {kinds[k] for (p, k) in current_assignments(scenario) if p in online} == {"quantitative"}
    planted = {x.person_key for x in scenario.planted if x.code == "quantitative-only"}
    assert planted == set(online)


def test_one_person_lands_just_over_target_every_week_after_a_spread_history(scenario: DemoOrg) -> None:
    in_cycle = attainments(scenario, "E031", "K-ORDERS")
    before = attainments(scenario, "E031", "K-ORDERS", in_cycle=False)
    assert len(in_cycle) == 26 and all(1.0 <= r < 1.01 for r in in_cycle)  # rule: >= 40% in [100%, 103%]
    assert sum(1.0 <= r <= 1.03 for r in before) / len(before) <= 0.2
    assert pstdev(before) >= 0.07  # smooth and spread before the target applied


def test_one_host_spikes_in_the_last_week_of_every_month(scenario: DemoOrg) -> None:
    spikes, months = month_end_spikes(scenario, "E033", "K-LIVE")
    assert months >= 10 and spikes == months  # rule: more than half of at least 3 months


def test_convenient_corrections_lift_three_weeks_over_the_target(scenario: DemoOrg) -> None:
    assert short_to_reach_corrections(scenario, "E035", "K-ORDERS") == 3  # rule: twice or more
    honest = [("E010", "K-SALES"), ("E059", "K-FTF"), ("E025", "K-CONV")]
    assert all(short_to_reach_corrections(scenario, p, k) == 0 for p, k in honest)


def test_e_commerce_wellbeing_falls_between_the_survey_rounds(scenario: DemoOrg) -> None:
    first, second = (survey_scores(scenario, "online", i) for i in (0, 1))
    assert len(second["who5"]) >= 7
    assert mean(first["who5"]) - mean(second["who5"]) >= 14  # rule: a fall of 10 points
    assert mean(second["who5"]) >= 52 and mean(second["cbi-work"]) < 45  # not burnout
    assert enps(second["enps"]) > 0 and enps(first["enps"]) - enps(second["enps"]) < 20  # not turnover


def test_the_add_on_kpi_has_no_purpose(scenario: DemoOrg) -> None:
    addon = next(k for k in scenario.kpis if k.key == "K-ADDON")
    assert addon.purpose == ""
    holders = {p for (p, k) in current_assignments(scenario) if k == "K-ADDON"}
    assert holders == set(_team(scenario, "delivery")) - {"E048"}


def test_delivery_staff_had_no_check_in_for_weeks(scenario: DemoOrg) -> None:
    as_of = scenario.as_of
    for planted in (x for x in scenario.planted if x.code == "feedback-gap"):
        assert planted.person_key is not None
        days = days_since_checkin(scenario, planted.person_key, as_of)
        if "(critical)" in planted.description:
            assert days >= 35  # rule: critical beyond 30 days
        else:
            assert 19 <= days <= 29  # rule: warning beyond 14 days
    assert days_since_checkin(scenario, "E048", as_of) <= 7  # the supervisor himself meets his director


def test_delivery_targets_are_mostly_trivially_safe(scenario: DemoOrg) -> None:
    delivery = _team(scenario, "delivery")
    assignments = {key: a for key, a in current_assignments(scenario).items() if key[0] in delivery}
    safe = set()
    for (person, kpi), a in assignments.items():
        values = list(current_values(scenario)[(person, kpi)].values())
        if p_reach(scenario, person, kpi) >= 0.99 and a.target < median(values):
            safe.add((person, kpi))
    planted = {(x.person_key, x.kpi_key) for x in scenario.planted if x.code == "safe-target"}
    assert planted <= safe
    assert len(safe) / len(assignments) >= 0.6  # rule: half or more


def test_the_small_team_never_has_five_respondents(scenario: DemoOrg) -> None:
    for round_index in (0, 1):
        respondents = survey_scores(scenario, scenario.small_team_key, round_index)["who5"]
        assert 3 <= len(respondents) <= 4
    assert len(_team(scenario, scenario.small_team_key)) == 4


def test_repair_targets_were_revised_after_the_parts_shortage(scenario: DemoOrg) -> None:
    series = team_median_series(scenario, "repair", "K-JOBS")
    assert best_split_shift(series) >= 0.2  # a real shift...
    cycle = next(c for c in scenario.cycles if c.key == scenario.current_cycle_key)
    shift_week = cycle.start + timedelta(weeks=7)
    assert all(
        r.revised_at.date() >= shift_week + timedelta(weeks=4) for r in scenario.revisions
    )  # ...then revised
