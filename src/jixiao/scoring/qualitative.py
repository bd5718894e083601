"""Scores of qualitative rows (定性, REFERENCE.md §6; 财预〔2020〕10号).

10号 sets three tiers [R]; vendors check that a score entered by hand lies in its tier's band
[V]; with no score entered this program gives a default share of the weight [I]:

=====================================  ==============  ===============
tier (:class:`QualitativeGrade`)        band            default
=====================================  ==============  ===============
达成年度指标                            [0.8w, w]       w × 1
部分达成年度指标并具有一定效果          [0.6w, 0.8w)    w × 0.7
未达成年度指标且效果较差                [0, 0.6w)       w × 0.3
=====================================  ==============  ===============

The defaults are ``ScoringConfig.qualitative_fractions``. An entered score outside its band is
kept (it is the evaluator's judgment) and flagged ``score-outside-band``; one outside 0–w is
limited to that range and flagged ``score-capped``.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.actuals import QualitativeGrade
from jixiao.scoring import rules
from jixiao.scoring.config import ScoringConfig
from jixiao.scoring.decimals import ZERO, clamp, fixed2, plain, round2
from jixiao.scoring.problems import Problem, problem
from jixiao.scoring.result import Outcome

_GRADES = (QualitativeGrade.MET, QualitativeGrade.PARTLY, QualitativeGrade.NOT_MET)
_BAND_FRACTIONS = {
    QualitativeGrade.MET: (Decimal("0.8"), Decimal(1)),
    QualitativeGrade.PARTLY: (Decimal("0.6"), Decimal("0.8")),
    QualitativeGrade.NOT_MET: (Decimal(0), Decimal("0.6")),
}


def band(grade: QualitativeGrade, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
    """``(low, high, high_included)`` of ``grade``'s band for ``weight`` points: the top tier
    includes ``w``, the others exclude their upper bound."""
    low, high = _BAND_FRACTIONS[grade]
    return low * weight, high * weight, grade is QualitativeGrade.MET


def in_band(score: Decimal, grade: QualitativeGrade, weight: Decimal) -> bool:
    """``True`` when ``score`` lies in ``grade``'s band for ``weight`` points."""
    low, high, closed = band(grade, weight)
    return low <= score <= high if closed else low <= score < high


def band_text(grade: QualitativeGrade, weight: Decimal) -> str:
    """The band as printed in messages: ``[10, 12.5]``, ``[7.5, 10)``."""
    low, high, closed = band(grade, weight)
    return f"[{plain(low)}, {plain(high)}{']' if closed else ')'}"


def score_qualitative(
    grade: QualitativeGrade | None,
    entered: Decimal | None,
    weight: Decimal,
    config: ScoringConfig,
    path: str,
) -> Outcome:
    """Score a qualitative row from its tier ``grade`` and/or a score ``entered`` by hand."""
    if grade is None:
        return _without_grade(entered, weight, path)
    head = f"定性：{grade.value}"
    if entered is None:
        fraction = config.qualitative_fractions[_GRADES.index(grade)]
        score = round2(weight * fraction)
        text = f"{head}，按默认比例 {plain(weight)} × {plain(fraction)} = {fixed2(score)}"
        return Outcome(rules.QUALITATIVE, score, text, grade is QualitativeGrade.MET)
    score, problems = _entered(entered, weight, path)
    if not in_band(score, grade, weight):
        problems.append(
            problem(
                "score-outside-band",
                path,
                score=plain(score),
                grade=grade.value,
                band=band_text(grade, weight),
            )
        )
    text = f"{head}，填报得分 {plain(score)}（该档区间 {band_text(grade, weight)}）"
    return Outcome(
        rules.QUALITATIVE, score, text, grade is QualitativeGrade.MET, False, tuple(problems)
    )


def _without_grade(entered: Decimal | None, weight: Decimal, path: str) -> Outcome:
    if entered is None:
        found = problem("grade-missing", path, consequence="，计 0 分")
        return Outcome(
            rules.NOT_SCORED, ZERO, "定性：未选择完成档次，得 0 分", None, False, (found,)
        )
    score, problems = _entered(entered, weight, path)
    problems.append(problem("grade-missing", path, consequence="，采用填报得分，无法校验档次区间"))
    text = f"定性：未选择完成档次，采用填报得分 {plain(score)}"
    return Outcome(rules.QUALITATIVE, score, text, None, False, tuple(problems))


def _entered(entered: Decimal, weight: Decimal, path: str) -> tuple[Decimal, list[Problem]]:
    """The entered score rounded to two decimals and limited to 0–weight."""
    score = clamp(round2(entered), ZERO, weight)
    if score == round2(entered):
        return score, []
    found = problem(
        "score-capped", path, entered=plain(entered), weight=plain(weight), score=plain(score)
    )
    return score, [found]
