"""Reads of the organisation, and the one place where "who may see whose KPI data" is decided.

The rules:

- an anonymous visitor sees nobody;
- everyone sees their own data;
- a manager sees the KPI data of everyone in their reporting line (direct reports and, through
  them, skip-level reports);
- HR sees the whole organisation's KPI data;
- an admin (Django superuser) sees everything.

Peers never see each other's KPI data. Confidential survey answers are outside these rules
entirely: they are visible only to the respondent (see ``kpiwell.surveys.selectors``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from kpiwell.org.models import Person, Team

AnyUser = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewerRoles:
    person_id: int | None
    full_name: str
    organisation_id: int | None
    is_manager: bool
    is_hr: bool
    is_admin: bool

    @property
    def sees_organisation(self) -> bool:
        return self.is_hr or self.is_admin


def person_for_user(*, user: AnyUser) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.select_related("team", "organisation").filter(user_id=user.pk).first()


def viewer_roles(*, user: AnyUser) -> ViewerRoles:
    person = person_for_user(user=user)
    is_admin = bool(user.is_authenticated and getattr(user, "is_superuser", False))
    if person is None:
        return ViewerRoles(
            person_id=None,
            full_name=str(getattr(user, "username", "")),
            organisation_id=None,
            is_manager=False,
            is_hr=False,
            is_admin=is_admin,
        )
    return ViewerRoles(
        person_id=person.pk,
        full_name=person.full_name,
        organisation_id=person.organisation_id,
        is_manager=Person.objects.filter(manager_id=person.pk, is_active=True).exists(),
        is_hr=person.is_hr,
        is_admin=is_admin,
    )


def reporting_line_ids(*, manager: Person) -> set[int]:
    """Ids of everyone below ``manager`` (direct and indirect reports), in one query."""
    edges = Person.objects.filter(organisation_id=manager.organisation_id).values_list("pk", "manager_id")
    children: dict[int, list[int]] = {}
    for pk, manager_id in edges:
        if manager_id is not None:
            children.setdefault(manager_id, []).append(pk)
    found: set[int] = set()
    frontier = [manager.pk]
    while frontier:
        node = frontier.pop()
        for child in children.get(node, []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def people_visible_to(*, user: AnyUser) -> QuerySet[Person]:
    """Everyone whose KPI data ``user`` may see."""
    if not user.is_authenticated:
        return Person.objects.none()
    if getattr(user, "is_superuser", False):
        return Person.objects.all()
    person = person_for_user(user=user)
    if person is None:
        return Person.objects.none()
    if person.is_hr:
        return Person.objects.filter(organisation_id=person.organisation_id)
    return Person.objects.filter(pk__in={person.pk} | reporting_line_ids(manager=person))


def can_view_person(*, user: AnyUser, person: Person) -> bool:
    return people_visible_to(user=user).filter(pk=person.pk).exists()


def person_get_visible(*, user: AnyUser, person_id: int) -> Person | None:
    """The person if ``user`` may see their KPI data; ``None`` both when absent and when hidden,
    so a page cannot reveal who exists."""
    return (
        people_visible_to(user=user)
        .select_related("team", "manager", "organisation", "user")
        .filter(pk=person_id)
        .first()
    )


def team_members_visible_to(*, user: AnyUser) -> QuerySet[Person]:
    """The viewer's reporting line (without the viewer), for the manager's team page."""
    person = person_for_user(user=user)
    if person is None:
        return Person.objects.none()
    return (
        Person.objects.filter(pk__in=reporting_line_ids(manager=person))
        .select_related("team", "manager")
        .order_by("team__name", "full_name")
    )


def team_subtree_ids(*, team: Team) -> set[int]:
    """Ids of ``team`` and every team below it."""
    edges = Team.objects.filter(organisation_id=team.organisation_id).values_list("pk", "parent_id")
    children: dict[int, list[int]] = {}
    for pk, parent_id in edges:
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found = {team.pk}
    frontier = [team.pk]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found
