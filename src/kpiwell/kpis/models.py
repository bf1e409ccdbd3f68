"""Objectives, KPI definitions, cycles, assignments, measurements and target revisions.

Measurements and target revisions are append-only (see :mod:`kpiwell.core.appendonly`): a
correction is a new row, and the current value of a period is its latest row. A period with no row
is missing, never zero.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpiwell.core.appendonly import AppendOnlyModel
from kpiwell.org.models import Organisation, Person, Team

RUBRIC_LEVELS = (1, 2, 3, 4, 5)


class Objective(models.Model):
    """An organisation- or team-level objective; objectives form a tree (org -> team)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="objectives"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objectives",
        help_text=_("Empty for an organisation-level objective."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"))

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        seen: set[int] = set()
        node: Objective | None = self.parent
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("An objective cannot be inside itself.")})
            seen.add(node.pk)
            node = node.parent


class Kpi(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("Quantitative")
        QUALITATIVE = "qualitative", _("Qualitative (rated 1-5)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Period(models.TextChoices):
        DAY = "day", _("Day")
        WEEK = "week", _("Week")
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="kpis"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.QUANTITATIVE)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    period = models.CharField(
        _("measurement period"), max_length=8, choices=Period.choices, default=Period.WEEK
    )
    purpose = models.TextField(
        _("why this KPI exists"),
        blank=True,
        help_text=_("Required for new KPIs. Imported KPIs without one are flagged by the audit."),
    )
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("aligned objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpis",
    )
    rubric = models.JSONField(
        _("rating rubric"),
        default=dict,
        blank=True,
        help_text=_("For qualitative KPIs: a description of each level from 1 to 5."),
    )

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="kpi_unique_name_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.QUALITATIVE:
            levels = sorted(int(level) for level in (self.rubric or {}))
            if levels != list(RUBRIC_LEVELS):
                raise ValidationError(
                    {"rubric": _("A qualitative KPI needs a description for each level from 1 to 5.")}
                )
            if any(not str(text).strip() for text in self.rubric.values()):
                raise ValidationError({"rubric": _("Every rubric level needs a description.")})
        elif self.rubric:
            raise ValidationError({"rubric": _("Only qualitative KPIs have a rating rubric.")})


class Cycle(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="cycles"
    )
    name = models.CharField(_("name"), max_length=100)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="cycle_end_after_start"
            ),
            models.UniqueConstraint(fields=["organisation", "name"], name="cycle_unique_name_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A cycle cannot end before it starts.")})


class Assignment(models.Model):
    """A KPI for one person in one cycle, with three target levels and how it was set."""

    class SetBy(models.TextChoices):
        MANAGER = "manager", _("Manager")
        EMPLOYEE = "employee", _("Employee")
        CO_CREATED = "co-created", _("Co-created")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        REVISED = "revised", _("Revised")
        CLOSED = "closed", _("Closed")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="assignments"
    )
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="assignments")
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="assignments"
    )
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    commit = models.FloatField(
        _("commit"), null=True, blank=True, help_text=_("The level you are sure to reach.")
    )
    target = models.FloatField(_("target"))
    stretch = models.FloatField(_("stretch"), null=True, blank=True, help_text=_("The ambitious level."))
    weight = models.FloatField(
        _("weight (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)], default=0
    )
    set_by = models.CharField(_("set by"), max_length=16, choices=SetBy.choices, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["cycle", "person", "kpi"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kpi", "cycle"], name="assignment_unique_person_kpi_cycle"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gte=0) & models.Q(weight__lte=100),
                name="assignment_weight_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.kpi} · {self.cycle}"

    def clean(self) -> None:
        levels = [v for v in (self.commit, self.target, self.stretch) if v is not None]
        ascending = levels == sorted(levels)
        descending = levels == sorted(levels, reverse=True)
        if self.kpi_id is not None:
            wanted = ascending if self.kpi.direction == Kpi.Direction.HIGHER else descending
            if not wanted:
                raise ValidationError(
                    _("Commit, target and stretch must step towards the better direction of the KPI.")
                )
            if self.kpi.kind == Kpi.Kind.QUALITATIVE and any(not 1 <= v <= 5 for v in levels):
                raise ValidationError(_("Targets of a qualitative KPI are ratings from 1 to 5."))
        if (
            self.person_id is not None
            and self.cycle_id is not None
            and self.person.organisation_id != self.cycle.organisation_id
        ):
            raise ValidationError(_("The person and the cycle belong to different organisations."))


class Measurement(AppendOnlyModel):
    """One reported value for one period. Never updated: a correction is a new, later row."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="measurements"
    )
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="measurements")
    period_end = models.DateField(_("period end"))
    value = models.FloatField(_("value"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["person", "kpi", "period_end", "recorded_at", "id"]
        indexes = [models.Index(fields=["person", "kpi", "period_end", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.kpi} · {self.period_end}: {self.value}"


class TargetRevision(AppendOnlyModel):
    """One change of an agreed assignment's target levels, kept forever."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="revisions"
    )
    old_commit = models.FloatField(_("old commit"), null=True, blank=True)
    old_target = models.FloatField(_("old target"))
    old_stretch = models.FloatField(_("old stretch"), null=True, blank=True)
    new_commit = models.FloatField(_("new commit"), null=True, blank=True)
    new_target = models.FloatField(_("new target"))
    new_stretch = models.FloatField(_("new stretch"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revised_at = models.DateTimeField(_("revised at"), default=timezone.now)
    effective_from = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("target revision")
        verbose_name_plural = _("target revisions")
        ordering = ["assignment", "revised_at", "id"]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.old_target} → {self.new_target}"
