"""Thin views over KPI data; access is decided in the selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kpiwell.kpis import selectors as kpi_selectors


@login_required
def measurement_history(request: HttpRequest, person_id: int, kpi_id: int) -> HttpResponse:
    rows = kpi_selectors.measurement_history(viewer=request.user, person_id=person_id, kpi_id=kpi_id)
    if rows is None:
        raise Http404
    return render(request, "org/_measurement_history.html", {"rows": list(reversed(rows))})
