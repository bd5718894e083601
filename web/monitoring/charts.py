"""Budget execution over the year, for the Chart.js chart of the monitoring page.

For the department and each project: the 累计执行数 (万元) of every report, and the
time-proportional line (序时进度) ``全年预算数 × m / 12`` for months 1–12 (REFERENCE.md §5).
The department of a project table that reported no total of its own is charted as the sum of
the project executions of that report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.actuals import Actuals, Period
from jixiao.model import Document
from web.monitoring.rows import budget_rows

MONTHS = list(range(1, 13))
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class ExecutionSeries:
    """One line of the chart: ``executed_wan_yuan[m-1]`` is the 累计执行数 at the end of month
    ``m`` (``None`` when not reported) and ``schedule_wan_yuan[m-1]`` the 序时进度 amount."""

    path: str
    name: str
    budget_wan_yuan: Decimal | None
    executed_wan_yuan: list[Decimal | None]
    schedule_wan_yuan: list[Decimal | None]
    summed: bool = False

    def as_json(self) -> dict[str, Any]:
        """Numbers as floats rounded to 0.01 万元 (display only), ``None`` as ``null``."""
        return {
            "path": self.path,
            "name": self.name + ("（各项目执行数之和）" if self.summed else ""),
            "budget": _float(self.budget_wan_yuan),
            "executed": [_float(v) for v in self.executed_wan_yuan],
            "schedule": [_float(v) for v in self.schedule_wan_yuan],
        }


def execution_series(
    document: Document, series: list[tuple[Period, Actuals]]
) -> list[ExecutionSeries]:
    """One :class:`ExecutionSeries` for the department, then one per project."""
    result = []
    for row in budget_rows(document):
        executed: list[Decimal | None] = [None] * 12
        budget = row.budget_wan_yuan
        summed = False
        for period, actuals in series:
            execution = actuals.for_budget(row.path)
            if execution is not None:
                executed[period.month - 1] = execution.executed
                budget = execution.budget if execution.budget is not None else budget
            elif row.path == "" and actuals.executions:
                executed[period.month - 1] = sum(
                    (e.executed for e in actuals.executions), Decimal(0)
                )
                summed = True
        schedule = [None if budget is None else budget * m / 12 for m in MONTHS]
        result.append(ExecutionSeries(row.path, row.name, budget, executed, schedule, summed))
    return result


def chart_json(document: Document, series: list[tuple[Period, Actuals]]) -> dict[str, Any]:
    """The data of the chart: ``{"months": ["1月", …], "series": [ExecutionSeries.as_json()]}``."""
    return {
        "months": [f"{m}月" for m in MONTHS],
        "series": [s.as_json() for s in execution_series(document, series)],
    }


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(_CENT))
