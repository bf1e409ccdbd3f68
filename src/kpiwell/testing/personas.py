"""The people every access test is written about.

Sam (division head, skip-level)
 └── Mai (store manager)
      ├── Emma (employee)   <- the subject of most access tests
      └── Peter (Emma's peer)
Hana (HR, another team)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpiwell.kpis.models import Assignment, Cycle, Kpi
from kpiwell.org.models import Organisation, Person, Team
from kpiwell.testing.factories import (
    AssignmentFactory,
    CycleFactory,
    KpiFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Personas:
    organisation: Organisation
    store: Team
    division: Team
    hr_team: Team
    employee: Person
    peer: Person
    manager: Person
    skip_level: Person
    hr: Person
    cycle: Cycle
    kpi: Kpi
    assignment: Assignment


def _make(factory: Any, **fields: Any) -> Any:
    """factory_boy is untyped; this keeps the Any in one place."""
    return factory(**fields)


def make_personas() -> Personas:
    organisation = _make(OrganisationFactory)
    division = _make(TeamFactory, organisation=organisation, name="Retail")
    store = _make(TeamFactory, organisation=organisation, name="District 1 store", parent=division)
    hr_team = _make(TeamFactory, organisation=organisation, name="People & Culture")

    def person(
        username: str, name: str, team: Team, manager: Person | None = None, **extra: object
    ) -> Person:
        created: Person = _make(
            PersonFactory,
            user=_make(UserFactory, username=username),
            organisation=organisation,
            team=team,
            full_name=name,
            manager=manager,
            **extra,
        )
        return created

    skip_level = person("sam", "Sam Trần", division, job_title="Head of retail")
    manager = person("mai", "Mai Nguyễn", store, skip_level, job_title="Store manager")
    employee = person("emma", "Emma Lê", store, manager)
    peer = person("peter", "Peter Phạm", store, manager)
    hr = person("hana", "Hana Đỗ", hr_team, is_hr=True, job_title="HR partner")
    cycle = _make(CycleFactory, organisation=organisation, name="H2 2026")
    kpi = _make(KpiFactory, organisation=organisation, name="Orders fulfilled on time", unit="orders")
    assignment = _make(AssignmentFactory, person=employee, kpi=kpi, cycle=cycle)
    _make(
        AssignmentFactory,
        person=peer,
        kpi=_make(KpiFactory, organisation=organisation, name="Peer secret KPI"),
        cycle=cycle,
    )
    return Personas(
        organisation=organisation,
        store=store,
        division=division,
        hr_team=hr_team,
        employee=employee,
        peer=peer,
        manager=manager,
        skip_level=skip_level,
        hr=hr,
        cycle=cycle,
        kpi=kpi,
        assignment=assignment,
    )
