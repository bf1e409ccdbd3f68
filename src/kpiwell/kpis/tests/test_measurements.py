"""Measurements are append-only and bitemporal: a correction is a new row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from kpiwell.core.appendonly import AppendOnlyError
from kpiwell.core.models import AuditLogEntry
from kpiwell.kpis.models import Kpi, Measurement
from kpiwell.kpis.selectors import measurement_history, person_overview
from kpiwell.kpis.services import measurement_record
from kpiwell.testing.factories import KpiFactory
from kpiwell.testing.personas import Personas

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 8, 2)


def record(personas: Personas, value: float, when: dt.datetime) -> Measurement:
    return measurement_record(
        actor=personas.manager.user,
        person=personas.employee,
        kpi=personas.kpi,
        period_end=WEEK,
        value=value,
        recorded_at=when,
    )


def test_a_correction_adds_a_row_and_the_old_value_stays_readable(personas: Personas) -> None:
    first = record(personas, 42.0, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
    record(personas, 47.0, dt.datetime(2026, 8, 4, 9, 0, tzinfo=dt.UTC))

    rows = measurement_history(
        viewer=personas.employee.user, person_id=personas.employee.pk, kpi_id=personas.kpi.pk
    )

    assert rows is not None
    assert [(r.value, r.is_current) for r in rows] == [(42.0, False), (47.0, True)]
    first.refresh_from_db()
    assert first.value == 42.0
    assert Measurement.objects.filter(person=personas.employee, kpi=personas.kpi).count() == 2


def test_the_current_value_of_a_period_is_its_latest_row(personas: Personas) -> None:
    record(personas, 42.0, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
    record(personas, 47.0, dt.datetime(2026, 8, 4, 9, 0, tzinfo=dt.UTC))

    overview = person_overview(
        viewer=personas.employee.user, person_id=personas.employee.pk, today=dt.date(2026, 8, 10)
    )

    assert overview is not None
    (view,) = overview.assignments
    assert view.latest_value == 47.0
    assert view.periods_reported == 1


def test_a_missing_period_is_missing_not_zero(personas: Personas) -> None:
    record(personas, 42.0, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
    measurement_record(
        actor=None, person=personas.employee, kpi=personas.kpi, period_end=dt.date(2026, 8, 16), value=50.0
    )

    overview = person_overview(
        viewer=personas.employee.user, person_id=personas.employee.pk, today=dt.date(2026, 8, 20)
    )

    assert overview is not None
    assert overview.assignments[0].recent == ((WEEK, 42.0), (dt.date(2026, 8, 16), 50.0))


def test_saving_an_existing_measurement_again_is_refused(personas: Personas) -> None:
    row = record(personas, 42.0, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
    row.value = 99.0

    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        Measurement.objects.filter(pk=row.pk).update(value=99.0)
    with pytest.raises(AppendOnlyError):
        row.delete()
    assert Measurement.objects.get(pk=row.pk).value == 42.0


def test_the_database_itself_refuses_to_rewrite_history(personas: Personas) -> None:
    row = record(personas, 42.0, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
    table = Measurement._meta.db_table

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = 99 WHERE id = %s", [row.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])
    assert Measurement.objects.get(pk=row.pk).value == 42.0


def test_a_correction_is_logged_with_the_value_it_replaces(personas: Personas) -> None:
    record(personas, 42.0, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
    second = record(personas, 47.0, dt.datetime(2026, 8, 4, 9, 0, tzinfo=dt.UTC))

    entry = AuditLogEntry.objects.get(action="kpis.measurement.corrected")

    assert entry.object_id == str(second.pk)
    assert entry.before is not None and entry.before["value"] == 42.0
    assert entry.after is not None and entry.after["value"] == 47.0
    assert entry.actor == personas.manager.user


def test_a_qualitative_rating_outside_1_to_5_is_refused_and_nothing_is_stored(personas: Personas) -> None:
    rubric = {"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"}
    teamwork = KpiFactory(organisation=personas.organisation, kind=Kpi.Kind.QUALITATIVE, rubric=rubric)

    with pytest.raises(ValidationError):
        measurement_record(actor=None, person=personas.employee, kpi=teamwork, period_end=WEEK, value=6)

    assert Measurement.objects.filter(kpi=teamwork).count() == 0
