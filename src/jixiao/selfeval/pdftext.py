"""自评表 as text extracted from a PDF: cells separated by spaces, column positions lost,
long cells wrapped onto the following lines (REFERENCE.md §2.4; cf. the target-table importer
``project-pdftext``).

How each block is read:

* header lines start with their label: ``项目名称 …``, ``主管部门 … 实施单位 …``;
* 项目资金（万元）: the heading line gives the column order (``年初预算数 全年预算数 …``); a row
  is its label followed by one token per column (``—`` for a blank cell). A row with fewer
  tokens is read right-aligned on the total row (得分, 执行率 with ``%``, 分值, then amounts)
  and left-aligned on the others, with an ``import-ambiguous-columns`` issue;
* 年度总体目标: the lines after ``预期目标 实际完成情况`` up to the indicator heading; 预期目标
  ends with the first line that ends a sentence (``。``), 实际完成情况 is the rest — an
  ``import-ambiguous-columns`` issue says so when more sentences end at a line end;
* 绩效指标: a row line ends with ``分值 得分`` (two plain numbers, the first such pair followed
  by no number) and optional 偏差原因 text; before them come the categories in force
  (``产出指标``, ``（50分）``, ``数量指标``, printed on the first row of their block),
  the 三级指标, 年度指标值 and 实际完成值 (the last two tokens). A line that is not a row
  continues the previous row's 偏差原因 when it has one, else its 三级指标 name; a line of
  categories only (``效益指标``, ``（30分）``) sets them for the rows below;
* ``总分 100 92.35``, ``等级 优``, and for department forms ``评价结论 …`` (with its
  continuation lines), ``存在问题 …``, ``改进措施 …``.

Page numbers (``- 3 -``, ``第 3 页``) and blank lines are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.ingest.common import Issues, Line, read_category, split_lines
from jixiao.ingest.text import squeeze_cjk_spaces, strip_markup
from jixiao.model import DocumentKind
from jixiao.selfeval.draft import FundDraft, ParsedFile, RowDraft, TableDraft
from jixiao.selfeval.labels import (
    FUND_COLUMNS,
    GRADES,
    NAME_LABELS,
    NARRATIVE_LABELS,
    compact,
    fund_key,
    is_number,
    split_level1,
    table_kind,
)

_PAGE = re.compile(r"^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?)$")
_YEAR_LINE = re.compile(r"^[(（]?(20\d{2})年度?[)）]?$")
_UNIT_LINE = re.compile(r"^(?:单位|金额单位)[:：]")
_LABEL_ONLY = frozenset(
    {"项目资金", "部门资金", "(万元)", "项目资金(万元)", "部门资金(万元)", "年度总体", "目标",
     "年度总体目标", "绩效指标", "总体目标"}
)  # fmt: skip
_OPERATORS = ("≥", "≤", ">", "<", "=", "＞", "＜", "＝", "≧", "≦")


@dataclass(slots=True)
class _State:
    issues: Issues
    tables: list[TableDraft] = field(default_factory=list)
    section: str | None = None
    fund_order: list[str] = field(default_factory=list)
    goal: list[tuple[Line, str]] = field(default_factory=list)
    row: RowDraft | None = None
    narrative: str | None = None

    @property
    def table(self) -> TableDraft | None:
        return self.tables[-1] if self.tables else None

    def start(self, kind: DocumentKind, line: Line) -> TableDraft:
        self.close_goal()
        table = TableDraft(kind, [line])
        if self.tables and not self.tables[-1].name and not self.tables[-1].rows:
            table.year = self.tables.pop().year  # a heading line above the form's own title
        self.tables.append(table)
        self.section, self.row, self.narrative = None, None, None
        return table

    def close_goal(self) -> None:
        if self.goal and self.table is not None:
            _split_goal(self.table, self.goal, self.issues)
        self.goal = []


def parse_pdftext(text: str, file: str) -> ParsedFile:
    """Every 自评表 in PDF-extracted ``text`` (see the module docstring)."""
    state = _State(Issues(file))
    for line in split_lines(text):
        raw = strip_markup(line.text).strip()
        if raw and not _PAGE.match(raw):
            _line(state, raw, line)
    state.close_goal()
    return ParsedFile(state.tables, state.issues)


def _line(state: _State, raw: str, line: Line) -> None:
    text = compact(raw)
    kind = table_kind(text) if len(text) <= 30 else None
    if kind is not None:
        state.start(kind, line)
        return
    label = next((name for name in NAME_LABELS if text.startswith(name)), None)
    table = state.table
    if label is not None and (table is None or table.name):
        table = state.start(NAME_LABELS[label], line)
    if table is None:
        return
    if not _header_line(state, table, raw, text, line):
        _body_line(state, table, raw, text, line)


def _header_line(state: _State, table: TableDraft, raw: str, text: str, line: Line) -> bool:
    year = _YEAR_LINE.match(text)
    label = next((name for name in NAME_LABELS if text.startswith(name)), None)
    if year:
        table.year = int(year.group(1))
    elif label is not None and not table.name:
        table.name, table.name_line = _rest(raw, label), line
    elif text.startswith(("主管部门", "实施单位")):
        _departments(table, raw)
    elif sum(compact(t) in FUND_COLUMNS for t in raw.split()) >= 3:
        state.fund_order = [
            FUND_COLUMNS[compact(t)] for t in raw.split() if compact(t) in FUND_COLUMNS
        ]
        state.fund_order = ["budget" if k == "adjusted" else k for k in state.fund_order]
        state.section = "funds"
    elif "预期目标" in text:
        state.section, state.goal = "goal", []
    elif "一级指标" in text or "三级指标" in text:
        state.close_goal()
        state.section, state.row = "indicators", None
    elif text.startswith("总分") or text.startswith(("等级", "自评等级", "评价等级")):
        state.close_goal()
        _totals(table, raw, line)
        state.section = "after"
    elif (key := _narrative_key(text)) is not None:
        state.close_goal()
        label_text = next(k for k in NARRATIVE_LABELS if text.startswith(k))
        table.narrative[key] = _rest(raw, label_text)
        state.section, state.narrative = "narrative", key
    else:
        return False
    return True


def _body_line(state: _State, table: TableDraft, raw: str, text: str, line: Line) -> None:
    tokens = raw.split()
    funds = fund_key(tokens[0]) or (fund_key("".join(tokens[:2])) if len(tokens) > 1 else None)
    if funds is not None and state.section in (None, "funds"):
        skip = 1 if fund_key(tokens[0]) else 2
        _fund_row(state, table, funds, tokens[skip:], line)
    elif text in _LABEL_ONLY or _UNIT_LINE.match(text):
        return
    elif state.section == "goal":
        state.goal.append((line, raw))
    elif state.section == "indicators":
        _indicator_line(state, table, raw, line)
    elif state.section == "narrative" and state.narrative is not None:
        table.narrative[state.narrative] += squeeze_cjk_spaces(raw)
    elif state.section == "funds":
        state.issues.add("import-unparsed-line", f"无法识别的自评表行：“{raw}”", [line])


def _rest(raw: str, label: str) -> str:
    """``raw`` after its leading ``label`` (spaces inside the label allowed) and a colon."""
    pattern = r"\s*".join(map(re.escape, label)) + r"\s*[:：]?\s*"
    match = re.match(pattern, raw)
    rest = raw[match.end() :] if match else raw
    return squeeze_cjk_spaces(rest)


def _departments(table: TableDraft, raw: str) -> None:
    match = re.match(r"\s*主管部门\s*[:：]?\s*(.*?)\s*(?:实施单位\s*[:：]?\s*(.*))?$", raw)
    if match is not None:
        table.supervising = squeeze_cjk_spaces(match.group(1))
        table.unit = squeeze_cjk_spaces(match.group(2) or "")
    else:
        table.unit = _rest(raw, "实施单位")


def _narrative_key(text: str) -> str | None:
    return next((key for label, key in NARRATIVE_LABELS.items() if text.startswith(label)), None)


def _totals(table: TableDraft, raw: str, line: Line) -> None:
    tokens = raw.split()
    grade = next((t for t in tokens if compact(t) in GRADES), "")
    if compact(tokens[0]).startswith("总分"):
        numbers = [t for t in tokens[1:] if is_number(t.rstrip("分"))]
        table.total = dict(zip(("weight", "score"), numbers, strict=False))
        if len(numbers) == 1:
            table.total = {"score": numbers[0]}
        table.total_line = line
    if grade or any(compact(t).endswith("等级") for t in tokens):
        table.grade, table.grade_line = grade, line


def _fund_row(state: _State, table: TableDraft, key: str, values: list[str], line: Line) -> None:
    order = state.fund_order or ["initial", "budget", "executed", "weight", "rate", "score"]
    if len(values) == len(order):
        cells = dict(zip(order, values, strict=True))
    elif key == "total":
        cells = _right_aligned(order, values)
    else:
        cells = dict(zip(order, values, strict=False))
    if len(values) not in (0, len(order)):
        message = (
            f"资金行“{'　'.join(values)}”只有 {len(values)} 个数、表头有 {len(order)} 列，"
            "PDF 文字中空白单元格的位置已丢失，请核对各数所在列"
        )
        state.issues.add("import-ambiguous-columns", message, [line])
    table.funds[key] = FundDraft(cells, line)


def _right_aligned(order: list[str], values: list[str]) -> dict[str, str]:
    """The 年度资金总额 row with blank cells lost: 得分, 执行率 (the ``%`` token) and 分值 from
    the right, the amounts before them right-aligned on 全年执行数."""
    cells: dict[str, str] = {}
    rate = next((i for i, v in enumerate(values) if v.endswith("%")), None)
    if rate is None:
        return dict(zip(order, values, strict=False))
    cells["rate"] = values[rate]
    if rate + 1 < len(values):
        cells["score"] = values[rate + 1]
    before = values[:rate]
    if before and "weight" in order:
        cells["weight"] = before.pop()
    amounts = [k for k in order if k in ("initial", "budget", "executed")]
    cells.update(zip(reversed(amounts), reversed(before), strict=False))
    return cells


def _split_goal(table: TableDraft, goal: list[tuple[Line, str]], issues: Issues) -> None:
    ends = [i for i, (_, raw) in enumerate(goal) if raw.rstrip().endswith("。")]
    cut = ends[0] + 1 if ends else len(goal)
    table.goal_expected = "".join(squeeze_cjk_spaces(raw) for _, raw in goal[:cut])
    table.goal_actual = "".join(squeeze_cjk_spaces(raw) for _, raw in goal[cut:])
    if len(ends) > 2 or (len(ends) == 2 and ends[-1] != len(goal) - 1):
        issues.add(
            "import-ambiguous-columns",
            "年度总体目标的“预期目标”与“实际完成情况”在 PDF 文字中已连在一起，按第一个句号分开，请核对",
            [line for line, _ in goal],
        )


def _tokens(raw: str) -> list[str]:
    """Space-separated tokens, a lone comparator joined to the number after it (``≥ 95%``)."""
    tokens: list[str] = []
    for token in raw.split():
        if tokens and tokens[-1] in _OPERATORS:
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def _anchor(tokens: list[str]) -> int | None:
    """Index of the 分值 token: the first pair of plain numbers from the third token on that
    is not followed by another number."""
    for index in range(2, len(tokens) - 1):
        pair = is_number(tokens[index]) and is_number(tokens[index + 1])
        if pair and (index + 2 == len(tokens) or not is_number(tokens[index + 2])):
            return index
    return None


def _categories(table: TableDraft, tokens: list[str], keep: int, line: Line) -> list[str]:
    """Consume leading category tokens (``产出指标``, ``（50分）``, ``数量指标``) into ``table``
    while at least ``keep`` tokens remain; return the rest."""
    rest = list(tokens)
    while len(rest) > keep:
        token = rest[0]
        name, weight = split_level1(token)
        category = read_category(name, 1) if name else None
        level1 = category is not None and category.name is not None and category.level == 1
        if level1 or (weight is not None and not name):
            table.set_level1(token, line)
        elif (second := read_category(token, 2)) is not None and second.name is not None:
            table.set_level2(token)
        else:
            break
        rest.pop(0)
    return rest


def _indicator_line(state: _State, table: TableDraft, raw: str, line: Line) -> None:
    tokens = _tokens(raw)
    anchor = _anchor(tokens)
    if anchor is None:
        if not _categories(table, tokens, 0, line):
            return  # a line of categories only
        _continue_row(state, raw, line)
        return
    head = _categories(table, tokens[:anchor], 2, line)
    if len(head) < 2:
        state.issues.add("import-unparsed-line", f"绩效指标行缺少三级指标或指标值：“{raw}”", [line])
        return
    name, target, actual = (
        (head[:-2], head[-2], head[-1]) if len(head) > 2 else (head[:1], head[1], "")
    )
    if not actual:
        message = f"绩效指标行“{raw}”只有一个指标值，按年度指标值读取，实际完成值为空"
        state.issues.add("import-ambiguous-columns", message, [line])
    reason = squeeze_cjk_spaces(" ".join(tokens[anchor + 2 :]))
    row = RowDraft(
        table.level1, table.level2, squeeze_cjk_spaces(" ".join(name)), target, actual,
        tokens[anchor], tokens[anchor + 1], reason, [line],
    )  # fmt: skip
    table.rows.append(row)
    state.row = row


def _continue_row(state: _State, raw: str, line: Line) -> None:
    row = state.row
    if row is None:
        state.issues.add("import-unparsed-line", f"无法识别的绩效指标文字：“{raw}”", [line])
        return
    text = squeeze_cjk_spaces(raw)
    if row.reason:
        row.reason += text
    else:
        row.name += text
    row.lines.append(line)
