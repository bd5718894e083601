"""Data of the declaration page's charts, drawn by ``jixiao/charts.js`` with Chart.js."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.model import BUDGET_FIELDS, Document, DocumentKind, MoneyUnit, to_wan_yuan
from jixiao.taxonomy import LEVEL1, LEVEL2


@dataclass(frozen=True, slots=True)
class Chart:
    """Data of one chart: ``type`` is a Chart.js type (``doughnut``, ``bar``); ``values`` are
    万元 (``unit == "万元"``) or counts (``unit == "个"``); ``groups`` (optional) names the
    series colour of each value, e.g. the 一级指标 of each 二级指标 bar."""

    key: str
    title: str
    type: str
    labels: list[str]
    values: list[float]
    unit: str
    groups: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "type": self.type,
            "labels": self.labels,
            "values": self.values,
            "unit": self.unit,
            "groups": self.groups,
        }


TOP_PROJECTS = 10
"""Projects shown by name in the funds chart; the rest are summed as 其他."""


def charts(document: Document) -> list[Chart]:
    """The charts of a declaration page, those without data left out.

    Department tables: 支出结构 (基本支出/项目支出), 资金来源 (财政拨款/其他资金/财政专项资金),
    年度重点工作任务 拟投入金额. Project tables: 项目资金 (the :data:`TOP_PROJECTS` largest
    projects and 其他) and 资金来源. Both: 指标分类 (three-level indicators per 一级/二级指标).
    """
    if document.kind is DocumentKind.DEPARTMENT:
        found = [*_budget_charts(document), _task_chart(document)]
    else:
        found = [_project_funds_chart(document), _project_sources_chart(document)]
    found.append(_category_chart(document))
    return [chart for chart in found if chart is not None and any(chart.values)]


def _float_wan_yuan(amount: Decimal | None, unit: MoneyUnit) -> float:
    return 0.0 if amount is None else float(round(to_wan_yuan(amount, unit), 2))


def _budget_charts(document: Document) -> list[Chart | None]:
    budget = document.budget
    if budget is None:
        return []
    unit = document.money_unit

    def chart(key: str, title: str, names: Sequence[str]) -> Chart:
        labels = [BUDGET_FIELDS[name] for name in names]
        values = [_float_wan_yuan(budget.get(name), unit) for name in names]
        return Chart(key, title, "doughnut", labels, values, "万元")

    return [
        chart("budget-structure", "支出结构", ("basic_expenditure", "project_expenditure")),
        chart(
            "budget-sources", "资金来源", ("fiscal_appropriation", "other_funds", "special_funds")
        ),
    ]


def _task_chart(document: Document) -> Chart | None:
    tasks = [task for task in document.tasks if task.amount is not None]
    if not tasks:
        return None
    labels = [task.name for task in tasks]
    values = [_float_wan_yuan(task.amount, document.money_unit) for task in tasks]
    return Chart("task-amounts", "年度重点工作任务拟投入资金", "bar", labels, values, "万元")


def _project_funds_chart(document: Document) -> Chart | None:
    unit = document.money_unit
    funded = sorted(
        (p for p in document.projects if p.amount_total),
        key=lambda p: p.amount_total or Decimal(0),
        reverse=True,
    )
    if not funded:
        return None
    top, rest = funded[:TOP_PROJECTS], funded[TOP_PROJECTS:]
    labels = [p.name for p in top]
    values = [_float_wan_yuan(p.amount_total, unit) for p in top]
    if rest:
        labels.append(f"其他（{len(rest)} 个项目）")
        values.append(
            _float_wan_yuan(sum((p.amount_total or Decimal(0) for p in rest), Decimal(0)), unit)
        )
    return Chart("project-funds", "项目资金（前 10 个项目）", "bar", labels, values, "万元")


def _project_sources_chart(document: Document) -> Chart:
    names = ("fiscal_appropriation", "special_account_funds", "other_funds")
    labels = ["财政拨款", "财政专户拨款", "其他资金"]
    values = [
        _float_wan_yuan(
            sum((getattr(p, name) or Decimal(0) for p in document.projects), Decimal(0)),
            document.money_unit,
        )
        for name in names
    ]
    return Chart("project-sources", "资金来源", "doughnut", labels, values, "万元")


_LEVEL1_ORDER = {c.name: i for i, c in enumerate(LEVEL1)}
_LEVEL2_ORDER = {c.name: i for i, c in enumerate(LEVEL2)}


def _category_chart(document: Document) -> Chart | None:
    """三级指标 counted per (一级, 二级) canonical category, in the Ministry's order."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for indicator in document.all_indicators():
        counts[indicator.level1 or "未分类", indicator.level2 or ""] += 1
    if not counts:
        return None
    keys = sorted(
        counts,
        key=lambda k: (_LEVEL1_ORDER.get(k[0], 99), _LEVEL2_ORDER.get(k[1], 99), k),
    )
    labels = [f"{l1} / {l2}" if l2 else l1 for l1, l2 in keys]
    values = [float(counts[k]) for k in keys]
    groups = [l1 for l1, _ in keys]
    return Chart(
        "indicator-categories", "指标分类（三级指标个数）", "bar", labels, values, "个", groups
    )
