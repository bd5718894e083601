"""The printed labels of a 自评表 and how to read its cells (REFERENCE.md §2.4, §2.5).

Labels are compared without white space and after full-width → half-width normalisation, so
``项目资金 （万元）``, ``其中： 当年财政拨款`` and ``产出指标(50分)`` are recognised as printed.
Column headings accept the variants seen in local forms (Sichuan 2023: 调整后预算数, 权重,
度量单位, 指标性质, 未完成原因分析).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from jixiao.actuals import QualitativeGrade
from jixiao.model import DocumentKind

PROJECT_TITLE = "项目支出绩效自评表"
DEPARTMENT_TITLE = "部门整体支出绩效自评表"
_TITLE = re.compile(r"(项目支出|部门整体支出|部门整体)绩效自评表")

FUND_COLUMNS: dict[str, str] = {
    "年初预算数": "initial",
    "全年预算数": "budget",
    "调整后预算数": "adjusted",
    "全年执行数": "executed",
    "分值": "weight",
    "执行率": "rate",
    "得分": "score",
}
"""Headings of the 项目资金（万元） block → field keys (``adjusted`` is read as 全年预算数)."""

INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "年度指标值": "target",
    "年度目标值": "target",
    "指标值": "target",
    "实际完成值": "actual",
    "全年实际完成值": "actual",
    "实际完成情况": "actual",
    "实际值": "actual",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "reason",
    "偏差原因分析": "reason",
    "未完成原因分析": "reason",
    "原因分析及改进措施": "reason",
    "计量单位": "unit",
    "度量单位": "unit",
    "指标性质": "operator",
    "对比符号": "operator",
}
"""Headings of the 绩效指标 block → field keys."""

NARRATIVE_LABELS: dict[str, str] = {
    "评价结论": "conclusion",
    "自评结论": "conclusion",
    "存在问题": "problems",
    "存在的问题": "problems",
    "主要问题": "problems",
    "改进措施": "measures",
    "改进意见": "measures",
    "整改措施": "measures",
}
"""Closing rows of the department form (REFERENCE.md §2.5) → :class:`PublishedTable` fields."""

NAME_LABELS = {"项目名称": DocumentKind.PROJECT, "部门名称": DocumentKind.DEPARTMENT}
NAME_LABELS["单位名称"] = DocumentKind.DEPARTMENT

PLACEHOLDERS = frozenset({"", "无", "/", "-", "—", "——", "－", "无偏差", "不适用", "/无"})
"""Cell texts that mean "nothing entered"."""

GRADES = ("优", "良", "中", "差")

_SPACE = re.compile(r"\s+")
_LEVEL1_WEIGHT = re.compile(r"^(?P<name>.*?)[(（]?(?P<weight>\d+(?:\.\d+)?)分[)）]?$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def compact(text: str) -> str:
    """``text`` NFKC-normalised, without white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def table_kind(text: str) -> DocumentKind | None:
    """The kind of form a title line names (``2023年度项目支出绩效自评表``), or ``None``."""
    match = _TITLE.search(compact(text))
    if match is None:
        return None
    return DocumentKind.PROJECT if match.group(1) == "项目支出" else DocumentKind.DEPARTMENT


def fund_key(label: str) -> str | None:
    """The row of the 项目资金（万元） block a label names: ``total`` (年度资金总额),
    ``appropriation`` (当年财政拨款), ``carryover`` (上年结转资金), ``other`` (其他资金)."""
    text = compact(label).removeprefix("其中:").removeprefix("其中")
    if text in {"年度资金总额", "资金总额", "年度资金总额:"}:
        return "total"
    if text.endswith("财政拨款") and len(text) <= 8:
        return "appropriation"
    if text.startswith("上年结转"):
        return "carryover"
    if text == "其他资金":
        return "other"
    return None


def split_level1(text: str) -> tuple[str, str | None]:
    """A 一级指标 cell → (name as written, printed points or ``None``):
    ``产出指标（50分）`` → (``产出指标``, ``50``); ``（30分）`` → (``""``, ``30``)."""
    normal = compact(text)
    match = _LEVEL1_WEIGHT.match(normal)
    if match is None:
        return text.strip(), None
    return match.group("name"), match.group("weight")


def is_number(text: str) -> bool:
    """``True`` for a plain number (``12.5``, ``-3``, ``1,200.00``)."""
    return bool(_NUMBER.match(_THOUSANDS.sub("", compact(text))))


def read_number(text: str) -> tuple[Decimal, str] | str | None:
    """Read an amount, points or rate cell.

    Returns ``(value, printed text)``, ``None`` for a blank or placeholder cell (``—``), or
    the cleaned text when it is not a number. ``%`` is dropped (rates are percent).
    """
    cleaned = _THOUSANDS.sub("", compact(text)).replace("−", "-")
    if cleaned in PLACEHOLDERS:
        return None
    number = cleaned.removesuffix("%").removesuffix("分")
    if not _NUMBER.match(number):
        return cleaned
    try:
        return Decimal(number), number
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return cleaned


def is_placeholder(text: str) -> bool:
    """``True`` when a reason cell says nothing (blank, ``无``, ``/``, ``—``)."""
    return compact(text) in PLACEHOLDERS


_NOT_MET = ("未达成", "未完成", "未达到", "未达标", "不达标", "不合格", "较差", "未实现")
_MET = ("达成", "完成", "达标", "及时", "合格", "符合", "有效", "良好", "正常", "实现", "满意")


def qualitative_grade(actual: str, target: str) -> QualitativeGrade | None:
    """The 10号 tier a published 实际完成值 of a qualitative row states, or ``None`` when the
    text does not say (the score is then taken as published, unchecked).

    A tier name as written, the target text itself, or words of completion (达成, 完成,
    及时, 达标, 合格, 符合 …) mean 达成; ``部分…`` means 部分达成; negated completion (未完成,
    不达标, 较差 …) means 未达成.
    """
    text = compact(actual)
    if not text:
        return None
    for grade in QualitativeGrade:
        if text == compact(grade.value):
            return grade
    if any(word in text for word in _NOT_MET):
        return QualitativeGrade.NOT_MET
    if "部分" in text:
        return QualitativeGrade.PARTLY
    if text == compact(target) or any(word in text for word in _MET):
        return QualitativeGrade.MET
    return None
