"""The batch report as an XLSX workbook (``report.xlsx``).

Sheets: ``汇总`` (one row per document, linking to its sheet), one sheet per document laid out
like the standard table (:mod:`~jixiao.report.xlsx_project`,
:mod:`~jixiao.report.xlsx_department`), and ``审核意见`` (every finding: 文件, 严重程度, 代码,
项目, 指标, 行号, 说明, 原文) when the batch was reviewed. Document sheets are named after the
file (stem), made valid and unique.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePath

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Document, DocumentKind
from jixiao.report.data import ReportData
from jixiao.report.summary import summarize
from jixiao.report.xlsx_department import write_department_sheet
from jixiao.report.xlsx_project import write_project_sheet
from jixiao.report.xlsx_style import set_widths, setup_print, sheet_name, write_row
from jixiao.review.finding import Finding, Severity

SUMMARY_SHEET = "汇总"
FINDINGS_SHEET = "审核意见"
SUMMARY_HEADERS = (
    "文件",
    "工作表",
    "类型",
    "部门",
    "年度",
    "项目数",
    "指标数",
    "错误",
    "警告",
    "提示",
)
FINDING_HEADERS = ("文件", "严重程度", "代码", "项目", "指标", "行号", "说明", "原文")
_SEVERITY_FONTS = {
    Severity.ERROR: Font(color="B71C1C", bold=True),
    Severity.WARNING: Font(color="B35900", bold=True),
    Severity.INFO: Font(color="1565C0"),
}


def build_workbook(data: ReportData) -> Workbook:
    """The workbook for ``data`` (not yet saved)."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None  # a new workbook always has one sheet
    summary.title = SUMMARY_SHEET
    taken = {SUMMARY_SHEET.lower(), FINDINGS_SHEET.lower()}
    names = [_document_sheet(workbook, review.document, taken) for review in data.report.reviews]
    _write_summary(summary, data, names)
    if data.reviewed:
        _write_findings(workbook.create_sheet(FINDINGS_SHEET), data.report.findings)
    return workbook


def render_xlsx(data: ReportData) -> bytes:
    """The saved workbook for ``data`` as bytes."""
    buffer = BytesIO()
    build_workbook(data).save(buffer)
    return buffer.getvalue()


def _document_sheet(workbook: Workbook, document: Document, taken: set[str]) -> str:
    name = sheet_name(PurePath(document.file).stem, taken)
    sheet = workbook.create_sheet(name)
    if document.kind is DocumentKind.PROJECT:
        write_project_sheet(sheet, document)
    else:
        write_department_sheet(sheet, document)
    return name


def _write_summary(sheet: Worksheet, data: ReportData, names: list[str]) -> None:
    write_row(sheet, 1, SUMMARY_HEADERS, header=True)
    for row, (review, name) in enumerate(zip(data.report.reviews, names, strict=True), start=2):
        s = summarize(review)
        counts = [s.errors, s.warnings, s.infos] if data.reviewed else [None, None, None]
        values = [s.file, name, s.kind, s.department, s.fiscal_year]
        write_row(sheet, row, [*values, s.project_count, s.indicator_count, *counts])
        link = sheet.cell(row=row, column=2)
        quoted = name.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
        link.style = "Hyperlink"
    set_widths(sheet, (44, 28, 10, 28, 8, 8, 8, 8, 8, 8))
    sheet.freeze_panes = "A2"
    setup_print(sheet, "1:1")


def _write_findings(sheet: Worksheet, findings: list[Finding]) -> None:
    write_row(sheet, 1, FINDING_HEADERS, header=True)
    for row, f in enumerate(findings, start=2):
        values = [f.file, f.severity.label, f.code, f.project, f.indicator, f.source_line]
        write_row(sheet, row, [*values, f.message, f.source_text])
        sheet.cell(row=row, column=2).font = _SEVERITY_FONTS[f.severity]
    set_widths(sheet, (36, 9, 28, 28, 28, 7, 60, 40))
    sheet.freeze_panes = "A2"
    setup_print(sheet, "1:1")
    sheet.auto_filter.ref = f"A1:H{max(1, len(findings) + 1)}"
