"""The `kpiwell` console script: Django commands and the pure ones behind one name."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from kpiwell.core.models import AuditLogEntry


@pytest.mark.django_db
def test_createadmin_makes_a_logged_superuser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPIWELL_ADMIN_PASSWORD", "a long enough passphrase")

    call_command("createadmin", "--username", "root.admin", "--email", "it@example.org")

    admin = User.objects.get(username="root.admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("a long enough passphrase")
    assert AuditLogEntry.objects.filter(action="auth.admin.created", object_id=str(admin.pk)).exists()


@pytest.mark.django_db
def test_createadmin_refuses_a_weak_password_and_creates_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPIWELL_ADMIN_PASSWORD", "123")

    with pytest.raises(CommandError, match="too short"):
        call_command("createadmin", "--username", "root.admin")

    assert not User.objects.filter(username="root.admin").exists()


@pytest.mark.django_db
def test_createadmin_refuses_an_existing_username(monkeypatch: pytest.MonkeyPatch) -> None:
    User.objects.create(username="root.admin")
    monkeypatch.setenv("KPIWELL_ADMIN_PASSWORD", "a long enough passphrase")

    with pytest.raises(CommandError, match="already exists"):
        call_command("createadmin", "--username", "root.admin")


def test_the_console_script_lists_the_kpiwell_commands() -> None:
    listing = subprocess.run(
        [sys.executable, "-m", "kpiwell", "help"], capture_output=True, text=True, check=True
    ).stdout

    for command in ("createadmin", "demo", "export", "serve", "migrate"):
        assert command in listing


def test_audit_runs_without_starting_django() -> None:
    probe = "import sys, kpiwell.cli.audit, kpiwell.cli.turnover; print('django' in sys.modules)"

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "False"
