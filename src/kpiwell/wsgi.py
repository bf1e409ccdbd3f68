"""WSGI entry point, served by waitress in ``kpiwell serve``."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpiwell.settings")

application = get_wsgi_application()
