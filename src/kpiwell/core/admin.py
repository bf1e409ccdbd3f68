"""Admin building blocks: who may use the admin, audited edits, and read-only history.

The admin is for HR and admins. Edits made there go through the audit log like any other state
change; append-only tables (measurements, revisions, the audit log itself) are read-only; and
nothing is ever deleted from the admin: people are deactivated, cycles closed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from kpiwell.core.models import AuditLogEntry
from kpiwell.core.services import audit_log_record, snapshot


def is_hr_or_admin(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_active or not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    person = getattr(user, "person", None)
    return bool(person is not None and person.is_hr and person.is_active)


class HrAdminMixin:
    """Gives HR and admins access by role (not by per-model permissions) and forbids deletion."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_hr_or_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_hr_or_admin(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_hr_or_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_hr_or_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(HrAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Edits through the admin are logged with before/after, like the services' writes."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = None
            if change and obj.pk is not None:
                previous = type(obj).objects.filter(pk=obj.pk).first()  # type: ignore[attr-defined]
                before = snapshot(previous) if previous is not None else None
            super().save_model(request, obj, form, change)
            label = obj._meta.label_lower
            audit_log_record(
                actor=request.user,
                action=f"admin.{label}.{'changed' if change else 'created'}",
                instance=obj,
                before=before,
                after=snapshot(obj),
            )


class ReadOnlyAdmin(HrAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """For append-only history: visible, never editable."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_id")
    date_hierarchy = "at"


def _admin_site_permission(request: HttpRequest) -> bool:
    return is_hr_or_admin(request)


admin.site.has_permission = _admin_site_permission  # type: ignore[method-assign]
