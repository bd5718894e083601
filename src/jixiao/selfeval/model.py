"""What an imported self-evaluation table (绩效自评表) holds.

A :class:`SelfEvaluation` is one file: the declared part as a :class:`~jixiao.model.Document`
(projects or the department, their 年初预算数, goals and indicators with their 年度指标值), the
reported part as :class:`~jixiao.actuals.Actuals` (实际完成值, 偏差原因, 全年预算数/全年执行数,
dated December of the table's year) and, kept apart, what the table *published*: the
分值/得分 of every row, of 预算执行率 and of the whole table, the 一级指标 points printed in
labels such as ``产出指标（50分）``, 总分 and 等级 (:class:`PublishedTable`). Scoring the first
two with :mod:`jixiao.scoring` and comparing with the third is :mod:`jixiao.selfeval.compare`.

Every published value keeps the :class:`~jixiao.model.Source` line it was read from; money is
万元, rates and scores are Decimal points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.actuals import Actuals
from jixiao.model import Document, DocumentKind, ImportIssue, Source

HALF = Decimal("0.5")
TOLERANCE = Decimal("0.01")
"""How far a recomputed score may be from the printed one and still agree (0.01 point)."""


@dataclass(frozen=True, slots=True)
class Printed:
    """A number as the table prints it: ``value`` and the ``text`` it was read from
    (``"93.23"`` for ``93.23%``, ``"12.5"``).

    :meth:`agrees` compares it with a recomputed value: within 0.01 (scores, totals); with
    ``by_precision`` also within half a unit of the last printed decimal, for rates printed
    with fewer decimals (``"93.2"`` agrees with 93.23, ``"93"`` with 92.7).
    """

    value: Decimal
    text: str

    @property
    def decimals(self) -> int:
        """Number of decimals printed (``"93.23"`` → 2)."""
        exponent = self.value.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0

    def agrees(self, computed: Decimal, *, by_precision: bool = False) -> bool:
        """``True`` when ``computed`` is within 0.01 of the printed value, or (``by_precision``)
        less than half a unit of its last printed decimal away."""
        difference = abs(self.value - computed)
        if difference <= TOLERANCE:
            return True
        return by_precision and difference < HALF * Decimal(10) ** -self.decimals


@dataclass(slots=True)
class PublishedRow:
    """A 绩效指标 row as published: item ``path`` (``projects/0/indicators/2``), the 三级指标
    ``name``, canonical ``level1``/``level2``, 年度指标值 ``target_text``, 实际完成值
    ``actual_text``, 分值 ``weight``, 得分 ``score`` (``None`` when blank or unreadable) and
    偏差原因分析及改进措施 ``reason`` (``""`` when blank or a placeholder such as ``无``)."""

    path: str
    name: str
    level1: str | None
    level2: str | None
    target_text: str
    actual_text: str
    weight: Printed | None
    score: Printed | None
    reason: str
    source: Source


@dataclass(slots=True)
class PublishedFunds:
    """A row of the 项目资金（万元） block: 年初预算数 ``initial``, 全年预算数 ``budget``,
    全年执行数 ``executed`` (万元) and, on the 年度资金总额 row, 分值 ``weight``, 执行率
    ``rate_pct`` (percent) and 得分 ``score``; ``source`` is ``None`` when the row is absent."""

    initial: Printed | None = None
    budget: Printed | None = None
    executed: Printed | None = None
    weight: Printed | None = None
    rate_pct: Printed | None = None
    score: Printed | None = None
    source: Source | None = None


@dataclass(slots=True)
class PublishedTable:
    """One 自评表 of the file (a project's, or the department's).

    * ``path``: ``projects/n`` or ``""``; ``kind``, ``name`` (项目名称 / 部门名称) and
      ``source`` (the title or name line).
    * ``supervising_department`` 主管部门, ``implementing_unit`` 实施单位, ``fiscal_year``.
    * ``funds``: the 年度资金总额 row; ``parts``: ``"appropriation"`` (当年财政拨款),
      ``"carryover"`` (上年结转资金), ``"other"`` (其他资金) when printed.
    * ``goal_expected`` 预期目标, ``goal_actual`` 实际完成情况.
    * ``level1_weights``: points printed with the 一级指标 (``产出指标（50分）`` → 50), by
      canonical name, with the line; ``rows``: the 绩效指标 rows in table order.
    * ``total_weight``/``total``: the 总分 row's 分值 and 得分; ``grade``: 等级 as printed.
    * ``conclusion``, ``problems``, ``measures``: 评价结论, 存在问题, 改进措施 (if printed).
    """

    path: str
    kind: DocumentKind
    name: str
    source: Source
    supervising_department: str | None = None
    implementing_unit: str | None = None
    fiscal_year: int | None = None
    funds: PublishedFunds = field(default_factory=PublishedFunds)
    parts: dict[str, PublishedFunds] = field(default_factory=dict)
    goal_expected: str = ""
    goal_actual: str = ""
    level1_weights: dict[str, tuple[Printed, Source]] = field(default_factory=dict)
    rows: list[PublishedRow] = field(default_factory=list)
    total_weight: Printed | None = None
    total: Printed | None = None
    total_source: Source | None = None
    grade: str | None = None
    grade_source: Source | None = None
    conclusion: str = ""
    problems: str = ""
    measures: str = ""


@dataclass(slots=True)
class SelfEvaluation:
    """An imported self-evaluation file.

    * ``file``, ``layout`` (importer name: ``selfeval-tabbed``, ``selfeval-pdftext``,
      ``selfeval-xlsx``), ``encoding``.
    * ``document``: the declared content (projects or department indicators); ``actuals``: the
      reported content, as :mod:`jixiao.scoring` takes them.
    * ``tables``: what each 自评表 published, in file order (``tables[i].path`` is the path of
      its project, ``""`` for a department table).
    * ``issues``: lines that could not be read (codes of the review catalogue:
      ``import-unparsed-line``, ``import-amount-unreadable``, ``import-ambiguous-columns``,
      ``import-missing-section``).
    """

    file: str
    layout: str
    document: Document
    actuals: Actuals
    tables: list[PublishedTable]
    issues: list[ImportIssue] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def kind(self) -> DocumentKind:
        """Project or department self-evaluation."""
        return self.document.kind

    @property
    def rows(self) -> dict[str, PublishedRow]:
        """Every published row by item path."""
        return {row.path: row for table in self.tables for row in table.rows}

    def table(self, path: str) -> PublishedTable | None:
        """The table of ``path`` (``projects/n`` or ``""``), or ``None``."""
        return next((t for t in self.tables if t.path == path), None)

    @property
    def goal_actuals(self) -> dict[str, str]:
        """实际完成情况 by item path (for :func:`jixiao.report.selfeval_form.build_forms`)."""
        return {t.path: t.goal_actual for t in self.tables if t.goal_actual}
