from __future__ import annotations

from django.urls import path

from kpiwell.kpis import views as kpi_views
from kpiwell.org import views

urlpatterns = [
    path("", views.people_list, name="people-list"),
    path("<int:person_id>/", views.person_detail, name="person-detail"),
    path(
        "<int:person_id>/kpis/<int:kpi_id>/history/",
        kpi_views.measurement_history,
        name="measurement-history",
    ),
]
