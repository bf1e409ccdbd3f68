from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kpiwell.core.admin import AuditedAdmin, ReadOnlyAdmin
from kpiwell.kpis.models import Assignment, Cycle, Kpi, Measurement, Objective, TargetRevision


@admin.register(Objective)
class ObjectiveAdmin(AuditedAdmin):
    list_display = ("title", "team", "parent")
    search_fields = ("title",)


@admin.register(Kpi)
class KpiAdmin(AuditedAdmin):
    list_display = ("name", "kind", "unit", "direction", "period", "objective")
    list_filter = ("kind", "direction", "period")
    search_fields = ("name",)


@admin.register(Cycle)
class CycleAdmin(AuditedAdmin):
    list_display = ("name", "start", "end")


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdmin):
    """Drafts and proposals can be edited here; agreed targets change only through a revision
    (with its reason and effective date), which the admin cannot bypass."""

    list_display = ("person", "kpi", "cycle", "target", "weight", "set_by", "status")
    list_filter = ("cycle", "status", "set_by")
    search_fields = ("person__full_name", "kpi__name")
    raw_id_fields = ("person",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and obj.status not in {Assignment.Status.DRAFT, Assignment.Status.PROPOSED}:
            return tuple(f.name for f in Assignment._meta.fields)
        return ("status",)


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ("person", "kpi", "period_end", "value", "recorded_at", "recorded_by")
    list_filter = ("kpi",)
    search_fields = ("person__full_name",)
    date_hierarchy = "period_end"


@admin.register(TargetRevision)
class TargetRevisionAdmin(ReadOnlyAdmin):
    list_display = (
        "assignment",
        "old_target",
        "new_target",
        "reason",
        "revised_by",
        "revised_at",
        "effective_from",
    )
    date_hierarchy = "revised_at"
