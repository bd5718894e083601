"""Importers for 项目支出绩效目标表（含转移支付项目） (REFERENCE.md §2.2, disclosure variant).

Columns: 项目名称（资金使用单位） | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标.
A 合计 row and 资金使用单位 subtotal rows (amounts, no goal, no indicators) precede projects.

* ``project-tabbed``: one row per line, cells separated by tabs (web/Excel copy).
* ``project-pdftext``: text extracted from a PDF: cells wrapped over several lines, column
  positions lost. A project starts at a line ending in its amounts (``82.60 82.60``), its
  name being that line's text plus the lines above it back to the previous sentence end or
  an indented line; the goal runs to the first ``1、`` indicator item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.ingest.common import (
    Issues,
    Line,
    SpanText,
    clean_department,
    find_money_unit,
    find_year,
    parse_amount,
    source_of,
    split_lines,
)
from jixiao.ingest.indicator_list import ITEM_START, parse_indicator_list
from jixiao.ingest.registry import Importer, register
from jixiao.ingest.text import join_wrapped, squeeze_cjk_spaces, strip_markup
from jixiao.model import Document, DocumentKind, Project, SubtotalRow

_TITLE = re.compile(r"项目支出绩效目标(?:表|申报表)")
_HEADER = re.compile(r"项目名称.*总计")
_DEPARTMENT = re.compile(r"部门名称\s*[：:]\s*(\S+)")
_FUND_COLUMNS = ("amount_total", "fiscal_appropriation", "special_account_funds", "other_funds")
_AMOUNTS_TAIL = re.compile(r"^(?P<label>.*?)\s*(?P<amounts>(?:[-−]?\d[\d,]*\.\d{2}\s*){1,4})$")


def _header_info(lines: list[Line], document: Document) -> int:
    """Fill title, department, year and unit from the lines above the column header.

    Returns the index of the column-header line, or -1 when there is none.
    """
    for index, line in enumerate(lines):
        text = strip_markup(line.text).strip()
        if _HEADER.search(text.replace(" ", "")):
            return index
        if not text:
            continue
        if document.title is None and _TITLE.search(text):
            document.title = text
        match = _DEPARTMENT.search(text)
        if match:
            document.department_as_written = match.group(1)
            document.department = clean_department(match.group(1))
        document.money_unit = find_money_unit(text) if "单位" in text else document.money_unit
    return -1


def _new_document(file: str, text: str) -> tuple[Document, list[Line], int]:
    document = Document(kind=DocumentKind.PROJECT, file=file)
    lines = split_lines(text)
    header = _header_info(lines, document)
    head_text = "\n".join(line.text for line in lines[: max(header, 0) + 1])
    document.fiscal_year = find_year(document.title or "") or find_year(head_text)
    if document.department is None and document.title:
        document.department = clean_department(_TITLE.split(document.title)[0])
        document.department = re.sub(r"20\d{2}年.*$", "", document.department) or None
    return document, lines, header


def _funds(target: Project | SubtotalRow, amounts: list[Decimal | None]) -> None:
    for name, value in zip(_FUND_COLUMNS, amounts, strict=False):
        setattr(target, name, value)


def _attach_indicators(project: Project, span: SpanText, file: str, issues: Issues) -> None:
    parsed = parse_indicator_list(span, file, issues)
    project.indicators.extend(parsed.indicators)
    project.notes.extend(parsed.notes)


# --------------------------------------------------------------------------- tabbed


def _sniff_tabbed(text: str) -> int:
    head = text[:3000]
    if not (_TITLE.search(head) or "项目名称" in head) or not _HEADER.search(head):
        return 0
    return 20 if re.search(r"项目名称[^\n]*\t", head) else 0


def _parse_tabbed(text: str, file: str) -> Document:
    document, lines, header = _new_document(file, text)
    issues = Issues(file)
    if header < 0:
        issues.add("import-missing-section", "未找到“项目名称…总计”表头行", lines[:1])
    unit: str | None = None
    for line in lines[header + 1 :]:
        cells = [strip_markup(c).strip() for c in line.text.split("\t")]
        if not any(cells):
            continue
        unit = _tabbed_row(cells, line, document, issues, unit)
    document.issues = issues.items
    return document


def _tabbed_row(
    cells: list[str], line: Line, document: Document, issues: Issues, unit: str | None
) -> str | None:
    cells = cells + [""] * (7 - len(cells))
    label = squeeze_cjk_spaces(cells[0])
    amounts = [parse_amount(c) for c in cells[1:5]]
    goal, indicator_text = cells[5], "\t".join(c for c in cells[6:] if c)
    source = source_of(document.file, [line])
    if not any(a is not None for a in amounts) and not goal and not indicator_text:
        if len(label) > 0:
            document.notes.append(label)
        return unit
    if not goal and not indicator_text:
        row = SubtotalRow(label=label, source=source, grand_total=label in {"合计", "总计"})
        _funds(row, amounts)
        document.subtotals.append(row)
        return unit if row.grand_total else label
    _check_amount_cells(cells[1:5], amounts, line, issues)
    project = Project(name=label, source=source, unit=unit, goal=goal or None)
    _funds(project, amounts)
    span = SpanText()
    span.add(line, indicator_text)
    _attach_indicators(project, span, document.file, issues)
    document.projects.append(project)
    return unit


def _check_amount_cells(
    cells: list[str], amounts: list[Decimal | None], line: Line, issues: Issues
) -> None:
    for cell, amount in zip(cells, amounts, strict=True):
        if cell and amount is None:
            issues.add("import-amount-unreadable", f"金额“{cell}”不是数字，按空白处理", [line])


register(
    Importer(
        name="project-tabbed",
        kind=DocumentKind.PROJECT,
        description="项目支出绩效目标表，制表符分隔（网页/Excel 复制）",
        sniff=_sniff_tabbed,
        parse=_parse_tabbed,
    )
)


# --------------------------------------------------------------------------- PDF text


@dataclass(slots=True)
class _Block:
    """A row of the PDF text: name lines, the amounts line and the body lines below it."""

    name_lines: list[Line]
    amounts: list[Decimal | None]
    amount_line: Line
    body: list[Line] = field(default_factory=list)

    @property
    def name(self) -> str:
        return squeeze_cjk_spaces(join_wrapped([x.text for x in self.name_lines]))


def _sniff_pdftext(text: str) -> int:
    head = text[:3000]
    if not (_TITLE.search(head) or "项目名称" in head) or not _HEADER.search(head):
        return 0
    return 0 if re.search(r"项目名称[^\n]*\t", head) else 15


def _amounts_of(text: str) -> tuple[str, list[Decimal | None]] | None:
    stripped = text.strip()
    if not stripped or not stripped[-1].isdigit() or stripped[-3:-2] != ".":
        return None  # fast path: an amounts line ends in a two-decimal number
    match = _AMOUNTS_TAIL.match(stripped)
    if match is None or "指标值" in match.group("label") or "；" in match.group("label"):
        return None
    return match.group("label"), [parse_amount(a) for a in match.group("amounts").split()]


def _name_start(lines: list[Line], stop: int, index: int) -> int:
    """Index of the first name line of the row whose amounts are on ``lines[index]``.

    Walks up over at most four wrapped name lines, stopping below a line that ends a
    sentence (the previous row's goal or indicators) and at an indented line (a name's
    first line is indented in the PDF).
    """
    start, taken = index, 0
    for back in range(index - 1, stop, -1):
        text = lines[back].text
        if not text.strip():
            continue
        if taken == 4 or text.rstrip().endswith(("。", "；")) or ITEM_START.search(text):
            break
        start, taken = back, taken + 1
        if text.startswith(("  ", "\t", "\u3000")):
            break
    return start


def _after_value_label(lines: list[Line], index: int) -> bool:
    """A bare number right after ``指标值:`` (or an operator) is a wrapped target value,
    not a project's amounts line."""
    previous = next((x.text.strip() for x in reversed(lines[:index]) if x.text.strip()), "")
    return previous.endswith((":", "：", "≥", "≤", ">", "<", "=", "＞", "＜", "不少于", "不低于"))


def _blocks(lines: list[Line], begin: int) -> list[_Block]:
    blocks: list[_Block] = []
    previous_end = begin
    for index in range(begin, len(lines)):
        found = _amounts_of(lines[index].text)
        if found is None or (not found[0] and _after_value_label(lines, index)):
            continue
        start = _name_start(lines, previous_end - 1, index)
        if blocks:
            blocks[-1].body = [x for x in lines[previous_end:start] if x.text.strip()]
        label_line = Line(lines[index].number, found[0])
        name_lines = [x for x in lines[start:index] if x.text.strip()] + [label_line]
        blocks.append(_Block([x for x in name_lines if x.text.strip()], found[1], lines[index]))
        previous_end = index + 1
    if blocks:
        blocks[-1].body = [x for x in lines[previous_end:] if x.text.strip()]
    return blocks


def _parse_pdftext(text: str, file: str) -> Document:
    document, lines, header = _new_document(file, text)
    issues = Issues(file)
    if header < 0:
        issues.add("import-missing-section", "未找到“项目名称…总计”表头行", lines[:1])
    unit: str | None = None
    blocks = _blocks(lines, header + 1)
    for block in blocks:
        unit = _pdftext_block(block, document, issues, unit)
    if any(len(b.amounts) > 2 or len(set(b.amounts)) > 1 for b in blocks):
        issues.add(
            "import-ambiguous-columns",
            "PDF 文字中金额的列位置已丢失，各行金额按“总计、财政拨款、财政专户拨款、其他资金”顺序读取",
            lines[header : header + 1] or lines[:1],
        )
    document.issues = issues.items
    return document


def _pdftext_block(
    block: _Block, document: Document, issues: Issues, unit: str | None
) -> str | None:
    lines = [*block.name_lines[:-1], block.amount_line]
    source = source_of(document.file, lines)
    if not block.body:
        row = SubtotalRow(
            label=block.name, source=source, grand_total=block.name in {"合计", "总计"}
        )
        _funds(row, block.amounts)
        document.subtotals.append(row)
        return unit if row.grand_total else block.name
    project = Project(name=block.name, source=source, unit=unit)
    _funds(project, block.amounts)
    span = SpanText()
    for line in block.body:
        span.add(line, line.text.strip())
    start = _list_start(span.text)
    project.goal = squeeze_cjk_spaces(span.text[:start]) or None
    parsed = parse_indicator_list(span, document.file, issues, start=start)
    project.indicators.extend(parsed.indicators)
    project.notes.extend(parsed.notes)
    document.projects.append(project)
    return unit


def _list_start(text: str) -> int:
    """Offset of the indicator list in a project's joined body: the first ``1、`` item,
    else the first item of any number, else the end (no indicators)."""
    first = None
    for match in ITEM_START.finditer(text):
        if match.group(1) == "1":
            return match.start()
        first = match.start() if first is None else first
    return len(text) if first is None else first


register(
    Importer(
        name="project-pdftext",
        kind=DocumentKind.PROJECT,
        description="项目支出绩效目标表，PDF 提取文字（单元格折行、列位置丢失）",
        sniff=_sniff_pdftext,
        parse=_parse_pdftext,
    )
)
