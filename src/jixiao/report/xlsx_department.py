"""The 部门整体支出绩效目标表 sheet (REFERENCE.md §2.3).

Blocks from the top: 部门名称 (and 资金主管部门, 财政供养人员数, 下属二级单位数 where stated);
预算整体情况 as two column pairs; 总体绩效目标; one task table per group (年度重点工作任务,
其他需完成任务); the 绩效指标 grid 一级指标 | 二级指标 | 三级指标 | 三级指标解释 | 实施周期指标值
| 年度指标值 | 对比符号 | 指标值 | 计量单位 | 原文行号, the last three parsed from the 年度指标值.
Amounts are numbers in the document's money unit.
"""

from __future__ import annotations

from itertools import groupby

from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import BUDGET_FIELDS, CategoryRow, Document, Indicator, Task
from jixiao.report.summary import budget_blocks, document_title, target_symbol, target_value
from jixiao.report.xlsx_style import (
    CellValue,
    fit_height,
    merge_across,
    merge_down,
    set_widths,
    setup_print,
    write_notes,
    write_row,
    write_title,
)

WIDTH = 10
WIDTHS = (14, 18, 34, 34, 16, 16, 9, 10, 10, 9)
GRID_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "三级指标解释",
    "实施周期指标值",
    "年度指标值",
    "对比符号",
    "指标值",
    "计量单位",
    "原文行号",
)
TASK_HEADERS = ("序号", "名称", "主要实施内容", "拟投入的资金（{unit}）", "期望达到的目标（概述）")


def write_department_sheet(sheet: Worksheet, document: Document) -> None:
    """Lay ``document`` (a department table) out on ``sheet``."""
    write_title(sheet, document_title(document), WIDTH)
    row = _write_header(sheet, 2, document)
    row = _write_budget(sheet, row, document)
    row = _write_goal(sheet, row, document.overall_goal)
    for group, tasks in groupby(document.tasks, key=lambda t: t.group):
        row = _write_tasks(sheet, row, group, list(tasks), document.money_unit.value)
    row = _write_grid(sheet, row, document.indicators, document.empty_categories)
    write_notes(sheet, row, document.notes, WIDTH)
    set_widths(sheet, WIDTHS)
    sheet.freeze_panes = "A3"
    setup_print(sheet)


def _write_header(sheet: Worksheet, row: int, document: Document) -> int:
    """部门名称 (and 资金主管部门), then 基本信息 when stated; returns the next free row."""
    write_row(sheet, row, ["部门名称"], header=True)
    write_row(sheet, row, [document.department_as_written or document.department], start=2)
    if document.supervising_department:
        merge_across(sheet, row, 2, 5)
        write_row(sheet, row, ["资金主管部门"], start=6, header=True)
        write_row(sheet, row, [document.supervising_department], start=7)
        merge_across(sheet, row, 7, WIDTH)
    else:
        merge_across(sheet, row, 2, WIDTH)
    row += 1
    if document.staff_count is not None or document.subordinate_unit_count is not None:
        write_row(sheet, row, ["基本信息", "财政供养人员数"], header=True)
        write_row(sheet, row, [document.staff_count], start=3)
        write_row(sheet, row, ["下属二级单位数"], start=4, header=True)
        write_row(sheet, row, [document.subordinate_unit_count], start=5)
        row += 1
    sheet.cell(row=row, column=WIDTH, value=f"单位：{document.money_unit.value}")
    return row + 1


def _write_budget(sheet: Worksheet, row: int, document: Document) -> int:
    budget = document.budget
    if budget is None:
        return row
    first = row
    unit = document.money_unit.value
    for (left_title, right_title), pairs in budget_blocks(budget):
        amount_title = f"预算金额（{unit}）"
        write_row(
            sheet, row, [left_title, amount_title, right_title, amount_title], start=2, header=True
        )
        row += 1
        for left, right in pairs:
            values = [
                BUDGET_FIELDS[left],
                budget.get(left),
                BUDGET_FIELDS[right],
                budget.get(right),
            ]
            write_row(sheet, row, values, start=2, money_columns=(3, 5))
            row += 1
    write_row(sheet, first, ["预算整体情况"], header=True)
    merge_down(sheet, 1, first, row - 1)
    return row


def _write_goal(sheet: Worksheet, row: int, goal: str | None) -> int:
    write_row(sheet, row, ["总体绩效目标"], header=True)
    write_row(sheet, row, [goal], start=2)
    merge_across(sheet, row, 2, WIDTH)
    fit_height(sheet, range(row, row + 1), goal, sum(WIDTHS[1:]))
    return row + 1


def _write_tasks(sheet: Worksheet, row: int, group: str, tasks: list[Task], unit: str) -> int:
    headers = [h.format(unit=unit) for h in TASK_HEADERS]
    write_row(sheet, row, [*headers, None, None, None, "原文行号"], start=2, header=True)
    merge_across(sheet, row, 6, WIDTH - 1)
    first = row
    for task in tasks:
        row += 1
        values: list[CellValue] = [task.number, task.name, task.content, task.amount]
        write_row(
            sheet,
            row,
            [*values, task.expected_outcome, None, None, None, task.source.line],
            start=2,
            money_columns=(5,),
        )
        merge_across(sheet, row, 6, WIDTH - 1)
        longest = max((task.content or "", task.expected_outcome or ""), key=len)
        fit_height(sheet, range(row, row + 1), longest, WIDTHS[3])
    write_row(sheet, first, [group], header=True)
    merge_down(sheet, 1, first, row)
    return row + 1


def _write_grid(
    sheet: Worksheet, row: int, indicators: list[Indicator], empty: list[CategoryRow]
) -> int:
    write_row(sheet, row, ["绩效指标"], header=True)
    merge_across(sheet, row, 1, WIDTH)
    write_row(sheet, row + 1, GRID_HEADERS, header=True)
    row += 2
    lines: list[tuple[int, list[CellValue]]] = [
        (i.source.line, _indicator_cells(i)) for i in indicators
    ]
    lines += [(c.source.line, [c.level1, c.level2, *[None] * 7, c.source.line]) for c in empty]
    for _, values in sorted(lines, key=lambda pair: pair[0]):
        write_row(sheet, row, values)
        fit_height(sheet, range(row, row + 1), str(values[2] or ""), WIDTHS[2])
        row += 1
    return row


def _indicator_cells(indicator: Indicator) -> list[CellValue]:
    annual = indicator.annual_target
    return [
        indicator.level1_as_written or indicator.level1,
        indicator.level2_as_written or indicator.level2,
        indicator.name,
        indicator.explanation,
        indicator.period_target.raw if indicator.period_target else None,
        annual.raw if annual else None,
        target_symbol(annual),
        target_value(annual),
        annual.unit if annual else None,
        indicator.source.line,
    ]
