"""The organisation's KPI data as the audit engine's input frames (and as the CSV export).

One query per table, never one per person; the frames conform to
``kpiwell.engine.audit.frames``, so the same data feeds ``kpiwell audit`` files, the export and,
later, the in-app dashboards. Survey answers are never part of it: they belong to the person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import polars as pl
from django.conf import settings
from django.db.models import Max

from kpiwell.checkins.models import CheckIn
from kpiwell.engine.audit.frames import (
    ACTUALS_SCHEMA,
    CHECKINS_SCHEMA,
    PLAN_SCHEMA,
    RECOGNITION_SCHEMA,
    conform,
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


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def audit_frames(*, viewer: AnyUser, organisation: Organisation, cycle: Cycle) -> AuditFrames:
    roles = viewer_roles(user=viewer)
    if not (roles.is_admin or (roles.is_hr and roles.organisation_id == organisation.pk)):
        raise ExportNotAllowedError("Only HR and admins can export the organisation's KPI data.")

    assignments = list(
        Assignment.objects.filter(cycle=cycle, person__is_active=True)
        .annotate(last_revised=Max("revisions__revised_at"))
        .values(
            "person_id",
            "kpi_id",
            "person__external_id",
            "person__full_name",
            "person__manager__external_id",
            "person__team__name",
            "person__team__parent__name",
            "kpi__name",
            "kpi__kind",
            "kpi__direction",
            "kpi__unit",
            "kpi__period",
            "kpi__purpose",
            "target",
            "baseline",
            "commit",
            "stretch",
            "weight",
            "set_by",
            "last_revised",
        )
        .order_by("person__external_id", "kpi__name")
    )
    plan = conform(
        pl.DataFrame(
            {
                "person_id": [a["person__external_id"] for a in assignments],
                "person_name": [a["person__full_name"] for a in assignments],
                "manager_id": [a["person__manager__external_id"] for a in assignments],
                "team": [a["person__team__name"] for a in assignments],
                "parent_team": [a["person__team__parent__name"] for a in assignments],
                "kpi": [a["kpi__name"] for a in assignments],
                "kind": [a["kpi__kind"] for a in assignments],
                "direction": [a["kpi__direction"] for a in assignments],
                "unit": [a["kpi__unit"] or None for a in assignments],
                "period": [a["kpi__period"] for a in assignments],
                "target": [a["target"] for a in assignments],
                "baseline": [a["baseline"] for a in assignments],
                "commit": [a["commit"] for a in assignments],
                "stretch": [a["stretch"] for a in assignments],
                "weight": [a["weight"] for a in assignments],
                "purpose": [a["kpi__purpose"] or None for a in assignments],
                "set_by": [a["set_by"] or None for a in assignments],
                "revised_on": [_local_date(a["last_revised"]) for a in assignments],
                "cycle_start": [cycle.start] * len(assignments),
                "cycle_end": [cycle.end] * len(assignments),
            },
            schema_overrides={k: v for k, v in PLAN_SCHEMA.items()},
        ),
        PLAN_SCHEMA,
    )

    pairs = {(a["person_id"], a["kpi_id"]) for a in assignments}
    person_ids = {person for person, _ in pairs}
    kpi_ids = {kpi for _, kpi in pairs}
    rows = [
        m
        for m in Measurement.objects.filter(person_id__in=person_ids, kpi_id__in=kpi_ids)
        .values(
            "person_id", "kpi_id", "person__external_id", "kpi__name", "period_end", "value", "recorded_at"
        )
        .order_by("person__external_id", "kpi__name", "period_end", "recorded_at", "id")
        if (m["person_id"], m["kpi_id"]) in pairs
    ]
    actuals = conform(
        pl.DataFrame(
            {
                "person_id": [m["person__external_id"] for m in rows],
                "kpi": [m["kpi__name"] for m in rows],
                "period_end": [m["period_end"] for m in rows],
                "value": [m["value"] for m in rows],
                "recorded_at": [_naive_utc(m["recorded_at"]) for m in rows],
            },
            schema_overrides={k: v for k, v in ACTUALS_SCHEMA.items()},
        ),
        ACTUALS_SCHEMA,
    )

    checkins = list(
        CheckIn.objects.filter(employee_id__in=person_ids)
        .values("employee__external_id", "date", "manager__external_id", "mood", "workload")
        .order_by("employee__external_id", "date", "id")
    )
    checkin_frame = conform(
        pl.DataFrame(
            {
                "person_id": [c["employee__external_id"] for c in checkins],
                "date": [c["date"] for c in checkins],
                "manager_id": [c["manager__external_id"] for c in checkins],
                "mood": [c["mood"] for c in checkins],
                "workload": [c["workload"] for c in checkins],
            },
            schema_overrides={k: v for k, v in CHECKINS_SCHEMA.items()},
        ),
        CHECKINS_SCHEMA,
    )

    recognitions = list(
        Recognition.objects.filter(receiver_id__in=person_ids)
        .values("receiver__external_id", "date", "giver__external_id", "kind", "note")
        .order_by("receiver__external_id", "date", "id")
    )
    recognition_frame = conform(
        pl.DataFrame(
            {
                "to_id": [r["receiver__external_id"] for r in recognitions],
                "date": [r["date"] for r in recognitions],
                "from_id": [r["giver__external_id"] for r in recognitions],
                "kind": [r["kind"] for r in recognitions],
                "note": [r["note"] for r in recognitions],
            },
            schema_overrides={k: v for k, v in RECOGNITION_SCHEMA.items()},
        ),
        RECOGNITION_SCHEMA,
    )
    return AuditFrames(
        cycle=cycle, plan=plan, actuals=actuals, checkins=checkin_frame, recognition=recognition_frame
    )
