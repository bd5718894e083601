"""Tests of the 适当性 arithmetic rules (RV18, RV19), with real Guangdong figures where known."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import BudgetOverview, MoneyUnit
from jixiao.review.finding import Severity
from jixiao.review.registry import ReviewConfig
from jixiao.review.rules.arithmetic import format_money  # also registers the rules
from tests.review.factories import (
    codes,
    make_budget,
    make_department_doc,
    make_project,
    make_project_doc,
    make_subtotal,
    make_task,
    run_rule,
)


def test_format_money_uses_thousands_separators_and_two_decimals() -> None:
    assert format_money(Decimal("1484.96"), MoneyUnit.WAN_YUAN) == "1,484.96 万元"
    assert format_money(Decimal("5"), MoneyUnit.YUAN) == "5.00 元"


# RV18.funds ---------------------------------------------------------------------------------


def test_funds_breakdown_mismatch_when_total_is_not_the_sum_of_sources() -> None:
    project = make_project("普法经费", "100.00", "80.00", other_funds="10.00", line=7)
    findings = run_rule("RV18.funds", make_project_doc(projects=[project], subtotals=[]))
    assert codes(findings) == ["funds-breakdown-mismatch"]
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.project == "普法经费" and finding.source_line == 7
    assert finding.message == (
        "项目“普法经费”总计 100.00 万元，而财政拨款 80.00 万元 + 其他资金 10.00 万元"
        "（合计 90.00 万元），相差 10.00 万元；总计应等于各资金来源之和"
    )


def test_funds_breakdown_accepts_total_equal_to_the_only_stated_source() -> None:
    project = make_project(amount_total="2588.87", fiscal_appropriation="2588.87")
    assert run_rule("RV18.funds", make_project_doc(projects=[project], subtotals=[])) == []


def test_funds_breakdown_skips_a_project_that_states_no_source() -> None:
    project = make_project(amount_total="100.00", fiscal_appropriation=None)
    assert run_rule("RV18.funds", make_project_doc(projects=[project], subtotals=[])) == []


def test_funds_breakdown_checks_the_grand_total_row_too() -> None:
    document = make_project_doc(subtotals=[make_subtotal("合计", "100.00", "90.00")])
    findings = run_rule("RV18.funds", document)
    assert codes(findings) == ["funds-breakdown-mismatch"]
    assert findings[0].message.startswith("合计行总计 100.00 万元")


def test_funds_breakdown_tolerance_is_config_tolerance_in_wan_yuan() -> None:
    off_by_a_cent = make_project(amount_total="100.01", fiscal_appropriation="100.00")
    document = make_project_doc(projects=[off_by_a_cent], subtotals=[])
    assert run_rule("RV18.funds", document) == []
    strict = ReviewConfig(tolerance_wan_yuan=Decimal(0))
    assert codes(run_rule("RV18.funds", document, strict)) == ["funds-breakdown-mismatch"]


def test_funds_breakdown_tolerance_scales_for_tables_in_yuan() -> None:
    """0.01 万元 = 100 元: 100 元 off is accepted, 150 元 off is not."""
    project = make_project(amount_total="1000100", fiscal_appropriation="1000000")
    document = make_project_doc(projects=[project], subtotals=[], money_unit=MoneyUnit.YUAN)
    assert run_rule("RV18.funds", document) == []
    project.amount_total = Decimal("1000150")
    findings = run_rule("RV18.funds", document)
    assert codes(findings) == ["funds-breakdown-mismatch"]
    assert "总计 1,000,150.00 元" in findings[0].message
    assert "相差 150.00 元" in findings[0].message


# RV18.totals --------------------------------------------------------------------------------


def test_grand_total_matching_the_projects_is_accepted() -> None:
    projects = [make_project("甲", "82.60", "82.60"), make_project("乙", "289.20", "289.20")]
    document = make_project_doc(
        projects=projects, subtotals=[make_subtotal("合计", "371.80", "371.80")]
    )
    assert run_rule("RV18.totals", document) == []


def test_grand_total_mismatch_names_both_numbers_and_the_difference() -> None:
    projects = [make_project("甲", "82.60", "82.60"), make_project("乙", "289.20", "289.20")]
    total = make_subtotal("合计", "372.18", "371.80", line=5)
    findings = run_rule("RV18.totals", make_project_doc(projects=projects, subtotals=[total]))
    assert codes(findings) == ["project-table-total-mismatch"]
    assert findings[0].source_line == 5
    assert findings[0].message == (
        "合计行总计 372.18 万元，而 2 个项目的总计之和为 371.80 万元，相差 0.38 万元"
    )


def test_grand_total_checks_the_fiscal_column_when_stated() -> None:
    projects = [
        make_project("甲", "50.00", "50.00"),
        make_project("乙", "50.00", "40.00", other_funds=10),
    ]
    stated = make_subtotal("合计", "100.00", "100.00")
    findings = run_rule("RV18.totals", make_project_doc(projects=projects, subtotals=[stated]))
    assert codes(findings) == ["project-table-total-mismatch"]
    assert "合计行财政拨款 100.00 万元" in findings[0].message
    unstated = make_subtotal("合计", "100.00", None)
    assert run_rule("RV18.totals", make_project_doc(projects=projects, subtotals=[unstated])) == []


def test_grand_total_rule_needs_a_total_row() -> None:
    assert run_rule("RV18.totals", make_project_doc(subtotals=[])) == []


# RV18.units ---------------------------------------------------------------------------------


def test_unit_subtotal_matching_its_projects_is_accepted() -> None:
    projects = [
        make_project("甲", "100.00", "100.00", unit="广州市司法局"),
        make_project("乙", "200.00", "200.00", unit="广州市司法局"),
    ]
    subtotals = [
        make_subtotal("合计", "300.00", None, line=2),
        make_subtotal("广州市司法局", "300.00", None, grand_total=False, line=3),
    ]
    assert run_rule("RV18.units", make_project_doc(projects=projects, subtotals=subtotals)) == []


def test_unit_subtotal_mismatch_names_the_unit_and_its_projects() -> None:
    projects = [
        make_project("甲", "100.00", "100.00", unit="广州市司法局"),
        make_project("乙", "200.00", "200.00", unit="其他单位"),
    ]
    subtotals = [
        make_subtotal("合计", "300.00", None, line=2),
        make_subtotal("广州市司法局", "300.00", None, grand_total=False, line=3),
    ]
    findings = run_rule("RV18.units", make_project_doc(projects=projects, subtotals=subtotals))
    assert codes(findings) == ["unit-subtotal-mismatch"]
    assert findings[0].source_line == 3
    assert "资金使用单位“广州市司法局”小计行总计 300.00 万元" in findings[0].message
    assert "1 个项目之和为 100.00 万元，相差 200.00 万元" in findings[0].message


def test_unit_subtotal_without_assigned_projects_is_not_compared() -> None:
    subtotals = [
        make_subtotal("合计", "100.00", None, line=2),
        make_subtotal("广州市司法局", "100.00", None, grand_total=False, line=3),
    ]
    assert run_rule("RV18.units", make_project_doc(subtotals=subtotals)) == []


def test_unit_subtotals_must_add_up_to_the_grand_total() -> None:
    subtotals = [
        make_subtotal("合计", "9486.23", None, line=2),
        make_subtotal("广州市司法局", "9486.32", None, grand_total=False, line=3),
    ]
    findings = run_rule("RV18.units", make_project_doc(subtotals=subtotals))
    assert codes(findings) == ["unit-subtotals-total-mismatch"]
    assert (
        "合计行总计 9,486.23 万元，而 1 个资金使用单位小计之和为 9,486.32 万元"
        in findings[0].message
    )


# RV19.balance -------------------------------------------------------------------------------


def tianhe_2025_budget() -> BudgetOverview:
    """天河区司法局 2025 部门整体预算绩效目标申报表, 预算整体情况."""
    return make_budget(
        basic_expenditure="4855.11",
        project_expenditure="1484.96",
        fiscal_appropriation="6449.47",
        other_funds="0.00",
        special_funds="0.00",
        other_development_expenditure="109.40",
        own_level_funds="6449.47",
        transfer_funds="0.00",
    )


def yuexiu_2025_budget() -> BudgetOverview:
    """越秀区司法局 2025 部门整体预算绩效目标申报表, 预算整体情况."""
    return make_budget(
        basic_expenditure="4436.96",
        project_expenditure="667.06",
        fiscal_appropriation="5236.02",
        other_funds="0.00",
        special_funds="0.00",
        other_development_expenditure="132.00",
        own_level_funds="5236.02",
        transfer_funds="0.00",
    )


def jieyang_2023_budget() -> BudgetOverview:
    """揭阳市司法局 2023 部门整体支出预算绩效目标表, 预算整体情况."""
    return make_budget(
        basic_expenditure="2725.18",
        project_expenditure="160.23",
        fiscal_appropriation="2885.41",
        other_funds="0",
    )


def test_real_budgets_balance_with_other_development_expenditure() -> None:
    for budget in (tianhe_2025_budget(), yuexiu_2025_budget(), jieyang_2023_budget()):
        assert run_rule("RV19.balance", make_department_doc(budget=budget)) == []


def test_budget_balance_mismatch_names_both_sides() -> None:
    budget = tianhe_2025_budget()
    budget.other_development_expenditure = None
    findings = run_rule("RV19.balance", make_department_doc(budget=budget))
    assert codes(findings) == ["budget-expenditure-income-mismatch"]
    finding = findings[0]
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "部门预算支出为基本支出 4,855.11 万元 + 项目支出 1,484.96 万元（合计 6,340.07 万元），"
        "收入来源为财政拨款 6,449.47 万元，两者相差 109.40 万元；请核对预算整体情况"
    )


def test_budget_balance_needs_basic_and_project_expenditure() -> None:
    budget = make_budget(project_expenditure="160.23", fiscal_appropriation="2885.41")
    assert run_rule("RV19.balance", make_department_doc(budget=budget)) == []


# RV19.levels --------------------------------------------------------------------------------


def test_budget_level_split_matching_income_is_accepted() -> None:
    assert run_rule("RV19.levels", make_department_doc(budget=yuexiu_2025_budget())) == []


def test_budget_level_split_mismatch() -> None:
    budget = yuexiu_2025_budget()
    budget.own_level_funds = Decimal("5136.02")
    findings = run_rule("RV19.levels", make_department_doc(budget=budget))
    assert codes(findings) == ["budget-level-split-mismatch"]
    assert findings[0].message == (
        "按预算级次划分为本级使用资金 5,136.02 万元，收入来源为财政拨款 5,236.02 万元，"
        "两者相差 100.00 万元"
    )


def test_budget_level_split_unstated_is_not_checked() -> None:
    assert run_rule("RV19.levels", make_department_doc(budget=jieyang_2023_budget())) == []


# RV19.tasks ---------------------------------------------------------------------------------


def test_jieyang_2023_tasks_exceed_the_project_budget() -> None:
    """揭阳 2023: 21 task rows total 1,272.17 万元 against 项目支出 160.23 万元."""
    tasks = [make_task("揭阳市法治文化主题公园创建", "150", line=9)]
    tasks += [make_task(f"任务{n}", "100", line=10 + n) for n in range(11)]
    tasks.append(make_task("村级信访调解专项工作", "22.17", line=30))
    document = make_department_doc(budget=jieyang_2023_budget(), tasks=tasks)
    findings = run_rule("RV19.tasks", document)
    assert codes(findings) == ["tasks-exceed-budget"]
    finding = findings[0]
    assert finding.severity is Severity.WARNING and finding.source_line == 9
    assert "13 项工作任务拟投入资金合计 1,272.17 万元" in finding.message
    assert "超过项目支出 160.23 万元，超出 1,111.94 万元" in finding.message
    assert "部门预算收入合计 2,885.41 万元" in finding.message


def test_yuexiu_2025_tasks_exceed_project_expenditure_but_not_development_spending() -> None:
    """越秀 2025: tasks 754.96 > 项目支出 667.06, ≤ 667.06 + 其他事业发展性支出 132.00."""
    amounts = ["48.00", "3.00", "186.04", "444.96", "72.96"]
    tasks = [make_task(f"任务{n}", amount, line=20 + n) for n, amount in enumerate(amounts)]
    findings = run_rule("RV19.tasks", make_department_doc(budget=yuexiu_2025_budget(), tasks=tasks))
    assert codes(findings) == ["tasks-exceed-project-expenditure"]
    assert findings[0].severity is Severity.INFO
    assert findings[0].message == (
        "5 项工作任务拟投入资金合计 754.96 万元，超过项目支出 667.06 万元，"
        "但未超过项目支出与事业发展性支出合计 799.06 万元；请确认任务资金包含其他事业发展性支出"
    )


def test_tianhe_2025_tasks_exceed_project_expenditure_but_not_development_spending() -> None:
    amounts = ["81.60", "166.87", "556.28", "711.28"]
    tasks = [make_task(f"任务{n}", amount) for n, amount in enumerate(amounts)]
    findings = run_rule("RV19.tasks", make_department_doc(budget=tianhe_2025_budget(), tasks=tasks))
    assert codes(findings) == ["tasks-exceed-project-expenditure"]
    assert "1,516.03 万元" in findings[0].message
    assert "1,484.96 万元" in findings[0].message and "1,594.36 万元" in findings[0].message


def test_tasks_exceeding_development_spending_too_name_every_part() -> None:
    tasks = [make_task("任务", "1700.00", line=14)]
    findings = run_rule("RV19.tasks", make_department_doc(budget=tianhe_2025_budget(), tasks=tasks))
    assert codes(findings) == ["tasks-exceed-budget"]
    assert findings[0].message.startswith(
        "1 项工作任务拟投入资金合计 1,700.00 万元，超过项目支出 1,484.96 万元 + "
        "其他事业发展性支出 109.40 万元（合计 1,594.36 万元），超出 105.64 万元"
    )


def test_tasks_within_project_expenditure_are_accepted() -> None:
    tasks = [make_task("任务", "600.00"), make_task("空白任务", None)]
    document = make_department_doc(budget=yuexiu_2025_budget(), tasks=tasks)
    assert run_rule("RV19.tasks", document) == []


# RV18.negative ------------------------------------------------------------------------------


def test_negative_amounts_are_errors_wherever_they_appear() -> None:
    project = make_project("甲", "-5.00", "-5.00", line=4)
    project_doc = make_project_doc(projects=[project], subtotals=[])
    findings = run_rule("RV18.negative", project_doc)
    assert codes(findings) == ["negative-amount", "negative-amount"]
    assert findings[0].message == "项目“甲”总计为 -5.00 万元，金额不能为负数"
    assert findings[0].project == "甲" and findings[0].source_line == 4

    budget = make_budget(basic_expenditure="-1", project_expenditure="1", fiscal_appropriation="0")
    department_doc = make_department_doc(budget=budget, tasks=[make_task("任务", "-3", line=9)])
    messages = [f.message for f in run_rule("RV18.negative", department_doc)]
    assert messages == [
        "预算整体情况基本支出为 -1.00 万元，金额不能为负数",
        "工作任务“任务”拟投入资金为 -3.00 万元，金额不能为负数",
    ]


def test_zero_and_positive_amounts_are_accepted() -> None:
    assert run_rule("RV18.negative", make_project_doc()) == []
    assert run_rule("RV18.negative", make_department_doc(budget=tianhe_2025_budget())) == []
