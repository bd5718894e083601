"""预算执行率 points of the self-evaluation (REFERENCE.md §6; 财预〔2020〕10号 annex, §2.4).

``执行率 = 全年执行数 ÷ 全年预算数`` [S], printed in percent with two decimals as the 自评表's
执行率 column shows it; ``points = min(w, round(执行率 × w, 2))`` with w = 10 [T] (the cap is
[I]). Points are computed from the printed rate, so a reader can redo the arithmetic. An
执行率 below 90 % (``ScoringConfig.explanation_threshold_pct``) needs an explanation [S].

全年预算数 is ``BudgetExecution.budget`` when reported (调整后预算数 where adjusted: Sichuan
divides by it [S]); otherwise it comes from the declaration:

* a project: its 资金总额 (``Project.amount_total``, all sources), else the sum of the
  sources it states (财政拨款 + 财政专户拨款 + 其他资金);
* a department: 基本支出 + 项目支出 of its 预算整体情况 — the whole expenditure budget,
  which is what 执行数 counts — else 财政拨款 + 其他资金 (the same total from the funding
  side, REFERENCE.md RV19).

Declared amounts are converted from the document's money unit to 万元; actuals are 万元.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.actuals import BudgetExecution
from jixiao.model import BudgetOverview, MoneyUnit, Project, to_wan_yuan
from jixiao.scoring.config import ScoringConfig
from jixiao.scoring.decimals import ZERO, fixed2, plain, round2
from jixiao.scoring.problems import problem
from jixiao.scoring.reading import partial_year
from jixiao.scoring.result import BudgetScore

DeclaredBudget = tuple[Decimal, str]
"""A declared 全年预算数 in 万元 and the Chinese name of where it came from."""


def project_budget(project: Project, unit: MoneyUnit) -> DeclaredBudget | None:
    """The declared budget of ``project`` in 万元, or ``None`` when the table states none."""
    if project.amount_total is not None:
        return to_wan_yuan(project.amount_total, unit), "申报表：项目资金总额"
    sources = [project.fiscal_appropriation, project.special_account_funds, project.other_funds]
    stated = [amount for amount in sources if amount is not None]
    if not stated:
        return None
    return to_wan_yuan(sum(stated, ZERO), unit), "申报表：各资金来源之和"


def department_budget(overview: BudgetOverview | None, unit: MoneyUnit) -> DeclaredBudget | None:
    """The declared budget of a department in 万元, or ``None`` when the table states none."""
    if overview is None:
        return None
    basic, projects = overview.basic_expenditure, overview.project_expenditure
    if basic is not None and projects is not None:
        return to_wan_yuan(basic + projects, unit), "申报表：基本支出 + 项目支出"
    if overview.fiscal_appropriation is not None:
        total = overview.fiscal_appropriation + (overview.other_funds or ZERO)
        return to_wan_yuan(total, unit), "申报表：财政拨款 + 其他资金"
    return None


def score_budget(
    execution: BudgetExecution | None,
    declared: DeclaredBudget | None,
    config: ScoringConfig,
    path: str,
) -> BudgetScore:
    """预算执行率 points of the project or department at ``path`` (``projects/0`` or ``""``).

    ``execution`` is what was reported (``None``: nothing), ``declared`` the budget of the
    declaration (:func:`project_budget`, :func:`department_budget`). Never raises: a missing
    execution or budget, or a zero budget, gives 0 points with a problem.
    """
    budget, source = _budget(execution, declared)
    if execution is None:
        return _unscored(
            path, config, budget, source, None, "execution-missing", "未填报全年执行数"
        )
    executed = execution.executed
    if budget is None:
        return _unscored(path, config, None, source, executed, "budget-missing", "全年预算数未知")
    if budget == 0:
        return _unscored(path, config, budget, source, executed, "budget-zero", "全年预算数为 0")
    weight = config.budget_weight
    rate_pct = round2(executed * 100 / budget)
    points = round2(max(ZERO, min(weight, rate_pct * weight / 100)))
    required = rate_pct < config.explanation_threshold_pct
    return BudgetScore(
        path=path,
        weight=weight,
        points=points,
        explanation=_explain(executed, budget, rate_pct, weight, points),
        budget_wan_yuan=budget,
        budget_source=source,
        executed_wan_yuan=executed,
        rate_pct=rate_pct,
        explanation_required=required,
        explanation_missing=required and not execution.reason_text.strip(),
        problems=partial_year(execution, path),
    )


def _budget(
    execution: BudgetExecution | None, declared: DeclaredBudget | None
) -> tuple[Decimal | None, str]:
    """全年预算数 and its source: reported first, else declared."""
    if execution is not None and execution.budget is not None:
        return execution.budget, "填报的全年预算数"
    return declared if declared is not None else (None, "")


def _explain(
    executed: Decimal, budget: Decimal, rate_pct: Decimal, weight: Decimal, points: Decimal
) -> str:
    """``执行率 = 150 ÷ 159.31 = 94.16%；得分 = 94.16% × 10 = 9.42``."""
    rate = f"执行率 = {plain(executed)} ÷ {plain(budget)} = {plain(rate_pct)}%"
    product = round2(rate_pct * weight / 100)
    if points < product:
        return f"{rate}；得分 = min({plain(weight)}, {plain(rate_pct)}% × {plain(weight)}) = {fixed2(points)}"
    return f"{rate}；得分 = {plain(rate_pct)}% × {plain(weight)} = {fixed2(points)}"


def _unscored(
    path: str,
    config: ScoringConfig,
    budget: Decimal | None,
    source: str,
    executed: Decimal | None,
    code: str,
    why: str,
) -> BudgetScore:
    return BudgetScore(
        path=path,
        weight=config.budget_weight,
        points=ZERO,
        explanation=f"{why}：得 0 分",
        budget_wan_yuan=budget,
        budget_source=source,
        executed_wan_yuan=executed,
        problems=(problem(code, path),),
    )
