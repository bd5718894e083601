"""Issue 3 end to end in a real browser: import, fix a finding, submit, return, resubmit,
approve, export.

The officer of 广州市司法局 (``gz-sfj``) uploads the department's published 2023 project
table (``samples/guangzhou-2023-project-tabbed.txt``: 29 projects, 141 indicators) through
the import page, corrects the 年度指标值 of 办公场所安保措施到位率 (project 21,
业务用房物业管理经费: "24小时" is no measure of a 率, two warnings) to "≥99%" after the live
preview read it as "≥ 99 %", saves (both findings of the row gone) and submits. The reviewer
of 广州市财政局 (``gz-czj``) finds it in the queue and returns it with a comment on that
indicator and an accepted finding on the next one; the officer sees the comments beside the
indicators and resubmits; the reviewer approves, confirming the error findings that remain,
checks the history and the search, and downloads the XLSX workbook, which is opened and
checked. Every page must load without JavaScript errors or failed requests.

Screenshots go to ``artifacts/screenshots/workflow-NN-*.png``: whole pages through the
``screenshot`` fixture (login, list, import, queue, approval confirmation, history, search
results). The declaration, edit and return pages of this table are 25,000–30,000 px tall (a
full-page PNG takes 4–9 s, risks the 10 s timeout on a busy machine and shows nothing
readable), so they are saved as the window's view of their top (``*-top.png``: detail,
edit with findings, return form, approved detail) and as close-ups of project 21
(``*-closeup.png``: the target preview, the return form's rows, the comments beside the
indicators).

A second test checks that an officer of another department (``tianhe-sfj``) gets 404 on
the department's declaration, its edit and history pages and its export.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import SCREENSHOTS, Demo, Login, Logout, NewPage, Screenshot
from web.declarations.management.commands.seed_demo import (
    DEMO_PASSWORD,
    seed_organisations,
    seed_users,
)
from web.declarations.models import Declaration
from web.workflow import Status

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "guangzhou-2023-project-tabbed.txt"
PROJECTS, INDICATORS = 29, 141
PROJECT_INDEX, PROJECT_NAME = 20, "业务用房物业管理经费"

FIXED_PATH = f"projects/{PROJECT_INDEX}/indicators/3"
FIXED_NAME = "办公场所安保措施到位率"
OLD_TARGET, OLD_READING = "24小时", "= 24 小时"
NEW_TARGET, NEW_READING = "≥99%", "≥ 99 %"
FIXED_CODES = {"unit-contradicts-rate-name", "target-comparator-missing"}
"""The findings about the old value, both gone after the fix."""

UNIT_MISSING_PATH = f"projects/{PROJECT_INDEX}/indicators/4"
"""物业服务人员数量 "≥30" has no unit: an error finding the reviewer accepts as a comment."""
REVIEW_COMMENT = "安保措施到位率请说明计算口径（已到位的安保措施数 / 应配置的安保措施数）。"
APPROVAL_NOTE = "同意批复，请按审核意见完善指标计量单位。"

PREVIEW_TIMEOUT_MS = 20_000
CHARTS_DRAWN = """() => [...document.querySelectorAll("canvas[data-chart]")].every(canvas =>
    canvas.dataset.chartReady === "1" && !Chart.animator.running(Chart.getChart(canvas)))"""
"""The declaration page's charts (``jixiao/charts.js``) are drawn and their animation over."""


@pytest.fixture
def accounts(transactional_db: None) -> None:
    """The demo organisations and accounts without declarations: the officer's upload is
    the only declaration, as on a fresh installation."""
    seed_users(seed_organisations(), DEMO_PASSWORD)


def test_import_fix_submit_return_resubmit_approve_export(
    new_page: NewPage,
    accounts: None,
    login: Login,
    logout: Logout,
    screenshot: Screenshot,
    page_errors: list[str],
    tmp_path: Path,
) -> None:
    def shot(page: Page, name: str) -> None:
        """Check the pages so far loaded cleanly, then save the whole page."""
        assert page_errors == [], name
        screenshot(page, f"workflow-{name}")

    def top(page: Page, name: str) -> None:
        """As ``shot``, for the long pages: the window's view of the top of the page, once
        its charts are drawn."""
        assert page_errors == [], name
        page.wait_for_function(CHARTS_DRAWN)
        page.screenshot(path=SCREENSHOTS / f"workflow-{name}-top.png")

    def close_up(part: Locator, name: str) -> None:
        """As ``shot``, for one part of a long page."""
        assert page_errors == [], name
        part.screenshot(path=SCREENSHOTS / f"workflow-{name}-closeup.png")

    officer = new_page()

    # --- officer: log in, import the sample ---------------------------------------------
    officer.goto(reverse("login"))
    shot(officer, "01-login")
    login(officer, "gz-sfj")
    expect(officer.get_by_test_id("whoami")).to_contain_text("部门填报人 · 广州市司法局")
    expect(officer.get_by_test_id("list-empty")).to_be_visible()
    shot(officer, "02-officer-list")

    follow(officer.locator("a[data-nav=import]"))
    form = officer.get_by_test_id("import-form")
    expect(form).to_contain_text("申报部门：广州市司法局")
    shot(officer, "03-import")
    officer.get_by_test_id("field-file").set_input_files(SAMPLE)
    follow(officer.get_by_test_id("import-button"))
    match = re.search(r"/declarations/(\d+)/$", officer.url)
    assert match, officer.url
    pk = int(match.group(1))
    declaration = Declaration.objects.get(pk=pk)
    assert (declaration.department_name, declaration.fiscal_year) == ("广州市司法局", 2023)
    assert (declaration.source_file, declaration.version) == (SAMPLE.name, 1)
    imported = officer.get_by_role("alert").first
    expect(imported).to_contain_text(f"导入 {PROJECTS} 个项目 / {INDICATORS} 个指标，发现 ")
    errors, warnings = (
        int(officer.get_by_test_id(f"findings-count-{severity}").inner_text())
        for severity in ("error", "warning")
    )
    expect(imported).to_contain_text(f"发现 {errors} 个错误、{warnings} 个警告")
    expect(officer.get_by_test_id("status-badge")).to_have_text("草稿")
    expect(officer.get_by_test_id("project-block")).to_have_count(PROJECTS)
    expect(officer.locator("canvas[data-chart]")).not_to_have_count(0)
    expect(officer.get_by_test_id("project-summary")).to_contain_text(
        f"{PROJECTS} 个项目，{INDICATORS} 个三级指标"
    )
    row = detail_row(officer, FIXED_PATH)
    expect(row.locator("[data-field=annual_target]")).to_have_text(OLD_TARGET)
    assert codes(row.get_by_test_id("finding")) == FIXED_CODES
    top(officer, "04-detail-imported")

    # --- officer: fix the finding on the edit page --------------------------------------
    follow(officer.get_by_test_id("action-edit"))
    expect(officer.get_by_test_id("edit-form")).to_be_visible()
    row_findings = officer.locator(f'[data-testid=finding][data-path="{FIXED_PATH}"]')
    all_findings = officer.get_by_test_id("edit-form").get_by_test_id("finding")
    assert codes(row_findings) == FIXED_CODES
    findings_before = all_findings.count()
    top(officer, "05-edit-with-findings")

    row = officer.locator(f'[data-testid=indicator-row][data-path="{FIXED_PATH}"]')
    expect(row.locator("input[name$='-name']")).to_have_value(FIXED_NAME)
    target = row.locator("input[name$='-annual_target']")
    expect(target).to_have_value(OLD_TARGET)
    preview = officer.locator(f"#{target.get_attribute('id')}-preview")
    expect(preview.get_by_test_id("target-reading")).to_have_text(OLD_READING)
    expect(preview.get_by_test_id("target-warning")).to_have_count(1)  # no comparator
    target.select_text()  # then type over it: the preview is asked for on keyup
    with officer.expect_response(lambda response: "/api/target-preview/" in response.url):
        target.press_sequentially(NEW_TARGET)
    # the whole 30,000 px page is laid out again after each swap: slow on a busy machine
    reading = preview.get_by_test_id("target-reading")
    expect(reading).to_have_text(NEW_READING, timeout=PREVIEW_TIMEOUT_MS)
    expect(preview.get_by_test_id("target-warning")).to_have_count(0)
    expect(preview.get_by_test_id("target-preview")).to_have_attribute("data-measurable", "true")
    project_card = officer.get_by_test_id("project-card").nth(PROJECT_INDEX)
    expect(project_card.locator("input[name$='-name']").first).to_have_value(PROJECT_NAME)
    close_up(project_card, "06-edit-target-preview")

    follow(officer.get_by_test_id("save-button"))
    expect(officer.get_by_role("alert").first).to_contain_text("已保存为第 2 版")
    expect(target).to_have_value(NEW_TARGET)
    expect(row_findings).to_have_count(0)
    assert all_findings.count() == findings_before - len(FIXED_CODES)
    declaration.refresh_from_db()
    assert declaration.version == 2
    fixed = declaration.as_document().projects[PROJECT_INDEX].indicators[3]
    assert (fixed.name, fixed.annual_target and fixed.annual_target.raw) == (FIXED_NAME, NEW_TARGET)

    # --- officer: submit, log out --------------------------------------------------------
    follow(officer.get_by_test_id("link-detail"))
    expect(officer.get_by_test_id("declaration-version")).to_have_text("第 2 版")
    row = detail_row(officer, FIXED_PATH)
    expect(row.locator("[data-field=annual_target]")).to_have_text(NEW_TARGET)
    expect(row.get_by_test_id("finding")).to_have_count(0)
    follow(officer.get_by_test_id("action-submit"))
    expect(officer.get_by_role("alert").first).to_contain_text("已提交")
    expect(officer.get_by_test_id("status-badge")).to_have_text("已提交")
    expect(officer.get_by_test_id("action-edit")).to_have_count(0)
    logout(officer)
    assert officer.url.endswith(reverse("login"))
    expect(officer.get_by_test_id("whoami")).to_have_count(0)

    # --- reviewer: queue, return with comments on the project's indicators --------------
    reviewer = new_page()
    login(reviewer, "gz-czj")
    assert reviewer.url.endswith(reverse("review-queue"))
    queue_row = reviewer.get_by_test_id("queue-row")
    expect(queue_row).to_have_count(1)
    expect(queue_row).to_have_attribute("data-pk", str(pk))
    expect(queue_row.get_by_test_id("status-badge")).to_have_text("已提交")
    expect(queue_row).to_contain_text("广州市司法局")
    shot(reviewer, "07-reviewer-queue")

    follow(queue_row.get_by_role("link"))
    expect(reviewer.get_by_test_id("declaration-title")).to_be_visible()
    follow(reviewer.get_by_test_id("action-return"))
    expect(reviewer.get_by_test_id("return-form")).to_be_visible()
    group = reviewer.get_by_test_id(f"return-group-project-{PROJECT_INDEX}")
    expect(group).to_have_attribute("open", "")  # it has findings: unfolded
    expect(group.locator("summary")).to_contain_text(PROJECT_NAME)
    reviewer.get_by_test_id(f"comment-{FIXED_PATH}").fill(REVIEW_COMMENT)
    unit_missing = reviewer.get_by_test_id(f"return-item-{UNIT_MISSING_PATH}")
    expect(unit_missing.get_by_test_id("finding-item").first).to_contain_text("没有计量单位")
    reviewer.get_by_test_id(f"suggest-{UNIT_MISSING_PATH}-0").check()  # accept the finding
    top(reviewer, "08-return-form")
    close_up(group, "08-return-form")
    follow(reviewer.get_by_test_id("return-submit"))
    expect(reviewer.get_by_role("alert").first).to_contain_text("已退回（2 条意见）")
    expect(reviewer.get_by_test_id("status-badge")).to_have_text("已退回")

    # --- officer: the comments beside the indicators; resubmit --------------------------
    login(officer, "gz-sfj")
    returned = officer.get_by_test_id("declaration-row")
    expect(returned.get_by_test_id("status-badge")).to_have_text("已退回")
    follow(returned.get_by_role("link"))
    comment = detail_row(officer, FIXED_PATH).get_by_test_id("comment")
    expect(comment).to_have_count(1)
    expect(comment).to_contain_text(REVIEW_COMMENT)
    expect(comment).to_contain_text("广州市财政局审核人")
    accepted = detail_row(officer, UNIT_MISSING_PATH).get_by_test_id("comment")
    expect(accepted).to_contain_text("没有计量单位")
    expect(officer.get_by_test_id("comment-list-item")).to_have_count(2)
    close_up(officer.get_by_test_id("project-block").nth(PROJECT_INDEX), "09-returned-comments")
    follow(officer.get_by_test_id("action-submit"))
    expect(officer.get_by_test_id("status-badge")).to_have_text("已重新提交")

    # --- reviewer: approve, confirming the remaining error findings ----------------------
    follow(reviewer.get_by_role("link", name="待审核"))
    queue_row = reviewer.get_by_test_id("queue-row")
    expect(queue_row.get_by_test_id("status-badge")).to_have_text("已重新提交")
    follow(queue_row.get_by_role("link"))
    # the fix removed two warnings; the sample's errors (物业服务人员数量 …) remain
    expect(reviewer.get_by_test_id("findings-count-warning")).to_have_text(
        str(warnings - len(FIXED_CODES))
    )
    expect(reviewer.get_by_test_id("findings-count-error")).to_have_text(str(errors))
    assert errors > 0
    follow(reviewer.get_by_test_id("action-approve"))  # not yet: the errors must be confirmed
    expect(reviewer.get_by_test_id("form-error")).to_contain_text(f"仍有 {errors} 条错误级审核意见")
    declaration.refresh_from_db()
    assert (declaration.status, declaration.version) == (Status.RESUBMITTED, 5)
    listed = reviewer.get_by_test_id("error-findings").get_by_test_id("finding-item")
    expect(listed).to_have_count(errors)
    reviewer.get_by_test_id("acknowledge-errors").check()
    reviewer.get_by_test_id("approve-comment").fill(APPROVAL_NOTE)
    shot(reviewer, "10-approve-confirmation")
    follow(reviewer.get_by_test_id("confirm-submit"))
    expect(reviewer.get_by_role("alert").first).to_contain_text("已批复")
    expect(reviewer.get_by_test_id("status-badge")).to_have_text("已批复")
    expect(reviewer.get_by_test_id("comment-list")).to_contain_text(
        f"批复时仍有 {errors} 条错误级审核意见，审核人已确认批复。"
    )
    expect(reviewer.get_by_test_id("comment-list")).to_contain_text(APPROVAL_NOTE)
    expect(reviewer.get_by_test_id("action-return")).to_have_count(0)
    top(reviewer, "11-approved-detail")
    declaration.refresh_from_db()
    assert (declaration.status, declaration.version) == (Status.APPROVED, 6)

    # --- export, history, search --------------------------------------------------------
    with reviewer.expect_download() as download_info:
        reviewer.get_by_test_id("export-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "2023年-广州市司法局-项目支出绩效目标表.xlsx"
    workbook = tmp_path / download.suggested_filename
    download.save_as(workbook)
    check_workbook(workbook)

    follow(reviewer.get_by_test_id("history-link"))
    reasons = reviewer.get_by_test_id("history-reason")
    expect(reasons).to_have_count(6)
    assert reasons.all_inner_texts() == [
        "批复（1 条意见）",
        "提交",
        "退回（2 条意见）",
        "提交",
        "修改",
        f"导入 {SAMPLE.name}",
    ]
    change = reviewer.locator(f'[data-testid=history-change][data-path="{FIXED_PATH}"]')
    expect(change).to_have_count(1)
    expect(change.locator("del")).to_have_text(OLD_TARGET)
    expect(change.locator("ins")).to_have_text(NEW_TARGET)
    shot(reviewer, "12-history")

    search = reviewer.get_by_role("search").get_by_role("searchbox")
    search.fill("安保措施")
    with reviewer.expect_navigation():
        search.press("Enter")
    result = reviewer.get_by_test_id("search-result")
    expect(result).to_have_count(1)
    expect(result).to_have_attribute("data-pk", str(pk))
    hit = result.locator(f'[data-testid=search-match][data-path="{FIXED_PATH}"]')
    expect(hit).to_contain_text(FIXED_NAME)
    shot(reviewer, "13-search-results")

    anchor = f"#item-{FIXED_PATH.replace('/', '-')}"
    expect(hit.get_by_role("link")).to_have_attribute(
        "href", f"{reverse('declaration-detail', args=[pk])}{anchor}"
    )
    assert page_errors == []


def test_another_departments_officer_gets_404(
    page: Page, demo: Demo, login: Login, page_errors: list[str]
) -> None:
    pk = demo.declaration(SAMPLE.name).pk  # a draft of 广州市司法局
    login(page, "tianhe-sfj")
    for name in ("declaration-detail", "declaration-edit", "declaration-history"):
        response = page.goto(reverse(name, args=[pk]))
        assert response is not None and response.status == 404, name
        expect(page.locator("main")).not_to_contain_text(FIXED_NAME)
    response = page.goto(reverse("declaration-export", args=[pk, "xlsx"]))
    assert response is not None and response.status == 404
    page.goto(reverse("declaration-list"))
    rows = page.get_by_test_id("declaration-row")
    expect(rows).to_have_count(2)  # 天河's own two tables
    assert str(pk) not in rows.evaluate_all("rows => rows.map(row => row.dataset.pk)")
    assert len(page_errors) == 4 and all(e.endswith(": HTTP 404") for e in page_errors)


def follow(link: Locator) -> None:
    """Click ``link`` and wait until the page it leads to has loaded: the long pages arrive
    in parts, and a form's first rows are visible long before its last."""
    with link.page.expect_navigation():
        link.click()


def detail_row(page: Page, path: str) -> Locator:
    """The row of the detail page's official table that shows indicator ``path``."""
    return page.locator(f'[data-testid=indicator-row][data-path="{path}"]')


def codes(findings: Locator) -> set[str]:
    """The ``data-code`` of the finding elements."""
    found: list[str] = findings.evaluate_all("nodes => nodes.map(node => node.dataset.code)")
    return set(found)


def check_workbook(path: Path) -> None:
    """The exported workbook: the summary's counts, 29 projects with 141 indicators in the
    table sheet, the corrected value, and no finding about it left in 审核意见."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        summary, table, findings = workbook.worksheets
        assert (summary.title, findings.title) == ("汇总", "审核意见")
        header, totals = summary.iter_rows(min_row=1, max_row=2, values_only=True)
        counts = dict(zip(header, totals, strict=True))
        assert (counts["部门"], counts["年度"]) == ("广州市司法局", 2023)
        assert (counts["项目数"], counts["指标数"]) == (PROJECTS, INDICATORS)
        rows = list(table.iter_rows(values_only=True))
        columns = list(rows[2])
        assert columns[0] == "项目名称（资金使用单位）", columns
        name, goal, annual = (columns.index(c) for c in ("三级指标", "绩效目标", "年度指标值"))
        projects = [row[0] for row in rows[3:] if row[0] and row[goal]]
        assert len(projects) == PROJECTS and projects[PROJECT_INDEX] == PROJECT_NAME
        indicators = [row for row in rows[3:] if row[name]]
        assert len(indicators) == INDICATORS
        assert [row[annual] for row in indicators if row[name] == FIXED_NAME] == [NEW_TARGET]
        reported = list(
            findings.iter_rows(min_row=2, values_only=True)
        )  # 文件, 严重程度, 代码, 项目, 指标 …
        assert len(reported) > 100
        assert not FIXED_CODES & {row[2] for row in reported if row[4] == FIXED_NAME}
    finally:
        workbook.close()
