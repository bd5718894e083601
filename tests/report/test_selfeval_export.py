"""The 自评表 exports: the official layout in XLSX (merged cells, blocks, print setup) and in
one self-contained HTML page, for project and department forms, with the 计分说明."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, Period, QualitativeGrade
from jixiao.ingest import load
from jixiao.model import Document
from jixiao.report.selfeval_form import SelfEvaluationForm, build_forms
from jixiao.report.selfeval_html import render_selfeval_html
from jixiao.report.selfeval_xlsx import render_selfeval_xlsx
from jixiao.scoring import evaluate_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GUANGZHOU = SAMPLES / "guangzhou-2023-project-tabbed.txt"
TIANHE_DEPARTMENT = SAMPLES / "tianhe-2025-department-tabbed-html.txt"
COUNSEL = "一村（社区）法律顾问公益法律服务经费"


def _guangzhou_forms() -> tuple[Document, list[SelfEvaluationForm]]:
    """The first two Guangzhou projects with made-up actuals: project 0 misses one target."""
    document = load(GUANGZHOU)
    actuals = Actuals(Period(2023, 12))
    actuals.indicators += [
        IndicatorActual("projects/0/indicators/0", completed=Decimal("9.2")),
        IndicatorActual("projects/0/indicators/1", completed=Decimal(2)),
        IndicatorActual(
            "projects/0/indicators/2", completed=Decimal(92), reason_text="两区考核延期"
        ),
        IndicatorActual("projects/0/indicators/3", completed=Decimal("95.6")),
        IndicatorActual("projects/0/indicators/4", completed=Decimal(100)),
    ]
    actuals.executions.append(BudgetExecution("projects/0", executed=Decimal("2413.52")))
    evaluations = evaluate_document(document, actuals)[:2]
    forms = build_forms(document, evaluations, actuals, goal_actuals={"projects/0": "全覆盖。"})
    return document, forms


def _sheet(data: bytes, name: str) -> Worksheet:
    sheet = load_workbook(BytesIO(data))[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _merged(sheet: Worksheet) -> set[str]:
    return {str(r) for r in sheet.merged_cells.ranges}


def test_form_values() -> None:
    _, forms = _guangzhou_forms()
    form = forms[0]
    assert (form.title, form.name, form.year_label) == (
        "项目支出绩效自评表",
        COUNSEL,
        "（2023年度）",
    )
    assert form.supervising_department == form.implementing_unit == "广州市司法局"
    total = form.funds[0]
    # 2413.52 ÷ 2588.87 = 93.23 % → 9.32 points
    assert (total.initial, total.budget, total.executed) == (
        Decimal("2588.87"), Decimal("2588.87"), Decimal("2413.52"),
    )  # fmt: skip
    assert (total.rate_pct, total.points) == (Decimal("93.23"), Decimal("9.32"))
    assert [f.label for f in form.funds] == [
        "年度资金总额",
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    # 产出 rows first (3 of them, 16.67 + 16.67 + 16.66), then 效益, then 满意度
    assert [line.level1_label for line in form.lines] == [
        "产出指标（50分）", "产出指标（50分）", "产出指标（50分）", "效益指标（30分）", "满意度指标（10分）",
    ]  # fmt: skip
    assert [line.level1_span for line in form.lines] == [3, 0, 0, 1, 1]
    assert form.lines[2].reason == "两区考核延期"
    assert form.lines[2].row.score == Decimal("16.13")  # 92 ÷ 95 × 16.66
    assert form.total_weight == 100
    assert (form.goal_actual, forms[1].goal_actual) == ("全覆盖。", "")
    assert form.explanations[0].item == "预算执行率"
    assert form.explanations[0].explanation.startswith("执行率 = 2413.52 ÷ 2588.87 = 93.23%")
    assert form.narrative is None


def test_xlsx_official_layout() -> None:
    _, forms = _guangzhou_forms()
    data = render_selfeval_xlsx(forms)
    workbook = load_workbook(BytesIO(data))
    assert workbook.sheetnames == ["汇总", COUNSEL, "各区专职人民调解服务项目经费", "计分说明"]
    sheet = _sheet(data, COUNSEL)
    assert sheet["A1"].value == "项目支出绩效自评表"
    assert sheet["A2"].value == "（2023年度）"
    assert (sheet["A3"].value, sheet["B3"].value) == ("项目名称", COUNSEL)
    assert (sheet["A4"].value, sheet["E4"].value) == ("主管部门", "实施单位")
    assert sheet["A5"].value == "项目资金（万元）"
    assert [sheet.cell(5, c).value for c in range(4, 10)] == [
        "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    ]  # fmt: skip
    assert [sheet.cell(6, c).value for c in range(2, 10)] == [
        "年度资金总额", None, 2588.87, 2588.87, 2413.52, 10, "93.23%", 9.32,
    ]  # fmt: skip
    assert sheet["G7"].value == "—"
    assert (sheet["A10"].value, sheet["B10"].value, sheet["F10"].value) == (
        "年度总体目标", "预期目标", "实际完成情况",
    )  # fmt: skip
    assert sheet["F11"].value == "全覆盖。"
    assert [sheet.cell(12, c).value for c in range(1, 10)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "偏差原因分析及改进措施",
    ]  # fmt: skip
    assert [sheet.cell(15, c).value for c in (2, 4, 5, 6, 7, 8, 9)] == [
        None, "各区司法局对法律顾问考核评估合格率（%）", "≥95", "92%", 16.66, 16.13, "两区考核延期",
    ]  # fmt: skip
    assert (sheet["A18"].value, sheet["G18"].value, sheet["H18"].value) == ("总分", 100, 98.79)
    assert (sheet["A19"].value, sheet["G19"].value) == ("等级", "优")
    merged = _merged(sheet)
    assert {"A1:I1", "B3:I3", "A5:A9", "B6:C6", "A10:A11", "B11:E11", "F11:I11"} <= merged
    assert {"A12:A17", "B13:B15", "A18:F18", "G19:I19"} <= merged
    assert sheet.page_setup.orientation == "landscape"
    assert sheet["B13"].border.left.style == "thin"


def test_xlsx_summary_and_explanations() -> None:
    _, forms = _guangzhou_forms()
    data = render_selfeval_xlsx(forms)
    summary = _sheet(data, "汇总")
    assert [summary.cell(2, c).value for c in range(1, 7)] == [1, COUNSEL, 9.32, 89.47, 98.79, "优"]
    assert summary["G2"].hyperlink is not None
    explanations = _sheet(data, "计分说明")
    assert explanations["A1"].value == "项目名称"
    assert (explanations["C2"].value, explanations["F2"].value) == ("预算执行率", "budget-rate")
    row = [explanations.cell(5, c).value for c in (3, 6, 8)]
    assert row == [
        "各区司法局对法律顾问考核评估合格率（%）",
        "higher-better",
        "实际 92% ≥ 目标 95%？否：92 ÷ 95 × 16.66 = 16.13",
    ]


def test_html_is_self_contained_and_official() -> None:
    _, forms = _guangzhou_forms()
    page = render_selfeval_html(forms, subtitle="测试", generated_at=datetime(2024, 3, 1, 9, 30))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert "<link" not in page and "<script" not in page and "@import" not in page
    assert "<style>" in page and "生成于 2024-03-01 09:30" in page
    assert page.count('data-testid="selfeval-form"') == 2
    assert 'data-testid="selfeval-summary"' in page
    assert '<td rowspan="3" class="c">产出指标（50分）</td>' in page
    assert '<th rowspan="5">项目资金（万元）</th>' in page
    assert "93.23%" in page and "98.79" in page
    assert "实际 92% ≥ 目标 95%？否：92 ÷ 95 × 16.66 = 16.13" in page


def test_html_escapes_text() -> None:
    document, _ = _guangzhou_forms()
    document.projects[0].goal = "<b>目标</b> & 说明"
    actuals = Actuals(Period(2023, 12))
    evaluations = evaluate_document(document, actuals)[:1]
    page = render_selfeval_html(build_forms(document, evaluations, actuals))
    assert "&lt;b&gt;目标&lt;/b&gt; &amp; 说明" in page


@pytest.fixture(scope="module")
def department_forms() -> list[SelfEvaluationForm]:
    document = load(TIANHE_DEPARTMENT)
    actuals = Actuals(Period(2025, 12))
    actuals.indicators.append(
        IndicatorActual("indicators/0", grade=QualitativeGrade.PARTLY, reason_text="进度滞后")
    )
    actuals.executions.append(BudgetExecution("", executed=Decimal("6000")))
    return build_forms(document, evaluate_document(document, actuals), actuals)


def test_department_form_has_narrative(department_forms: list[SelfEvaluationForm]) -> None:
    (form,) = department_forms
    assert (form.title, form.name_label, form.funds_label) == (
        "部门整体支出绩效自评表", "部门名称", "部门资金（万元）",
    )  # fmt: skip
    assert form.funds[0].budget == Decimal("6340.07")  # 基本支出 4,855.11 + 项目支出 1,484.96
    assert form.narrative is not None
    assert form.narrative.conclusion.startswith(f"自评总分 {form.total:.2f} 分，等级为“")
    assert "预算执行率得分 9.46/10.00" in form.narrative.conclusion  # 6000 ÷ 6340.07 = 94.64 %
    assert form.narrative.measures == "进度滞后"
    data = render_selfeval_xlsx(department_forms)
    sheet = load_workbook(BytesIO(data)).worksheets[1]
    labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert labels[-3:] == ["评价结论", "存在问题", "改进措施"]
    page = render_selfeval_html(department_forms)
    assert "<th>评价结论</th>" in page and "部门整体支出绩效自评表" in page
