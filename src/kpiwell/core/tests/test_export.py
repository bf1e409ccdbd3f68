"""`kpiwell export`: the audit's input files from the database, HR only, audit-logged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from kpiwell.checkins.services import checkin_create
from kpiwell.core.models import AuditLogEntry
from kpiwell.kpis.services import assignment_revise, measurement_record
from kpiwell.recognition.services import recognition_give
from kpiwell.surveys.services import survey_answers_record
from kpiwell.testing.personas import Personas

pytestmark = pytest.mark.django_db


def fill(personas: Personas) -> None:
    for when, value in [
        (dt.datetime(2026, 8, 3, 9, tzinfo=dt.UTC), 42.0),
        (dt.datetime(2026, 8, 4, 9, tzinfo=dt.UTC), 47.0),
    ]:
        measurement_record(
            actor=None,
            person=personas.employee,
            kpi=personas.kpi,
            period_end=dt.date(2026, 8, 2),
            value=value,
            recorded_at=when,
        )
    assignment_revise(
        actor=personas.manager.user,
        assignment=personas.assignment,
        target=90.0,
        reason="Road works",
        effective_from=dt.date(2026, 9, 1),
        at=dt.datetime(2026, 9, 1, 3, tzinfo=dt.UTC),
    )
    checkin_create(
        actor=None,
        manager=personas.manager,
        employee=personas.employee,
        date=dt.date(2026, 8, 5),
        mood=4,
        workload=3,
    )
    recognition_give(
        actor=None,
        giver=personas.manager,
        receiver=personas.employee,
        date=dt.date(2026, 8, 6),
        note="Great week",
    )
    survey_answers_record(
        actor=None,
        person=personas.employee,
        instrument="who5",
        date=dt.date(2026, 8, 7),
        answers={1: 5, 2: 4},
    )


def test_hr_exports_the_plan_and_actuals_in_the_audit_formats(personas: Personas, tmp_path: Path) -> None:
    fill(personas)

    call_command("export", "--out", str(tmp_path), "--as", "hana", "--cycle", "H2 2026")

    plan = pl.read_csv(tmp_path / "plan.csv")
    emma = plan.filter(pl.col("kpi") == "Orders fulfilled on time").row(0, named=True)
    assert plan.height == 2
    assert emma["person_id"] == personas.employee.external_id
    assert emma["team"] == "District 1 store"
    assert emma["parent_team"] == "Retail"
    assert emma["manager_id"] == personas.manager.external_id
    assert emma["target"] == 90.0
    assert emma["set_by"] == "co-created"
    assert emma["revised_on"] == "2026-09-01"
    assert (emma["cycle_start"], emma["cycle_end"]) == ("2026-07-01", "2026-12-31")
    actuals = pl.read_csv(tmp_path / "actuals.csv")
    assert actuals["value"].to_list() == [42.0, 47.0]
    assert actuals["recorded_at"].to_list() == ["2026-08-03T09:00:00", "2026-08-04T09:00:00"]
    checkins = pl.read_csv(tmp_path / "checkins.csv")
    assert checkins.select("mood", "workload").row(0) == (4, 3)
    recognition = pl.read_csv(tmp_path / "recognition.csv")
    assert recognition["to_id"].to_list() == [personas.employee.external_id]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "actuals.csv",
        "checkins.csv",
        "plan.csv",
        "recognition.csv",
    ]


def test_an_export_is_audit_logged(personas: Personas, tmp_path: Path) -> None:
    fill(personas)

    call_command("export", "--out", str(tmp_path), "--as", "hana", "--cycle", "H2 2026")

    entry = AuditLogEntry.objects.get(action="core.export.written")
    assert entry.actor == personas.hr.user
    assert entry.after == {
        "cycle": "H2 2026",
        "plan.csv": 2,
        "actuals.csv": 2,
        "checkins.csv": 1,
        "recognition.csv": 1,
    }


@pytest.mark.parametrize("username", ["emma", "mai", "sam"])
def test_only_hr_and_admins_may_export(personas: Personas, tmp_path: Path, username: str) -> None:
    with pytest.raises(CommandError, match="Only HR and admins"):
        call_command("export", "--out", str(tmp_path), "--as", username, "--cycle", "H2 2026")

    assert list(tmp_path.iterdir()) == []
    assert not AuditLogEntry.objects.filter(action="core.export.written").exists()


def test_survey_answers_never_leave_in_an_export(personas: Personas, tmp_path: Path) -> None:
    fill(personas)

    call_command("export", "--out", str(tmp_path), "--as", "hana", "--cycle", "H2 2026")

    written = " ".join(path.read_text(encoding="utf-8") for path in tmp_path.iterdir())
    assert "who5" not in written
    assert not (tmp_path / "surveys.csv").exists()
