"""Target values (指标值): comparator, number and unit, or a qualitative target (定性).

:func:`parse_target` turns the text of a 年度指标值 / 实施周期指标值 cell into a
:class:`~jixiao.model.Target`. Rules (REFERENCE.md §3):

* Comparators are symbols (``≥ >= ≧ ＞ > ＝ = ≤ <= ≦ ＜ <``, full- or half-width, a space may
  follow) or words before the number (不少于, 不低于, 至少, 达到, 达 → ``≥``; 超过, 高于, 多于,
  大于 → ``>``; 为, 等于 → ``=``; 不超过, 不高于, 至多 → ``≤``; 不满, 低于, 少于, 小于 → ``<``)
  or after it (以上 → ``≥``; 以下, 以内, 内 → ``≤``).
  民法典 第一千二百五十九条: “以上”“以下”“以内”“届满”包括本数；“不满”“超过”“以外”不包括本数.
  不超过 negates 超过 and so includes the number; 高于/低于/多于/少于 are read as strict [I].
  A word may stand a few characters before the number (``至少举行1场``).
* A number without comparator means ``=`` with ``operator_implied`` (``100%``, ``12``).
* The unit is the measure word right after the number (``3家律师事务所`` → unit ``家``,
  remainder ``律师事务所``; ``≥20次（件）`` → unit ``次``, remainder ``（件）``); compound units
  ``次/年``, ``元/人年`` are kept whole. ``%`` is stored as points (``95%`` → 95). A value with
  no unit takes the unit of the indicator name's trailing brackets (``合格率（%）``).
* Words before the number are the ``qualifier`` (``年均``, ``每年``, ``法定期限办结率``); when
  the comparator stands a few characters before the number, the qualifier ends before it
  (``每个司法所每季度至少举行1场`` → qualifier ``每个司法所每季度``, ``≥ 1 场``).
* Numbers: ``1,000`` (ASCII comma only), ``97.5``, ``1.5万`` → 15000 (万/亿 scale the number,
  but ``5万元`` keeps the unit ``万元`` as published: money is converted elsewhere).
* Ranges ``1-2个``, ``1～2``, ``1至2个``, ``80%-90%`` give ``Operator.RANGE`` (bounds ordered).
* Chinese numerals count when a measure word follows (``两次``, ``十分钟``, ``五省``) or they
  are the whole value (``一百``); ``五省一自治区`` reads ``= 5 省``, remainder ``一自治区``.
  Ordinals (``第一``) and words (``统一``, ``一次性``, ``“两类”``) are not numbers.
* Years are not targets: ``2023年`` (and ``2022-2025年``) are skipped as part of the words.
  A bare number run into words (``12348广东法网…100%``) is part of the words when a later
  number exists.
* Deadlines ``12月底前``, ``6月30日前`` read ``≤`` month, unit ``月`` [I]; the day goes to
  ``remainder`` (``30日``).
* 正增长 / 负增长 / 零增长 read ``> 0 %`` / ``< 0 %`` / ``= 0 %``; 力争 is a qualifier.
* Text with no number is qualitative (及时, 达标, 良好以上, 合格以上 …).
* A later clause with another number (``参考率不低于85%，及格率不低于85%``) sets ``compound``;
  only the first condition is parsed, the rest is in ``remainder``. A clause without a number
  (a condition such as ``如未发生……``) only goes to ``remainder``.
* A value is negative only with a minus sign right before its digits (``≥-5%``).

Known limits: a Chinese numeral followed by a measure word inside a slogan (``一件事一次办``)
is read as a number; a deadline keeps the month only; a comparator more than four characters
before its number (``至少在全区范围组织1次``) is not seen, so the value reads as implied ``=``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Context, Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Final, NamedTuple

from jixiao.model import Operator, Target

_GE, _GT, _EQ, _LE, _LT = Operator.GE, Operator.GT, Operator.EQ, Operator.LE, Operator.LT

OPERATOR_SYMBOLS: Final[Mapping[Operator, str]] = MappingProxyType(
    {_GE: "≥", _GT: ">", _EQ: "=", _LE: "≤", _LT: "<"}
)
"""Symbol of each comparator as written in a single-string value (``≥95%``)."""

OPERATOR_WORDS: Final[Mapping[str, Operator]] = MappingProxyType(
    {
        # symbols, after full-width → half-width (REFERENCE.md §3)
        ">=": _GE, "=>": _GE, "≥": _GE, "≧": _GE, "⩾": _GE, "≮": _GE,
        ">": _GT,
        "==": _EQ, "=": _EQ,
        "<=": _LE, "=<": _LE, "≤": _LE, "≦": _LE, "⩽": _LE, "≯": _LE,
        "<": _LT,
        # words before the number
        "大于或等于": _GE, "大于等于": _GE, "不小于": _GE, "不少于": _GE, "不低于": _GE,
        "至少": _GE, "最少": _GE, "达到": _GE, "达": _GE,
        "超过": _GT, "高于": _GT, "多于": _GT, "大于": _GT,
        "等于": _EQ, "为": _EQ,
        "小于或等于": _LE, "小于等于": _LE, "不大于": _LE, "不多于": _LE, "不超过": _LE,
        "不高于": _LE, "至多": _LE, "最多": _LE,
        "不满": _LT, "低于": _LT, "少于": _LT, "小于": _LT, "不足": _LT, "不到": _LT,
    }
)  # fmt: skip
"""Comparator words and symbols written before a number, and the operator each means."""

SUFFIX_WORDS: Final[Mapping[str, Operator]] = MappingProxyType(
    {
        "及以上": _GE, "或以上": _GE, "以上": _GE,
        "及以下": _LE, "或以下": _LE, "以下": _LE, "以内": _LE, "之内": _LE, "内": _LE,
    }
)  # fmt: skip
"""Comparator words written after a number and its unit (``95%以上``, ``24小时内``)."""

_WEAK_WORDS: Final = frozenset({"达", "达到", "为", "等于"})
"""Prefix words that yield to a suffix word (``达到95%以上`` is ``≥``, ``为5%以下`` ``≤``)."""

# --- text normalisation -------------------------------------------------------------------

_WIDE: Final = "０１２３４５６７８９％＞＜＝～．／－＋〜−﹪﹤﹥"
_HALF_WIDTH: Final = str.maketrans(
    _WIDE + "".join(map(chr, range(0xFF21, 0xFF3B))) + "".join(map(chr, range(0xFF41, 0xFF5B))),
    "0123456789%><=~./-+~-%<>" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz",
)
"""Full-width digits, letters and the signs a target uses (``％ ＞ １ ～``) → ASCII, one char to
one char so that positions in the text stay valid. Punctuation such as ``，（`` is kept."""
_NEEDS_HALF_WIDTH: Final = re.compile(rf"[{_WIDE}\uFF21-\uFF3A\uFF41-\uFF5A]")

_TRAILING_STOP = "。．. "

# --- units -----------------------------------------------------------------------------

_MULTI_UNITS: Final = (
    "个工作日", "个百分点", "平方公里", "工作日", "百分点", "平方米", "立方米", "个月", "人次",
    "户次", "场次", "件次", "车次", "架次", "班次", "批次", "家次", "课时", "学时", "学分",
    "小时", "分钟", "秒钟", "万元", "亿元", "千元", "公里", "千米", "公顷", "千克", "公斤",
    "人天", "人日", "周岁",
)  # fmt: skip
_SINGLE_UNITS: Final = (
    "个件宗场条期人名例辆台套所项篇份批座户天日周月年季分秒时页册本张间处块位支株棵米吨亩"
    "轮届节课类组队村省市区县镇街校园幅枚只头起卷首集段章盏艘趟倍级"
)
_GUARDED_UNITS: Final = r"部(?!门)|家(?!庭)|元(?!化)|次(?!性)"
_CN_SINGLE_UNITS: Final = "个件宗场条期人名例辆台套项篇份座户天周年秒省轮届节倍"

_MULTI_ALT: Final = "|".join(sorted(_MULTI_UNITS, key=len, reverse=True))
_WORD_UNIT: Final = rf"(?:{_MULTI_ALT}|{_GUARDED_UNITS}|[{_SINGLE_UNITS}])"
_PER: Final = rf"/(?:{_WORD_UNIT}(?:·?{_WORD_UNIT})?|[A-Za-z]{{1,3}}(?![A-Za-z]))"
_LATIN_UNIT: Final = r"[A-Za-z]{1,6}[²³]?(?![A-Za-z])"
_UNIT: Final = rf"(?:%|‰|℃|{_WORD_UNIT}(?:{_PER})?|{_LATIN_UNIT}(?:{_PER})?)"
_CN_UNIT: Final = rf"(?:{_MULTI_ALT}|家(?!庭)|元(?!化)|次(?!性)|[{_CN_SINGLE_UNITS}])"

_UNIT_ONLY: Final = re.compile(_UNIT)
_NAME_UNIT: Final = re.compile(r"[(（]\s*([^()（）]{1,8}?)\s*[)）]\s*$")
_NAME_UNIT_ALIASES: Final[Mapping[str, str | None]] = MappingProxyType(
    {
        "比率": "%", "比例": "%", "百分比": "%", "百分率": "%", "率": "%",
        "个数": "个", "次数": "次", "人数": "人", "件数": "件", "场数": "场", "户数": "户",
        "项数": "项", "天数": "天", "家数": "家", "宗数": "宗", "例数": "例",
    }
)  # fmt: skip

# --- numbers ---------------------------------------------------------------------------

_ARABIC: Final = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]+(?:\.[0-9]+)?"
_YEAR_GUARD: Final = r"(?!(?:19|20)[0-9]{2}(?:\s*(?:[-~—–]|至|到)\s*(?:19|20)[0-9]{2})?\s*年)"
_CN_DIGITS: Final = "零〇一二两三四五六七八九"
_CN_NUMBER: Final = (
    rf"(?<![第{_CN_DIGITS}十百千万亿])[{_CN_DIGITS}十][{_CN_DIGITS}十百千万亿]*?"
    rf"(?={_CN_UNIT}|以上|以下|以内|$|[,.;:)。，；：、）\s])"
)
_PERCENT_WORDS: Final = rf"百分之(?P<pct>[0-9]+(?:\.[0-9]+)?|[{_CN_DIGITS}十百]+)"


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal ``words``, longest first (``不少于`` before ``少于``)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_RANGE_SEP: Final = r"[-~—–]|至|到"
_SUFFIX_ALT: Final = _alternation(w for w in SUFFIX_WORDS if w != "内") + "|内(?![设部容控外涵])"
"""Suffix words; 内 only when it does not start a word (``3个内设机构``)."""
_NUMBER_START: Final = re.compile(
    rf"(?<![0-9.A-Za-z])[0-9]|百分之|(?<![第{_CN_DIGITS}十百千万亿])[{_CN_DIGITS}十]"
)
"""Where a number may start: a digit, 百分之, or a Chinese numeral that is not an ordinal."""

_QUANTITY: Final = re.compile(
    rf"(?:{_YEAR_GUARD}(?P<num>{_ARABIC})(?P<mult>[万亿](?!元))?|{_PERCENT_WORDS}|(?P<cn>{_CN_NUMBER}))"
    rf"\s?(?P<unit1>{_UNIT})?"
    rf"(?:\s*(?:{_RANGE_SEP})\s*(?P<num2>{_ARABIC})(?P<mult2>[万亿](?!元))?\s?(?P<unit2>{_UNIT})?)?"
    rf"(?:\s*[(（]含本?数?[)）])?\s*(?P<suffix>{_SUFFIX_ALT})?"
)
"""number [unit] [range separator number [unit]] [(含)] [以上/以下/以内 …], matched at a start.

Groups, in ``match.groups()`` order: num, mult, pct, cn, unit1, num2, mult2, unit2, suffix.
"""

_SIMPLE: Final = re.compile(
    rf"(?P<op>{_alternation(OPERATOR_WORDS)})?\s?{_YEAR_GUARD}(?P<num>{_ARABIC})"
    rf"\s?(?P<unit>{_UNIT})?\s*(?P<suffix>{_SUFFIX_ALT})?"
)
"""The whole value is [comparator] number [unit] [suffix]: most cells (fast path)."""

_WORD_LAST_CHARS: Final = frozenset(word[-1] for word in OPERATOR_WORDS)
_WORD_LENGTHS: Final = tuple(range(max(map(len, OPERATOR_WORDS)), 0, -1))
_STRONG_WORDS: Final = [w for w in OPERATOR_WORDS if len(w) > 1 and w.isalpha()]
_NEAR_OPERATOR: Final = re.compile(
    rf"(?P<op>{_alternation(_STRONG_WORDS)})\s?[\u4e00-\u9fff]{{0,3}}[^\W\d_率度数量性额比值]\s*$"
)
"""A comparator word one to four characters before the number (``至少举行1场``), when those
characters are not an indicator noun (``超过时限率0%`` has no comparator)."""
_NEAR_WINDOW: Final = max(map(len, _STRONG_WORDS)) + 5

_DEADLINE: Final = re.compile(
    r"(?<![0-9])(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
    r"(?:(?P<day>[0-9]{1,2})[日号])?(?:(?:底|末)(?:之前|以前|前)?|之前|以前|前)"
)
_GROWTH: Final = re.compile(r"(?P<kind>[正负零])增长")
_GROWTH_OPERATORS: Final[Mapping[str, Operator]] = MappingProxyType(
    {"正": _GT, "负": _LT, "零": _EQ}
)
_MULTIPLIERS: Final[Mapping[str, Decimal]] = MappingProxyType(
    {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
)
_CN_DIGIT_VALUES: Final[Mapping[str, int]] = MappingProxyType(
    {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
)
_CN_SMALL: Final[Mapping[str, int]] = MappingProxyType({"十": 10, "百": 100, "千": 1000})
_CN_LARGE: Final[Mapping[str, int]] = MappingProxyType({"万": 10_000, "亿": 100_000_000})
_EXACT: Final = Context(prec=60, Emax=999_999_999, Emin=-999_999_999, traps=[])
"""Arithmetic context that never traps (huge inputs round instead of raising)."""
_CLAUSE_EDGE: Final = " ，,；;、：:"
_CJK_FIRST, _CJK_LAST = "\u4e00", "\u9fff"


class _Parsed(NamedTuple):
    """Immutable result cached per (raw text, unit from name); becomes a :class:`Target`."""

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


# --- public API ------------------------------------------------------------------------


def parse_target(raw: str, indicator_name: str | None = None) -> Target:
    """Read a target value (指标值) as :class:`~jixiao.model.Target` (REFERENCE.md §3).

    ``raw`` is the cell text; ``Target.raw`` keeps it with white-space runs collapsed to one
    space and a trailing ``。``/``.`` removed. ``indicator_name`` supplies the unit when the
    value has none (``合格率（%）`` → ``%``, ``unit_from_name``). Percentages are points
    (``95%`` → ``Decimal(95)``). Inclusion of 以上/以下/以内 and exclusion of 不满/超过 follow
    民法典 第一千二百五十九条; see the module docstring for every rule.

    Never raises for any ``str``: text without a number is qualitative (``operator`` and
    ``value`` ``None``). Results are cached on (``raw``, unit of the name); each call returns
    a new object, so callers may modify it.
    """
    name_unit = unit_from_name(indicator_name) if indicator_name else None
    return Target(*_parse_cached(raw, name_unit))


@lru_cache(maxsize=8192)
def unit_from_name(name: str) -> str | None:
    """The unit an indicator name states in its trailing brackets, or ``None``.

    ``"合格率（%）"`` → ``"%"``, ``"(小时)"`` → ``"小时"``, ``"（场次）"`` → ``"场次"``; rate words
    mean percent (``（比率）`` → ``"%"``) and counts their measure word (``（个数）`` → ``"个"``,
    ``（次数）`` → ``"次"``). Brackets holding anything but a unit (``（等级）``, ``（含线上）``)
    give ``None``. Half- and full-width brackets and characters are accepted (REFERENCE.md §3:
    units are often inside the name, ``满意度（%）``).
    """
    match = _NAME_UNIT.search(name)
    if match is None:
        return None
    content = match.group(1).translate(_HALF_WIDTH).replace(" ", "")
    if content in _NAME_UNIT_ALIASES:
        return _NAME_UNIT_ALIASES[content]
    return content if _UNIT_ONLY.fullmatch(content) else None


def format_target(target: Target) -> str:
    """Human-readable form for live feedback: ``"≥ 95 %"``, ``"≤ 24 小时"``, ``"= 3 家"``,
    ``"1–2 个"``, ``"定性：及时"``.

    Numbers use thousands separators (``≥ 7,800 件``); qualifier and remainder are left out;
    a compound target shows its first condition followed by ``（另有条件）``. An empty
    qualitative target gives ``"（未填写）"``. The result parses back to the same operator,
    value and unit.
    """
    if target.qualitative or target.operator is None or target.value is None:
        return f"定性：{target.raw}" if target.raw else "（未填写）"
    unit = f" {target.unit}" if target.unit else ""
    if target.operator is Operator.RANGE:
        upper = target.value_max if target.value_max is not None else target.value
        text = f"{_number(target.value, grouped=True)}–{_number(upper, grouped=True)}{unit}"
    else:
        symbol = OPERATOR_SYMBOLS[target.operator]
        text = f"{symbol} {_number(target.value, grouped=True)}{unit}"
    return f"{text}（另有条件）" if target.compound else text


def to_kpi_val(target: Target) -> str:
    """The single-string value of the 预算管理一体化 standard (``KPI_VAL``, REFERENCE.md §7).

    Comparator, number and unit are concatenated: ``"≥95%"``, ``"≤12个月"``, ``"1-2个"``; an
    implied ``=`` is not written (``"100%"``), an explicit one is (``"=0"``). Qualifier and
    remainder are not exported. Qualitative and compound targets export their raw text
    (``"达标"``), which one structured string cannot hold. The result parses back to the same
    operator, value and unit.
    """
    if target.qualitative or target.compound or target.operator is None or target.value is None:
        return target.raw
    unit = target.unit or ""
    if target.operator is Operator.RANGE:
        upper = target.value_max if target.value_max is not None else target.value
        return f"{_number(target.value)}-{_number(upper)}{unit}"
    symbol = "" if target.operator_implied else OPERATOR_SYMBOLS[target.operator]
    return f"{symbol}{_number(target.value)}{unit}"


def is_reverse(target: Target) -> bool:
    """``True`` for a 反向 (reverse, lower-is-better) target: ``≤`` or ``<`` (REFERENCE.md §3)."""
    return target.operator in (Operator.LE, Operator.LT)


# --- parsing ---------------------------------------------------------------------------


class _Found(NamedTuple):
    """A number read as a target: its match, the comparator word written right before it (or
    ``None``), where the words before that comparator end, and whether a minus sign leads."""

    match: re.Match[str]
    word: str | None
    qualifier_end: int
    negative: bool


@lru_cache(maxsize=32768)
def _parse_cached(raw: str, name_unit: str | None) -> _Parsed:
    """Parse ``raw``; ``name_unit`` is the unit of the indicator name, used when the value
    states none. Tries the one-condition fast path, then a deadline, a number, 正增长."""
    text = " ".join(raw.split()).rstrip(_TRAILING_STOP)
    norm = text.translate(_HALF_WIDTH) if _NEEDS_HALF_WIDTH.search(text) else text
    simple = _SIMPLE.fullmatch(norm)
    if simple is not None:
        return _from_simple(text, simple, name_unit)
    found = _first_quantity(norm, 0)
    deadline = _DEADLINE.search(norm) if "月" in norm else None
    if deadline is not None and (found is None or deadline.start() <= found.match.start()):
        return _from_deadline(text, norm, deadline)
    if found is not None:
        return _from_quantity(text, norm, found, name_unit)
    growth = _GROWTH.search(norm) if "增长" in norm else None
    if growth is not None:
        return _from_growth(text, norm, growth)
    return _Parsed(text)


def _from_simple(text: str, match: re.Match[str], name_unit: str | None) -> _Parsed:
    """``≥95%``, ``100``, ``24小时内``: the whole value is one plain condition."""
    word, digits, unit, suffix = match.groups()
    operator = _choose_operator(word, suffix)
    if unit is None and name_unit is not None:
        unit, from_name = name_unit, True
    else:
        from_name = False
    return _Parsed(
        text, Operator.EQ if operator is None else operator, Decimal(digits.replace(",", "")), None, unit,
        False, operator is None, from_name, None, None, False,
    )  # fmt: skip


def _choose_operator(word: str | None, suffix: str | None) -> Operator | None:
    """A strong word before the number wins over a suffix; 达/达到/为/等于 yield to one."""
    if suffix is not None and (word is None or word in _WEAK_WORDS):
        return SUFFIX_WORDS[suffix]
    return OPERATOR_WORDS[word] if word is not None else None


def _first_quantity(norm: str, pos: int) -> _Found | None:
    """First number in ``norm[pos:]`` that is a target. Years and ordinals never are; a bare
    number run into words (``12348广东法网``) only when no later number is; a bare Chinese
    numeral only as the whole value or after a comparator."""
    embedded = None
    while (start := _NUMBER_START.search(norm, pos)) is not None:
        match = _QUANTITY.match(norm, start.start())
        if match is None:
            pos = start.end()
            continue
        found = _with_operator(norm, match, pos)
        pos = match.end()
        if found.word is None and not _has_marks(match):
            if match.group("cn") is not None and match.start() > 0:
                continue
            if pos < len(norm) and _CJK_FIRST <= norm[pos] <= _CJK_LAST:
                embedded = embedded or found
                continue
        return found
    return embedded


def _has_marks(match: re.Match[str]) -> bool:
    """The number has a unit, a range, a suffix word or is a 百分之 percentage."""
    _, _, pct, _, unit1, num2, _, unit2, suffix = match.groups()
    return bool(pct or unit1 or num2 or unit2 or suffix)


def _with_operator(norm: str, match: re.Match[str], floor: int) -> _Found:
    """Look for a minus sign and a comparator word right before the number (not before
    ``floor``); the longest word wins (``不少于`` over ``少于``)."""
    start = match.start()
    negative = match.group("num") is not None and start > floor and norm[start - 1] == "-"
    end = start - 1 if negative else start
    while end > floor and norm[end - 1] == " ":
        end -= 1
    if end <= floor or norm[end - 1] not in _WORD_LAST_CHARS:
        return _Found(match, None, end, negative)
    for length in _WORD_LENGTHS:
        begin = end - length
        if begin >= floor and norm[begin:end] in OPERATOR_WORDS:
            return _Found(match, norm[begin:end], begin, negative)
    return _Found(match, None, end, negative)


def _from_quantity(text: str, norm: str, found: _Found, name_unit: str | None) -> _Parsed:
    match, word, qualifier_end, _ = found
    if word is None:
        near = _NEAR_OPERATOR.search(norm, max(0, qualifier_end - _NEAR_WINDOW), qualifier_end)
        if near is not None:
            word, qualifier_end = near.group("op"), near.start()
    _, _, pct, _, unit1, num2, mult2, unit2, suffix = match.groups()
    operator = _choose_operator(word, suffix)
    value, value_max = _value(found), None
    if num2 is not None:
        operator, value_max = Operator.RANGE, _decimal(num2, mult2)
        value, value_max = min(value, value_max), max(value, value_max)
    unit = "%" if pct is not None else unit2 or unit1
    from_name = unit is None and name_unit is not None
    return _Parsed(
        text, Operator.EQ if operator is None else operator, value, value_max, name_unit if from_name else unit,
        False, operator is None, from_name, _clean(text[:qualifier_end]),
        _clean(text[match.end() :]), _first_quantity(norm, match.end()) is not None,
    )  # fmt: skip


def _value(found: _Found) -> Decimal:
    """The first number of a quantity (Arabic, 百分之…, or a Chinese numeral)."""
    num, mult, pct, cn = found.match.groups()[:4]
    if num is not None:
        value = _decimal(num, mult)
        return -value if found.negative else value
    if pct is not None:
        return Decimal(pct) if pct[0].isdigit() else Decimal(_chinese_number(pct))
    return Decimal(_chinese_number(cn))


def _decimal(digits: str, multiplier: str | None) -> Decimal:
    """``"1,000"`` → 1000; a 万/亿 multiplier scales the number (``1.5万`` → 15000)."""
    value = Decimal(digits.replace(",", ""))
    return _EXACT.multiply(value, _MULTIPLIERS[multiplier]) if multiplier else value


def _chinese_number(text: str) -> int:
    """Value of a Chinese numeral: ``十二`` → 12, ``两千`` → 2000, ``二〇二三`` → 2023."""
    if all(char in _CN_DIGIT_VALUES for char in text):
        positional = 0
        for char in text:
            positional = positional * 10 + _CN_DIGIT_VALUES[char]
        return positional
    total = section = digit = 0
    for char in text:
        if char in _CN_DIGIT_VALUES:
            digit = _CN_DIGIT_VALUES[char]
        elif char in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[char]
            digit = 0
        else:
            total = (total + section + digit) * _CN_LARGE[char]
            section = digit = 0
    return total + section + digit


def _from_deadline(text: str, norm: str, match: re.Match[str]) -> _Parsed:
    """``12月底前`` → ``≤ 12 月``; ``6月30日前`` → ``≤ 6 月`` with remainder ``30日`` [I]."""
    month, day = match.group("month", "day")
    value = Decimal(month) if month[0].isdigit() else Decimal(_chinese_number(month))
    parts = [f"{int(day)}日"] if day else []
    rest = _clean(text[match.end() :])
    if rest:
        parts.append(rest)
    return _Parsed(
        text, Operator.LE, value, None, "月", False, False, False,
        _clean(text[: match.start()]), " ".join(parts) or None,
        _first_quantity(norm, match.end()) is not None,
    )  # fmt: skip


def _from_growth(text: str, norm: str, match: re.Match[str]) -> _Parsed:
    """``力争正增长`` → ``> 0 %`` with qualifier ``力争`` (growth rate above zero)."""
    return _Parsed(
        text, _GROWTH_OPERATORS[match.group("kind")], Decimal(0), None, "%", False, False,
        False, _clean(text[: match.start()]), _clean(text[match.end() :]),
        _first_quantity(norm, match.end()) is not None,
    )  # fmt: skip


def _clean(words: str) -> str | None:
    """Qualifier or remainder without edge spaces and clause punctuation; ``None`` if empty."""
    stripped = words.strip(_CLAUSE_EDGE).rstrip(_TRAILING_STOP)
    return stripped or None


def _number(value: Decimal, *, grouped: bool = False) -> str:
    """Plain decimal text without exponent or trailing zeros: ``1E+3`` → ``1000``."""
    normalized = value.normalize(_EXACT)
    return format(normalized, ",f" if grouped else "f")
