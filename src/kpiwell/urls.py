from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from kpiwell.api import api
from kpiwell.core import views as core_views

admin.site.site_header = "kpiwell"
admin.site.site_title = "kpiwell"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("kpiwell.core.urls")),
    path("people/", include("kpiwell.org.urls")),
]
