"""1:1 check-ins between a manager and an employee, with the two-question pulse."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpiwell.org.models import Person

PULSE_MIN, PULSE_MAX = 1, 5  # the check-in pulse is answered on a 1-5 scale


class CheckIn(models.Model):
    manager = models.ForeignKey(
        Person, verbose_name=_("manager"), on_delete=models.PROTECT, related_name="checkins_held"
    )
    employee = models.ForeignKey(
        Person, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="checkins"
    )
    date = models.DateField(_("date"))
    mood = models.PositiveSmallIntegerField(
        _("mood (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(PULSE_MIN), MaxValueValidator(PULSE_MAX)],
    )
    workload = models.PositiveSmallIntegerField(
        _("workload (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(PULSE_MIN), MaxValueValidator(PULSE_MAX)],
    )
    shared_notes = models.TextField(_("shared notes"), blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mood__isnull=True) | models.Q(mood__gte=PULSE_MIN, mood__lte=PULSE_MAX),
                name="checkin_mood_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(workload__isnull=True)
                | models.Q(workload__gte=PULSE_MIN, workload__lte=PULSE_MAX),
                name="checkin_workload_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.manager} ↔ {self.employee}"
