"""Drafts: what a layout parser reads from one 自评表, as printed text with its lines.

The tabbed and PDF-text parsers differ in how they find cells; both fill the same
:class:`TableDraft`, and :mod:`jixiao.selfeval.build` turns drafts into the model (numbers,
categories, targets, item paths), so every layout reads numbers and categories the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.ingest.common import Issues, Line
from jixiao.model import DocumentKind
from jixiao.selfeval.labels import split_level1


@dataclass(slots=True)
class RowDraft:
    """A 绩效指标 row as printed: category texts in force on its line (``level1`` without its
    points), the cells, and the lines it spans (continuation lines are appended)."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str
    score: str
    reason: str
    lines: list[Line]


@dataclass(slots=True)
class FundDraft:
    """A row of the 项目资金（万元） block: cell text by field key (``initial``, ``budget``,
    ``executed``, ``weight``, ``rate``, ``score``) and its line."""

    cells: dict[str, str]
    line: Line


@dataclass(slots=True)
class TableDraft:
    """One 自评表 as read so far; ``lines`` are its title (or first) lines; ``file`` the
    label its sources name when it is not the document's file (an XLSX sheet)."""

    kind: DocumentKind
    lines: list[Line]
    file: str = ""
    year: int | None = None
    name: str = ""
    name_line: Line | None = None
    supervising: str = ""
    unit: str = ""
    funds: dict[str, FundDraft] = field(default_factory=dict)
    goal_expected: str = ""
    goal_actual: str = ""
    level1_weights: dict[str, tuple[str, Line]] = field(default_factory=dict)
    rows: list[RowDraft] = field(default_factory=list)
    total: dict[str, str] = field(default_factory=dict)
    total_line: Line | None = None
    grade: str = ""
    grade_line: Line | None = None
    narrative: dict[str, str] = field(default_factory=dict)
    level1: str = ""
    level2: str = ""

    def set_level1(self, text: str, line: Line) -> None:
        """A 一级指标 cell (``产出指标（50分）``, or only ``（50分）`` wrapped below the name):
        becomes the category in force; its points are recorded."""
        name, weight = split_level1(text)
        if name and name != self.level1:
            self.level1, self.level2 = name, ""
        if weight is not None and self.level1:
            self.level1_weights.setdefault(self.level1, (weight, line))

    def set_level2(self, text: str) -> None:
        """A 二级指标 cell: the level-2 category in force."""
        self.level2 = text.strip()


@dataclass(slots=True)
class ParsedFile:
    """Tables read from one file with the issues found."""

    tables: list[TableDraft]
    issues: Issues
