"""Cell styles and small writing helpers shared by the XLSX sheets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

MONEY_FORMAT = "#,##0.00"
"""Number format of amounts (in the document's money unit)."""

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="999999")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

CellValue = str | int | float | Decimal | None

MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def money(amount: Decimal | None) -> float | None:
    """An amount as an Excel number (``None`` stays an empty cell)."""
    return None if amount is None else float(amount)


def cell_value(value: CellValue) -> str | int | float | None:
    """``value`` as openpyxl stores it: Decimals become floats (or ints when whole); control
    characters that XLSX cannot hold are dropped from text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_row(
    sheet: Worksheet,
    row: int,
    values: Sequence[CellValue],
    *,
    start: int = 1,
    header: bool = False,
    money_columns: Iterable[int] = (),
) -> None:
    """Write ``values`` into ``row`` from column ``start`` (1-based), bordered and wrapped.

    ``header`` makes the cells bold on a grey fill; ``money_columns`` (1-based sheet column
    numbers) get :data:`MONEY_FORMAT`.
    """
    money_set = set(money_columns)
    for offset, value in enumerate(values):
        cell = sheet.cell(row=row, column=start + offset, value=cell_value(value))
        if cell.data_type == "f":  # text such as "=100" is a value, never a formula
            cell.data_type = "s"
        cell.border = BORDER
        cell.alignment = CENTER if header else WRAP
        if header:
            cell.font = BOLD
            cell.fill = HEADER_FILL
        if start + offset in money_set:
            cell.number_format = MONEY_FORMAT


def write_title(sheet: Worksheet, text: str, width: int) -> None:
    """A bold title in row 1, merged over ``width`` columns."""
    sheet.cell(row=1, column=1, value=text).font = TITLE_FONT
    sheet.cell(row=1, column=1).alignment = CENTER
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 28


def merge_down(sheet: Worksheet, column: int, first: int, last: int) -> None:
    """Merge column ``column`` over rows ``first``..``last`` (no-op for one row)."""
    if last > first:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def merge_across(sheet: Worksheet, row: int, first: int, last: int) -> None:
    """Merge row ``row`` over columns ``first``..``last`` (no-op for one column)."""
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in characters, column A first."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def wrapped_height(text: str | None, width_chars: float) -> float:
    """Points needed to show ``text`` wrapped in a cell ``width_chars`` wide (Chinese
    characters count as two), 15 points a line, at most Excel's 409."""
    if not text:
        return 15
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    lines = max(1, -(-units // max(1, int(width_chars))), text.count("\n") + 1)
    return float(min(409, 15 * lines))


def fit_height(sheet: Worksheet, rows: range, text: str | None, width_chars: float) -> None:
    """Grow ``rows`` so that together they show ``text`` wrapped in ``width_chars``."""
    share = wrapped_height(text, width_chars) / max(1, len(rows))
    for row in rows:
        current = sheet.row_dimensions[row].height or 15
        sheet.row_dimensions[row].height = max(current, share)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name from ``wanted``: no ``[]:*?/\\``, no leading or trailing
    apostrophe, at most 31 characters, not in ``taken`` (compared case-insensitively, as
    Excel does). The chosen name is added to ``taken`` (lower-cased)."""
    base = _FORBIDDEN.sub("_", wanted).strip("'").strip() or "表"
    base = base[:MAX_SHEET_NAME]
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        suffix = f"~{number}"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def write_notes(sheet: Worksheet, row: int, notes: Sequence[str], width: int) -> int:
    """The table's printed notes (``注：……``) one a row from ``row``, merged over ``width``
    columns; returns the next free row."""
    for note in notes:
        sheet.cell(row=row, column=1, value=cell_value(note)).alignment = WRAP
        merge_across(sheet, row, 1, width)
        row += 1
    return row


def setup_print(sheet: Worksheet, title_rows: str | None = None) -> None:
    """Print on A4 landscape, all columns on one page wide, repeating ``title_rows``
    (e.g. ``"3:3"``) on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = title_rows
