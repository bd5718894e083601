"""Tests of the taxonomy rules (RV04 structure, RV11 and RV13 meaning).

Each rule has a small made-up case that triggers it and one that does not; the last tests
run the rules on the real samples and pin the misfilings a reviewer must see.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from jixiao.ingest import load
from jixiao.model import Document, Indicator
from jixiao.review.finding import Severity
from jixiao.review.registry import CATALOGUE, RULES
from jixiao.review.rules.taxonomy import category_text, name_traits  # registers the rules
from jixiao.taxonomy import BENEFIT, COST, OUTPUT, SATISFACTION
from tests.review.factories import (
    codes,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    run_rule,
)

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def department(*indicators: Indicator) -> Document:
    return make_department_doc(indicators=list(indicators))


def project(*indicators: Indicator, name: str = "测试项目") -> Document:
    return make_project_doc(projects=[make_project(name, indicators=list(indicators), line=5)])


def coded(indicator: Indicator, level1_code: str | None, level2_code: str | None) -> Indicator:
    """``indicator`` as the 2025 project layout prints it: ``2-效益指标；31-服务对象满意度``."""
    indicator.level1_code, indicator.level2_code = level1_code, level2_code
    return indicator


# catalogue ----------------------------------------------------------------------------------

EXPECTED_SEVERITIES = {
    "category-level2-wrong-parent": Severity.ERROR,
    "category-code-mismatch": Severity.ERROR,
    "category-code-unknown": Severity.WARNING,
    "category-unknown": Severity.ERROR,
    "category-level2-missing": Severity.INFO,
    "misfiled-satisfaction-name": Severity.WARNING,
    "misfiled-under-satisfaction": Severity.WARNING,
    "misfiled-timeliness-name": Severity.WARNING,
    "misfiled-quality-rate-under-quantity": Severity.WARNING,
    "rate-under-quantity": Severity.INFO,
    "misfiled-count-under-quality": Severity.WARNING,
    "misfiled-cost-name": Severity.WARNING,
    "input-process-as-output": Severity.WARNING,
}


def test_every_taxonomy_code_is_catalogued_with_its_severity_and_rule_reference() -> None:
    family = {code for r in RULES.values() if r.family == "taxonomy" for code in r.codes}
    assert family == set(EXPECTED_SEVERITIES)
    for code, severity in EXPECTED_SEVERITIES.items():
        assert CATALOGUE[code].severity is severity, code
        assert CATALOGUE[code].reference.startswith(("RV04", "RV11", "RV13")), code


# name reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rate", "count"),
    [
        ("办公场所安保措施到位率", "到位率", False),
        ("法律顾问覆盖率（%）", "覆盖率", False),
        ("监狱信息化应用效率", None, False),
        ("设备运维频率", None, False),
        ("信息管理系统工作日志和台账填写情况（比率）", "比率", False),
        ("国家赔偿案件立案数", None, True),
        ("社区矫正对象信息化核查（电子手环定位监控）人数", None, True),
        ("开展执法案件评查（次数）", None, True),
        ("法律职业资格证书机位数量达到配备比例", "比例", False),
        ("满意度指数", None, False),
    ],
)
def test_name_traits_rates_and_counts(name: str, rate: str | None, count: bool) -> None:
    traits = name_traits(name)
    assert (traits.rate_word, traits.count) == (rate, count)


def test_name_traits_savings_are_not_costs() -> None:
    assert name_traits("设备购置成本").cost_word == "成本"
    assert name_traits("节约运行成本").cost_word is None
    assert name_traits("节约运行成本").saving


def test_category_text_keeps_printed_codes() -> None:
    indicator = coded(make_indicator("慰问对象满意率", BENEFIT, "服务对象满意度"), "2", "31")
    assert category_text(indicator) == "2-效益指标/31-服务对象满意度"
    assert category_text(make_indicator("x", None, None)) == "（未写类别）"


# RV04.parent --------------------------------------------------------------------------------


def test_level2_under_the_wrong_level1_is_an_error() -> None:
    """天河 2025 “区管退休干部节日慰问经费”: ``2-效益指标；31-服务对象满意度``."""
    indicator = make_indicator("慰问对象满意率", BENEFIT, "服务对象满意度指标", line=125)
    indicator.level2_as_written = "服务对象满意度"
    findings = run_rule("RV04.parent", project(coded(indicator, "2", "31"), name="慰问经费"))
    assert codes(findings) == ["category-level2-wrong-parent"]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].project == "慰问经费" and findings[0].source_line == 125
    assert findings[0].message == (
        "项目“慰问经费”第125行三级指标“慰问对象满意率”的二级指标“31-服务对象满意度”属于一级指标"
        "“满意度指标”，不能放在一级指标“2-效益指标”下；请改正一级指标或二级指标"
    )


@pytest.mark.parametrize(
    ("level1", "level2"),
    [
        (OUTPUT, "数量指标"),
        (OUTPUT, "成本指标"),  # 2015 scheme: 14 成本指标 under 产出
        (COST, "经济成本指标"),  # 2021 scheme: 成本指标 as level 1
        (SATISFACTION, "服务对象满意度指标"),
        (OUTPUT, None),
    ],
)
def test_level2_under_its_own_level1_is_accepted(level1: str, level2: str | None) -> None:
    assert run_rule("RV04.parent", department(make_indicator("某指标", level1, level2))) == []


# RV04.codes ---------------------------------------------------------------------------------


def test_code_that_names_another_category_is_an_error() -> None:
    indicator = coded(make_indicator("验收合格率", OUTPUT, "质量指标", line=7), "1", "11")
    findings = run_rule("RV04.codes", department(indicator))
    assert codes(findings) == ["category-code-mismatch"]
    assert "二级指标“11-质量指标”编码与名称不符：编码11是“数量指标”，名称却是“质量指标”" in (
        findings[0].message
    )


def test_unknown_code_is_a_warning() -> None:
    indicator = coded(make_indicator("x", BENEFIT, "社会效益指标"), "2", "25")
    findings = run_rule("RV04.codes", department(indicator))
    assert codes(findings) == ["category-code-unknown"]
    assert findings[0].severity is Severity.WARNING
    assert "编码“25”" in findings[0].message


def test_level2_code_not_under_level1_code_when_the_name_is_unknown() -> None:
    indicator = make_indicator("x", OUTPUT, None)
    indicator.level2_as_written = "社会效果"
    findings = run_rule("RV04.codes", department(coded(indicator, "1", "22")))
    assert codes(findings) == ["category-code-mismatch"]
    assert "二级指标编码“22”不以一级指标编码“1”开头" in findings[0].message


def test_consistent_codes_are_accepted() -> None:
    rows = [
        coded(make_indicator("工程量完成率", OUTPUT, "数量指标"), "1", "11"),
        coded(make_indicator("调解服务满意度", SATISFACTION, "服务对象满意度指标"), "3", "31"),
        make_indicator("无编码", OUTPUT, "质量指标"),
    ]
    assert run_rule("RV04.codes", department(*rows)) == []


# RV04.unknown -------------------------------------------------------------------------------


def test_category_outside_the_tree_is_an_error() -> None:
    indicator = make_indicator("公用经费控制率", None, None)
    indicator.level1_as_written = "运行成本"
    second = make_indicator("履职效能", OUTPUT, None)
    second.level2_as_written = "履职效能"
    findings = run_rule("RV04.unknown", department(indicator, second))
    assert codes(findings) == ["category-unknown", "category-unknown"]
    assert "一级指标“运行成本”不是财政部指标体系中的类别" in findings[0].message
    assert "下的二级指标应为：数量指标、质量指标、时效指标、成本指标" in findings[1].message


def test_known_categories_are_accepted() -> None:
    assert run_rule("RV04.unknown", department(make_indicator("x", BENEFIT, "社会效益指标"))) == []


# RV04.level2 --------------------------------------------------------------------------------


def test_level1_only_layout_gets_one_advice_per_project() -> None:
    """广州 2023: ``1、产出指标：每月到村（社区）提供法律服务…``: no 二级指标."""
    rows = [make_indicator(f"指标{n}", OUTPUT, None, line=12) for n in range(3)]
    findings = run_rule("RV04.level2", project(*rows, name="一村一法律顾问经费"))
    assert codes(findings) == ["category-level2-missing"]
    assert findings[0].severity is Severity.INFO
    assert findings[0].message.startswith(
        "项目“一村一法律顾问经费”有3个三级指标只写了一级指标、未写二级指标"
        "（如“指标0”只标为“产出指标”）"
    )


def test_rows_with_level2_need_no_advice() -> None:
    assert run_rule("RV04.level2", project(make_indicator("x", OUTPUT, "数量指标"))) == []


# RV11.satisfaction --------------------------------------------------------------------------


def test_satisfaction_name_outside_satisfaction_is_a_warning() -> None:
    findings = run_rule("RV11.satisfaction", department(make_indicator("用户满意度", OUTPUT, None)))
    assert codes(findings) == ["misfiled-satisfaction-name"]
    assert "却归在“产出指标”下；请归入满意度指标" in findings[0].message


def test_satisfaction_name_inside_satisfaction_or_a_survey_is_accepted() -> None:
    rows = [
        make_indicator("调解服务满意度", SATISFACTION, "服务对象满意度指标"),
        make_indicator("满意度调查完成率", OUTPUT, "数量指标"),
        make_indicator("服务项目满意度", BENEFIT, "服务对象满意度指标"),  # RV04 reports this one
    ]
    assert run_rule("RV11.satisfaction", department(*rows)) == []


# RV11.under-satisfaction --------------------------------------------------------------------


def test_complaint_rate_and_quality_review_under_satisfaction_are_warnings() -> None:
    """广州 2023 “公证案件申请人投诉率”; 天河 2025 “法律援助案件质量评核”."""
    rows = [
        make_indicator("公证案件申请人投诉率", SATISFACTION, None),
        make_indicator("法律援助案件质量评核", SATISFACTION, "服务对象满意度指标"),
    ]
    findings = run_rule("RV11.under-satisfaction", department(*rows))
    assert codes(findings) == ["misfiled-under-satisfaction"] * 2
    assert "“公证案件申请人投诉率”归在“满意度指标”下，但名称并不衡量" in findings[0].message


def test_real_satisfaction_measures_are_accepted() -> None:
    rows = [
        make_indicator("村（居）委、群众等服务对象满意度", SATISFACTION, "服务对象满意度指标"),
        make_indicator("群众好评率", SATISFACTION, "服务对象满意度指标"),
    ]
    assert run_rule("RV11.under-satisfaction", department(*rows)) == []


# RV11.timeliness ----------------------------------------------------------------------------


def test_timeliness_name_under_quality_is_a_warning() -> None:
    row = make_indicator("维护维修及时率", OUTPUT, "质量指标")
    findings = run_rule("RV11.timeliness", department(row))
    assert codes(findings) == ["misfiled-timeliness-name"]
    assert "衡量完成时间（“及时”），却归在“产出指标/质量指标”下" in findings[0].message


def test_timeliness_name_under_timeliness_or_without_level2_is_accepted() -> None:
    rows = [
        make_indicator("设备维护及时性", OUTPUT, "时效指标"),
        make_indicator("维护工作按时完成率", OUTPUT, None),
    ]
    assert run_rule("RV11.timeliness", department(*rows)) == []


# RV11.rate-quantity -------------------------------------------------------------------------


def test_rates_under_quantity() -> None:
    rows = [
        make_indicator("采购车辆验收合格率", OUTPUT, "数量指标"),
        make_indicator("工程量完成率", OUTPUT, "数量指标"),
    ]
    findings = run_rule("RV11.rate-quantity", department(*rows))
    assert codes(findings) == ["misfiled-quality-rate-under-quantity", "rate-under-quantity"]
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.INFO]
    assert "是合格率，衡量的是质量而不是数量" in findings[0].message


def test_counts_and_frequencies_under_quantity_are_accepted() -> None:
    rows = [
        make_indicator("慰问人次", OUTPUT, "数量指标"),
        make_indicator("设备运维频率", OUTPUT, "数量指标"),
        make_indicator("工程量完成率", OUTPUT, "质量指标"),
    ]
    assert run_rule("RV11.rate-quantity", department(*rows)) == []


# RV11.count-quality -------------------------------------------------------------------------


def test_count_under_quality_is_a_warning() -> None:
    """天河 2025 “律师行业政策支持资金”: ``12-质量指标；政策支持律所数量；≥5个``."""
    findings = run_rule(
        "RV11.count-quality", department(make_indicator("政策支持律所数量", OUTPUT, "质量指标"))
    )
    assert codes(findings) == ["misfiled-count-under-quality"]


def test_rate_under_quality_is_accepted() -> None:
    row = make_indicator("对法律顾问考核评估合格率（%）", OUTPUT, "质量指标")
    assert run_rule("RV11.count-quality", department(row)) == []


# RV11.cost ----------------------------------------------------------------------------------


def test_cost_standard_under_quality_is_a_warning() -> None:
    row = make_indicator("社区法律顾问工作经济补贴标准", OUTPUT, "质量指标")
    findings = run_rule("RV11.cost", department(row))
    assert codes(findings) == ["misfiled-cost-name"]
    assert "反映成本或费用（“补贴标准”）" in findings[0].message


def test_cost_under_a_cost_category_or_savings_are_accepted() -> None:
    rows = [
        make_indicator("社区矫正对象信息化核查租用费", OUTPUT, "成本指标"),
        make_indicator("设备购置成本控制", COST, "经济成本指标"),
        make_indicator("节约运行费用", OUTPUT, "质量指标"),
    ]
    assert run_rule("RV11.cost", department(*rows)) == []


# RV13.input ---------------------------------------------------------------------------------


def test_input_and_process_items_as_outputs_are_warnings() -> None:
    """天河 2025 “补贴合规性(%)” and “采购程序的规范性” under 12-质量指标."""
    rows = [
        make_indicator("补贴合规性(%)", OUTPUT, "质量指标"),
        make_indicator("采购程序的规范性", OUTPUT, "质量指标"),
        make_indicator("预算执行率", BENEFIT, "经济效益指标"),
    ]
    findings = run_rule("RV13.input", department(*rows))
    assert codes(findings) == ["input-process-as-output"] * 3
    assert "衡量资金投入或管理过程（“补贴合规”）" in findings[0].message


def test_outputs_that_mention_use_are_accepted() -> None:
    rows = [
        make_indicator("办公设备投入使用率", BENEFIT, "社会效益指标"),
        make_indicator("预算执行率", COST, "经济成本指标"),
    ]
    assert run_rule("RV13.input", department(*rows)) == []


# real samples -------------------------------------------------------------------------------


@cache
def sample(stem: str) -> Document:
    return load(SAMPLES / f"{stem}.txt")


def test_tianhe_project_table_satisfaction_filed_under_benefit() -> None:
    findings = run_rule("RV04.parent", sample("tianhe-2025-project-pdftext"))
    assert {(f.project, f.indicator) for f in findings} == {
        ("区管退休干部节日慰问经费", "慰问对象满意率"),
        ("购买行政复议应诉辅助服务经费", "服务项目满意度"),
    }


def test_guangzhou_and_tianhe_non_satisfaction_rows_under_satisfaction() -> None:
    guangzhou = run_rule("RV11.under-satisfaction", sample("guangzhou-2023-project-tabbed"))
    tianhe = run_rule("RV11.under-satisfaction", sample("tianhe-2025-project-pdftext"))
    assert [f.indicator for f in guangzhou] == ["公证案件申请人投诉率"]
    assert [f.indicator for f in tianhe] == ["法律援助案件质量评核"]


def test_tianhe_count_filed_under_quality() -> None:
    findings = run_rule("RV11.count-quality", sample("tianhe-2025-project-pdftext"))
    assert [f.indicator for f in findings] == ["政策支持律所数量"]
