"""What the base layout needs on every page: the viewer's person and roles, for navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kpiwell.org.selectors import viewer_roles


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": None}
    return {"nav": viewer_roles(user=user)}
