"""The landing page: send each user where their work is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path

from web.permissions import role_of
from web.workflow import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Reviewers land on their queue, everybody else on the declaration list."""
    if role_of(request.user) is Role.REVIEWER:
        return redirect("review-queue")
    return redirect("declaration-list")


urlpatterns: list[URLPattern] = [path("", home, name="home")]
