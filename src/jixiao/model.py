"""The canonical data model of a published performance-target table.

One :class:`Document` is one published table: either a department-level table
(部门整体支出绩效目标表, ``kind == "department"``) or a project-level table
(项目支出绩效目标表, ``kind == "project"``). Field names follow the Ministry of Finance forms
(REFERENCE.md §2): 财政拨款 is ``fiscal_appropriation``, 财政专户拨款
``special_account_funds``, 其他资金 ``other_funds``, 年度指标值 ``annual_target``,
实施周期指标值 ``period_target``.

Money is :class:`~decimal.Decimal` in the document's ``money_unit`` (万元 in every published
table seen so far, REFERENCE.md §2.2); convert with :func:`to_wan_yuan` before comparing
amounts of two documents. Every imported value keeps the :class:`Source` line it came from.

What the document says is kept next to its canonical reading: an indicator's
``level1_as_written``/``level2_as_written`` hold the category text of the table, while
``level1``/``level2`` hold the Ministry's canonical names of *those same words*. A misfiled
indicator is therefore imported as written and flagged by review, never silently moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class DocumentKind(StrEnum):
    """部门整体 (department) or 项目 (project) performance-target table."""

    DEPARTMENT = "department"
    PROJECT = "project"


class MoneyUnit(StrEnum):
    """Unit of every amount of a document (tables state it, e.g. ``单位：万元``)."""

    WAN_YUAN = "万元"
    YUAN = "元"


class Operator(StrEnum):
    """Comparator of a quantitative target (REFERENCE.md §3).

    ``RANGE`` means ``value <= x <= value_max``. Qualitative targets have no operator.
    """

    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="
    LT = "<"
    RANGE = "range"


def to_wan_yuan(amount: Decimal, unit: MoneyUnit) -> Decimal:
    """Convert ``amount`` in ``unit`` to 万元 (1 万元 = 10,000 元)."""
    return amount if unit is MoneyUnit.WAN_YUAN else amount / Decimal(10000)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was read: ``file``, 1-based ``line`` .. ``end_line`` and the raw ``text``.

    ``text`` is the source text of those lines as published (line breaks kept), so a reviewer
    can see exactly what the importer read.
    """

    file: str
    line: int
    end_line: int
    text: str

    @property
    def lines(self) -> str:
        """Human form of the line span: ``"12"`` or ``"12-15"``."""
        return str(self.line) if self.end_line == self.line else f"{self.line}-{self.end_line}"


@dataclass(slots=True)
class Target:
    """A target value (指标值) as written and as understood (REFERENCE.md §3).

    * ``raw``: the text exactly as published (after whitespace normalisation).
    * ``operator``: comparator, ``None`` for a qualitative target (定性).
    * ``value`` / ``value_max``: the number(s); ``value_max`` only for ``Operator.RANGE``.
      Percentages are stored as points (``95%`` → ``95``).
    * ``unit``: measurement unit (``%``, ``人``, ``小时`` …) or ``None``.
    * ``qualitative``: ``True`` when no number could be read (及时, 达标, 良好以上 …).
    * ``operator_implied``: the text had no comparator; ``=`` was inferred (``100%``).
    * ``unit_from_name``: the unit came from the indicator name (``满意度（%）``), not the value.
    * ``qualifier``: words before the number (``法定期限办结率``, ``每年``, ``年均``) or ``None``.
    * ``remainder``: words after the number and unit that were not understood, or ``None``.
    * ``compound``: the text states more than one condition (``参考率不低于85%，及格率不低于85%``);
      only the first is in ``operator``/``value``/``unit``.
    """

    raw: str
    operator: Operator | None = None
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str | None = None
    qualitative: bool = True
    operator_implied: bool = False
    unit_from_name: bool = False
    qualifier: str | None = None
    remainder: str | None = None
    compound: bool = False

    @property
    def quantitative(self) -> bool:
        """``True`` when the target has a number to measure against."""
        return not self.qualitative


@dataclass(slots=True)
class Indicator:
    """A 三级指标 row with its category path and targets.

    ``level1``/``level2`` are canonical names (``产出指标``, ``数量指标``) of the categories as
    written, or ``None`` when the table gives none or an unknown one; the ``*_as_written``
    fields keep the table's own text (``2-效益指标``, ``社会效益``); ``level1_code`` /
    ``level2_code`` the codes printed in front of them (``"1"``, ``"11"``), if any.
    ``number`` is the item number printed in the table (``3、``) when there is one.
    ``explanation`` is the 三级指标解释 column where the layout has one.
    """

    name: str
    source: Source
    level1: str | None = None
    level2: str | None = None
    level1_as_written: str | None = None
    level2_as_written: str | None = None
    level1_code: str | None = None
    level2_code: str | None = None
    annual_target: Target | None = None
    period_target: Target | None = None
    explanation: str | None = None
    number: int | None = None


@dataclass(slots=True)
class CategoryRow:
    """A printed level-1/level-2 category with no 三级指标 under it (an empty placeholder row).

    Real 2025 forms print every level-2 category, filled or not (REFERENCE.md §1.2); these are
    kept so review can tell a deliberately empty category from a missing one.
    """

    level1: str | None
    level2: str | None
    source: Source


@dataclass(slots=True)
class Task:
    """A 年度重点工作任务 (or 其他需完成任务) row of a department-level table.

    ``amount`` is 拟投入的资金 in the document's money unit, ``None`` when blank.
    ``group`` is the section it is listed under, as printed (``年度重点工作任务`` …).
    """

    name: str
    source: Source
    group: str = "年度重点工作任务"
    number: int | None = None
    content: str | None = None
    amount: Decimal | None = None
    expected_outcome: str | None = None


@dataclass(slots=True)
class Project:
    """A project row of a 项目支出绩效目标表 with its funds, goal and indicators.

    Amounts are in the document's money unit; a blank column is ``None``.
    ``unit`` is the 资金使用单位 subtotal row the project is listed under, if any.
    ``notes`` keeps text the table attaches to the project that is neither goal nor
    indicator (a trailing remark such as ``（……为平均值。）``).
    """

    name: str
    source: Source
    unit: str | None = None
    amount_total: Decimal | None = None
    fiscal_appropriation: Decimal | None = None
    special_account_funds: Decimal | None = None
    other_funds: Decimal | None = None
    goal: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SubtotalRow:
    """A 合计 row (``grand_total``) or a 资金使用单位 subtotal row of a project table."""

    label: str
    source: Source
    grand_total: bool = False
    amount_total: Decimal | None = None
    fiscal_appropriation: Decimal | None = None
    special_account_funds: Decimal | None = None
    other_funds: Decimal | None = None


BUDGET_FIELDS: dict[str, str] = {
    "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出",
    "fiscal_appropriation": "财政拨款",
    "other_funds": "其他资金",
    "special_funds": "财政专项资金",
    "other_development_expenditure": "其他事业发展性支出",
    "own_level_funds": "本级使用资金",
    "transfer_funds": "拟用于对下转移支付资金",
}
"""Budget overview (预算整体情况) fields and the labels Guangdong forms print for them."""


@dataclass(slots=True)
class BudgetOverview:
    """预算整体情况 of a department-level table, amounts in the document's money unit.

    Fields are ``None`` when the table does not state them; ``sources`` maps each stated field
    name (a key of :data:`BUDGET_FIELDS`) to the line it was read from.
    """

    basic_expenditure: Decimal | None = None
    project_expenditure: Decimal | None = None
    fiscal_appropriation: Decimal | None = None
    other_funds: Decimal | None = None
    special_funds: Decimal | None = None
    other_development_expenditure: Decimal | None = None
    own_level_funds: Decimal | None = None
    transfer_funds: Decimal | None = None
    sources: dict[str, Source] = field(default_factory=dict)

    def get(self, name: str) -> Decimal | None:
        """The amount of field ``name`` (a key of :data:`BUDGET_FIELDS`)."""
        value: Decimal | None = getattr(self, name)
        return value


@dataclass(slots=True)
class ImportIssue:
    """Something the importer could not fully understand; it becomes a review finding.

    ``code`` is a finding code of the review catalogue (e.g. ``import-unparsed-line``).
    """

    code: str
    message: str
    source: Source


@dataclass(slots=True)
class Document:
    """One published performance-target table.

    * ``kind``: department (部门整体) or project (项目) table.
    * ``department``: the department's name with decorations such as ``(部门)`` or ``（本级）``
      removed; ``department_as_written`` keeps the printed text.
    * ``fiscal_year``: the budget year, ``None`` when the table does not state one.
    * ``budget``, ``overall_goal``, ``tasks``, ``indicators``: department-level content.
    * ``projects``, ``subtotals``: project-level content.
    * ``empty_categories``: printed category rows with nothing under them.
    * ``issues``: what the importer could not read (each becomes a finding).
    * ``notes``: remarks printed with the table (``注：不含保密项目。``).
    * ``layout``: name of the importer that read the file; ``encoding`` the text encoding.
    """

    kind: DocumentKind
    file: str
    title: str | None = None
    department: str | None = None
    department_as_written: str | None = None
    fiscal_year: int | None = None
    money_unit: MoneyUnit = MoneyUnit.WAN_YUAN
    supervising_department: str | None = None
    staff_count: int | None = None
    subordinate_unit_count: int | None = None
    budget: BudgetOverview | None = None
    overall_goal: str | None = None
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    subtotals: list[SubtotalRow] = field(default_factory=list)
    empty_categories: list[CategoryRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    layout: str | None = None
    encoding: str = "utf-8"

    def all_indicators(self) -> list[Indicator]:
        """Department-level indicators followed by every project's indicators."""
        result = list(self.indicators)
        for project in self.projects:
            result.extend(project.indicators)
        return result

    @property
    def grand_total(self) -> SubtotalRow | None:
        """The 合计 row of a project table, if printed."""
        return next((row for row in self.subtotals if row.grand_total), None)
