"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("待实现")


urlpatterns: list[URLPattern] = [
    path("declarations/new/", placeholder, name="declaration-create"),
    path("declarations/<int:pk>/edit/", placeholder, name="declaration-edit"),
    path("api/target-preview/", placeholder, name="target-preview"),
]
