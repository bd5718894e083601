"""The actuals spreadsheet: a template departments fill in during the year, and its reader.

:func:`write_template` writes an XLSX with one row per indicator of a declared
:class:`~jixiao.model.Document` (sheet ``指标完成情况``), one row for the department and one
per project (sheet ``预算执行情况``, money in **万元**) and a ``填报说明`` sheet with the
monitoring period. Columns follow the 136号 monitoring table (REFERENCE.md §2.6, §5;
财预〔2019〕136号); ``docs/actuals-template.md`` documents them.

:func:`read_actuals` reads a filled template, or a CSV with the same headers, into
:class:`~jixiao.actuals.Actuals`. It never raises on bad input: an unreadable file, a missing
column or a bad cell becomes an :class:`ActualsProblem` naming the sheet, row and column in
Chinese, and every other row still imports.

Modules: :mod:`.layout` (sheets, columns, problem catalogue), :mod:`.template` (writer),
:mod:`.files` (XLSX/CSV → tables), :mod:`.cells` (numbers, months, choice lists),
:mod:`.reader` (tables → actuals).
"""

from jixiao.actuals_xlsx.layout import (
    BUDGET_COLUMNS,
    BUDGET_SHEET,
    DEPARTMENT_PATH_CELL,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    INFO_SHEET,
    PROBLEM_TITLES,
    ActualsProblem,
    Column,
)
from jixiao.actuals_xlsx.reader import read_actuals
from jixiao.actuals_xlsx.template import write_template

__all__ = [
    "BUDGET_COLUMNS",
    "BUDGET_SHEET",
    "DEPARTMENT_PATH_CELL",
    "INDICATOR_COLUMNS",
    "INDICATOR_SHEET",
    "INFO_SHEET",
    "PROBLEM_TITLES",
    "ActualsProblem",
    "Column",
    "read_actuals",
    "write_template",
]
