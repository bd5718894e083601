"""Measurability rules (可衡量, 细化量化): can each target value be scored as written?

The rules read the already-parsed :class:`~jixiao.model.Target` (REFERENCE.md §3): operator,
value, unit, ``qualitative``, ``operator_implied``, ``qualifier``, ``remainder``,
``compound``. Each row's 年度指标值 is checked, and its 实施周期指标值 too when it is written
differently (identical values would only repeat the finding).

Checks: unit present (RV05), comparator present (RV10), unit fits the name (RV15), percentage
range (RV22), vague words (RV12), a number where the name asks for one, target text that
repeats the name or states several conditions (RV14), satisfaction targets (RV25), the
direction of cost and bad-outcome rows (RV21), and deadlines past the budget year (RV24).

Rules loop over rows read once per document (:func:`target_rows`,
:func:`~jixiao.review.rules.taxonomy.indicator_rows`) and call cached readers
(:func:`is_percent`): review must keep up with >1,000 documents a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from jixiao.model import Document, Indicator, Operator, Project, Target
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import (
    ReviewConfig,
    finding_from,
    finding_type,
    rule,
    shared,
)
from jixiao.review.rules.taxonomy import (
    NameTraits,
    indicator_rows,
    is_cost_category,
    owner_label,
)
from jixiao.taxonomy import normalize

_SYMBOLS = {
    Operator.GE: "≥",
    Operator.GT: ">",
    Operator.EQ: "=",
    Operator.LE: "≤",
    Operator.LT: "<",
}
_LOWER_BOUNDS = (Operator.GE, Operator.GT)

_PERCENT_UNITS = frozenset({"%", "％", "‰", "百分点", "百分比", "比率"})
_TIME_UNIT = re.compile(r"小时|时|分钟|秒|s|h|min|天|日|个?工作日|周|星期|个?月|季度|年")
_MONEY_UNIT = re.compile(r"[千万亿]?元")
_COUNT_UNIT = re.compile(
    r"人次?|名|次|个|件|场次?|家|期|条|宗|例|辆|台|套|所|户|村|篇|本|份|批|项|座|处|起|单|轮"
)

_VAGUE = re.compile(
    r"进一步|明显|显著|有效促进|有效提升|有效提高|有效改善|提高|提升|长期|不断|逐步|持续|大幅|稳步|"
    r"加强|增强|改善|促进|有所|力争|努力|尽可能|尽量"
)
_GROWTH = re.compile(r"增长|增幅|增速|同比|环比|提高|提升|增加|下降|降低")
_RATE_IN_TEXT = re.compile(r"率|占比|比例")
_PLAIN_QUALIFIER = re.compile(
    r"(?:每年|全年|年均|年度|每月|月均|每季度|每季|季均|每周|每日|每天|日均|累计|人均|平均|当年|"
    r"本年度|本年|年内)+"
)
_PUNCTUATION = re.compile(r"[\s\W_]+")
_TEXT_PERIOD = re.compile(r"每个?(年|季度?|月|周|星期|日|天)|(年|季|月)均")
_UNIT_PERIOD = re.compile(r"/[^/]*?(年|季度?|月|周|星期|日|天)$")
_YEAR = re.compile(r"(20\d\d)年")
_PERIOD_NAMES = dict(年="年", 季="季度", 季度="季度", 月="月", 周="周", 星期="周", 日="日", 天="日")
"""Period words of names, explanations and units → canonical period (季 → 季度, 天 → 日)."""

Labelled = tuple[tuple[str, Target], ...]


def targets(indicator: Indicator) -> Labelled:
    """The row's targets with their column labels; 实施周期指标值 only when it differs.

    A row without 实施周期指标值 (the Jieyang and Guangzhou 2023 layouts) labels its value
    ``指标值``.
    """
    annual, period = indicator.annual_target, indicator.period_target
    if period is None:
        return () if annual is None else (("指标值", annual),)
    if annual is None:
        return (("实施周期指标值", period),)
    if period.raw == annual.raw:
        return (("年度指标值", annual),)
    return (("年度指标值", annual), ("实施周期指标值", period))


TargetRow = tuple[Project | None, Indicator, NameTraits, str, Target]
"""(project, indicator, traits of its name, column label, target): a target a rule checks."""


@shared
def target_rows(document: Document) -> tuple[TargetRow, ...]:
    """The :func:`targets` of every indicator of ``document``, in table order; computed once
    per document in a review pass."""
    rows = [
        (project, indicator, traits, label, target)
        for project, indicator, traits in indicator_rows(document)
        for label, target in targets(indicator)
    ]
    return tuple(rows)


def number_text(value: Decimal) -> str:
    """``Decimal("95.0")`` → ``"95"``; no exponent notation."""
    return format(value.normalize(), "f")


def symbol(operator: Operator | None) -> str:
    """The comparator as printed (``≥``), ``""`` for none or a range."""
    return "" if operator is None else _SYMBOLS.get(operator, "")


def plain_value(target: Target) -> str:
    """Comparator, number and unit only (``≥95%``): what the target cell should say."""
    unit = target.unit or ""
    if target.value is None:
        return target.raw
    if target.operator is Operator.RANGE and target.value_max is not None:
        return f"{number_text(target.value)}–{number_text(target.value_max)}{unit}"
    return f"{symbol(target.operator)}{number_text(target.value)}{unit}"


@lru_cache(maxsize=1024)
def _normalized_unit(unit: str) -> str:
    return normalize(unit)


def is_percent(unit: str | None) -> bool:
    """``True`` for %, ‰, 百分点 (full-width forms and surrounding space too)."""
    if unit is None:
        return False
    return unit in _PERCENT_UNITS or _normalized_unit(unit) in _PERCENT_UNITS


def unit_kind(unit: str) -> str:
    """What a unit measures, as a phrase: ``"是时间单位"`` for 小时, ``"是计数单位"`` for 人/村."""
    head = _normalized_unit(unit).split("/", 1)[0]
    if _TIME_UNIT.fullmatch(head):
        return "是时间单位"
    if _COUNT_UNIT.fullmatch(head):
        return "是计数单位"
    if _MONEY_UNIT.fullmatch(head):
        return "是金额单位"
    return "不是百分比"


# --------------------------------------------------------------------------- catalogue

_COMPLETE = ("#completeness", "#measurability")
_RELEVANT = ("#relevance", "#measurability")
_APPROPRIATE = ("#appropriateness", "#measurability")
_FEASIBLE = ("#feasibility", "#measurability")

finding_type(
    "target-unit-missing",
    Severity.ERROR,
    "定量指标缺少计量单位",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”是定量值，但没有计量单位（名称中"
    "也未注明），无法判断{value}指的是什么；请在计量单位栏或名称括号中注明单位（如“个”“人次”“%”）",
    tags=_COMPLETE,
    reference="RV05; REFERENCE.md §2.1 (unit mandatory for 定量), §3 (units)",
)
finding_type(
    "target-comparator-missing",
    Severity.WARNING,
    "指标值缺少比较符号",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”没有写比较符号（≥、≤、=等），只"
    "能按“={plain}”理解，考核时无法判断超出或不足是否达标；请写明比较符号",
    tags=_COMPLETE,
    reference="RV10; REFERENCE.md §3 (bare value: infer =, warn)",
)
finding_type(
    "target-comparator-implied",
    Severity.INFO,
    "指标值未写比较符号（可按“=”理解）",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”没有写比较符号，按“={plain}”理解"
    "；建议写明“=”或“{direction}”",
    tags=_COMPLETE,
    reference="RV10; REFERENCE.md §3 (bare 100% or 0 has one sensible reading)",
)
finding_type(
    "unit-contradicts-rate-name",
    Severity.WARNING,
    "比率类指标的计量单位不是百分比",
    "{owner}第{lines}行三级指标“{indicator_name}”是比率类指标（{word}），但{label}“{raw}”的计量单"
    "位“{unit}”{kind}，无法衡量{word}；请把指标值改为百分比，或把指标名称改为所计量的内容",
    tags=_RELEVANT,
    reference="RV15; REFERENCE.md §4",
)
finding_type(
    "unit-contradicts-count-name",
    Severity.WARNING,
    "数量类指标的计量单位是百分比",
    "{owner}第{lines}行三级指标“{indicator_name}”要求的是数量，但{label}“{raw}”用百分比表示，无法"
    "衡量数量；请填写具体数量和单位（如“件”“人”），或把名称改为比率（如“××率”）",
    tags=_RELEVANT,
    reference="RV15; REFERENCE.md §4 (`巡查次数` with `%`)",
)
finding_type(
    "unit-contradicts-satisfaction-name",
    Severity.WARNING,
    "满意度指标的计量单位不是百分比",
    "{owner}第{lines}行三级指标“{indicator_name}”是满意度指标，但{label}“{raw}”的计量单位是“{unit"
    "}”；满意度应以百分比（满意人数占受访人数的比例）表示",
    tags=_RELEVANT,
    reference="RV15; REFERENCE.md §4",
)
finding_type(
    "unit-period-contradicts-text",
    Severity.WARNING,
    "计量单位的周期与指标名称或解释不一致",
    "{owner}第{lines}行三级指标“{indicator_name}”的{where}写“每{text_period}”，但{label}“{raw}”的"
    "计量单位“{unit}”按{unit_period}计，周期不一致；请统一按{text_period}或按{unit_period}填写",
    tags=_RELEVANT,
    reference="RV15; REFERENCE.md §4 (unit contradicts name/explanation)",
)
finding_type(
    "percent-out-of-range",
    Severity.WARNING,
    "百分比目标超出0–100%",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”要求的百分比{problem}，比率不可"
    "能达到；请核对数值或比较符号",
    tags=_APPROPRIATE,
    reference="RV22; REFERENCE.md §4",
)
finding_type(
    "target-vague-wording",
    Severity.WARNING,
    "指标值表述模糊，无法衡量",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”含“{word}”等模糊表述，没有可衡量"
    "的标准；请改为量化值，或写成分级分档的定性标准（如“达到××标准”“优/良/中/差”）",
    tags=_RELEVANT,
    reference="RV12; REFERENCE.md §3 (定性: graded wording), §4, defect patterns D2, D4",
)
finding_type(
    "target-not-numeric-for-count",
    Severity.WARNING,
    "数量或金额类指标的指标值没有数值",
    "{owner}第{lines}行三级指标“{indicator_name}”要求的是{kind}，但{label}“{raw}”没有给出数值，"
    "无法考核；请填写具体{kind}和单位（如“{example}”）",
    tags=_RELEVANT,
    reference="RV12; REFERENCE.md §4 (细化量化), 财预〔2015〕88号",
)
finding_type(
    "target-repeats-name",
    Severity.WARNING,
    "指标值重复写了指标名称或另设口径",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”在数值前又写了“{qualifier}”，与"
    "指标名称重复或另设了考核口径；请把口径写入三级指标名称，指标值只填“{plain}”",
    tags=_RELEVANT,
    reference="RV14; REFERENCE.md §4 (`培训覆盖率达到100%` → split)",
)
finding_type(
    "target-extra-text",
    Severity.INFO,
    "指标值中夹带说明文字",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”除比较符号、数值和单位外还写了“{"
    "extra}”；建议把说明移入指标名称、指标解释或指标值说明，指标值只保留“{plain}”",
    tags=_RELEVANT,
    reference="RV14; REFERENCE.md §3 (keep number and unit separate), §4 (`5个站点`)",
)
finding_type(
    "target-compound",
    Severity.WARNING,
    "一个指标值包含多个条件",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”包含多个条件，一行指标只能按一个"
    "值考核和评分；请拆分为多个三级指标",
    tags=_RELEVANT,
    reference="RV14; REFERENCE.md §6 (one score per row)",
)
finding_type(
    "satisfaction-target-below-floor",
    Severity.INFO,
    "满意度目标偏低",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”低于{floor}%，满意度目标偏低；请"
    "核对是否合理",
    tags=_FEASIBLE,
    reference="RV25; REFERENCE.md §4 (< 80 %, configurable: satisfaction_floor_pct)",
)
finding_type(
    "satisfaction-target-100",
    Severity.INFO,
    "满意度目标为100%",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”要求全部服务对象满意，实际难以达"
    "到，抽样调查也难以证实；建议设为可实现的目标（如“≥90%”）",
    tags=_FEASIBLE,
    reference="RV25; REFERENCE.md §4",
)
finding_type(
    "cost-target-lower-bound",
    Severity.WARNING,
    "成本指标只设了下限",
    "{owner}第{lines}行三级指标“{indicator_name}”是成本指标，但{label}“{raw}”只设了下限（{symbol}"
    "）；成本指标应设上限（≤），用于控制支出",
    tags=_APPROPRIATE,
    reference="RV21; REFERENCE.md §4, 财预〔2021〕101号 (成本指标)",
)
finding_type(
    "reverse-indicator-lower-bound",
    Severity.WARNING,
    "反向指标只设了下限",
    "{owner}第{lines}行三级指标“{indicator_name}”是反向指标（“{word}”越低越好），但{label}“{raw}”"
    "设的是下限（{symbol}）；请改为上限（≤）",
    tags=_APPROPRIATE,
    reference="RV21; REFERENCE.md §3 (≤/< are 反向), §6 (反向 scoring)",
)
finding_type(
    "deadline-after-year-end",
    Severity.ERROR,
    "年度完成时限超出预算年度",
    "{owner}第{lines}行三级指标“{indicator_name}”的{label}“{raw}”{problem}；年度指标值应在预算"
    "年度内完成，请核对完成时限",
    tags=_FEASIBLE,
    reference="RV24; REFERENCE.md §3 (deadlines: month + ≤), §4",
)


# --------------------------------------------------------------------------- completeness


def _finding(
    code: str,
    document: Document,
    project: Project | None,
    ind: Indicator,
    label: str,
    target: Target,
    **params: object,
) -> Finding:
    """A finding on one target; ``{owner}``, ``{lines}``, ``{indicator_name}``, ``{label}``
    and ``{raw}`` are filled in."""
    params = {
        "owner": owner_label(project),
        "lines": ind.source.lines,
        "indicator_name": ind.name,
        "label": label,
        "raw": target.raw,
        **params,
    }
    return finding_from(code, document, params, project=project, indicator=ind)


@rule("RV05.unit", ["target-unit-missing"], "定量指标缺少计量单位")
def check_unit_missing(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV05 (REFERENCE.md §4, §2.1): a quantitative target needs a unit, in the value or the
    name (``满意度（%）``).

    Real: 人均年度调解案件数 ≥55, 系统用户数 ≥200, 监狱重大安全事故案件发生率为0.
    """
    for project, ind, _, label, target in target_rows(document):
        if target.unit is None and not target.qualitative and target.value is not None:
            value = number_text(target.value)
            yield _finding(
                "target-unit-missing", document, project, ind, label, target, value=value
            )


@rule(
    "RV10.comparator",
    ["target-comparator-missing", "target-comparator-implied"],
    "指标值没有比较符号",
)
def check_comparator_missing(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV10 (REFERENCE.md §4, §3): a bare value (``3家律师事务所``, ``24小时``, ``12``) has no
    comparator and ``=`` is inferred. Bare 100 % or 0 is only advice: the reading is clear."""
    for project, ind, _, label, target in target_rows(document):
        if not target.operator_implied or target.qualitative:
            continue
        code, direction = "target-comparator-missing", ""
        if target.value == 0:
            code, direction = "target-comparator-implied", "≤"
        elif target.value == 100 and is_percent(target.unit):
            code, direction = "target-comparator-implied", "≥"
        plain = plain_value(target).lstrip("=")
        yield _finding(
            code, document, project, ind, label, target, plain=plain, direction=direction
        )


# --------------------------------------------------------------------------- units (RV15, RV22)


@rule("RV15.rate-unit", ["unit-contradicts-rate-name"], "比率类指标的计量单位不是百分比")
def check_rate_unit(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV15 (REFERENCE.md §4): a …率/占比/覆盖率 name with a time or count unit cannot be
    measured as a rate.

    Real: Guangzhou 办公场所安保措施到位率 “24小时”; Jieyang 法律顾问覆盖率 “= 1 人/村”.
    Satisfaction names are left to ``RV15.satisfaction-unit``.
    """
    for project, ind, traits, label, target in target_rows(document):
        if traits.rate_word is None or traits.satisfaction:
            continue
        unit = target.unit
        if unit is None or target.qualitative or is_percent(unit):
            continue
        yield _finding(
            "unit-contradicts-rate-name",
            document,
            project,
            ind,
            label,
            target,
            word=traits.rate_word,
            unit=unit,
            kind=unit_kind(unit),
        )


@rule("RV15.count-unit", ["unit-contradicts-count-name"], "数量类指标的计量单位是百分比")
def check_count_unit(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV15 (REFERENCE.md §4): a 数/数量/人数/次数/立案数 name with ``%`` (real:
    国家赔偿案件立案数 “100%”)."""
    for project, ind, traits, label, target in target_rows(document):
        if traits.count and not target.qualitative and is_percent(target.unit):
            yield _finding("unit-contradicts-count-name", document, project, ind, label, target)


@rule(
    "RV15.satisfaction-unit",
    ["unit-contradicts-satisfaction-name"],
    "满意度指标的计量单位不是百分比",
)
def check_satisfaction_unit(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV15 (REFERENCE.md §4): 满意度/满意率 is a share of respondents, so its unit is ``%``
    (not 分, 人)."""
    for project, ind, traits, label, target in target_rows(document):
        unit = target.unit
        if not traits.satisfaction or unit is None or target.qualitative or is_percent(unit):
            continue
        yield _finding(
            "unit-contradicts-satisfaction-name",
            document,
            project,
            ind,
            label,
            target,
            unit=unit,
        )


def _text_periods(indicator: Indicator) -> tuple[str, list[str]]:
    """Where the name or explanation states a period (``"指标解释"``) and the periods stated
    there (canonical: 年, 季度, 月, 周, 日); ``("", [])`` when neither does."""
    where, periods = "", list[str]()
    for place, text in (("三级指标名称", indicator.name), ("指标解释", indicator.explanation)):
        found = [_PERIOD_NAMES[a or b] for a, b in _TEXT_PERIOD.findall(text or "")]
        if found and not periods:
            where = place
        periods.extend(found)
    return where, periods


@rule("RV15.period", ["unit-period-contradicts-text"], "计量单位的周期与名称或解释不一致")
def check_unit_period(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV15 (REFERENCE.md §4): a per-period unit (``次/月``) must match the period the name or
    explanation states (real: Jieyang 法治讲座, explanation “每季度开展法治讲座”, unit
    “次/月”)."""
    for project, ind, _, label, target in target_rows(document):
        unit = target.unit
        if unit is None or "/" not in unit:
            continue
        match = _UNIT_PERIOD.search(_normalized_unit(unit))
        where, periods = _text_periods(ind) if match else ("", [])
        if not match or not periods or _PERIOD_NAMES[match.group(1)] in periods:
            continue
        yield _finding(
            "unit-period-contradicts-text",
            document,
            project,
            ind,
            label,
            target,
            unit=unit,
            unit_period=_PERIOD_NAMES[match.group(1)],
            text_period=periods[0],
            where=where,
        )


def _percent_problem(target: Target) -> str | None:
    """How a percentage target falls outside 0–100 %, or ``None``."""
    value, operator = target.value, target.operator
    if value is None or operator is None or not is_percent(target.unit):
        return None
    top = target.value_max if operator is Operator.RANGE else value
    if top is not None and top > 100 and operator not in (Operator.LE, Operator.LT):
        return "超过100%"
    if value == 100 and operator is Operator.GT:
        return "大于100%"
    return "为负数" if value < 0 else None


@rule("RV22.percent", ["percent-out-of-range"], "百分比目标超出0–100%")
def check_percent_range(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV22 (REFERENCE.md §4): ``≥``/``=`` a percentage above 100 (or ``>100%``, or
    negative) cannot be met.

    Growth and change rates (增长率, 同比) may exceed 100 % or be negative and are skipped.
    """
    for project, ind, _, label, target in target_rows(document):
        if target.unit is None or target.qualitative:
            continue
        problem = _percent_problem(target)
        if problem and not _GROWTH.search(ind.name):
            yield _finding(
                "percent-out-of-range",
                document,
                project,
                ind,
                label,
                target,
                problem=problem,
            )


# --------------------------------------------------------------------------- wording (RV12, RV14)


@rule("RV12.vague", ["target-vague-wording"], "指标值表述模糊（提高、进一步、明显改善、长期…）")
def check_vague_wording(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV12 (REFERENCE.md §4, §3): a qualitative target made of 提高/进一步/明显改善/
    有效促进/长期 … has no measure (real: 提升法律援助的影响力 “长期”). Quantified ones
    (力争正增长) pass."""
    for project, ind, _, label, target in target_rows(document):
        match = _VAGUE.search(target.raw) if target.qualitative else None
        if match:
            yield _finding(
                "target-vague-wording",
                document,
                project,
                ind,
                label,
                target,
                word=match.group(0),
            )


@rule("RV12.count-number", ["target-not-numeric-for-count"], "数量或金额类指标的指标值没有数值")
def check_count_without_number(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV12 (REFERENCE.md §4, 细化量化): the name asks for a number or an amount, the target
    gives none (real: 法律援助受益人数 “全年受援人数”, 法律援助机构指派律师数
    “当年指派律师人数”)."""
    for project, ind, traits, label, target in target_rows(document):
        if not (traits.count or traits.amount) or not target.qualitative:
            continue
        kind, example = ("数量", "≥500人") if traits.count else ("金额", "≤50万元")
        if target.raw.strip():
            yield _finding(
                "target-not-numeric-for-count",
                document,
                project,
                ind,
                label,
                target,
                kind=kind,
                example=example,
            )


def _extra_text(target: Target) -> tuple[str | None, str | None]:
    """A qualifier that restates a rate, and other extra words, of a target (either ``None``)."""
    qualifier = (target.qualifier or "").strip()
    if qualifier and _PLAIN_QUALIFIER.fullmatch(normalize(qualifier)):
        qualifier = ""
    if qualifier and _RATE_IN_TEXT.search(qualifier):
        return qualifier, None
    parts = [qualifier, (target.remainder or "").strip()]
    extra = "”和“".join(part for part in parts if len(_PUNCTUATION.sub("", part)) >= 2)
    return None, extra or None


@rule("RV14.text", ["target-repeats-name", "target-extra-text"], "指标值夹带名称或说明文字")
def check_target_text(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV14 (REFERENCE.md §4): the value cell should hold comparator, number and unit only.
    A qualifier that names a rate (``法定期限办结率100%``,
    ``为符合条件的援助对象提供法律援助率100%``) sets a second measure: warning; other words
    (``3家律师事务所``, remarks) are advice."""
    for project, ind, _, label, target in target_rows(document):
        if target.qualifier is None and target.remainder is None:
            continue
        if target.qualitative or target.compound:
            continue
        repeated, extra = _extra_text(target)
        if repeated or extra:
            yield _finding(
                "target-repeats-name" if repeated else "target-extra-text",
                document,
                project,
                ind,
                label,
                target,
                qualifier=repeated,
                extra=extra,
                plain=plain_value(target),
            )


@rule("RV14.compound", ["target-compound"], "一个指标值包含多个条件")
def check_compound(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV14 (REFERENCE.md §4, §6): one row, several conditions (``参考率不低于85%，
    及格率不低于85%``) cannot be scored as one row; split it."""
    for project, ind, _, label, target in target_rows(document):
        if target.compound:
            yield _finding("target-compound", document, project, ind, label, target)


# --------------------------------------------------------------------------- direction (RV21, RV25)


def _satisfaction_code(target: Target, floor: Decimal) -> str | None:
    value, operator = target.value, target.operator
    if value is None or operator not in (Operator.GE, Operator.GT, Operator.EQ):
        return None
    if target.unit is not None and not is_percent(target.unit):
        return None
    if value < floor:
        return "satisfaction-target-below-floor"
    if value == 100 and operator is not Operator.GT:
        return "satisfaction-target-100"
    return None


@rule(
    "RV25.satisfaction",
    ["satisfaction-target-below-floor", "satisfaction-target-100"],
    "满意度目标低于下限或为100%",
)
def check_satisfaction_target(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV25 (REFERENCE.md §4): satisfaction below ``config.satisfaction_floor_pct`` (80) is
    set too low; 100 % cannot be met or verified (real: 慰问对象满意率 “100%”). Advice only."""
    floor = config.satisfaction_floor_pct
    for project, ind, traits, label, target in target_rows(document):
        code = _satisfaction_code(target, floor) if traits.satisfaction else None
        if code:
            yield _finding(code, document, project, ind, label, target, floor=number_text(floor))


@rule("RV21.cost", ["cost-target-lower-bound"], "成本指标只设了下限（≥、>）")
def check_cost_direction(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV21 (REFERENCE.md §4): a cost row (成本指标 category, or a 成本/费用/单价 name)
    needs an upper bound.

    Savings (节约成本) and rates (成本控制率) are meant to be high and are skipped.
    """
    for project, ind, traits, label, target in target_rows(document):
        if target.operator not in _LOWER_BOUNDS or traits.saving or traits.rate_word:
            continue
        if traits.cost_word is not None or is_cost_category(ind):
            yield _finding(
                "cost-target-lower-bound",
                document,
                project,
                ind,
                label,
                target,
                symbol=symbol(target.operator),
            )


@rule(
    "RV21.reverse",
    ["reverse-indicator-lower-bound"],
    "反向指标（投诉率、事故发生率…）只设了下限",
)
def check_reverse_direction(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV21 (REFERENCE.md §4, §3): a bad-outcome measure (投诉率, 再犯罪率, 败诉率,
    事故发生率, 超支率, 故障率) is 反向: its target must be an upper bound (≤, <), never ≥
    or >."""
    for project, ind, traits, label, target in target_rows(document):
        if traits.reverse_word is not None and target.operator in _LOWER_BOUNDS:
            yield _finding(
                "reverse-indicator-lower-bound",
                document,
                project,
                ind,
                label,
                target,
                word=traits.reverse_word,
                symbol=symbol(target.operator),
            )


# --------------------------------------------------------------------------- deadlines (RV24)


def _deadline_problem(target: Target, fiscal_year: int | None) -> str | None:
    """Why a deadline (``12月底前`` → ``≤ 12 月``) falls outside the budget year, or ``None``.

    Only deadlines count: unit ``月`` (not the duration ``个月``) and 前/底 in the text.
    """
    value, raw = target.value, target.raw
    if value is None or target.unit != "月" or ("前" not in raw and "底" not in raw):
        return None
    if value > 12:
        return f"写的是第{number_text(value)}月，一年只有12个月"
    year = _YEAR.search(raw)
    if fiscal_year is not None and year is not None and int(year.group(1)) > fiscal_year:
        return f"的完成时限在{year.group(1)}年，晚于预算年度{fiscal_year}年年底"
    return None


@rule("RV24.deadline", ["deadline-after-year-end"], "年度完成时限超出预算年度")
def check_deadline(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV24 (REFERENCE.md §4, §3): a 年度指标值 deadline (``X月底前``, ``2026年6月30日前``)
    must fall within the budget year. 实施周期指标值 may run past it and is not checked."""
    for project, ind, _ in indicator_rows(document):
        target = ind.annual_target
        problem = _deadline_problem(target, document.fiscal_year) if target else None
        if target is not None and problem:
            label = "年度指标值" if ind.period_target is not None else "指标值"
            yield _finding(
                "deadline-after-year-end",
                document,
                project,
                ind,
                label,
                target,
                problem=problem,
            )
