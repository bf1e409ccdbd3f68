"""Who may see Emma's KPI page, told as sentences about the personas."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kpiwell.org.models import Person
from kpiwell.org.selectors import people_visible_to
from kpiwell.testing.personas import Personas

pytestmark = pytest.mark.django_db


def page_of(person: Person) -> str:
    return reverse("person-detail", args=[person.pk])


def client_for(person: Person | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person.user)
    return client


@pytest.mark.parametrize(
    ("viewer", "expected_status"),
    [
        ("employee", 200),
        ("manager", 200),
        ("skip_level", 200),
        ("hr", 200),
        ("peer", 404),
    ],
)
def test_who_sees_the_employees_kpis(personas: Personas, viewer: str, expected_status: int) -> None:
    response = client_for(getattr(personas, viewer)).get(page_of(personas.employee))

    assert response.status_code == expected_status
    shows_kpi = "Orders fulfilled on time" in response.content.decode()
    assert shows_kpi is (expected_status == 200)


def test_an_anonymous_visitor_is_sent_to_log_in(personas: Personas) -> None:
    response = Client().get(page_of(personas.employee))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_peer_cannot_tell_a_hidden_page_from_a_missing_one(personas: Personas) -> None:
    client = client_for(personas.peer)

    hidden = client.get(page_of(personas.employee))
    missing = client.get(reverse("person-detail", args=[999_999]))

    assert hidden.status_code == missing.status_code == 404


def test_an_employee_cannot_see_their_managers_kpis(personas: Personas) -> None:
    response = client_for(personas.employee).get(page_of(personas.manager))

    assert response.status_code == 404


def test_a_manager_does_not_see_their_own_managers_page(personas: Personas) -> None:
    response = client_for(personas.manager).get(page_of(personas.skip_level))

    assert response.status_code == 404


def test_the_measurement_history_follows_the_same_rules(personas: Personas) -> None:
    url = reverse("measurement-history", args=[personas.employee.pk, personas.kpi.pk])

    assert client_for(personas.manager).get(url).status_code == 200
    assert client_for(personas.peer).get(url).status_code == 404


def test_visibility_sets_per_persona(personas: Personas) -> None:
    def names(person: Person) -> set[str]:
        return set(people_visible_to(user=person.user).values_list("user__username", flat=True))

    assert names(personas.employee) == {"emma"}
    assert names(personas.peer) == {"peter"}
    assert names(personas.manager) == {"mai", "emma", "peter"}
    assert names(personas.skip_level) == {"sam", "mai", "emma", "peter"}
    assert names(personas.hr) == {"sam", "mai", "emma", "peter", "hana"}


def test_the_people_list_shows_only_the_visible_people(personas: Personas) -> None:
    body = client_for(personas.manager).get(reverse("people-list")).content.decode()

    assert f'href="/people/{personas.employee.pk}/"' in body
    assert f'href="/people/{personas.peer.pk}/"' in body
    assert f'href="/people/{personas.skip_level.pk}/"' not in body
    assert "Hana Đỗ" not in body
