"""Issue 4 in a real browser: actuals → red light → reason → reviewer's alerts → 自评表.

"A department officer enters actuals, sees a red light, gives a reason; the reviewer sees it
in the red/yellow view; the self-evaluation table exports."

The declaration is 天河区司法局's 2025 项目支出 table (``samples/tianhe-2025-project-pdftext.txt``:
22 projects, 110 indicators), approved through the workflow in the fixture. For 2025年1-6月 the
officer reports on the 7th project, 基层工作和司法所经费 (全年预算 30.00 万元):

* 业务宣传活动（场次）, 年度指标值 ≥ 21 场: 3 场 done. 序时目标 = 21 × 6 ÷ 12 = 10.5 场 and
  3 ÷ 10.5 = 28.6 % < 60 % → 红 (default thresholds: 红 < 60 %, 黄 < 80 %);
* 累计执行数 13.5 万元: 执行率 13.5 ÷ 30 = 45.00 %; ÷ 序时进度 50 % = 90.0 % ≥ 80 % → 绿.

Its 自评表 (default weights 预算执行率 10, 产出 50, 效益 30, 满意度 10): 预算执行率 45 % × 10
= 4.50; 产出 50 is shared by its two 二级指标 (数量, 质量), 25 each, and 数量's 25 by three rows,
8.34 + 8.33 + 8.33 (the odd cent to the first), so 业务宣传活动 scores 3 ÷ 21 × 8.33 = 1.19.
Nothing else is reported (0 points; the project has no 满意度 row), so the total is
4.50 + 1.19 = 5.69 → 差 (< 60).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Demo, Login, Logout, NewPage, Screenshot
from web.declarations.models import Declaration
from web.declarations.services import perform
from web.workflow import Action, Status

Url = Callable[..., str]

SAMPLE = "tianhe-2025-project-pdftext.txt"
OFFICER, REVIEWER, OTHER_REVIEWER = "tianhe-sfj", "tianhe-czj", "yuexiu-czj"
PROJECT = "projects/6"
PROJECT_NAME = "基层工作和司法所经费"
PROJECT_BUDGET = Decimal("30.00")  # 万元, 申报表资金总额
PUBLICITY = "projects/6/indicators/1"
PUBLICITY_NAME = "业务宣传活动（场次）"
TARGET = Decimal(21)  # 年度指标值 ≥ 21 场
MONTH = 6
PERIOD_LABEL = f"2025年1-{MONTH}月"
DONE = Decimal(3)  # 场 by the end of June
EXECUTED = Decimal("13.5")  # 万元 by the end of June
REASON = "经费保障"
REASON_TEXT = "宣传经费下半年才到位，活动集中在三、四季度开展"

CENT = Decimal("0.01")
SCHEDULE = TARGET * MONTH / 12  # 10.5 场
RATIO = DONE / SCHEDULE * 100  # 28.57… %
EXECUTION_RATE = EXECUTED / PROJECT_BUDGET * 100  # 45 %
TIME_RATIO = EXECUTION_RATE / (Decimal(MONTH) / 12 * 100) * 100  # 90 %
BUDGET_POINTS = (EXECUTION_RATE / 100 * 10).quantize(CENT)  # 4.50
PUBLICITY_WEIGHT = Decimal("8.33")  # 50 / 2 groups = 25; 25 / 3 rows → 8.34, 8.33, 8.33
PUBLICITY_SCORE = (DONE / TARGET * PUBLICITY_WEIGHT).quantize(CENT, ROUND_HALF_UP)  # 1.19
TOTAL = BUDGET_POINTS + PUBLICITY_SCORE  # 5.69
GRADE = "差"  # < 60


def one_decimal(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture
def approved(demo: Demo) -> Declaration:
    """天河's 项目支出 table, submitted by its officer and approved by 天河区财政局."""
    declaration = demo.declaration(SAMPLE)
    project = declaration.as_document().projects[6]
    assert (project.name, project.amount_total) == (PROJECT_NAME, PROJECT_BUDGET)
    publicity = project.indicators[1]
    assert publicity.name == PUBLICITY_NAME and len(project.indicators) == 5
    target = publicity.annual_target
    assert target is not None and target.value == TARGET
    perform(demo.user(OFFICER), declaration, Action.SUBMIT, declaration.version)
    perform(demo.user(REVIEWER), declaration, Action.APPROVE, declaration.version)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.fiscal_year) == (Status.APPROVED, 2025)
    return declaration


def test_officer_reports_a_red_light_the_reviewer_sees_it_and_the_selfeval_exports(
    new_page: NewPage,
    approved: Declaration,
    url: Url,
    login: Login,
    logout: Logout,
    screenshot: Screenshot,
    page_errors: list[str],
    tmp_path: Path,
) -> None:
    expected_errors: list[str] = []  # downloads end their navigation: net::ERR_ABORTED
    page = new_page()
    login(page, OFFICER)
    open_actuals_form(page, approved, url)
    expected_errors.append(check_template(page, tmp_path))
    enter_actuals(page, screenshot)
    see_the_red_light(page, approved, screenshot)
    give_the_reason(page)
    logout(page)

    login(page, REVIEWER)
    see_the_alert(page, approved, screenshot)
    expected_errors.append(other_bureau_sees_nothing(new_page(), approved, url, login))

    officer = new_page()
    login(officer, OFFICER)
    open_the_selfeval(officer, approved, url, screenshot)
    expected_errors.append(export_xlsx(officer, tmp_path))
    expected_errors.append(export_html(officer, tmp_path))
    assert [error for error in page_errors if error not in expected_errors] == []


def open_actuals_form(page: Page, declaration: Declaration, url: Url) -> None:
    """The approved declaration → 填报执行情况 (``actuals-edit``), switched to 2025年1-6月."""
    page.goto(url("declaration-detail", declaration.pk))
    expect(page.get_by_test_id("status-badge")).to_have_text("已批复")
    links = page.get_by_test_id("monitoring-links")
    expect(links.get_by_test_id("link-monitoring")).to_be_visible()
    expect(links.get_by_test_id("link-evaluation")).to_be_visible()
    with page.expect_navigation():
        links.get_by_test_id("link-actuals-edit").click()
    expect(page.get_by_test_id("page-title")).to_have_text("填报执行情况")
    page.get_by_test_id("period-month").select_option(str(MONTH))
    with page.expect_navigation():
        page.get_by_test_id("period-switch").click()
    assert page.url.endswith(f"/actuals/?year=2025&month={MONTH}")
    expect(page.get_by_test_id("report-state")).to_contain_text(f"{PERIOD_LABEL}尚未填报")
    expect(page.get_by_test_id("indicator-row")).to_have_count(110)
    expect(page.get_by_test_id("budget-row")).to_have_count(23)  # 部门整体 + 22 projects


def check_template(page: Page, tmp_path: Path) -> str:
    """下载填报模板: every indicator and budget line of the declaration, for June; the
    download's expected request error."""
    path, aborted = download(page, "download-template", tmp_path)
    assert path.name.endswith(f"-2025-{MONTH:02d}.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["指标完成情况", "预算执行情况", "填报说明"]
    indicators = rows_of(workbook["指标完成情况"])
    assert sum(1 for row in indicators if PUBLICITY_NAME in row) == 1
    assert sum(1 for row in indicators if PROJECT_NAME in row) == 5  # its five indicators
    budget = rows_of(workbook["预算执行情况"])
    (line,) = [row for row in budget if PROJECT_NAME in row]
    assert PROJECT_BUDGET in line  # 全年预算数, pre-filled
    assert PERIOD_LABEL in sheet_text(workbook["填报说明"])
    return aborted


def enter_actuals(page: Page, screenshot: Screenshot) -> None:
    """3 场 for 业务宣传活动 and 13.5 万元 executed for its project; saved → monitoring page."""
    row = by_path(page, "indicator-row", PUBLICITY)
    expect(row).to_contain_text(PUBLICITY_NAME)
    expect(row.get_by_test_id("indicator-target")).to_have_text("≥ 21 场")
    expect(row.get_by_test_id("actual-month")).to_have_value(str(MONTH))
    row.get_by_test_id("actual-completed").fill(str(DONE))
    budget = by_path(page, "budget-row", PROJECT)
    assert as_decimal(budget.get_by_test_id("budget-declared").inner_text()) == PROJECT_BUDGET
    budget.get_by_test_id("budget-executed").fill(str(EXECUTED))
    page.get_by_test_id("actuals-note").fill("6月底执行情况")
    screenshot(page, "monitoring-actuals-form")
    with page.expect_navigation():
        page.get_by_test_id("save-actuals").click()


def see_the_red_light(page: Page, declaration: Declaration, screenshot: Screenshot) -> None:
    """The indicator is red with its arithmetic and no reason; the budget line is green; the
    execution chart is drawn from the entered figure."""
    assert f"/declarations/{declaration.pk}/monitoring/?year=2025&month={MONTH}" in page.url
    expect(page.get_by_role("alert")).to_contain_text(f"已保存{PERIOD_LABEL}执行情况")
    row = by_path(page, "indicator-light-row", PUBLICITY)
    expect(row).to_have_attribute("data-light", "red")
    expect(row.get_by_test_id("actual-value")).to_contain_text(str(DONE))
    expect(row.get_by_test_id("explanation")).to_contain_text(
        f"序时目标 {SCHEDULE.normalize()} 场 (21×{MONTH}/12) = {one_decimal(RATIO)} % → 红"
    )
    expect(row.get_by_test_id("reason-missing")).to_be_visible()
    expect(by_path(page, "project-light-row", PROJECT)).to_have_attribute("data-light", "red")
    budget = by_path(page, "budget-light-row", PROJECT)
    expect(budget).to_have_attribute("data-light", "green")
    expect(budget).to_contain_text(f"{EXECUTION_RATE:.2f}%")  # 45.00%
    expect(budget).to_contain_text(f"{one_decimal(TIME_RATIO)}%")  # 90.0%

    chart = page.get_by_test_id("execution-chart")
    expect(chart).to_have_attribute("data-ready", "1")  # the inline script ran to its end
    series = page.evaluate(CHART_SERIES, PROJECT_NAME)
    assert series["executed"][MONTH - 1] == float(EXECUTED)
    assert series["schedule"][MONTH - 1] == float(PROJECT_BUDGET * MONTH / 12)  # 15.0
    page.get_by_test_id("chart-series").select_option(label=PROJECT_NAME)
    drawn = page.evaluate(CHART_DRAWN)  # what Chart.js draws after the switch
    assert drawn == {"title": PROJECT_NAME, "bars": series["executed"]}
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    screenshot(page, "monitoring-red-light")


CHART_SERIES = """name => JSON.parse(document.getElementById("execution-data").textContent)
    .series.find(s => s.name === name)"""
CHART_DRAWN = """() => {
    const chart = Chart.getChart(document.getElementById("execution-chart"));
    return {title: chart.options.plugins.title.text, bars: chart.data.datasets[0].data};
}"""


def give_the_reason(page: Page) -> None:
    """Back to the form: tick 经费保障, write the 原因说明; the flag is gone, still red."""
    with page.expect_navigation():
        page.get_by_test_id("link-actuals-edit").click()
    expect(page.get_by_test_id("report-state")).to_contain_text("第 1 版")
    row = by_path(page, "indicator-row", PUBLICITY)
    expect(row.get_by_test_id("actual-completed")).to_have_value(str(DONE))
    row.get_by_label(REASON).check()
    row.get_by_test_id("actual-reason-text").fill(REASON_TEXT)
    with page.expect_navigation():
        page.get_by_test_id("save-actuals").click()
    row = by_path(page, "indicator-light-row", PUBLICITY)
    expect(row).to_have_attribute("data-light", "red")
    expect(row.get_by_test_id("reasons")).to_contain_text(f"{REASON}：{REASON_TEXT}")
    expect(row.get_by_test_id("reason-missing")).to_have_count(0)
    expect(page.get_by_test_id("history-entry")).to_have_count(2)


def see_the_alert(page: Page, declaration: Declaration, screenshot: Screenshot) -> None:
    """天河区财政局's reviewer filters the red items and finds the row with its reason."""
    with page.expect_navigation():
        page.locator('nav [data-nav="alerts"]').click()
    expect(page.get_by_test_id("page-title")).to_have_text("红黄灯预警")
    page.get_by_test_id("filter-light").select_option("red")
    with page.expect_navigation():
        page.get_by_test_id("filter-submit").click()
    assert "light=red" in page.url
    rows = page.get_by_test_id("alert-row")
    expect(rows).to_have_count(1)  # nothing else of the report is red
    row = rows.first
    expect(row).to_have_attribute("data-light", "red")
    expect(row).to_have_attribute("data-declaration", str(declaration.pk))
    expect(row).to_have_attribute("data-path", PUBLICITY)
    expect(row).to_contain_text("广州市天河区司法局")
    expect(row).to_contain_text(PERIOD_LABEL)
    expect(row).to_contain_text(PROJECT_NAME)
    expect(row.get_by_test_id("alert-item")).to_have_text(PUBLICITY_NAME)
    expect(row.get_by_test_id("explanation")).to_contain_text(f"{one_decimal(RATIO)} % → 红")
    expect(row.get_by_test_id("alert-reason")).to_contain_text(f"{REASON}：{REASON_TEXT}")
    expect(row.get_by_test_id("reason-missing")).to_have_count(0)
    expect(page.get_by_test_id("alerts-count")).to_have_text("共 1 项。")
    screenshot(page, "monitoring-alerts-reviewer")
    with page.expect_navigation():
        row.get_by_test_id("alert-link").click()
    expect(by_path(page, "indicator-light-row", PUBLICITY)).to_have_attribute("data-light", "red")
    expect(page.get_by_test_id("link-actuals-edit")).to_have_count(0)  # reviewers only read


def other_bureau_sees_nothing(page: Page, declaration: Declaration, url: Url, login: Login) -> str:
    """越秀区财政局's reviewer: no alerts, and the monitoring page is not found; the 404."""
    login(page, OTHER_REVIEWER)
    page.goto(url("monitoring-alerts") + "?light=red")
    expect(page.get_by_test_id("no-alerts")).to_be_visible()
    expect(page.get_by_test_id("alert-row")).to_have_count(0)
    target = url("monitoring-detail", declaration.pk)
    response = page.goto(target)
    assert response is not None and response.status == 404
    return f"{target}: HTTP 404"


def open_the_selfeval(
    page: Page, declaration: Declaration, url: Url, screenshot: Screenshot
) -> None:
    """运行监控 → 绩效自评 → the project's 自评表: the hand-computed scores, total and grade."""
    page.goto(url("monitoring-detail", declaration.pk))
    with page.expect_navigation():
        page.get_by_test_id("link-evaluation").click()
    expect(page.get_by_test_id("page-title")).to_have_text("绩效自评")
    expect(page.get_by_test_id("partial-year")).to_contain_text(PERIOD_LABEL)
    expect(page.get_by_test_id("selfeval-summary-row")).to_have_count(22)
    summary = by_path(page, "selfeval-summary-row", PROJECT)
    with page.expect_navigation():
        summary.get_by_test_id("selfeval-item-link").click()
    expect(by_path(page, "selfeval-summary-row", PROJECT)).to_have_class(re.compile("table-active"))
    table = page.locator(f'[data-testid="selfeval-table"][data-path="{PROJECT}"]')
    expect(table.get_by_test_id("selfeval-name")).to_have_text(PROJECT_NAME)
    expect(table.get_by_test_id("selfeval-rate")).to_have_text(f"{EXECUTION_RATE:.2f}%")
    expect(table.get_by_test_id("selfeval-budget-points")).to_have_text(str(BUDGET_POINTS))
    row = by_path(table, "selfeval-row", PUBLICITY)
    expect(row.get_by_test_id("selfeval-actual")).to_contain_text(str(DONE))
    expect(row.get_by_test_id("selfeval-score")).to_have_text(str(PUBLICITY_SCORE))
    expect(row.get_by_test_id("selfeval-explanation")).to_contain_text(
        f"{DONE} ÷ {TARGET} × {PUBLICITY_WEIGHT} = {PUBLICITY_SCORE}"
    )
    expect(row).to_contain_text(REASON_TEXT)
    expect(table.get_by_test_id("selfeval-total")).to_have_text(str(TOTAL))
    expect(table.get_by_test_id("selfeval-grade")).to_have_text(GRADE)
    expect(by_path(page, "selfeval-summary-row", PROJECT)).to_contain_text(str(TOTAL))
    screenshot(page, "monitoring-selfeval")


def export_xlsx(page: Page, tmp_path: Path) -> str:
    """导出自评表（XLSX）: 汇总 and the project's sheet carry the page's figures."""
    path, aborted = download(page, "export-xlsx", tmp_path)
    assert path.name.endswith(f"绩效自评表-{PERIOD_LABEL}.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "汇总" and workbook.sheetnames[-1] == "计分说明"
    assert len(workbook.sheetnames) == 24  # 汇总, 22 projects, 计分说明
    (listed,) = [row for row in rows_of(workbook["汇总"]) if PROJECT_NAME in row]
    assert as_decimal(listed[4]) == TOTAL and listed[5] == GRADE  # 总分, 等级
    sheet = rows_of(workbook[PROJECT_NAME])
    assert [row[1] for row in sheet if row[0] == "项目名称"] == [PROJECT_NAME]
    (publicity,) = [row for row in sheet if row[3] == PUBLICITY_NAME]
    assert str(publicity[5]).startswith(str(DONE))  # 实际完成值 "3场"
    assert as_decimal(publicity[7]) == PUBLICITY_SCORE
    (footer,) = [row for row in sheet if row[0] == "总分"]
    assert as_decimal(footer[7]) == TOTAL
    (grade,) = [row for row in sheet if row[0] == "等级"]
    assert grade[6] == GRADE
    return aborted


def export_html(page: Page, tmp_path: Path) -> str:
    """导出自评表（HTML）: one self-contained file; opened without a server (set as the page's
    content), it shows the project's table and fetches nothing (a fetch would fail and be
    recorded in ``page_errors``)."""
    path, aborted = download(page, "export-html", tmp_path)
    assert path.name.endswith(f"绩效自评表-{PERIOD_LABEL}.html")
    html = path.read_text(encoding="utf-8")
    assert PROJECT_NAME in html and PUBLICITY_NAME in html and REASON_TEXT in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//|@import""", html, re.I)
    page.set_content(html)
    expect(page.get_by_text(PROJECT_NAME).first).to_be_visible()
    return aborted


def download(page: Page, testid: str, folder: Path) -> tuple[Path, str]:
    """Click the link ``testid``, wait for the download and save it in ``folder`` under the
    name the server gave; the path, and the error the page records for the download (its
    navigation ends in ``net::ERR_ABORTED``, which ``page_errors`` lists as a failure)."""
    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    file = info.value
    assert file.failure() is None
    path = folder / unquote(file.suggested_filename)
    file.save_as(path)
    return path, f"{file.url}: net::ERR_ABORTED"


def by_path(scope: Page | Locator, testid: str, path: str) -> Locator:
    return scope.locator(f'[data-testid="{testid}"][data-path="{path}"]')


def rows_of(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def sheet_text(sheet: Worksheet) -> str:
    return "\n".join(" ".join(str(v) for v in row if v is not None) for row in rows_of(sheet))


def as_decimal(value: object) -> Decimal:
    return Decimal(str(value)).quantize(CENT)
