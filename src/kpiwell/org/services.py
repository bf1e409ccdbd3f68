"""Writes of the organisation: every change is validated, atomic and audit-logged."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from kpiwell.core.services import Actor, audit_log_record, snapshot
from kpiwell.org.models import Organisation, Person, Team

AnyUser = Actor


@transaction.atomic
def organisation_create(
    *, actor: AnyUser, name: str, slug: str, default_language: str = "en"
) -> Organisation:
    organisation = Organisation(name=name, slug=slug, default_language=default_language)
    organisation.full_clean()
    organisation.save()
    audit_log_record(
        actor=actor, action="org.organisation.created", instance=organisation, after=snapshot(organisation)
    )
    return organisation


@transaction.atomic
def team_create(*, actor: AnyUser, organisation: Organisation, name: str, parent: Team | None = None) -> Team:
    team = Team(organisation=organisation, name=name, parent=parent)
    team.full_clean()
    team.save()
    audit_log_record(actor=actor, action="org.team.created", instance=team, after=snapshot(team))
    return team


@transaction.atomic
def person_create(
    *,
    actor: AnyUser,
    organisation: Organisation,
    external_id: str,
    username: str,
    full_name: str,
    team: Team,
    start_date: dt.date,
    email: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    manager: Person | None = None,
    job_title: str = "",
    is_hr: bool = False,
    is_admin: bool = False,
) -> Person:
    """Create a person and their login. ``password=None`` creates an account that cannot log in
    until a password is set (e.g. by a reset link); ``password_hash`` takes an already-hashed
    password, e.g. from an identity import."""
    user_model = get_user_model()
    user = user_model(username=username, email=email, is_staff=is_hr or is_admin, is_superuser=is_admin)
    if password_hash is not None:
        user.password = password_hash
    elif password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    person = Person(
        user=user,
        organisation=organisation,
        external_id=external_id.strip(),
        full_name=full_name,
        team=team,
        manager=manager,
        job_title=job_title,
        start_date=start_date,
        is_hr=is_hr,
    )
    person.full_clean()
    person.save()
    audit_log_record(actor=actor, action="org.person.created", instance=person, after=snapshot(person))
    return person


@transaction.atomic
def person_change_manager(*, actor: AnyUser, person: Person, manager: Person | None) -> Person:
    before = snapshot(person, ["manager_id"])
    person.manager = manager
    person.full_clean()
    person.save(update_fields=["manager"])
    audit_log_record(
        actor=actor,
        action="org.person.manager_changed",
        instance=person,
        before=before,
        after=snapshot(person, ["manager_id"]),
    )
    return person


@transaction.atomic
def person_deactivate(*, actor: AnyUser, person: Person) -> Person:
    """People who leave are deactivated, never deleted: their history stays."""
    before = snapshot(person, ["is_active"])
    person.is_active = False
    person.save(update_fields=["is_active"])
    user = person.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_log_record(
        actor=actor,
        action="org.person.deactivated",
        instance=person,
        before=before,
        after=snapshot(person, ["is_active"]),
    )
    return person
