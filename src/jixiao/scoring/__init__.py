"""Self-evaluation scoring (单位自评, 财预〔2020〕10号; REFERENCE.md §6), framework-free.

Usage::

    from jixiao.scoring import ScoringConfig, evaluate_document
    for evaluation in evaluate_document(document, actuals, ScoringConfig()):
        print(evaluation.name, evaluation.total, evaluation.grade)

Modules, one per concept: :mod:`.config` (settings), :mod:`.weights` (分值 split and checks),
:mod:`.quantitative` / :mod:`.qualitative` (row formulas), :mod:`.indicator` (one row),
:mod:`.budget` (预算执行率), :mod:`.evaluate` (a project or department), :mod:`.result`
(what is returned), :mod:`.rules` and :mod:`.problems` (catalogues), :mod:`.render` (Markdown).
"""

from jixiao.scoring.budget import department_budget, project_budget, score_budget
from jixiao.scoring.config import ScoringConfig, WeightSplit
from jixiao.scoring.evaluate import evaluate_department, evaluate_document, evaluate_project
from jixiao.scoring.indicator import score_row
from jixiao.scoring.problems import CATALOGUE, Problem, ProblemType
from jixiao.scoring.qualitative import score_qualitative
from jixiao.scoring.quantitative import score_quantitative
from jixiao.scoring.render import rows_markdown, summary_markdown
from jixiao.scoring.result import (
    BudgetScore,
    Evaluation,
    Grade,
    Level1Score,
    Outcome,
    RowScore,
    grade_for,
)
from jixiao.scoring.rules import RULES, ScoringRule
from jixiao.scoring.weights import WeightPlan, WeightRow, plan_weights

__all__ = [
    "CATALOGUE",
    "RULES",
    "BudgetScore",
    "Evaluation",
    "Grade",
    "Level1Score",
    "Outcome",
    "Problem",
    "ProblemType",
    "RowScore",
    "ScoringConfig",
    "ScoringRule",
    "WeightPlan",
    "WeightRow",
    "WeightSplit",
    "department_budget",
    "evaluate_department",
    "evaluate_document",
    "evaluate_project",
    "grade_for",
    "plan_weights",
    "project_budget",
    "rows_markdown",
    "score_budget",
    "score_qualitative",
    "score_quantitative",
    "score_row",
    "summary_markdown",
]
