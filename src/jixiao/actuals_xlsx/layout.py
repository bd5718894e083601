"""Layout of the actuals template (sheets, columns) and the problems its reader reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, NamedTuple

INDICATOR_SHEET: Final = "指标完成情况"
BUDGET_SHEET: Final = "预算执行情况"
INFO_SHEET: Final = "填报说明"
DEPARTMENT_PATH_CELL: Final = "/"
"""What the 路径 column of the budget sheet holds for the department (item path ``""``)."""
DEPARTMENT_LABEL: Final = "部门整体"
"""项目 column of department-level indicators, and the start of the department budget row."""
REASON_SEPARATOR: Final = "、"
"""Separator of several 偏差原因 in one cell (``经费保障、人员保障``)."""


class Column(NamedTuple):
    """A template column: ``key`` used in code, Chinese ``header``, ``width`` in characters,
    ``filled`` when the department fills it in (unlocked, shaded)."""

    key: str
    header: str
    width: int
    filled: bool = False


INDICATOR_COLUMNS: Final = (
    Column("path", "路径", 26),
    Column("project", "项目", 28),
    Column("level1", "一级指标", 12),
    Column("level2", "二级指标", 14),
    Column("name", "三级指标", 32),
    Column("target", "年度指标值", 16),
    Column("month", "截至月份", 10, True),
    Column("completed", "累计完成值", 12, True),
    Column("expected", "全年预计完成值", 14, True),
    Column("reasons", "偏差原因", 22, True),
    Column("reason_text", "原因说明", 36, True),
    Column("likelihood", "完成目标可能性", 14, True),
    Column("grade", "定性评价", 30, True),
)
"""Columns of :data:`INDICATOR_SHEET`, in order (A–M)."""

BUDGET_COLUMNS: Final = (
    Column("path", "路径", 14),
    Column("name", "项目/部门", 40),
    Column("budget", "全年预算数（万元）", 18, True),
    Column("executed", "累计执行数（万元）", 18, True),
    Column("month", "截至月份", 10, True),
    Column("reason_text", "执行偏差说明", 40, True),
)
"""Columns of :data:`BUDGET_SHEET`, in order (A–F)."""


def column_letter(columns: tuple[Column, ...], key: str) -> str:
    """Sheet letter of the column ``key`` in ``columns`` (``"H"`` for 累计完成值)."""
    index = next(i for i, column in enumerate(columns) if column.key == key)
    return chr(ord("A") + index)


PROBLEM_TITLES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "actuals-unreadable-file": "文件无法读取",
        "actuals-no-table": "未找到填报表",
        "actuals-missing-column": "缺少列",
        "actuals-not-a-number": "不是数字",
        "actuals-bad-month": "截至月份无效",
        "actuals-unknown-reason": "未知的偏差原因",
        "actuals-unknown-likelihood": "未知的完成目标可能性",
        "actuals-unknown-grade": "未知的定性评价",
        "actuals-unknown-path": "路径不存在",
        "actuals-duplicate-row": "重复填报",
    }
)
"""Catalogue of :attr:`ActualsProblem.code` values and their Chinese titles."""


@dataclass(frozen=True, slots=True)
class ActualsProblem:
    """A problem found while reading an actuals file; the rest of the file still imports.

    ``code`` is a key of :data:`PROBLEM_TITLES`; ``message`` a Chinese sentence naming the
    file, sheet, row and column, e.g. ``文件 x.xlsx「指标完成情况」第5行“累计完成值”列（H列）：
    “四十”不是数字……``; ``sheet`` (``"CSV"`` for CSV files), 1-based ``row``, ``column``
    (header name) and the raw ``text`` locate it (``None`` when not applicable).
    """

    code: str
    message: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    text: str | None = None

    @property
    def title(self) -> str:
        """Chinese title of the problem kind (``不是数字``)."""
        return PROBLEM_TITLES.get(self.code, self.code)

    def as_dict(self) -> dict[str, object]:
        """JSON form: ``code``, ``title``, ``message``, ``file``, ``sheet``, ``row``,
        ``column``, ``text``."""
        return {
            "code": self.code,
            "title": self.title,
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "text": self.text,
        }
