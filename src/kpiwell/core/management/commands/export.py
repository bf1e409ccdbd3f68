"""``kpiwell export --out DIR --as USERNAME``: the organisation's KPI data as the audit's CSV files.

HR and admins only, and every export is audit-logged. Writes ``plan.csv``, ``actuals.csv``,
``checkins.csv`` and ``recognition.csv`` in exactly the formats ``kpiwell audit`` reads (see
docs/formats.md). Survey answers are never exported.
"""

from __future__ import annotations

import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kpiwell.core.exports import ExportNotAllowedError, audit_frames
from kpiwell.core.services import audit_log_record
from kpiwell.kpis.models import Cycle
from kpiwell.kpis.selectors import cycle_current
from kpiwell.org.models import Organisation


class Command(BaseCommand):
    help = "Export the KPI plan, actuals, check-ins and recognition as the audit's CSV files (HR only)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", required=True, help="Folder to write the CSV files into.")
        parser.add_argument("--as", dest="username", required=True, help="The HR or admin user exporting.")
        parser.add_argument("--organisation", help="Organisation short name (needed if there are several).")
        parser.add_argument("--cycle", help="Cycle name (default: the current cycle).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['username']!r}.")
        organisations = Organisation.objects.all()
        if options["organisation"]:
            organisations = organisations.filter(slug=options["organisation"])
        if organisations.count() != 1:
            raise CommandError("Name the organisation with --organisation (its short name).")
        organisation = organisations.get()
        if options["cycle"]:
            cycle = Cycle.objects.filter(organisation=organisation, name=options["cycle"]).first()
        else:
            cycle = cycle_current(organisation=organisation, today=timezone.localdate())
        if cycle is None:
            raise CommandError("No such cycle.")
        try:
            frames = audit_frames(viewer=user, organisation=organisation, cycle=cycle)
        except ExportNotAllowedError as error:
            raise CommandError(str(error)) from error

        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        files = {
            "plan.csv": frames.plan,
            "actuals.csv": frames.actuals,
            "checkins.csv": frames.checkins,
            "recognition.csv": frames.recognition,
        }
        with transaction.atomic():
            for name, frame in files.items():
                with tempfile.NamedTemporaryFile("wb", dir=out, prefix=f".{name}.", delete=False) as handle:
                    frame.write_csv(handle, datetime_format="%Y-%m-%dT%H:%M:%S%.f", date_format="%Y-%m-%d")
                Path(handle.name).replace(out / name)
            audit_log_record(
                actor=user,
                action="core.export.written",
                instance=organisation,
                after={"cycle": cycle.name, **{name: frame.height for name, frame in files.items()}},
            )
        for name, frame in files.items():
            self.stdout.write(f"{out / name}: {frame.height} rows")
