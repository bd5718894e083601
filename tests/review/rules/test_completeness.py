"""Tests of the 完整性 rules (RV01, RV02, RV03, RV07, RV08)."""

from __future__ import annotations

import pytest

from jixiao.model import CategoryRow
from jixiao.review.finding import Severity
from jixiao.review.registry import ReviewConfig
from jixiao.review.rules.completeness import is_placeholder  # also registers the rules
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION
from tests.review.factories import (
    codes,
    make_budget,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    make_source,
    run_rule,
)

# RV01.header --------------------------------------------------------------------------------


def test_header_complete_is_accepted() -> None:
    assert run_rule("RV01.header", make_department_doc()) == []


def test_department_name_missing_is_an_error() -> None:
    findings = run_rule("RV01.header", make_project_doc(department=" "))
    assert codes(findings) == ["department-name-missing"]
    assert findings[0].severity is Severity.ERROR


def test_tianhe_project_table_without_year_is_warned() -> None:
    """天河 2025 项目支出绩效目标表 prints no year in its title or header."""
    findings = run_rule("RV01.header", make_project_doc(fiscal_year=None))
    assert codes(findings) == ["fiscal-year-missing"]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message.startswith("未注明预算年度")


# RV01.goal ----------------------------------------------------------------------------------


def test_goals_present_are_accepted() -> None:
    assert run_rule("RV01.goal", make_department_doc()) == []
    assert run_rule("RV01.goal", make_project_doc()) == []


def test_overall_goal_missing_on_a_department_table() -> None:
    findings = run_rule("RV01.goal", make_department_doc(overall_goal="  "))
    assert codes(findings) == ["overall-goal-missing"]


def test_project_goal_missing_names_the_project() -> None:
    project = make_project("普法经费", goal=None, line=12)
    findings = run_rule("RV01.goal", make_project_doc(projects=[project]))
    assert codes(findings) == ["project-goal-missing"]
    assert findings[0].project == "普法经费" and findings[0].source_line == 12
    assert "项目“普法经费”未填写绩效目标" in findings[0].message


# RV01.funds ---------------------------------------------------------------------------------


def test_fund_fields_present_are_accepted() -> None:
    assert run_rule("RV01.funds", make_department_doc()) == []
    assert run_rule("RV01.funds", make_project_doc()) == []


def test_project_amount_missing() -> None:
    project = make_project("律师管理经费", amount_total=None)
    findings = run_rule("RV01.funds", make_project_doc(projects=[project]))
    assert codes(findings) == ["project-amount-missing"]
    assert "项目“律师管理经费”未填写资金总额" in findings[0].message


def test_budget_amounts_missing_lists_the_missing_fields() -> None:
    budget = make_budget(basic_expenditure="2725.18")
    findings = run_rule("RV01.funds", make_department_doc(budget=budget))
    assert codes(findings) == ["budget-amounts-missing"]
    assert "未填列项目支出、收入来源（财政拨款、其他资金）" in findings[0].message


def test_department_table_without_budget_overview() -> None:
    document = make_department_doc()
    document.budget = None
    findings = run_rule("RV01.funds", document)
    assert codes(findings) == ["budget-amounts-missing"]
    assert "基本支出、项目支出、收入来源" in findings[0].message


# RV02.categories ----------------------------------------------------------------------------


def test_project_with_output_benefit_and_satisfaction_is_accepted() -> None:
    assert run_rule("RV02.categories", make_project_doc()) == []
    assert run_rule("RV02.categories", make_department_doc()) == []


def test_project_lacking_satisfaction_and_benefit_like_many_real_ones() -> None:
    """广州 2023 “依法治市管理费”: four 产出指标, nothing else."""
    indicators = [make_indicator(f"指标{n}", OUTPUT, None, annual="1次", line=n) for n in range(4)]
    project = make_project("依法治市管理费", indicators=indicators, line=30)
    findings = run_rule("RV02.categories", make_project_doc(projects=[project]))
    assert codes(findings) == ["indicator-category-missing"]
    assert findings[0].source_line == 30 and findings[0].project == "依法治市管理费"
    assert findings[0].message == (
        "项目“依法治市管理费”缺少效益指标、满意度指标下的三级指标；"
        "产出、效益、满意度指标每类至少应有一项"
    )


def test_satisfaction_misfiled_under_benefit_is_pointed_out() -> None:
    """天河 2025 “区管退休干部节日慰问经费”: ``2-效益指标；31-服务对象满意度``."""
    indicators = [
        make_indicator("慰问人次", OUTPUT, "数量指标", annual="12人", line=40),
        make_indicator("慰问对象满意率", BENEFIT, "服务对象满意度指标", annual="100%", line=41),
    ]
    project = make_project("区管退休干部节日慰问经费", indicators=indicators)
    findings = run_rule("RV02.categories", make_project_doc(projects=[project]))
    assert codes(findings) == ["indicator-category-missing"]
    assert "缺少满意度指标下的三级指标" in findings[0].message
    assert "第41行二级指标“服务对象满意度指标”属于满意度指标，但一级指标填为“效益指标”" in (
        findings[0].message
    )


def test_department_grid_lacking_a_category() -> None:
    indicators = [
        make_indicator("办理法律援助事项", OUTPUT, "数量指标", annual="≥160", line=50),
        make_indicator("普法对象满意度", SATISFACTION, "服务对象满意度指标", annual="≥90", line=51),
    ]
    findings = run_rule("RV02.categories", make_department_doc(indicators=indicators))
    assert codes(findings) == ["indicator-category-missing"]
    assert findings[0].message.startswith("部门整体表缺少效益指标下的三级指标")
    assert findings[0].source_line == 50


def test_project_without_indicators_is_left_to_indicators_missing() -> None:
    project = make_project(indicators=[])
    assert run_rule("RV02.categories", make_project_doc(projects=[project])) == []


# RV02.indicators ----------------------------------------------------------------------------


def test_project_and_department_without_indicators() -> None:
    project = make_project("国家赔偿金", indicators=[], line=3)
    findings = run_rule("RV02.indicators", make_project_doc(projects=[project]))
    assert codes(findings) == ["indicators-missing"]
    assert findings[0].message.startswith("项目“国家赔偿金”未填报任何绩效指标")
    department = run_rule("RV02.indicators", make_department_doc(indicators=[]))
    assert codes(department) == ["indicators-missing"]


def test_indicators_present_are_accepted() -> None:
    assert run_rule("RV02.indicators", make_project_doc()) == []
    assert run_rule("RV02.indicators", make_department_doc()) == []


# RV03.placeholders --------------------------------------------------------------------------


def test_empty_category_rows_are_info_and_say_they_are_allowed() -> None:
    """天河 2025 prints 效益指标／经济效益指标 with no 三级指标 under it."""
    row = CategoryRow(BENEFIT, "经济效益指标", make_source(27, "效益指标\t经济效益指标"))
    findings = run_rule("RV03.placeholders", make_department_doc(empty_categories=[row]))
    assert codes(findings) == ["empty-category-row"]
    assert findings[0].severity is Severity.INFO and findings[0].source_line == 27
    assert findings[0].message.startswith("第27行“效益指标／经济效益指标”下未填三级指标")
    assert "允许保留空白类别行用于展示" in findings[0].message


def test_no_empty_category_rows_no_finding() -> None:
    assert run_rule("RV03.placeholders", make_department_doc()) == []


# RV07.name ----------------------------------------------------------------------------------


def test_indicator_names_within_limit_are_accepted() -> None:
    indicator = make_indicator("宪" * 100, annual="1次")
    project = make_project(indicators=[indicator])
    assert run_rule("RV07.name", make_project_doc(projects=[project])) == []


def test_indicator_name_too_long() -> None:
    indicator = make_indicator("宪" * 101, annual="1次", line=8)
    project = make_project("普法经费", indicators=[indicator])
    findings = run_rule("RV07.name", make_project_doc(projects=[project]))
    assert codes(findings) == ["indicator-name-too-long"]
    assert "项目“普法经费”第8行三级指标名称长 101 字，超过 100 字上限" in findings[0].message
    config = ReviewConfig(max_indicator_name_chars=200)
    assert run_rule("RV07.name", make_project_doc(projects=[project]), config) == []


def test_indicator_name_missing() -> None:
    indicator = make_indicator(" ", annual="≥1", line=9)
    findings = run_rule("RV07.name", make_department_doc(indicators=[indicator]))
    assert codes(findings) == ["indicator-name-missing"]
    assert findings[0].message.startswith("部门整体表第9行有一条三级指标未填写名称")


# RV08.annual --------------------------------------------------------------------------------


def test_annual_target_missing_or_blank() -> None:
    indicators = [
        make_indicator("法律援助受益人数", annual=None, line=3),
        make_indicator("服务人次", annual="  ", line=4),
        make_indicator("服务时长", annual="≥8", line=5),
    ]
    project = make_project("法律援助补贴和业务经费", indicators=indicators)
    findings = run_rule("RV08.annual", make_project_doc(projects=[project]))
    assert codes(findings) == ["annual-target-missing", "annual-target-missing"]
    assert [f.source_line for f in findings] == [3, 4]
    assert findings[0].message == (
        "项目“法律援助补贴和业务经费”第3行三级指标“法律援助受益人数”未填写年度指标值"
    )


def test_annual_targets_present_are_accepted() -> None:
    assert run_rule("RV08.annual", make_project_doc()) == []


# RV08.placeholder ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["*", "**", "_", "XX", "xx", "-", "—", "/", "≥XX%", "XX个", "＊"])
def test_placeholders_are_recognised(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["0", "-5", "100%", "≥1", "及时", "X光片100张", "无", "≤0%"])
def test_real_values_are_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


def test_placeholder_target_in_annual_or_period_value() -> None:
    indicators = [
        make_indicator("服务人次", annual="XX", period="≥100", line=3),
        make_indicator("服务时长", annual="≥8", period="*", line=4),
    ]
    findings = run_rule("RV08.placeholder", make_department_doc(indicators=indicators))
    assert codes(findings) == ["target-placeholder", "target-placeholder"]
    assert (
        findings[0].message
        == "部门整体表第3行三级指标“服务人次”的年度指标值为占位符“XX”；请填写实际目标值"
    )
    assert "实施周期指标值为占位符“*”" in findings[1].message


def test_real_targets_are_accepted() -> None:
    assert run_rule("RV08.placeholder", make_department_doc()) == []
