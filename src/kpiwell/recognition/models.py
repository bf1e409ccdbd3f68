"""Recognition: public praise and nominations (e.g. for a training scholarship)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kpiwell.kpis.models import Kpi
from kpiwell.org.models import Person


class Recognition(models.Model):
    class Kind(models.TextChoices):
        PRAISE = "praise", _("Praise")
        NOMINATION = "nomination", _("Nomination")

    giver = models.ForeignKey(
        Person, verbose_name=_("from"), on_delete=models.PROTECT, related_name="recognition_given"
    )
    receiver = models.ForeignKey(
        Person, verbose_name=_("to"), on_delete=models.PROTECT, related_name="recognition_received"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PRAISE)
    note = models.TextField(_("note"))
    kpi = models.ForeignKey(
        Kpi, verbose_name=_("KPI"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognition")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("receiver")), name="recognition_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.giver} → {self.receiver}"
