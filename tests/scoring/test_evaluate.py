"""Whole evaluations: a real published project table scored by hand, department tables,
every project of a document, totals, caps and errors (REFERENCE.md §6)."""

from __future__ import annotations

import json

import pytest

from jixiao.actuals import Actuals, BudgetExecution, QualitativeGrade
from jixiao.errors import UsageError
from jixiao.ingest import load
from jixiao.scoring import (
    Evaluation,
    Grade,
    ScoringConfig,
    evaluate_department,
    evaluate_document,
    evaluate_project,
)
from jixiao.taxonomy import BENEFIT, COST, OUTPUT, SATISFACTION
from tests.scoring.factories import D, actual, indicator, project_doc

TIANHE_PROJECTS = "samples/tianhe-2025-project-pdftext.txt"
TIANHE_DEPARTMENT = "samples/tianhe-2025-department-tabbed-html.txt"

# 机关业务用房和司法所维修维护费, 82.60 万元 (made-up actuals):
#   0 产出/数量 工程量完成率 100%      → actual 95
#   1 产出/质量 已完工程验收合格率 100% → actual 100
#   2 产出/时效 工程完成及时性 及时     → 达成
#   3 产出/时效 维护维修及时性 及时     → 部分达成
#   4 效益/社会效益 保障机构正常运行 达标 → 达成, scored 28 by hand
FIRST = "projects/0"
FIRST_ACTUALS = Actuals(
    indicators=[
        actual(f"{FIRST}/indicators/0", "95", reason="部分工程延至次年"),
        actual(f"{FIRST}/indicators/1", "100"),
        actual(f"{FIRST}/indicators/2", grade=QualitativeGrade.MET),
        actual(f"{FIRST}/indicators/3", grade=QualitativeGrade.PARTLY),
        actual(f"{FIRST}/indicators/4", grade=QualitativeGrade.MET, score="28"),
    ],
    executions=[BudgetExecution(FIRST, D("80.00"))],
)


@pytest.fixture(scope="module")
def first() -> Evaluation:
    return evaluate_project(load(TIANHE_PROJECTS), FIRST, FIRST_ACTUALS)


def test_tianhe_first_project_weights(first: Evaluation) -> None:
    # 产出 50 over 数量, 质量, 时效 → 16.67, 16.67, 16.66; 时效 16.66 ÷ 2 = 8.33 each;
    # 效益 30 on its only row; 满意度 has no row, so its 10 points are lost
    assert [row.weight for row in first.rows] == [
        D("16.67"), D("16.67"), D("8.33"), D("8.33"), D(30),
    ]  # fmt: skip
    assert [p.code for p in first.problems] == ["level1-empty"]


def test_tianhe_first_project_scores_by_hand(first: Evaluation) -> None:
    assert first.name == "机关业务用房和司法所维修维护费"
    assert [row.score for row in first.rows] == [
        D("15.84"),  # 95 ÷ 100 × 16.67 = 15.8365 → 15.84
        D("16.67"),  # met
        D("8.33"),  # 达成: 8.33 × 1
        D("5.83"),  # 部分达成: 8.33 × 0.7 = 5.831 → 5.83
        D("28"),  # entered 28, inside [24, 30]
    ]
    assert [row.rule for row in first.rows] == [
        "higher-better", "higher-better", "qualitative", "qualitative", "qualitative",
    ]  # fmt: skip
    assert first.budget.points == D("9.69")  # 80 ÷ 82.60 = 96.85 %; × 10 = 9.685 → 9.69
    assert [(s.name, s.weight, s.score) for s in first.level1] == [
        (OUTPUT, D(50), D("46.67")),  # 15.84 + 16.67 + 8.33 + 5.83
        (BENEFIT, D(30), D(28)),
        (SATISFACTION, D(10), D(0)),
    ]
    assert first.total == D("84.36")  # 9.69 + 46.67 + 28 + 0
    assert first.grade is Grade.GOOD  # 80 ≤ 84.36 < 90


def test_tianhe_first_project_flags(first: Evaluation) -> None:
    required = [row.reason_required for row in first.rows]
    assert required == [True, False, False, True, True]  # score < weight or target not met
    assert [row.path for row in first.reasons_missing] == [
        "projects/0/indicators/3", "projects/0/indicators/4",
    ]  # fmt: skip
    assert first.all_problems == first.problems  # no budget or row problems


def test_department_table_uses_its_budget_and_cost_block() -> None:
    document = load(TIANHE_DEPARTMENT)
    actuals = Actuals(executions=[BudgetExecution("", D("6000"))])
    evaluation = evaluate_department(document, actuals)
    assert evaluation.path == "" and evaluation.name == document.department
    # 基本支出 4,855.11 + 项目支出 1,484.96 = 6,340.07; 6000 ÷ 6340.07 = 94.64 % → 9.46
    assert evaluation.budget.budget_wan_yuan == D("6340.07")
    assert evaluation.budget.points == D("9.46")
    # 成本指标 (one group) counts as a fourth 产出 group: 50 × 1/4 = 12.5
    assert [(s.name, s.weight) for s in evaluation.level1] == [
        (OUTPUT, D("37.5")), (BENEFIT, D(30)), (SATISFACTION, D(10)), (COST, D("12.5")),
    ]  # fmt: skip
    assert evaluation.weights.total == D(90)
    assert len(evaluation.rows) == len(document.indicators)


def test_evaluate_document_gives_one_evaluation_per_project() -> None:
    document = load(TIANHE_PROJECTS)
    evaluations = evaluate_document(document, FIRST_ACTUALS)
    assert [e.path for e in evaluations] == [f"projects/{i}" for i in range(len(document.projects))]
    assert evaluations[0].total == D("84.36")
    assert all(e.total == e.budget.points + e.rows_total for e in evaluations)
    department = load(TIANHE_DEPARTMENT)
    assert [e.path for e in evaluate_document(department, Actuals())] == [""]


def test_department_evaluation_of_a_project_table_is_misuse() -> None:
    with pytest.raises(UsageError, match="部门整体自评"):
        evaluate_department(load(TIANHE_PROJECTS), Actuals())


def test_unknown_project_path_raises_key_error() -> None:
    with pytest.raises(KeyError):
        evaluate_project(load(TIANHE_PROJECTS), "projects/99", Actuals())


def test_row_weights_of_other_projects_are_ignored() -> None:
    config = ScoringConfig(row_weights={"projects/5/indicators/0": D(50)})
    evaluation = evaluate_project(load(TIANHE_PROJECTS), FIRST, FIRST_ACTUALS, config)
    assert [p.code for p in evaluation.problems] == ["level1-empty"]


def test_total_is_capped_at_100() -> None:
    document = project_doc([indicator("≥1", level1=OUTPUT), indicator("≥1", level1=BENEFIT)])
    paths = ["projects/0/indicators/0", "projects/0/indicators/1"]
    config = ScoringConfig(row_weights={paths[0]: D(60), paths[1]: D(40)})
    actuals = Actuals(
        indicators=[actual(path, "1") for path in paths],
        executions=[BudgetExecution("projects/0", D(100))],
    )
    evaluation = evaluate_project(document, "projects/0", actuals, config)
    assert evaluation.budget.points + evaluation.rows_total == D(110)
    assert evaluation.total == D(100)
    assert "total-capped" in [p.code for p in evaluation.problems]


def test_evaluation_to_dict_is_json(first: Evaluation) -> None:
    data = json.loads(json.dumps(first.to_dict(), ensure_ascii=False))
    assert (data["total"], data["grade"]) == ("84.36", "良")
    assert (
        data["rows"][0]["explanation"]
        == "实际 95% ≥ 目标 100%（“=”按“≥”计）？否：95 ÷ 100 × 16.67 = 15.84"
    )
    assert data["budget"]["rate_pct"] == "96.85"
    assert data["level1"][0] == {"name": "产出指标", "weight": "50.00", "score": "46.67"}
    assert data["rows"][4]["score"] == "28.00"
    assert data["problems"][0]["code"] == "level1-empty"
