from __future__ import annotations

from django.contrib import admin

from kpiwell.core.admin import AuditedAdmin
from kpiwell.org.models import Organisation, Person, Team


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "slug", "default_language")


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ("name", "parent", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("full_name", "external_id", "team", "manager", "job_title", "is_hr", "is_active")
    list_filter = ("team", "is_hr", "is_active")
    search_fields = ("full_name", "external_id", "user__username")
    raw_id_fields = ("user", "manager")
