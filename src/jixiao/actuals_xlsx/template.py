"""Write the actuals template (XLSX) for one declared document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.actuals import DeviationReason, Likelihood, Period, QualitativeGrade
from jixiao.actuals_xlsx.cells import CellValue
from jixiao.actuals_xlsx.layout import (
    BUDGET_COLUMNS,
    BUDGET_SHEET,
    DEPARTMENT_LABEL,
    DEPARTMENT_PATH_CELL,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    INFO_SHEET,
    REASON_SEPARATOR,
    Column,
    column_letter,
)
from jixiao.model import Document, Indicator, to_wan_yuan
from jixiao.monitoring.budget import declared_budget
from jixiao.paths import iter_indicators, project_path
from jixiao.targets import format_target

_HEADER_FONT: Final = Font(bold=True)
_HEADER_FILL: Final = PatternFill("solid", fgColor="DDE3EA")
_INPUT_FILL: Final = PatternFill("solid", fgColor="FFF7DD")
_WRAP: Final = Alignment(wrap_text=True, vertical="top")
_UNLOCKED: Final = Protection(locked=False)
_MONEY_FORMAT: Final = "#,##0.00"

INSTRUCTIONS: Final = (
    "只填黄色底色的列；其他列来自申报表，已锁定（无密码，仅防误改）。隐藏的“路径”列请勿改动。",
    "累计完成值：截至月份末的累计数，单位同年度指标值；百分比填点数（95 表示 95%）。",
    "定性指标不填累计完成值，在“定性评价”中选一项；定量指标暂无数字时也可只选定性评价。",
    f"偏差原因：{REASON_SEPARATOR.join(r.value for r in DeviationReason)}，可多选，"
    f"用“{REASON_SEPARATOR}”分隔；红灯、黄灯指标须填偏差原因或原因说明（财预〔2019〕136号）。",
    f"完成目标可能性：{REASON_SEPARATOR.join(v.value for v in Likelihood)}。",
    f"定性评价：{REASON_SEPARATOR.join(g.value for g in QualitativeGrade)}。",
    "预算执行情况：金额单位为万元；全年预算数已按申报表预填，有调整的改为调整后预算数；"
    "路径“/”为部门整体。",
    "累计完成值、全年预计完成值、偏差原因、原因说明、完成目标可能性、定性评价都未填的行视为未填报。",
)
"""The instructions printed on the ``填报说明`` sheet."""


def write_template(document: Document, target: str | Path | BinaryIO, as_of: Period) -> None:
    """Write the actuals template of ``document`` for the period ``as_of`` to ``target`` (a
    file path or a binary stream).

    Sheets: ``指标完成情况`` (one row per indicator in :func:`~jixiao.paths.iter_indicators`
    order, :data:`~jixiao.actuals_xlsx.layout.INDICATOR_COLUMNS`, 截至月份 pre-filled),
    ``预算执行情况`` (department, then each project; 全年预算数 pre-filled from the
    declaration in 万元) and ``填报说明`` (period and instructions). Read-only columns are
    locked by sheet protection without password (only against accidental edits) and 路径 is
    hidden. Raises :class:`OSError` if ``target`` cannot be written.
    """
    workbook = Workbook()
    indicators = workbook.active
    assert indicators is not None
    indicators.title = INDICATOR_SHEET
    indicator_rows = list(_indicator_rows(document, as_of))
    _fill_sheet(indicators, INDICATOR_COLUMNS, indicator_rows)
    _add_indicator_validations(indicators, len(indicator_rows))
    budget = workbook.create_sheet(BUDGET_SHEET)
    budget_rows = list(_budget_rows(document, as_of))
    _fill_sheet(budget, BUDGET_COLUMNS, budget_rows)
    _add_month_validation(budget, column_letter(BUDGET_COLUMNS, "month"), len(budget_rows))
    _write_info(workbook.create_sheet(INFO_SHEET), document, as_of)
    workbook.save(target)  # a path or a binary stream


def _indicator_rows(document: Document, as_of: Period) -> Iterator[list[CellValue]]:
    for ref in iter_indicators(document):
        indicator = ref.indicator
        yield [
            ref.path, ref.project.name if ref.project else DEPARTMENT_LABEL,
            indicator.level1 or indicator.level1_as_written,
            indicator.level2 or indicator.level2_as_written, indicator.name,
            _target_text(indicator), Decimal(as_of.month),
        ]  # fmt: skip


def _target_text(indicator: Indicator) -> str:
    target = indicator.annual_target
    if target is None:
        return ""
    return target.raw if target.qualitative else format_target(target)


def _budget_rows(document: Document, as_of: Period) -> Iterator[list[CellValue]]:
    """Department row (path ``/``), then one per project; budgets in 万元."""
    name = (
        f"{DEPARTMENT_LABEL}（{document.department}）" if document.department else DEPARTMENT_LABEL
    )
    month = Decimal(as_of.month)
    yield [DEPARTMENT_PATH_CELL, name, declared_budget(document, "")[0], None, month]
    for index, project in enumerate(document.projects):
        amount = project.amount_total
        budget = to_wan_yuan(amount, document.money_unit) if amount is not None else None
        yield [project_path(index), project.name, budget, None, month]


def _fill_sheet(sheet: Worksheet, columns: Sequence[Column], rows: list[list[CellValue]]) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=column.header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    for row_number, values in enumerate(rows, start=2):
        for number, column in enumerate(columns, start=1):
            value = values[number - 1] if number <= len(values) else None
            cell = sheet.cell(row=row_number, column=number, value=_excel(value))
            cell.alignment = _WRAP
            if column.filled:
                cell.fill, cell.protection = _INPUT_FILL, _UNLOCKED
            if "万元" in column.header:
                cell.number_format = _MONEY_FORMAT
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    _protect(sheet)


def _excel(value: CellValue) -> str | int | float | datetime | date | None:
    """Decimals as Excel numbers; text without the control characters XLSX cannot hold."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _protect(sheet: Worksheet) -> None:
    """Lock read-only cells against accidental edits (no password); formatting, filtering
    and sorting stay allowed."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.formatCells = False
    protection.autoFilter = protection.sort = False


def _list_validation(
    values: Iterable[str], title: str, prompt: str, *, strict: bool
) -> DataValidation:
    """A drop-down list; ``strict`` refuses other values (偏差原因 is not strict, so that
    several can be written separated by 、)."""
    return DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
        showInputMessage=True, promptTitle=title, prompt=prompt,
        showErrorMessage=strict, errorTitle=title, error=f"请从下拉列表中选择{title}",
    )  # fmt: skip


def _add_indicator_validations(sheet: Worksheet, count: int) -> None:
    if count == 0:
        return
    reasons = _list_validation(
        (r.value for r in DeviationReason), "偏差原因",
        f"可多选，用“{REASON_SEPARATOR}”分隔，如：经费保障{REASON_SEPARATOR}人员保障。红灯、黄灯指标必填。",
        strict=False,
    )  # fmt: skip
    likelihood = _list_validation(
        (v.value for v in Likelihood), "完成目标可能性", "选择一项", strict=True
    )
    grade = _list_validation(
        (g.value for g in QualitativeGrade), "定性评价", "定性指标选择一项", strict=True
    )
    numbers = DataValidation(
        showInputMessage=True, promptTitle="数值", prompt="填数字；百分比填点数，95 表示 95%"
    )
    for validation, key in ((reasons, "reasons"), (likelihood, "likelihood"), (grade, "grade")):
        _add(sheet, validation, column_letter(INDICATOR_COLUMNS, key), count)
    _add(sheet, numbers, column_letter(INDICATOR_COLUMNS, "completed"), count)
    _add(sheet, numbers, column_letter(INDICATOR_COLUMNS, "expected"), count)
    _add_month_validation(sheet, column_letter(INDICATOR_COLUMNS, "month"), count)


def _add_month_validation(sheet: Worksheet, letter: str, count: int) -> None:
    validation = DataValidation(
        type="whole", operator="between", formula1="1", formula2="12", allow_blank=True,
        showErrorMessage=True, errorTitle="截至月份", error="截至月份应为 1-12 的整数",
    )  # fmt: skip
    _add(sheet, validation, letter, count)


def _add(sheet: Worksheet, validation: DataValidation, letter: str, count: int) -> None:
    """Apply ``validation`` to rows 2 … ``count + 1`` of column ``letter``."""
    if validation not in sheet.data_validations.dataValidation:
        sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{count + 1}")


def _write_info(sheet: Worksheet, document: Document, as_of: Period) -> None:
    """``填报说明``: labels in column A, values in B (the reader reads 监控年度, 截至月份)."""
    rows: list[tuple[str, CellValue]] = [
        ("绩效运行监控填报表", "预算执行进度和绩效目标实现程度“双监控”（财预〔2019〕136号）"),
        ("单位", document.department or ""),
        ("申报表文件", document.file),
        ("监控年度", Decimal(as_of.year)),
        ("截至月份", Decimal(as_of.month)),
        ("监控期间", as_of.label),
    ]
    rows.extend(("说明" if i == 0 else "", line) for i, line in enumerate(INSTRUCTIONS))
    for number, (label, value) in enumerate(rows, start=1):
        sheet.cell(row=number, column=1, value=label).font = _HEADER_FONT
        sheet.cell(row=number, column=2, value=_excel(value)).alignment = _WRAP
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 100
