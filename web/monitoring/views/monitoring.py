"""The monitoring pages: one declaration's lights and execution chart, and the reviewer's
list of red and yellow items across departments."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from jixiao.monitoring import Light
from web.declarations.models import Declaration
from web.declarations.services import get_declaration
from web.monitoring.alerts import ATTENTION_LIGHTS, collect_alerts, monitor
from web.monitoring.audit import actuals_trail
from web.monitoring.charts import chart_json
from web.monitoring.errors import InvalidActualsError
from web.monitoring.forms import PRESET_NAMES
from web.monitoring.models import ActualsReport
from web.monitoring.permissions import may_enter_actuals
from web.monitoring.services import actuals_series, monitoring_config, reports_of
from web.monitoring.views.actuals import period_query


def chosen_report(
    request: HttpRequest, declaration: Declaration
) -> tuple[ActualsReport | None, list[ActualsReport]]:
    """The report of ``?year=&month=`` (default: the latest) and every report of the
    declaration, oldest first. Raises :class:`InvalidActualsError` for a period with no report."""
    reports = list(reports_of(declaration))
    year, month = request.GET.get("year"), request.GET.get("month")
    if not month:
        return (reports[-1] if reports else None), reports
    for report in reports:
        if str(report.month) == month and (not year or str(report.year) == year):
            return report, reports
    raise InvalidActualsError(f"没有 {year or ''}年1-{month}月 的执行情况")


@login_required
def monitoring_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Lights of every indicator, project and the department, with explanations, and the
    budget execution chart of all reports."""
    declaration = get_declaration(request.user, pk)
    report, reports = chosen_report(request, declaration)
    config = monitoring_config(declaration)
    context: dict[str, Any] = {
        "declaration": declaration,
        "report": report,
        "reports": reports,
        "may_enter": may_enter_actuals(request.user, declaration),
        "config": config,
        "preset": PRESET_NAMES.get(config.name, config.name),
    }
    if report is not None:
        result = monitor(declaration, report, config)
        counts = result.counts()
        context.update(
            trail=actuals_trail(report),
            result=result,
            counts=[(light, counts[light]) for light in Light],
            query=period_query(report.period),
            chart=chart_json(declaration.as_document(), actuals_series(declaration, reports)),
        )
    return render(request, "monitoring/detail.html", context)


LIGHT_FILTERS = {"red": (Light.RED,), "yellow": (Light.YELLOW,), "": ATTENTION_LIGHTS}


@login_required
def monitoring_alerts(request: HttpRequest) -> HttpResponse:
    """Red and yellow items of the latest report of every declaration the user sees
    (``?light=red|yellow`` filters; officers see their own department's)."""
    light = request.GET.get("light", "")
    lights = LIGHT_FILTERS.get(light, ATTENTION_LIGHTS)
    alerts = collect_alerts(request.user, lights)
    departments = sorted({a.declaration.department_name for a in alerts})
    department = request.GET.get("department", "")
    if department:
        alerts = [a for a in alerts if a.declaration.department_name == department]
    context = {
        "alerts": alerts,
        "light": light if light in LIGHT_FILTERS else "",
        "department": department,
        "departments": departments,
        "missing": sum(1 for a in alerts if a.item.reason_missing),
    }
    return render(request, "monitoring/alerts.html", context)


urlpatterns: list[URLPattern] = [
    path("declarations/<int:pk>/monitoring/", monitoring_detail, name="monitoring-detail"),
    path("monitoring/alerts/", monitoring_alerts, name="monitoring-alerts"),
]
