"""The 自评表 as an XLSX workbook, laid out as the official forms (财预〔2020〕10号 annex;
REFERENCE.md §2.4 项目支出绩效自评表, §2.5 部门整体支出绩效自评表).

Sheets: ``汇总`` (one row per table: 总分, 等级, a link to its sheet), one sheet per
:class:`~jixiao.report.selfeval_form.SelfEvaluationForm` named after the project, and
``计分说明`` (every score's rule and arithmetic). A form sheet has nine columns (A–I)::

    A               B–C              D        E        F        G      H       I
    项目名称        (B–I) name
    主管部门        (B–D)            E 实施单位  (F–I)
    项目资金（万元） 年度资金总额      年初预算数 全年预算数 全年执行数 分值  执行率  得分
    年度总体目标    预期目标 (B–E)                      实际完成情况 (F–I)
    绩效指标        一级指标  二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
    总分 (A–F)                                                   G 分值 H 得分
    等级 (A–F)                                                   G–I 优/良/中/差

with merged category cells, thin borders and A4 landscape print setup (as the target-table
sheets of :mod:`jixiao.report.xlsx_style`). Money is 万元 (``#,##0.00``), points ``0.00``.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.report.selfeval_form import (
    FUND_COLUMNS,
    INDICATOR_COLUMNS,
    NOT_FILLED,
    FundLine,
    SelfEvaluationForm,
    rate_text,
)
from jixiao.report.xlsx_style import (
    BOLD,
    BORDER,
    CENTER,
    HEADER_FILL,
    MONEY_FORMAT,
    TITLE_FONT,
    WRAP,
    CellValue,
    cell_value,
    fit_height,
    set_widths,
    setup_print,
    sheet_name,
    write_row,
)

SUMMARY_SHEET = "汇总"
EXPLANATION_SHEET = "计分说明"
WIDTHS = (12, 14, 14, 30, 14, 14, 10, 10, 32)
"""Widths of columns A–I of a form sheet (characters)."""
POINTS_FORMAT = "0.00"
LAST = 9
SUMMARY_HEADERS = ("序号", "项目名称", "预算执行率得分", "绩效指标得分", "总分", "等级", "工作表")
EXPLANATION_HEADERS = (
    "项目名称",
    "路径",
    "指标",
    "分值",
    "得分",
    "规则",
    "规则说明",
    "计分过程",
    "标记",
    "问题",
)
DASH = "—"


def build_selfeval_workbook(forms: Sequence[SelfEvaluationForm]) -> Workbook:
    """The workbook of ``forms`` (not yet saved): 汇总, one sheet per form, 计分说明."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None  # a new workbook always has one sheet
    summary.title = SUMMARY_SHEET
    taken = {SUMMARY_SHEET.lower(), EXPLANATION_SHEET.lower()}
    names = []
    for form in forms:
        name = sheet_name(form.name or form.title, taken)
        write_form_sheet(workbook.create_sheet(name), form)
        names.append(name)
    _write_summary(summary, forms, names)
    _write_explanations(workbook.create_sheet(EXPLANATION_SHEET), forms)
    return workbook


def render_selfeval_xlsx(forms: Sequence[SelfEvaluationForm]) -> bytes:
    """The saved workbook of ``forms`` as bytes."""
    buffer = BytesIO()
    build_selfeval_workbook(forms).save(buffer)
    return buffer.getvalue()


def write_form_sheet(sheet: Worksheet, form: SelfEvaluationForm) -> None:
    """Lay ``form`` out on ``sheet`` as the official 自评表."""
    set_widths(sheet, WIDTHS)
    row = _header(sheet, form)
    row = _funds(sheet, form, row)
    row = _goal(sheet, form, row)
    row = _indicators(sheet, form, row)
    row = _footer(sheet, form, row)
    if form.narrative is not None:
        narrative = form.narrative
        for label, text in (
            ("评价结论", narrative.conclusion),
            ("存在问题", narrative.problems),
            ("改进措施", narrative.measures),
        ):
            _label(sheet, row, 1, 1, label)
            _text(sheet, row, 2, LAST, text)
            fit_height(sheet, range(row, row + 1), text, sum(WIDTHS[1:]))
            row += 1
    setup_print(sheet)
    sheet.print_options.horizontalCentered = True


def _header(sheet: Worksheet, form: SelfEvaluationForm) -> int:
    cell = sheet.cell(row=1, column=1, value=form.title)
    cell.font, cell.alignment = TITLE_FONT, CENTER
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=LAST)
    sheet.row_dimensions[1].height = 28
    sheet.cell(row=2, column=1, value=form.year_label).alignment = CENTER
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=LAST - 1)
    sheet.cell(row=2, column=LAST, value="金额单位：万元")
    _label(sheet, 3, 1, 1, form.name_label)
    _text(sheet, 3, 2, LAST, form.name)
    _label(sheet, 4, 1, 1, "主管部门")
    _text(sheet, 4, 2, 4, form.supervising_department)
    _label(sheet, 4, 5, 5, "实施单位")
    _text(sheet, 4, 6, LAST, form.implementing_unit)
    return 5


def _funds(sheet: Worksheet, form: SelfEvaluationForm, row: int) -> int:
    _label(sheet, row, 2, 3, "")
    for offset, heading in enumerate(FUND_COLUMNS):
        _label(sheet, row, 4 + offset, 4 + offset, heading)
    for offset, line in enumerate(form.funds, start=1):
        _label(sheet, row + offset, 2, 3, line.label)
        for column, value, number_format in _fund_cells(line):
            _value(sheet, row + offset, column, value, number_format)
    last = row + len(form.funds)
    _label(sheet, row, 1, 1, form.funds_label, last_row=last)
    return last + 1


def _fund_cells(line: FundLine) -> list[tuple[int, CellValue, str | None]]:
    cells: list[tuple[int, CellValue, str | None]] = [
        (4, line.initial, MONEY_FORMAT),
        (5, line.budget, MONEY_FORMAT),
        (6, line.executed, MONEY_FORMAT),
    ]
    if line.scored:
        cells += [(7, line.weight, POINTS_FORMAT), (8, rate_text(line.rate_pct), None)]
        cells.append((9, line.points, POINTS_FORMAT))
    else:
        cells += [(7, DASH, None), (8, DASH, None), (9, DASH, None)]
    return cells


def _goal(sheet: Worksheet, form: SelfEvaluationForm, row: int) -> int:
    _label(sheet, row, 1, 1, "年度总体目标", last_row=row + 1)
    _label(sheet, row, 2, 5, "预期目标")
    _label(sheet, row, 6, LAST, "实际完成情况")
    _text(sheet, row + 1, 2, 5, form.goal_expected or NOT_FILLED)
    _text(sheet, row + 1, 6, LAST, form.goal_actual or NOT_FILLED)
    longest = max(len(form.goal_expected), len(form.goal_actual))
    text = form.goal_expected if len(form.goal_expected) == longest else form.goal_actual
    fit_height(sheet, range(row + 1, row + 2), text, sum(WIDTHS[1:5]))
    return row + 2


def _indicators(sheet: Worksheet, form: SelfEvaluationForm, row: int) -> int:
    for offset, heading in enumerate(INDICATOR_COLUMNS):
        _label(sheet, row, 2 + offset, 2 + offset, heading)
    first = row
    for line in form.lines:
        row += 1
        score = line.row
        if line.level1_span:
            _text(sheet, row, 2, 2, line.level1_label, last_row=row + line.level1_span - 1)
        if line.level2_span:
            _text(sheet, row, 3, 3, line.level2_label, last_row=row + line.level2_span - 1)
        _text(sheet, row, 4, 4, score.name)
        _text(sheet, row, 5, 5, score.target_text)
        _text(sheet, row, 6, 6, score.actual_text)
        _value(sheet, row, 7, score.weight, POINTS_FORMAT)
        _value(sheet, row, 8, score.score, POINTS_FORMAT)
        _text(sheet, row, 9, 9, line.reason)
        fit_height(sheet, range(row, row + 1), max(score.name, line.reason, key=len), 30)
    _label(sheet, first, 1, 1, "绩效指标", last_row=row)
    return row + 1


def _footer(sheet: Worksheet, form: SelfEvaluationForm, row: int) -> int:
    _label(sheet, row, 1, 6, "总分")
    _value(sheet, row, 7, form.total_weight, POINTS_FORMAT)
    _value(sheet, row, 8, form.total, POINTS_FORMAT)
    _text(sheet, row, 9, 9, "")
    for column in (7, 8):
        sheet.cell(row=row, column=column).font = BOLD
    _label(sheet, row + 1, 1, 6, "等级")
    _text(sheet, row + 1, 7, LAST, form.grade.value)
    sheet.cell(row=row + 1, column=7).font = BOLD
    return row + 2


def _label(
    sheet: Worksheet, row: int, first: int, last: int, text: str, *, last_row: int | None = None
) -> None:
    """A heading cell (bold, grey, centred) over columns ``first``..``last`` and rows
    ``row``..``last_row``."""
    _merged(sheet, row, first, last, last_row or row)
    cell = sheet.cell(row=row, column=first, value=cell_value(text) if text else None)
    cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, CENTER


def _text(
    sheet: Worksheet, row: int, first: int, last: int, text: str, *, last_row: int | None = None
) -> None:
    """A wrapped text cell over columns ``first``..``last`` and rows ``row``..``last_row``."""
    _merged(sheet, row, first, last, last_row or row)
    cell = sheet.cell(row=row, column=first, value=cell_value(text) if text else None)
    if cell.data_type == "f":  # text such as "=100" is a value, never a formula
        cell.data_type = "s"
    cell.alignment = WRAP


def _value(sheet: Worksheet, row: int, column: int, value: CellValue, fmt: str | None) -> None:
    cell = sheet.cell(row=row, column=column, value=cell_value(value))
    cell.border, cell.alignment = BORDER, CENTER
    if fmt is not None and not isinstance(value, str):
        cell.number_format = fmt


def _merged(sheet: Worksheet, row: int, first: int, last: int, last_row: int) -> None:
    """Border every cell of the block and merge it when it is larger than one cell."""
    for r in range(row, last_row + 1):
        for column in range(first, last + 1):
            sheet.cell(row=r, column=column).border = BORDER
    if last > first or last_row > row:
        sheet.merge_cells(start_row=row, start_column=first, end_row=last_row, end_column=last)


def _write_summary(sheet: Worksheet, forms: Sequence[SelfEvaluationForm], names: list[str]) -> None:
    write_row(sheet, 1, SUMMARY_HEADERS, header=True)
    for row, (form, name) in enumerate(zip(forms, names, strict=True), start=2):
        evaluation = form.evaluation
        values: list[CellValue] = [
            row - 1,
            form.name,
            evaluation.budget.points,
            evaluation.rows_total,
            form.total,
            form.grade.value,
            name,
        ]
        write_row(sheet, row, values)
        for column in (3, 4, 5):
            sheet.cell(row=row, column=column).number_format = POINTS_FORMAT
        link = sheet.cell(row=row, column=7)
        quoted = name.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
        link.style = "Hyperlink"
    set_widths(sheet, (6, 44, 14, 14, 10, 8, 28))
    sheet.freeze_panes = "A2"
    setup_print(sheet, "1:1")


def _write_explanations(sheet: Worksheet, forms: Sequence[SelfEvaluationForm]) -> None:
    write_row(sheet, 1, EXPLANATION_HEADERS, header=True)
    row = 2
    for form in forms:
        for line in form.explanations:
            values: list[CellValue] = [
                form.name,
                line.path,
                line.item,
                line.weight,
                line.score,
                line.rule,
                line.rule_label,
                line.explanation,
                line.marks,
                "；".join(line.problems),
            ]
            write_row(sheet, row, values)
            for column in (4, 5):
                sheet.cell(row=row, column=column).number_format = POINTS_FORMAT
            row += 1
    set_widths(sheet, (30, 24, 30, 8, 8, 14, 40, 60, 16, 40))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:J{max(1, row - 1)}"
    setup_print(sheet, "1:1")
