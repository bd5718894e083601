"""部门整体支出绩效目标表 as text extracted from a PDF (2025 Yuexiu layout).

Cells are separated by single spaces and long cells wrap over several lines. Paragraphs
(runs of non-blank lines) carry the cell structure of the task table: name, content, amount
(a line holding only a number, sometimes followed by the outcome), outcome. In the indicator
grid a line ends with its two values (实施周期, 年度) and a name wrapped over several lines
collects until such a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.ingest import sections as sec
from jixiao.ingest.common import (
    CategoryText,
    Issues,
    Line,
    find_money_unit,
    is_cost_level2,
    parse_amount,
    read_category,
    source_of,
    split_lines,
)
from jixiao.ingest.grid import Grid
from jixiao.ingest.text import join_wrapped, strip_markup
from jixiao.model import Document, DocumentKind, Task

_VALUE_START = re.compile(r"^(?:[≥≤<>=＜＞≧≦＝]|[-−]?\d)")
_TITLE = re.compile(r"绩效目标(?:申报)?表")


@dataclass(slots=True)
class _State:
    document: Document
    issues: Issues
    grid: Grid
    section: str | None = None
    paragraphs: dict[str, list[list[Line]]] = field(default_factory=dict)
    pending_name: list[Line] = field(default_factory=list)
    heading_open: bool = False


def parse(text: str, file: str) -> Document:
    """Import a PDF-text department-level table (see :mod:`jixiao.ingest.department`)."""
    document = Document(kind=DocumentKind.DEPARTMENT, file=file)
    state = _State(document, Issues(file), Grid(file))
    lines = split_lines(strip_markup(text))
    paragraph: list[Line] = []
    for line in lines:
        paragraph = _line(state, line, paragraph)
    _close_paragraph(state, paragraph)
    _finish(state, lines)
    return document


def _line(state: _State, line: Line, paragraph: list[Line]) -> list[Line]:
    stripped = line.text.strip()
    if state.heading_open:
        state.heading_open = "）" not in stripped and ")" not in stripped
        return paragraph
    opened = sec.section_of(stripped.split(" ")[0]) if stripped else None
    if opened is not None and ((opened != sec.NAME and " " not in stripped) or opened == sec.NAME):
        _close_paragraph(state, paragraph)
        _open(state, opened, stripped, line)
        return []
    if state.section == sec.INDICATORS:
        if stripped:
            _indicator_line(state, line)
        return paragraph
    if not stripped:
        _close_paragraph(state, paragraph)
        return []
    if state.section is None or state.section == sec.BUDGET:
        _header_line(state, stripped, line)
        return paragraph
    return [*paragraph, line]


def _open(state: _State, section: str, text: str, line: Line) -> None:
    if section == sec.NAME:
        name = text.split(" ", 1)[1].strip() if " " in text else ""
        if name and state.document.department is None:
            sec.set_department(state.document, name)
        return
    state.section = section
    state.heading_open = text.count("（") > text.count("）")


def _header_line(state: _State, text: str, line: Line) -> None:
    document = state.document
    if document.title is None and _TITLE.search(text):
        sec.set_title(document, text)
        return
    tokens = text.split()
    if "预算金额" in text or "收入来源" in text:
        document.money_unit = find_money_unit(text)
        return
    if any(sec.budget_field(t) for t in tokens):
        sec.read_budget_cells(document, tokens, line)
    elif (state.section is not None or document.title is not None) and not re.fullmatch(
        r"表\s*\d+", text
    ):
        _unparsed(state, line)


def _close_paragraph(state: _State, paragraph: list[Line]) -> None:
    if not paragraph:
        return
    state.paragraphs.setdefault(state.section or "", []).append(paragraph)


# ------------------------------------------------------------------------------- tasks


def _tasks(state: _State, section: str) -> None:
    """Read the task paragraphs of ``section``: name, content, amount (+ outcome), outcome."""
    expect, task = "name", None
    for paragraph in state.paragraphs.get(section, []):
        first_amount = parse_amount(paragraph[0].text)
        if expect == "name" or task is None:
            if paragraph[0].text.strip().startswith("名称"):
                continue
            task = _new_task(state, section, paragraph)
            expect = "content"
        elif first_amount is not None and expect in ("content", "amount"):
            task.amount = first_amount
            _extend_source(state, task, paragraph)
            rest = paragraph[1:]
            task.expected_outcome = join_wrapped([x.text for x in rest]) or None
            expect = "name" if rest else "outcome"
        elif expect in ("content", "amount"):
            task.content = _joined(task.content, paragraph)
            _extend_source(state, task, paragraph)
            expect = "amount"
        else:
            task.expected_outcome = _joined(task.expected_outcome, paragraph)
            _extend_source(state, task, paragraph)
            expect = "name"


def _new_task(state: _State, section: str, paragraph: list[Line]) -> Task:
    name = join_wrapped([x.text for x in paragraph])
    task = Task(name=name, source=source_of(state.document.file, paragraph))
    task.group = sec.task_group(section, "")
    state.document.tasks.append(task)
    return task


def _joined(existing: str | None, paragraph: list[Line]) -> str:
    return (existing or "") + join_wrapped([x.text for x in paragraph])


def _extend_source(state: _State, task: Task, paragraph: list[Line]) -> None:
    first = task.source
    last = paragraph[-1]
    text = f"{first.text}\n" + "\n".join(x.text.strip() for x in paragraph)
    task.source = type(first)(first.file, first.line, last.number, text)


# -------------------------------------------------------------------------- indicators


def _indicator_line(state: _State, line: Line) -> None:
    tokens = line.text.split()
    if tokens[0] in {"一级指标", "绩效指标"}:
        return  # column header or repeated section heading on a new page
    position = 0
    while position < len(tokens):
        category = _category_at(state, tokens, position, line)
        if category is None:
            break
        _flush_orphan_name(state)
        state.grid.set_category(category, line)
        position += 1
    rest = tokens[position:]
    if not rest:
        return
    values = _trailing_values(rest)
    if values is None:
        state.pending_name.append(Line(line.number, "".join(rest)))
        return
    lines = [*state.pending_name, line]
    name = "".join(x.text for x in state.pending_name) + "".join(rest[:-2])
    state.pending_name = []
    state.grid.add(name, [lines[0], lines[-1]] if len(lines) > 1 else lines, rest[-1], rest[-2])


def _category_at(
    state: _State, tokens: list[str], position: int, line: Line
) -> CategoryText | None:
    token = tokens[position]
    category = read_category(token, prefer_level=1)
    if category is None or category.name != "成本指标":
        return category
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    level1 = state.grid.level1.name if state.grid.level1 else None
    if (following and is_cost_level2(_name_of(following))) or level1 != "产出指标":
        return category
    return read_category(token, prefer_level=2)


def _name_of(token: str) -> str | None:
    category = read_category(token, prefer_level=2)
    return category.name if category else None


def _trailing_values(tokens: list[str]) -> list[str] | None:
    if len(tokens) < 2:
        return None
    period, annual = tokens[-2], tokens[-1]
    if _VALUE_START.match(period) and _VALUE_START.match(annual):
        return [period, annual]
    if period == annual and len(annual) <= 12:
        return [period, annual]
    return None


def _flush_orphan_name(state: _State) -> None:
    if state.pending_name:
        text = "".join(x.text for x in state.pending_name)
        state.issues.add("import-unparsed-line", f"三级指标“{text}”没有指标值", state.pending_name)
        state.pending_name = []


def _finish(state: _State, lines: list[Line]) -> None:
    document = state.document
    for paragraph in state.paragraphs.get(sec.GOAL, []):
        document.overall_goal = _joined(document.overall_goal, paragraph)
    _tasks(state, sec.TASKS)
    _tasks(state, sec.OTHER_TASKS)
    _flush_orphan_name(state)
    document.indicators = state.grid.indicators
    document.empty_categories = state.grid.empty_categories()
    if not document.indicators:
        state.issues.add(
            "import-missing-section", "未找到“绩效指标”部分，文件可能不完整", lines[-1:]
        )
    document.issues = state.issues.items


def _unparsed(state: _State, line: Line) -> None:
    state.issues.add("import-unparsed-line", f"无法识别的行：“{line.text.strip()[:80]}”", [line])
