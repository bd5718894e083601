"""Tests of the measurability rules (RV05, RV10, RV12, RV14, RV15, RV21, RV22, RV25).

Targets are built directly as parsed :class:`Target` values (the parser is tested on its own);
each rule has a made-up case that triggers it and one that does not, and the last tests pin
what the rules find in the real samples.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from jixiao.ingest import load
from jixiao.model import Document, Indicator, Operator, Target
from jixiao.review.finding import Severity
from jixiao.review.registry import CATALOGUE, RULES, ReviewConfig
from jixiao.review.rules.measurability import plain_value, targets, unit_kind  # registers rules
from jixiao.taxonomy import COST, OUTPUT, SATISFACTION
from tests.review.factories import (
    codes,
    make_department_doc,
    make_indicator,
    run_rule,
)

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def q(
    raw: str,
    operator: Operator | None,
    value: str,
    unit: str | None = None,
    *,
    implied: bool = False,
    qualifier: str | None = None,
    remainder: str | None = None,
    compound: bool = False,
) -> Target:
    """A quantitative target as the parser reads it."""
    return Target(
        raw=raw,
        operator=operator,
        value=Decimal(value),
        unit=unit,
        qualitative=False,
        operator_implied=implied,
        qualifier=qualifier,
        remainder=remainder,
        compound=compound,
    )


def row(
    name: str,
    annual: Target | str | None,
    level2: str | None = "数量指标",
    level1: str | None = OUTPUT,
    line: int = 10,
) -> Indicator:
    return make_indicator(name, level1, level2, annual=annual, line=line)


def department(*indicators: Indicator) -> Document:
    return make_department_doc(indicators=list(indicators))


def one(rule_id: str, indicator: Indicator, config: ReviewConfig | None = None) -> list[str]:
    return codes(run_rule(rule_id, department(indicator), config))


# catalogue and helpers ----------------------------------------------------------------------

EXPECTED_SEVERITIES = {
    "target-unit-missing": Severity.ERROR,
    "target-comparator-missing": Severity.WARNING,
    "target-comparator-implied": Severity.INFO,
    "unit-contradicts-rate-name": Severity.WARNING,
    "unit-contradicts-count-name": Severity.WARNING,
    "unit-contradicts-satisfaction-name": Severity.WARNING,
    "unit-period-contradicts-text": Severity.WARNING,
    "percent-out-of-range": Severity.WARNING,
    "target-vague-wording": Severity.WARNING,
    "target-not-numeric-for-count": Severity.WARNING,
    "target-repeats-name": Severity.WARNING,
    "target-extra-text": Severity.INFO,
    "target-compound": Severity.WARNING,
    "satisfaction-target-below-floor": Severity.INFO,
    "satisfaction-target-100": Severity.INFO,
    "cost-target-lower-bound": Severity.WARNING,
    "reverse-indicator-lower-bound": Severity.WARNING,
    "deadline-after-year-end": Severity.ERROR,
}


def test_every_measurability_code_is_catalogued_with_its_severity() -> None:
    family = {code for r in RULES.values() if r.family == "measurability" for code in r.codes}
    assert family == set(EXPECTED_SEVERITIES)
    for code, severity in EXPECTED_SEVERITIES.items():
        assert CATALOGUE[code].severity is severity, code
        assert CATALOGUE[code].reference.startswith("RV"), code


def test_targets_label_the_columns_and_skip_an_identical_period_value() -> None:
    same = make_indicator("x", annual="≥1次", period="≥1次")
    different = make_indicator("x", annual="1次", period="年均≥1场次")
    annual_only = make_indicator("x", annual="≥1次")
    assert [label for label, _ in targets(same)] == ["年度指标值"]
    assert [label for label, _ in targets(different)] == ["年度指标值", "实施周期指标值"]
    assert [label for label, _ in targets(annual_only)] == ["指标值"]
    assert targets(make_indicator("x")) == ()


def test_plain_value_and_unit_kind() -> None:
    assert plain_value(q("≥95.0%", Operator.GE, "95.0", "%")) == "≥95%"
    span = Target("3-5个", Operator.RANGE, Decimal(3), Decimal(5), "个", qualitative=False)
    assert plain_value(span) == "3–5个"
    assert unit_kind("小时") == "是时间单位"
    assert unit_kind("人/村") == "是计数单位"
    assert unit_kind("万元") == "是金额单位"
    assert unit_kind("吨") == unit_kind("分") == "不是百分比"


# RV05.unit ----------------------------------------------------------------------------------


def test_quantitative_target_without_unit_is_an_error() -> None:
    """广州 2023 “人均年度调解案件数，年度指标值：≥55”."""
    findings = run_rule(
        "RV05.unit", department(row("人均年度调解案件数", q("≥55", Operator.GE, "55")))
    )
    assert codes(findings) == ["target-unit-missing"]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message.startswith(
        "部门整体表第10行三级指标“人均年度调解案件数”的指标值“≥55”是定量值，但没有计量单位"
    )


def test_targets_with_a_unit_or_qualitative_need_none() -> None:
    assert one("RV05.unit", row("调解案件数", q("≥55件", Operator.GE, "55", "件"))) == []
    assert one("RV05.unit", row("设备维护及时性", "及时")) == []


# RV10.comparator ----------------------------------------------------------------------------


def test_bare_value_is_a_warning() -> None:
    """广州 2023 “办公场所安保措施到位率，年度指标值：24小时”."""
    target = q("24小时", Operator.EQ, "24", "小时", implied=True)
    findings = run_rule("RV10.comparator", department(row("安保措施到位率", target)))
    assert codes(findings) == ["target-comparator-missing"]
    assert "只能按“=24小时”理解" in findings[0].message


def test_bare_100_percent_or_zero_is_only_advice() -> None:
    hundred = row("矛盾纠纷案件调解率", q("100%", Operator.EQ, "100", "%", implied=True))
    zero = row("考区严重考试工作事故发生率", q("0%", Operator.EQ, "0", "%", implied=True))
    findings = run_rule("RV10.comparator", department(hundred, zero))
    assert codes(findings) == ["target-comparator-implied"] * 2
    assert findings[0].message.endswith("建议写明“=”或“≥”")
    assert findings[1].message.endswith("建议写明“=”或“≤”")


def test_explicit_comparator_is_accepted() -> None:
    assert one("RV10.comparator", row("人数", q("≥800人", Operator.GE, "800", "人"))) == []


# RV15.rate-unit -----------------------------------------------------------------------------


def test_rate_with_a_time_or_count_unit_is_a_warning() -> None:
    """广州 “办公场所安保措施到位率 24小时”; 揭阳 “法律顾问覆盖率 = 1 人/村”."""
    rows = [
        row("办公场所安保措施到位率", q("24小时", Operator.EQ, "24", "小时", implied=True)),
        row("法律顾问覆盖率", q("=1人/村", Operator.EQ, "1", "人/村")),
    ]
    findings = run_rule("RV15.rate-unit", department(*rows))
    assert codes(findings) == ["unit-contradicts-rate-name"] * 2
    assert findings[0].message == (
        "部门整体表第10行三级指标“办公场所安保措施到位率”是比率类指标（到位率），但指标值“24小时”"
        "的计量单位“小时”是时间单位，无法衡量到位率；请把指标值改为百分比，或把指标名称改为所计量"
        "的内容"
    )
    assert "计量单位“人/村”是计数单位，无法衡量覆盖率" in findings[1].message


def test_rate_in_percent_and_frequency_in_counts_are_accepted() -> None:
    assert one("RV15.rate-unit", row("覆盖率", q("100%", Operator.EQ, "100", "%"))) == []
    assert one("RV15.rate-unit", row("设备运维频率", q("1次以上", Operator.GE, "1", "次"))) == []


# RV15.count-unit ----------------------------------------------------------------------------


def test_count_in_percent_is_a_warning() -> None:
    """广州 2023 “国家赔偿案件立案数，年度指标值：100%，如未发生……”."""
    target = q("100%，如未发生……", Operator.EQ, "100", "%", implied=True, remainder="如未发生……")
    assert one("RV15.count-unit", row("国家赔偿案件立案数", target)) == [
        "unit-contradicts-count-name"
    ]


def test_count_in_cases_is_accepted() -> None:
    assert one("RV15.count-unit", row("立案数", q("≥1件", Operator.GE, "1", "件"))) == []


# RV15.satisfaction-unit ---------------------------------------------------------------------


def test_satisfaction_in_points_is_a_warning() -> None:
    target = q("≥90分", Operator.GE, "90", "分")
    assert one("RV15.satisfaction-unit", row("用户满意度", target, "服务对象满意度指标")) == [
        "unit-contradicts-satisfaction-name"
    ]


def test_satisfaction_in_percent_is_accepted() -> None:
    target = q("≥90%", Operator.GE, "90", "%")
    assert one("RV15.satisfaction-unit", row("用户满意度", target)) == []


# RV15.period --------------------------------------------------------------------------------


def test_unit_period_contradicting_the_explanation_is_a_warning() -> None:
    """揭阳 2023 “法治讲座”: explanation 每季度开展法治讲座, unit 次/月."""
    indicator = row("法治讲座", q("≥1次/月", Operator.GE, "1", "次/月"), "社会效益指标")
    indicator.explanation = "村（社区）顾问律师每季度开展法治讲座"
    findings = run_rule("RV15.period", department(indicator))
    assert codes(findings) == ["unit-period-contradicts-text"]
    assert "的指标解释写“每季度”，但指标值“≥1次/月”的计量单位“次/月”按月计" in findings[0].message


def test_unit_period_matching_the_explanation_is_accepted() -> None:
    indicator = row("服务时间", q("≥8时/月", Operator.GE, "8", "时/月"))
    indicator.explanation = "村（社区）顾问律师每月至少开展8小时法律服务"
    cost = row("租用费", q("=500元/人年", Operator.EQ, "500", "元/人年"), "成本指标")
    cost.explanation = "反映社区矫正对象每人次每年信息化核查租用费"
    assert run_rule("RV15.period", department(indicator, cost)) == []


# RV22.percent -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (q("≥120%", Operator.GE, "120", "%"), "超过100%"),
        (q(">100%", Operator.GT, "100", "%"), "大于100%"),
        (q("=-5%", Operator.EQ, "-5", "%"), "为负数"),
    ],
)
def test_percentage_outside_0_to_100_is_a_warning(target: Target, problem: str) -> None:
    findings = run_rule("RV22.percent", department(row("任务完成率", target)))
    assert codes(findings) == ["percent-out-of-range"]
    assert f"要求的百分比{problem}" in findings[0].message


def test_upper_bounds_and_growth_rates_are_accepted() -> None:
    assert one("RV22.percent", row("超支率", q("≤120%", Operator.LE, "120", "%"))) == []
    assert one("RV22.percent", row("营收增长率", q("≥150%", Operator.GE, "150", "%"))) == []
    assert one("RV22.percent", row("完成率", q("100%", Operator.EQ, "100", "%"))) == []


# RV12.vague ---------------------------------------------------------------------------------


def test_vague_qualitative_target_is_a_warning() -> None:
    """天河 2025 “提升法律援助的影响力；实施周期指标值:长期；年度指标值:长期”."""
    indicator = make_indicator("提升法律援助的影响力", annual="长期", period="长期")
    findings = run_rule("RV12.vague", department(indicator))
    assert codes(findings) == ["target-vague-wording"]
    assert "年度指标值“长期”含“长期”等模糊表述" in findings[0].message


def test_graded_or_quantified_targets_are_accepted() -> None:
    assert one("RV12.vague", row("法治广州建设考评（等级）", "良好以上")) == []
    assert one("RV12.vague", row("营收增长率", q("力争正增长", Operator.GT, "0", "%"))) == []


# RV12.count-number --------------------------------------------------------------------------


def test_count_with_a_non_numeric_target_is_a_warning() -> None:
    """天河 2025 “法律援助受益人数；年度指标值:全年受援人数”."""
    assert one("RV12.count-number", row("法律援助受益人数", "全年受援人数")) == [
        "target-not-numeric-for-count"
    ]


def test_amount_with_a_non_numeric_target_is_a_warning() -> None:
    findings = run_rule("RV12.count-number", department(row("慰问金发放金额", "按标准发放")))
    assert codes(findings) == ["target-not-numeric-for-count"]
    assert "要求的是金额，但指标值“按标准发放”没有给出数值" in findings[0].message


def test_count_with_a_number_is_accepted() -> None:
    target = q("≥500人", Operator.GE, "500", "人")
    assert one("RV12.count-number", row("法律援助受益人数", target)) == []
    assert one("RV12.count-number", row("机位数量达到配备比例", "完成")) == []


# RV14.text ----------------------------------------------------------------------------------


def test_target_that_names_a_rate_is_a_warning() -> None:
    """天河 2025 “行政复议案件办结率 | 法定期限办结率100%”."""
    target = q(
        "法定期限办结率100%", Operator.EQ, "100", "%", implied=True, qualifier="法定期限办结率"
    )
    findings = run_rule("RV14.text", department(row("行政复议案件办结率", target)))
    assert codes(findings) == ["target-repeats-name"]
    assert "在数值前又写了“法定期限办结率”" in findings[0].message
    assert findings[0].message.endswith("指标值只填“=100%”")


def test_target_with_extra_words_is_advice() -> None:
    """天河 2025 “为区政府购买常年法律顾问服务 | 3家律师事务所”."""
    target = q("3家律师事务所", Operator.EQ, "3", "家", implied=True, remainder="律师事务所")
    findings = run_rule("RV14.text", department(row("购买常年法律顾问服务", target)))
    assert codes(findings) == ["target-extra-text"]
    assert "还写了“律师事务所”" in findings[0].message


def test_period_qualifiers_and_plain_values_are_accepted() -> None:
    per_year = q("每年不少于400宗", Operator.GE, "400", "宗", qualifier="每年")
    assert one("RV14.text", row("辅助审理行政复议案件（宗）", per_year)) == []
    assert one("RV14.text", row("人数", q("≥800人", Operator.GE, "800", "人"))) == []


# RV14.compound ------------------------------------------------------------------------------


def test_compound_target_is_a_warning() -> None:
    raw = "公职人员统一学法考试参考率不低于85%，及格率不低于85%"
    target = q(raw, Operator.GE, "85", "%", qualifier="公职人员统一学法考试参考率", compound=True)
    assert one("RV14.compound", row("参考率、及格率", target, "质量指标")) == ["target-compound"]
    assert one("RV14.text", row("参考率、及格率", target, "质量指标")) == []  # said once


def test_single_condition_is_accepted() -> None:
    assert one("RV14.compound", row("参考率", q("≥85%", Operator.GE, "85", "%"))) == []


# RV25.satisfaction --------------------------------------------------------------------------


def test_satisfaction_of_100_percent_is_advice() -> None:
    """天河 2025 “慰问对象满意率；年度指标值:100%”."""
    target = q("100%", Operator.EQ, "100", "%", implied=True)
    findings = run_rule("RV25.satisfaction", department(row("慰问对象满意率", target)))
    assert codes(findings) == ["satisfaction-target-100"]
    assert findings[0].severity is Severity.INFO


def test_satisfaction_below_the_floor_is_advice_and_the_floor_is_configurable() -> None:
    indicator = row("调解服务满意度", q("≥75%", Operator.GE, "75", "%"), "服务对象满意度指标")
    assert one("RV25.satisfaction", indicator) == ["satisfaction-target-below-floor"]
    lower_floor = ReviewConfig(satisfaction_floor_pct=Decimal(70))
    assert one("RV25.satisfaction", indicator, lower_floor) == []


def test_reasonable_satisfaction_target_is_accepted() -> None:
    target = q("≥90%", Operator.GE, "90", "%")
    assert one("RV25.satisfaction", row("受援人满意度（%）", target, None, SATISFACTION)) == []


# RV21.cost ----------------------------------------------------------------------------------


def test_cost_with_a_lower_bound_is_a_warning() -> None:
    by_name = row("设备购置成本", q("≥50万元", Operator.GE, "50", "万元"), "质量指标")
    by_category = row("设备购置", q(">50万元", Operator.GT, "50", "万元"), "经济成本指标", COST)
    findings = run_rule("RV21.cost", department(by_name, by_category))
    assert codes(findings) == ["cost-target-lower-bound"] * 2
    assert "只设了下限（≥）" in findings[0].message


def test_cost_caps_savings_and_control_rates_are_accepted() -> None:
    rows = [
        row("设备购置成本", q("≤50万元", Operator.LE, "50", "万元"), "经济成本指标", COST),
        row("节约运行成本", q("≥5万元", Operator.GE, "5", "万元"), "经济效益指标"),
        row("成本控制率", q("≥95%", Operator.GE, "95", "%"), "成本指标"),
    ]
    assert run_rule("RV21.cost", department(*rows)) == []


# RV21.reverse -------------------------------------------------------------------------------


def test_bad_outcome_with_a_lower_bound_is_a_warning() -> None:
    target = q("≥1%", Operator.GE, "1", "%")
    findings = run_rule("RV21.reverse", department(row("公证案件申请人投诉率", target)))
    assert codes(findings) == ["reverse-indicator-lower-bound"]
    assert "是反向指标（“投诉率”越低越好）" in findings[0].message


def test_bad_outcome_with_an_upper_bound_or_a_good_outcome_is_accepted() -> None:
    assert (
        one("RV21.reverse", row("区政府应诉案件败诉率", q("15%以下", Operator.LE, "15", "%"))) == []
    )
    assert one("RV21.reverse", row("投诉事项处理率", q("≥95%", Operator.GE, "95", "%"))) == []


# RV24.deadline ------------------------------------------------------------------------------


def deadline(raw: str, month: str, operator: Operator = Operator.LE) -> Target:
    return q(raw, operator, month, "月")


def test_deadline_after_the_budget_year_is_an_error() -> None:
    late = row("系统上线时间", deadline("2026年6月30日前", "6"), "时效指标", line=30)
    impossible = row("验收时间", deadline("13月底前", "13", Operator.EQ), "时效指标", line=31)
    document = make_department_doc(fiscal_year=2025, indicators=[late, impossible])
    findings = run_rule("RV24.deadline", document)
    assert codes(findings) == ["deadline-after-year-end"] * 2
    assert findings[0].severity is Severity.ERROR
    assert "完成时限在2026年，晚于预算年度2025年年底" in findings[0].message
    assert "写的是第13月，一年只有12个月" in findings[1].message


def test_deadlines_within_the_year_durations_and_period_values_are_accepted() -> None:
    rows = [
        row("完成时间", deadline("2025年12月31日前", "12"), "时效指标"),
        row("建设周期", q("≤18个月", Operator.LE, "18", "个月"), "时效指标"),
        make_indicator(
            "完工时间", annual=deadline("12月底前", "12"), period=deadline("2026年6月底前", "6")
        ),
    ]
    document = make_department_doc(fiscal_year=2025, indicators=rows)
    assert run_rule("RV24.deadline", document) == []


# real samples -------------------------------------------------------------------------------


@cache
def sample(stem: str) -> Document:
    return load(SAMPLES / f"{stem}.txt")


def found(rule_id: str, stem: str) -> list[tuple[str | None, str | None]]:
    return [(f.project, f.indicator) for f in run_rule(rule_id, sample(stem))]


def test_guangzhou_rate_measured_in_hours_and_count_in_percent() -> None:
    stem = "guangzhou-2023-project-tabbed"
    assert found("RV15.rate-unit", stem) == [("业务用房物业管理经费", "办公场所安保措施到位率")]
    assert found("RV15.count-unit", stem) == [("国家赔偿金", "国家赔偿案件立案数")]


def test_guangzhou_quantitative_targets_without_unit() -> None:
    names = {name for _, name in found("RV05.unit", "guangzhou-2023-project-tabbed")}
    assert {"人均年度调解案件数", "系统用户数"} <= names


def test_jieyang_coverage_per_village_and_lecture_period() -> None:
    stem = "jieyang-2023-department-tabbed-columns"
    assert found("RV15.rate-unit", stem) == [(None, "法律顾问覆盖率")]
    assert found("RV15.period", stem) == [(None, "法治讲座")]


def test_tianhe_counts_without_numbers_and_vague_long_term() -> None:
    stem = "tianhe-2025-project-pdftext"
    names = [name for _, name in found("RV12.count-number", stem)]
    assert set(names) == {"法律援助受益人数", "法律援助机构指派律师数"}
    assert found("RV12.vague", stem) == [("法律援助补贴和业务经费", "提升法律援助的影响力")]
