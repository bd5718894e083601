"""The indicator grid of a department-level table (一级 | 二级 | 三级 | values).

Both department layouts print level-1 and level-2 categories only on the first row of their
block (merged cells) and print every category, filled or not (REFERENCE.md §1.2). A
:class:`Grid` carries the current categories from row to row, builds indicators, and at the
end reports the printed categories that received no 三级指标 as empty placeholder rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.ingest.common import CategoryText, Line, source_of
from jixiao.model import CategoryRow, Indicator, Target
from jixiao.targets import parse_target


@dataclass(slots=True)
class Grid:
    """Row-by-row builder of department-level indicators for one document ``file``."""

    file: str
    level1: CategoryText | None = None
    level2: CategoryText | None = None
    indicators: list[Indicator] = field(default_factory=list)
    _printed: list[tuple[str | None, str | None, Line]] = field(default_factory=list)
    _used: set[tuple[str | None, str | None]] = field(default_factory=set)

    def set_category(self, category: CategoryText, line: Line) -> None:
        """A category printed on ``line``: level 1 resets the level-2 context."""
        if category.level == 1:
            same = self.level1 is not None and self.level1.name == category.name
            self.level1 = category
            if not same:
                self.level2 = None
            self._printed.append((category.name, None, line))
        else:
            self.level2 = category
            self._printed.append((self.level1.name if self.level1 else None, category.name, line))

    def add(
        self,
        name: str,
        lines: list[Line],
        annual: Target | str | None,
        period: Target | str | None = None,
        explanation: str | None = None,
    ) -> Indicator:
        """Add a 三级指标 under the current categories; string targets are parsed."""
        indicator = Indicator(name=name, source=source_of(self.file, lines))
        if self.level1 is not None:
            indicator.level1 = self.level1.name
            indicator.level1_as_written, indicator.level1_code = (
                self.level1.written,
                self.level1.code,
            )
        if self.level2 is not None:
            indicator.level2 = self.level2.name
            indicator.level2_as_written, indicator.level2_code = (
                self.level2.written,
                self.level2.code,
            )
        indicator.annual_target = _target(annual, name)
        indicator.period_target = _target(period, name)
        indicator.explanation = explanation or None
        self._used.add((indicator.level1, indicator.level2))
        self._used.add((indicator.level1, None))
        self.indicators.append(indicator)
        return indicator

    def empty_categories(self) -> list[CategoryRow]:
        """Printed categories with no 三级指标, first printing of each, in print order."""
        level1_with_children = {l1 for l1, l2, _ in self._printed if l2 is not None}
        rows: list[CategoryRow] = []
        seen: set[tuple[str | None, str | None]] = set()
        for level1, level2, line in self._printed:
            key = (level1, level2)
            if key in seen or key in self._used:
                continue
            if level2 is None and level1 in level1_with_children:
                continue
            seen.add(key)
            rows.append(CategoryRow(level1, level2, source_of(self.file, [line])))
        return rows


def _target(value: Target | str | None, name: str) -> Target | None:
    if value is None or isinstance(value, Target):
        return value
    return parse_target(value, name) if value.strip() else None
