"""The REST API applies the same access rules as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kpiwell.kpis.services import measurement_record
from kpiwell.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_a_manager_reads_a_reports_kpis_as_json(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.manager.user)

    response = client.get(f"/api/v1/people/{personas.employee.pk}/kpis?cycle={personas.cycle.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["person_id"] == personas.employee.external_id
    assert body["cycle"] == "H2 2026"
    assert [(a["kpi"], a["target"], a["set_by"]) for a in body["assignments"]] == [
        ("Orders fulfilled on time", 100.0, "co-created")
    ]


def test_a_peer_gets_404_from_the_api(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.peer.user)

    assert client.get(f"/api/v1/people/{personas.employee.pk}/kpis").status_code == 404
    assert (
        client.get(f"/api/v1/people/{personas.employee.pk}/kpis/{personas.kpi.pk}/measurements").status_code
        == 404
    )


def test_the_api_needs_a_login(personas: Personas) -> None:
    assert Client().get(f"/api/v1/people/{personas.employee.pk}/kpis").status_code == 401


def test_the_measurement_history_lists_corrections_in_order(personas: Personas) -> None:
    for day, value in [(3, 42.0), (4, 47.0)]:
        measurement_record(
            actor=None,
            person=personas.employee,
            kpi=personas.kpi,
            period_end=dt.date(2026, 8, 2),
            value=value,
            recorded_at=dt.datetime(2026, 8, day, 9, tzinfo=dt.UTC),
        )
    client = Client()
    client.force_login(personas.employee.user)

    rows = client.get(f"/api/v1/people/{personas.employee.pk}/kpis/{personas.kpi.pk}/measurements").json()

    assert [(r["value"], r["is_current"]) for r in rows] == [(42.0, False), (47.0, True)]


def test_the_api_documentation_is_served_without_a_cdn(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.employee.user)

    body = client.get("/api/v1/docs").content.decode()

    assert "cdn.jsdelivr" not in body
    assert "swagger-ui-bundle.js" in body
