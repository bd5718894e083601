"""Markdown rendering of an :class:`~jixiao.scoring.result.Evaluation`: the rows table (the
自评表's 绩效指标 block with each score's arithmetic) and the summary (预算执行率, level-1
subtotals, total and grade). Used by ``docs/self-evaluation-example.md`` (its tables are this
output, checked by ``tests/scoring/test_worked_example.py``) and usable by the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.scoring.decimals import ZERO, fixed2
from jixiao.scoring.result import Evaluation, RowScore
from jixiao.scoring.weights import UNGROUPED

SCORED_ROW_COLUMNS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
)
"""The 自评表's 绩效指标 columns up to 得分 (财预〔2020〕10号 annex), shared with the form
renderers (:data:`jixiao.report.selfeval_form.INDICATOR_COLUMNS`)."""
ROW_HEADER = (*SCORED_ROW_COLUMNS, "规则", "计分说明", "标记")
SUMMARY_HEADER = ("项目", "分值", "得分", "说明")


def rows_markdown(evaluation: Evaluation) -> str:
    """One table line per indicator row, in table order."""
    lines = [_row(row) for row in evaluation.rows]
    return _table(ROW_HEADER, lines)


def summary_markdown(evaluation: Evaluation) -> str:
    """预算执行率, each level-1 subtotal, then 总分 with the grade."""
    budget = evaluation.budget
    lines = [("预算执行率", fixed2(budget.weight), fixed2(budget.points), budget.explanation)]
    lines += [(s.name, fixed2(s.weight), fixed2(s.score), "") for s in evaluation.level1]
    weight = budget.weight + sum((s.weight for s in evaluation.level1), ZERO)
    lines.append(
        ("总分", fixed2(weight), fixed2(evaluation.total), f"等级：{evaluation.grade.value}")
    )
    return _table(SUMMARY_HEADER, lines)


def flags(row: RowScore) -> str:
    """Chinese marks of a row, joined by ``、``: ``超额完成``; ``缺偏差原因`` when a 偏差原因 is
    required and missing, ``有偏差原因`` when required and given."""
    marks = ["超额完成"] if row.over_achievement else []
    if row.reason_missing:
        marks.append("缺偏差原因")
    elif row.reason_required:
        marks.append("有偏差原因")
    return "、".join(marks)


def _row(row: RowScore) -> tuple[str, ...]:
    return (
        row.level1 or "",
        row.level2 or UNGROUPED,
        row.name,
        row.target_text,
        row.actual_text,
        fixed2(row.weight),
        fixed2(row.score),
        row.rule,
        row.explanation,
        flags(row),
    )


def _table(header: tuple[str, ...], lines: Sequence[tuple[str, ...]]) -> str:
    out = [_line(header), _line(tuple("---" for _ in header))]
    out += [_line(line) for line in lines]
    return "\n".join(out) + "\n"


def _line(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"
