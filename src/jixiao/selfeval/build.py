"""Turn the drafts of a layout parser into a :class:`~jixiao.selfeval.model.SelfEvaluation`.

Numbers are read once here (amounts 万元, ``93.23%`` → 93.23, ``—`` blank; anything else is an
``import-amount-unreadable`` issue naming the line), categories with the taxonomy (printed
names and aliases, REFERENCE.md §1), targets with :func:`jixiao.targets.parse_target`. Each
table becomes a project (``projects/n``) of a project document, or the department
(``indicators/i``) of a department document; a file mixing both kinds keeps the kind of its
first table and reports the others.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, Period
from jixiao.ingest.common import Issues, Line, read_category, source_of
from jixiao.ingest.text import squeeze_cjk_spaces
from jixiao.model import BudgetOverview, Document, DocumentKind, Indicator, Project
from jixiao.paths import project_path
from jixiao.selfeval.draft import FundDraft, ParsedFile, RowDraft, TableDraft
from jixiao.selfeval.labels import is_placeholder, qualitative_grade, read_number
from jixiao.selfeval.model import (
    Printed,
    PublishedFunds,
    PublishedRow,
    PublishedTable,
    SelfEvaluation,
)
from jixiao.targets import parse_target

_FUND_NAMES = {
    "initial": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}


def build_selfeval(parsed: ParsedFile, file: str, layout: str, encoding: str) -> SelfEvaluation:
    """The self-evaluation of ``parsed`` (its tables must not be empty)."""
    issues = parsed.issues
    kind = parsed.tables[0].kind
    drafts = _same_kind(parsed.tables, kind, issues)
    year = next((d.year for d in drafts if d.year), None)
    period = Period(year, 12) if year else None
    document = Document(kind=kind, file=file, fiscal_year=year, layout=layout, encoding=encoding)
    actuals = Actuals(as_of=period)
    tables = []
    for index, draft in enumerate(drafts):
        path = project_path(index) if kind is DocumentKind.PROJECT else ""
        local = Issues(draft.file or file)
        tables.append(_table(draft, path, document, actuals, local))
        issues.items.extend(local.items)
    document.title = _title(kind, drafts[0])
    document.issues = issues.items
    return SelfEvaluation(file, layout, document, actuals, tables, issues.items, encoding)


def _same_kind(drafts: list[TableDraft], kind: DocumentKind, issues: Issues) -> list[TableDraft]:
    """Tables of ``kind`` (one for a department file); the others are reported and skipped."""
    kept: list[TableDraft] = []
    for draft in drafts:
        if draft.kind is not kind or (kind is DocumentKind.DEPARTMENT and kept):
            what = "另一张部门整体自评表" if draft.kind is kind else "不同类型的自评表"
            Issues(draft.file or issues.file, issues.items).add(
                "import-unparsed-line", f"文件中有{what}，已跳过（每个文件只读一种）", draft.lines
            )
            continue
        kept.append(draft)
    return kept


def _title(kind: DocumentKind, draft: TableDraft) -> str:
    year = f"{draft.year}年度" if draft.year else ""
    return year + (
        "项目支出绩效自评表" if kind is DocumentKind.PROJECT else "部门整体支出绩效自评表"
    )


def _table(
    draft: TableDraft, path: str, document: Document, actuals: Actuals, issues: Issues
) -> PublishedTable:
    file = draft.file or document.file
    head = [draft.name_line] if draft.name_line else draft.lines
    table = PublishedTable(
        path=path,
        kind=draft.kind,
        name=squeeze_cjk_spaces(draft.name) or "（未列名称）",
        source=source_of(file, head),
        supervising_department=draft.supervising or None,
        implementing_unit=draft.unit or None,
        fiscal_year=draft.year,
        goal_expected=squeeze_cjk_spaces(draft.goal_expected),
        goal_actual=squeeze_cjk_spaces(draft.goal_actual),
        conclusion=draft.narrative.get("conclusion", ""),
        problems=draft.narrative.get("problems", ""),
        measures=draft.narrative.get("measures", ""),
    )
    numbers = _Numbers(file, issues)
    table.funds = numbers.funds(draft.funds.get("total"))
    table.parts = {k: numbers.funds(v) for k, v in draft.funds.items() if k != "total"}
    _read_totals(table, draft, numbers)
    for name, (text, line) in draft.level1_weights.items():
        printed = numbers.read(text, f"{name}分值", line)
        if printed is not None:
            table.level1_weights[_level1_name(name)] = (printed, source_of(file, [line]))
    indicators = _rows(draft, table, path, numbers, actuals)
    _check_sections(draft, table, issues)
    _declare(draft, table, path, indicators, document)
    _execution(table, path, actuals)
    return table


def _check_sections(draft: TableDraft, table: PublishedTable, issues: Issues) -> None:
    """A table without indicator rows or without the 年度资金总额 row is incomplete."""
    if not table.rows:
        issues.add("import-missing-section", f"“{table.name}”未找到绩效指标行", draft.lines)
    if table.funds.source is None:
        message = f"“{table.name}”未找到“年度资金总额”行，预算执行率无法重算"
        issues.add("import-missing-section", message, draft.lines)


def _read_totals(table: PublishedTable, draft: TableDraft, numbers: _Numbers) -> None:
    if draft.total_line is not None:
        line = draft.total_line
        table.total_source = source_of(numbers.file, [line])
        table.total_weight = numbers.read(draft.total.get("weight", ""), "总分分值", line)
        table.total = numbers.read(draft.total.get("score", ""), "总分", line)
    if draft.grade_line is not None:
        table.grade = draft.grade.strip() or None
        table.grade_source = source_of(numbers.file, [draft.grade_line])


def _level1_name(written: str) -> str:
    category = read_category(written, 1) if written else None
    return category.name if category is not None and category.name else written


class _Numbers:
    """Reads printed numbers, reporting unreadable ones as issues at their line."""

    def __init__(self, file: str, issues: Issues) -> None:
        self.file = file
        self.issues = issues

    def read(self, text: str, what: str, line: Line) -> Printed | None:
        result = read_number(text)
        if result is None:
            return None
        if isinstance(result, str):
            self.issues.add(
                "import-amount-unreadable", f"{what}“{text.strip()}”不是数字，按空白处理", [line]
            )
            return None
        value, printed = result
        return Printed(value, printed)

    def funds(self, draft: FundDraft | None) -> PublishedFunds:
        if draft is None:
            return PublishedFunds()
        values = {
            key: self.read(draft.cells.get(key, ""), name, draft.line)
            for key, name in _FUND_NAMES.items()
        }
        return PublishedFunds(
            initial=values["initial"],
            budget=values["budget"],
            executed=values["executed"],
            weight=values["weight"],
            rate_pct=values["rate"],
            score=values["score"],
            source=source_of(self.file, [draft.line]),
        )


def _rows(
    draft: TableDraft, table: PublishedTable, path: str, numbers: _Numbers, actuals: Actuals
) -> list[Indicator]:
    base = f"{path}/indicators" if path else "indicators"
    indicators = []
    for index, row in enumerate(draft.rows):
        row_path = f"{base}/{index}"
        indicator = _indicator(row, numbers.file)
        weight = numbers.read(row.weight, f"“{indicator.name}”的分值", row.lines[0])
        score = numbers.read(row.score, f"“{indicator.name}”的得分", row.lines[0])
        reason = "" if is_placeholder(row.reason) else squeeze_cjk_spaces(row.reason)
        table.rows.append(
            PublishedRow(
                row_path, indicator.name, indicator.level1, indicator.level2,
                row.target.strip(), row.actual.strip(), weight, score, reason, indicator.source,
            )
        )  # fmt: skip
        actuals.indicators.append(_actual(row_path, indicator, row, score, reason))
        indicators.append(indicator)
    return indicators


def _indicator(row: RowDraft, file: str) -> Indicator:
    name = squeeze_cjk_spaces(row.name)
    indicator = Indicator(name=name, source=source_of(file, row.lines))
    level1 = read_category(row.level1, 1) if row.level1 else None
    level2 = read_category(row.level2, 2) if row.level2 else None
    indicator.level1_as_written = row.level1 or None
    indicator.level2_as_written = row.level2 or None
    if level1 is not None and level1.level == 1:
        indicator.level1, indicator.level1_code = level1.name, level1.code
    if level2 is not None and level2.level == 2:
        indicator.level2, indicator.level2_code = level2.name, level2.code
    target = squeeze_cjk_spaces(row.target)
    indicator.annual_target = parse_target(target, name) if target else None
    return indicator


def _actual(
    path: str, indicator: Indicator, row: RowDraft, score: Printed | None, reason: str
) -> IndicatorActual:
    """The reported actual of a row. A qualitative row gets the tier its text states and the
    published score (the evaluator's judgment, checked against the tier's band); a
    quantitative row is scored from its 实际完成值 alone."""
    target = indicator.annual_target
    actual_text = squeeze_cjk_spaces(row.actual)
    qualitative = target is None or target.qualitative or target.value is None
    grade = qualitative_grade(actual_text, target.raw if target else "") if qualitative else None
    return IndicatorActual(
        path=path,
        indicator_name=indicator.name,
        completed_text=actual_text or None,
        grade=grade,
        reason_text=reason,
        score=score.value if qualitative and score is not None else None,
    )


def _declare(
    draft: TableDraft,
    table: PublishedTable,
    path: str,
    indicators: list[Indicator],
    document: Document,
) -> None:
    """Add the declared side of ``table`` to ``document`` (万元, 年初预算数)."""
    funds = table.funds
    declared = _value(funds.initial) or _value(funds.budget)
    appropriation = (
        _value(table.parts["appropriation"].initial) if "appropriation" in table.parts else None
    )
    other = _value(table.parts["other"].initial) if "other" in table.parts else None
    if not path:
        document.department = table.name
        document.department_as_written = draft.name or None
        document.supervising_department = table.supervising_department
        document.overall_goal = table.goal_expected or None
        document.indicators = indicators
        document.budget = BudgetOverview(fiscal_appropriation=appropriation, other_funds=other)
        if declared is not None and appropriation is None:
            document.budget.fiscal_appropriation = declared
        return
    document.department = document.department or table.supervising_department
    project = Project(
        name=table.name,
        source=table.source,
        unit=table.implementing_unit,
        amount_total=declared,
        fiscal_appropriation=appropriation,
        other_funds=other,
        goal=table.goal_expected or None,
        indicators=indicators,
    )
    document.projects.append(project)


def _value(printed: Printed | None) -> Decimal | None:
    return None if printed is None else printed.value


def _execution(table: PublishedTable, path: str, actuals: Actuals) -> None:
    executed = _value(table.funds.executed)
    if executed is None:
        return
    actuals.executions.append(
        BudgetExecution(
            path=path,
            executed=executed,
            budget=_value(table.funds.budget),
            initial_budget=_value(table.funds.initial),
        )
    )
