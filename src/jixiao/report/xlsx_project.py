"""The 项目支出绩效目标表 sheet (REFERENCE.md §2.2, disclosure variant).

Columns: 项目名称（资金使用单位） | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 一级指标
| 二级指标 | 三级指标 | 实施周期指标值 | 年度指标值 | 原文行号. The 合计 row comes first, then
资金使用单位 subtotal rows and projects in source order; a project's name, amounts and goal are
merged down over its indicator rows. Amounts are numbers in the document's money unit.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Document, Indicator, Project, SubtotalRow
from jixiao.report.summary import document_title
from jixiao.report.xlsx_style import (
    BOLD,
    TOTAL_FILL,
    fit_height,
    merge_across,
    merge_down,
    set_widths,
    setup_print,
    write_notes,
    write_row,
    write_title,
)

HEADERS = (
    "项目名称（资金使用单位）",
    "总计",
    "财政拨款",
    "财政专户拨款",
    "其他资金",
    "绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "实施周期指标值",
    "年度指标值",
    "原文行号",
)
WIDTHS = (30, 12, 12, 12, 12, 48, 12, 14, 34, 16, 16, 9)
HEADER_ROW = 3
MONEY_COLUMNS = (2, 3, 4, 5)
_MERGED_COLUMNS = (1, 2, 3, 4, 5, 6)


def write_project_sheet(sheet: Worksheet, document: Document) -> None:
    """Lay ``document`` (a project table) out on ``sheet``."""
    write_title(sheet, document_title(document), len(HEADERS))
    sheet.cell(row=2, column=1, value=f"部门名称：{document.department or ''}").font = BOLD
    merge_across(sheet, 2, 1, 6)
    sheet.cell(row=2, column=len(HEADERS), value=f"单位：{document.money_unit.value}")
    write_row(sheet, HEADER_ROW, HEADERS, header=True)
    row = HEADER_ROW + 1
    for item in _rows_in_order(document):
        if isinstance(item, SubtotalRow):
            row = _write_subtotal(sheet, row, item)
        else:
            row = _write_project(sheet, row, item)
    write_notes(sheet, row, document.notes, len(HEADERS))
    set_widths(sheet, WIDTHS)
    sheet.freeze_panes = f"B{HEADER_ROW + 1}"
    setup_print(sheet, f"{HEADER_ROW}:{HEADER_ROW}")


def _rows_in_order(document: Document) -> list[Project | SubtotalRow]:
    rows: list[Project | SubtotalRow] = [*document.subtotals, *document.projects]
    return sorted(rows, key=lambda r: (not getattr(r, "grand_total", False), r.source.line))


def _amounts(item: Project | SubtotalRow) -> list[Decimal | None]:
    return [
        item.amount_total,
        item.fiscal_appropriation,
        item.special_account_funds,
        item.other_funds,
    ]


def _write_subtotal(sheet: Worksheet, row: int, item: SubtotalRow) -> int:
    values = [item.label, *_amounts(item), None, None, None, None, None, None, item.source.line]
    write_row(sheet, row, values, money_columns=MONEY_COLUMNS)
    for column in range(1, len(HEADERS) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.fill = TOTAL_FILL
        if item.grand_total:
            cell.font = BOLD
    return row + 1


def _write_project(sheet: Worksheet, row: int, project: Project) -> int:
    """Write ``project`` from ``row``; return the next free row."""
    indicators: list[Indicator | None] = list(project.indicators) or [None]
    head: list[str | Decimal | None] = [project.name, *_amounts(project), project.goal]
    for offset, indicator in enumerate(indicators):
        cells = head if offset == 0 else [None] * len(head)
        values = [*cells, *_indicator_cells(indicator, project)]
        write_row(sheet, row + offset, values, money_columns=MONEY_COLUMNS)
        if indicator is not None:
            fit_height(sheet, range(row + offset, row + offset + 1), indicator.name, WIDTHS[8])
    last = row + len(indicators) - 1
    for column in _MERGED_COLUMNS:
        merge_down(sheet, column, row, last)
    fit_height(sheet, range(row, last + 1), project.goal, WIDTHS[5])
    return last + 1


def _indicator_cells(indicator: Indicator | None, project: Project) -> list[str | int | None]:
    if indicator is None:
        return [None, None, None, None, None, project.source.line]
    return [
        indicator.level1_as_written or indicator.level1,
        indicator.level2_as_written or indicator.level2,
        indicator.name,
        indicator.period_target.raw if indicator.period_target else None,
        indicator.annual_target.raw if indicator.annual_target else None,
        indicator.source.line,
    ]
