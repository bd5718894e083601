"""Weights (分值): equal splits in whole cents, explicit row weights, 成本指标, and the checks
Σ L3 = L2, Σ under L1 = L1, grid total 90 (REFERENCE.md §6)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.scoring import ScoringConfig, WeightRow, WeightSplit, plan_weights
from jixiao.scoring.decimals import split_evenly
from jixiao.scoring.weights import WeightPlan
from jixiao.taxonomy import BENEFIT, COST, OUTPUT, SATISFACTION
from tests.scoring.factories import D

CONFIG = ScoringConfig()


def rows(*spec: tuple[str | None, str | None]) -> list[WeightRow]:
    """Rows ``r0``, ``r1`` … with the given (level1, level2)."""
    return [
        WeightRow(f"r{i}", level1, level2, f"指标{i}") for i, (level1, level2) in enumerate(spec)
    ]


def weights(plan: WeightPlan) -> list[Decimal]:
    return [plan.rows[f"r{i}"] for i in range(len(plan.rows))]


def codes(plan: WeightPlan) -> list[str]:
    return [p.code for p in plan.problems]


# Tianhe 2025 project 1: 数量 ×2, 质量 ×3, 社会效益 ×1, 满意度 ×1
TIANHE_1 = rows(
    (OUTPUT, "数量指标"), (OUTPUT, "数量指标"),
    (OUTPUT, "质量指标"), (OUTPUT, "质量指标"), (OUTPUT, "质量指标"),
    (BENEFIT, "社会效益指标"), (SATISFACTION, "服务对象满意度指标"),
)  # fmt: skip


def test_split_evenly_gives_the_leftover_cents_to_the_first_shares() -> None:
    assert split_evenly(D(50), 3) == [D("16.67"), D("16.67"), D("16.66")]
    assert split_evenly(D(30), 7) == [D("4.29")] * 4 + [D("4.28")] * 3  # 4×4.29 + 3×4.28 = 30
    assert split_evenly(D("16.66"), 2) == [D("8.33"), D("8.33")]
    assert split_evenly(D(10), 0) == []


def test_groups_split_level1_equally_then_rows_equally() -> None:
    plan = plan_weights(TIANHE_1, CONFIG)
    # 产出 50 → 数量 25, 质量 25; 25 ÷ 2 = 12.5; 25 ÷ 3 = 8.34 + 8.33 + 8.33
    assert weights(plan) == [D("12.5"), D("12.5"), D("8.34"), D("8.33"), D("8.33"), D(30), D(10)]
    assert plan.problems == ()
    assert plan.total == D(90)
    output = plan.level1[0]
    assert (output.level1, output.weight) == (OUTPUT, D(50))
    assert [(g.level2, g.weight) for g in output.groups] == [
        ("数量指标", D(25)),
        ("质量指标", D(25)),
    ]


def test_rows_split_level1_equally_over_its_rows() -> None:
    plan = plan_weights(TIANHE_1, ScoringConfig(split=WeightSplit.ROWS))
    assert weights(plan) == [D(10)] * 5 + [D(30), D(10)]  # 50 ÷ 5 = 10
    assert [g.weight for g in plan.level1[0].groups] == [D(20), D(30)]


def test_rows_without_level2_form_one_group() -> None:
    # Guangzhou 2023 tables give level 1 only: 产出 ×3 → 16.67 + 16.67 + 16.66
    plan = plan_weights(
        rows((OUTPUT, None), (BENEFIT, None), (OUTPUT, None), (OUTPUT, None)), CONFIG
    )
    assert weights(plan)[:4] == [D("16.67"), D(30), D("16.67"), D("16.66")]


def test_level1_without_rows_is_reported_and_its_points_are_lost() -> None:
    plan = plan_weights(rows((OUTPUT, "数量指标"), (BENEFIT, "社会效益指标")), CONFIG)
    assert codes(plan) == ["level1-empty"]  # the grid check would repeat it, so it is not run
    assert plan.problems[0].message == (
        "一级指标“满意度指标”下没有三级指标，其 10 分无法取得；可调整一级指标分值或指定指标分值"
    )
    assert plan.total == D(80)
    assert [(w.level1, w.weight, w.groups) for w in plan.level1][2] == (SATISFACTION, D(10), ())


def test_cost_counts_as_one_more_output_group_by_default() -> None:
    spec = [
        (OUTPUT, "数量指标"),
        (OUTPUT, "质量指标"),
        (OUTPUT, "时效指标"),
        (COST, "经济成本指标"),
    ]
    plan = plan_weights(rows(*spec, (BENEFIT, None), (SATISFACTION, None)), CONFIG)
    # 4 equal groups out of 产出's 50: 成本 50 × 1/4 = 12.5, 产出 keeps 37.5 → 12.5 per group
    assert weights(plan) == [D("12.5")] * 4 + [D(30), D(10)]
    assert [(w.level1, w.weight) for w in plan.level1] == [
        (OUTPUT, D("37.5")), (BENEFIT, D(30)), (SATISFACTION, D(10)), (COST, D("12.5")),
    ]  # fmt: skip
    assert plan.problems == ()


def test_cost_share_takes_a_fixed_part_of_output() -> None:
    config = ScoringConfig(cost_share=D("0.2"))
    plan = plan_weights(rows((OUTPUT, "数量指标"), (COST, "经济成本指标"), (COST, "社会成本指标"),
                             (BENEFIT, None), (SATISFACTION, None)), config)  # fmt: skip
    # 成本 50 × 0.2 = 10 (5 + 5), 产出 40
    assert weights(plan) == [D(40), D(5), D(5), D(30), D(10)]


def test_cost_by_rows_counts_rows() -> None:
    config = ScoringConfig(split=WeightSplit.ROWS)
    spec = [(OUTPUT, "数量指标")] * 4 + [
        (COST, "经济成本指标"),
        (BENEFIT, None),
        (SATISFACTION, None),
    ]
    plan = plan_weights(rows(*spec), config)
    assert weights(plan) == [D(10)] * 5 + [D(30), D(10)]  # 成本 = 50 × 1/5 = 10


def test_explicit_row_weights_are_kept_and_the_rest_shared() -> None:
    explicit = {"r0": D(20), "r2": D(10)}
    plan = plan_weights(TIANHE_1, CONFIG, explicit)
    # 数量 25: r0 20, r1 the rest 5; 质量 25: r2 10, r3 and r4 share 15 → 7.5 each
    assert weights(plan)[:5] == [D(20), D(5), D(10), D("7.5"), D("7.5")]
    assert plan.problems == ()


def test_fully_explicit_groups_keep_their_sum_and_others_share_the_rest() -> None:
    explicit = {"r0": D(15), "r1": D(15)}  # 数量 = 30, 质量 gets 50 − 30 = 20
    plan = plan_weights(TIANHE_1, CONFIG, explicit)
    assert weights(plan)[:5] == [D(15), D(15), D("6.67"), D("6.67"), D("6.66")]
    assert plan.problems == ()


def test_explicit_weights_read_from_the_config() -> None:
    config = ScoringConfig(row_weights={"r5": D(30), "r6": D(10)})
    assert weights(plan_weights(TIANHE_1, config))[5:] == [D(30), D(10)]


def test_explicit_weights_that_do_not_add_up_are_reported() -> None:
    explicit = {f"r{i}": D(10) for i in range(5)} | {"r0": D(12)}  # 产出 Σ 52 ≠ 50
    plan = plan_weights(TIANHE_1, CONFIG, explicit)
    assert codes(plan) == ["level1-sum-mismatch"]
    assert plan.problems[0].message == "一级指标“产出指标”下三级指标分值合计 52，应为 50"


def test_explicit_weights_above_their_group_share_are_reported() -> None:
    plan = plan_weights(TIANHE_1, CONFIG, {"r0": D(30)})  # 数量's equal share is 25
    assert codes(plan) == ["level2-sum-mismatch", "level1-sum-mismatch"]
    assert plan.problems[0].message == "二级指标“数量指标”下三级指标分值合计 30，应为 25"
    assert plan.rows["r1"] == 0


def test_grid_total_must_be_90() -> None:
    config = ScoringConfig(output_weight=D(60))  # 60 + 30 + 10 = 100, plus 10 for the budget
    plan = plan_weights(TIANHE_1, config, scope="projects/1")
    assert codes(plan) == ["grid-total-mismatch"]
    assert plan.problems[0].message == "绩效指标分值合计 100，应为 90（100 减去预算执行率 10 分）"
    assert plan.problems[0].path == "projects/1"


def test_unknown_level1_gets_no_weight_and_a_problem() -> None:
    plan = plan_weights([*TIANHE_1, WeightRow("r7", None, None, "神秘指标")], CONFIG)
    assert plan.rows["r7"] == 0
    assert codes(plan) == ["level1-unknown"]
    assert "神秘指标" in plan.problems[0].message


def test_explicit_weight_for_a_path_that_is_not_a_row() -> None:
    plan = plan_weights(TIANHE_1, CONFIG, {"r9": D(5)})
    assert codes(plan) == ["weight-path-unknown"]
    assert plan.weight("r9") == 0


def test_grid_check_still_runs_beside_an_unknown_level1() -> None:
    config = ScoringConfig(output_weight=D(60))
    plan = plan_weights([*TIANHE_1, WeightRow("r7", None, None, "神秘指标")], config)
    assert codes(plan) == ["level1-unknown", "grid-total-mismatch"]
