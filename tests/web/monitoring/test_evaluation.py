"""The self-evaluation page and exports on hand-computed actuals (财预〔2020〕10号 scoring).

The 天河 department table (23 indicators) with the default weights: 预算执行率 10; 产出指标
50 shared by its three 二级指标 (数量, 质量, 时效) and 成本指标 as a fourth group, 12.5 each;
效益指标 30 over the five 社会效益 rows, 6 each; 满意度指标 10 on its one row.

Full-year actuals: every indicator at its target (qualitative ones 达成年度指标, full points)
except

* 受援人满意度 ≥ 90 %: 45 → 45 ÷ 90 × 10 = 5.00 (5 points lost);
* 调解协议履行率 ≥ 90 %: 81 → 81 ÷ 90 × 6 = 5.40 (0.60 lost);
* budget: 3,170.035 of 6,340.07 万元 = 执行率 50.00 % → 50 % × 10 = 5.00 (5 lost).

Total 100 − 5 − 0.60 − 5 = 89.40 → 良 (80 ≤ total < 90).
"""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from jixiao.actuals import BudgetExecution, IndicatorActual, Period
from tests.web.conftest import World
from tests.web.monitoring.conftest import Approve, all_met, client_for, replace_actual
from web.declarations.models import Declaration
from web.monitoring.models import EvaluationSettings
from web.monitoring.services import NEW, save_actuals

DECEMBER = Period(2025, 12)
SATISFACTION = "indicators/21"
MEDIATION = "indicators/16"


@pytest.fixture
def evaluated(world: World, approve: Approve) -> Declaration:
    declaration = approve()
    actuals = all_met(declaration.as_document(), DECEMBER)
    replace_actual(actuals, IndicatorActual(SATISFACTION, completed=Decimal(45)))
    replace_actual(
        actuals, IndicatorActual(MEDIATION, completed=Decimal(81), reason_text="部分当事人未履行")
    )
    actuals.executions = [BudgetExecution("", Decimal("3170.035"), reason_text="基建项目延期")]
    save_actuals(world.officer, declaration, DECEMBER, actuals, NEW)
    return declaration


def cell(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)<', html, re.S)
    assert match, testid
    return match.group(1).strip()


def test_total_and_grade(world: World, evaluated: Declaration) -> None:
    response = client_for(world.reviewer).get(f"/declarations/{evaluated.pk}/evaluation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert cell(html, "selfeval-total") == "89.40"
    assert cell(html, "selfeval-grade") == "良"
    assert cell(html, "selfeval-rate") == "50.00%"
    assert cell(html, "selfeval-budget-points") == "5.00"
    assert "部门整体支出绩效自评表" in html
    satisfaction = re.search(rf'data-path="{SATISFACTION}".*?</tr>', html, re.S)
    assert satisfaction
    assert "45 ÷ 90 × 10 = 5" in satisfaction.group(0)
    mediation = re.search(rf'data-path="{MEDIATION}".*?</tr>', html, re.S)
    assert mediation and "5.40" in mediation.group(0) and "部分当事人未履行" in mediation.group(0)
    assert "产出指标（37.5分）" in html and "成本指标（12.5分）" in html
    assert 'data-testid="settings-form"' not in html  # reviewers read only
    assert 'data-testid="partial-year"' not in html


def test_officer_changes_the_weights(world: World, evaluated: Declaration) -> None:
    """预算执行率 20 and 产出指标 40 (10 per group): 50 % × 20 = 10; 40 + 29.40 + 5 → 84.40 良."""
    client = client_for(world.officer)
    page = client.get(f"/declarations/{evaluated.pk}/evaluation/")
    assert 'data-testid="settings-form"' in page.content.decode()
    data = {
        "version": NEW,
        "budget_weight": "20",
        "output_weight": "40",
        "benefit_weight": "30",
        "satisfaction_weight": "10",
        "cost_share": "",
        "split": "groups",
        "over_achievement_ratio": "1.2",
        "monitoring_preset": "default",
    }
    response = client.post(f"/declarations/{evaluated.pk}/evaluation/settings/", data)
    assert response.status_code == 302
    stored = EvaluationSettings.objects.get(declaration=evaluated)
    assert stored.scoring_config == {"budget_weight": "20", "output_weight": "40"}
    html = client.get(f"/declarations/{evaluated.pk}/evaluation/").content.decode()
    assert cell(html, "selfeval-total") == "84.40"
    assert cell(html, "selfeval-budget-points") == "10.00"
    stale = client.post(f"/declarations/{evaluated.pk}/evaluation/settings/", data)
    assert stale.status_code == 409
    reviewer = client_for(world.reviewer).post(
        f"/declarations/{evaluated.pk}/evaluation/settings/", data
    )
    assert reviewer.status_code == 403


def test_weights_over_100_are_refused_with_the_core_message(
    world: World, evaluated: Declaration
) -> None:
    data = {
        "version": NEW,
        "budget_weight": "10",
        "output_weight": "50",
        "benefit_weight": "30",
        "satisfaction_weight": "10",
        "split": "rows",
        "over_achievement_ratio": "0.5",
        "monitoring_preset": "default",
    }
    response = client_for(world.officer).post(
        f"/declarations/{evaluated.pk}/evaluation/settings/", data
    )
    assert response.status_code == 400
    assert not EvaluationSettings.objects.exists()


def test_xlsx_export_is_laid_out_as_the_official_form(world: World, evaluated: Declaration) -> None:
    """The core's workbook (汇总, the form, 计分说明) with the hand-computed numbers."""
    response = client_for(world.reviewer).get(
        f"/declarations/{evaluated.pk}/evaluation/export.xlsx"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames[0] == "汇总" and workbook.sheetnames[-1] == "计分说明"
    sheet = workbook.worksheets[1]
    assert sheet["A1"].value == "部门整体支出绩效自评表"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    headers = next(row for row in values if row[1] == "一级指标")
    assert headers[1:9] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    funds = next(row for row in values if row[1] == "年度资金总额")
    assert funds[3:9] == [6340.07, 6340.07, 3170.035, 10, "50.00%", 5]  # numbers, not text
    total = next(row for row in values if row[0] == "总分")
    assert (total[6], total[7]) == (100, 89.4)
    grade = next(row for row in values if row[0] == "等级")
    assert grade[6] == "良"
    grid = values[values.index(headers) + 1 : values.index(total)]
    assert len(grid) == 23
    satisfaction = next(row for row in grid if row[3] == "受援人满意度（%）")
    assert satisfaction[1:9] == [
        "满意度指标（10分）",
        "服务对象满意度指标",
        "受援人满意度（%）",
        "≥90",
        "45%",
        10,
        5,
        None,
    ]
    coverage = next(row for row in grid if row[3] == "一社区一法律顾问覆盖率")
    assert coverage[1:3] == [None, None]  # inside the merged 效益指标 / 社会效益指标 cells


def test_html_export_is_self_contained(world: World, evaluated: Declaration) -> None:
    response = client_for(world.officer).get(f"/declarations/{evaluated.pk}/evaluation/export.html")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    html = response.content.decode()
    assert (
        "<style>" in html and "<link" not in html and "<script" not in html and "src=" not in html
    )
    total = re.search(r'data-testid="selfeval-total".*?</tr>', html, re.S)
    grade = re.search(r'data-testid="selfeval-grade".*?</tr>', html, re.S)
    assert total and ">89.40<" in total.group(0)
    assert grade and ">良<" in grade.group(0)
    assert "部门整体支出绩效自评表" in html and "数据截至2025年全年" in html
    assert (
        client_for(world.officer)
        .get(f"/declarations/{evaluated.pk}/evaluation/export.pdf")
        .status_code
        == 404
    )


def test_a_mid_year_report_is_marked_as_a_preview(world: World, approve: Approve) -> None:
    declaration = approve()
    june = Period(2025, 6)
    save_actuals(world.officer, declaration, june, all_met(declaration.as_document(), june), NEW)
    html = (
        client_for(world.officer)
        .get(f"/declarations/{declaration.pk}/evaluation/")
        .content.decode()
    )
    assert 'data-testid="partial-year"' in html
    assert cell(html, "selfeval-grade") == "优"


def test_project_tables_have_one_table_per_project(world: World) -> None:
    from jixiao.ingest import load
    from tests.web.conftest import SAMPLES
    from tests.web.monitoring.conftest import approve_through_workflow
    from web.declarations.services import create_declaration

    document = load(SAMPLES / "tianhe-2025-project-pdftext.txt")
    declaration = approve_through_workflow(
        create_declaration(world.officer, world.tianhe, document, fiscal_year=2025), world
    )
    actuals = all_met(document, DECEMBER)
    actuals.executions = [BudgetExecution("projects/1", Decimal("289.20"))]
    save_actuals(world.officer, declaration, DECEMBER, actuals, NEW)
    client = client_for(world.reviewer)
    html = client.get(
        f"/declarations/{declaration.pk}/evaluation/?item=projects/1"
    ).content.decode()
    assert html.count('data-testid="selfeval-summary-row"') == 22
    assert "项目支出绩效自评表" in html
    assert cell(html, "selfeval-name") == "天河区一村（社区）一法律顾问公益法律服务工作经费"
    assert cell(html, "selfeval-budget-points") == "10.00"
    workbook = load_workbook(
        BytesIO(client.get(f"/declarations/{declaration.pk}/evaluation/export.xlsx").content)
    )
    assert len(workbook.worksheets) == 22 + 2  # 汇总, one per project, 计分说明
