"""Writes of check-ins (the 1:1 workflow itself comes with its own issue)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kpiwell.checkins.models import CheckIn
from kpiwell.core.services import audit_log_record, snapshot
from kpiwell.org.models import Person
from kpiwell.org.services import AnyUser


@transaction.atomic
def checkin_create(
    *,
    actor: AnyUser,
    manager: Person,
    employee: Person,
    date: dt.date,
    mood: int | None = None,
    workload: int | None = None,
    shared_notes: str = "",
) -> CheckIn:
    if manager.pk == employee.pk:
        raise ValidationError(_("A check-in is between two people."))
    checkin = CheckIn(
        manager=manager, employee=employee, date=date, mood=mood, workload=workload, shared_notes=shared_notes
    )
    checkin.full_clean()
    checkin.save()
    audit_log_record(
        actor=actor,
        action="checkins.checkin.created",
        instance=checkin,
        after=snapshot(checkin, ["manager_id", "employee_id", "date"]),
    )
    return checkin


@transaction.atomic
def checkins_import(*, actor: AnyUser, checkins: list[CheckIn], source: str) -> int:
    """Bring in many check-ins at once; all validated first, one audit-log entry for the import."""
    for checkin in checkins:
        if checkin.manager_id == checkin.employee_id:
            raise ValidationError(_("A check-in is between two people."))
        checkin.full_clean(exclude=["manager", "employee"])
    CheckIn.objects.bulk_create(checkins, batch_size=2000)
    if checkins:
        audit_log_record(
            actor=actor,
            action="checkins.checkins.imported",
            instance=checkins[0].employee.organisation,
            after={"source": source, "rows": len(checkins)},
        )
    return len(checkins)
