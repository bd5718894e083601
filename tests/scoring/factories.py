"""Small builders for scoring tests: indicators from target text, actuals, documents.

``D("12.5")`` is ``Decimal``. Targets are parsed with :func:`jixiao.targets.parse_target`, so
tests read like the tables they stand for (``indicator("≥95%")``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.actuals import IndicatorActual, QualitativeGrade
from jixiao.model import Document, DocumentKind, Indicator, Project, Source
from jixiao.targets import parse_target
from jixiao.taxonomy import OUTPUT

D = Decimal
SOURCE = Source("test.txt", 1, 1, "")


def indicator(
    target: str | None,
    name: str = "指标",
    level1: str | None = OUTPUT,
    level2: str | None = "数量指标",
) -> Indicator:
    """An indicator whose 年度指标值 is ``target`` (``None``: no target)."""
    parsed = parse_target(target, name) if target is not None else None
    return Indicator(name, SOURCE, level1=level1, level2=level2, annual_target=parsed)


def actual(
    path: str,
    value: str | None = None,
    *,
    text: str | None = None,
    grade: QualitativeGrade | None = None,
    score: str | None = None,
    reason: str = "",
    deduction: str = "0",
) -> IndicatorActual:
    """An actual at ``path``: a number ``value`` or a ``text``, grade, entered score …"""
    return IndicatorActual(
        path,
        completed=D(value) if value is not None else None,
        completed_text=text,
        grade=grade,
        score=D(score) if score is not None else None,
        reason_text=reason,
        deduction=D(deduction),
    )


def project_doc(
    rows: Sequence[Indicator], amount_total: str | None = "100.00", name: str = "测试项目"
) -> Document:
    """A project table with one project holding ``rows``."""
    total = D(amount_total) if amount_total is not None else None
    project = Project(name, SOURCE, amount_total=total, indicators=list(rows))
    return Document(DocumentKind.PROJECT, "test.txt", projects=[project])
