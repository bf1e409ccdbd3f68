from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kpiwell.core.audits import organisation_audit
from kpiwell.kpis.selectors import cycle_current
from kpiwell.org.selectors import person_for_user, viewer_roles


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    person = person_for_user(user=request.user)
    if person is not None:
        return redirect("person-detail", person_id=person.pk)
    return render(request, "core/no_person.html", status=200)


@login_required
def organisation_audit_report(request: HttpRequest) -> HttpResponse:
    """HR's KPI health audit of the current cycle: the engine's own report, in the viewer's language."""
    roles = viewer_roles(user=request.user)
    person = person_for_user(user=request.user)
    if person is None or not roles.sees_organisation:
        raise Http404
    cycle = cycle_current(organisation=person.organisation, today=timezone.localdate())
    if cycle is None:
        raise Http404
    report = organisation_audit(viewer=request.user, organisation=person.organisation, cycle=cycle)
    return HttpResponse(report.report_html(lang=get_language() or "en"))
