"""What the edit page shows of a document, and how a save merges the user's edits into it.

No Django here: the forms (:mod:`web.declarations.forms`) turn request data into the plain
values below, and these functions do the rest, so the conversion is testable on its own.

* :func:`edit_from_document` — the editable content of a :class:`~jixiao.model.Document`
  as a :class:`DocumentEdit` (what the form shows initially). Each row remembers the
  position of the stored item it shows (``origin``).
* :func:`apply_edit` — the stored document with a :class:`DocumentEdit` merged in. Only
  what the form shows changes; everything else (notes, import issues, sources, subtotals,
  empty category rows, an indicator's 三级指标解释, a project's 资金使用单位 …) is kept.
  A part of the edit left ``None`` is not edited at all. Rows are matched to stored items
  by ``origin``: a stored item keeps its :class:`~jixiao.model.Source` (and any value the
  user did not change, exactly as imported); a row without origin is a new item, with
  ``Source(file="web:<declaration pk>", line=<row number in its block>)``. A stored item
  with no row is deleted. ``apply_edit(d, edit_from_document(d), …)`` equals ``d``.
* :func:`preview_target` — what the target parser understands of a 年度指标值, for live
  feedback while typing.

Indicator categories: the form offers the Ministry's canonical names
(:mod:`jixiao.taxonomy`). An unchanged choice keeps the table's own text
(``level1_as_written``, ``level2_as_written``) and code, so a misfiled imported indicator
stays misfiled — and flagged by review — until the user explicitly moves it.

Amounts are :class:`~decimal.Decimal` in the document's money unit (万元 in every published
table); ``None`` is a blank cell.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from jixiao import taxonomy
from jixiao.model import (
    BUDGET_FIELDS,
    BudgetOverview,
    Document,
    DocumentKind,
    Indicator,
    Project,
    Source,
    Target,
    Task,
)
from jixiao.targets import format_target, parse_target

PROJECT_FUNDS: dict[str, str] = {
    "amount_total": "资金总额",
    "fiscal_appropriation": "财政拨款",
    "special_account_funds": "财政专户拨款",
    "other_funds": "其他资金",
}
"""The fund fields of a project row and their labels on the 项目支出绩效目标表."""

CREATED_FILE = "web"
"""``Document.file`` of a declaration created blank on the web (it has no source file)."""


def web_file(declaration_pk: int) -> str:
    """``Source.file`` of items entered on the web for declaration ``declaration_pk``."""
    return f"web:{declaration_pk}"


@dataclass(frozen=True, slots=True)
class IndicatorEdit:
    """An indicator row: 一级/二级 as canonical names (``""``: none), 三级 name, targets as
    text (``""``: blank; ``period_target`` ``None``: not shown, kept); ``origin`` is the
    stored indicator's position in its list."""

    name: str
    level1: str = ""
    level2: str = ""
    period_target: str | None = ""
    annual_target: str = ""
    origin: int | None = None


@dataclass(frozen=True, slots=True)
class TaskEdit:
    """A 年度重点工作任务 row; ``amount`` is 拟投入的资金 in the money unit (万元)."""

    name: str
    content: str = ""
    amount: Decimal | None = None
    expected_outcome: str = ""
    origin: int | None = None


@dataclass(frozen=True, slots=True)
class ProjectEdit:
    """A project: name, funds in the money unit (万元), 绩效目标 and its indicator rows."""

    name: str
    amount_total: Decimal | None = None
    fiscal_appropriation: Decimal | None = None
    special_account_funds: Decimal | None = None
    other_funds: Decimal | None = None
    goal: str = ""
    indicators: tuple[IndicatorEdit, ...] = ()
    origin: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentEdit:
    """The editable content of a document; a part left ``None`` is not edited (kept as is).

    ``budget`` maps each key of :data:`jixiao.model.BUDGET_FIELDS` to an amount (万元) or
    ``None``; a key left out is not edited.
    """

    department: str | None = None
    overall_goal: str | None = None
    budget: Mapping[str, Decimal | None] | None = None
    tasks: tuple[TaskEdit, ...] | None = None
    indicators: tuple[IndicatorEdit, ...] | None = None
    projects: tuple[ProjectEdit, ...] | None = None


# --------------------------------------------------------------------- document → edit


def edit_from_document(document: Document) -> DocumentEdit:
    """What the edit form shows of ``document``: for a department table the department,
    budget, overall goal, tasks and indicators; for a project table the department and
    the projects (each with its indicators)."""
    department = document.department or ""
    if document.kind is DocumentKind.PROJECT:
        projects = tuple(_project_edit(p, i) for i, p in enumerate(document.projects))
        return DocumentEdit(department=department, projects=projects)
    budget = document.budget
    return DocumentEdit(
        department=department,
        overall_goal=document.overall_goal or "",
        budget={name: budget.get(name) if budget else None for name in BUDGET_FIELDS},
        tasks=tuple(_task_edit(t, i) for i, t in enumerate(document.tasks)),
        indicators=tuple(indicator_edit(x, i) for i, x in enumerate(document.indicators)),
    )


def indicator_edit(indicator: Indicator, origin: int | None = None) -> IndicatorEdit:
    """The row showing ``indicator`` (stored at position ``origin``)."""
    return IndicatorEdit(
        name=indicator.name,
        level1=indicator.level1 or "",
        level2=indicator.level2 or "",
        period_target=indicator.period_target.raw if indicator.period_target else "",
        annual_target=indicator.annual_target.raw if indicator.annual_target else "",
        origin=origin,
    )


def _task_edit(task: Task, origin: int) -> TaskEdit:
    return TaskEdit(
        name=task.name,
        content=task.content or "",
        amount=task.amount,
        expected_outcome=task.expected_outcome or "",
        origin=origin,
    )


def _project_edit(project: Project, origin: int) -> ProjectEdit:
    return ProjectEdit(
        name=project.name,
        **{name: getattr(project, name) for name in PROJECT_FUNDS},
        goal=project.goal or "",
        indicators=tuple(indicator_edit(x, i) for i, x in enumerate(project.indicators)),
        origin=origin,
    )


# --------------------------------------------------------------------- edit → document


def apply_edit(stored: Document, edit: DocumentEdit, *, source_file: str) -> Document:
    """A copy of ``stored`` with ``edit`` merged in (``stored`` is not modified).

    ``source_file`` is the ``Source.file`` of new items (:func:`web_file`). Rows whose
    ``origin`` does not exist in ``stored`` count as new. Never raises on well-typed input.
    """
    document = copy.deepcopy(stored)
    new = _NewSource(source_file)
    coded = any(i.level1_code or i.level2_code for i in stored.all_indicators())
    if edit.department is not None:
        document.department = _text(edit.department, stored.department)
    if edit.overall_goal is not None:
        document.overall_goal = _text(edit.overall_goal, stored.overall_goal)
    if edit.budget is not None:
        document.budget = _budget(edit.budget, stored.budget, new)
    if edit.tasks is not None:
        document.tasks = _merge(edit.tasks, stored.tasks, lambda e, s, row: _task(e, s, new(row)))
    if edit.indicators is not None:
        document.indicators = _indicators(edit.indicators, stored.indicators, new, coded)
    if edit.projects is not None:
        document.projects = _merge(
            edit.projects, stored.projects, lambda e, s, row: _project(e, s, new, row, coded)
        )
    return document


class _NewSource:
    """Makes the :class:`Source` of a new item: ``web:<pk>``, line = row number (1-based)."""

    def __init__(self, file: str) -> None:
        self.file = file

    def __call__(self, row: int) -> Source:
        return Source(self.file, row, row, "")


EditT = TypeVar("EditT", IndicatorEdit, TaskEdit, ProjectEdit)
ItemT = TypeVar("ItemT", Indicator, Task, Project)


def _merge(
    edits: Sequence[EditT],
    stored: Sequence[ItemT],
    build: Callable[[EditT, ItemT | None, int], ItemT],
) -> list[ItemT]:
    """One item per row, in row order: ``build(row edit, stored item or None, row number)``."""
    return [build(e, _origin(stored, e.origin), row) for row, e in enumerate(edits, start=1)]


def _origin(stored: Sequence[ItemT], origin: int | None) -> ItemT | None:
    if origin is None or not 0 <= origin < len(stored):
        return None
    return copy.deepcopy(stored[origin])


def _indicators(
    edits: Sequence[IndicatorEdit], stored: Sequence[Indicator], new: _NewSource, coded: bool
) -> list[Indicator]:
    return _merge(edits, stored, lambda e, s, row: _indicator(e, s, new(row), coded))


def _indicator(
    edit: IndicatorEdit, stored: Indicator | None, source: Source, coded: bool
) -> Indicator:
    item = stored or Indicator(name="", source=source)
    name = _name(edit.name, stored.name if stored else None)
    item.level1, item.level1_as_written, item.level1_code = _category(
        edit.level1, (item.level1, item.level1_as_written, item.level1_code), taxonomy.level1, coded
    )
    item.level2, item.level2_as_written, item.level2_code = _category(
        edit.level2, (item.level2, item.level2_as_written, item.level2_code), taxonomy.level2, coded
    )
    item.annual_target = _target(edit.annual_target, item.annual_target, name, item.name)
    if edit.period_target is not None:
        item.period_target = _target(edit.period_target, item.period_target, name, item.name)
    item.name = name
    return item


Category = tuple[str | None, str | None, str | None]
"""``(canonical name, as written, code)`` of an indicator's 一级 or 二级 category."""


def _category(
    chosen: str,
    stored: Category,
    lookup: Callable[[str], taxonomy.Category | None],
    coded: bool,
) -> Category:
    """The category after the user chose ``chosen`` (a canonical name or ``""``).

    Unchanged: the stored triple, as written. Changed: the canonical name, written as the
    table would print it (``11-数量指标`` when the table prints codes).
    """
    if (chosen or None) == stored[0]:
        return stored
    if not chosen:
        return None, None, None
    category = lookup(chosen)
    if category is None:
        return None, chosen, None
    if coded:
        return category.name, f"{category.code}-{category.name}", category.code
    return category.name, category.name, None


def _target(text: str, stored: Target | None, name: str, stored_name: str) -> Target | None:
    """The target written as ``text``: the stored one when neither it nor the indicator name
    changed (kept exactly as imported), else :func:`jixiao.targets.parse_target`."""
    text = " ".join(text.split())
    if stored is not None and text == stored.raw and name == stored_name:
        return stored
    return parse_target(text, name) if text else None


def _task(edit: TaskEdit, stored: Task | None, source: Source) -> Task:
    item = stored or Task(name="", source=source)
    item.name = _name(edit.name, stored.name if stored else None)
    item.content = _text(edit.content, item.content)
    item.amount = _amount(edit.amount, item.amount)
    item.expected_outcome = _text(edit.expected_outcome, item.expected_outcome)
    return item


def _project(
    edit: ProjectEdit, stored: Project | None, new: _NewSource, row: int, coded: bool
) -> Project:
    item = stored or Project(name="", source=new(row))
    item.name = _name(edit.name, stored.name if stored else None)
    for field_name in PROJECT_FUNDS:
        setattr(item, field_name, _amount(getattr(edit, field_name), getattr(item, field_name)))
    item.goal = _text(edit.goal, item.goal)
    item.indicators = _indicators(edit.indicators, stored.indicators if stored else [], new, coded)
    return item


def _budget(
    edits: Mapping[str, Decimal | None], stored: BudgetOverview | None, new: _NewSource
) -> BudgetOverview | None:
    """The budget overview after the edit; ``None`` stays ``None`` while nothing is stated.

    A newly stated amount gets a web source (line = its position in :data:`BUDGET_FIELDS`);
    a cleared one loses its source; a changed one keeps the imported source.
    """
    if stored is None and all(edits.get(name) is None for name in BUDGET_FIELDS):
        return None
    budget = copy.deepcopy(stored) if stored is not None else BudgetOverview()
    for row, name in enumerate(BUDGET_FIELDS, start=1):
        if name not in edits:
            continue
        value = _amount(edits[name], budget.get(name))
        setattr(budget, name, value)
        if value is None:
            budget.sources.pop(name, None)
        elif name not in budget.sources:
            budget.sources[name] = new(row)
    return budget


def _text(submitted: str, stored: str | None) -> str | None:
    """``stored`` when the user left it as shown (white space at the ends and ``\\r\\n``
    aside), else the submitted text (``None`` when blank)."""
    text = submitted.replace("\r\n", "\n").strip()
    if text == (stored or "").replace("\r\n", "\n").strip():
        return stored
    return text or None


def _name(submitted: str, stored: str | None) -> str:
    return _text(submitted, stored) or ""


def _amount(submitted: Decimal | None, stored: Decimal | None) -> Decimal | None:
    """``stored`` when numerically unchanged (``12.50`` is ``12.5``), else ``submitted``."""
    if submitted is None or stored is None:
        return submitted
    return stored if submitted == stored else submitted


# --------------------------------------------------------------------- live feedback


@dataclass(frozen=True, slots=True)
class TargetPreview:
    """What the parser understood of a target text.

    ``reading`` is :func:`jixiao.targets.format_target` (``≥ 95 %``, ``= 1 人/村``,
    ``定性：及时``) or ``（未填写）``; ``kind`` is ``"empty"``, ``"quantitative"`` or
    ``"qualitative"``; ``warnings`` say why it cannot be measured as written, ``notes``
    what else the parser noticed.
    """

    text: str
    reading: str
    kind: str
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def measurable(self) -> bool:
        return self.kind == "quantitative"


def preview_target(text: str, indicator_name: str | None = None) -> TargetPreview:
    """Parse ``text`` as the 指标值 of indicator ``indicator_name`` and say what it means."""
    target = parse_target(text, indicator_name or None)
    if not target.raw:
        return TargetPreview(text, "（未填写）", "empty")
    reading = format_target(target)
    if target.qualitative:
        warning = "未读出数值，无法计量：按定性指标处理（能量化的请写明比较符号、数值和计量单位）"
        return TargetPreview(text, reading, "qualitative", (warning,))
    warnings = []
    notes = []
    if target.operator_implied:
        warnings.append("未写比较符号（≥、≤、= 等），按“=”理解")
    if target.unit is None:
        warnings.append("未写计量单位")
    if target.compound:
        warnings.append("含多个条件，只读取了第一个")
    if target.unit_from_name:
        notes.append(f"计量单位“{target.unit}”取自指标名称")
    if target.qualifier:
        notes.append(f"限定：{target.qualifier}")
    if target.remainder and not target.compound:
        notes.append(f"其余文字：{target.remainder}")
    return TargetPreview(text, reading, "quantitative", tuple(warnings), tuple(notes))
