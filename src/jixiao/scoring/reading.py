"""Reading a reported actual (实际完成值) as a number, and showing it as text.

A quantitative actual is ``IndicatorActual.completed`` when given, else its
``completed_text`` read strictly: a number (``-?\\d+(\\.\\d*)?``, REFERENCE.md §6 [V]) after
full-width → half-width, with thousands commas removed and optionally followed by ``%`` or the
target's unit (``92``, ``92%``, ``8 小时``, ``1,200件``). Anything else (``已完成``, ``≥95%``) is
a problem, never an exception. :func:`partial_year` flags figures dated before December
(self-evaluation measures the whole budget year).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from jixiao.actuals import BudgetExecution, IndicatorActual
from jixiao.model import Target
from jixiao.scoring.decimals import plain
from jixiao.scoring.problems import Problem, problem
from jixiao.taxonomy import normalize

_NUMBER = re.compile(r"(-?[0-9]+(?:\.[0-9]*)?)\s*(\S*)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def read_actual(actual: IndicatorActual, target: Target, path: str) -> Decimal | Problem:
    """The actual value of a quantitative row in the target's unit, or an
    ``actual-unparseable`` problem at ``path``. Percentages are points (``92%`` → 92)."""
    if actual.completed is not None:
        return actual.completed
    text = actual.completed_text or ""
    compact = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).strip())
    match = _NUMBER.fullmatch(compact)
    units = {"", "%", normalize(target.unit or "")}
    if match is None or match.group(2) not in units:
        return problem("actual-unparseable", path, text=text, unit=target.unit or "%")
    return Decimal(match.group(1))


def actual_text(actual: IndicatorActual | None, target: Target | None) -> str:
    """实际完成值 as shown: the text as reported, else the number with the target's unit
    (``92%``, ``8小时``), else the qualitative grade, else ``""``."""
    if actual is None:
        return ""
    if actual.completed_text and actual.completed_text.strip():
        return actual.completed_text.strip()
    if actual.completed is not None:
        return f"{plain(actual.completed)}{target.unit if target and target.unit else ''}"
    return actual.grade.value if actual.grade is not None else ""


def is_reported(actual: IndicatorActual | None) -> bool:
    """``True`` when ``actual`` states anything to score: a value, text, grade or score."""
    if actual is None:
        return False
    text = (actual.completed_text or "").strip()
    return any(v is not None for v in (actual.completed, actual.grade, actual.score)) or bool(text)


def partial_year(
    actual: IndicatorActual | BudgetExecution | None, path: str
) -> tuple[Problem, ...]:
    """An ``actual-partial-year`` problem when ``actual`` is dated before December."""
    if actual is None or actual.as_of is None or actual.as_of.month == 12:
        return ()
    return (problem("actual-partial-year", path, period=actual.as_of.label),)
