"""What scoring returns: one :class:`Evaluation` per project (or per department), made of a
:class:`BudgetScore`, one :class:`RowScore` per indicator and the level-1 subtotals, with the
total and its :class:`Grade` (REFERENCE.md §6; 财预〔2020〕10号).

Every score carries the code of the rule that produced it (:mod:`jixiao.scoring.rules`) and a
Chinese explanation with the numbers used, e.g. ``实际 92% ≥ 目标 95%？否：92 ÷ 95 × 12.5 = 12.11``.
Points are :class:`~decimal.Decimal` with two decimals; money is 万元; rates are percent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.scoring.decimals import ZERO, fixed2
from jixiao.scoring.problems import Problem
from jixiao.scoring.weights import WeightPlan


class Grade(StrEnum):
    """自评等级 (REFERENCE.md §6 [R] [S]): 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


def grade_for(total: Decimal, bounds: tuple[Decimal, Decimal, Decimal]) -> Grade:
    """The grade of ``total`` points; ``bounds`` are the inclusive lower bounds of 优, 良, 中
    (``ScoringConfig.grade_bounds``, 90 / 80 / 60 by default)."""
    excellent, good, fair = bounds
    if total >= excellent:
        return Grade.EXCELLENT
    if total >= good:
        return Grade.GOOD
    return Grade.FAIR if total >= fair else Grade.POOR


@dataclass(frozen=True, slots=True)
class Outcome:
    """A rule's verdict on one row before manual 扣分: rule ``code``, ``score`` (0–weight),
    Chinese ``explanation``, whether the target was ``met`` (``None``: unknown), the
    over-achievement flag and the problems found."""

    rule: str
    score: Decimal
    explanation: str
    met: bool | None = None
    over_achievement: bool = False
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class RowScore:
    """The score of one indicator row (a line of the 自评表's 绩效指标 block, REFERENCE.md §2.4).

    * ``path``: item path (``projects/0/indicators/2``); ``level1``/``level2``/``name``: the
      canonical category names and the 三级指标 name.
    * ``target_text``: 年度指标值 as published; ``actual_text``: 实际完成值 as reported.
    * ``weight``/``score``: points (分值/得分), ``0 ≤ score ≤ weight``.
    * ``rule``: code of :data:`jixiao.scoring.rules.RULES`; ``explanation``: the arithmetic.
    * ``met``: target reached (``None`` when the row could not be judged).
    * ``over_achievement``: ``a ≥ ratio·t`` (1.2) — analyse whether the target was too low;
      the score is not reduced automatically [V].
    * ``reason_required``: 偏差原因分析 needed (score < weight [V] or target not met [T]);
      ``reason_missing``: required but no 偏差原因 given.
    """

    path: str
    level1: str | None
    level2: str | None
    name: str
    target_text: str
    actual_text: str
    weight: Decimal
    score: Decimal
    rule: str
    explanation: str
    met: bool | None = None
    over_achievement: bool = False
    reason_required: bool = False
    reason_missing: bool = False
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form; points are strings with two decimals (``"12.11"``)."""
        return {
            "path": self.path,
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "target_text": self.target_text,
            "actual_text": self.actual_text,
            "weight": fixed2(self.weight),
            "score": fixed2(self.score),
            "rule": self.rule,
            "explanation": self.explanation,
            "met": self.met,
            "over_achievement": self.over_achievement,
            "reason_required": self.reason_required,
            "reason_missing": self.reason_missing,
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(frozen=True, slots=True)
class BudgetScore:
    """预算执行率 points (REFERENCE.md §6): ``执行率 = 全年执行数 ÷ 全年预算数``.

    * ``budget_wan_yuan``: 全年预算数 used; ``budget_source`` says where it came from
      (``填报的全年预算数``, ``申报表：项目资金总额`` …); ``executed_wan_yuan``: 全年执行数.
    * ``rate_pct``: 执行率 in percent, two decimals (``None`` when it cannot be computed).
    * ``points`` of ``weight``: ``min(weight, round(执行率 × weight, 2))``.
    * ``explanation_required``: 执行率 below the threshold (90 %) [S];
      ``explanation_missing``: required and no 原因说明 given.
    """

    path: str
    weight: Decimal
    points: Decimal
    explanation: str
    budget_wan_yuan: Decimal | None = None
    budget_source: str = ""
    executed_wan_yuan: Decimal | None = None
    rate_pct: Decimal | None = None
    explanation_required: bool = False
    explanation_missing: bool = False
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form; weight and points as two-decimal strings, amounts and rate as decimal
        strings (``None`` → ``null``)."""
        return {
            "path": self.path,
            "weight": fixed2(self.weight),
            "points": fixed2(self.points),
            "explanation": self.explanation,
            "budget_wan_yuan": _text(self.budget_wan_yuan),
            "budget_source": self.budget_source,
            "executed_wan_yuan": _text(self.executed_wan_yuan),
            "rate_pct": _text(self.rate_pct),
            "explanation_required": self.explanation_required,
            "explanation_missing": self.explanation_missing,
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(frozen=True, slots=True)
class Level1Score:
    """Subtotal of a level-1 category: its ``weight`` and the Σ ``score`` of its rows."""

    name: str
    weight: Decimal
    score: Decimal


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The self-evaluation of one project (``path == "projects/0"``) or of the department
    (``path == ""``).

    ``total = budget.points + Σ row scores`` (capped at 100 with a ``total-capped`` problem),
    ``grade`` from the config's grade bounds. ``weights`` is the weight plan used; ``problems``
    are the evaluation-wide ones (weights, cap); :attr:`all_problems` adds the budget's and
    every row's.
    """

    path: str
    name: str
    budget: BudgetScore
    rows: tuple[RowScore, ...]
    level1: tuple[Level1Score, ...]
    weights: WeightPlan
    total: Decimal
    grade: Grade
    problems: tuple[Problem, ...] = ()

    @property
    def rows_total(self) -> Decimal:
        """Σ row scores (the 绩效指标 part of the total)."""
        return sum((row.score for row in self.rows), ZERO)

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        """Evaluation, budget and row problems, in that order."""
        row_problems = tuple(p for row in self.rows for p in row.problems)
        return self.problems + self.budget.problems + row_problems

    @property
    def reasons_missing(self) -> tuple[RowScore, ...]:
        """Rows that need a 偏差原因 and have none."""
        return tuple(row for row in self.rows if row.reason_missing)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``path``, ``name``, ``total``, ``grade``, ``budget``, ``level1``
        (``[{"name", "weight", "score"}]``), ``rows`` and ``problems`` (evaluation-wide).
        Points are two-decimal strings (``"84.36"``, ``"50.00"``) so no float creeps in."""
        return {
            "path": self.path,
            "name": self.name,
            "total": fixed2(self.total),
            "grade": self.grade.value,
            "budget": self.budget.to_dict(),
            "level1": [
                {"name": s.name, "weight": fixed2(s.weight), "score": fixed2(s.score)}
                for s in self.level1
            ],
            "rows": [row.to_dict() for row in self.rows],
            "problems": [p.to_dict() for p in self.problems],
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
