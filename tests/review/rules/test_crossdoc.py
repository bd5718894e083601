"""Tests of the cross-document rules: a department's tables must agree with each other."""

from __future__ import annotations

from jixiao.model import Document, MoneyUnit, Operator
from jixiao.review.finding import Severity
from jixiao.review.rules.crossdoc import indicator_key  # also registers the rules
from tests.review.factories import (
    codes,
    make_budget,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    make_subtotal,
    make_target,
    run_collection_rule,
)

TIANHE = "广州市天河区司法局"
DEPARTMENT_FILE = "tianhe-2025-department-tabbed-html.txt"
PROJECT_FILE = "tianhe-2025-project-pdftext.txt"


def tianhe_department(project_expenditure: str = "1484.96", **overrides: object) -> Document:
    """天河 2025 部门整体表: 项目支出 1,484.96 万元 on line 6."""
    budget = make_budget(
        line=5,
        basic_expenditure="4855.11",
        project_expenditure=project_expenditure,
        fiscal_appropriation="6449.47",
    )
    document = make_department_doc(TIANHE, 2025, budget=budget, file=DEPARTMENT_FILE)
    for name, value in overrides.items():
        setattr(document, name, value)
    return document


def tianhe_projects(total: str = "1485.34", fiscal_year: int | None = None) -> Document:
    """天河 2025 项目支出绩效目标表 (no year printed): 合计 1,485.34 万元 on line 8."""
    return make_project_doc(
        TIANHE,
        fiscal_year,
        projects=[make_project("机关业务用房和司法所维修维护费", total, total, line=12)],
        subtotals=[make_subtotal("合计", total, total, line=8)],
        file=PROJECT_FILE,
    )


# XD.project-expenditure ---------------------------------------------------------------------


def test_tianhe_2025_project_expenditure_differs_from_project_table_total() -> None:
    findings = run_collection_rule(
        "XD.project-expenditure", [tianhe_department(), tianhe_projects()]
    )
    assert codes(findings) == ["department-project-total-mismatch"] * 2
    by_file = {finding.file: finding for finding in findings}
    assert set(by_file) == {DEPARTMENT_FILE, PROJECT_FILE}
    assert by_file[DEPARTMENT_FILE].source_line == 6
    assert by_file[PROJECT_FILE].source_line == 8
    message = by_file[DEPARTMENT_FILE].message
    assert message == by_file[PROJECT_FILE].message
    assert message == (
        f"{TIANHE}部门整体表所列项目支出 1,484.96 万元（{DEPARTMENT_FILE} 第6行），"
        f"而项目支出绩效目标表合计 1,485.34 万元（{PROJECT_FILE} 第8行），"
        "相差 0.38 万元；两表应一致"
    )
    assert findings[0].severity is Severity.ERROR


def test_agreeing_tables_give_no_finding() -> None:
    documents = [tianhe_department("1485.34"), tianhe_projects("1485.34", 2025)]
    assert run_collection_rule("XD.project-expenditure", documents) == []


def test_project_table_in_yuan_is_converted_before_comparing() -> None:
    projects = tianhe_projects("14853400")
    projects.money_unit = MoneyUnit.YUAN
    assert (
        run_collection_rule("XD.project-expenditure", [tianhe_department("1485.34"), projects])
        == []
    )


def test_project_table_without_total_row_uses_the_sum_of_projects() -> None:
    projects = tianhe_projects()
    projects.subtotals = []
    findings = run_collection_rule("XD.project-expenditure", [tianhe_department(), projects])
    assert codes(findings) == ["department-project-total-mismatch"] * 2
    assert "项目支出绩效目标表各项目之和 1,485.34 万元" in findings[0].message


def test_tables_of_other_departments_or_years_are_not_compared() -> None:
    other_department = tianhe_projects()
    other_department.department = "广州市越秀区司法局"
    assert (
        run_collection_rule("XD.project-expenditure", [tianhe_department(), other_department]) == []
    )
    other_year = tianhe_projects(fiscal_year=2024)
    assert run_collection_rule("XD.project-expenditure", [tianhe_department(), other_year]) == []


def test_department_names_match_across_width_and_spacing() -> None:
    projects = tianhe_projects()
    projects.department = "广州市天河区 司法局"
    findings = run_collection_rule("XD.project-expenditure", [tianhe_department(), projects])
    assert len(findings) == 2


def test_benji_project_table_is_not_compared_with_a_bumen_budget() -> None:
    """A （本级） project table covers only part of a （部门） budget."""
    department = tianhe_department(department_as_written=f"{TIANHE}(部门)")
    projects = tianhe_projects()
    projects.department_as_written = f"{TIANHE}（本级）"
    assert run_collection_rule("XD.project-expenditure", [department, projects]) == []


def test_yearless_project_table_with_two_candidate_years_is_not_guessed() -> None:
    documents = [
        tianhe_department(),
        tianhe_department(fiscal_year=2024, file="tianhe-2024.txt"),
        tianhe_projects(),
    ]
    assert run_collection_rule("XD.project-expenditure", documents) == []
    documents[2].fiscal_year = 2025
    assert len(run_collection_rule("XD.project-expenditure", documents)) == 2


# XD.targets ---------------------------------------------------------------------------------


def with_indicators(department_annual: str, project_annual: str) -> list[Document]:
    department = tianhe_department(
        indicators=[make_indicator("提升社区矫正工作专业化水平", annual=department_annual, line=30)]
    )
    indicator = make_indicator("提升社区矫正工作专业化水平", annual=project_annual, line=300)
    projects = tianhe_projects()
    projects.projects = [make_project("购买司法社工服务工作经费", indicators=[indicator])]
    return [department, projects]


def test_same_indicator_with_different_qualitative_targets() -> None:
    """天河 2025: 部门表 “评估达标”, 项目表 “每年组织两次评估，项目评估达标。”."""
    documents = with_indicators("评估达标", "每年组织两次评估，项目评估达标。")
    findings = run_collection_rule("XD.targets", documents)
    assert codes(findings) == ["indicator-target-differs"] * 2
    assert [f.file for f in findings] == [DEPARTMENT_FILE, PROJECT_FILE]
    assert [f.source_line for f in findings] == [30, 300]
    assert findings[1].project == "购买司法社工服务工作经费"
    assert findings[0].severity is Severity.INFO
    assert "在部门整体表中年度指标值为“评估达标”" in findings[0].message
    expected = "在项目“购买司法社工服务工作经费”中为“每年组织两次评估，项目评估达标。”"
    assert f"{expected}（{PROJECT_FILE} 第300行）" in findings[0].message


def test_same_qualitative_target_up_to_spacing_and_full_stop() -> None:
    assert run_collection_rule("XD.targets", with_indicators("评估达标", "评估 达标。")) == []


def test_quantitative_targets_compare_numbers_not_wording() -> None:
    """天河 2025 “行政复议案件办结率”: “法定期限办结率100%” vs “100%”."""
    documents = with_indicators("x", "y")
    documents[0].indicators[0].annual_target = make_target(
        "法定期限办结率100%", Operator.EQ, 100, "%"
    )
    documents[1].projects[0].indicators[0].annual_target = make_target(
        "100%", Operator.EQ, 100, "%"
    )
    assert run_collection_rule("XD.targets", documents) == []
    documents[1].projects[0].indicators[0].annual_target = make_target("≥90%", Operator.GE, 90, "%")
    assert codes(run_collection_rule("XD.targets", documents)) == ["indicator-target-differs"] * 2


def test_trailing_unit_bracket_is_ignored_when_matching_names() -> None:
    """天河 2025: 部门表 “调解协议履行率（%）≥90”, 项目表 “调解协议履行率 达100%”."""
    assert indicator_key("调解协议履行率（%）") == indicator_key("调解协议履行率")
    assert indicator_key("每月到社区提供法律服务（含线上）时间") != indicator_key(
        "每月到社区提供法律服务"
    )
    department = tianhe_department(
        indicators=[
            make_indicator("调解协议履行率（%）", annual=make_target("≥90", Operator.GE, 90, "%"))
        ]
    )
    indicator = make_indicator(
        "调解协议履行率", annual=make_target("达100%", Operator.GE, 100, "%")
    )
    projects = tianhe_projects()
    projects.projects = [make_project("人民调解案件补贴", indicators=[indicator])]
    assert len(run_collection_rule("XD.targets", [department, projects])) == 2


def test_unpaired_documents_are_not_compared() -> None:
    documents = with_indicators("评估达标", "通过考核")
    documents[1].department = "广州市越秀区司法局"
    assert run_collection_rule("XD.targets", documents) == []


# XD.duplicates ------------------------------------------------------------------------------


def test_two_tables_of_the_same_kind_department_and_year_are_duplicates() -> None:
    first = tianhe_projects(fiscal_year=2025)
    second = tianhe_projects(fiscal_year=2025)
    second.file = "tianhe-2025-project-copy.txt"
    findings = run_collection_rule("XD.duplicates", [first, second, tianhe_department()])
    assert codes(findings) == ["duplicate-submission"] * 2
    assert {f.file for f in findings} == {PROJECT_FILE, "tianhe-2025-project-copy.txt"}
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message.startswith(f"{TIANHE} 2025 年度的项目支出绩效目标表共有 2 份")


def test_tables_of_different_years_or_kinds_are_not_duplicates() -> None:
    documents = [
        tianhe_projects(fiscal_year=2024),
        tianhe_projects(fiscal_year=2025),
        tianhe_department(),
    ]
    assert run_collection_rule("XD.duplicates", documents) == []
