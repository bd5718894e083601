"""The rows of the actuals form, read from the declared document (what is fixed, read-only).

One :class:`IndicatorRow` per indicator in table order (:func:`jixiao.paths.iter_indicators`)
and one :class:`BudgetRow` for the department (path ``""``) and each project
(``projects/n``), with the 全年预算数 the declaration states, in **万元**
(:func:`jixiao.monitoring.declared_budget`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import Document, Indicator
from jixiao.monitoring import declared_budget
from jixiao.paths import iter_indicators, project_path
from jixiao.targets import format_target

DEPARTMENT_LABEL = "部门整体"


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator as the form shows it: categories, name and 年度指标值 (``target_text``).

    ``qualitative`` rows take a 定性评价 instead of a number; ``unit`` is the target's unit
    (``%``, ``人`` …), accepted after a number typed into 累计完成值.
    """

    path: str
    project_path: str
    project_name: str | None
    level1: str
    level2: str
    name: str
    target_text: str
    qualitative: bool
    unit: str | None


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """A budget line: ``path`` (``""`` department, ``projects/n``), ``name`` and the declared
    全年预算数 in 万元 (``None`` when the declaration gives none) with its ``source``."""

    path: str
    name: str
    budget_wan_yuan: Decimal | None
    budget_source: str


def indicator_rows(document: Document) -> list[IndicatorRow]:
    """Every indicator of ``document`` in table order."""
    return [
        IndicatorRow(
            ref.path,
            ref.project_path,
            ref.project.name if ref.project else None,
            ref.indicator.level1 or ref.indicator.level1_as_written or "",
            ref.indicator.level2 or ref.indicator.level2_as_written or "",
            ref.indicator.name,
            target_text(ref.indicator),
            is_qualitative(ref.indicator),
            ref.indicator.annual_target.unit if ref.indicator.annual_target else None,
        )
        for ref in iter_indicators(document)
    ]


def budget_rows(document: Document) -> list[BudgetRow]:
    """The department's budget line, then one per project."""
    department = document.department or ""
    name = f"{DEPARTMENT_LABEL}（{department}）" if department else DEPARTMENT_LABEL
    rows = [BudgetRow("", name, *declared_budget(document, ""))]
    for index, project in enumerate(document.projects):
        path = project_path(index)
        rows.append(BudgetRow(path, project.name, *declared_budget(document, path)))
    return rows


def target_text(indicator: Indicator) -> str:
    """年度指标值 as shown: ``≥ 21 场``, ``定性：及时`` or ``（未填写）``."""
    target = indicator.annual_target
    return format_target(target) if target is not None else "（未填写）"


def is_qualitative(indicator: Indicator) -> bool:
    """The 年度指标值 has no number to measure against."""
    target = indicator.annual_target
    return target is None or not target.quantitative or target.value is None
