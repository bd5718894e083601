"""The Ministry of Finance indicator tree: 一级指标 → 二级指标, with codes and aliases.

Levels 1 and 2 are closed lists; level 3 (三级指标) is free text. Sources (REFERENCE.md §1):

* legacy coded scheme of 财预〔2015〕88号: ``1 产出指标`` (11 数量, 12 质量, 13 时效, 14 成本),
  ``2 效益指标`` (21 经济效益, 22 社会效益, 23 生态效益, 24 可持续影响),
  ``3 满意度指标`` (31 服务对象满意度). Codes 11–13, 21, 22, 24 and 31 are confirmed in real
  tables; 14 and 23 are inferred.
* 2021 scheme of 财预〔2021〕101号: 成本指标 as a level-1 category with 经济成本指标,
  社会成本指标 and 生态环境成本指标 (codes 4/41/42/43 are inferred; no real table prints them).

Names are returned exactly as the Ministry writes them (``数量指标``, ``社会效益指标``). Lookup
accepts what real tables print: the trailing ``指标`` omitted (``社会效益``), a code prefix
(``11-数量指标``, ``22-社会效益``), full-width characters, and the aliases of §1.2
(``环境效益`` ≡ 生态效益, ``社会公众或服务对象满意度指标`` ≡ 服务对象满意度, ``进度指标`` ≈ 时效,
``效果指标`` ≈ 效益).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Category:
    """An 一级 (``level == 1``) or 二级 (``level == 2``) indicator category.

    ``parent`` is the canonical name of the level-1 category of a level-2 one.
    ``schemes`` lists the taxonomy versions (``"2015"``, ``"2021"``) that contain it.
    ``code_inferred`` marks codes not yet seen in a real table (REFERENCE.md §8.3).
    """

    code: str
    name: str
    level: int
    parent: str | None
    schemes: tuple[str, ...]
    code_inferred: bool = False


OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"

LEVEL1: tuple[Category, ...] = (
    Category("1", OUTPUT, 1, None, ("2015", "2021")),
    Category("2", BENEFIT, 1, None, ("2015", "2021")),
    Category("3", SATISFACTION, 1, None, ("2015", "2021")),
    Category("4", COST, 1, None, ("2021",), code_inferred=True),
)

LEVEL2: tuple[Category, ...] = (
    Category("11", "数量指标", 2, OUTPUT, ("2015", "2021")),
    Category("12", "质量指标", 2, OUTPUT, ("2015", "2021")),
    Category("13", "时效指标", 2, OUTPUT, ("2015", "2021")),
    Category("14", "成本指标", 2, OUTPUT, ("2015",), code_inferred=True),
    Category("21", "经济效益指标", 2, BENEFIT, ("2015", "2021")),
    Category("22", "社会效益指标", 2, BENEFIT, ("2015", "2021")),
    Category("23", "生态效益指标", 2, BENEFIT, ("2015", "2021"), code_inferred=True),
    Category("24", "可持续影响指标", 2, BENEFIT, ("2015",)),
    Category("31", "服务对象满意度指标", 2, SATISFACTION, ("2015", "2021")),
    Category("41", "经济成本指标", 2, COST, ("2021",), code_inferred=True),
    Category("42", "社会成本指标", 2, COST, ("2021",), code_inferred=True),
    Category("43", "生态环境成本指标", 2, COST, ("2021",), code_inferred=True),
)

_LEVEL1_ALIASES: dict[str, str] = {
    "产出": OUTPUT,
    "效益": BENEFIT,
    "效果指标": BENEFIT,
    "效果": BENEFIT,
    "满意度": SATISFACTION,
    "成本": COST,
}

_LEVEL2_ALIASES: dict[str, str] = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "进度指标": "时效指标",
    "进度": "时效指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "环境效益": "生态效益指标",
    "环境效益指标": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
}

_CODE_PREFIX = re.compile(r"^\s*(\d{1,2})\s*[-－—.．、]\s*")


def normalize(text: str) -> str:
    """NFKC-normalise (full-width → half-width) and drop all white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def split_code(text: str) -> tuple[str | None, str]:
    """Split a printed category into its code and name: ``"11-数量指标"`` → ``("11", "数量指标")``.

    Text without a code prefix returns ``(None, text)`` with surrounding space stripped.
    """
    normalized = unicodedata.normalize("NFKC", text).strip()
    match = _CODE_PREFIX.match(normalized)
    if match is None:
        return None, normalized
    return match.group(1), normalized[match.end() :].strip()


@lru_cache(maxsize=4096)
def level1(text: str) -> Category | None:
    """The level-1 category a printed name denotes (code prefix allowed), or ``None``.

    >>> level1("1-产出指标").name
    '产出指标'
    """
    _, name = split_code(text)
    key = normalize(name)
    key = _LEVEL1_ALIASES.get(key, key)
    return next((c for c in LEVEL1 if c.name == key), None)


@lru_cache(maxsize=4096)
def level2(text: str) -> Category | None:
    """The level-2 category a printed name denotes (code prefix allowed), or ``None``.

    ``成本指标`` alone is ambiguous (level 2 under 产出 in 2015, level 1 in 2021); this returns
    the level-2 reading; callers that know the column or the code decide.

    >>> level2("22-社会效益").name
    '社会效益指标'
    """
    _, name = split_code(text)
    key = normalize(name)
    key = _LEVEL2_ALIASES.get(key, key)
    return next((c for c in LEVEL2 if c.name == key), None)


def by_code(code: str) -> Category | None:
    """The category with ``code`` (``"1"`` … ``"43"``), or ``None``."""
    return next((c for c in (*LEVEL1, *LEVEL2) if c.code == code), None)


def children(level1_name: str) -> tuple[Category, ...]:
    """Level-2 categories under the level-1 category named ``level1_name``."""
    return tuple(c for c in LEVEL2 if c.parent == level1_name)


def is_category_name(text: str) -> bool:
    """``True`` when ``text`` is exactly a level-1 or level-2 category name (or alias)."""
    return level1(text) is not None or level2(text) is not None
