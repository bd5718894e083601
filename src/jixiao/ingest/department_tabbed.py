"""Tab-separated 部门整体支出绩效目标表 (2025 Tianhe layout and 2023 Jieyang layout)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.ingest import sections as sec
from jixiao.ingest.common import (
    Issues,
    Line,
    find_money_unit,
    parse_amount,
    read_category,
    source_of,
    split_lines,
)
from jixiao.ingest.grid import Grid
from jixiao.ingest.text import strip_markup
from jixiao.model import Document, DocumentKind, Task

_INDICATOR_COLUMNS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "三级指标解释": "explanation",
    "指标解释": "explanation",
    "对比符号": "operator",
    "计算符号": "operator",
    "运算符号": "operator",
    "指标值": "value",
    "计量单位": "unit",
    "度量单位": "unit",
    "实施周期指标值": "period",
    "中期指标值": "period",
    "年度指标值": "annual",
}


@dataclass(slots=True)
class _State:
    document: Document
    issues: Issues
    grid: Grid
    section: str | None = None
    columns: dict[str, int] = field(default_factory=dict)
    task_numbered: bool = False


def parse(text: str, file: str) -> Document:
    """Import a tab-separated department-level table (see :mod:`jixiao.ingest.department`)."""
    document = Document(kind=DocumentKind.DEPARTMENT, file=file)
    state = _State(document, Issues(file), Grid(file))
    for line in split_lines(text):
        cells = [strip_markup(c).strip() for c in line.text.split("\t")]
        if any(cells):
            _row(state, cells, line)
    document.indicators = state.grid.indicators
    document.empty_categories = state.grid.empty_categories()
    if state.section is None or not document.indicators:
        state.issues.add("import-missing-section", "未找到“绩效指标”部分，文件可能不完整", [line])
    document.issues = state.issues.items
    return document


def _row(state: _State, cells: list[str], line: Line) -> None:
    values = [c for c in cells if c]
    if len(values) == 1 and len(cells) == 1:
        _single_cell(state, values[0], line)
        return
    label = sec.compact(cells[0])
    opened = sec.section_of(label) if label else None
    if opened == sec.NAME:
        _name_row(state, cells, line)
    elif opened == sec.INFO:
        _info_row(state, cells)
    elif opened is not None:
        _open(state, opened, cells, line)
    elif "一级指标" in cells:
        _indicator_header(state, cells)
    elif label and not _continues(state, values):
        _unparsed(state, line)
    else:
        _content_row(state, cells, line)


def _continues(state: _State, values: list[str]) -> bool:
    """Whether a row with an unknown first cell still belongs to the open section: category
    cells in the indicator grid, or a label wrapped across a page break (``其他需完成`` /
    ``任务``) in front of a task row."""
    if state.section == sec.INDICATORS:
        return True
    return state.section in (sec.TASKS, sec.OTHER_TASKS) and len(values) >= 3


def _single_cell(state: _State, text: str, line: Line) -> None:
    document = state.document
    if document.title is None and "绩效目标" in text:
        sec.set_title(document, text)
        document.money_unit = find_money_unit(text)
    elif text == document.title:
        return  # page header repeated on a new page
    elif state.section == sec.GOAL:
        document.overall_goal = f"{document.overall_goal or ''}{text}"
    else:
        _unparsed(state, line)


def _name_row(state: _State, cells: list[str], line: Line) -> None:
    document = state.document
    if document.department is not None:
        return  # repeated page header
    values = [c for c in cells[1:] if c]
    if values:
        sec.set_department(document, values[0])
    for index, cell in enumerate(cells):
        if sec.compact(cell) in {"资金主管部门", "主管部门"}:
            document.supervising_department = next((c for c in cells[index + 1 :] if c), None)


def _info_row(state: _State, cells: list[str]) -> None:
    for index, cell in enumerate(cells):
        following = next((c for c in cells[index + 1 :] if c), "")
        amount = parse_amount(following)
        if amount is None:
            continue
        if "供养人员" in cell:
            state.document.staff_count = int(amount)
        elif "二级单位" in cell:
            state.document.subordinate_unit_count = int(amount)


def _open(state: _State, section: str, cells: list[str], line: Line) -> None:
    state.section = section
    rest = cells[1:]
    if section == sec.BUDGET:
        state.document.money_unit = find_money_unit("".join(cells))
        sec.read_budget_cells(state.document, rest, line)
    elif section == sec.GOAL:
        goal = "".join(c for c in rest if c)
        state.document.overall_goal = goal or state.document.overall_goal
    elif section in (sec.TASKS, sec.OTHER_TASKS):
        state.task_numbered = "序号" in rest or state.task_numbered
        if not any(c in {"名称", "序号"} for c in rest):
            _task_row(state, cells, line)
    elif section == sec.INDICATORS:
        if "一级指标" in cells:
            _indicator_header(state, cells)
        elif any(rest):
            _indicator_row(state, cells, line)


def _content_row(state: _State, cells: list[str], line: Line) -> None:
    if state.section == sec.BUDGET:
        sec.read_budget_cells(state.document, cells, line)
    elif state.section in (sec.TASKS, sec.OTHER_TASKS):
        _task_row(state, cells, line)
    elif state.section == sec.INDICATORS:
        _indicator_row(state, cells, line)
    elif state.section == sec.GOAL:
        goal = "".join(c for c in cells if c)
        state.document.overall_goal = f"{state.document.overall_goal or ''}{goal}"
    else:
        _unparsed(state, line)


def _task_row(state: _State, cells: list[str], line: Line) -> None:
    values = [c for c in cells[1:] if c]
    if not values:
        return
    number = None
    if state.task_numbered and values[0].isdigit():
        number = int(values.pop(0))
    parsed = [(value, parse_amount(value)) for value in values]
    texts = [value for value, amount in parsed if amount is None]
    amounts = [amount for _, amount in parsed if amount is not None]
    if not texts:
        _unparsed(state, line)
        return
    task = Task(name=texts[0], source=source_of(state.document.file, [line]), number=number)
    task.group = sec.task_group(state.section or sec.TASKS, cells[0])
    task.content = texts[1] if len(texts) > 1 else None
    task.expected_outcome = texts[2] if len(texts) > 2 else None
    task.amount = amounts[0] if amounts else None
    state.document.tasks.append(task)


def _indicator_header(state: _State, cells: list[str]) -> None:
    state.section = sec.INDICATORS
    state.columns = {
        _INDICATOR_COLUMNS[c]: i for i, c in enumerate(cells) if c in _INDICATOR_COLUMNS
    }


def _indicator_row(state: _State, cells: list[str], line: Line) -> None:
    if "operator" in state.columns or "value" in state.columns:
        _columns_row(state, cells, line)
    else:
        _merged_row(state, cells, line)


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return cells[index] if index is not None and index < len(cells) else ""


def _columns_row(state: _State, cells: list[str], line: Line) -> None:
    """2023 layout: every row states 一级, 二级, 三级, 解释, 对比符号, 指标值, 计量单位."""
    _set_categories(
        state, [_cell(cells, state.columns, "level1"), _cell(cells, state.columns, "level2")], line
    )
    name = _cell(cells, state.columns, "name")
    raw = "".join(_cell(cells, state.columns, k) for k in ("operator", "value", "unit"))
    if name:
        state.grid.add(name, [line], raw, explanation=_cell(cells, state.columns, "explanation"))


def _merged_row(state: _State, cells: list[str], line: Line) -> None:
    """2025 layout: categories only on a block's first row, sometimes in the wrong column."""
    start = state.columns.get("level1", 1)
    rest = cells[start:]
    position = 0
    while position < len(rest) and (not rest[position] or _is_category(rest[position])):
        if rest[position]:
            _set_categories(state, [rest[position]], line, prefer_level=1 + (position > 0))
        position += 1
    values = [c for c in rest[position:] if c]
    if not values:
        return
    period = values[1] if len(values) >= 3 else None
    annual = values[-1] if len(values) >= 2 else None
    state.grid.add(values[0], [line], annual, period)


def _is_category(text: str) -> bool:
    return read_category(text, prefer_level=1) is not None


def _set_categories(state: _State, texts: list[str], line: Line, prefer_level: int = 1) -> None:
    for offset, text in enumerate(texts):
        if not text:
            continue
        category = read_category(text, prefer_level=prefer_level + offset)
        if category is None:
            _unparsed(state, line, f"无法识别的指标类别“{text}”")
        else:
            state.grid.set_category(category, line)


def _unparsed(state: _State, line: Line, message: str | None = None) -> None:
    text = line.text.replace("\t", " ").strip()
    state.issues.add("import-unparsed-line", message or f"无法识别的行：“{text[:80]}”", [line])
