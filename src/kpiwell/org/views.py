"""Thin views: parse the request, ask a selector (which applies the access rules), render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kpiwell.kpis import selectors as kpi_selectors
from kpiwell.org import selectors as org_selectors


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    cycle_raw = request.GET.get("cycle", "")
    overview = kpi_selectors.person_overview(
        viewer=request.user,
        person_id=person_id,
        today=timezone.localdate(),
        cycle_id=int(cycle_raw) if cycle_raw.isdigit() else None,
    )
    if overview is None:
        raise Http404
    viewer = org_selectors.viewer_roles(user=request.user)
    return render(
        request,
        "org/person_detail.html",
        {"overview": overview, "is_self": viewer.person_id == overview.person.pk},
    )


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    people = (
        org_selectors.people_visible_to(user=request.user)
        .select_related("team", "manager")
        .filter(is_active=True)
        .order_by("team__name", "full_name")
    )
    return render(request, "org/people_list.html", {"people": people})
