"""自评表 workbooks (XLSX): each sheet that holds a 自评表 is read as tab-separated rows.

A sheet is taken when one of its cells names a 绩效自评表 or reads ``一级指标``; summary and
explanation sheets (``汇总``, ``计分说明`` of :mod:`jixiao.report.selfeval_xlsx`) are
skipped. Merged cells hold their value in the top-left cell only, as a copy from Excel gives
them, so :func:`jixiao.selfeval.tabbed.parse_tabbed` reads the rows; line numbers are sheet row
numbers and sources name ``file「sheet」``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.errors import UnreadableFileError
from jixiao.ingest.common import Issues
from jixiao.selfeval.draft import ParsedFile
from jixiao.selfeval.labels import compact, table_kind
from jixiao.selfeval.tabbed import parse_tabbed

SUFFIXES = (".xlsx", ".xlsm")


def parse_xlsx(path: Path) -> ParsedFile:
    """The 自评表 of every form sheet of the workbook at ``path``.

    Raises :class:`~jixiao.errors.UnreadableFileError` when the file is missing or not an
    XLSX workbook.
    """
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UnreadableFileError("文件不存在", str(path)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFileError(f"不是可读取的 Excel 工作簿（{error}）", str(path)) from None
    issues = Issues(str(path))
    tables = []
    try:
        for sheet in workbook.worksheets:
            text = sheet_text(sheet)
            if not _is_form(text):
                continue
            parsed = parse_tabbed(text, f"{path}「{sheet.title}」")
            for table in parsed.tables:
                table.file = parsed.issues.file
            tables.extend(parsed.tables)
            issues.items.extend(parsed.issues.items)
    finally:
        workbook.close()
    return ParsedFile(tables, issues)


def sheet_text(sheet: Worksheet) -> str:
    """The rows of ``sheet`` as tab-separated lines (line n = sheet row n)."""
    return "\n".join("\t".join(_cell(v) for v in row) for row in _rows(sheet))


def _rows(sheet: Worksheet) -> Iterator[tuple[object, ...]]:
    yield from sheet.iter_rows(values_only=True)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _is_form(text: str) -> bool:
    head = text[:20000]
    return any(table_kind(line) for line in head.splitlines()[:5]) or any(
        compact(cell) == "一级指标" for line in head.splitlines() for cell in line.split("\t")
    )
