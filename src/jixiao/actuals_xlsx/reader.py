"""Read a filled actuals template back into :class:`~jixiao.actuals.Actuals`.

Tables are recognised by their header row (within the first 10 rows), not by sheet name:
a row with ``累计完成值`` starts an indicator table, one with ``累计执行数（万元）`` a budget
table. Columns are found by header text (width and white space ignored), so reordered
columns still read. A row is skipped, with a problem, only when it cannot be attached to an
item (unknown or missing path, duplicate) or, in the budget table, when 累计执行数 is not a
number; any other bad cell is reported and left out while the rest of the row imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Final, TypeVar

from openpyxl.utils import get_column_letter

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
    QualitativeGrade,
)
from jixiao.actuals_xlsx import cells
from jixiao.actuals_xlsx.cells import CellValue
from jixiao.actuals_xlsx.files import Table, info_period, load_tables
from jixiao.actuals_xlsx.layout import (
    BUDGET_COLUMNS,
    DEPARTMENT_LABEL,
    DEPARTMENT_PATH_CELL,
    INDICATOR_COLUMNS,
    ActualsProblem,
)
from jixiao.model import Document
from jixiao.paths import iter_indicators, project_path

T = TypeVar("T")
E = TypeVar("E", Likelihood, QualitativeGrade)

_HEADERS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "indicator": MappingProxyType({c.key: c.header for c in INDICATOR_COLUMNS}),
        "budget": MappingProxyType({c.key: c.header for c in BUDGET_COLUMNS}),
    }
)
_MARKERS: Final = (("indicator", "累计完成值"), ("budget", "累计执行数(万元)"))
_HEADER_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "全年预算数": "全年预算数(万元)",
        "累计执行数": "累计执行数(万元)",
        "项目/部门名称": "项目/部门",
    }
)
_REQUIRED: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"indicator": ("path", "completed"), "budget": ("path", "executed")}
)
_REPORTED: Final = ("completed", "expected", "reasons", "reason_text", "likelihood", "grade")
_PATHS: Final[Mapping[str, re.Pattern[str]]] = MappingProxyType(
    {
        "indicator": re.compile(r"(?:projects/\d+/)?indicators/\d+"),
        "budget": re.compile(r"projects/\d+"),
    }
)


@dataclass(slots=True)
class _Reader:
    """State of one :func:`read_actuals` call: known paths and the problems so far."""

    file: str
    known_paths: frozenset[str] | None
    by_name: Mapping[tuple[str, str], list[str]]
    as_of: Period | None
    problems: list[ActualsProblem] = field(default_factory=list)
    seen: set[tuple[str, Period | None]] = field(default_factory=set)

    def file_problem(self, code: str, detail: str) -> None:
        self.problems.append(ActualsProblem(code, f"文件 {self.file}：{detail}", self.file))


def read_actuals(
    source: str | Path | BinaryIO,
    *,
    file_label: str,
    document: Document | None = None,
    as_of: Period | None = None,
) -> tuple[Actuals, list[ActualsProblem]]:
    """Read a filled actuals template (XLSX, or CSV with the same headers) from ``source``.

    * ``file_label`` names the file in problem messages.
    * ``document``: when given, paths are checked against it (a path it lacks is an
      ``actuals-unknown-path`` problem and the row is skipped), and a row whose 路径 was
      cleared is matched by 项目 + 三级指标 when that is unique.
    * ``as_of``: period of rows without 截至月份, and the year of a bare month; when
      ``None``, the ``填报说明`` sheet's 监控年度/截至月份 (a CSV file without it needs months
      written as ``2025-07``). It becomes ``Actuals.as_of``.

    Returns the actuals and the problems (:class:`ActualsProblem`, in file order). Never
    raises on bad content: a missing, empty or foreign file gives one
    ``actuals-unreadable-file`` problem and empty actuals.
    """
    reader = _Reader(file_label, _known_paths(document), _paths_by_name(document), as_of)
    tables = load_tables(source, lambda why: reader.file_problem("actuals-unreadable-file", why))
    if tables is None:
        return Actuals(as_of=as_of), reader.problems
    reader.as_of = as_of or info_period(tables)
    actuals = Actuals(as_of=reader.as_of)
    found = [_read_table(table, reader, actuals) for table in tables]
    if not any(found):
        reader.file_problem(
            "actuals-no-table",
            "未找到填报表（需要含“累计完成值”列的指标表，或含“累计执行数（万元）”列的预算表）",
        )
    return actuals, reader.problems


def _known_paths(document: Document | None) -> frozenset[str] | None:
    if document is None:
        return None
    projects = {project_path(i) for i in range(len(document.projects))}
    return frozenset({ref.path for ref in iter_indicators(document)} | projects)


def _paths_by_name(document: Document | None) -> Mapping[tuple[str, str], list[str]]:
    result: dict[tuple[str, str], list[str]] = {}
    for ref in iter_indicators(document) if document is not None else ():
        project = ref.project.name if ref.project else DEPARTMENT_LABEL
        result.setdefault((cells.norm(project), cells.norm(ref.indicator.name)), []).append(
            ref.path
        )
    return result


# --- tables ----------------------------------------------------------------------------


def _read_table(table: Table, reader: _Reader, actuals: Actuals) -> bool:
    """Read ``table`` if it is an indicator or budget table; ``False`` if it is neither."""
    located = _locate_header(table)
    if located is None:
        return False
    kind, header_row, columns = located
    missing = [_HEADERS[kind][key] for key in _REQUIRED[kind] if key not in columns]
    if missing:
        detail = f"缺少“{'”“'.join(missing)}”列，本表未导入"
        reader.problems.append(ActualsProblem(
            "actuals-missing-column", f"文件 {reader.file}「{table.name}」第{header_row + 1}行：{detail}",
            reader.file, table.name, header_row + 1,
        ))  # fmt: skip
        return True
    for index in range(header_row + 1, len(table.rows)):
        row = _Row(table, index + 1, table.rows[index], columns, kind, reader)
        if kind == "indicator":
            _append(actuals.indicators, _indicator_actual(row))
        else:
            _append(actuals.executions, _budget_execution(row))
    return True


def _append(items: list[T], item: T | None) -> None:
    if item is not None:
        items.append(item)


def _locate_header(table: Table) -> tuple[str, int, dict[str, int]] | None:
    """Kind, 0-based header row and column key → 0-based index, from the first 10 rows."""
    for index, row in enumerate(table.rows[:10]):
        texts = [_header_key(cell) for cell in row]
        for kind, marker in _MARKERS:
            if marker in texts:
                names = {cells.norm(header): key for key, header in _HEADERS[kind].items()}
                columns: dict[str, int] = {}
                for position, name in enumerate(texts):
                    if name in names:
                        columns.setdefault(names[name], position)
                return kind, index, columns
    return None


def _header_key(cell: CellValue) -> str:
    key = cells.norm(cells.text(cell))
    return _HEADER_ALIASES.get(key, key)


# --- rows ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    """One data row: cell access by column key, and problems located at its cells."""

    table: Table
    number: int
    values: list[CellValue]
    columns: dict[str, int]
    kind: str
    reader: _Reader

    def value(self, key: str) -> CellValue:
        index = self.columns.get(key)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        return None if isinstance(value, str) and not value.strip() else value

    def text(self, key: str) -> str:
        return cells.text(self.value(key)).strip()

    def blank(self, keys: Iterable[str]) -> bool:
        return all(self.value(key) is None for key in keys)

    def problem(self, code: str, key: str, detail: str) -> None:
        """Record a problem at the cell of column ``key``: ``文件 x「表」第5行“列”列（H列）：…``."""
        header = _HEADERS[self.kind][key]
        index = self.columns.get(key)
        place = ""
        if index is not None:
            place = (
                f"（{get_column_letter(index + 1)}列）"
                if self.table.letters
                else f"（第{index + 1}列）"
            )
        message = f"文件 {self.reader.file}「{self.table.name}」第{self.number}行“{header}”列{place}：{detail}"
        problem = ActualsProblem(
            code,
            message,
            self.reader.file,
            self.table.name,
            self.number,
            header,
            self.text(key) or None,
        )
        self.reader.problems.append(problem)


def _indicator_actual(row: _Row) -> IndicatorActual | None:
    """The row as an :class:`IndicatorActual`; ``None`` for unreported or unplaceable rows."""
    if row.blank(_REPORTED):
        return None
    path = _row_path(row)
    as_of = _row_period(row)
    if path is None or _duplicate(row, path, as_of):
        return None
    completed, completed_text = _completed(row)
    return IndicatorActual(
        path, indicator_name=row.text("name"), as_of=as_of, completed=completed,
        completed_text=completed_text, expected_full_year=_number(row, "expected"),
        grade=_choice(row, "grade", QualitativeGrade, cells.GRADE_ALIASES),
        reasons=_reasons(row), reason_text=row.text("reason_text"),
        likelihood=_choice(row, "likelihood", Likelihood, cells.LIKELIHOOD_ALIASES),
    )  # fmt: skip


def _budget_execution(row: _Row) -> BudgetExecution | None:
    """The row as a :class:`BudgetExecution`; ``None`` when 累计执行数 is blank or bad."""
    if row.value("executed") is None:
        return None
    path = _row_path(row)
    executed = _number(row, "executed", "本行未导入")
    as_of = _row_period(row)
    if path is None or executed is None or _duplicate(row, path, as_of):
        return None
    budget = _number(row, "budget")
    return BudgetExecution(
        path, executed, as_of=as_of, budget=budget, reason_text=row.text("reason_text")
    )


def _row_path(row: _Row) -> str | None:
    """The item path of ``row``, or ``None`` after reporting an unknown or missing path."""
    written = row.text("path")
    if row.kind == "budget" and written == DEPARTMENT_PATH_CELL:
        return ""
    if not written:
        return _path_by_name(row)
    known = row.reader.known_paths
    if not _PATHS[row.kind].fullmatch(written) or (known is not None and written not in known):
        row.problem(
            "actuals-unknown-path", "path", f"路径“{written}”不是申报表中的项目或指标，本行未导入"
        )
        return None
    return written


def _path_by_name(row: _Row) -> str | None:
    if row.kind == "indicator":
        key = (cells.norm(row.text("project")), cells.norm(row.text("name")))
        paths = row.reader.by_name.get(key, [])
        if len(paths) == 1:
            return paths[0]
    row.problem(
        "actuals-unknown-path", "path", "路径为空，且无法按项目和三级指标名称唯一确定，本行未导入"
    )
    return None


def _duplicate(row: _Row, path: str, as_of: Period | None) -> bool:
    """A second row for the same item and month is reported and skipped."""
    key = (path, as_of)
    if key in row.reader.seen:
        shown = path or DEPARTMENT_PATH_CELL
        row.problem(
            "actuals-duplicate-row",
            "path",
            f"与前面的行重复（路径“{shown}”、同一月份），本行未导入",
        )
        return True
    row.reader.seen.add(key)
    return False


# --- cells -----------------------------------------------------------------------------


def _completed(row: _Row) -> tuple[Decimal | None, str | None]:
    """累计完成值 as a number, or as text in ``completed_text`` (``None`` for numbers). Text
    is a problem unless a 定性评价 is given too (then it describes the qualitative result)."""
    value = row.value("completed")
    if value is None:
        return None, None
    number = cells.to_decimal(value)
    if number is not None:
        return number, None
    written = cells.text(value).strip()
    if row.value("grade") is None:
        row.problem(
            "actuals-not-a-number", "completed",
            f"“{written}”不是数字，已作为文字保存，不参与亮灯；定性指标请选择“定性评价”",
        )  # fmt: skip
    return None, written


def _number(row: _Row, key: str, consequence: str = "按未填处理") -> Decimal | None:
    """The number in column ``key``; a problem ending with ``consequence`` if it is not one."""
    value = row.value(key)
    if value is None:
        return None
    number = cells.to_decimal(value)
    if number is None:
        written = cells.text(value).strip()
        row.problem("actuals-not-a-number", key, f"“{written}”不是数字，{consequence}")
    return number


def _row_period(row: _Row) -> Period | None:
    """截至月份 with the file's year; blank or unreadable → the file's period."""
    value = row.value("month")
    default = row.reader.as_of
    if value is None:
        return default
    parsed = cells.year_month(value)
    if parsed is None:
        detail = "应为 1-12 的月份（如 7、7月、2025-07），按监控期间处理"
        row.problem("actuals-bad-month", "month", detail)
        return default
    year, month = parsed
    if year is None and default is not None:
        year = default.year
    if year is None:
        row.problem("actuals-bad-month", "month", "缺少年度：请写成“2025-07”，或读取时给出监控期间")
        return None
    return Period(year, month)


def _reasons(row: _Row) -> tuple[DeviationReason, ...]:
    """偏差原因 parts; unknown parts are problems, the known ones are kept (no repeats)."""
    found: list[DeviationReason] = []
    for part in cells.split_reasons(row.text("reasons")):
        reason = cells.lookup(part, DeviationReason, cells.REASON_ALIASES)
        if reason is None:
            allowed = cells.allowed(DeviationReason)
            row.problem(
                "actuals-unknown-reason",
                "reasons",
                f"“{part}”不是偏差原因（可选：{allowed}），已忽略",
            )
        elif reason not in found:
            found.append(reason)
    return tuple(found)


def _choice(row: _Row, key: str, kind: type[E], aliases: Mapping[str, E]) -> E | None:
    written = row.text(key)
    if not written:
        return None
    choice = cells.lookup(written, kind, aliases)
    if choice is None:
        code = "actuals-unknown-grade" if kind is QualitativeGrade else "actuals-unknown-likelihood"
        row.problem(code, key, f"“{written}”不是可选值（可选：{cells.allowed(kind)}），按未填处理")
    return choice
