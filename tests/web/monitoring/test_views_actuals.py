"""The actuals page: one row per indicator (grouped by project), one per budget line; saving
through the form, errors shown beside the field, and a stale save refused with input kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.test.client import Client

from jixiao.actuals import Actuals, DeviationReason, IndicatorActual, Likelihood, Period
from jixiao.ingest import load
from tests.web.conftest import SAMPLES, World
from tests.web.monitoring.conftest import (
    PUBLICITY,
    TIANHE_BUDGET,
    Approve,
    approve_through_workflow,
    client_for,
)
from web.declarations.services import create_declaration
from web.monitoring.models import ActualsReport
from web.monitoring.services import NEW, save_actuals
from web.monitoring.views.actuals import default_period

JUNE = Period(2025, 6)
PUBLICITY_ROW = 2


def page_url(pk: int, month: int = 6) -> str:
    return f"/declarations/{pk}/actuals/?year=2025&month={month}"


def form_data(response: Any) -> dict[str, Any]:
    """The POST data of the page as shown: management forms, every row's initial values and
    the version."""
    data: dict[str, Any] = {"version": response.context["save_form"].initial["version"]}
    for formset in (response.context["indicator_set"], response.context["budget_set"]):
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, "")
        for form in formset:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is not None:  # unchecked boxes and empty fields are not posted
                    data[form.add_prefix(name)] = value
    return data


def open_page(client: Client, pk: int) -> tuple[Any, dict[str, Any]]:
    response = client.get(page_url(pk))
    assert response.status_code == 200
    return response, form_data(response)


def test_the_page_has_a_row_per_indicator_and_budget_line(world: World, approve: Approve) -> None:
    declaration = approve()
    response, _ = open_page(client_for(world.officer), declaration.pk)
    html = response.content.decode()
    assert html.count('data-testid="indicator-row"') == 23
    assert html.count('data-testid="budget-row"') == 1
    assert "≥ 21 场" in html  # 年度指标值 of 业务宣传活动（场次）, read-only
    assert "6340.07" in html  # 全年预算数 from the declaration (万元)
    assert response.context["save_form"].initial["version"] == NEW


def test_project_table_rows_are_grouped_by_project(world: World) -> None:
    document = load(SAMPLES / "tianhe-2025-project-pdftext.txt")
    declaration = create_declaration(world.officer, world.tianhe, document, fiscal_year=2025)
    approve_through_workflow(declaration, world)
    html = client_for(world.officer).get(page_url(declaration.pk)).content.decode()
    assert html.count('data-testid="project-header"') == 22
    assert html.count('data-testid="indicator-row"') == 110
    assert html.count('data-testid="budget-row"') == 23  # the department and 22 projects
    assert 'data-path="projects/0/indicators/4"' in html


def test_officer_saves_actuals_through_the_form(world: World, approve: Approve) -> None:
    declaration = approve()
    client = client_for(world.officer)
    _, data = open_page(client, declaration.pk)
    row = f"ind-{PUBLICITY_ROW}"
    data.update(
        {
            f"{row}-completed": "3",
            f"{row}-expected_full_year": "18",
            f"{row}-reasons": [DeviationReason.FUNDING.value, DeviationReason.STAFF.value],
            f"{row}-reason_text": "宣传经费下半年到位",
            f"{row}-likelihood": Likelihood.POSSIBLE.value,
            "ind-15-grade": "达成年度指标",
            "ind-15-completed": "设备均及时维护",
            "ind-21-completed": "92%",
            "bud-0-executed": "3000",
            "bud-0-goal_completion": "上半年完成普法宣传 3 场",
            "note": "上半年数据",
        }
    )
    response = client.post(page_url(declaration.pk), data)
    assert response.status_code == 302
    assert response["Location"] == f"/declarations/{declaration.pk}/monitoring/?year=2025&month=6"
    report = ActualsReport.objects.get(declaration=declaration)
    actuals = report.as_actuals()
    assert {a.path for a in actuals.indicators} == {PUBLICITY, "indicators/15", "indicators/21"}
    publicity = actuals.for_indicator(PUBLICITY)
    assert publicity is not None
    assert (publicity.completed, publicity.expected_full_year) == (Decimal(3), Decimal(18))
    assert publicity.reasons == (DeviationReason.FUNDING, DeviationReason.STAFF)
    assert publicity.likelihood is Likelihood.POSSIBLE
    assert publicity.as_of == JUNE
    assert publicity.indicator_name == "业务宣传活动（场次）"
    equipment = actuals.for_indicator("indicators/15")
    assert equipment is not None and equipment.completed_text == "设备均及时维护"
    satisfaction = actuals.for_indicator("indicators/21")
    assert satisfaction is not None
    assert (satisfaction.completed, satisfaction.completed_text) == (Decimal(92), "92%")
    budget = actuals.for_budget("")
    assert budget is not None and budget.executed == Decimal(3000)
    assert report.goal_text("") == "上半年完成普法宣传 3 场"
    record = report.history.get()
    assert (record.history_user, record.history_change_reason) == (world.officer, "上半年数据")
    again = client.get(page_url(declaration.pk))
    assert again.context["save_form"].initial["version"] == 1
    assert 'value="3"' in again.content.decode()


def test_text_in_a_quantitative_row_is_refused_beside_the_field(
    world: World, approve: Approve
) -> None:
    declaration = approve()
    client = client_for(world.officer)
    _, data = open_page(client, declaration.pk)
    data[f"ind-{PUBLICITY_ROW}-completed"] = "三场"
    response = client.post(page_url(declaration.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "定量指标的累计完成值应为数字" in html
    assert 'value="三场"' in html
    assert not ActualsReport.objects.exists()


def test_a_month_after_the_period_is_refused(world: World, approve: Approve) -> None:
    declaration = approve()
    client = client_for(world.officer)
    _, data = open_page(client, declaration.pk)
    data[f"ind-{PUBLICITY_ROW}-completed"] = "3"
    data[f"ind-{PUBLICITY_ROW}-month"] = "9"
    response = client.post(page_url(declaration.pk), data)
    assert response.status_code == 400
    assert "截至月份不能晚于填报期间（6月）" in response.content.decode()


def test_a_stale_save_is_refused_and_the_input_kept(world: World, approve: Approve) -> None:
    declaration = approve()
    client = client_for(world.officer)
    _, data = open_page(client, declaration.pk)
    theirs = Actuals(JUNE, [IndicatorActual(PUBLICITY, completed=Decimal(5))])
    save_actuals(world.admin, declaration, JUNE, theirs, NEW)
    data[f"ind-{PUBLICITY_ROW}-completed"] = "17"
    response = client.post(page_url(declaration.pk), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "保存被拒绝" in html and "已被管理员修改" in html
    assert 'value="17"' in html  # what the officer typed is still there
    stored = ActualsReport.objects.get(declaration=declaration).as_actuals()
    assert stored.for_indicator(PUBLICITY).completed == Decimal(5)  # type: ignore[union-attr]


def test_blank_rows_are_not_reported(world: World, approve: Approve) -> None:
    declaration = approve()
    client = client_for(world.officer)
    _, data = open_page(client, declaration.pk)
    data["bud-0-executed"] = str(TIANHE_BUDGET)
    assert client.post(page_url(declaration.pk), data).status_code == 302
    actuals = ActualsReport.objects.get(declaration=declaration).as_actuals()
    assert actuals.indicators == []
    assert [e.executed for e in actuals.executions] == [TIANHE_BUDGET]


def test_the_default_period(world: World, approve: Approve) -> None:
    declaration = approve()  # fiscal year 2025
    assert default_period(declaration, date(2025, 8, 15)) == Period(2025, 7)  # 1-7月 in August
    assert default_period(declaration, date(2025, 1, 10)) == Period(2025, 1)
    assert default_period(declaration, date(2026, 2, 1)) == Period(2025, 12)  # 自评 next year
    assert default_period(declaration, date(2024, 11, 1)) == Period(2025, 1)
    save_actuals(world.officer, declaration, Period(2025, 3), Actuals(Period(2025, 3)), NEW)
    assert default_period(declaration, date(2025, 8, 15)) == Period(2025, 3)  # the latest report


def test_a_period_outside_the_fiscal_year_is_refused(world: World, approve: Approve) -> None:
    declaration = approve()
    client = client_for(world.officer)
    assert (
        client.get(f"/declarations/{declaration.pk}/actuals/?year=2024&month=6").status_code == 400
    )
    assert (
        client.get(f"/declarations/{declaration.pk}/actuals/?year=2025&month=13").status_code == 400
    )
