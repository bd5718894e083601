"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("待实现")


urlpatterns: list[URLPattern] = [
    path("declarations/", placeholder, name="declaration-list"),
    path("queue/", placeholder, name="review-queue"),
    path("search/", placeholder, name="search"),
]
