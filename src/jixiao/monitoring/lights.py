"""Traffic lights of in-year monitoring (绩效运行监控) for one indicator or one budget.

Rules (REFERENCE.md §5; 财预〔2019〕136号; thresholds from :class:`MonitoringConfig`, vendor
defaults, not national law). ``t`` is the 年度指标值, ``m`` the last month reported,
``current`` the 累计完成值 to the end of month ``m``:

* ``≥ ＞ ＝`` with ``t > 0``: 序时目标 ``t·m/12``, ratio ``r = current / (t·m/12)``; red
  ``r < 60 %``, yellow ``< 80 %``, green ``< 120 %``, blue from 120 %. Rows in ``%`` are
  compared to ``t`` itself (``r = current / t``, rates do not accumulate); see the config
  for categories that are not pro-rated (Shanxi).
* ``≥ ＞`` with ``t ≤ 0`` (``力争正增长`` → ``> 0 %``): met → green, else red.
* ``＝`` with ``t = 0`` (事故数为 0): ``current = 0`` green, else red.
* ``≤ ＜`` (反向): ``current > t`` (``≤``) or ``current ≥ t`` (``＜``) red, else green. The
  limit is not pro-rated: a cumulative count already beyond the full-year limit is red.
* Range ``lo–hi``: above ``hi`` red; otherwise banded like ``≥ lo`` but never blue.
* 定性 (or a quantitative row reported only as a grade): 达成年度指标 green, 部分达成… yellow,
  未达成… red.
* Nothing usable reported: grey (未填报).

By default the value judged is 累计完成值 (REFERENCE.md §5 rates progress to date); with
``use_expected_full_year`` a reported 全年预计完成值 is judged against the full ``t``
instead. Every :class:`LightResult` explains itself in Chinese with the numbers, e.g.
``1-7月完成 40 ÷ 序时目标 58.33 (100×7/12) = 68.6 % → 黄``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple

from jixiao.actuals import IndicatorActual, QualitativeGrade
from jixiao.model import Indicator, Operator, Target
from jixiao.monitoring.config import MonitoringConfig
from jixiao.targets import OPERATOR_SYMBOLS, format_target

_CALC: Final = Context(prec=60, Emax=999_999_999, Emin=-999_999_999, traps=[])
"""Arithmetic that never traps: huge inputs round instead of raising."""
_HUNDRED: Final = Decimal(100)
_TWELVE: Final = Decimal(12)
_FOUR_PLACES: Final = Decimal("0.0001")


class Light(StrEnum):
    """A monitoring light. ``label`` is the Chinese name, ``severity`` the sort key of
    :func:`worst`: red 4 > yellow 3 > grey (未填报) 2 > blue 1 > green 0.

    Grey outranks blue and green so that a project with unreported rows never looks fine;
    blue (over-achievement) outranks green because it asks whether the target was too low.
    """

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"

    @property
    def label(self) -> str:
        """红 / 黄 / 绿 / 蓝 / 未填报."""
        return _LABELS[self]

    @property
    def severity(self) -> int:
        """0 (green) … 4 (red); larger needs more attention."""
        return _SEVERITY[self]


_LABELS: Final[Mapping[Light, str]] = MappingProxyType(
    {Light.RED: "红", Light.YELLOW: "黄", Light.GREEN: "绿", Light.BLUE: "蓝", Light.GREY: "未填报"}
)
_SEVERITY: Final[Mapping[Light, int]] = MappingProxyType(
    {Light.GREEN: 0, Light.BLUE: 1, Light.GREY: 2, Light.YELLOW: 3, Light.RED: 4}
)
_GRADE_LIGHTS: Final[Mapping[QualitativeGrade, Light]] = MappingProxyType(
    {
        QualitativeGrade.MET: Light.GREEN,
        QualitativeGrade.PARTLY: Light.YELLOW,
        QualitativeGrade.NOT_MET: Light.RED,
    }
)


def worst(lights: Iterable[Light], default: Light = Light.GREY) -> Light:
    """The light of highest :attr:`Light.severity` in ``lights``; ``default`` when empty."""
    return max(lights, key=lambda light: light.severity, default=default)


class Rule(StrEnum):
    """Which rule produced a light (for filtering and tests)."""

    PRORATED = "prorated"  # r = current / (t·m/12)
    DIRECT = "direct"  # r = current / t (rates, rows not pro-rated, full-year forecast)
    MET = "met"  # target met → green, else red
    ZERO = "zero"  # ＝ 0
    REVERSE = "reverse"  # ≤ ＜
    RANGE = "range"
    QUALITATIVE = "qualitative"
    NOT_REPORTED = "not-reported"
    BUDGET = "budget"


@dataclass(frozen=True, slots=True)
class LightResult:
    """A light with its reason.

    ``ratio_pct`` is ``r`` in points (``68.5714`` for 68.6 %) where a ratio applies;
    ``expected_to_date`` the value ``current`` was compared with (序时目标 ``t·m/12``, or ``t``)
    in the indicator's unit. Both are rounded to 4 decimals after the light was decided on
    the exact values. ``explanation`` is Chinese and shows the arithmetic.
    """

    light: Light
    rule: Rule
    explanation: str
    ratio_pct: Decimal | None = None
    expected_to_date: Decimal | None = None


class _Measure(NamedTuple):
    """The value judged, its Chinese label (``1-7月完成``) and the months it covers."""

    value: Decimal
    label: str
    month: int


# --- indicators ------------------------------------------------------------------------


def indicator_light(
    indicator: Indicator, actual: IndicatorActual | None, month: int, config: MonitoringConfig
) -> LightResult:
    """The light of ``indicator`` given its ``actual`` to the end of ``month`` (1–12).

    Uses ``indicator.annual_target`` (monitoring uses 年度指标值, REFERENCE.md §3). A
    compound target is judged on its first condition and says so. Never raises for finite
    or non-finite numbers: a non-finite value is treated as not reported.
    """
    target = indicator.annual_target
    result = _judge(indicator, target, actual, month, config)
    judged = result.rule not in (Rule.QUALITATIVE, Rule.NOT_REPORTED)
    if target is not None and target.compound and judged:
        return _with_note(result, "（目标含多项条件，仅按第一项判断）")
    return result


def _judge(
    indicator: Indicator,
    target: Target | None,
    actual: IndicatorActual | None,
    month: int,
    config: MonitoringConfig,
) -> LightResult:
    measure = _measure(actual, month, config)
    quantitative = target is not None and target.quantitative and target.value is not None
    if quantitative and measure is not None and target is not None:
        return _quantitative(indicator, target, measure, config)
    if actual is not None and actual.grade is not None:
        return qualitative_light(actual.grade)
    return _not_reported(actual, month, quantitative)


def _measure(
    actual: IndicatorActual | None, month: int, config: MonitoringConfig
) -> _Measure | None:
    """The value to judge: 全年预计完成值 when configured and given, else 累计完成值."""
    if actual is None:
        return None
    expected = actual.expected_full_year
    if config.use_expected_full_year and expected is not None and expected.is_finite():
        return _Measure(expected, "全年预计完成", 12)
    if actual.completed is None or not actual.completed.is_finite():
        return None
    return _Measure(actual.completed, f"{months_label(month)}完成", month)


def qualitative_light(grade: QualitativeGrade) -> LightResult:
    """达成年度指标 → green, 部分达成… → yellow, 未达成… → red (REFERENCE.md §5, 10号 tiers)."""
    light = _GRADE_LIGHTS[grade]
    return LightResult(light, Rule.QUALITATIVE, f"定性评价：{grade.value} → {light.label}")


def _not_reported(actual: IndicatorActual | None, month: int, quantitative: bool) -> LightResult:
    text = actual.completed_text if actual is not None else None
    if text:
        need = "且未给定性评价" if quantitative else "请选择定性评价"
        why = f"完成情况“{text}”不是数字，{need}" if quantitative else f"完成情况“{text}”，{need}"
    elif quantitative:
        why = f"{months_label(month)}未填报累计完成值"
    else:
        why = f"{months_label(month)}未填报定性评价"
    return LightResult(Light.GREY, Rule.NOT_REPORTED, f"{why} → {Light.GREY.label}")


def _quantitative(
    indicator: Indicator, target: Target, measure: _Measure, config: MonitoringConfig
) -> LightResult:
    operator, t = target.operator, target.value
    assert t is not None  # checked by the caller
    if operator in (Operator.LE, Operator.LT):
        return _reverse(target, measure)
    if operator is Operator.RANGE:
        return _range(indicator, target, measure, config)
    if operator is Operator.EQ and t == 0:
        return _zero(target, measure)
    if t <= 0:
        return _met(target, measure, "（目标值不大于 0，按是否达到判断）")
    if _binary(indicator, config):
        category = indicator.level2 or indicator.level1 or "本类指标"
        return _met(target, measure, f"（{category}不按序时折算）")
    return _banded(indicator, target, t, measure, config)


def _binary(indicator: Indicator, config: MonitoringConfig) -> bool:
    return config.unprorated_binary and not _in_prorated_categories(indicator, config)


def _in_prorated_categories(indicator: Indicator, config: MonitoringConfig) -> bool:
    categories = config.prorated_categories
    return categories is None or bool({indicator.level1, indicator.level2} & categories)


def _prorated(indicator: Indicator, target: Target, config: MonitoringConfig) -> bool:
    """Whether ``t`` is pro-rated for ``indicator`` (rates only with ``prorate_rates``)."""
    if not _in_prorated_categories(indicator, config):
        return False
    return config.prorate_rates or target.unit != "%"


def _banded(
    indicator: Indicator,
    target: Target,
    t: Decimal,
    measure: _Measure,
    config: MonitoringConfig,
    *,
    allow_blue: bool = True,
) -> LightResult:
    """Ratio bands on ``current / (t·m/12)`` or, for rows not pro-rated, ``current / t``."""
    unit = _unit(target)
    value = f"{measure.label} {number(measure.value)}{unit}"
    if _prorated(indicator, target, config) and measure.month < 12:
        expected = _CALC.divide(_CALC.multiply(t, Decimal(measure.month)), _TWELVE)
        ratio = ratio_pct(measure.value, expected)
        basis = f"序时目标 {number(expected)}{unit} ({number(t)}×{measure.month}/12)"
        rule = Rule.PRORATED
    else:
        expected, ratio = t, ratio_pct(measure.value, t)
        basis, rule = f"年度目标 {number(t)}{unit}", _direct_rule(indicator, target, config)
    light = band(ratio, config, allow_blue=allow_blue)
    text = f"{value} ÷ {basis} = {percent(ratio)} → {light.label}"
    return LightResult(light, rule, text, rounded(ratio), rounded(expected))


def _direct_rule(indicator: Indicator, target: Target, config: MonitoringConfig) -> Rule:
    return Rule.PRORATED if _prorated(indicator, target, config) else Rule.DIRECT


def band(ratio: Decimal, config: MonitoringConfig, *, allow_blue: bool = True) -> Light:
    """The light of an indicator ratio in points (red < 60 ≤ yellow < 80 ≤ green < 120 ≤ blue
    with the defaults)."""
    if ratio < config.red_below_pct:
        return Light.RED
    if ratio < config.green_from_pct:
        return Light.YELLOW
    blue = config.blue_from_pct
    return Light.BLUE if allow_blue and blue is not None and ratio >= blue else Light.GREEN


def _met(target: Target, measure: _Measure, note: str) -> LightResult:
    """Target met → green, else red, against the full ``t`` (t ≤ 0, or Shanxi rows). ``＝``
    counts as met from ``t`` up, as vendors score ``＝``(t≠0) like ``≥`` (REFERENCE.md §6)."""
    t = target.value
    assert t is not None and target.operator is not None
    met = measure.value > t if target.operator is Operator.GT else measure.value >= t
    light = Light.GREEN if met else Light.RED
    state = "已达到" if met else "未达到"
    text = (
        f"{measure.label} {number(measure.value)}{_unit(target)}，年度目标 "
        f"{format_target(target)}，{state} → {light.label}{note}"
    )
    return LightResult(light, Rule.MET, text, None, t)


def _zero(target: Target, measure: _Measure) -> LightResult:
    """``＝ 0``: any non-zero value is red."""
    ok = measure.value == 0
    light = Light.GREEN if ok else Light.RED
    sign = "=" if ok else "≠"
    text = f"年度目标 = 0，{measure.label} {number(measure.value)}{_unit(target)} {sign} 0 → {light.label}"
    return LightResult(light, Rule.ZERO, text, None, Decimal(0))


def _reverse(target: Target, measure: _Measure) -> LightResult:
    """``≤ t``: above ``t`` is red; ``＜ t``: ``t`` or above is red. Not pro-rated."""
    t, operator = target.value, target.operator
    assert t is not None and operator is not None
    over = measure.value > t if operator is Operator.LE else measure.value >= t
    light = Light.RED if over else Light.GREEN
    sign = ">" if measure.value > t else "=" if measure.value == t else "<"
    unit = _unit(target)
    text = (
        f"{measure.label} {number(measure.value)}{unit}，年度目标 {OPERATOR_SYMBOLS[operator]} "
        f"{number(t)}{unit}（反向指标）：{number(measure.value)} {sign} {number(t)} → {light.label}"
    )
    return LightResult(light, Rule.REVERSE, text, None, t)


def _range(
    indicator: Indicator, target: Target, measure: _Measure, config: MonitoringConfig
) -> LightResult:
    """``lo–hi``: above ``hi`` red; else banded on ``lo`` like ``≥ lo``, without blue."""
    lo, hi = target.value, target.value_max
    assert lo is not None
    upper = hi if hi is not None else lo
    unit = _unit(target)
    if measure.value > upper:
        text = f"{measure.label} {number(measure.value)}{unit}，超出目标上限 {number(upper)}{unit} → {Light.RED.label}"
        return LightResult(Light.RED, Rule.RANGE, text, None, upper)
    if lo <= 0:
        light = Light.GREEN if measure.value >= lo else Light.RED
        text = f"{measure.label} {number(measure.value)}{unit}，目标区间 {format_target(target)} → {light.label}"
        return LightResult(light, Rule.RANGE, text, None, lo)
    result = _banded(indicator, target, lo, measure, config, allow_blue=False)
    note = f"（目标区间 {number(lo)}–{number(upper)}{unit}，按下限判断）"
    return replace(result, rule=Rule.RANGE, explanation=result.explanation + note)


# --- budget ----------------------------------------------------------------------------


def budget_light(
    executed_wan_yuan: Decimal | None,
    budget_wan_yuan: Decimal | None,
    month: int,
    config: MonitoringConfig,
) -> LightResult:
    """Light of budget execution (预算执行进度, REFERENCE.md §5; 财预〔2019〕136号).

    ``执行率 = executed / budget``; ``r = 执行率 / (m/12)``; red ``r < 60 %``, yellow
    ``< 80 %``, green from 80 % (defaults). ``ratio_pct`` is ``r`` and ``expected_to_date``
    the 序时执行数 ``budget·m/12`` in 万元. Grey when nothing was executed-reported or the
    budget is unknown, zero or negative.
    """
    period = months_label(month)
    if executed_wan_yuan is None or not executed_wan_yuan.is_finite():
        return LightResult(Light.GREY, Rule.NOT_REPORTED, f"{period}未填报预算执行数 → 未填报")
    if budget_wan_yuan is None or not budget_wan_yuan.is_finite() or budget_wan_yuan <= 0:
        text = f"{period}执行 {number(executed_wan_yuan)} 万元，全年预算数未知或为零，无法计算执行率 → 未填报"
        return LightResult(Light.GREY, Rule.NOT_REPORTED, text)
    rate = ratio_pct(executed_wan_yuan, budget_wan_yuan)
    elapsed = _CALC.divide(_CALC.multiply(Decimal(month), _HUNDRED), _TWELVE)
    ratio = _CALC.divide(_CALC.multiply(rate, _HUNDRED), elapsed)
    light = _budget_band(ratio, config)
    text = (
        f"{period}执行 {number(executed_wan_yuan)} 万元 ÷ 全年预算 {number(budget_wan_yuan)} 万元 "
        f"= 执行率 {percent(rate)}；÷ 序时进度 {percent(elapsed, places=2)} ({month}/12) "
        f"= {percent(ratio)} → {light.label}"
    )
    expected = _CALC.divide(_CALC.multiply(budget_wan_yuan, Decimal(month)), _TWELVE)
    return LightResult(light, Rule.BUDGET, text, rounded(ratio), rounded(expected))


def _budget_band(ratio: Decimal, config: MonitoringConfig) -> Light:
    if ratio < config.budget_red_below_pct:
        return Light.RED
    return Light.YELLOW if ratio < config.budget_green_from_pct else Light.GREEN


# --- formatting ------------------------------------------------------------------------


def ratio_pct(value: Decimal, base: Decimal) -> Decimal:
    """``value / base`` in points, computed without trapping (``base`` must be non-zero)."""
    return _CALC.divide(_CALC.multiply(value, _HUNDRED), base)


def rounded(value: Decimal) -> Decimal:
    """``value`` rounded half-up to 4 decimals for storing (huge values stay as they are)."""
    if not value.is_finite() or value.adjusted() >= 50:
        return value
    return value.quantize(_FOUR_PLACES, rounding=ROUND_HALF_UP, context=_CALC)


def months_label(month: int) -> str:
    """``1月``, ``1-7月``, ``全年`` (month 12)."""
    if month >= 12:
        return "全年"
    return "1月" if month <= 1 else f"1-{month}月"


def number(value: Decimal, places: int = 2) -> str:
    """At most ``places`` decimals, trailing zeros dropped: ``58.333…`` → ``58.33``,
    ``100.0`` → ``100``; magnitudes from 10¹⁵ in scientific notation."""
    if value.is_finite() and value != 0 and value.adjusted() >= 15:
        return f"{value:.6E}"
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(points: Decimal, places: int = 1) -> str:
    """``68.571…`` → ``68.6 %`` (fixed ``places`` decimals)."""
    if points.is_finite() and points != 0 and points.adjusted() >= 15:
        return f"{points:.6E} %"
    return f"{points:.{places}f} %"


def _unit(target: Target) -> str:
    """`` %`` after a number for percentages, `` 场`` for other units, nothing without."""
    return f" {target.unit}" if target.unit else ""


def _with_note(result: LightResult, note: str) -> LightResult:
    return replace(result, explanation=result.explanation + note)
