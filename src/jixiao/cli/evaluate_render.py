"""Terminal rendering of self-evaluations (``jixiao evaluate``): the 自评表 rows with each
score's arithmetic, the summary of totals and grades, and the disagreements of a published
自评表 with the method. The same numbers as the web app's 自评 pages (both call
:func:`jixiao.scoring.evaluate_document`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.model import ImportIssue
from jixiao.scoring import Evaluation, Grade
from jixiao.scoring.decimals import fixed2
from jixiao.scoring.render import flags
from jixiao.scoring.weights import UNGROUPED
from jixiao.selfeval import ERROR, Disagreement, SelfEvaluation

GRADE_STYLES: dict[Grade, str] = {
    Grade.EXCELLENT: "bold green",
    Grade.GOOD: "cyan",
    Grade.FAIR: "yellow",
    Grade.POOR: "bold red",
}
SEVERITY_STYLES = {ERROR: "bold red", "warning": "yellow"}
SEVERITY_LABELS = {ERROR: "不符", "warning": "提示"}


def rows_table(evaluation: Evaluation) -> Table:
    """预算执行率 and every indicator row: 分值, 得分, 计分说明, 标记."""
    title = f"{evaluation.name}：总分 {fixed2(evaluation.total)}，等级 {evaluation.grade.value}"
    table = Table(title=title, title_justify="left", show_lines=False)
    for header in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"):
        table.add_column(header)
    table.add_column("分值", justify="right")
    table.add_column("得分", justify="right")
    table.add_column("计分说明")
    table.add_column("标记")
    budget = evaluation.budget
    table.add_row(
        "预算执行率", "", "", "", "", fixed2(budget.weight),
        _score(budget.points, budget.weight), Text(budget.explanation),
        Text("缺说明", style="yellow") if budget.explanation_missing else "",
    )  # fmt: skip
    for row in evaluation.rows:
        table.add_row(
            row.level1 or "", row.level2 or UNGROUPED, Text(row.name), Text(row.target_text),
            Text(row.actual_text), fixed2(row.weight), _score(row.score, row.weight),
            Text(row.explanation), Text(flags(row), style="yellow" if row.reason_missing else ""),
        )  # fmt: skip
    return table


def _score(points: Decimal, weight: Decimal) -> Text:
    style = "red" if points == 0 and weight > 0 else "yellow" if points < weight else ""
    return Text(fixed2(points), style=style)


def summary_table(evaluations: Sequence[Evaluation], title: str = "自评汇总") -> Table:
    """序号, 项目, 预算执行率, 绩效指标, 总分, 等级, 问题 — one row per evaluation."""
    table = Table(title=title, title_justify="left")
    table.add_column("序号", justify="right")
    table.add_column("项目（部门）")
    for header in ("预算执行率", "绩效指标", "总分"):
        table.add_column(header, justify="right")
    table.add_column("等级", justify="center")
    table.add_column("问题", justify="right")
    for index, evaluation in enumerate(evaluations, start=1):
        problems = len(evaluation.all_problems) + len(evaluation.reasons_missing)
        table.add_row(
            str(index), Text(evaluation.name), fixed2(evaluation.budget.points),
            fixed2(evaluation.rows_total), fixed2(evaluation.total),
            Text(evaluation.grade.value, style=GRADE_STYLES[evaluation.grade]),
            Text(str(problems), style="yellow" if problems else ""),
        )  # fmt: skip
    return table


def problem_lines(evaluation: Evaluation) -> list[Text]:
    """``path: message`` for every scoring problem and missing 偏差原因 of ``evaluation``."""
    lines = []
    for problem in evaluation.all_problems:
        line = Text(f"{evaluation.name} {problem.path}：", style="dim")
        line.append(f"[{problem.code}] ", style="dim")
        line.append(problem.message)
        lines.append(line)
    for row in evaluation.reasons_missing:
        line = Text(f"{evaluation.name} {row.path}：", style="dim")
        line.append("[reason-missing] ", style="dim")
        line.append(f"“{row.name}”得分低于分值或未达成年度指标值，缺偏差原因分析")
        lines.append(line)
    return lines


def print_evaluations(
    out: Console, evaluations: Sequence[Evaluation], *, rows: bool = True
) -> None:
    """The rows of every evaluation (``rows``), their problems, then the summary."""
    for evaluation in evaluations:
        if rows:
            out.print()
            out.print(rows_table(evaluation))
        for line in problem_lines(evaluation):
            out.print(line, soft_wrap=True)
    out.print()
    out.print(summary_table(evaluations))


def disagreement_line(disagreement: Disagreement) -> Text:
    """``file:line: 不符 [code] message``."""
    location = disagreement.location or disagreement.table
    line = Text(f"{location}: ")
    line.append(
        SEVERITY_LABELS[disagreement.severity], style=SEVERITY_STYLES[disagreement.severity]
    )
    line.append(f" [{disagreement.code}] ", style="dim")
    line.append(disagreement.message)
    return line


def issue_line(issue: ImportIssue) -> Text:
    """``file:line: 导入 [code] message`` for a line the importer could not read."""
    line = Text(f"{issue.source.file}:{issue.source.lines}: ")
    line.append("导入", style="magenta")
    line.append(f" [{issue.code}] ", style="dim")
    line.append(issue.message)
    return line


def comparison_table(
    selfeval: SelfEvaluation, evaluations: Sequence[Evaluation], found: Sequence[Disagreement]
) -> Table:
    """Per table: 公布 vs 重算 总分 and 等级, and the number of disagreements."""
    table = Table(title="公布与重算对照", title_justify="left")
    table.add_column("序号", justify="right")
    table.add_column("项目（部门）")
    table.add_column("公布总分", justify="right")
    table.add_column("重算总分", justify="right")
    table.add_column("公布等级", justify="center")
    table.add_column("重算等级", justify="center")
    table.add_column("不符", justify="right")
    table.add_column("提示", justify="right")
    for index, (published, evaluation) in enumerate(
        zip(selfeval.tables, evaluations, strict=True), 1
    ):
        mine = [
            d for d in found if d.path == published.path or d.path.startswith(published.path + "/")
        ]
        if not published.path:
            mine = list(found)
        errors = sum(d.severity == ERROR for d in mine)
        table.add_row(
            str(index), Text(published.name),
            published.total.text if published.total else "—", fixed2(evaluation.total),
            published.grade or "—", Text(evaluation.grade.value, style=GRADE_STYLES[evaluation.grade]),
            Text(str(errors), style="bold red" if errors else ""), str(len(mine) - errors),
        )  # fmt: skip
    return table


def print_comparison(
    out: Console,
    selfeval: SelfEvaluation,
    evaluations: Sequence[Evaluation],
    found: Sequence[Disagreement],
) -> None:
    """Import issues, disagreements, the comparison table and the totals line."""
    for issue in selfeval.issues:
        out.print(issue_line(issue), soft_wrap=True)
    for disagreement in found:
        out.print(disagreement_line(disagreement), soft_wrap=True)
    out.print()
    out.print(comparison_table(selfeval, evaluations, found))
    errors = sum(d.severity == ERROR for d in found)
    out.print(
        Text(
            f"共 {len(selfeval.tables)} 张自评表：与计分方法不符 {errors} 处，"
            f"提示 {len(found) - errors} 处，无法读取的行 {len(selfeval.issues)} 处"
        )
    )
