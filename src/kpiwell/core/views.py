from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kpiwell.org.selectors import person_for_user


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
