"""The audit input frames built from the demo, and the survey answers behind them."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import numpy as np
import polars as pl

from kpiwell.demo import to_audit_frames
from kpiwell.demo.model import DemoOrg
from kpiwell.demo.surveys import cbi_items, spread, who5_items
from kpiwell.engine.audit.frames import (
    ACTUALS_SCHEMA,
    CHECKINS_SCHEMA,
    PLAN_SCHEMA,
    RECOGNITION_SCHEMA,
    SURVEYS_SCHEMA,
)

from .probes import survey_rounds

SCHEMAS = {
    "plan": PLAN_SCHEMA,
    "actuals": ACTUALS_SCHEMA,
    "checkins": CHECKINS_SCHEMA,
    "recognition": RECOGNITION_SCHEMA,
    "surveys": SURVEYS_SCHEMA,
}
RANGES = {"who5": (0, 5), "cbi-personal": (0, 4), "cbi-work": (0, 4), "mini-z": (1, 5), "enps": (0, 10)}
ITEMS = {"who5": 5, "cbi-personal": 6, "cbi-work": 7, "mini-z": 1, "enps": 1}


def test_every_frame_has_exactly_the_audit_schema(demo: DemoOrg) -> None:
    frames = to_audit_frames(demo)
    assert set(frames) == set(SCHEMAS)
    for name, frame in frames.items():
        assert frame.columns == list(SCHEMAS[name])
        assert frame.dtypes == [pl.DataFrame(schema=SCHEMAS[name]).schema[c] for c in SCHEMAS[name]]
        assert frame.height > 0


def test_the_plan_is_the_current_cycle_with_team_names_and_kpi_purposes(demo: DemoOrg) -> None:
    plan = to_audit_frames(demo)["plan"]
    current = [a for a in demo.assignments if a.cycle_key == demo.current_cycle_key]
    assert plan.height == len(current) == 176
    assert plan["cycle_start"].unique().to_list() == [date(2026, 5, 25)]
    assert plan["cycle_end"].unique().to_list() == [date(2026, 11, 22)]
    assert sorted(plan["team"].unique().to_list()) == [
        "Appliance Repair", "Customer Care", "Delivery & Installation", "E-commerce & Live Sales",
        "Store District 1", "Store Thủ Đức",
    ]  # fmt: skip
    row = plan.filter((pl.col("person_id") == "E018") & (pl.col("kpi") == "Personal sales revenue")).row(
        0, named=True
    )
    assert row["team"] == "Store District 1" and row["parent_team"] == "Retail"
    assert row["target"] == 60_000_000.0 and row["set_by"] == "manager" and row["manager_id"] == "E007"
    assert row["person_name"] == "Đỗ Thị Ngọc Ánh" and row["period"] == "week" and row["revised_on"] is None
    assert plan.filter(pl.col("purpose") == "")["kpi"].unique().to_list() == ["Add-on services sold"]
    weights = plan.group_by("person_id").agg(pl.col("weight").sum())
    assert weights["weight"].unique().to_list() == [100.0]


def test_revised_on_is_the_date_of_the_latest_revision(demo: DemoOrg) -> None:
    plan = to_audit_frames(demo)["plan"]
    revised = plan.filter(pl.col("revised_on").is_not_null())
    assert sorted(revised["person_id"].to_list()) == ["E057", "E058", "E059", "E060"]
    assert revised["kpi"].unique().to_list() == ["Repair jobs completed"]
    assert revised["revised_on"].unique().to_list() == [date(2026, 8, 18)]


def test_actuals_keep_every_recorded_row_so_corrections_are_revisions(demo: DemoOrg) -> None:
    actuals = to_audit_frames(demo)["actuals"]
    assert actuals.height == len(demo.measurements)
    assert actuals["recorded_at"].null_count() == 0
    assert actuals.select("person_id", "kpi", "period_end", "recorded_at").is_duplicated().sum() == 0
    repeated = actuals.group_by("person_id", "kpi", "period_end").len().filter(pl.col("len") > 1)
    assert repeated.height == 6
    plan_pairs = set(to_audit_frames(demo)["plan"].select("person_id", "kpi").iter_rows())
    assert set(actuals.select("person_id", "kpi").iter_rows()) == plan_pairs


def test_pulse_recognition_and_surveys_cover_only_people_in_the_plan(demo: DemoOrg) -> None:
    frames = to_audit_frames(demo)
    planned = set(frames["plan"]["person_id"].to_list())
    assert len(planned) == 54
    assert set(frames["checkins"]["person_id"].to_list()) == planned
    assert set(frames["recognition"]["to_id"].to_list()) <= planned
    assert set(frames["surveys"]["person_id"].to_list()) <= planned
    head_office_checkins = [
        c for c in demo.checkins if c.employee_key in {"E002", "E003", "E004", "E005", "E006"}
    ]
    assert head_office_checkins and frames["checkins"].height == len(demo.checkins) - len(
        head_office_checkins
    )


def test_survey_answers_are_in_each_instruments_range_and_complete(demo: DemoOrg) -> None:
    answers: dict[tuple[str, str, date], list[int]] = defaultdict(list)
    for row in demo.survey_responses:
        low, high = RANGES[row.instrument]
        assert low <= row.response <= high
        answers[(row.person_key, row.instrument, row.date)].append(row.item)
    for (_, instrument, _), items in answers.items():
        assert sorted(items) == list(range(1, ITEMS[instrument] + 1))


def test_two_rounds_about_three_months_apart_with_a_realistic_response_rate(demo: DemoOrg) -> None:
    rounds = survey_rounds(demo)
    assert len(rounds) == 2
    starts = [min(r.date for r in rows) for rows in rounds]
    ends = [max(r.date for r in rows) for rows in rounds]
    assert starts == [date(2026, 8, 15), date(2026, 11, 14)]
    assert all((end - start).days <= 4 for start, end in zip(starts, ends, strict=True))
    invited = 54
    for rows in rounds:
        respondents = {r.person_key for r in rows}
        assert 0.8 <= len(respondents) / invited <= 0.9


def test_item_answers_add_up_to_the_drawn_score() -> None:
    rng = np.random.default_rng(5)
    assert sum(spread(rng, 13, 5, 5)) == 13
    assert spread(rng, 40, 5, 5) == [5, 5, 5, 5, 5]  # clamped to the maximum
    assert 4 * sum(who5_items(rng, 60.0)) == 60  # WHO-5 percentage = 4 x raw
    work = cbi_items(rng, 50.0, 7, reversed_item=4)
    points = [25 * (4 - r if item == 4 else r) for item, r in enumerate(work, start=1)]
    assert sum(points) / 7 == 50.0  # round(50 x 7 / 25) = 14 intensity steps of 25 points


def test_check_in_rhythm_differs_by_team(demo: DemoOrg) -> None:
    per_person = Counter(c.employee_key for c in demo.checkins)
    assert min(per_person[p.key] for p in demo.people if p.team_key == "care") >= 48
    assert max(per_person[p.key] for p in demo.people if p.team_key == "delivery" and p.key != "E048") <= 10
    assert per_person["E056"] == 1  # the delivery new hire's onboarding check-in
