"""Append-only tables: rows are written once and never updated or deleted.

Measurements, target revisions and the audit log keep kpiwell's promise that nothing is lost: a
correction is a new row. The rule is enforced twice, on purpose: in Python (so a mistake fails
loudly with a clear message) and by database triggers created in the migrations (so not even raw
SQL, a bulk ``QuerySet.update`` or the admin can rewrite history).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only and cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only and cannot be deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only: add a new row instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only and cannot be deleted.")


def trigger_sql(vendor: str, table: str) -> tuple[list[str], list[str]]:
    """SQL that makes ``table`` reject UPDATE and DELETE, and the SQL that removes it."""
    if vendor == "sqlite":
        forward = [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        ]
        backward = [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete"]
        return forward, backward
    if vendor == "postgresql":
        forward = [
            "CREATE OR REPLACE FUNCTION kpiwell_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END; "
            "$$ LANGUAGE plpgsql",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION kpiwell_append_only()",
        ]
        backward = [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"]
        return forward, backward
    return [], []


def make_append_only_operations(*tables: str) -> tuple[Any, Any]:
    """Forward and backward ``RunPython`` callables installing the triggers for ``tables``."""

    def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for table in tables:
            for statement in trigger_sql(schema_editor.connection.vendor, table)[0]:
                schema_editor.execute(statement)

    def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for table in tables:
            for statement in trigger_sql(schema_editor.connection.vendor, table)[1]:
                schema_editor.execute(statement)

    return forward, backward
