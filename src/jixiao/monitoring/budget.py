"""Budget execution (预算执行进度), the money half of 双监控 (REFERENCE.md §5; 财预〔2019〕136号).

The 全年预算数 of an item comes from the reported :class:`~jixiao.actuals.BudgetExecution`
when it states one (调整后预算数), else from the declaration, always in **万元**:

* a project (``projects/n``): its 资金总额 (``Project.amount_total``);
* the department (``""``) of a department table: 预算整体情况 基本支出 + 项目支出 (the whole
  budget the table declares), or 财政拨款 + 其他资金 when either part is missing (RV19 says
  the two sums agree);
* the department of a project table: the 合计 row, or the sum of the projects' 资金总额.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.actuals import Actuals, BudgetExecution, Period
from jixiao.model import Document, DocumentKind, to_wan_yuan
from jixiao.monitoring.config import MonitoringConfig
from jixiao.monitoring.lights import Light, LightResult, budget_light, ratio_pct, rounded
from jixiao.paths import project_at


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    """Budget execution of one item to date.

    * ``path``: ``"projects/n"`` or ``""`` (department).
    * ``budget_wan_yuan``: 全年预算数 in 万元 and ``budget_source`` where it came from
      (``填报``, ``申报表资金总额``, ``预算整体情况（基本支出+项目支出）`` …), or ``None`` / ``""``.
    * ``executed_wan_yuan``: 累计执行数 in 万元, ``None`` when not reported.
    * ``execution_rate_pct``: 执行率 = executed / budget, in points (4 decimals).
    * ``time_ratio_pct``: 执行率 / 序时进度 (m/12), in points (4 decimals); the light is
      banded on its exact value.
    * ``reported``: an execution was reported for this item.
    * ``reason_required`` / ``reason_missing``: a red (or yellow, see the config) light
      needs an explanation, and none was given.
    """

    path: str
    budget_wan_yuan: Decimal | None
    budget_source: str
    executed_wan_yuan: Decimal | None
    execution_rate_pct: Decimal | None
    time_ratio_pct: Decimal | None
    light: Light
    explanation: str
    as_of: Period | None
    reported: bool
    reason_text: str = ""
    reason_required: bool = False
    reason_missing: bool = False


def declared_budget(document: Document, path: str) -> tuple[Decimal | None, str]:
    """全年预算数 of ``path`` as the declaration states it, in 万元, and where it came from.

    ``path`` is ``"projects/n"`` or ``""``; returns ``(None, "")`` when the declaration gives
    none. Raises :class:`KeyError` for a project path not in ``document``.
    """
    if path:
        amount = project_at(document, path).amount_total
        return _wan(document, amount), "申报表资金总额" if amount is not None else ""
    if document.kind is DocumentKind.DEPARTMENT:
        return _department_overview_total(document)
    return _project_table_total(document)


def _department_overview_total(document: Document) -> tuple[Decimal | None, str]:
    overview = document.budget
    if overview is None:
        return None, ""
    if overview.basic_expenditure is not None and overview.project_expenditure is not None:
        total = overview.basic_expenditure + overview.project_expenditure
        return _wan(document, total), "预算整体情况（基本支出+项目支出）"
    if overview.fiscal_appropriation is not None:
        total = overview.fiscal_appropriation + (overview.other_funds or Decimal(0))
        return _wan(document, total), "预算整体情况（财政拨款+其他资金）"
    return None, ""


def _project_table_total(document: Document) -> tuple[Decimal | None, str]:
    grand = document.grand_total
    if grand is not None and grand.amount_total is not None:
        return _wan(document, grand.amount_total), "合计行"
    amounts = [p.amount_total for p in document.projects if p.amount_total is not None]
    if not amounts:
        return None, ""
    return _wan(document, sum(amounts, Decimal(0))), "各项目资金总额之和"


def _wan(document: Document, amount: Decimal | None) -> Decimal | None:
    return None if amount is None else to_wan_yuan(amount, document.money_unit)


def budget_status(
    document: Document,
    actuals: Actuals,
    path: str,
    as_of: Period,
    config: MonitoringConfig,
) -> BudgetStatus:
    """The :class:`BudgetStatus` of ``path`` from the latest execution reported for it.

    The month is the execution's own ``as_of`` when given, else ``as_of``.
    """
    execution = actuals.for_budget(path)
    budget, source = _budget(document, path, execution)
    period = execution.as_of if execution is not None and execution.as_of else as_of
    executed = execution.executed if execution is not None else None
    result = budget_light(executed, budget, period.month, config)
    rate = None
    if executed is not None and budget is not None and budget > 0 and executed.is_finite():
        rate = rounded(ratio_pct(executed, budget))
    reason_text = execution.reason_text if execution is not None else ""
    required = _reason_required(result, config)
    return BudgetStatus(
        path, budget, source, executed, rate, result.ratio_pct, result.light,
        result.explanation, period if execution is not None else as_of, execution is not None,
        reason_text, required, required and not reason_text.strip(),
    )  # fmt: skip


def _budget(
    document: Document, path: str, execution: BudgetExecution | None
) -> tuple[Decimal | None, str]:
    if execution is not None and execution.budget is not None:
        return execution.budget, "填报"
    return declared_budget(document, path)


def _reason_required(result: LightResult, config: MonitoringConfig) -> bool:
    return result.light is Light.RED or (result.light is Light.YELLOW and config.reason_on_yellow)
