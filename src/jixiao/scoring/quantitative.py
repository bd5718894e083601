"""Scores of quantitative rows (定量, REFERENCE.md §3, §6; 财预〔2020〕10号).

``w`` weight, ``t`` target, ``a`` actual, all in the target's unit (rates in percent points,
compared directly — never pro-rated as monitoring does, REFERENCE.md §5). Scores are rounded
half up to two decimals.

* ``≥ > =`` (t > 0), rule ``higher-better`` [R] [V]: a ≥ t → w, else ``a ÷ t × w``.
  ``=`` is scored like ``≥`` (exceeding an exact target is not penalised) [V].
* ``= ≤ <`` with t = 0 (事故数为0), rule ``zero-target`` [V]: a ≤ 0 → w, else 0.
* ``≤ <`` (t > 0), rule ``lower-better`` [V]: a ≤ t → w; t < a < 2t →
  ``(1 − (a − t) ÷ t) × w``; a ≥ 2t → 0.
* ranges ``lo–hi``, rule ``range`` [I]: inside → w; below → as ``≥ lo``; above → as ``≤ hi``.
* t < 0 (``≥-5%``), rule ``negative-target`` [I]: met → w, else 0.
* a < 0 with t ≥ 0, rule ``negative-actual`` [V]: 0, with a problem (likely an entry error).

``>``/``<`` are read like ``≥``/``≤`` unless ``config.strict_comparisons`` [V] [I]. The
over-achievement flag (``a ≥ 1.2·t``, t > 0, higher-better rows) never changes the score [V].
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Operator, Target
from jixiao.scoring import rules
from jixiao.scoring.config import ScoringConfig
from jixiao.scoring.decimals import ZERO, fixed2, plain, round2
from jixiao.scoring.problems import problem
from jixiao.scoring.result import Outcome
from jixiao.targets import OPERATOR_SYMBOLS

_HIGHER = (Operator.GE, Operator.GT, Operator.EQ)
_LOWER = (Operator.LE, Operator.LT)


def score_quantitative(
    target: Target, actual: Decimal, weight: Decimal, config: ScoringConfig, path: str
) -> Outcome:
    """Score ``actual`` against a quantitative ``target`` (``operator`` and ``value`` set)
    for ``weight`` points. Raises :class:`ValueError` for a qualitative target."""
    operator, value = target.operator, target.value
    if operator is None or value is None:
        raise ValueError(f"not a quantitative target: {target.raw!r}")
    unit = target.unit or ""
    if operator is Operator.RANGE:
        upper = target.value_max if target.value_max is not None else value
        return _range(value, upper, actual, weight, unit, path)
    if value < 0:
        return _negative_target(operator, value, actual, weight, unit, config)
    if actual < 0:
        return _negative_actual(actual, weight, path)
    if value == 0 and operator in (Operator.EQ, *_LOWER):
        return _zero_target(operator, actual, weight, unit)
    if operator in _LOWER:
        return _lower_better(operator, value, actual, weight, unit, config)
    return _higher_better(operator, value, actual, weight, unit, config)


def _higher_better(
    operator: Operator, t: Decimal, a: Decimal, w: Decimal, unit: str, config: ScoringConfig
) -> Outcome:
    met, head = _compare(operator, a, t, unit, config)
    if met:
        text, score = f"{head}是：得满分 {plain(w)}", w
    elif t == 0:
        text, score = f"{head}否：得 0 分", ZERO
    else:
        score = round2(a * w / t)
        text = f"{head}否：{plain(a)} ÷ {plain(t)} × {plain(w)} = {fixed2(score)}"
    over = t > 0 and a >= config.over_achievement_ratio * t
    if over:
        text += (
            f"；实际 ≥ {plain(config.over_achievement_ratio)} × 目标，超额完成，"
            "请分析目标是否偏低（不自动扣分）"
        )
    return Outcome(rules.HIGHER_BETTER, score, text, met, over)


def _lower_better(
    operator: Operator, t: Decimal, a: Decimal, w: Decimal, unit: str, config: ScoringConfig
) -> Outcome:
    met, head = _compare(operator, a, t, unit, config)
    if met:
        return Outcome(rules.LOWER_BETTER, w, f"{head}是：得满分 {plain(w)}", True)
    if a >= 2 * t:
        text = f"{head}否，且实际 ≥ 2 × 目标 {plain(2 * t)}{unit}：得 0 分"
        return Outcome(rules.LOWER_BETTER, ZERO, text, False)
    score = round2((2 * t - a) * w / t)
    formula = f"(1 − ({plain(a)} − {plain(t)}) ÷ {plain(t)}) × {plain(w)} = {fixed2(score)}"
    return Outcome(rules.LOWER_BETTER, score, f"{head}否：{formula}", False)


def _zero_target(operator: Operator, a: Decimal, w: Decimal, unit: str) -> Outcome:
    symbol = OPERATOR_SYMBOLS[operator]
    head = f"零目标（{symbol} 0{unit}）：实际 {plain(a)}{unit} ≤ 0？"
    if a <= 0:
        return Outcome(rules.ZERO_TARGET, w, f"{head}是：得满分 {plain(w)}", True)
    return Outcome(rules.ZERO_TARGET, ZERO, f"{head}否：得 0 分", False)


def _range(lo: Decimal, hi: Decimal, a: Decimal, w: Decimal, unit: str, path: str) -> Outcome:
    head = f"实际 {plain(a)}{unit} 在 {plain(lo)}–{plain(hi)}{unit} 之间？"
    if lo <= a <= hi:
        return Outcome(rules.RANGE, w, f"{head}是：得满分 {plain(w)}", True)
    if a < 0 <= lo:
        return _negative_actual(a, w, path)
    if a < lo and lo > 0:
        score = round2(a * w / lo)
        text = f"{head}否，低于下限：{plain(a)} ÷ {plain(lo)} × {plain(w)} = {fixed2(score)}"
        return Outcome(rules.RANGE, score, text, False)
    if a > hi > 0 and a < 2 * hi:
        score = round2((2 * hi - a) * w / hi)
        formula = f"(1 − ({plain(a)} − {plain(hi)}) ÷ {plain(hi)}) × {plain(w)} = {fixed2(score)}"
        return Outcome(rules.RANGE, score, f"{head}否，高于上限：{formula}", False)
    return Outcome(rules.RANGE, ZERO, f"{head}否，且超出按比例计分的范围：得 0 分", False)


def _negative_target(
    operator: Operator, t: Decimal, a: Decimal, w: Decimal, unit: str, config: ScoringConfig
) -> Outcome:
    met, head = _compare(operator, a, t, unit, config)
    if met:
        return Outcome(rules.NEGATIVE_TARGET, w, f"{head}是（负数目标）：得满分 {plain(w)}", True)
    return Outcome(rules.NEGATIVE_TARGET, ZERO, f"{head}否（负数目标）：得 0 分", False)


def _negative_actual(a: Decimal, w: Decimal, path: str) -> Outcome:
    found = problem("actual-negative", path, value=plain(a))
    text = f"实际 {plain(a)} 为负数而目标不为负：得 0 分（满分 {plain(w)}），请核实"
    return Outcome(rules.NEGATIVE_ACTUAL, ZERO, text, None, problems=(found,))


def _compare(
    operator: Operator, a: Decimal, t: Decimal, unit: str, config: ScoringConfig
) -> tuple[bool, str]:
    """Whether ``a`` meets ``t`` under ``operator`` (``>``/``<`` strict only with
    ``config.strict_comparisons``), and the question the explanation starts with
    (:func:`_question`)."""
    strict = _strict(operator, config)
    return _is_met(operator, a, t, strict), _question(operator, a, t, unit, strict)


def _question(operator: Operator, a: Decimal, t: Decimal, unit: str, strict: bool) -> str:
    """``实际 92% ≥ 目标 95%？``; a ``>``/``=``/``<`` read like ``≥``/``≤`` says so."""
    symbol = OPERATOR_SYMBOLS[operator]
    shown, note = symbol, ""
    if operator in (Operator.GT, Operator.EQ) and not strict:
        shown, note = "≥", f"（“{symbol}”按“≥”计）"
    elif operator is Operator.LT and not strict:
        shown, note = "≤", f"（“{symbol}”按“≤”计）"
    return f"实际 {plain(a)}{unit} {shown} 目标 {plain(t)}{unit}{note}？"


def _strict(operator: Operator, config: ScoringConfig) -> bool:
    """``True`` when ``>``/``<`` are to be read strictly (``config.strict_comparisons``)."""
    return operator in (Operator.GT, Operator.LT) and config.strict_comparisons


def _is_met(operator: Operator, a: Decimal, t: Decimal, strict: bool) -> bool:
    """Whether ``a`` reaches ``t``: ``≥`` (``>`` if strict) for higher-better operators,
    ``≤`` (``<`` if strict) for lower-better ones."""
    if operator in _HIGHER:
        return a > t if strict else a >= t
    return a < t if strict else a <= t
