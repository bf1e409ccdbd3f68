"""The demo organisation as the audit's normalised input frames (``kpiwell.engine.audit.frames``).

``plan`` is the current cycle; ``actuals`` are all measurement rows with their ``recorded_at``, so
corrections arrive as revisions. Check-ins, recognition and survey answers are limited to the
people in the plan (the head office carries no weekly KPI, so it is not audited).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from kpiwell.demo.model import DemoOrg
from kpiwell.engine.audit.frames import (
    ACTUALS_SCHEMA,
    CHECKINS_SCHEMA,
    PLAN_SCHEMA,
    RECOGNITION_SCHEMA,
    SURVEYS_SCHEMA,
    conform,
)


def _frame(rows: list[dict[str, Any]], schema: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    return conform(pl.DataFrame(rows, schema=schema), schema)


def to_audit_frames(demo: DemoOrg) -> dict[str, pl.DataFrame]:
    teams = {t.key: t for t in demo.teams}
    people = {p.key: p for p in demo.people}
    kpis = {k.key: k for k in demo.kpis}
    current = next(c for c in demo.cycles if c.key == demo.current_cycle_key)

    revised_on: dict[tuple[str, str], date] = {}
    for revision in demo.revisions:
        if revision.cycle_key != current.key:
            continue
        subject = (revision.person_key, revision.kpi_key)
        day = revision.revised_at.date()
        revised_on[subject] = max(day, revised_on.get(subject, day))

    plan_rows: list[dict[str, Any]] = []
    for assignment in demo.assignments:
        if assignment.cycle_key != current.key:
            continue
        person = people[assignment.person_key]
        team = teams[person.team_key]
        parent = teams[team.parent_key] if team.parent_key else None
        kpi = kpis[assignment.kpi_key]
        plan_rows.append(
            {
                "person_id": person.key,
                "person_name": person.full_name,
                "manager_id": person.manager_key,
                "team": team.name,
                "parent_team": parent.name if parent else None,
                "kpi": kpi.name,
                "kind": kpi.kind,
                "direction": kpi.direction,
                "unit": kpi.unit,
                "period": kpi.period,
                "target": assignment.target,
                "baseline": assignment.baseline,
                "commit": assignment.commit,
                "stretch": assignment.stretch,
                "weight": assignment.weight,
                "purpose": kpi.purpose,
                "set_by": assignment.set_by,
                "revised_on": revised_on.get((person.key, kpi.key)),
                "cycle_start": current.start,
                "cycle_end": current.end,
            }
        )
    planned = {row["person_id"] for row in plan_rows}

    actual_rows = [
        {
            "person_id": m.person_key,
            "kpi": kpis[m.kpi_key].name,
            "period_end": m.period_end,
            "value": m.value,
            "recorded_at": m.recorded_at,
        }
        for m in demo.measurements
        if m.person_key in planned
    ]
    checkin_rows = [
        {
            "person_id": c.employee_key,
            "date": c.date,
            "manager_id": c.manager_key,
            "mood": c.mood,
            "workload": c.workload,
        }
        for c in demo.checkins
        if c.employee_key in planned
    ]
    recognition_rows = [
        {"to_id": r.receiver_key, "date": r.date, "from_id": r.giver_key, "kind": r.kind, "note": r.note}
        for r in demo.recognitions
        if r.receiver_key in planned
    ]
    survey_rows = [
        {
            "person_id": s.person_key,
            "date": s.date,
            "instrument": s.instrument,
            "item": s.item,
            "response": s.response,
        }
        for s in demo.survey_responses
        if s.person_key in planned
    ]
    return {
        "plan": _frame(plan_rows, PLAN_SCHEMA),
        "actuals": _frame(actual_rows, ACTUALS_SCHEMA),
        "checkins": _frame(checkin_rows, CHECKINS_SCHEMA),
        "recognition": _frame(recognition_rows, RECOGNITION_SCHEMA),
        "surveys": _frame(survey_rows, SURVEYS_SCHEMA),
    }
