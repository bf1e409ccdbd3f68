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
