"""Monitoring lights, one hand-computed case per rule (REFERENCE.md §5; 财预〔2019〕136号).

Each case writes the arithmetic out: ``t`` the 年度指标值, ``m`` the month, 序时目标
``t·m/12`` and ``r = current / 序时目标``. Bands (defaults): red < 60 % ≤ yellow < 80 % ≤
green < 120 % ≤ blue.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.actuals import QualitativeGrade
from jixiao.monitoring import DEFAULT, PRESETS, Light, Rule, budget_light, indicator_light, worst
from jixiao.monitoring.lights import months_label, number, percent
from jixiao.taxonomy import BENEFIT
from tests.monitoring.helpers import actual, indicator

# --- ≥ ＞ ＝ pro-rated ------------------------------------------------------------------


def test_prorated_yellow_explains_the_arithmetic() -> None:
    # t = 100, m = 7: 序时目标 100 × 7 / 12 = 58.33; r = 40 / 58.33 = 68.57 % → yellow
    result = indicator_light(indicator("≥100"), actual(40), 7, DEFAULT)
    assert result.light is Light.YELLOW
    assert result.rule is Rule.PRORATED
    assert result.ratio_pct == Decimal("68.5714")
    assert result.expected_to_date == Decimal("58.3333")
    assert result.explanation == "1-7月完成 40 ÷ 序时目标 58.33 (100×7/12) = 68.6 % → 黄"


def test_prorated_explanation_carries_the_unit() -> None:
    result = indicator_light(indicator("≥100场"), actual(40), 7, DEFAULT)
    assert result.explanation == "1-7月完成 40 场 ÷ 序时目标 58.33 场 (100×7/12) = 68.6 % → 黄"


@pytest.mark.parametrize(
    ("completed", "light"),
    [
        # t = 120, m = 6: 序时目标 120 × 6 / 12 = 60
        ("35.99", Light.RED),  # 35.99 / 60 = 59.98 % < 60 %
        ("36", Light.YELLOW),  # 36 / 60 = 60 %: the lower bound is yellow
        ("47.99", Light.YELLOW),  # 79.98 %
        ("48", Light.GREEN),  # 48 / 60 = 80 %
        ("71.99", Light.GREEN),  # 119.98 %
        ("72", Light.BLUE),  # 72 / 60 = 120 %
        ("0", Light.RED),
        ("-5", Light.RED),  # negative progress is below every band
    ],
)
def test_prorated_band_edges(completed: str, light: Light) -> None:
    assert indicator_light(indicator("≥120"), actual(completed), 6, DEFAULT).light is light


def test_equal_target_above_zero_is_banded() -> None:
    # ＝12 人, m = 6: 序时目标 6; r = 3 / 6 = 50 % → red
    result = indicator_light(indicator("12人", "配置人数"), actual(3), 6, DEFAULT)
    assert (result.light, result.ratio_pct) == (Light.RED, Decimal(50))


def test_strict_greater_is_banded_like_at_least() -> None:
    # ＞10, m = 12: 序时目标 = t = 10; r = 10 / 10 = 100 % → green
    result = indicator_light(indicator(">10"), actual(10), 12, DEFAULT)
    assert (result.light, result.ratio_pct) == (Light.GREEN, Decimal(100))
    assert result.explanation == "全年完成 10 ÷ 年度目标 10 = 100.0 % → 绿"


# --- rates (%) are not pro-rated --------------------------------------------------------


def test_rate_is_compared_to_the_full_target() -> None:
    # ≥95 %, m = 7: rates do not accumulate, r = 90 / 95 = 94.74 % → green
    result = indicator_light(indicator("≥95%", "合格率"), actual(90), 7, DEFAULT)
    assert result.light is Light.GREEN
    assert result.rule is Rule.DIRECT
    assert result.explanation == "1-7月完成 90 % ÷ 年度目标 95 % = 94.7 % → 绿"


def test_rate_pro_rated_when_configured() -> None:
    # 序时目标 95 × 7 / 12 = 55.42; r = 90 / 55.42 = 162.4 % → blue
    config = replace(DEFAULT, prorate_rates=True)
    result = indicator_light(indicator("≥95%", "合格率"), actual(90), 7, config)
    assert (result.light, result.ratio_pct) == (Light.BLUE, Decimal("162.4060"))


# --- targets at or below zero -----------------------------------------------------------


@pytest.mark.parametrize(("completed", "light"), [("0", Light.GREEN), ("1", Light.RED)])
def test_zero_target(completed: str, light: Light) -> None:
    # 安全事故数 ＝ 0: any other value is red, whatever the month
    result = indicator_light(indicator("=0", "安全事故数"), actual(completed), 3, DEFAULT)
    assert (result.light, result.rule) == (light, Rule.ZERO)


def test_zero_target_explanation() -> None:
    result = indicator_light(indicator("=0", "安全事故数"), actual(2), 7, DEFAULT)
    assert result.explanation == "年度目标 = 0，1-7月完成 2 ≠ 0 → 红"


@pytest.mark.parametrize(("completed", "light"), [("0", Light.RED), ("0.5", Light.GREEN)])
def test_positive_growth_is_met_or_not(completed: str, light: Light) -> None:
    # 力争正增长 → ＞ 0 %: no ratio can be formed, so met → green, else red
    result = indicator_light(indicator("力争正增长", "营收增长率"), actual(completed), 7, DEFAULT)
    assert (result.light, result.rule) == (light, Rule.MET)


def test_negative_lower_bound_is_met_or_not() -> None:
    target = indicator("≥-5%", "增长率")
    assert indicator_light(target, actual(-5), 7, DEFAULT).light is Light.GREEN
    assert indicator_light(target, actual(-6), 7, DEFAULT).light is Light.RED


# --- reverse ≤ ＜ -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "completed", "light"),
    [
        ("15%以下", "15", Light.GREEN),  # ≤ 15: 15 is allowed
        ("15%以下", "15.01", Light.RED),
        ("<15%", "15", Light.RED),  # ＜ 15: 15 is not
        ("<15%", "14.9", Light.GREEN),
    ],
)
def test_reverse(target: str, completed: str, light: Light) -> None:
    result = indicator_light(indicator(target, "败诉率"), actual(completed), 7, DEFAULT)
    assert (result.light, result.rule) == (light, Rule.REVERSE)


def test_reverse_limit_is_not_pro_rated() -> None:
    # ≤ 20 次 by year end; 1-3月 already 16: under the full limit → green (not 20 × 3/12 = 5)
    result = indicator_light(indicator("≤20次", "投诉次数"), actual(16), 3, DEFAULT)
    assert result.light is Light.GREEN
    assert result.explanation == "1-3月完成 16 次，年度目标 ≤ 20 次（反向指标）：16 < 20 → 绿"


# --- ranges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "light"),
    [
        ("3", Light.RED),  # above the upper bound 2
        ("0.4", Light.GREEN),  # lower bound 1 × 6/12 = 0.5; r = 80 %
        ("0.25", Light.RED),  # r = 50 %
        ("2", Light.GREEN),  # r = 400 %, but within the range: never blue
    ],
)
def test_range(completed: str, light: Light) -> None:
    result = indicator_light(indicator("1-2个", "培训次数"), actual(completed), 6, DEFAULT)
    assert (result.light, result.rule) == (light, Rule.RANGE)


# --- qualitative, not reported ----------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "light"),
    [
        (QualitativeGrade.MET, Light.GREEN),
        (QualitativeGrade.PARTLY, Light.YELLOW),
        (QualitativeGrade.NOT_MET, Light.RED),
    ],
)
def test_qualitative(grade: QualitativeGrade, light: Light) -> None:
    result = indicator_light(indicator("及时", "维护及时性"), actual(grade=grade), 7, DEFAULT)
    assert (result.light, result.rule) == (light, Rule.QUALITATIVE)
    assert result.explanation == f"定性评价：{grade.value} → {light.label}"


def test_quantitative_row_reported_only_as_a_grade() -> None:
    result = indicator_light(indicator("≥100"), actual(grade=QualitativeGrade.PARTLY), 7, DEFAULT)
    assert result.light is Light.YELLOW


def test_missing_actual_is_grey() -> None:
    result = indicator_light(indicator("≥100"), None, 7, DEFAULT)
    assert (result.light, result.rule) == (Light.GREY, Rule.NOT_REPORTED)
    assert result.explanation == "1-7月未填报累计完成值 → 未填报"


def test_text_instead_of_a_number_is_grey_and_says_so() -> None:
    result = indicator_light(indicator("≥100"), actual(text="已完成"), 7, DEFAULT)
    assert result.light is Light.GREY
    assert "“已完成”不是数字" in result.explanation


def test_qualitative_without_grade_is_grey() -> None:
    result = indicator_light(indicator("及时"), actual(text="按时完成"), 7, DEFAULT)
    assert result.light is Light.GREY
    assert "请选择定性评价" in result.explanation


def test_non_finite_value_is_not_reported() -> None:
    assert indicator_light(indicator("≥100"), actual("NaN"), 7, DEFAULT).light is Light.GREY


# --- options ----------------------------------------------------------------------------


def test_expected_full_year_when_configured() -> None:
    # 全年预计完成 90 against t = 100 (not pro-rated): r = 90 % → green; to date alone: yellow
    config = replace(DEFAULT, use_expected_full_year=True)
    row = actual(40, expected=90)
    result = indicator_light(indicator("≥100"), row, 7, config)
    assert result.light is Light.GREEN
    assert result.explanation == "全年预计完成 90 ÷ 年度目标 100 = 90.0 % → 绿"
    assert indicator_light(indicator("≥100"), row, 7, DEFAULT).light is Light.YELLOW


def test_shanxi_quality_rows_are_met_or_not() -> None:
    # Shanxi pro-rates only 数量/效益/满意度; 质量 ≥95 %: 94 → red, 96 → green
    shanxi = PRESETS["shanxi"]
    quality = indicator("≥95%", "合格率", level2="质量指标")
    assert indicator_light(quality, actual(94), 7, shanxi).light is Light.RED
    result = indicator_light(quality, actual(96), 7, shanxi)
    assert (result.light, result.rule) == (Light.GREEN, Rule.MET)
    assert result.explanation.endswith("（质量指标不按序时折算）")
    benefit = indicator("≥100", "受益人次", BENEFIT, "社会效益指标")
    assert indicator_light(benefit, actual(40), 7, shanxi).rule is Rule.PRORATED


def test_compound_target_is_judged_on_its_first_condition() -> None:
    target = indicator("参考率不低于85%，及格率不低于85%", "参考率、及格率")
    result = indicator_light(target, actual(90), 7, DEFAULT)
    assert result.light is Light.GREEN
    assert result.explanation.endswith("（目标含多项条件，仅按第一项判断）")


# --- budget -----------------------------------------------------------------------------


def test_budget_yellow_explains_the_arithmetic() -> None:
    # 执行率 30 / 82.6 = 36.32 %; 序时进度 7/12 = 58.33 %;
    # r = (30 / 82.6) / (7 / 12) = 360 / 578.2 = 62.26 % → yellow
    result = budget_light(Decimal(30), Decimal("82.6"), 7, DEFAULT)
    assert result.light is Light.YELLOW
    assert result.ratio_pct == Decimal("62.2622")
    assert result.expected_to_date == Decimal("48.1833")  # 82.6 × 7 / 12 万元
    assert result.explanation == (
        "1-7月执行 30 万元 ÷ 全年预算 82.6 万元 = 执行率 36.3 %；"
        "÷ 序时进度 58.33 % (7/12) = 62.3 % → 黄"
    )


@pytest.mark.parametrize(
    ("executed", "light"),
    [
        ("29.99", Light.RED),  # 100 万元, m = 6: 29.99 % / 50 % = 59.98 %
        ("30", Light.YELLOW),  # 60 %
        ("40", Light.GREEN),  # 80 %
        ("100", Light.GREEN),  # 200 %: budgets have no blue
    ],
)
def test_budget_bands(executed: str, light: Light) -> None:
    assert budget_light(Decimal(executed), Decimal(100), 6, DEFAULT).light is light


@pytest.mark.parametrize("budget", [None, Decimal(0), Decimal(-1)])
def test_budget_unknown_or_zero_is_grey(budget: Decimal | None) -> None:
    result = budget_light(Decimal(10), budget, 6, DEFAULT)
    assert result.light is Light.GREY
    assert "无法计算执行率" in result.explanation


def test_budget_not_reported() -> None:
    result = budget_light(None, Decimal(100), 6, DEFAULT)
    assert (result.light, result.explanation) == (Light.GREY, "1-6月未填报预算执行数 → 未填报")


# --- light order and formatting ---------------------------------------------------------


def test_worst_light_follows_severity() -> None:
    assert worst([Light.GREEN, Light.BLUE]) is Light.BLUE
    assert worst([Light.GREEN, Light.GREY, Light.YELLOW]) is Light.YELLOW
    assert worst([Light.GREEN, Light.GREY]) is Light.GREY
    assert worst([Light.RED, Light.YELLOW]) is Light.RED
    assert worst([]) is Light.GREY
    assert [light.label for light in Light] == ["红", "黄", "绿", "蓝", "未填报"]


def test_number_formatting() -> None:
    assert number(Decimal(100) * 7 / 12) == "58.33"
    assert number(Decimal("100.00")) == "100"
    assert number(Decimal("-0.001")) == "0"
    assert number(Decimal("1E+20")) == "1.000000E+20"
    assert percent(Decimal("68.5714")) == "68.6 %"
    assert [months_label(m) for m in (1, 7, 12)] == ["1月", "1-7月", "全年"]
