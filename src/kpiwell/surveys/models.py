"""Confidential survey answers.

A person's answers are theirs: they are shown to nobody else, are not registered in the Django
admin, and never leave in an export. Group results (a later issue) are computed by the engine
under minimum-group-size and no-differencing rules.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kpiwell.org.models import Person


class SurveyResponse(models.Model):
    class Instrument(models.TextChoices):
        WHO5 = "who5", _("WHO-5 Well-Being Index")
        CBI_PERSONAL = "cbi-personal", _("Copenhagen Burnout Inventory: personal")
        CBI_WORK = "cbi-work", _("Copenhagen Burnout Inventory: work-related")
        MINI_Z = "mini-z", _("Mini-Z single burnout item")
        ENPS = "enps", _("Employee Net Promoter Score")

    person = models.ForeignKey(
        Person, verbose_name=_("respondent"), on_delete=models.PROTECT, related_name="survey_responses"
    )
    instrument = models.CharField(_("instrument"), max_length=16, choices=Instrument.choices)
    item = models.PositiveSmallIntegerField(_("item"))
    response = models.SmallIntegerField(_("response"))
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["person", "date", "instrument", "item"]
        indexes = [models.Index(fields=["instrument", "date"])]

    def __str__(self) -> str:
        return f"{self.instrument} #{self.item} ({self.date})"
