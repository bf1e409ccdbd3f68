"""Reads of recognition: public praise is visible inside the organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from kpiwell.org.selectors import AnyUser, person_for_user
from kpiwell.recognition.models import Recognition


def recognition_received(*, user: AnyUser) -> QuerySet[Recognition]:
    person = person_for_user(user=user)
    if person is None:
        return Recognition.objects.none()
    return Recognition.objects.filter(receiver=person).select_related("giver", "kpi")
