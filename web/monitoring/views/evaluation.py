"""The self-evaluation page (自评表 with every score explained), its settings and exports."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from jixiao.errors import UsageError
from jixiao.monitoring import PRESETS
from jixiao.scoring import WeightSplit
from web.declarations.models import Declaration
from web.declarations.services import get_declaration
from web.declarations.views.exports import attachment
from web.monitoring.errors import InvalidActualsError, StaleActualsError
from web.monitoring.forms import SettingsForm
from web.monitoring.permissions import CHANGE_SETTINGS
from web.monitoring.selfeval import render_selfeval_html, render_selfeval_xlsx, selfeval_forms
from web.monitoring.services import (
    NEW,
    evaluation_settings,
    monitoring_config_of,
    save_settings,
    scoring_config,
    scoring_config_of,
)
from web.monitoring.views.actuals import XLSX, period_query
from web.monitoring.views.monitoring import chosen_report


@login_required
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The 自评表 of ``?item=`` (default: the first project, or the department) from the
    report of ``?year=&month=`` (default: the latest), a summary of every project's total and
    grade, and the settings form for officers and administrators."""
    declaration = get_declaration(request.user, pk)
    return _render(request, declaration, _settings_form(declaration))


def _render(
    request: HttpRequest, declaration: Declaration, form: SettingsForm, status: int = 200
) -> HttpResponse:
    report, reports = chosen_report(request, declaration)
    scoring = scoring_config(declaration)
    context: dict[str, Any] = {
        "declaration": declaration,
        "report": report,
        "reports": reports,
        "settings_form": form,
        "may_configure": request.user.has_perm(CHANGE_SETTINGS, declaration),
        "scoring": scoring,
    }
    if report is not None:
        forms = selfeval_forms(declaration, report, scoring)
        item = request.GET.get("item")
        shown = next((f for f in forms if f.path == item), forms[0] if forms else None)
        context.update(forms=forms, form=shown, query=period_query(report.period))
    return render(request, "monitoring/evaluation.html", context, status=status)


def _settings_form(declaration: Declaration, data: Any = None) -> SettingsForm:
    stored = evaluation_settings(declaration)  # one read for both configurations
    config = scoring_config_of(stored)
    initial = {
        "version": stored.version if stored is not None else NEW,
        "budget_weight": config.budget_weight,
        "output_weight": config.output_weight,
        "benefit_weight": config.benefit_weight,
        "satisfaction_weight": config.satisfaction_weight,
        "cost_share": config.cost_share,
        "split": config.split.value,
        "over_achievement_ratio": config.over_achievement_ratio,
        "strict_comparisons": config.strict_comparisons,
        "monitoring_preset": monitoring_config_of(stored).name,
    }
    return SettingsForm(data, initial=initial)


@login_required
@require_POST
def evaluation_settings_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the weights and the monitoring preset (:func:`save_settings`); fields the form
    does not show (explicit row weights, grade bounds …) keep their stored values."""
    declaration = get_declaration(request.user, pk)
    form = _settings_form(declaration, request.POST)
    if not form.is_valid():
        messages.error(request, "设置有误，请按提示修改")
        return _render(request, declaration, form, status=400)
    data = form.cleaned_data
    try:
        scoring = replace(
            scoring_config(declaration),
            budget_weight=data["budget_weight"], output_weight=data["output_weight"],
            benefit_weight=data["benefit_weight"], satisfaction_weight=data["satisfaction_weight"],
            cost_share=data["cost_share"], split=WeightSplit(data["split"]),
            over_achievement_ratio=data["over_achievement_ratio"],
            strict_comparisons=data["strict_comparisons"],
        )  # fmt: skip
    except UsageError as error:
        messages.error(request, str(error))
        return _render(request, declaration, form, status=400)
    try:
        save_settings(
            request.user, declaration, scoring, PRESETS[data["monitoring_preset"]], data["version"]
        )
    except StaleActualsError as error:
        messages.error(request, str(error))
        return _render(request, declaration, form, status=409)
    messages.success(request, "已保存自评与监控设置")
    target = reverse("evaluation-detail", args=[declaration.pk])
    query = request.GET.urlencode()
    return redirect(f"{target}?{query}" if query else target)


@login_required
def evaluation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every 自评表 of the declaration (one per project, or the department) from the report
    of ``?year=&month=``: XLSX (汇总, one sheet per table, 计分说明) or one self-contained
    HTML page, both rendered by :mod:`jixiao.report` (``selfeval_xlsx`` / ``selfeval_html``)."""
    if fmt not in ("xlsx", "html"):
        raise Http404("不支持的导出格式")
    declaration = get_declaration(request.user, pk)
    report, _ = chosen_report(request, declaration)
    if report is None:
        raise InvalidActualsError("尚未填报执行情况，无法导出自评表")
    forms = selfeval_forms(declaration, report)
    name = (
        f"{declaration.department_name}{declaration.fiscal_year}年绩效自评表-{report.period.label}"
    )
    if fmt == "xlsx":
        response = HttpResponse(render_selfeval_xlsx(forms), content_type=XLSX)
    else:
        response = HttpResponse(
            render_selfeval_html(forms, title=name, subtitle=f"数据截至{report.period.label}"),
            content_type="text/html; charset=utf-8",
        )
    response["Content-Disposition"] = attachment(f"{name}.{fmt}", f"selfeval.{fmt}")
    return response


urlpatterns: list[URLPattern] = [
    path("declarations/<int:pk>/evaluation/", evaluation_detail, name="evaluation-detail"),
    path(
        "declarations/<int:pk>/evaluation/settings/",
        evaluation_settings_save,
        name="evaluation-settings",
    ),
    path(
        "declarations/<int:pk>/evaluation/export.<str:fmt>",
        evaluation_export,
        name="evaluation-export",
    ),
]
