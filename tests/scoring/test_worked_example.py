"""docs/self-evaluation-example.md is true: its generated tables are what the program prints
for the same inputs, and the numbers of its step-by-step text are the program's.

Regenerate the tables after a deliberate change with
``.venv/bin/python -m tests.scoring.test_worked_example``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.actuals import Actuals, BudgetExecution
from jixiao.ingest import load
from jixiao.model import Document
from jixiao.paths import project_at
from jixiao.scoring import Evaluation, Grade, evaluate_project, rows_markdown, summary_markdown
from jixiao.scoring.decimals import fixed2, plain
from tests.scoring.factories import D, actual

DOC = Path("docs/self-evaluation-example.md")
SAMPLE = "samples/guangzhou-2023-project-tabbed.txt"
PROJECT = "projects/7"  # 广州新华监狱信息化建设项目, 159.31 万元

# Made-up actuals (the doc says so): one per indicator, in table order.
ACTUALS = Actuals(
    indicators=[
        actual(f"{PROJECT}/indicators/0", "96", reason="2个监区摄像头更换延至次年"),
        actual(f"{PROJECT}/indicators/1", "16"),
        actual(f"{PROJECT}/indicators/2", "0"),
        actual(f"{PROJECT}/indicators/3", "88"),
        actual(f"{PROJECT}/indicators/4", "54", reason="备件采购周期长"),
    ],
    executions=[BudgetExecution(PROJECT, D("135.00"), reason_text="部分设备尾款于次年支付")],
)


def example_document() -> Document:
    return load(SAMPLE)


def example_evaluation(actuals: Actuals = ACTUALS) -> Evaluation:
    return evaluate_project(example_document(), PROJECT, actuals)


def inputs_markdown(document: Document, actuals: Actuals) -> str:
    """The made-up inputs: one line per indicator, then the budget execution."""
    project = project_at(document, PROJECT)
    lines = [
        "| 路径 | 三级指标 | 年度指标值 | 实际完成值 | 偏差原因 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for index, item in enumerate(project.indicators):
        path = f"{PROJECT}/indicators/{index}"
        reported = actuals.for_indicator(path)
        value = plain(reported.completed) if reported and reported.completed is not None else ""
        reason = reported.reason_text if reported else ""
        target = item.annual_target.raw if item.annual_target else ""
        lines.append(f"| {path} | {item.name} | {target} | {value} | {reason} |")
    execution = actuals.for_budget(PROJECT)
    assert execution is not None
    lines.append(
        f"| {PROJECT} | 全年执行数（万元） | 资金总额 {project.amount_total} | "
        f"{plain(execution.executed)} | {execution.reason_text} |"
    )
    return "\n".join(lines) + "\n"


def blocks() -> dict[str, str]:
    """Every generated block of the doc, by name."""
    evaluation = example_evaluation()
    return {
        "inputs": inputs_markdown(example_document(), ACTUALS),
        "rows": rows_markdown(evaluation),
        "summary": summary_markdown(evaluation),
    }


_BLOCK = re.compile(r"<!-- generated:(\w+) -->\n(.*?)<!-- /generated:\1 -->", re.S)


def doc_blocks(text: str) -> dict[str, str]:
    return {match.group(1): match.group(2) for match in _BLOCK.finditer(text)}


def regenerate() -> None:
    """Rewrite the generated blocks of the doc with the program's current output."""
    fresh = blocks()
    text = _BLOCK.sub(
        lambda m: (
            f"<!-- generated:{m.group(1)} -->\n{fresh[m.group(1)]}<!-- /generated:{m.group(1)} -->"
        ),
        DOC.read_text(encoding="utf-8"),
    )
    DOC.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def text() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return example_evaluation()


def test_doc_tables_are_the_program_output(text: str) -> None:
    assert doc_blocks(text) == blocks()


def test_doc_states_that_the_actuals_are_made_up(text: str) -> None:
    assert "虚构" in text


def test_step_by_step_numbers_are_the_program_numbers(text: str, evaluation: Evaluation) -> None:
    weights = [plain(row.weight) for row in evaluation.rows]
    assert weights == ["16.67", "16.67", "30", "10", "16.66"]
    assert "50 ÷ 3 = 16.666…" in text
    assert "16.67 + 16.67 + 16.66 = 50" in text
    for row in evaluation.rows:
        assert row.explanation in text, row.name
    assert evaluation.budget.explanation in text
    parts = [evaluation.budget.points, *(row.score for row in evaluation.rows)]
    assert " + ".join(fixed2(p) for p in parts) + f" = {fixed2(evaluation.total)}" in text
    assert (evaluation.total, evaluation.grade) == (D("95.50"), Grade.EXCELLENT)
    assert f"总分 {fixed2(evaluation.total)}，等级“{evaluation.grade.value}”" in text


def test_the_accident_variant_in_the_doc(text: str) -> None:
    accident = actual(f"{PROJECT}/indicators/2", "1")  # one serious accident instead of none
    indicators = [accident if a.path == accident.path else a for a in ACTUALS.indicators]
    variant = example_evaluation(replace(ACTUALS, indicators=indicators))
    assert variant.rows[2].score == Decimal(0)
    assert f"总分降为 {fixed2(variant.total)}，等级“{variant.grade.value}”" in text
    assert (variant.total, variant.grade) == (D("65.50"), Grade.FAIR)


if __name__ == "__main__":
    regenerate()
