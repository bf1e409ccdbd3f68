"""Organisation, teams (a tree) and people (linked to Django users).

Roles are not stored as a free-form field: an employee is any person; a manager is derived from
having reports; HR is the ``is_hr`` flag; an admin is a Django superuser.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent is not None and self.parent.organisation_id != self.organisation_id:
            raise ValidationError({"parent": _("The parent team belongs to another organisation.")})
        seen: set[int] = set()
        node: Team | None = self.parent
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("A team cannot be inside itself.")})
            seen.add(node.pk)
            node = node.parent


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="person"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    external_id = models.CharField(
        _("employee id"), max_length=64, help_text=_("The id used in spreadsheets and HR systems.")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="members")
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    is_active = models.BooleanField(_("active"), default=True)
    is_hr = models.BooleanField(
        _("HR"), default=False, help_text=_("HR sees the whole organisation's KPI data.")
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="person_unique_external_id_per_org"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        if self.team_id is not None and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("The team belongs to another organisation.")})
        if self.manager_id is None:
            return
        if self.manager is not None and self.manager.organisation_id != self.organisation_id:
            raise ValidationError({"manager": _("The manager belongs to another organisation.")})
        seen: set[int] = set()
        node: Person | None = self.manager
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"manager": _("A person cannot manage themselves, even indirectly.")})
            seen.add(node.pk)
            node = node.manager
