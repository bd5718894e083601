"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("待实现")


urlpatterns: list[URLPattern] = [
    path("declarations/<int:pk>/action/<str:action>/", placeholder, name="declaration-action"),
]
