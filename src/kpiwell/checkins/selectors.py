"""Reads of check-ins: a check-in is visible to its two participants only."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kpiwell.checkins.models import CheckIn
from kpiwell.org.selectors import AnyUser, person_for_user


def checkins_visible_to(*, user: AnyUser) -> QuerySet[CheckIn]:
    person = person_for_user(user=user)
    if person is None:
        return CheckIn.objects.none()
    return CheckIn.objects.filter(Q(manager=person) | Q(employee=person)).select_related(
        "manager", "employee"
    )
