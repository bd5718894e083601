"""One row end to end: reading the actual, missing data, 扣分, flags (REFERENCE.md §6)."""

from __future__ import annotations

from dataclasses import replace

from jixiao.actuals import DeviationReason, IndicatorActual, Period, QualitativeGrade
from jixiao.scoring import ScoringConfig, rules, score_row
from jixiao.scoring.result import RowScore
from jixiao.targets import parse_target
from tests.scoring.factories import D, actual, indicator

CONFIG = ScoringConfig()
PATH = "projects/0/indicators/0"


def row(target: str | None, reported: IndicatorActual | None, weight: str = "12.5") -> RowScore:
    return score_row(indicator(target, "合格率"), PATH, D(weight), reported, CONFIG)


def codes(scored: RowScore) -> list[str]:
    return [p.code for p in scored.problems]


def test_row_carries_names_texts_weight_score_and_rule() -> None:
    scored = row("≥95%", actual(PATH, "92"))
    assert (scored.path, scored.level1, scored.level2, scored.name) == (
        PATH, "产出指标", "数量指标", "合格率",
    )  # fmt: skip
    assert (scored.target_text, scored.actual_text) == ("≥95%", "92%")
    assert (scored.weight, scored.score, scored.rule) == (D("12.5"), D("12.11"), "higher-better")


def test_missing_actual_scores_zero_with_a_problem() -> None:
    for reported in (None, IndicatorActual(PATH), IndicatorActual(PATH, reason_text="无")):
        scored = row("≥95%", reported)
        assert (scored.score, scored.rule, codes(scored)) == (
            D(0),
            rules.NOT_SCORED,
            ["actual-missing"],
        )
        assert scored.explanation == "未填报实际完成值：得 0 分"


def test_a_grade_alone_does_not_score_a_quantitative_row() -> None:
    scored = row("≥95%", actual(PATH, grade=QualitativeGrade.MET))
    assert (scored.score, codes(scored)) == (D(0), ["actual-missing"])


def test_actual_text_is_read_as_a_number_with_or_without_its_unit() -> None:
    assert row("≥95%", actual(PATH, text="92%")).score == D("12.11")
    assert row("≥95%", actual(PATH, text="９２％")).score == D("12.11")  # full-width
    assert row("≥1000件", actual(PATH, text="1,200件")).score == D("12.5")
    assert row("≥8", actual(PATH, text=" 6 ")).score == D("9.38")  # 6 ÷ 8 × 12.5 = 9.375


def test_unreadable_actual_text_is_a_problem_not_an_exception() -> None:
    for text in ("已完成", "≥95%", "92 人", "9 2"):
        scored = row("≥95%", actual(PATH, text=text))
        assert (scored.score, codes(scored)) == (D(0), ["actual-unparseable"]), text
    message = row("≥95%", actual(PATH, text="已完成")).problems[0].message
    assert message == "实际完成值“已完成”不是数值（应为数字，可带单位“%”），计 0 分"


def test_number_takes_precedence_over_text() -> None:
    scored = row("≥95%", actual(PATH, "95", text="基本完成"))
    assert (scored.score, scored.actual_text) == (D("12.5"), "基本完成")


def test_manual_deduction_is_subtracted_with_floor_zero() -> None:
    scored = row("≥95%", actual(PATH, "92", deduction="2"))
    assert scored.score == D("10.11")  # 12.11 − 2
    assert scored.explanation.endswith("；扣分 2：12.11 − 2 = 10.11")
    floored = row("≥95%", actual(PATH, "92", deduction="20"))
    assert floored.score == D(0)
    assert floored.explanation.endswith("；扣分 20：12.11 − 20 ≤ 0，按 0 分计")


def test_negative_deduction_is_ignored_with_a_problem() -> None:
    scored = row("≥95%", actual(PATH, "92", deduction="-2"))
    assert (scored.score, codes(scored)) == (D("12.11"), ["deduction-negative"])


def test_entered_score_of_a_quantitative_row_must_match_the_formula() -> None:
    scored = row("≥95%", actual(PATH, "92", score="12"))
    assert (scored.score, codes(scored)) == (D("12.11"), ["score-mismatch"])
    assert codes(row("≥95%", actual(PATH, "92", score="12.11"))) == []


def test_qualitative_row_uses_grade_and_entered_score() -> None:
    scored = row("及时", actual(PATH, grade=QualitativeGrade.MET, score="11"))
    assert (scored.rule, scored.score, scored.actual_text) == (
        "qualitative", D("11"), "达成年度指标",
    )  # fmt: skip
    assert codes(row("及时", actual(PATH, text="按时完成"))) == ["grade-missing"]


def test_missing_target_scores_zero() -> None:
    scored = row(None, actual(PATH, "1"))
    assert (scored.score, scored.target_text, codes(scored)) == (D(0), "", ["target-missing"])


def test_period_target_is_used_when_there_is_no_annual_one() -> None:
    item = indicator(None)
    item.period_target = parse_target("≥8")
    scored = score_row(item, PATH, D(10), actual(PATH, "6"), CONFIG)
    assert scored.score == D("7.50")  # 6 ÷ 8 × 10


def test_reason_flags() -> None:
    short = row("≥95%", actual(PATH, "92"))
    assert (short.reason_required, short.reason_missing) == (True, True)
    explained = row("≥95%", actual(PATH, "92", reason="设备到货延迟"))
    assert (explained.reason_required, explained.reason_missing) == (True, False)
    by_category = replace(actual(PATH, "92"), reasons=(DeviationReason.FUNDING,))
    assert row("≥95%", by_category).reason_missing is False
    met = row("≥95%", actual(PATH, "96"))
    assert (met.reason_required, met.reason_missing) == (False, False)


def test_reason_required_when_below_target_even_at_full_points() -> None:
    # strict reading: 95 > 95 is not met although the formula gives full points [T]
    strict = ScoringConfig(strict_comparisons=True)
    scored = score_row(indicator(">95%"), PATH, D(10), actual(PATH, "95"), strict)
    assert (scored.score, scored.met, scored.reason_required) == (D(10), False, True)


def test_over_achievement_flag_reaches_the_row() -> None:
    scored = row("≥95%", actual(PATH, "120"))
    assert (scored.over_achievement, scored.score, scored.reason_required) == (
        True, D("12.5"), False,
    )  # fmt: skip


def test_figures_dated_before_december_are_flagged() -> None:
    reported = replace(actual(PATH, "92"), as_of=Period(2025, 7))
    assert codes(row("≥95%", reported)) == ["actual-partial-year"]
    assert row("≥95%", reported).problems[0].message == (
        "填报数据截至2025年1-7月，不是全年数；自评应使用全年完成情况"
    )
    full_year = replace(actual(PATH, "92"), as_of=Period(2025, 12))
    assert codes(row("≥95%", full_year)) == []


def test_score_never_exceeds_a_zero_weight() -> None:
    scored = row("≥95%", actual(PATH, "99"), weight="0")
    assert (scored.score, scored.reason_required) == (D(0), False)


def test_compound_target_is_scored_on_its_first_condition_and_flagged() -> None:
    scored = row("处级≥110学分，科级≥90学分", actual(PATH, "100"), weight="10")
    assert scored.score == D("9.09")  # 100 ÷ 110 × 10 = 9.0909…
    assert codes(scored) == ["target-compound"]
    assert scored.problems[0].message == (
        "指标值“处级≥110学分，科级≥90学分”含多个条件，只按第一个条件（≥ 110 学分）计分，其余请人工核对"
    )
