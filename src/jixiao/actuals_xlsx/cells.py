"""Cell values of a filled template: numbers, months and the 136号 choice lists.

Every function returns ``None`` for a value it cannot read instead of raising; the reader
turns that into a problem located at the cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Final, TypeVar

from jixiao.actuals import DeviationReason, Likelihood, QualitativeGrade

CellValue = str | Decimal | datetime | date | None
"""A cell as the reader sees it: XLSX numbers are already :class:`~decimal.Decimal`."""

_NUMBER: Final = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_MONTH: Final = re.compile(
    r"(?:(?P<year>\d{4})\s*[年./-]\s*)?(?:1\s*[-~至]\s*)?(?P<month>\d{1,2})\s*(?:月份?|月末|月底)?"
)

REASON_ALIASES: Final[Mapping[str, DeviationReason]] = MappingProxyType(
    {
        "经费": DeviationReason.FUNDING, "经费原因": DeviationReason.FUNDING,
        "制度": DeviationReason.SYSTEM, "制度原因": DeviationReason.SYSTEM,
        "人员": DeviationReason.STAFF, "人员原因": DeviationReason.STAFF,
        "硬件": DeviationReason.HARDWARE, "硬件条件": DeviationReason.HARDWARE,
        "其他原因": DeviationReason.OTHER,
    }
)  # fmt: skip
"""Short forms and the vendor labels of REFERENCE.md §5 (人员原因, 制度原因, 经费原因, 其他原因)."""

LIKELIHOOD_ALIASES: Final[Mapping[str, Likelihood]] = MappingProxyType(
    {
        "1": Likelihood.CERTAIN, "2": Likelihood.POSSIBLE, "3": Likelihood.IMPOSSIBLE,
        "能": Likelihood.CERTAIN, "可能": Likelihood.POSSIBLE, "不可能": Likelihood.IMPOSSIBLE,
    }
)  # fmt: skip
"""Vendor codes 1/2/3 (REFERENCE.md §5) and short forms."""

GRADE_ALIASES: Final[Mapping[str, QualitativeGrade]] = MappingProxyType(
    {
        "达成": QualitativeGrade.MET, "达成目标": QualitativeGrade.MET,
        "部分达成": QualitativeGrade.PARTLY, "部分达成目标并具有一定效果": QualitativeGrade.PARTLY,
        "未达成": QualitativeGrade.NOT_MET, "未达成目标且效果较差": QualitativeGrade.NOT_MET,
    }
)  # fmt: skip
"""Short forms and the monitoring wording of REFERENCE.md §5 (…目标 instead of …年度指标)."""

_REASON_SPLIT: Final = re.compile(r"[、,;/\s]+")
E = TypeVar("E", DeviationReason, Likelihood, QualitativeGrade)


def text(value: CellValue) -> str:
    """The cell as text (``""`` for blank); numbers without exponent (``1E+3`` → ``1000``)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value if isinstance(value, str) else value.isoformat()


def norm(value: str) -> str:
    """NFKC (full-width → half-width) without white space: the key for comparing headers
    and names."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def whole(value: CellValue) -> int | None:
    """An integral number (``7``, ``"7"``, ``7.0``) as ``int``, else ``None``."""
    number = to_decimal(value)
    if number is None or number != number.to_integral_value() or abs(number) > 10**6:
        return None
    return int(number)


def to_decimal(value: CellValue) -> Decimal | None:
    """A cell as Decimal: numbers as they are; text ``1,200``, ``95%`` (→ 95, points),
    full-width digits; anything else (words, dates, non-finite) ``None``."""
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if not isinstance(value, str):
        return None
    stripped = unicodedata.normalize("NFKC", value).strip().removesuffix("%").strip()
    if not _NUMBER.fullmatch(stripped):
        return None
    try:
        return Decimal(stripped.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def year_month(value: CellValue) -> tuple[int | None, int] | None:
    """截至月份 as ``(year or None, month)``: ``7``, ``"7月"``, ``"1-7月"``, ``"2025-07"``,
    ``"2025年7月"``, ``"全年"`` (12), or a date; ``None`` when it is not a month 1–12."""
    if isinstance(value, datetime | date):
        return value.year, value.month
    if isinstance(value, Decimal):
        month = whole(value)
        return (None, month) if month is not None and 1 <= month <= 12 else None
    written = unicodedata.normalize("NFKC", text(value)).strip()
    if written in ("全年", "1-12月"):
        return None, 12
    match = _MONTH.fullmatch(written)
    if match is None or not 1 <= int(match["month"]) <= 12:
        return None
    return (int(match["year"]) if match["year"] else None), int(match["month"])


def split_reasons(written: str) -> list[str]:
    """The parts of a 偏差原因 cell, split on 、 , ; / or spaces (full-width too)."""
    return [part for part in _REASON_SPLIT.split(unicodedata.normalize("NFKC", written)) if part]


def lookup(written: str, kind: type[E], aliases: Mapping[str, E]) -> E | None:
    """The member of ``kind`` whose value (or alias) is ``written``, ignoring width and
    white space; ``None`` if none."""
    key = norm(written)
    for member in kind:
        if norm(member.value) == key:
            return member
    return next((member for alias, member in aliases.items() if norm(alias) == key), None)


def allowed(kind: type[StrEnum]) -> str:
    """The values of ``kind`` joined by 、 (for messages)."""
    return "、".join(member.value for member in kind)
