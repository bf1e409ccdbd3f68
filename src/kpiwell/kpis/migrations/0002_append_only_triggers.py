from __future__ import annotations

from django.db import migrations

from kpiwell.core.appendonly import make_append_only_operations

forward, backward = make_append_only_operations("kpis_measurement", "kpis_targetrevision")


class Migration(migrations.Migration):
    dependencies = [("kpis", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
