"""Score one indicator row of the self-evaluation (REFERENCE.md §6; 财预〔2020〕10号).

:func:`score_row` picks the rule for the row's target (qualitative → :mod:`.qualitative`,
quantitative → :mod:`.quantitative`), subtracts manual 扣分 (floor 0 [V]) and sets the flags
the 自评表 needs: over-achievement, 偏差原因 required (score < weight [V] or target not met
[T]) and missing. The target is the 年度指标值 (self-evaluation measures the budget year,
REFERENCE.md §3 [R]); the 实施周期指标值 is used only when the table has no annual value.

A compound target (``处级≥110学分，科级≥90学分``) is scored on its first condition, with a
``target-compound`` problem. Bad or missing input never raises: a row without an actual, with an unreadable actual or
without a target scores 0 with a :class:`~jixiao.scoring.problems.Problem`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.actuals import IndicatorActual
from jixiao.model import Indicator, Target
from jixiao.scoring import rules
from jixiao.scoring.config import ScoringConfig
from jixiao.scoring.decimals import ZERO, clamp, fixed2, plain, round2
from jixiao.scoring.problems import Problem, problem
from jixiao.scoring.qualitative import score_qualitative
from jixiao.scoring.quantitative import score_quantitative
from jixiao.scoring.reading import actual_text, is_reported, partial_year, read_actual
from jixiao.scoring.result import Outcome, RowScore
from jixiao.targets import format_target


def score_row(
    indicator: Indicator,
    path: str,
    weight: Decimal,
    actual: IndicatorActual | None,
    config: ScoringConfig,
) -> RowScore:
    """The :class:`~jixiao.scoring.result.RowScore` of ``indicator`` at item ``path`` for
    ``weight`` points, from its reported ``actual`` (``None``: nothing reported)."""
    target = indicator.annual_target or indicator.period_target
    outcome = _deduct(_outcome(target, actual, weight, config, path), actual, path)
    score = round2(clamp(outcome.score, ZERO, weight))
    reason_required = score < weight or outcome.met is False
    return RowScore(
        path=path,
        level1=indicator.level1,
        level2=indicator.level2,
        name=indicator.name,
        target_text=target.raw if target else "",
        actual_text=actual_text(actual, target),
        weight=weight,
        score=score,
        rule=outcome.rule,
        explanation=outcome.explanation,
        met=outcome.met,
        over_achievement=outcome.over_achievement,
        reason_required=reason_required,
        reason_missing=reason_required and not has_reason(actual),
        problems=outcome.problems + partial_year(actual, path),
    )


def has_reason(actual: IndicatorActual | None) -> bool:
    """``True`` when ``actual`` gives a 偏差原因 (a category or some text)."""
    return actual is not None and (bool(actual.reasons) or bool(actual.reason_text.strip()))


def _outcome(
    target: Target | None,
    actual: IndicatorActual | None,
    weight: Decimal,
    config: ScoringConfig,
    path: str,
) -> Outcome:
    if actual is None or not is_reported(actual):
        return _not_scored("未填报实际完成值", problem("actual-missing", path))
    if target is None:
        return _not_scored("没有年度指标值", problem("target-missing", path))
    if target.qualitative or target.operator is None or target.value is None:
        return score_qualitative(actual.grade, actual.score, weight, config, path)
    return _quantitative(target, actual, weight, config, path)


def _quantitative(
    target: Target, actual: IndicatorActual, weight: Decimal, config: ScoringConfig, path: str
) -> Outcome:
    if actual.completed is None and not (actual.completed_text or "").strip():
        return _not_scored("未填报实际完成值", problem("actual-missing", path))
    value = read_actual(actual, target, path)
    if isinstance(value, Problem):
        return _not_scored("实际完成值不是数值", value)
    outcome = score_quantitative(target, value, weight, config, path)
    return _flag_compound(_check_entered(outcome, actual.score, path), target, path)


def _not_scored(why: str, found: Problem) -> Outcome:
    return Outcome(rules.NOT_SCORED, ZERO, f"{why}：得 0 分", None, False, (found,))


def _check_entered(outcome: Outcome, entered: Decimal | None, path: str) -> Outcome:
    """A score entered by hand for a quantitative row must equal the computed one."""
    if entered is None or round2(entered) == outcome.score:
        return outcome
    found = problem("score-mismatch", path, entered=plain(entered), computed=plain(outcome.score))
    return replace(outcome, problems=(*outcome.problems, found))


def _flag_compound(outcome: Outcome, target: Target, path: str) -> Outcome:
    """A target with several conditions is scored on the first one; say so."""
    if not target.compound:
        return outcome
    first = format_target(replace(target, compound=False))
    found = problem("target-compound", path, text=target.raw, first=first)
    return replace(outcome, problems=(*outcome.problems, found))


def _deduct(outcome: Outcome, actual: IndicatorActual | None, path: str) -> Outcome:
    """Subtract manual 扣分, floor 0 [V]; a negative deduction is ignored with a problem."""
    deduction = actual.deduction if actual is not None else ZERO
    if deduction == 0 or outcome.rule == rules.NOT_SCORED:
        return outcome
    if deduction < 0:
        found = problem("deduction-negative", path, deduction=plain(deduction))
        return replace(outcome, problems=(*outcome.problems, found))
    deduction = round2(deduction)
    score = max(ZERO, outcome.score - deduction)
    arithmetic = f"{plain(outcome.score)} − {plain(deduction)}"
    result = f"= {fixed2(score)}" if score > 0 else "≤ 0，按 0 分计"
    text = f"{outcome.explanation}；扣分 {plain(deduction)}：{arithmetic} {result}"
    return replace(outcome, score=score, explanation=text)
