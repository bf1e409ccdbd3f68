"""The platform shell: health check, admin boundaries, languages, audit log."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from kpiwell.core.appendonly import AppendOnlyError
from kpiwell.core.models import AuditLogEntry
from kpiwell.kpis.models import Measurement, TargetRevision
from kpiwell.org.services import person_create, team_create
from kpiwell.surveys.models import SurveyResponse
from kpiwell.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_logging_in(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_survey_answers_are_never_in_the_admin() -> None:
    assert SurveyResponse not in admin.site._registry


@pytest.mark.parametrize("model", [Measurement, TargetRevision, AuditLogEntry])
def test_history_is_read_only_in_the_admin(personas: Personas, model: type) -> None:
    client = Client()
    client.force_login(personas.hr.user)
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

    assert client.get(changelist).status_code == 200
    assert client.get(add).status_code == 403


def test_employees_cannot_open_the_admin(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.employee.user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302


def test_admin_edits_are_audit_logged(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.hr.user)
    url = reverse("admin:org_team_change", args=[personas.store.pk])

    response = client.post(
        url,
        {
            "organisation": personas.organisation.pk,
            "name": "District 1 flagship",
            "parent": personas.division.pk,
        },
    )

    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(action="admin.org.team.changed")
    assert entry.before is not None and entry.before["name"] == "District 1 store"
    assert entry.after is not None and entry.after["name"] == "District 1 flagship"
    assert entry.actor == personas.hr.user


def test_nothing_can_be_deleted_from_the_admin(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.hr.user)

    response = client.get(reverse("admin:org_team_delete", args=[personas.store.pk]))

    assert response.status_code == 403


def test_services_write_the_audit_log_and_it_cannot_be_edited(personas: Personas) -> None:
    team = team_create(actor=personas.hr.user, organisation=personas.organisation, name="Warehouse")

    entry = AuditLogEntry.objects.get(action="org.team.created", object_id=str(team.pk))
    assert entry.after is not None and entry.after["name"] == "Warehouse"
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.filter(pk=entry.pk).delete()


def test_pages_speak_vietnamese_when_asked(personas: Personas) -> None:
    client = Client(headers={"accept-language": "vi"})
    client.force_login(personas.employee.user)

    body = client.get(reverse("person-detail", args=[personas.employee.pk])).content.decode()

    assert 'lang="vi"' in body
    assert "Đăng xuất" in body  # "Log out"


def test_the_login_page_is_served_with_vendored_assets_only(client: Client) -> None:
    body = client.get(reverse("login")).content.decode()

    assert "/static/kpiwell/js/htmx.min.js" in body
    assert "https://" not in body
    assert client.get("/static/kpiwell/js/htmx.min.js").status_code == 200


@pytest.mark.real_hashers
def test_passwords_are_hashed_with_argon2(personas: Personas) -> None:
    person = person_create(
        actor=None,
        organisation=personas.organisation,
        external_id="E900",
        username="new.starter",
        full_name="New Starter",
        team=personas.store,
        start_date=personas.cycle.start,
        password="a long enough passphrase",
    )

    assert person.user.password.startswith("argon2$")
    assert person.user.check_password("a long enough passphrase")


def test_hr_opens_the_kpi_health_audit_of_the_current_cycle(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.hr.user)

    response = client.get(reverse("organisation-audit"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>KPI health audit</h1>" in body
    assert "https://" not in body


@pytest.mark.parametrize("persona", ["employee", "manager", "skip_level"])
def test_only_hr_and_admins_see_the_organisation_audit(personas: Personas, persona: str) -> None:
    client = Client()
    client.force_login(getattr(personas, persona).user)

    assert client.get(reverse("organisation-audit")).status_code == 404
