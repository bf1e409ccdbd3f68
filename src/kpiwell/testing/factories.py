"""factory_boy factories for the domain models (tests only)."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import User

from kpiwell.kpis.models import Assignment, Cycle, Kpi
from kpiwell.org.models import Organisation, Person, Team

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = "Sen Vàng Retail"
    slug = "sen-vang"


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.SubFactory(TeamFactory, organisation=factory.SelfAttribute("..organisation"))
    external_id = factory.Sequence(lambda n: f"E{n:04d}")
    full_name = factory.Faker("name")
    job_title = "Sales associate"
    start_date = dt.date(2022, 3, 1)


class KpiFactory(factory.django.DjangoModelFactory[Kpi]):
    class Meta:
        model = Kpi

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"KPI {n}")
    purpose = "Customers who are helped well come back."
    unit = "orders"


class CycleFactory(factory.django.DjangoModelFactory[Cycle]):
    class Meta:
        model = Cycle

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Cycle {n}")
    start = dt.date(2026, 7, 1)
    end = dt.date(2026, 12, 31)


class AssignmentFactory(factory.django.DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    person = factory.SubFactory(PersonFactory)
    kpi = factory.SubFactory(KpiFactory, organisation=factory.SelfAttribute("..person.organisation"))
    cycle = factory.SubFactory(CycleFactory, organisation=factory.SelfAttribute("..person.organisation"))
    commit = 80.0
    target = 100.0
    stretch = 120.0
    weight = 50.0
    set_by = Assignment.SetBy.CO_CREATED
    status = Assignment.Status.AGREED
