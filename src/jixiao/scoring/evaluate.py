"""Self-evaluation (单位自评) of a declared document against reported actuals
(REFERENCE.md §6; 财预〔2020〕10号).

:func:`evaluate_project` scores one project of a 项目支出绩效目标表, :func:`evaluate_department`
the department-level indicators of a 部门整体支出绩效目标表, and :func:`evaluate_document`
whichever the document is (one :class:`~jixiao.scoring.result.Evaluation` per project, or one
for the department). Each evaluation is: weights planned (:mod:`.weights`), every row scored
(:mod:`.indicator`), budget points (:mod:`.budget`), level-1 subtotals, total ≤ 100 and grade.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.actuals import Actuals
from jixiao.errors import UsageError
from jixiao.model import Document, DocumentKind
from jixiao.paths import IndicatorRef, iter_indicators, project_at
from jixiao.paths import project_path as path_of_project
from jixiao.scoring.budget import DeclaredBudget, department_budget, project_budget, score_budget
from jixiao.scoring.config import ScoringConfig
from jixiao.scoring.decimals import ZERO, plain
from jixiao.scoring.indicator import score_row
from jixiao.scoring.problems import Problem, problem
from jixiao.scoring.result import Evaluation, Level1Score, RowScore, grade_for
from jixiao.scoring.weights import WeightPlan, WeightRow, plan_weights

MAX_TOTAL = 100
"""Highest possible total (REFERENCE.md §6: total ≤ 100)."""


def evaluate_project(
    document: Document,
    project_path: str,
    actuals: Actuals,
    config: ScoringConfig | None = None,
) -> Evaluation:
    """Evaluate the project at ``project_path`` (``projects/<n>``) of ``document``.

    Indicators are those of the project (``projects/<n>/indicators/<i>``); the budget is the
    reported one or the project's 资金总额. Explicit row weights of ``config`` outside the
    project are ignored. Raises :class:`KeyError` when ``document`` has no such project.
    """
    config = config or ScoringConfig()
    project = project_at(document, project_path)
    refs = [ref for ref in iter_indicators(document) if ref.project_path == project_path]
    declared = project_budget(project, document.money_unit)
    return _evaluate(project_path, project.name, refs, declared, actuals, config)


def evaluate_department(
    document: Document, actuals: Actuals, config: ScoringConfig | None = None
) -> Evaluation:
    """Evaluate the department-level indicators (``indicators/<i>``) of a department table;
    the budget is the reported one or 基本支出 + 项目支出 of its 预算整体情况.

    Raises :class:`~jixiao.errors.UsageError` for a project table (evaluate its projects).
    """
    if document.kind is not DocumentKind.DEPARTMENT:
        raise UsageError(
            "部门整体自评需要部门整体支出绩效目标表；项目表请逐个项目自评", document.file
        )
    config = config or ScoringConfig()
    refs = [ref for ref in iter_indicators(document) if ref.project is None]
    declared = department_budget(document.budget, document.money_unit)
    name = document.department or document.title or "部门整体"
    return _evaluate("", name, refs, declared, actuals, config)


def evaluate_document(
    document: Document, actuals: Actuals, config: ScoringConfig | None = None
) -> list[Evaluation]:
    """One evaluation per project of a project table (in table order), or a one-element
    list with the department's evaluation for a department table."""
    if document.kind is DocumentKind.DEPARTMENT:
        return [evaluate_department(document, actuals, config)]
    return [
        evaluate_project(document, path_of_project(index), actuals, config)
        for index in range(len(document.projects))
    ]


def _evaluate(
    path: str,
    name: str,
    refs: Sequence[IndicatorRef],
    declared: DeclaredBudget | None,
    actuals: Actuals,
    config: ScoringConfig,
) -> Evaluation:
    plan = _plan(path, refs, config)
    rows = tuple(
        score_row(
            ref.indicator, ref.path, plan.weight(ref.path), actuals.for_indicator(ref.path), config
        )
        for ref in refs
    )
    budget = score_budget(actuals.for_budget(path), declared, config, path)
    total, capped = _total(budget.points + sum((row.score for row in rows), ZERO), path)
    return Evaluation(
        path=path,
        name=name,
        budget=budget,
        rows=rows,
        level1=_level1_scores(plan, rows),
        weights=plan,
        total=total,
        grade=grade_for(total, config.grade_bounds),
        problems=plan.problems + capped,
    )


def _plan(path: str, refs: Sequence[IndicatorRef], config: ScoringConfig) -> WeightPlan:
    """Weights of ``refs``, with the explicit weights that belong to the evaluated item."""
    prefix = f"{path}/indicators/" if path else "indicators/"
    explicit = {p: w for p, w in config.row_weights.items() if p.startswith(prefix)}
    rows = [
        WeightRow(ref.path, ref.indicator.level1, ref.indicator.level2, ref.indicator.name)
        for ref in refs
    ]
    return plan_weights(rows, config, explicit, scope=path)


def _level1_scores(plan: WeightPlan, rows: Sequence[RowScore]) -> tuple[Level1Score, ...]:
    """Subtotal per level 1 of the plan (rows of an unknown level 1 have no subtotal)."""
    scores = {row.path: row.score for row in rows}
    return tuple(
        Level1Score(
            level1.level1,
            level1.weight,
            sum((scores[p] for group in level1.groups for p in group.paths), ZERO),
        )
        for level1 in plan.level1
    )


def _total(points: Decimal, path: str) -> tuple[Decimal, tuple[Problem, ...]]:
    """``points`` limited to 100, with a ``total-capped`` problem when it was more (only
    possible when explicit or configured weights add up to more than 100)."""
    if points <= MAX_TOTAL:
        return points, ()
    found = problem("total-capped", path, total=plain(points), maximum=MAX_TOTAL)
    return Decimal(MAX_TOTAL), (found,)
