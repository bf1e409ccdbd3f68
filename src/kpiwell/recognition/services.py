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
    recognition = Recognition(giver=giver, receiver=receiver, date=date, kind=kind, note=note.strip(), kpi=kpi)
    recognition.full_clean()
    recognition.save()
    audit_log_record(
        actor=actor, action="recognition.recognition.given", instance=recognition, after=snapshot(recognition)
    )
    return recognition
