"""双监控 of whole documents: project and department lights, budgets, the attention list."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
    QualitativeGrade,
)
from jixiao.errors import UsageError
from jixiao.ingest import load
from jixiao.model import Document, MoneyUnit
from jixiao.monitoring import (
    DEFAULT,
    PRESETS,
    Light,
    MonitoringConfig,
    declared_budget,
    monitor_document,
)
from tests.monitoring.helpers import indicator
from tests.review.factories import (
    make_budget,
    make_department_doc,
    make_project,
    make_project_doc,
    make_subtotal,
)

JULY = Period(2025, 7)
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _projects() -> Document:
    """Two projects: 150 万元 (重点监控) with 服务场次 ≥120 and 合格率 ≥95 %; 50 万元 with
    事故数 = 0."""
    big = make_project(
        "法律服务项目", "150", "150",
        indicators=[indicator("≥120场"), indicator("≥95%", "合格率", level2="质量指标")],
    )  # fmt: skip
    small = make_project("安全项目", "50", "50", indicators=[indicator("=0", "安全事故数")])
    return make_project_doc(projects=[big, small], subtotals=[make_subtotal("合计", "200")])


def _actual(path: str, completed: int, **fields: Any) -> IndicatorActual:
    return replace(IndicatorActual(path, completed=Decimal(completed)), **fields)


def test_project_light_is_the_worst_of_rows_and_budget() -> None:
    # 1-6月: 服务场次 48 / (120 × 6/12 = 60) = 80 % → green; 合格率 96 / 95 → green;
    # budget 45 / 150 = 30 %, / 50 % = 60 % → yellow; project → yellow
    actuals = Actuals(
        as_of=Period(2025, 6),
        indicators=[
            _actual("projects/0/indicators/0", 48),
            _actual("projects/0/indicators/1", 96),
        ],
        executions=[BudgetExecution("projects/0", Decimal(45))],
    )
    result = monitor_document(_projects(), actuals)
    big = result.projects[0]
    assert [row.light for row in big.indicators] == [Light.GREEN, Light.GREEN]
    assert big.budget.light is Light.YELLOW
    assert big.budget.execution_rate_pct == Decimal(30)
    assert big.budget.time_ratio_pct == Decimal(60)
    assert big.budget.budget_source == "申报表资金总额"
    assert big.light is Light.YELLOW
    assert big.key_monitoring and not result.projects[1].key_monitoring


def test_unreported_rows_keep_a_project_from_looking_fine() -> None:
    actuals = Actuals(as_of=JULY, indicators=[_actual("projects/1/indicators/0", 0)])
    small = monitor_document(_projects(), actuals).projects[1]
    assert small.indicators[0].light is Light.GREEN
    assert small.budget.light is Light.GREY  # no execution reported
    assert small.light is Light.GREY


def test_department_is_the_worst_project() -> None:
    actuals = Actuals(as_of=JULY, indicators=[_actual("projects/1/indicators/0", 2)])
    result = monitor_document(_projects(), actuals)
    assert result.projects[1].light is Light.RED
    assert result.department.light is Light.RED
    assert result.department.name == "测试局"


def test_project_table_department_budget_is_the_total_row() -> None:
    # 100 of 200 万元 by July: 50 % / 58.33 % = 85.7 % → green
    actuals = Actuals(as_of=JULY, executions=[BudgetExecution("", Decimal(100))])
    budget = monitor_document(_projects(), actuals).department.budget
    assert (budget.budget_wan_yuan, budget.budget_source) == (Decimal(200), "合计行")
    assert budget.light is Light.GREEN
    assert budget.time_ratio_pct == Decimal("85.7143")


def test_reported_budget_overrides_the_declaration() -> None:
    execution = BudgetExecution("projects/0", Decimal(60), budget=Decimal(100))
    actuals = Actuals(as_of=Period(2025, 6), executions=[execution])
    budget = monitor_document(_projects(), actuals).projects[0].budget
    assert (budget.budget_wan_yuan, budget.budget_source) == (Decimal(100), "填报")
    assert budget.execution_rate_pct == Decimal(60)


def test_declared_budget_of_a_department_table() -> None:
    document = make_department_doc()  # 基本支出 100 + 项目支出 100
    assert declared_budget(document, "") == (Decimal(200), "预算整体情况（基本支出+项目支出）")
    partial = make_department_doc(budget=make_budget(fiscal_appropriation=180, other_funds=20))
    assert declared_budget(partial, "") == (Decimal(200), "预算整体情况（财政拨款+其他资金）")
    assert declared_budget(make_department_doc(budget=make_budget()), "") == (None, "")


def test_declared_budget_converts_yuan_to_wan_yuan() -> None:
    project = make_project("项目", "1500000", "1500000")
    document = make_project_doc(projects=[project], subtotals=[], money_unit=MoneyUnit.YUAN)
    assert declared_budget(document, "projects/0") == (Decimal(150), "申报表资金总额")
    assert declared_budget(document, "") == (Decimal(150), "各项目资金总额之和")
    with pytest.raises(KeyError):
        declared_budget(document, "projects/5")


def test_department_table_counts_its_unreported_budget() -> None:
    document = make_department_doc(indicators=[indicator("≥100")])
    actuals = Actuals(as_of=JULY, indicators=[_actual("indicators/0", 60)])
    result = monitor_document(document, actuals)
    assert result.department.indicators[0].light is Light.GREEN  # 60 / 58.33 = 102.9 %
    assert result.department.budget.light is Light.GREY
    assert result.department.light is Light.GREY


def test_attention_lists_reds_before_yellows_with_reasons_missing() -> None:
    actuals = Actuals(
        as_of=Period(2025, 6),
        indicators=[
            _actual("projects/0/indicators/0", 40),  # 40 / 60 = 66.7 % → yellow
            _actual("projects/1/indicators/0", 1, reasons=(DeviationReason.STAFF,)),  # red
        ],
    )
    result = monitor_document(_projects(), actuals)
    assert [(item.path, item.light) for item in result.attention] == [
        ("projects/1/indicators/0", Light.RED),
        ("projects/0/indicators/0", Light.YELLOW),
    ]
    assert [item.reason_missing for item in result.attention] == [False, True]
    assert result.attention[1].explanation.startswith("1-6月完成 40 场")


def test_ningxia_requires_reasons_on_red_only() -> None:
    actuals = Actuals(as_of=Period(2025, 6), indicators=[_actual("projects/0/indicators/0", 40)])
    row = monitor_document(_projects(), actuals, PRESETS["ningxia"]).projects[0].indicators[0]
    assert row.light is Light.YELLOW and not row.reason_required


def test_hebei_requires_reasons_on_over_achievement() -> None:
    actuals = Actuals(as_of=Period(2025, 6), indicators=[_actual("projects/0/indicators/0", 90)])
    default = monitor_document(_projects(), actuals).projects[0].indicators[0]
    hebei = monitor_document(_projects(), actuals, PRESETS["hebei"]).projects[0].indicators[0]
    assert default.light is hebei.light is Light.BLUE  # 90 / 60 = 150 %
    assert not default.reason_required
    assert hebei.reason_required and hebei.reason_missing


def test_tianjin_requires_forecast_and_reason_when_unsure() -> None:
    unsure = _actual("projects/0/indicators/0", 60, likelihood=Likelihood.POSSIBLE)
    actuals = Actuals(as_of=Period(2025, 6), indicators=[unsure])
    row = monitor_document(_projects(), actuals, PRESETS["tianjin"]).projects[0].indicators[0]
    assert row.light is Light.GREEN
    assert row.reason_required and row.reason_missing and row.expected_missing


def test_item_period_wins_over_the_document_period() -> None:
    # reported for 1-3月: 30 / (120 × 3/12 = 30) = 100 % → green (by July it would be red)
    early = _actual("projects/0/indicators/0", 30, as_of=Period(2025, 3))
    result = monitor_document(_projects(), Actuals(as_of=JULY, indicators=[early]))
    row = result.projects[0].indicators[0]
    assert (row.light, row.as_of) == (Light.GREEN, Period(2025, 3))


def test_period_comes_from_the_latest_item_or_is_required() -> None:
    late = _actual("projects/0/indicators/0", 30, as_of=Period(2025, 9))
    assert monitor_document(_projects(), Actuals(indicators=[late])).as_of == Period(2025, 9)
    with pytest.raises(UsageError, match="截至月份"):
        monitor_document(_projects(), Actuals())


def test_unknown_paths_are_listed_not_fatal() -> None:
    actuals = Actuals(
        as_of=JULY,
        indicators=[_actual("projects/7/indicators/0", 1)],
        executions=[BudgetExecution("projects/9", Decimal(1))],
    )
    result = monitor_document(_projects(), actuals)
    assert result.unknown_paths == ("projects/7/indicators/0", "projects/9")


def test_qualitative_rows_and_text() -> None:
    document = make_project_doc(
        projects=[make_project("项目", indicators=[indicator("及时", "维护及时性")])]
    )
    graded = IndicatorActual("projects/0/indicators/0", grade=QualitativeGrade.PARTLY)
    row = monitor_document(document, Actuals(as_of=JULY, indicators=[graded])).indicators[0]
    assert (row.light, row.actual_text, row.target_text) == (
        Light.YELLOW,
        QualitativeGrade.PARTLY.value,
        "定性：及时",
    )


def test_as_dict_is_json() -> None:
    actuals = Actuals(
        as_of=JULY,
        indicators=[_actual("projects/0/indicators/0", 40)],
        executions=[BudgetExecution("projects/0", Decimal(30))],
    )
    data = json.loads(json.dumps(monitor_document(_projects(), actuals).as_dict()))
    assert data["as_of"] == {"year": 2025, "month": 7, "label": "2025年1-7月"}
    first = data["projects"][0]["indicators"][0]
    assert (first["light"], first["ratio_pct"], first["expected_to_date"]) == (
        "red",
        "57.1429",
        "70",
    )
    assert data["counts"]["red"] == 1
    assert data["config"]["name"] == "default"


def test_sample_without_actuals_is_all_grey() -> None:
    document = load(SAMPLES / "tianhe-2025-project-pdftext.txt")
    result = monitor_document(document, Actuals(as_of=JULY))
    assert len(result.projects) == 22
    assert {row.light for row in result.indicators} == {Light.GREY}
    assert result.attention == ()
    assert result.department.light is Light.GREY
    key = [p.budget.budget_wan_yuan for p in result.projects if p.key_monitoring]
    assert key == [Decimal("289.20"), Decimal("320.00"), Decimal("200.00"), Decimal("192.80")]


def test_key_monitoring_threshold_is_configurable() -> None:
    config: MonitoringConfig = replace(DEFAULT, key_project_min_wan_yuan=None)
    result = monitor_document(_projects(), Actuals(as_of=JULY), config)
    assert not any(project.key_monitoring for project in result.projects)
