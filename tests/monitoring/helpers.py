"""Builders shared by the monitoring tests: indicators from target text, actuals by value."""

from __future__ import annotations

from decimal import Decimal

from jixiao.actuals import IndicatorActual, QualitativeGrade
from jixiao.model import Indicator
from jixiao.targets import parse_target
from jixiao.taxonomy import OUTPUT
from tests.review.factories import make_indicator


def indicator(
    target: str, name: str = "服务场次", level1: str = OUTPUT, level2: str = "数量指标"
) -> Indicator:
    """An indicator whose 年度指标值 is ``target`` as the importer would read it."""
    return make_indicator(name, level1, level2, annual=parse_target(target, name))


def actual(
    completed: str | int | Decimal | None = None,
    *,
    grade: QualitativeGrade | None = None,
    text: str | None = None,
    expected: str | int | None = None,
    path: str = "indicators/0",
) -> IndicatorActual:
    """An actual with 累计完成值 ``completed`` (and optional grade, text, 全年预计完成值)."""
    return IndicatorActual(
        path,
        completed=None if completed is None else Decimal(completed),
        completed_text=text,
        expected_full_year=None if expected is None else Decimal(expected),
        grade=grade,
    )
