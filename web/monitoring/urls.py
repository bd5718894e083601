"""URL configuration of the monitoring application: the ``urlpatterns`` of each view module."""

from django.urls import URLPattern, URLResolver

from web.monitoring.views import actuals, evaluation, monitoring

urlpatterns: list[URLPattern | URLResolver] = [
    *actuals.urlpatterns,
    *monitoring.urlpatterns,
    *evaluation.urlpatterns,
]
