"""The demo organisation's shape: people, teams, trees, cycles, weights, determinism, purity."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from datetime import time as clock
from itertools import pairwise

from kpiwell.demo import DEFAULT_SEED, demo_password, generate_demo
from kpiwell.demo.model import DemoOrg

from .conftest import AS_OF

OPERATIONAL = {"store-d1", "store-td", "online", "care", "delivery", "repair"}


def _depth_ok(parents: dict[str, str | None]) -> bool:
    for start in parents:
        seen: set[str] = set()
        node: str | None = start
        while node is not None:
            if node in seen:
                return False
            seen.add(node)
            node = parents[node]
    return True


def test_the_same_seed_and_date_give_the_same_organisation() -> None:
    assert generate_demo(as_of=AS_OF) == generate_demo(as_of=AS_OF, seed=DEFAULT_SEED)


def test_a_different_seed_changes_the_values_but_not_the_people() -> None:
    first = generate_demo(as_of=AS_OF, seed=1)
    second = generate_demo(as_of=AS_OF, seed=2)
    assert [p.username for p in first.people] == [p.username for p in second.people]
    assert [m.value for m in first.measurements] != [m.value for m in second.measurements]


def test_generation_takes_well_under_two_seconds() -> None:
    started = time.perf_counter()
    generate_demo(as_of=date(2027, 3, 3), seed=99)
    assert time.perf_counter() - started < 2.0


def test_the_generator_imports_no_django() -> None:
    code = "import sys, kpiwell.demo, kpiwell.demo.generate; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_sixty_people_in_six_operational_teams_under_two_divisions(demo: DemoOrg) -> None:
    assert len(demo.people) == 60
    sizes = Counter(p.team_key for p in demo.people)
    assert {key: sizes[key] for key in OPERATIONAL} == {
        "store-d1": 12, "store-td": 10, "online": 9, "care": 10, "delivery": 9, "repair": 4,
    }  # fmt: skip
    parents = {t.key: t.parent_key for t in demo.teams}
    assert parents["store-d1"] == parents["store-td"] == parents["online"] == "retail"
    assert parents["care"] == parents["delivery"] == parents["repair"] == "services"
    assert parents["retail"] == parents["services"] == "head-office"
    assert parents["head-office"] is None
    assert {p.team_key for p in demo.people if p.team_key not in OPERATIONAL} == {
        "head-office", "retail", "services",
    }  # fmt: skip


def test_the_team_tree_and_the_manager_tree_have_no_cycles(demo: DemoOrg) -> None:
    assert _depth_ok({t.key: t.parent_key for t in demo.teams})
    assert _depth_ok({p.key: p.manager_key for p in demo.people})
    assert _depth_ok({o.key: o.parent_key for o in demo.objectives})
    assert [p.key for p in demo.people if p.manager_key is None] == ["E001"]


def test_staff_have_a_skip_level_manager_above_their_manager(demo: DemoOrg) -> None:
    people = {p.key: p for p in demo.people}
    sales_associate = people["E013"]
    assert sales_associate.manager_key == "E007"
    assert people["E007"].manager_key == "E005"  # the Retail Director
    assert people["E005"].manager_key == "E001"  # the CEO


def test_every_reference_points_to_an_existing_key(demo: DemoOrg) -> None:
    teams = {t.key for t in demo.teams}
    people = {p.key for p in demo.people}
    kpis = {k.key for k in demo.kpis}
    objectives = {o.key for o in demo.objectives}
    cycles = {c.key for c in demo.cycles}
    assert all(
        p.team_key in teams and (p.manager_key is None or p.manager_key in people) for p in demo.people
    )
    assert all(o.team_key is None or o.team_key in teams for o in demo.objectives)
    assert all(k.objective_key in objectives and (k.owner_key in people) for k in demo.kpis)
    assert all(
        a.person_key in people and a.kpi_key in kpis and a.cycle_key in cycles for a in demo.assignments
    )
    assert all(m.person_key in people and m.recorded_by_key in people for m in demo.measurements)
    assert all(r.revised_by_key in people and r.kpi_key in kpis for r in demo.revisions)
    assert all(c.employee_key in people and c.manager_key in people for c in demo.checkins)
    assert all(r.giver_key in people and r.receiver_key in people for r in demo.recognitions)
    assert all(r.kpi_key is None or r.kpi_key in kpis for r in demo.recognitions)
    assert all(s.person_key in people for s in demo.survey_responses)
    for planted in demo.planted:
        assert planted.team_key in teams
        assert planted.person_key is None or planted.person_key in people
        assert planted.kpi_key is None or planted.kpi_key in kpis
    assert demo.healthy_team_key == "care"
    assert demo.small_team_key == "repair"


def test_planted_people_belong_to_the_team_they_are_planted_in(demo: DemoOrg) -> None:
    team_of = {p.key: p.team_key for p in demo.people}
    for planted in demo.planted:
        if planted.person_key is not None:
            assert team_of[planted.person_key] == planted.team_key
        assert planted.team_key != demo.healthy_team_key


def test_logins_are_unique_lowercase_ascii_and_emails_match(demo: DemoOrg) -> None:
    usernames = [p.username for p in demo.people]
    assert len(set(usernames)) == len(usernames)
    assert all(u.isascii() and u == u.lower() and "." in u for u in usernames)
    assert all(p.email == f"{p.username}@senvang.example" for p in demo.people)
    people = {p.key: p for p in demo.people}
    assert people["E018"].full_name == "Đỗ Thị Ngọc Ánh"
    assert people["E018"].username == "anh.do"
    assert people["E006"].username == "sarah.mitchell"
    assert demo_password() == "kpiwell-demo"


def test_there_is_an_hr_person_and_an_admin(demo: DemoOrg) -> None:
    assert [p.username for p in demo.people if p.is_hr] == ["lan.nguyen", "ha.le"]
    assert [p.username for p in demo.people if p.is_admin] == ["duc.pham", "daniel.carter"]
    assert {p.language for p in demo.people} == {"en", "vi"}


def test_periods_are_52_sundays_ending_on_or_before_as_of(scenario: DemoOrg) -> None:
    periods = sorted({m.period_end for m in scenario.measurements})
    assert len(periods) == 52
    assert all(d.weekday() == 6 for d in periods)
    assert scenario.as_of - timedelta(days=6) <= periods[-1] <= scenario.as_of
    assert all(b - a == timedelta(days=7) for a, b in pairwise(periods))


def test_the_current_cycle_is_the_last_26_weeks_and_the_previous_the_26_before(demo: DemoOrg) -> None:
    previous, current = demo.cycles
    assert current.key == demo.current_cycle_key
    assert current.end == date(2026, 11, 22)
    assert current.start == date(2026, 5, 25)  # a Monday, 26 weeks before
    assert previous.end == current.start - timedelta(days=1)
    assert previous.start == current.start - timedelta(weeks=26)
    assert previous.name != current.name


def test_each_persons_weights_sum_to_100_in_each_cycle(demo: DemoOrg) -> None:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for a in demo.assignments:
        totals[(a.person_key, a.cycle_key)] += a.weight
    assert set(totals.values()) == {100.0}
    assert {p for p, _ in totals} == {p.key for p in demo.people if p.team_key in OPERATIONAL}


def test_commit_target_and_stretch_step_towards_the_better_direction(demo: DemoOrg) -> None:
    kpis = {k.key: k for k in demo.kpis}
    for a in demo.assignments:
        levels = [a.commit, a.target, a.stretch]
        wanted = sorted(levels) if kpis[a.kpi_key].direction == "higher" else sorted(levels, reverse=True)
        assert levels == wanted, a
        if kpis[a.kpi_key].kind == "qualitative":
            assert all(1 <= v <= 5 for v in levels)


def test_qualitative_kpis_have_a_five_level_rubric_and_quantitative_ones_none(demo: DemoOrg) -> None:
    for kpi in demo.kpis:
        assert sorted(kpi.rubric) == ([1, 2, 3, 4, 5] if kpi.kind == "qualitative" else [])
        assert all(text.strip() for text in kpi.rubric.values())
    assert [k.key for k in demo.kpis if not k.purpose] == ["K-ADDON"]
    assert len({k.name for k in demo.kpis}) == len(demo.kpis)


def test_values_are_rounded_like_real_reports(demo: DemoOrg) -> None:
    kpis = {k.key: k for k in demo.kpis}
    checked: dict[str, int] = {}
    for m in demo.measurements:
        unit = kpis[m.kpi_key].unit
        if unit == "VND":
            kind = "money"
            assert m.value % 1000 == 0 and m.value > 0
        elif unit in ("orders", "cases", "deliveries", "services", "jobs"):
            kind = "count"
            assert m.value == int(m.value) and m.value >= 0
        elif unit == "%":
            kind = "rate"
            assert 0 <= m.value <= 100 and round(m.value, 1) == m.value
        elif kpis[m.kpi_key].kind == "qualitative":
            kind = "rating"
            assert 1 <= m.value <= 5 and round(m.value, 1) == m.value
        else:
            continue
        checked[kind] = checked.get(kind, 0) + 1
    # every kind of value was actually checked, so the test cannot pass on an empty branch
    assert set(checked) == {"money", "count", "rate", "rating"}
    assert min(checked.values()) >= 100


def test_each_assignment_has_weekly_values_from_the_persons_first_full_week(demo: DemoOrg) -> None:
    people = {p.key: p for p in demo.people}
    periods: dict[tuple[str, str], set[date]] = defaultdict(set)
    for m in demo.measurements:
        periods[(m.person_key, m.kpi_key)].add(m.period_end)
    current = [a for a in demo.assignments if a.cycle_key == demo.current_cycle_key]
    assert {(a.person_key, a.kpi_key) for a in current} == set(periods)
    assert len(periods[("E041", "K-CASES")]) == 52  # a tenured care specialist: every week
    addon = periods[("E049", "K-ADDON")]  # the add-on KPI started with the current cycle
    assert len(addon) >= 25 and min(addon) >= next(
        c.start for c in demo.cycles if c.key == demo.current_cycle_key
    )
    new_hire = periods[("E056", "K-DELIV")]
    assert 12 <= len(new_hire) <= 14
    assert min(new_hire) - timedelta(days=6) >= people["E056"].start_date


def test_corrections_are_later_rows_for_the_same_period(demo: DemoOrg) -> None:
    rows: dict[tuple[str, str, date], list[datetime]] = defaultdict(list)
    for m in demo.measurements:
        rows[(m.person_key, m.kpi_key, m.period_end)].append(m.recorded_at)
    corrected = {key: stamps for key, stamps in rows.items() if len(stamps) > 1}
    assert {(p, k) for p, k, _ in corrected} == {
        ("E035", "K-ORDERS"), ("E010", "K-SALES"), ("E059", "K-FTF"), ("E025", "K-CONV"),
    }  # fmt: skip
    assert all(len(set(stamps)) == len(stamps) for stamps in rows.values())


def test_nothing_is_dated_after_as_of(scenario: DemoOrg) -> None:
    end_of_day = datetime.combine(scenario.as_of, clock(23, 59))
    assert max(m.recorded_at for m in scenario.measurements) <= end_of_day
    assert max(c.date for c in scenario.checkins) <= scenario.as_of
    assert max(r.date for r in scenario.recognitions) <= scenario.as_of
    assert max(s.date for s in scenario.survey_responses) <= scenario.as_of
    assert max(p.start_date for p in scenario.people) < scenario.as_of


def test_pulse_and_recognition_are_valid_rows(demo: DemoOrg) -> None:
    assert all(1 <= c.mood <= 5 and 1 <= c.workload <= 5 and c.notes for c in demo.checkins)
    assert all(r.giver_key != r.receiver_key and r.note for r in demo.recognitions)
    assert {r.kind for r in demo.recognitions} == {"praise", "nomination"}


def test_revisions_record_the_repair_teams_agreed_new_targets(demo: DemoOrg) -> None:
    assert sorted(r.person_key for r in demo.revisions) == ["E057", "E058", "E059", "E060"]
    for revision in demo.revisions:
        assert revision.kpi_key == "K-JOBS"
        assert revision.new_target < revision.old_target
        assert revision.effective_from < revision.revised_at.date()
        assignment = next(
            a for a in demo.assignments
            if (a.person_key, a.kpi_key, a.cycle_key) == (revision.person_key, "K-JOBS", revision.cycle_key)
        )  # fmt: skip
        assert (assignment.target, assignment.status) == (revision.new_target, "revised")
