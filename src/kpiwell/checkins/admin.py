"""Check-ins appear in the admin without their shared notes: those belong to the 1:1."""

from __future__ import annotations

from django.contrib import admin

from kpiwell.checkins.models import CheckIn
from kpiwell.core.admin import ReadOnlyAdmin


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ("date", "manager", "employee")
    exclude = ("shared_notes", "mood", "workload")
    date_hierarchy = "date"
