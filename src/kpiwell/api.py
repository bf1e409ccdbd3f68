"""The REST API (django-ninja): /api/v1/, documented at /api/v1/docs. Session authentication:
every endpoint needs a logged-in user and applies the same access rules as the pages."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from kpiwell.kpis.api import router as kpis_router

api = NinjaAPI(title="kpiwell", version="1", urls_namespace="api", auth=django_auth)
api.add_router("/", kpis_router)
