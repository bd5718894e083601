"""Read-only admin pages: actuals and settings change only through :mod:`web.monitoring.services`."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from web.declarations.admin import ReadOnlyMixin
from web.monitoring.models import ActualsReport, EvaluationSettings


@admin.register(ActualsReport)
class ActualsReportAdmin(ReadOnlyMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("declaration", "year", "month", "version", "updated_at")
    list_filter = ("year", "month")
    search_fields = ("declaration__title", "declaration__department_name")


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(ReadOnlyMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("declaration", "version", "updated_at")
    search_fields = ("declaration__title", "declaration__department_name")
