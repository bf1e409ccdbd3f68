from __future__ import annotations

from django.db import migrations

from kpiwell.core.appendonly import make_append_only_operations

forward, backward = make_append_only_operations("core_auditlogentry")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
