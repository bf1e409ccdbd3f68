"""Load the generated demo organisation into the database, through the app's services.

Kept apart from the generator (which is pure data) because this half needs Django. Everything
goes through services, so the demo's audit log reads like a real organisation's: people, KPIs,
cycles and assignments one by one; measurements, check-ins, recognition and survey answers as
bulk imports, one audit entry each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kpiwell.checkins.models import CheckIn
from kpiwell.checkins.services import checkins_import
from kpiwell.demo.generate import demo_password
from kpiwell.demo.model import DemoOrg, DemoPerson, DemoRevision
from kpiwell.kpis.models import Assignment, Cycle, Kpi, Objective
from kpiwell.kpis.services import (
    MeasurementInput,
    assignment_create,
    assignment_revise,
    cycle_create,
    kpi_create,
    kpi_import,
    measurements_import,
    objective_create,
)
from kpiwell.org.models import Organisation, Person, Team
from kpiwell.org.services import organisation_create, person_create, team_create
from kpiwell.recognition.models import Recognition
from kpiwell.recognition.services import recognition_import
from kpiwell.surveys.models import SurveyResponse
from kpiwell.surveys.services import survey_responses_import

DEMO_SLUG = "sen-vang"
DEMO_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the generator's naive datetimes are local time
SOURCE = "kpiwell demo generator"

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoLogin:
    role: str
    username: str
    full_name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoLoadResult:
    organisation: Organisation
    people: int
    measurements: int
    logins: tuple[DemoLogin, ...]
    password: str


def parents_first(items: Iterable[T], key: Callable[[T], str], parent: Callable[[T], str | None]) -> list[T]:
    """Order a forest so every item comes after its parent."""
    pending = list(items)
    placed: set[str] = set()
    ordered: list[T] = []
    while pending:
        ready = [i for i in pending if parent(i) is None or parent(i) in placed]
        if not ready:
            raise ValueError("The demo data has a cycle in a tree.")
        for item in ready:
            ordered.append(item)
            placed.add(key(item))
        pending = [i for i in pending if key(i) not in placed]
    return ordered


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=DEMO_TIME_ZONE)


def demo_logins(demo: DemoOrg) -> tuple[DemoLogin, ...]:
    """The accounts worth trying first: an admin, HR, a manager and employees."""
    managers = {p.manager_key for p in demo.people if p.manager_key}
    healthy = demo.healthy_team_key

    def pick(role: str, match: Callable[[DemoPerson], bool]) -> DemoLogin | None:
        found = next((p for p in demo.people if match(p)), None)
        return DemoLogin(role=role, username=found.username, full_name=found.full_name) if found else None

    chosen = [
        pick("admin", lambda p: p.is_admin),
        pick("HR", lambda p: p.is_hr and not p.is_admin),
        pick("manager", lambda p: p.key in managers and p.team_key == healthy and not p.is_hr),
        pick("employee", lambda p: p.key not in managers and p.team_key == healthy and not p.is_hr),
        pick("employee (planted situations)", lambda p: any(x.person_key == p.key for x in demo.planted)),
    ]
    return tuple(login for login in chosen if login is not None)


@transaction.atomic
def demo_load(*, demo: DemoOrg) -> DemoLoadResult:
    organisation = organisation_create(actor=None, name=demo.name, slug=DEMO_SLUG, default_language="vi")

    teams: dict[str, Team] = {}
    for team in parents_first(demo.teams, key=lambda t: t.key, parent=lambda t: t.parent_key):
        teams[team.key] = team_create(
            actor=None,
            organisation=organisation,
            name=team.name,
            parent=teams[team.parent_key] if team.parent_key else None,
        )

    password = demo_password()
    password_hash = make_password(password)  # one slow argon2 hash shared by every demo login
    people: dict[str, Person] = {}
    for person in parents_first(demo.people, key=lambda p: p.key, parent=lambda p: p.manager_key):
        people[person.key] = person_create(
            actor=None,
            organisation=organisation,
            external_id=person.key,
            username=person.username,
            full_name=person.full_name,
            email=person.email,
            team=teams[person.team_key],
            manager=people[person.manager_key] if person.manager_key else None,
            job_title=person.job_title,
            start_date=person.start_date,
            is_hr=person.is_hr,
            is_admin=person.is_admin,
            password_hash=password_hash,
        )

    objectives: dict[str, Objective] = {}
    for objective in parents_first(demo.objectives, key=lambda o: o.key, parent=lambda o: o.parent_key):
        objectives[objective.key] = objective_create(
            actor=None,
            organisation=organisation,
            title=objective.title,
            purpose=objective.purpose,
            team=teams[objective.team_key] if objective.team_key else None,
            parent=objectives[objective.parent_key] if objective.parent_key else None,
        )

    kpis: dict[str, Kpi] = {}
    for kpi in demo.kpis:
        define = kpi_create if kpi.purpose.strip() else kpi_import
        kpis[kpi.key] = define(
            actor=None,
            organisation=organisation,
            name=kpi.name,
            purpose=kpi.purpose,
            kind=kpi.kind,
            unit=kpi.unit,
            direction=kpi.direction,
            period=kpi.period,
            owner=people[kpi.owner_key] if kpi.owner_key else None,
            objective=objectives[kpi.objective_key],
            rubric=kpi.rubric,
        )

    cycles: dict[str, Cycle] = {
        c.key: cycle_create(actor=None, organisation=organisation, name=c.name, start=c.start, end=c.end)
        for c in demo.cycles
    }

    revisions: dict[tuple[str, str, str], list[DemoRevision]] = {}
    for revision in sorted(demo.revisions, key=lambda r: r.revised_at):
        revisions.setdefault((revision.person_key, revision.kpi_key, revision.cycle_key), []).append(revision)
    for a in demo.assignments:
        history = revisions.get((a.person_key, a.kpi_key, a.cycle_key), [])
        first = history[0] if history else None
        assignment = assignment_create(
            actor=None,
            person=people[a.person_key],
            kpi=kpis[a.kpi_key],
            cycle=cycles[a.cycle_key],
            baseline=a.baseline,
            commit=first.old_commit if first else a.commit,
            target=first.old_target if first else a.target,
            stretch=first.old_stretch if first else a.stretch,
            weight=a.weight,
            set_by=a.set_by,
            status=Assignment.Status.AGREED if history else a.status,
        )
        for revision in history:
            reviser = people[revision.revised_by_key].user
            assignment_revise(
                actor=reviser,
                assignment=assignment,
                commit=revision.new_commit,
                target=revision.new_target,
                stretch=revision.new_stretch,
                reason=revision.reason,
                effective_from=revision.effective_from,
                at=_aware(revision.revised_at),
            )

    measured = measurements_import(
        actor=None,
        source=SOURCE,
        rows=[
            MeasurementInput(
                person=people[m.person_key],
                kpi=kpis[m.kpi_key],
                period_end=m.period_end,
                value=m.value,
                recorded_at=_aware(m.recorded_at),
                recorded_by=people[m.recorded_by_key].user,
            )
            for m in demo.measurements
        ],
    )
    checkins_import(
        actor=None,
        source=SOURCE,
        checkins=[
            CheckIn(
                manager=people[c.manager_key],
                employee=people[c.employee_key],
                date=c.date,
                mood=c.mood,
                workload=c.workload,
                shared_notes=c.notes,
            )
            for c in demo.checkins
        ],
    )
    recognition_import(
        actor=None,
        source=SOURCE,
        items=[
            Recognition(
                giver=people[r.giver_key],
                receiver=people[r.receiver_key],
                date=r.date,
                kind=r.kind,
                note=r.note,
                kpi=kpis[r.kpi_key] if r.kpi_key else None,
            )
            for r in demo.recognitions
        ],
    )
    survey_responses_import(
        actor=None,
        source=SOURCE,
        responses=[
            SurveyResponse(
                person=people[s.person_key],
                instrument=s.instrument,
                item=s.item,
                response=s.response,
                date=s.date,
            )
            for s in demo.survey_responses
        ],
    )
    return DemoLoadResult(
        organisation=organisation,
        people=len(people),
        measurements=measured,
        logins=demo_logins(demo),
        password=password,
    )


def demo_is_loaded() -> bool:
    return Organisation.objects.filter(slug=DEMO_SLUG).exists()
