"""Actuals: what a department reports during the year (监控) and at year end (自评).

The monitoring table of 财预〔2019〕136号 (REFERENCE.md §2.6) and the self-evaluation table of
财预〔2020〕10号 (§2.4) record, per indicator, the value completed and why it deviates, and
per project / department the budget executed. This module is the data model only: monitoring
lights live in :mod:`jixiao.monitoring`, self-evaluation scores in :mod:`jixiao.scoring`.

Items are addressed by item path (:mod:`jixiao.paths`): ``indicators/3``,
``projects/0/indicators/2`` for indicators, ``projects/0`` for a project's budget, ``""`` for
the department's whole budget. Money is :class:`~decimal.Decimal` **万元**; rates and
percentage indicator values are points (``95`` for 95 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class DeviationReason(StrEnum):
    """偏差原因 categories of the 136号 monitoring table (REFERENCE.md §5, multi-select)."""

    FUNDING = "经费保障"
    SYSTEM = "制度保障"
    STAFF = "人员保障"
    HARDWARE = "硬件条件保障"
    OTHER = "其他"


class Likelihood(StrEnum):
    """完成目标可能性 (REFERENCE.md §5): 1 确定能, 2 有可能, 3 完全不可能."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


class QualitativeGrade(StrEnum):
    """The three tiers for qualitative rows of 10号 (REFERENCE.md §6)."""

    MET = "达成年度指标"
    PARTLY = "部分达成年度指标并具有一定效果"
    NOT_MET = "未达成年度指标且效果较差"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """The date of a figure: data up to the end of ``month`` (1–12) of ``year``.

    Quarters are stored as their last month (Q1 → 3); ``month == 12`` is the full year.
    Raises :class:`ValueError` for a month outside 1–12.
    """

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"月份应为 1-12：{self.month}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The period ending with quarter ``quarter`` (1–4) of ``year``."""
        if not 1 <= quarter <= 4:
            raise ValueError(f"季度应为 1-4：{quarter}")
        return cls(year, quarter * 3)

    @property
    def elapsed(self) -> Decimal:
        """Share of the year elapsed, ``month / 12`` (序时进度, REFERENCE.md §5)."""
        return Decimal(self.month) / Decimal(12)

    @property
    def label(self) -> str:
        """``2025年1-7月`` or ``2025年全年``."""
        return f"{self.year}年全年" if self.month == 12 else f"{self.year}年1-{self.month}月"


@dataclass(slots=True)
class IndicatorActual:
    """Progress on one indicator (one row of the monitoring or self-evaluation table).

    ``completed`` is the value reached by ``as_of`` in the indicator's unit (``None`` when
    the row is qualitative or not yet reported) and ``completed_text`` the value as written
    (``"已完成"``, ``"98%"``). ``expected_full_year`` is 全年预计完成情况. ``grade`` is the
    qualitative tier, ``score`` a score entered by hand (published tables, manual 扣分 cases)
    and ``deduction`` manual 扣分 points subtracted from the computed score.
    """

    path: str
    indicator_name: str = ""
    as_of: Period | None = None
    completed: Decimal | None = None
    completed_text: str | None = None
    expected_full_year: Decimal | None = None
    grade: QualitativeGrade | None = None
    reasons: tuple[DeviationReason, ...] = ()
    reason_text: str = ""
    likelihood: Likelihood | None = None
    score: Decimal | None = None
    deduction: Decimal = Decimal(0)


@dataclass(slots=True)
class BudgetExecution:
    """Budget executed to date for a project (``path == "projects/0"``) or the department
    (``path == ""``), in 万元.

    ``budget`` is 全年预算数 (调整后预算数 where adjusted); ``None`` means "take it from the
    declaration". ``initial_budget`` is 年初预算数 when it differs.
    """

    path: str
    executed: Decimal
    as_of: Period | None = None
    budget: Decimal | None = None
    initial_budget: Decimal | None = None
    reason_text: str = ""


@dataclass(slots=True)
class Actuals:
    """Everything reported against one declared document at one date."""

    as_of: Period | None = None
    indicators: list[IndicatorActual] = field(default_factory=list)
    executions: list[BudgetExecution] = field(default_factory=list)

    def for_indicator(self, path: str) -> IndicatorActual | None:
        """The latest actual of the indicator at ``path``, or ``None``."""
        found = [a for a in self.indicators if a.path == path]
        return max(found, key=_period_key) if found else None

    def for_budget(self, path: str) -> BudgetExecution | None:
        """The latest budget execution of ``path`` (``""`` department, ``projects/n``)."""
        found = [e for e in self.executions if e.path == path]
        return max(found, key=_period_key) if found else None


def _period_key(item: IndicatorActual | BudgetExecution) -> tuple[int, int]:
    return (item.as_of.year, item.as_of.month) if item.as_of else (0, 0)
