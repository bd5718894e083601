"""Pieces every layout importer needs: lines with numbers, amounts, names, years, categories."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from jixiao import taxonomy
from jixiao.model import ImportIssue, MoneyUnit, Source

_AMOUNT = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-−]?\d+(?:\.\d+)?$")
_YEAR = re.compile(r"(20\d{2})\s*年")
_DEPARTMENT_DECORATION = re.compile(r"\s*[（(](?:部门|本级|汇总|单位)[)）]\s*")
_UNIT_LABEL = re.compile(r"(?:单位|金额单位)\s*[：:]\s*(万元|元)")


class Line(NamedTuple):
    """A line of the input: 1-based ``number`` and ``text`` (without the line break).

    A named tuple rather than a frozen dataclass: every line of every file becomes one, and a
    tuple is several times cheaper to create.
    """

    number: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` numbered from 1 (``\\r\\n`` and ``\\r`` accepted)."""
    return [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]


def source_of(file: str, lines: list[Line], text: str | None = None) -> Source:
    """A :class:`Source` spanning ``lines``; ``text`` defaults to those lines' raw text."""
    first, last = lines[0].number, lines[-1].number
    raw = text if text is not None else "\n".join(line.text for line in lines)
    return Source(file, first, last, raw.strip())


def parse_amount(text: str) -> Decimal | None:
    """An amount cell as printed (``"4,436.96"``, ``"2725.18"``, ``"150"``) → ``Decimal``.

    Returns ``None`` for a blank cell or text that is not a plain number.
    """
    cleaned = text.strip()
    if not cleaned or not (cleaned[0].isdecimal() or cleaned[0] in "-−"):
        return None  # fast path: a blank cell or words (``\d`` is ``str.isdecimal``)
    cleaned = cleaned.replace("−", "-").replace("，", ",")
    if not _AMOUNT.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return None


def is_amount(text: str) -> bool:
    """``True`` when ``text`` is a plain number as :func:`parse_amount` reads it."""
    return parse_amount(text) is not None


def clean_department(text: str) -> str:
    """Department name without decorations: ``广州市越秀区司法局(部门)`` → ``广州市越秀区司法局``."""
    return _DEPARTMENT_DECORATION.sub("", text).strip()


def find_year(text: str) -> int | None:
    """The first budget year (``2025年``) in ``text``, or ``None``."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def find_money_unit(text: str) -> MoneyUnit:
    """Money unit stated in a header (``单位：万元``, ``预算金额（万元）``); 万元 by default."""
    match = _UNIT_LABEL.search(text)
    if match:
        return MoneyUnit(match.group(1))
    if "（万元）" in text or "(万元)" in text:
        return MoneyUnit.WAN_YUAN
    if re.search(r"[（(]元[)）]", text):
        return MoneyUnit.YUAN
    return MoneyUnit.WAN_YUAN


@dataclass(frozen=True, slots=True)
class CategoryText:
    """A printed category cell: its ``level`` (1 or 2), canonical ``name`` (or ``None`` when
    unknown), the ``written`` text and printed ``code``."""

    level: int
    name: str | None
    written: str
    code: str | None


_COST_LEVEL2 = {"经济成本指标", "社会成本指标", "生态环境成本指标"}


@lru_cache(maxsize=2048)
def read_category(text: str, prefer_level: int) -> CategoryText | None:
    """Read a printed category (``"产出指标"``, ``"11-数量指标"``, ``"社会效益"``), or ``None``.

    ``prefer_level`` decides the ambiguous ``成本指标`` (level 2 under 产出 in the 2015
    scheme, level 1 in 2021, REFERENCE.md §1). A printed code decides the level when present.
    """
    code, _ = taxonomy.split_code(text)
    one, two = taxonomy.level1(text), taxonomy.level2(text)
    written = text.strip()
    if code is not None:
        if len(code) == 1 and one is not None:
            return CategoryText(1, one.name, written, code)
        if len(code) == 2 and two is not None:
            return CategoryText(2, two.name, written, code)
        level = 1 if len(code) == 1 else 2
        known = one or two
        return CategoryText(level, known.name if known else None, written, code)
    if one is not None and (two is None or prefer_level == 1):
        return CategoryText(1, one.name, written, None)
    if two is not None:
        return CategoryText(2, two.name, written, None)
    return None


def is_cost_level2(name: str | None) -> bool:
    """``True`` for the 2021 cost level-2 categories (经济/社会/生态环境成本指标)."""
    return name in _COST_LEVEL2


@dataclass(slots=True)
class Issues:
    """Collects :class:`ImportIssue` objects for a document while parsing."""

    file: str
    items: list[ImportIssue] = field(default_factory=list)

    def add(self, code: str, message: str, lines: list[Line]) -> None:
        """Record an issue of finding ``code`` at ``lines`` with a Chinese ``message``."""
        self.items.append(ImportIssue(code, message, source_of(self.file, lines)))


class SpanText:
    """Text joined from wrapped lines that remembers which line each character came from.

    ``add(line, fragment)`` appends a fragment; :meth:`lines_of` maps a character range of
    the joined :attr:`text` back to the source lines it spans.
    """

    def __init__(self) -> None:
        self.text = ""
        self._starts: list[int] = []
        self._lines: list[Line] = []

    def add(self, line: Line, fragment: str) -> None:
        """Append ``fragment`` (part of ``line``) to the joined text."""
        if not fragment:
            return
        self._starts.append(len(self.text))
        self._lines.append(line)
        self.text += fragment

    def lines_of(self, start: int, end: int) -> list[Line]:
        """Source lines covering characters ``start``..``end`` (end exclusive) of :attr:`text`."""
        if len(self._lines) == 1:
            return self._lines[:]  # fast path: text from one line (a cell of a tabbed row)
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        last = max(bisect.bisect_right(self._starts, max(end - 1, start)) - 1, first)
        return self._lines[first : last + 1]
