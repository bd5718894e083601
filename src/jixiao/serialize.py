"""Canonical JSON form of a :class:`~jixiao.model.Document` and back.

The shape is published as ``schema/document.schema.json``. Amounts are JSON numbers in the
document's ``money_unit``; percentages are points (``95`` for 95 %). Every indicator, task,
project and budget amount carries ``source_line`` (1-based line in ``file``).

:func:`document_to_dict` and :func:`document_from_dict` round-trip: ``from(to(d)) == d`` for
every document (checked by a hypothesis property test), except that ``Source.text`` is only
kept when ``with_source_text`` is set.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model import (
    BUDGET_FIELDS,
    BudgetOverview,
    CategoryRow,
    Document,
    DocumentKind,
    ImportIssue,
    Indicator,
    MoneyUnit,
    Operator,
    Project,
    Source,
    SubtotalRow,
    Target,
    Task,
)

SCHEMA_VERSION = "1.0"

JsonDict = dict[str, Any]


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


def _dec(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise TypeError(f"not a number: {value!r}")
    return Decimal(str(value))


def _source(source: Source, with_text: bool, file: str | None = None) -> JsonDict:
    """Line span of ``source``; ``source_file`` only when it differs from the document's
    ``file`` (an item typed in the web form, ``web:<id>``, inside an imported table)."""
    out: JsonDict = {"source_line": source.line, "source_end_line": source.end_line}
    if file is not None and source.file != file:
        out["source_file"] = source.file
    if with_text:
        out["source_text"] = source.text
    return out


def _source_from(data: JsonDict, file: str) -> Source:
    line = int(data["source_line"])
    end = int(data.get("source_end_line") or line)
    own_file = str(data.get("source_file") or file)
    return Source(own_file, line, end, str(data.get("source_text", "")))


def location_to_dict(source: Source | None) -> JsonDict:
    """Where a finding or issue stands, for reports: ``file``, 1-based ``line`` and
    ``end_line``, the raw ``text`` (all ``None`` when ``source`` is ``None``)."""
    if source is None:
        return {"file": None, "line": None, "end_line": None, "text": None}
    return {
        "file": source.file,
        "line": source.line,
        "end_line": source.end_line,
        "text": source.text,
    }


def target_to_dict(target: Target | None) -> JsonDict | None:
    """JSON form of a target: ``raw``, ``operator``, ``value``, ``value_max``, ``unit``,
    ``qualitative`` and the parse details (``operator_implied``, ``unit_from_name``,
    ``qualifier``, ``remainder``, ``compound``)."""
    if target is None:
        return None
    return {
        "raw": target.raw,
        "operator": target.operator.value if target.operator else None,
        "value": _num(target.value),
        "value_max": _num(target.value_max),
        "unit": target.unit,
        "qualitative": target.qualitative,
        "operator_implied": target.operator_implied,
        "unit_from_name": target.unit_from_name,
        "qualifier": target.qualifier,
        "remainder": target.remainder,
        "compound": target.compound,
    }


def target_from_dict(data: JsonDict | None) -> Target | None:
    """Inverse of :func:`target_to_dict`."""
    if data is None:
        return None
    return Target(
        raw=data["raw"],
        operator=Operator(data["operator"]) if data.get("operator") else None,
        value=_dec(data.get("value")),
        value_max=_dec(data.get("value_max")),
        unit=data.get("unit"),
        qualitative=bool(data["qualitative"]),
        operator_implied=bool(data.get("operator_implied", False)),
        unit_from_name=bool(data.get("unit_from_name", False)),
        qualifier=data.get("qualifier"),
        remainder=data.get("remainder"),
        compound=bool(data.get("compound", False)),
    )


def indicator_to_dict(
    indicator: Indicator, with_text: bool = False, file: str | None = None
) -> JsonDict:
    """JSON form of an indicator (see the module docstring)."""
    return {
        "number": indicator.number,
        "level1": indicator.level1,
        "level2": indicator.level2,
        "level1_as_written": indicator.level1_as_written,
        "level2_as_written": indicator.level2_as_written,
        "level1_code": indicator.level1_code,
        "level2_code": indicator.level2_code,
        "name": indicator.name,
        "explanation": indicator.explanation,
        "period_target": target_to_dict(indicator.period_target),
        "annual_target": target_to_dict(indicator.annual_target),
        **_source(indicator.source, with_text, file),
    }


def indicator_from_dict(data: JsonDict, file: str) -> Indicator:
    """Inverse of :func:`indicator_to_dict`."""
    return Indicator(
        name=data["name"],
        source=_source_from(data, file),
        level1=data.get("level1"),
        level2=data.get("level2"),
        level1_as_written=data.get("level1_as_written"),
        level2_as_written=data.get("level2_as_written"),
        level1_code=data.get("level1_code"),
        level2_code=data.get("level2_code"),
        annual_target=target_from_dict(data.get("annual_target")),
        period_target=target_from_dict(data.get("period_target")),
        explanation=data.get("explanation"),
        number=data.get("number"),
    )


_FUND_FIELDS = ("amount_total", "fiscal_appropriation", "special_account_funds", "other_funds")


def _project_to_dict(project: Project, with_text: bool, file: str | None) -> JsonDict:
    return {
        "name": project.name,
        "unit": project.unit,
        **{name: _num(getattr(project, name)) for name in _FUND_FIELDS},
        "goal": project.goal,
        "notes": list(project.notes),
        "indicators": [indicator_to_dict(i, with_text, file) for i in project.indicators],
        **_source(project.source, with_text, file),
    }


def _project_from_dict(data: JsonDict, file: str) -> Project:
    return Project(
        name=data["name"],
        source=_source_from(data, file),
        unit=data.get("unit"),
        **{name: _dec(data.get(name)) for name in _FUND_FIELDS},
        goal=data.get("goal"),
        indicators=[indicator_from_dict(i, file) for i in data.get("indicators", [])],
        notes=list(data.get("notes", [])),
    )


def _subtotal_to_dict(row: SubtotalRow, with_text: bool, file: str | None) -> JsonDict:
    return {
        "label": row.label,
        "grand_total": row.grand_total,
        **{name: _num(getattr(row, name)) for name in _FUND_FIELDS},
        **_source(row.source, with_text, file),
    }


def _subtotal_from_dict(data: JsonDict, file: str) -> SubtotalRow:
    return SubtotalRow(
        label=data["label"],
        source=_source_from(data, file),
        grand_total=bool(data.get("grand_total", False)),
        **{name: _dec(data.get(name)) for name in _FUND_FIELDS},
    )


def _task_to_dict(task: Task, with_text: bool, file: str | None) -> JsonDict:
    return {
        "number": task.number,
        "group": task.group,
        "name": task.name,
        "content": task.content,
        "amount": _num(task.amount),
        "expected_outcome": task.expected_outcome,
        **_source(task.source, with_text, file),
    }


def _task_from_dict(data: JsonDict, file: str) -> Task:
    return Task(
        name=data["name"],
        source=_source_from(data, file),
        group=data.get("group", "年度重点工作任务"),
        number=data.get("number"),
        content=data.get("content"),
        amount=_dec(data.get("amount")),
        expected_outcome=data.get("expected_outcome"),
    )


def _budget_to_dict(
    budget: BudgetOverview | None, with_text: bool, file: str | None
) -> JsonDict | None:
    if budget is None:
        return None
    out: JsonDict = {name: _num(budget.get(name)) for name in BUDGET_FIELDS}
    out["source_lines"] = {
        name: _source(src, with_text, file) for name, src in sorted(budget.sources.items())
    }
    return out


def _budget_from_dict(data: JsonDict | None, file: str) -> BudgetOverview | None:
    if data is None:
        return None
    sources = {name: _source_from(src, file) for name, src in data.get("source_lines", {}).items()}
    values = {name: _dec(data.get(name)) for name in BUDGET_FIELDS}
    return BudgetOverview(**values, sources=sources)


def _category_to_dict(row: CategoryRow, with_text: bool, file: str | None) -> JsonDict:
    return {"level1": row.level1, "level2": row.level2, **_source(row.source, with_text, file)}


def _issue_to_dict(issue: ImportIssue, with_text: bool, file: str | None) -> JsonDict:
    return {"code": issue.code, "message": issue.message, **_source(issue.source, with_text, file)}


def document_to_dict(document: Document, *, with_source_text: bool = False) -> JsonDict:
    """The canonical JSON object of ``document`` (``schema/document.schema.json``).

    ``with_source_text`` adds each value's raw source text (``source_text``) beside its
    ``source_line``.
    """
    t, f = with_source_text, document.file
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": document.kind.value,
        "file": document.file,
        "layout": document.layout,
        "encoding": document.encoding,
        "title": document.title,
        "department": document.department,
        "department_as_written": document.department_as_written,
        "fiscal_year": document.fiscal_year,
        "money_unit": document.money_unit.value,
        "supervising_department": document.supervising_department,
        "staff_count": document.staff_count,
        "subordinate_unit_count": document.subordinate_unit_count,
        "budget": _budget_to_dict(document.budget, t, f),
        "overall_goal": document.overall_goal,
        "tasks": [_task_to_dict(x, t, f) for x in document.tasks],
        "indicators": [indicator_to_dict(x, t, f) for x in document.indicators],
        "empty_categories": [_category_to_dict(x, t, f) for x in document.empty_categories],
        "subtotals": [_subtotal_to_dict(x, t, f) for x in document.subtotals],
        "projects": [_project_to_dict(x, t, f) for x in document.projects],
        "issues": [_issue_to_dict(x, t, f) for x in document.issues],
        "notes": list(document.notes),
    }


def document_from_dict(data: JsonDict) -> Document:
    """Rebuild a :class:`Document` from :func:`document_to_dict` output.

    Raises ``KeyError``/``ValueError``/``TypeError`` on data that does not follow the schema.
    """
    file = str(data["file"])
    return Document(
        kind=DocumentKind(data["kind"]),
        file=file,
        title=data.get("title"),
        department=data.get("department"),
        department_as_written=data.get("department_as_written"),
        fiscal_year=data.get("fiscal_year"),
        money_unit=MoneyUnit(data.get("money_unit", "万元")),
        supervising_department=data.get("supervising_department"),
        staff_count=data.get("staff_count"),
        subordinate_unit_count=data.get("subordinate_unit_count"),
        budget=_budget_from_dict(data.get("budget"), file),
        overall_goal=data.get("overall_goal"),
        tasks=[_task_from_dict(x, file) for x in data.get("tasks", [])],
        indicators=[indicator_from_dict(x, file) for x in data.get("indicators", [])],
        projects=[_project_from_dict(x, file) for x in data.get("projects", [])],
        subtotals=[_subtotal_from_dict(x, file) for x in data.get("subtotals", [])],
        empty_categories=[
            CategoryRow(x.get("level1"), x.get("level2"), _source_from(x, file))
            for x in data.get("empty_categories", [])
        ],
        issues=[
            ImportIssue(x["code"], x["message"], _source_from(x, file))
            for x in data.get("issues", [])
        ],
        notes=list(data.get("notes", [])),
        layout=data.get("layout"),
        encoding=data.get("encoding", "utf-8"),
    )
