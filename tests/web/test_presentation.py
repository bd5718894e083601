"""The official table layouts, chart data, search matches and history rows, computed from the
real published samples (no database)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from types import SimpleNamespace

import pytest

from jixiao.ingest import load
from jixiao.model import Document, MoneyUnit
from jixiao.serialize import document_to_dict
from tests.web.conftest import SAMPLES
from web.declarations.audit import Change
from web.declarations.findings import review_findings
from web.declarations.presentation import (
    IndicatorRow,
    Notes,
    anchor,
    charts,
    collect_notes,
    department_table,
    describe_changes,
    find_matches,
    nearest_rendered,
    project_table,
    rendered_paths,
    wan_yuan,
)

TIANHE_DEPARTMENT = "tianhe-2025-department-tabbed-html.txt"
TIANHE_PROJECT = "tianhe-2025-project-pdftext.txt"
GUANGZHOU_PROJECT = "guangzhou-2023-project-tabbed.txt"
JIEYANG_DEPARTMENT = "jieyang-2023-department-tabbed-columns.txt"


@cache
def sample(name: str) -> Document:
    return load(SAMPLES / name)


def notes_of(document: Document) -> Notes:
    return collect_notes(document, review_findings(document).items)


def spans(rows: list[IndicatorRow], level: int) -> list[tuple[str, int]]:
    cells = [row.level1 if level == 1 else row.level2 for row in rows]
    return [(cell.text, cell.rowspan) for cell in cells if cell is not None]


def test_anchor_and_amounts() -> None:
    assert anchor("projects/0/indicators/2") == "item-projects-0-indicators-2"
    assert anchor("overall_goal") == "item-overall_goal"
    assert anchor("") == "item-document"
    assert wan_yuan(Decimal("4855.11")) == "4,855.11"
    assert wan_yuan(Decimal("12345"), MoneyUnit.YUAN) == "1.23"
    assert wan_yuan(None) == ""


def test_tianhe_department_table_has_4_tasks_and_23_indicators() -> None:
    document = sample(TIANHE_DEPARTMENT)
    table = department_table(document, notes_of(document))
    assert len(table.tasks) == 4
    assert table.indicator_count == 23
    assert [row.path for row in table.indicators if row.empty] == [
        f"empty_categories/{i}" for i in range(4)
    ]
    assert table.tasks_total == "1,516.03"  # 81.60 + 166.87 + 556.28 + 711.28
    assert table.budget[0][0].label == "基本支出" and table.budget[0][0].text == "4,855.11"
    assert table.budget[0][1].label == "财政拨款" and table.budget[0][1].text == "6,449.47"
    assert len(table.budget) == 4
    assert (table.columns.level2, table.columns.explanation, table.columns.period) == (
        True,
        False,
        True,
    )
    # the Tianhe form prints no task numbers but an expected outcome per task
    assert (table.task_columns.numbered, table.task_columns.outcomes) == (False, True)
    assert (table.task_columns.label_span, table.task_columns.trailing) == (3, 2)


def test_tianhe_department_grid_merges_category_cells() -> None:
    document = sample(TIANHE_DEPARTMENT)
    rows = department_table(document, notes_of(document)).indicators
    # the printed empty rows (经济效益, 生态效益, 社会成本, 生态环境成本) sit where the table prints them
    assert spans(rows, 1) == [("产出指标", 16), ("效益指标", 7), ("满意度指标", 1), ("成本指标", 3)]
    assert spans(rows, 2) == [
        ("数量指标", 11),
        ("质量指标", 3),
        ("时效指标", 2),
        ("经济效益指标", 1),
        ("社会效益指标", 5),
        ("生态效益指标", 1),
        ("服务对象满意度指标", 1),
        ("经济成本指标", 1),
        ("社会成本指标", 1),
        ("生态环境成本指标", 1),
    ]
    assert sum(span for _, span in spans(rows, 1)) == len(rows) == 27


def test_jieyang_tasks_are_grouped_by_section() -> None:
    document = sample(JIEYANG_DEPARTMENT)
    table = department_table(document, notes_of(document))
    groups = [(row.group.text, row.group.rowspan) for row in table.tasks if row.group]
    assert groups == [("年度重点工作任务", 5), ("其他需完成任务", 16)]
    assert table.columns.explanation and not table.columns.period
    assert table.task_columns.numbered and not table.task_columns.outcomes
    assert [row.number for row in table.tasks[5:8]] == [1, 2, 3]  # numbered per section
    assert ("财政供养人员数", "99") in table.header


def test_tianhe_project_table_has_22_projects_and_110_indicators() -> None:
    document = sample(TIANHE_PROJECT)
    table = project_table(document, notes_of(document), 2025)
    assert len(table.projects) == 22
    assert table.indicator_count == 110
    assert table.totals[0].label == "合计" and table.totals[0].amount_total == "1,485.34"
    first = table.projects[0]
    assert (first.anchor, first.amount_total, first.fiscal_appropriation) == (
        "item-projects-0",
        "82.60",
        "82.60",
    )
    assert first.indicators[0].anchor == "item-projects-0-indicators-0"
    assert first.indicators[0].period is not None and first.indicators[0].period.raw == "100%"
    assert ("预算年度", "2025年") in table.header


def test_guangzhou_project_table_has_29_projects_and_141_indicators() -> None:
    document = sample(GUANGZHOU_PROJECT)
    table = project_table(document, notes_of(document))
    assert (len(table.projects), table.indicator_count) == (29, 141)
    # the 2023 layout prints 一级指标 only and a single 年度指标值
    assert not table.columns.level2 and not table.columns.period
    assert table.columns.total == 4
    assert table.projects[1].remarks == ["（人均年度调解案件数、人均案件调解成功率为平均值。）"]


def test_misfiled_satisfaction_finding_is_beside_its_indicator() -> None:
    document = sample(TIANHE_PROJECT)
    table = project_table(document, notes_of(document))
    row = table.projects[3].indicators[3]
    assert row.name == "慰问对象满意率"
    assert row.level1 is not None and row.level1.text == "2-效益指标"
    codes = [shown.finding.code for shown in row.notes.findings]
    assert "category-level2-wrong-parent" in codes
    elsewhere = [
        shown.path
        for block in table.projects
        for other in block.indicators
        for shown in other.notes.findings
        if shown.finding.code == "category-level2-wrong-parent"
    ]
    assert elsewhere == ["projects/3/indicators/3", "projects/8/indicators/3"]


def test_empty_category_findings_move_to_their_printed_row() -> None:
    document = sample(TIANHE_DEPARTMENT)
    notes = notes_of(document)
    assert [f.finding.code for f in notes.at("empty_categories/0").findings] == [
        "empty-category-row"
    ]
    assert not notes.document  # nothing left at the document level


def test_items_without_a_row_go_to_the_nearest_row() -> None:
    document = sample(TIANHE_PROJECT)
    rendered = rendered_paths(document)
    assert nearest_rendered("projects/0/goal", rendered) == "projects/0"
    assert nearest_rendered("projects/3/indicators/3", rendered) == "projects/3/indicators/3"
    assert nearest_rendered("projects/99", rendered) == ""
    comments = [SimpleNamespace(item_path="projects/2/goal"), SimpleNamespace(item_path="")]
    notes = collect_notes(document, [], comments)
    assert len(notes.at("projects/2").comments) == 1
    assert len(notes.document.comments) == 1
    assert notes.anchor_for("projects/2/goal") == "item-projects-2"


def test_department_charts() -> None:
    found = {chart.key: chart for chart in charts(sample(TIANHE_DEPARTMENT))}
    assert list(found) == [
        "budget-structure",
        "budget-sources",
        "task-amounts",
        "indicator-categories",
    ]
    assert found["budget-structure"].labels == ["基本支出", "项目支出"]
    assert found["budget-structure"].values == [4855.11, 1484.96]
    categories = found["indicator-categories"]
    assert categories.labels[0] == "产出指标 / 数量指标" and categories.values[0] == 11
    assert sum(categories.values) == 23
    assert categories.groups[-1] == "成本指标"


def test_project_funds_chart_shows_the_10_largest_and_the_rest() -> None:
    document = sample(TIANHE_PROJECT)
    found = {chart.key: chart for chart in charts(document)}
    funds = found["project-funds"]
    assert len(funds.labels) == 11 and funds.labels[-1] == "其他（12 个项目）"
    assert funds.values[:10] == sorted(funds.values[:10], reverse=True)
    assert sum(funds.values) == pytest.approx(1485.34)
    assert sum(found["indicator-categories"].values) == 110
    assert found["project-sources"].values[0] == pytest.approx(1485.34)


def test_find_matches_names_what_matched() -> None:
    data = document_to_dict(sample(TIANHE_PROJECT))
    matches = find_matches(data, "慰问对象满意率")
    assert [(m.what, m.path, m.context) for m in matches] == [
        ("指标", "projects/3/indicators/3", "区管退休干部节日慰问经费")
    ]
    assert matches[0].anchor == "item-projects-3-indicators-3"
    projects = find_matches(data, "维修维护")
    assert projects[0].what == "项目" and projects[0].path == "projects/0"
    assert (projects[0].before, projects[0].hit) == ("机关业务用房和司法所", "维修维护")
    department = find_matches(data, "天河区", "广州市天河区司法局")
    assert department[0].what == "部门" and department[0].path == ""
    assert find_matches(data, "  ") == []


def test_find_matches_ignores_ascii_case() -> None:
    data = {"department": "x", "indicators": [{"name": "ICT 设备完好率"}]}
    assert [m.hit for m in find_matches(data, "ict")] == ["ICT"]


def test_describe_changes_labels_items_and_hides_derived_values() -> None:
    rows = describe_changes(
        [
            Change("version", 1, 2),
            Change("status", "draft", "submitted"),
            Change("document/indicators/0/name", "甲", "乙"),
            Change("document/projects/1/indicators/2/annual_target/raw", "≥90%", "≥95%"),
            Change("document/projects/1/indicators/2/annual_target/value", 90, 95),
            Change("document/budget/basic_expenditure", 1, 2),
            Change("document/tasks/3", None, {"name": "新任务"}),
        ]
    )
    assert [(r.label, r.item_path, r.before, r.after) for r in rows] == [
        ("状态", "", "草稿", "已提交"),
        ("指标 1 · 名称", "indicators/0", "甲", "乙"),
        ("项目 2 · 指标 3 · 年度指标值", "projects/1/indicators/2", "≥90%", "≥95%"),
        ("预算整体情况 · 基本支出", "budget", "1", "2"),
        ("任务 4", "tasks/3", "（无）", "新任务"),
    ]
    assert rows[1].anchor == "item-indicators-0" and rows[0].anchor == ""
