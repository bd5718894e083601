"""Open an actuals file (XLSX or CSV) as plain tables of cell values.

Nothing here raises on bad input: a file that cannot be read is reported through the
``report`` callback (one Chinese sentence) and ``None`` is returned.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jixiao.actuals import Period
from jixiao.actuals_xlsx.cells import CellValue, text, whole
from jixiao.actuals_xlsx.layout import INFO_SHEET

Report = Callable[[str], None]
"""Receives the Chinese reason a file cannot be read."""

_XLSX_ERRORS = (
    zipfile.BadZipFile,  # not a ZIP, truncated
    zlib.error,  # damaged compressed data
    EOFError,
    SyntaxError,  # xml.etree.ElementTree.ParseError: damaged sheet XML
    InvalidFileException,  # a ZIP that is not a workbook
    KeyError,  # a part of the package is missing
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    NotImplementedError,  # unsupported features met in damaged XML
    OSError,
)
"""What openpyxl and zipfile raise for damaged or foreign packages (found by fuzzing a
template: ``tests/monitoring/test_actuals_xlsx_bad_input.py``)."""


@dataclass(slots=True)
class Table:
    """One sheet (or a CSV file): ``rows[i]`` is sheet row ``i + 1``. ``letters`` is ``True``
    for XLSX (columns named A, B …) and ``False`` for CSV (columns numbered)."""

    name: str
    rows: list[list[CellValue]]
    letters: bool = True


def load_tables(source: str | Path | BinaryIO, report: Report) -> list[Table] | None:
    """The tables of ``source`` (path or binary stream): every worksheet of an XLSX file, or
    the one table of a CSV file (UTF-8 or GB18030, comma- or tab-separated)."""
    data = _read_bytes(source, report)
    if data is None:
        return None
    if not data.strip():
        report("文件为空")
        return None
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_tables(data, report)
    return _csv_tables(data, report)


def _read_bytes(source: str | Path | BinaryIO, report: Report) -> bytes | None:
    try:
        if isinstance(source, str | Path):
            return Path(source).read_bytes()
        return source.read()
    except FileNotFoundError:
        report("文件不存在")
    except OSError as error:
        report(f"无法读取文件（{error.strerror or type(error).__name__}）")
    return None


def _xlsx_tables(data: bytes, report: Report) -> list[Table] | None:
    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops on reading
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        tables = [
            Table(sheet.title, [[_xlsx_value(cell) for cell in row] for row in sheet.iter_rows()])
            for sheet in workbook.worksheets
        ]
    except _XLSX_ERRORS as error:
        report(f"不是有效的 XLSX 文件，无法打开（{type(error).__name__}）")
        return None
    workbook.close()
    return tables


def _xlsx_value(cell: object) -> CellValue:
    """A cell as text, Decimal or date. A number shown as a percentage (typed ``95%``, stored
    0.95) becomes points (95)."""
    value = getattr(cell, "value", None)
    if value is None or isinstance(value, str | datetime | date):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))
        return number * 100 if "%" in str(getattr(cell, "number_format", "")) else number
    return str(value)


def _csv_tables(data: bytes, report: Report) -> list[Table] | None:
    decoded = _decode(data)
    if decoded is None or "\x00" in decoded:
        report("不是 XLSX 或 CSV 文件（无法按 UTF-8 或 GB18030 文本读取）")
        return None
    dialect = "excel-tab" if decoded.count("\t") > decoded.count(",") else "excel"
    rows: list[list[CellValue]] = [list(row) for row in csv.reader(io.StringIO(decoded), dialect)]
    return [Table("CSV", rows, letters=False)]


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def info_period(tables: list[Table]) -> Period | None:
    """The period on the ``填报说明`` sheet (``监控年度``, ``截至月份`` in columns A/B)."""
    for table in tables:
        if table.name != INFO_SHEET:
            continue
        values = {text(row[0]).strip(): row[1] for row in table.rows if len(row) >= 2 and row[0]}
        year, month = whole(values.get("监控年度")), whole(values.get("截至月份"))
        if year is not None and month is not None and 1 <= month <= 12:
            return Period(year, month)
    return None
