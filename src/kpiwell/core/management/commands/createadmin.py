"""``kpiwell createadmin``: create an administrator account (a Django superuser)."""

from __future__ import annotations

import getpass
import os
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kpiwell.core.services import audit_log_record


class Command(BaseCommand):
    help = (
        "Create an administrator. The password is asked for, or read from KPIWELL_ADMIN_PASSWORD "
        "for unattended installs."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        username: str = options["username"]
        if user_model.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = os.environ.get("KPIWELL_ADMIN_PASSWORD") or self._ask_password()
        user = user_model(username=username, email=options["email"], is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            audit_log_record(
                actor=None, action="auth.admin.created", instance=user, after={"username": username}
            )
        self.stdout.write(self.style.SUCCESS(f"Administrator {username!r} created."))

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords did not match.")
        return first
