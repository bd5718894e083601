"""Tab-separated 自评表: one table row per line, cells separated by tabs (copied from a web
page or a spreadsheet, or the rows of an XLSX sheet, :mod:`jixiao.selfeval.xlsx`).

Merged cells carry their text in the first row only, as a copy from Excel gives them: the
一级/二级指标 in force are carried down. Columns are located by the heading rows of each block
(``年初预算数 … 得分``, ``预期目标 … 实际完成情况``, ``一级指标 … 偏差原因分析及改进措施``), so
column order and extra columns (计量单位, 指标性质) do not matter. A file may hold several tables;
each starts at its title (``项目支出绩效自评表``) or at a new ``项目名称`` row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.ingest.common import Issues, Line, split_lines
from jixiao.ingest.text import strip_markup
from jixiao.model import DocumentKind
from jixiao.selfeval.draft import FundDraft, ParsedFile, RowDraft, TableDraft
from jixiao.selfeval.labels import (
    FUND_COLUMNS,
    GRADES,
    INDICATOR_COLUMNS,
    NAME_LABELS,
    NARRATIVE_LABELS,
    compact,
    fund_key,
    table_kind,
)

_YEAR_LINE = re.compile(r"^[(（]?(20\d{2})年度?[)）]?$")
_OPERATORS = ("≥", "≤", ">", "<", "=", "＞", "＜", "＝", ">=", "<=")
_IGNORED = ("注", "单位", "金额单位", "填报", "附件", "联系", "说明")


@dataclass(slots=True)
class _State:
    issues: Issues
    tables: list[TableDraft] = field(default_factory=list)
    section: str | None = None
    fund_columns: dict[str, int] = field(default_factory=dict)
    goal_columns: tuple[int, int] = (1, 2)
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def table(self) -> TableDraft | None:
        return self.tables[-1] if self.tables else None

    def start(self, kind: DocumentKind, line: Line) -> TableDraft:
        table = TableDraft(kind, [line])
        if self.tables and not self.tables[-1].name and not self.tables[-1].rows:
            table.year = self.tables.pop().year  # a heading line above the form's own title
        self.tables.append(table)
        self.section = None
        return table


def parse_tabbed(text: str, file: str) -> ParsedFile:
    """Every 自评表 in tab-separated ``text`` (see the module docstring)."""
    state = _State(Issues(file))
    for line in split_lines(text):
        cells = [strip_markup(c).strip() for c in line.text.split("\t")]
        if any(cells):
            _row(state, cells, line)
    return ParsedFile(state.tables, state.issues)


def _row(state: _State, cells: list[str], line: Line) -> None:
    values = [c for c in cells if c]
    first = compact(values[0])
    kind = table_kind(first) if len(values) <= 2 else None
    if kind is not None:
        state.start(kind, line)
        return
    table = state.table
    if first in NAME_LABELS and (table is None or table.name):
        table = state.start(NAME_LABELS[first], line)
    if table is None:
        return  # text before the first table: 附件, 单位：万元 …
    if not _header_row(state, table, cells, values, line):
        _body_row(state, table, cells, values, line)


def _header_row(
    state: _State, table: TableDraft, cells: list[str], values: list[str], line: Line
) -> bool:
    """Rows that are not inside a block: year, names, block headings, totals, narrative."""
    first = compact(values[0])
    keys = [compact(c) for c in cells]
    year = _YEAR_LINE.match(first)
    if year:
        table.year = int(year.group(1))
    elif first in NAME_LABELS:
        table.name, table.name_line = _after(cells, 0), line
    elif "主管部门" in keys or "实施单位" in keys:
        table.supervising = _after(cells, keys.index("主管部门")) if "主管部门" in keys else ""
        table.unit = _after(cells, keys.index("实施单位")) if "实施单位" in keys else ""
    elif sum(key in FUND_COLUMNS for key in keys) >= 3:
        state.fund_columns = _fund_columns(keys)
        state.section = "funds"
    elif "预期目标" in keys:
        _goal_heading(state, table, cells, keys)
    elif first == "实际完成情况" and state.section == "goal-rows":
        table.goal_actual = _after(cells, keys.index(first))
        state.section = "goal-done"
    elif "一级指标" in keys or "三级指标" in keys:
        state.columns = {
            INDICATOR_COLUMNS[k]: i
            for i, k in reversed(list(enumerate(keys)))
            if k in INDICATOR_COLUMNS
        }
        state.section = "indicators"
    elif any(k.startswith("总分") for k in keys[:2]) or first in {"等级", "自评等级", "评价等级"}:
        _total_row(table, cells, keys, line)
        state.section = "after"
    elif first in NARRATIVE_LABELS:
        table.narrative[NARRATIVE_LABELS[first]] = "\n".join(values[1:])
        state.section = "after"
    else:
        return False
    return True


def _body_row(
    state: _State, table: TableDraft, cells: list[str], values: list[str], line: Line
) -> None:
    funds = next((fund_key(c) for c in cells[:3] if c and fund_key(c)), None)
    if funds is not None:
        table.funds[funds] = FundDraft(_cells_at(cells, state.fund_columns), line)
    elif state.section == "goal":
        expected, actual = state.goal_columns
        table.goal_expected = "".join(cells[expected:actual]).strip()
        table.goal_actual = "".join(cells[actual:]).strip()
        state.section = "goal-done"
    elif state.section == "indicators":
        _indicator_row(state, table, cells, line)
    elif state.section not in (None, "after") and not values[0].startswith(_IGNORED):
        state.issues.add(
            "import-unparsed-line", f"无法识别的自评表行：“{'　'.join(values)}”", [line]
        )


def _after(cells: list[str], index: int) -> str:
    """The first non-empty cell after ``cells[index]``."""
    return next((c for c in cells[index + 1 :] if c), "")


def _fund_columns(keys: list[str]) -> dict[str, int]:
    columns = {FUND_COLUMNS[k]: i for i, k in enumerate(keys) if k in FUND_COLUMNS}
    if "adjusted" in columns:  # Sichuan: 执行率 = 全年执行数 ÷ 调整后预算数
        columns["budget"] = columns.pop("adjusted")
    return columns


def _cells_at(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}


def _goal_heading(state: _State, table: TableDraft, cells: list[str], keys: list[str]) -> None:
    expected = keys.index("预期目标")
    if "实际完成情况" in keys:
        state.goal_columns = (expected, keys.index("实际完成情况"))
        state.section = "goal"
        return
    table.goal_expected = _after(cells, expected)  # one row per part: 预期目标 | text
    state.section = "goal-rows"


def _total_row(table: TableDraft, cells: list[str], keys: list[str], line: Line) -> None:
    values = [c for c in cells if c]
    grade = next((c for c in values if compact(c) in GRADES), "")
    if any(k.startswith("总分") for k in keys[:2]):
        numbers = [c for c in values[1:] if compact(c) not in GRADES and compact(c) != "等级"]
        if len(numbers) >= 2:
            table.total = {"weight": numbers[0], "score": numbers[1]}
        elif numbers:
            table.total = {"score": numbers[0]}
        table.total_line = line
    if grade or "等级" in {compact(c) for c in values}:
        table.grade, table.grade_line = grade or _after(cells, _grade_index(keys)), line


def _grade_index(keys: list[str]) -> int:
    return next(i for i, k in enumerate(keys) if k.endswith("等级"))


def _indicator_row(state: _State, table: TableDraft, cells: list[str], line: Line) -> None:
    get = _cells_at(cells, state.columns)
    if get.get("level1"):
        table.set_level1(get["level1"], line)
    if get.get("level2"):
        table.set_level2(get["level2"])
    data = [get.get(k, "") for k in ("name", "target", "actual", "weight", "score", "reason")]
    if not any(data):
        return  # a category printed with no 三级指标 under it
    name, target, actual, weight, score, reason = data
    if not name:
        state.issues.add("import-unparsed-line", "绩效指标行没有三级指标名称，已跳过", [line])
        return
    unit, operator = get.get("unit", ""), get.get("operator", "")
    if operator not in _OPERATORS or target.startswith(_OPERATORS):
        operator = ""  # 指标性质 定量/定性 is no comparator
    table.rows.append(
        RowDraft(
            table.level1, table.level2, name, _with_unit(operator + target, unit),
            _with_unit(actual, unit), weight, score, reason, [line],
        )
    )  # fmt: skip


def _with_unit(value: str, unit: str) -> str:
    """``8`` and ``小时`` → ``8小时`` (a separate 计量单位 column); value kept otherwise."""
    if not unit or not value or not value[-1].isdigit():
        return value
    return f"{value}{unit}"
