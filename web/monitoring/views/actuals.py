"""Entering actuals: the form (``actuals-edit``), the XLSX template and the upload.

Only the department's officers and administrators, only on approved declarations
(:mod:`web.monitoring.permissions`); refusals propagate to
:class:`web.middleware.WorkflowErrorMiddleware` (404 / 403 / 409). A stale save is shown on
the same page with the input kept.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jixiao.actuals import Actuals, Period
from jixiao.actuals_xlsx import write_template
from web.declarations.models import Declaration
from web.declarations.services import get_declaration
from web.declarations.views.exports import attachment
from web.monitoring.errors import InvalidActualsError, StaleActualsError
from web.monitoring.forms import (
    BudgetFormSet,
    IndicatorFormSet,
    PeriodForm,
    SaveForm,
    budget_initial,
    indicator_initial,
)
from web.monitoring.rows import BudgetRow, IndicatorRow, budget_rows, indicator_rows
from web.monitoring.services import (
    NEW,
    budget_items,
    check_may_enter,
    get_report,
    import_actuals_file,
    indicator_items,
    latest_report,
    save_actuals,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def requested_period(request: HttpRequest, declaration: Declaration) -> Period:
    """The period of ``?year=&month=``; by default the latest report's, else the month before
    today within the fiscal year. Raises :class:`InvalidActualsError` for a bad value."""
    year, month = request.GET.get("year"), request.GET.get("month")
    if not year and not month:
        return default_period(declaration)
    try:
        period = Period(int(year or declaration.fiscal_year), int(month or 12))
    except ValueError as error:
        raise InvalidActualsError(f"填报期间有误：{error}") from error
    if period.year != declaration.fiscal_year:
        raise InvalidActualsError(f"执行情况的年度应为申报的预算年度 {declaration.fiscal_year} 年")
    return period


def default_period(declaration: Declaration, today: date | None = None) -> Period:
    """The latest report's period, else the last full month of the fiscal year so far."""
    report = latest_report(declaration)
    if report is not None:
        return report.period
    today = today or timezone.localdate()
    year = declaration.fiscal_year
    if today.year > year:
        return Period(year, 12)
    return Period(year, max(1, today.month - 1) if today.year == year else 1)


def period_query(period: Period) -> str:
    return urlencode({"year": period.year, "month": period.month})


class ActualsForms:
    """The forms of the actuals page for one declaration and period: the version and note,
    one indicator form per :class:`IndicatorRow`, one budget form per budget line; bound to
    ``data`` when posted, else filled from the stored report."""

    def __init__(self, declaration: Declaration, period: Period, data: Any = None) -> None:
        document = declaration.as_document()
        self.period = period
        self.rows, self.budgets = indicator_rows(document), budget_rows(document)
        self.report = get_report(declaration, period)
        self.stored = self.report.as_actuals() if self.report is not None else Actuals(period)
        version = self.report.version if self.report is not None else NEW
        self.save_form = SaveForm(data, initial={"version": version})
        items = indicator_items(self.stored)
        self.indicator_set = IndicatorFormSet(
            data, prefix="ind", rows=self.rows, report_month=period.month,
            initial=[indicator_initial(r, items.get(r.path), period.month) for r in self.rows],
        )  # fmt: skip
        self.budget_set = BudgetFormSet(
            data, prefix="bud", rows=self.budgets, report_month=period.month,
            initial=[self._budget_initial(row) for row in self.budgets],
        )  # fmt: skip

    def _budget_initial(self, row: BudgetRow) -> dict[str, Any]:
        goal = self.report.goal_text(row.path) if self.report is not None else ""
        return budget_initial(row, self.stored.for_budget(row.path), goal)

    def is_valid(self) -> bool:
        forms = (self.save_form, self.indicator_set, self.budget_set)
        return all([form.is_valid() for form in forms])  # validate all, to show every error

    def actuals(self) -> Actuals:
        """The actuals entered (blank rows left out; what the form does not show is kept)."""
        items, budgets = indicator_items(self.stored), budget_items(self.stored)
        actuals = Actuals(self.period)
        for form in self.indicator_set:
            actual = form.to_actual(self.period.year, items.get(form.row.path))
            if actual is not None:
                actuals.indicators.append(actual)
        for form in self.budget_set:
            execution = form.to_execution(self.period, budgets.get(form.row.path))
            if execution is not None:
                actuals.executions.append(execution)
        return actuals

    def goals(self) -> dict[str, str]:
        """年度目标实际完成情况 per budget line path."""
        return {form.row.path: form.cleaned_data["goal_completion"] for form in self.budget_set}

    def context(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "save_form": self.save_form,
            "indicator_set": self.indicator_set,
            "budget_set": self.budget_set,
            "groups": _groups(self.rows, list(self.indicator_set)),
            "budget_lines": list(zip(self.budgets, self.budget_set, strict=True)),
        }


@login_required
@require_http_methods(["GET", "POST"])
def actuals_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The actuals of one period: a row per indicator and per budget line (GET shows, POST
    saves through :func:`web.monitoring.services.save_actuals`; a stale save answers 409
    with the input kept, invalid input 400 with the errors beside the fields)."""
    declaration = get_declaration(request.user, pk)
    check_may_enter(request.user, declaration)
    period = requested_period(request, declaration)
    posted = request.method == "POST"
    forms = ActualsForms(declaration, period, request.POST if posted else None)
    status = 200
    if posted and forms.is_valid():
        note, version = (
            forms.save_form.cleaned_data["note"],
            forms.save_form.cleaned_data["version"],
        )
        try:
            save_actuals(
                request.user, declaration, period, forms.actuals(), version, note, forms.goals()
            )
        except StaleActualsError as error:
            messages.error(request, str(error))
            status = 409
        else:
            messages.success(request, f"已保存{period.label}执行情况")
            target = reverse("monitoring-detail", args=[declaration.pk])
            return redirect(f"{target}?{period_query(period)}")
    elif posted:
        messages.error(request, "填写有误，请按标出的提示修改后再保存")
        status = 400
    context = {
        "declaration": declaration,
        "period": period,
        "period_form": PeriodForm(initial={"year": period.year, "month": period.month}),
        "query": period_query(period),
        **forms.context(),
    }
    return render(request, "monitoring/actuals_edit.html", context, status=status)


def _groups(rows: list[IndicatorRow], forms: list[Any]) -> list[dict[str, Any]]:
    """Rows with their forms, grouped by project (``project`` ``None``: department rows)."""
    groups: list[dict[str, Any]] = []
    for row, form in zip(rows, forms, strict=True):
        if not groups or groups[-1]["path"] != row.project_path:
            groups.append({"path": row.project_path, "project": row.project_name, "lines": []})
        groups[-1]["lines"].append((row, form))
    return groups


@login_required
def actuals_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The XLSX template of this declaration for ``?year=&month=``
    (:func:`jixiao.actuals_xlsx.write_template`)."""
    declaration = get_declaration(request.user, pk)
    check_may_enter(request.user, declaration)
    period = requested_period(request, declaration)
    buffer = BytesIO()
    write_template(declaration.as_document(), buffer, period)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"执行情况填报模板-{declaration.pk}-{period.year}-{period.month:02d}.xlsx"
    response["Content-Disposition"] = attachment(name, "actuals.xlsx")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def actuals_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a filled-in template; the file's problems are listed, its good rows stored."""
    declaration = get_declaration(request.user, pk)
    check_may_enter(request.user, declaration)
    period = requested_period(request, declaration)
    context: dict[str, Any] = {
        "declaration": declaration,
        "period": period,
        "query": period_query(period),
    }
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "请选择要导入的 XLSX 文件")
            return render(request, "monitoring/actuals_import.html", context, status=400)
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            messages.error(request, "文件过大（上限 10 MB）")
            return render(request, "monitoring/actuals_import.html", context, status=400)
        try:
            outcome = import_actuals_file(
                request.user,
                declaration,
                BytesIO(upload.read()),
                file_label=upload.name or "",
                period=period,
            )
        except (InvalidActualsError, StaleActualsError) as error:
            messages.error(request, str(error))
            return render(request, "monitoring/actuals_import.html", context, status=400)
        context["outcome"] = outcome
        if outcome.report is not None:
            messages.success(
                request,
                f"已导入{outcome.period.label if outcome.period else ''}：指标 {outcome.indicators} 行，"
                f"预算执行 {outcome.executions} 行",
            )
        else:
            messages.warning(request, "文件中没有可导入的行")
    return render(request, "monitoring/actuals_import.html", context)


urlpatterns: list[URLPattern] = [
    path("declarations/<int:pk>/actuals/", actuals_edit, name="actuals-edit"),
    path("declarations/<int:pk>/actuals/template.xlsx", actuals_template, name="actuals-template"),
    path("declarations/<int:pk>/actuals/import/", actuals_import, name="actuals-import"),
]
