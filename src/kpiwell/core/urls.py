from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from kpiwell.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("audit/", views.organisation_audit_report, name="organisation-audit"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
