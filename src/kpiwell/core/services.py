"""Writes of the platform core: the audit log.

Every service that changes state calls :func:`audit_log_record` inside its own transaction, so a
change and its log entry land together or not at all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction

from kpiwell.core.models import AuditLogEntry

Snapshot = dict[str, Any]
Actor = User | AnonymousUser | None  # who performed a change; None for the system itself


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> Snapshot:
    """The audited fields of ``instance`` as JSON-ready values (foreign keys as ids)."""
    names = fields or [
        f.attname for f in instance._meta.concrete_fields if not f.primary_key and f.attname != "password"
    ]
    return {name: _jsonable(getattr(instance, name)) for name in names}


@transaction.atomic
def audit_log_record(
    *,
    actor: Actor,
    action: str,
    instance: models.Model,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
) -> AuditLogEntry:
    entry = AuditLogEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        before=before,
        after=after,
    )
    entry.full_clean()
    entry.save()
    return entry
