"""Hypothesis properties of the scoring engine (REFERENCE.md §6): scores stay within
0–weight, move the right way with the actual, weights add up exactly, totals are the sum of
their parts and the grade follows the total; the config survives a JSON round trip."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, QualitativeGrade
from jixiao.model import Operator, Target
from jixiao.scoring import (
    Grade,
    ScoringConfig,
    WeightRow,
    WeightSplit,
    evaluate_project,
    plan_weights,
    score_qualitative,
    score_quantitative,
    score_row,
)
from jixiao.taxonomy import BENEFIT, COST, OUTPUT, SATISFACTION
from tests.scoring.factories import indicator, project_doc


def decimals(low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=2)


weights = decimals("0", "100")
positive_targets = decimals("0.01", "10000")
actual_values = decimals("0", "50000")
configs = st.builds(
    ScoringConfig,
    strict_comparisons=st.booleans(),
    over_achievement_ratio=decimals("1.01", "3"),
)
HIGHER = [Operator.GE, Operator.GT, Operator.EQ]
LOWER = [Operator.LE, Operator.LT]


def target(operator: Operator, value: Decimal, value_max: Decimal | None = None) -> Target:
    return Target("t", operator, value, value_max, "%", qualitative=False)


@st.composite
def any_targets(draw: st.DrawFn) -> Target:
    operator = draw(st.sampled_from(list(Operator)))
    value = draw(decimals("-100", "10000"))
    if operator is Operator.RANGE:
        return target(operator, value, value + draw(decimals("0", "1000")))
    return target(operator, value)


@given(any_targets(), decimals("-1000", "50000"), weights, configs)
def test_score_is_within_zero_and_the_weight(
    goal: Target, actual: Decimal, weight: Decimal, config: ScoringConfig
) -> None:
    outcome = score_quantitative(goal, actual, weight, config, "p")
    assert 0 <= outcome.score <= weight
    assert outcome.score == outcome.score.quantize(Decimal("0.01"))
    assert outcome.explanation


@given(st.sampled_from(HIGHER), positive_targets, actual_values, actual_values, weights, configs)
def test_higher_better_is_non_decreasing_in_the_actual(
    operator: Operator, t: Decimal, a: Decimal, b: Decimal, w: Decimal, config: ScoringConfig
) -> None:
    low, high = sorted((a, b))
    goal = target(operator, t)
    scores = [score_quantitative(goal, x, w, config, "p").score for x in (low, high)]
    assert scores[0] <= scores[1]


@given(st.sampled_from(LOWER), positive_targets, actual_values, actual_values, weights, configs)
def test_lower_better_is_non_increasing_in_the_actual(
    operator: Operator, t: Decimal, a: Decimal, b: Decimal, w: Decimal, config: ScoringConfig
) -> None:
    low, high = sorted((a, b))
    goal = target(operator, t)
    scores = [score_quantitative(goal, x, w, config, "p").score for x in (low, high)]
    assert scores[0] >= scores[1]


@given(
    st.none() | st.sampled_from(list(QualitativeGrade)),
    st.none() | decimals("-50", "200"),
    weights,
)
def test_qualitative_score_is_within_zero_and_the_weight(
    grade: QualitativeGrade | None, entered: Decimal | None, weight: Decimal
) -> None:
    outcome = score_qualitative(grade, entered, weight, ScoringConfig(), "p")
    assert 0 <= outcome.score <= weight


@given(
    st.sampled_from(["≥95%", "≤24小时", "=0", "1-2个", "及时", "≥-5%", "100%"]),
    st.none() | decimals("-100", "1000"),
    st.none() | st.sampled_from(list(QualitativeGrade)),
    decimals("-20", "200"),
    weights,
)
def test_row_score_with_deduction_is_within_zero_and_the_weight(
    text: str,
    value: Decimal | None,
    grade: QualitativeGrade | None,
    deduction: Decimal,
    weight: Decimal,
) -> None:
    reported = IndicatorActual("p", completed=value, grade=grade, deduction=deduction)
    scored = score_row(indicator(text), "p", weight, reported, ScoringConfig())
    assert 0 <= scored.score <= weight
    assert scored.reason_missing <= scored.reason_required


LEVEL2: dict[str, list[str | None]] = {
    OUTPUT: ["数量指标", "质量指标", "时效指标", None],
    BENEFIT: ["社会效益指标", "经济效益指标", None],
    SATISFACTION: ["服务对象满意度指标"],
    COST: ["经济成本指标", "社会成本指标"],
}


@st.composite
def grids(draw: st.DrawFn) -> list[WeightRow]:
    """Rows covering 产出, 效益 and 满意度 (and maybe 成本), shuffled as tables mix them."""
    names = [OUTPUT, BENEFIT, SATISFACTION] + ([COST] if draw(st.booleans()) else [])
    pairs = [(n, draw(st.sampled_from(LEVEL2[n]))) for n in names]
    pairs += draw(st.lists(st.sampled_from(names).flatmap(_with_level2), max_size=25))
    pairs = draw(st.permutations(pairs))
    return [WeightRow(f"r{i}", level1, level2) for i, (level1, level2) in enumerate(pairs)]


def _with_level2(level1: str) -> st.SearchStrategy[tuple[str, str | None]]:
    return st.tuples(st.just(level1), st.sampled_from(LEVEL2[level1]))


@settings(max_examples=60, deadline=None)
@given(grids(), st.sampled_from(list(WeightSplit)), st.none() | decimals("0", "1"))
def test_equal_weights_add_up_exactly(
    rows: list[WeightRow], split: WeightSplit, cost_share: Decimal | None
) -> None:
    config = ScoringConfig(split=split, cost_share=cost_share)
    plan = plan_weights(rows, config)
    assert plan.problems == ()
    assert plan.total == Decimal(90)
    assert sum(level1.weight for level1 in plan.level1) == Decimal(90)
    for level1 in plan.level1:
        assert sum(group.weight for group in level1.groups) == level1.weight
        for group in level1.groups:
            assert sum(plan.rows[p] for p in group.paths) == group.weight
    assert all(w == w.quantize(Decimal("0.01")) and w >= 0 for w in plan.rows.values())


TEXTS = ["≥95%", "≤24小时", "=0", "及时", "100%", "≥8", "达标"]


@st.composite
def evaluations_input(draw: st.DrawFn) -> tuple[list[tuple[str, str]], Actuals]:
    rows = draw(
        st.lists(
            st.tuples(st.sampled_from([OUTPUT, BENEFIT, SATISFACTION]), st.sampled_from(TEXTS)),
            min_size=1,
            max_size=12,
        )
    )
    actuals = Actuals(
        indicators=[
            IndicatorActual(
                f"projects/0/indicators/{i}",
                completed=draw(st.none() | decimals("0", "200")),
                grade=draw(st.none() | st.sampled_from(list(QualitativeGrade))),
            )
            for i in range(len(rows))
        ],
        executions=[BudgetExecution("projects/0", draw(decimals("0", "150")))],
    )
    return rows, actuals


@settings(max_examples=60, deadline=None)
@given(evaluations_input())
def test_total_is_the_sum_of_its_parts_and_the_grade_follows(
    data: tuple[list[tuple[str, str]], Actuals],
) -> None:
    rows, actuals = data
    document = project_doc([indicator(text, level1=level1) for level1, text in rows])
    evaluation = evaluate_project(document, "projects/0", actuals)
    assert evaluation.total == evaluation.budget.points + evaluation.rows_total
    assert evaluation.total == evaluation.budget.points + sum(s.score for s in evaluation.level1)
    assert 0 <= evaluation.total <= 100
    expected = {
        Grade.EXCELLENT: evaluation.total >= 90,
        Grade.GOOD: 80 <= evaluation.total < 90,
        Grade.FAIR: 60 <= evaluation.total < 80,
        Grade.POOR: evaluation.total < 60,
    }
    assert [grade for grade, holds in expected.items() if holds] == [evaluation.grade]
    for level1 in evaluation.level1:
        assert 0 <= level1.score <= level1.weight


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        ScoringConfig,
        budget_weight=weights,
        output_weight=weights,
        cost_share=st.none() | decimals("0", "1"),
        split=st.sampled_from(list(WeightSplit)),
        row_weights=st.dictionaries(
            st.from_regex(r"projects/[0-9]/indicators/[0-9]", fullmatch=True), weights
        ),
        strict_comparisons=st.booleans(),
        over_achievement_ratio=decimals("1.01", "3"),
    )
)
def test_config_round_trips_through_json(config: ScoringConfig) -> None:
    assert ScoringConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
