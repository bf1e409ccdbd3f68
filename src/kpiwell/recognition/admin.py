from __future__ import annotations

from django.contrib import admin

from kpiwell.core.admin import ReadOnlyAdmin
from kpiwell.recognition.models import Recognition


@admin.register(Recognition)
class RecognitionAdmin(ReadOnlyAdmin):
    list_display = ("date", "giver", "receiver", "kind", "kpi")
    list_filter = ("kind",)
    date_hierarchy = "date"
