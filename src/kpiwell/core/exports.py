"""The organisation's KPI data as the audit engine's input frames (and as the CSV export).

One query per table, never one per person; the frames conform to
``kpiwell.engine.audit.frames``, so the same data feeds ``kpiwell audit`` files, the export and,
later, the in-app dashboards. Survey answers are never part of it: they belong to the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
from django.conf import settings
from django.db.models import F, Max

from kpiwell.checkins.models import CheckIn
from kpiwell.engine.audit.frames import (
    ACTUALS_SCHEMA,
    CHECKINS_SCHEMA,
    PLAN_SCHEMA,
    RECOGNITION_SCHEMA,
    conform,
    empty,
)
from kpiwell.kpis.models import Assignment, Cycle, Measurement
from kpiwell.org.models import Organisation
from kpiwell.org.selectors import AnyUser, viewer_roles
from kpiwell.recognition.models import Recognition


class ExportNotAllowedError(PermissionError):
    """Only HR and admins export the organisation's KPI data."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFrames:
    cycle: Cycle
    plan: pl.DataFrame
    actuals: pl.DataFrame
    checkins: pl.DataFrame
    recognition: pl.DataFrame


# Django refuses an alias that shadows a model field (``person_id``, ``kpi``, ``manager_id``), so
# queries add a trailing underscore and the frame gets the real name back here.
_SHADOWED = {"person_id_": "person_id", "kpi_": "kpi", "manager_id_": "manager_id"}


def _frame(records: Iterable[Mapping[str, Any]], schema: dict[str, Any]) -> pl.DataFrame:
    """Rows named after the frame's columns, conformed to its schema; blank text becomes null."""
    rows = [dict(record) for record in records]
    if not rows:
        return empty(schema)
    frame = pl.DataFrame(rows, infer_schema_length=None)
    frame = frame.rename({old: new for old, new in _SHADOWED.items() if old in frame.columns})
    blanks = [
        pl.when(pl.col(name).str.strip_chars() == "").then(None).otherwise(pl.col(name)).alias(name)
        for name, dtype in schema.items()
        if dtype == pl.Utf8 and name in frame.columns and frame.schema[name] == pl.Utf8
    ]
    return conform(frame.with_columns(blanks), schema)


def audit_frames(*, viewer: AnyUser, organisation: Organisation, cycle: Cycle) -> AuditFrames:
    roles = viewer_roles(user=viewer)
    if not (roles.is_admin or (roles.is_hr and roles.organisation_id == organisation.pk)):
        raise ExportNotAllowedError("Only HR and admins can export the organisation's KPI data.")

    zone = ZoneInfo(settings.TIME_ZONE)
    assignments = list(
        Assignment.objects.filter(cycle=cycle, person__is_active=True)
        .order_by("person__external_id", "kpi__name")
        .values(
            "target",
            "baseline",
            "commit",
            "stretch",
            "weight",
            "set_by",
            person_pk=F("person_id"),
            kpi_pk=F("kpi_id"),
            person_id_=F("person__external_id"),
            person_name=F("person__full_name"),
            manager_id_=F("person__manager__external_id"),
            team=F("person__team__name"),
            parent_team=F("person__team__parent__name"),
            kpi_=F("kpi__name"),
            kind=F("kpi__kind"),
            direction=F("kpi__direction"),
            unit=F("kpi__unit"),
            period=F("kpi__period"),
            purpose=F("kpi__purpose"),
            last_revised=Max("revisions__revised_at"),
        )
    )
    plan = _frame(
        [
            {
                **a,
                "revised_on": a["last_revised"].astimezone(zone).date() if a["last_revised"] else None,
                "cycle_start": cycle.start,
                "cycle_end": cycle.end,
            }
            for a in assignments
        ],
        PLAN_SCHEMA,
    )

    pairs = {(a["person_pk"], a["kpi_pk"]) for a in assignments}
    measurements = (
        Measurement.objects.filter(
            person_id__in={person for person, _ in pairs}, kpi_id__in={kpi for _, kpi in pairs}
        )
        .order_by("person__external_id", "kpi__name", "period_end", "recorded_at", "id")
        .values(
            "period_end",
            "value",
            "recorded_at",
            person_pk=F("person_id"),
            kpi_pk=F("kpi_id"),
            person_id_=F("person__external_id"),
            kpi_=F("kpi__name"),
        )
    )
    actuals = _frame(
        [
            {**m, "recorded_at": m["recorded_at"].astimezone(dt.UTC).replace(tzinfo=None)}
            for m in measurements
            if (m["person_pk"], m["kpi_pk"]) in pairs
        ],
        ACTUALS_SCHEMA,
    )

    people = {person for person, _ in pairs}
    checkins = _frame(
        (
            CheckIn.objects.filter(employee_id__in=people)
            .order_by("employee__external_id", "date", "id")
            .values(
                "date",
                "mood",
                "workload",
                person_id_=F("employee__external_id"),
                manager_id_=F("manager__external_id"),
            )
        ),
        CHECKINS_SCHEMA,
    )
    recognition = _frame(
        (
            Recognition.objects.filter(receiver_id__in=people)
            .order_by("receiver__external_id", "date", "id")
            .values("date", "kind", "note", to_id=F("receiver__external_id"), from_id=F("giver__external_id"))
        ),
        RECOGNITION_SCHEMA,
    )
    return AuditFrames(cycle=cycle, plan=plan, actuals=actuals, checkins=checkins, recognition=recognition)
