"""Hand-computed scores of quantitative rows (REFERENCE.md §6): the arithmetic of each
expected value is written next to it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.scoring import ScoringConfig, rules, score_quantitative
from jixiao.scoring.result import Outcome
from jixiao.targets import parse_target
from tests.scoring.factories import D

VENDOR = ScoringConfig()
STRICT = ScoringConfig(strict_comparisons=True)


def score(
    target: str, actual: str, weight: str, config: ScoringConfig = VENDOR, name: str = ""
) -> Outcome:
    return score_quantitative(parse_target(target, name), D(actual), D(weight), config, "p")


@pytest.mark.parametrize(
    ("target", "actual", "weight", "expected"),
    [
        ("≥95%", "92", "12.5", D("12.11")),  # 92 ÷ 95 × 12.5 = 12.1052… → 12.11
        ("≥95%", "95", "12.5", D("12.5")),  # met: full weight
        ("≥95%", "99", "12.5", D("12.5")),  # met
        (">90%", "88", "10", D("9.78")),  # 88 ÷ 90 × 10 = 9.777… → 9.78
        ("建成安防系统13个", "12", "16.67", D("15.39")),  # = 13: 12 ÷ 13 × 16.67 = 15.387… → 15.39
        ("100%", "96", "16.67", D("16.00")),  # implied =: 96 ÷ 100 × 16.67 = 16.0032 → 16.00
        ("≥8", "1", "1", D("0.13")),  # 1 ÷ 8 × 1 = 0.125 → 0.13 (half up, not half even)
        ("≥0", "0", "5", D("5")),  # t = 0 and a ≥ 0: met
        ("≥100000次/年", "0", "30", D("0")),  # 0 ÷ 100000 × 30 = 0
    ],
)
def test_higher_better(target: str, actual: str, weight: str, expected: Decimal) -> None:
    outcome = score(target, actual, weight)
    assert outcome.rule == rules.HIGHER_BETTER
    assert outcome.score == expected


def test_higher_better_explanation_shows_the_numbers() -> None:
    outcome = score("≥95%", "92", "12.5")
    assert outcome.explanation == "实际 92% ≥ 目标 95%？否：92 ÷ 95 × 12.5 = 12.11"
    assert outcome.met is False
    assert score("≥95%", "95", "12.5").explanation == "实际 95% ≥ 目标 95%？是：得满分 12.5"


def test_equal_and_greater_are_read_like_at_least_and_say_so() -> None:
    assert score("13个", "13", "16.67").explanation == (
        "实际 13个 ≥ 目标 13个（“=”按“≥”计）？是：得满分 16.67"
    )
    assert score(">95%", "95", "10").met is True  # vendor reading: > like ≥


def test_strict_reading_changes_met_but_not_points_at_the_bound() -> None:
    outcome = score(">95%", "95", "10", STRICT)
    # 95 > 95 is false, and 95 ÷ 95 × 10 = 10: the formula is continuous at a = t
    assert (outcome.met, outcome.score) == (False, D("10"))
    assert outcome.explanation == "实际 95% > 目标 95%？否：95 ÷ 95 × 10 = 10.00"
    lower = score("<24小时", "24", "10", STRICT)
    assert (lower.met, lower.score) == (False, D("10"))  # (1 − 0 ÷ 24) × 10 = 10


def test_over_achievement_is_flagged_at_1_2_times_the_target_and_never_reduces() -> None:
    flagged = score("≥95%", "114", "12.5")  # 114 ≥ 1.2 × 95 = 114
    assert (flagged.over_achievement, flagged.score) == (True, D("12.5"))
    assert "超额完成" in flagged.explanation
    assert score("≥95%", "113.99", "12.5").over_achievement is False
    guangxi = ScoringConfig(over_achievement_ratio=D("1.3"))
    assert score("≥95%", "114", "12.5", guangxi).over_achievement is False  # 1.3 × 95 = 123.5


@pytest.mark.parametrize(
    ("target", "actual", "weight", "expected"),
    [
        ("≤15%", "15", "30", D("30")),  # met
        ("≤15%", "18", "30", D("24.00")),  # (1 − (18 − 15) ÷ 15) × 30 = 0.8 × 30 = 24
        ("≤15%", "29.9", "30", D("0.20")),  # (1 − 14.9 ÷ 15) × 30 = 0.2
        ("≤15%", "30", "30", D("0")),  # a ≥ 2t: 0
        ("≤15%", "45", "30", D("0")),  # a ≥ 2t: 0
        ("<48小时", "54", "16.66", D("14.58")),  # (1 − 6 ÷ 48) × 16.66 = 14.5775 → 14.58
        ("24小时内", "12", "10", D("10")),  # ≤ 24: met
    ],
)
def test_lower_better(target: str, actual: str, weight: str, expected: Decimal) -> None:
    outcome = score(target, actual, weight)
    assert outcome.rule == rules.LOWER_BETTER
    assert outcome.score == expected


def test_lower_better_explanations() -> None:
    assert score("<48小时", "54", "16.66").explanation == (
        "实际 54小时 ≤ 目标 48小时（“<”按“≤”计）？否：(1 − (54 − 48) ÷ 48) × 16.66 = 14.58"
    )
    assert score("≤15%", "30", "30").explanation == (
        "实际 30% ≤ 目标 15%？否，且实际 ≥ 2 × 目标 30%：得 0 分"
    )


@pytest.mark.parametrize(
    ("target", "actual", "expected", "met"),
    [
        ("监狱重大安全事故案件发生率为0", "0", D("30"), True),  # = 0, a ≤ 0: full
        ("监狱重大安全事故案件发生率为0", "1", D("0"), False),  # a > 0: nothing
        ("≤0%", "0", D("30"), True),  # 出访费用超支率 ≤ 0 %: a zero target too
        ("≤0%", "0.5", D("0"), False),
        ("0%", "0.01", D("0"), False),
    ],
)
def test_zero_target(target: str, actual: str, expected: Decimal, met: bool) -> None:
    outcome = score(target, actual, "30")
    assert (outcome.rule, outcome.score, outcome.met) == (rules.ZERO_TARGET, expected, met)


def test_zero_target_explanation() -> None:
    assert score("为0", "1", "30").explanation == "零目标（= 0）：实际 1 ≤ 0？否：得 0 分"


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("1.5", D("10")),  # inside 1–2
        ("1", D("10")),  # bounds included
        ("0.5", D("5.00")),  # below: 0.5 ÷ 1 × 10 = 5
        ("3", D("5.00")),  # above: (1 − (3 − 2) ÷ 2) × 10 = 5
        ("4", D("0")),  # a ≥ 2 × 2: 0
    ],
)
def test_range(actual: str, expected: Decimal) -> None:
    outcome = score("1-2个", actual, "10")
    assert (outcome.rule, outcome.score) == (rules.RANGE, expected)


def test_negative_target_is_all_or_nothing() -> None:
    met = score("≥-5%", "-3", "10")  # -3 ≥ -5
    assert (met.rule, met.score, met.met) == (rules.NEGATIVE_TARGET, D("10"), True)
    assert score("≥-5%", "-6", "10").score == 0
    assert score("≤-5%", "-6", "10").score == D("10")  # -6 ≤ -5


@pytest.mark.parametrize("target", ["≥95%", "≤15%", "=0", "1-2个"])
def test_negative_actual_against_a_non_negative_target_scores_zero(target: str) -> None:
    outcome = score(target, "-1", "10")
    assert (outcome.rule, outcome.score) == (rules.NEGATIVE_ACTUAL, D("0"))
    assert [p.code for p in outcome.problems] == ["actual-negative"]


def test_percent_targets_are_compared_directly_not_pro_rated() -> None:
    # a rate is not scaled by the elapsed year: 98 against 100 is 98 %, whatever the month
    assert score("100%", "98", "10").score == D("9.80")  # 98 ÷ 100 × 10


def test_a_qualitative_target_is_refused() -> None:
    with pytest.raises(ValueError, match="not a quantitative target"):
        score("及时", "1", "10")
