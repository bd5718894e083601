"""Import of the tab-separated fixture, values hand-checked against the fixture text
(``guangzhou-2023-project-selfeval-tabbed.txt``; line numbers are the file's)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.actuals import Period
from jixiao.model import DocumentKind, Operator
from jixiao.selfeval import Printed, SelfEvaluation, load_selfeval
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION
from tests.selfeval.fixtures import TABBED


@pytest.fixture(scope="module")
def selfeval() -> SelfEvaluation:
    return load_selfeval(TABBED)


def test_three_project_tables_without_issues(selfeval: SelfEvaluation) -> None:
    assert selfeval.layout == "selfeval-tabbed"
    assert selfeval.kind is DocumentKind.PROJECT
    assert [t.name for t in selfeval.tables] == [
        "一村（社区）法律顾问公益法律服务经费",
        "各区专职人民调解服务项目经费",
        "广州市司法局2021年信息化运维服务项目",
    ]
    assert [t.path for t in selfeval.tables] == ["projects/0", "projects/1", "projects/2"]
    assert selfeval.issues == []


def test_header_and_year(selfeval: SelfEvaluation) -> None:
    table = selfeval.tables[0]
    assert (table.supervising_department, table.implementing_unit) == (
        "广州市司法局",
        "广州市司法局",
    )
    assert table.fiscal_year == 2023
    assert table.source.line == 8  # 项目名称 row
    assert selfeval.document.fiscal_year == 2023
    assert selfeval.document.department == "广州市司法局"
    assert selfeval.actuals.as_of == Period(2023, 12)


def test_funds_block_read_by_heading_columns(selfeval: SelfEvaluation) -> None:
    funds = selfeval.tables[0].funds
    assert funds.initial == Printed(Decimal("2588.87"), "2588.87")
    assert funds.executed is not None and funds.executed.value == Decimal("2413.52")
    assert funds.rate_pct == Printed(Decimal("93.23"), "93.23")
    assert (funds.weight, funds.score) == (
        Printed(Decimal(10), "10"),
        Printed(Decimal("9.32"), "9.32"),
    )
    assert funds.source is not None and funds.source.line == 11
    parts = selfeval.tables[0].parts
    assert parts["appropriation"].initial == Printed(Decimal("2588.87"), "2588.87")
    assert parts["carryover"].initial is None and parts["other"].weight is None  # "—"
    execution = selfeval.actuals.for_budget("projects/0")
    assert execution is not None
    assert (execution.executed, execution.budget) == (Decimal("2413.52"), Decimal("2588.87"))


def test_goal_columns(selfeval: SelfEvaluation) -> None:
    table = selfeval.tables[1]
    assert table.goal_expected.startswith("通过开展专职人民调解服务项目工作")
    assert table.goal_actual == (
        "全年各区专职人民调解员人均调解案件61宗，矛盾纠纷案件调解率100%，"
        "人均案件调解成功率58%，服务对象满意度92%。"
    )
    assert selfeval.document.projects[1].goal == table.goal_expected
    assert selfeval.goal_actuals["projects/1"] == table.goal_actual


def test_rows_carry_merged_categories_down(selfeval: SelfEvaluation) -> None:
    rows = selfeval.tables[0].rows
    assert [(r.level1, r.level2) for r in rows] == [
        (OUTPUT, "数量指标"),
        (OUTPUT, "数量指标"),  # blank 二级 cell under a merged 数量指标
        (OUTPUT, "质量指标"),
        (BENEFIT, "社会效益指标"),
        (SATISFACTION, "服务对象满意度指标"),
    ]
    third = rows[2]
    assert third.path == "projects/0/indicators/2"
    assert third.name == "各区司法局对法律顾问考核评估合格率（%）"
    assert (third.target_text, third.actual_text) == ("≥95", "92")
    assert (third.weight, third.score) == (Printed(Decimal(15), "15"), Printed(Decimal(15), "15"))
    assert third.reason == ""  # "无" is no reason
    assert third.source.line == 20


def test_level1_points_printed_in_the_label(selfeval: SelfEvaluation) -> None:
    weights = {
        name: printed.value for name, (printed, _) in selfeval.tables[2].level1_weights.items()
    }
    assert weights == {OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10}
    assert selfeval.tables[2].level1_weights[OUTPUT][1].line == 57


def test_totals_and_grade(selfeval: SelfEvaluation) -> None:
    table = selfeval.tables[1]
    assert table.total == Printed(Decimal("98.00"), "98.00")
    assert table.total_weight == Printed(Decimal(100), "100")
    assert table.total_source is not None and table.total_source.line == 42
    assert (table.grade, table.grade_source and table.grade_source.line) == ("优", 43)


def test_declared_document_and_reported_actuals(selfeval: SelfEvaluation) -> None:
    project = selfeval.document.projects[2]
    assert project.amount_total == Decimal("756.64")
    assert project.fiscal_appropriation == Decimal("756.64")
    speed = project.indicators[1]
    assert speed.name == "故障排除速度"
    assert speed.annual_target is not None
    assert (speed.annual_target.operator, speed.annual_target.value) == (Operator.LT, Decimal(24))
    actual = selfeval.actuals.for_indicator("projects/2/indicators/1")
    assert actual is not None
    assert actual.completed_text == "30小时"
    assert actual.reason_text.startswith("部分老旧设备备件需外地调货")
    assert actual.score is None  # quantitative rows are recomputed, not taken as published
