"""Writes of recognition (the recognition workflow comes with its own issue)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kpiwell.core.services import audit_log_record, snapshot
from kpiwell.kpis.models import Kpi
from kpiwell.org.models import Person
from kpiwell.org.services import AnyUser
from kpiwell.recognition.models import Recognition


@transaction.atomic
def recognition_give(
    *,
    actor: AnyUser,
    giver: Person,
    receiver: Person,
    date: dt.date,
    note: str,
    kind: str = Recognition.Kind.PRAISE,
    kpi: Kpi | None = None,
) -> Recognition:
    if giver.pk == receiver.pk:
        raise ValidationError(_("Recognition goes to someone else."))
    if not note.strip():
        raise ValidationError({"note": _("Say what you are recognising.")})
    recognition = Recognition(
        giver=giver, receiver=receiver, date=date, kind=kind, note=note.strip(), kpi=kpi
    )
    recognition.full_clean()
    recognition.save()
    audit_log_record(
        actor=actor, action="recognition.recognition.given", instance=recognition, after=snapshot(recognition)
    )
    return recognition


@transaction.atomic
def recognition_import(*, actor: AnyUser, items: list[Recognition], source: str) -> int:
    """Bring in many recognitions at once; all validated first, one audit-log entry for the import."""
    for item in items:
        if item.giver_id == item.receiver_id:
            raise ValidationError(_("Recognition goes to someone else."))
        item.full_clean(exclude=["giver", "receiver", "kpi"])
    Recognition.objects.bulk_create(items, batch_size=2000)
    if items:
        audit_log_record(
            actor=actor,
            action="recognition.recognition.imported",
            instance=items[0].receiver.organisation,
            after={"source": source, "rows": len(items)},
        )
    return len(items)
