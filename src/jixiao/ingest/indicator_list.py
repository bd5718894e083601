"""The numbered indicator list of a project row (项目支出绩效目标表, REFERENCE.md §2.2).

Two published forms, both read here:

* 2025: ``N、1-产出指标；11-数量指标；<三级>；实施周期指标值:<v>；年度指标值:<v>。``
* 2023: ``N、产出指标：<三级>（<unit>），年度指标值：≥8。`` (level 1 only)

Wrapped lines are joined first (:class:`~jixiao.ingest.common.SpanText`), then the text is
split on ``N、`` followed by a category, so a value containing ``。`` or ``，`` stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.ingest.common import CategoryText, Issues, SpanText, read_category
from jixiao.ingest.text import squeeze_cjk_spaces
from jixiao.model import ImportIssue, Indicator, Source
from jixiao.targets import parse_target

_CATEGORY_WORD = r"(?:\d{1,2}\s*[-－]\s*)?(?:产出|效益|满意度|成本|效果)(?:指标)?\s*[：:；;]"
ITEM_START = re.compile(rf"(\d(?<!\d\d)\d{{0,2}})\s*[、.．]\s*(?={_CATEGORY_WORD})")
"""``N、`` before a category: a number of one to three digits not preceded by a digit. The
look-behind follows the first digit so that the pattern starts with a digit and the regex
engine skips quickly over the text between numbers."""
_ANNUAL = re.compile(r"年度指标值\s*[:：]")
_PERIOD = re.compile(r"实施周期指标值\s*[:：]")
_HEAD_PART = re.compile(r"\s*([^；;：:，,]{1,24}?)\s*[；;：:]")
_TRAILING_NOTE = re.compile(r"。\s*([（(][^（()）]*[)）])\s*$")
_EDGE_PUNCT = "。；;，,、 "


@dataclass(slots=True)
class ParsedList:
    """Indicators read from one list, and trailing notes not belonging to any value."""

    indicators: list[Indicator]
    notes: list[str]


def parse_indicator_list(span: SpanText, file: str, issues: Issues, start: int = 0) -> ParsedList:
    """Read every ``N、…`` item of ``span.text[start:]`` into an :class:`Indicator`.

    Text before the first item that is not blank is reported as ``import-unparsed-line``.
    """
    text = span.text
    starts = list(ITEM_START.finditer(text, start))
    result = ParsedList([], [])
    lead_end = starts[0].start() if starts else len(text)
    lead = text[start:lead_end]
    if lead.strip(_EDGE_PUNCT):
        issues.add(
            "import-unparsed-line",
            f"无法识别的绩效指标文字：“{lead.strip()}”",
            span.lines_of(start, lead_end),
        )
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body_start = match.end()
        lines = span.lines_of(match.start(), end)
        source = Source(file, lines[0].number, lines[-1].number, text[match.start() : end].strip())
        indicator, note = _parse_item(text[body_start:end], int(match.group(1)), source, issues)
        if indicator is not None:
            result.indicators.append(indicator)
        if note:
            result.notes.append(note)
    return result


def _parse_item(
    body: str, number: int, source: Source, issues: Issues
) -> tuple[Indicator | None, str | None]:
    annual_match = _last(_ANNUAL, body)
    if annual_match is None:
        message = f"第{number}项指标缺少“年度指标值”：“{source.text}”"
        issues.items.append(ImportIssue("import-unparsed-line", message, source))
        head, annual_raw, period_raw = body, None, None
    else:
        head, annual_raw = body[: annual_match.start()], body[annual_match.end() :]
        period_match = _PERIOD.search(head)
        period_raw = None
        if period_match is not None:
            period_raw = head[period_match.end() :]
            head = head[: period_match.start()]
    note = None
    if annual_raw is not None:
        annual_raw, note = _split_note(annual_raw)
    categories, name = _read_head(head)
    indicator = _build(name, categories, number, source, period_raw, annual_raw)
    return indicator, note


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    match = None
    for match in pattern.finditer(text):  # noqa: B007 - keep the last one
        pass
    return match


def _split_note(raw: str) -> tuple[str, str | None]:
    match = _TRAILING_NOTE.search(raw)
    if match is None:
        return raw.strip(_EDGE_PUNCT), None
    return raw[: match.start()].strip(_EDGE_PUNCT), match.group(1)


@lru_cache(maxsize=8192)
def _read_head(head: str) -> tuple[tuple[CategoryText, ...], str]:
    """The categories printed before the name (at most two) and the name; cached, as heads
    such as ``1-产出指标；13-时效指标；工程完成及时性；`` repeat across projects and tables."""
    categories: list[CategoryText] = []
    position = 0
    while len(categories) < 2:
        match = _HEAD_PART.match(head, position)
        if match is None:
            break
        category = read_category(match.group(1), prefer_level=1 if not categories else 2)
        if category is None:
            break
        categories.append(category)
        position = match.end()
    return tuple(categories), head[position:].strip(_EDGE_PUNCT)


def _build(
    name: str,
    categories: tuple[CategoryText, ...],
    number: int,
    source: Source,
    period_raw: str | None,
    annual_raw: str | None,
) -> Indicator:
    name = squeeze_cjk_spaces(name)
    indicator = Indicator(name=name, source=source, number=number)
    for category in categories:
        if category.level == 1 and indicator.level1_as_written is None:
            indicator.level1, indicator.level1_as_written = category.name, category.written
            indicator.level1_code = category.code
        else:
            indicator.level2, indicator.level2_as_written = category.name, category.written
            indicator.level2_code = category.code
    if period_raw is not None:
        indicator.period_target = parse_target(
            squeeze_cjk_spaces(period_raw.strip(_EDGE_PUNCT)), name
        )
    if annual_raw is not None:
        indicator.annual_target = parse_target(squeeze_cjk_spaces(annual_raw), name)
    return indicator
