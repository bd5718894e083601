"""Qualitative rows (定性): 10号 tiers, their bands and the default shares (REFERENCE.md §6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.actuals import QualitativeGrade
from jixiao.scoring import ScoringConfig, rules, score_qualitative
from jixiao.scoring.qualitative import band_text, in_band
from tests.scoring.factories import D

MET, PARTLY, NOT_MET = QualitativeGrade.MET, QualitativeGrade.PARTLY, QualitativeGrade.NOT_MET
CONFIG = ScoringConfig()


@pytest.mark.parametrize(
    ("grade", "weight", "expected"),
    [
        (MET, "12.5", D("12.5")),  # 12.5 × 1
        (PARTLY, "12.5", D("8.75")),  # 12.5 × 0.7 = 8.75
        (NOT_MET, "12.5", D("3.75")),  # 12.5 × 0.3 = 3.75
        (PARTLY, "8.33", D("5.83")),  # 8.33 × 0.7 = 5.831 → 5.83
        (NOT_MET, "16.67", D("5.00")),  # 16.67 × 0.3 = 5.001 → 5.00
    ],
)
def test_default_share_of_each_tier(
    grade: QualitativeGrade, weight: str, expected: Decimal
) -> None:
    outcome = score_qualitative(grade, None, D(weight), CONFIG, "p")
    assert (outcome.rule, outcome.score, outcome.problems) == (rules.QUALITATIVE, expected, ())
    assert outcome.met is (grade is MET)


def test_default_explanation() -> None:
    outcome = score_qualitative(PARTLY, None, D("12.5"), CONFIG, "p")
    assert outcome.explanation == (
        "定性：部分达成年度指标并具有一定效果，按默认比例 12.5 × 0.7 = 8.75"
    )


def test_configured_default_shares() -> None:
    config = ScoringConfig(qualitative_fractions=(D("0.9"), D("0.6"), D("0")))
    assert score_qualitative(MET, None, D("10"), config, "p").score == D("9.00")  # 10 × 0.9


@pytest.mark.parametrize(
    ("grade", "entered", "inside"),
    [
        (MET, "10", True),  # [0.8 × 12.5, 12.5] = [10, 12.5]
        (MET, "12.5", True),
        (MET, "9.99", False),
        (PARTLY, "7.5", True),  # [0.6 × 12.5, 0.8 × 12.5) = [7.5, 10)
        (PARTLY, "10", False),  # upper bound excluded
        (NOT_MET, "0", True),  # [0, 7.5)
        (NOT_MET, "7.5", False),
    ],
)
def test_entered_score_must_lie_in_its_band(
    grade: QualitativeGrade, entered: str, inside: bool
) -> None:
    outcome = score_qualitative(grade, D(entered), D("12.5"), CONFIG, "p")
    assert outcome.score == D(entered)  # the evaluator's score is kept
    assert [p.code for p in outcome.problems] == ([] if inside else ["score-outside-band"])
    assert in_band(D(entered), grade, D("12.5")) is inside


def test_outside_band_message_names_the_band() -> None:
    outcome = score_qualitative(MET, D("9"), D("12.5"), CONFIG, "projects/0/indicators/1")
    problem = outcome.problems[0]
    assert problem.message == "填报得分 9 不在“达成年度指标”档的区间 [10, 12.5] 内"
    assert problem.path == "projects/0/indicators/1"
    assert band_text(PARTLY, D("12.5")) == "[7.5, 10)"


def test_entered_score_above_the_weight_is_capped() -> None:
    outcome = score_qualitative(MET, D("13"), D("12.5"), CONFIG, "p")
    assert outcome.score == D("12.5")
    assert [p.code for p in outcome.problems] == ["score-capped"]


def test_no_grade_and_no_score_scores_zero() -> None:
    outcome = score_qualitative(None, None, D("10"), CONFIG, "p")
    assert (outcome.rule, outcome.score) == (rules.NOT_SCORED, D("0"))
    assert [p.code for p in outcome.problems] == ["grade-missing"]


def test_score_without_grade_is_used_but_flagged() -> None:
    outcome = score_qualitative(None, D("6"), D("10"), CONFIG, "p")
    assert (outcome.score, outcome.met) == (D("6"), None)
    assert [p.code for p in outcome.problems] == ["grade-missing"]
