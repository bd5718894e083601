"""Taxonomy rules: is each 三级指标 filed under the right 一级/二级指标 (完整性, 相关性)?

Two kinds of check (REFERENCE.md §1, §4):

* **Structure** (RV04): the level-2 category belongs to its level-1 category, the printed codes
  agree with the printed names (``1-产出指标；11-数量指标``), the category text is one the
  Ministry's tree knows, and a level-2 category is given at all.
* **Meaning** (RV11, RV13): the indicator's *name* says what it measures (满意度, 及时率,
  合格率, 人数, 成本, 资金到位率 …); when that disagrees with its category the row is probably
  misfiled (REFERENCE.md defect patterns D1, D5).

Both the 2015 scheme (成本指标 as level 2 under 产出, code 14) and the 2021 scheme (成本指标 as
level 1 with 经济/社会/生态环境成本指标) are valid; the tree lives in :mod:`jixiao.taxonomy`.

The name readers here (:func:`name_traits`, :func:`indicator_groups`, :func:`indicator_rows`,
:func:`category_text`) are shared with the measurability and consistency rule families.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jixiao.model import Document, Indicator, Project
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import (
    ReviewConfig,
    finding_from,
    finding_type,
    make_finding,
    rule,
    shared,
)
from jixiao.taxonomy import (
    BENEFIT,
    COST,
    OUTPUT,
    SATISFACTION,
    by_code,
    children,
    normalize,
)
from jixiao.taxonomy import level2 as level2_category

SATISFACTION_L2 = "服务对象满意度指标"
QUANTITY_L2 = "数量指标"
QUALITY_L2 = "质量指标"
TIMELINESS_L2 = "时效指标"
COST_L2 = frozenset({"成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"})

# --------------------------------------------------------------------------- name reading

_BRACKETED = re.compile(r"\([^()]*\)")
_RATE_BRACKET = re.compile(r"\((?:%|比率|百分比)\)")
_COUNT_BRACKET = re.compile(r"\((?:个数|人数|次数|场次|人次|件数|数量|个|人|次|场|件|宗|例|家)\)")
_RATE = re.compile(r"[^\W\d_]{0,2}(?<![频效速功])率|占比|比例|比重|比率")
_QUALITY_RATE = re.compile(r"(?:合格|达标|优良|及格|合规|准确|正确|成功|优秀|差错)率|合格性|合规性")
_COUNT = re.compile(r"(?:数量|数目|人次|场次|频次|(?<![指系分倍参函多少半])数)$")
_AMOUNT = re.compile(r"(?:金额|数额|总额|资金额|经费额)$")
_SATISFACTION = re.compile(r"满意(?:度|率)(?!调查|测评)")
_SATISFACTION_MEASURE = re.compile(r"满意|好评|认可|认同|获得感|幸福感|安全感|评价")
_TIMELINESS = re.compile(r"及时|按时|按期|准时|时限|时效|响应时间|期限|逾期")
_COST = re.compile(r"成本|费用|单价|造价|补贴标准|补助标准|价格")
_SAVING = re.compile(r"节约|节省|降低|压减|压缩|下降")
_INPUT_PROCESS = re.compile(
    r"(?:资金|经费|预算|财政|补贴|补助|救助金|赔偿|支付|拨付|采购)[^,;。]{0,8}?"
    r"(?:到位率|执行率|执行进度|合规|规范性|规范率|使用率)"
)
_REVERSE = re.compile(
    r"(?:投诉|犯罪|败诉|事故|故障|差错|失误|违规|违纪|违法|返工|流失|死亡|伤亡|发案|复发|不合格|"
    r"超支|超标|逾期|延误|错误|脱管|漏管)(?:案件|事件|事项)?(?:发生)?(?:率|数|次数|起数|件数|人数)$"
)


@dataclass(frozen=True, slots=True)
class NameTraits:
    """What a 三级指标 name says it measures, read from its words.

    ``bare`` is the name NFKC-normalised with white space and bracketed parts (``（%）``)
    removed. Each ``*_word`` field holds the words that gave the trait away (for messages), or
    ``None``. ``count`` is a name ending in 数/数量/人次 …, ``amount`` one ending in
    金额/总额 …, ``satisfaction`` one asking for 满意度/满意率, ``satisfaction_measure`` one
    that measures acceptance at all (满意, 好评 …). ``saving`` marks savings (节约成本,
    降低费用): effects, not costs, so ``cost_word`` is then ``None``.
    """

    bare: str
    rate_word: str | None
    quality_rate_word: str | None
    count: bool
    amount: bool
    satisfaction: bool
    satisfaction_measure: bool
    timeliness_word: str | None
    cost_word: str | None
    saving: bool
    input_word: str | None
    reverse_word: str | None


def _found(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


@lru_cache(maxsize=32768)
def name_traits(name: str) -> NameTraits:
    """Read a 三级指标 name (cached: real batches repeat names a lot)."""
    full = normalize(name)
    bare = _BRACKETED.sub("", full)
    rate = _found(_RATE, bare) or ("比率" if _RATE_BRACKET.search(full) else None)
    count = rate is None and (
        _COUNT.search(bare) is not None or _COUNT_BRACKET.search(full) is not None
    )
    cost = _found(_COST, bare)
    saving = _SAVING.search(bare) is not None
    return NameTraits(
        bare=bare,
        rate_word=rate,
        quality_rate_word=_found(_QUALITY_RATE, bare),
        count=count,
        amount=rate is None and _AMOUNT.search(bare) is not None,
        satisfaction=_SATISFACTION.search(bare) is not None,
        satisfaction_measure=_SATISFACTION_MEASURE.search(bare) is not None,
        timeliness_word=_found(_TIMELINESS, bare),
        cost_word=None if saving else cost,
        saving=saving,
        input_word=_found(_INPUT_PROCESS, bare),
        reverse_word=_found(_REVERSE, bare),
    )


def indicator_groups(document: Document) -> list[tuple[Project | None, list[Indicator]]]:
    """The department table's indicators (project ``None``), then each project's."""
    groups: list[tuple[Project | None, list[Indicator]]] = [(None, document.indicators)]
    groups.extend((project, project.indicators) for project in document.projects)
    return groups


IndicatorRow = tuple[Project | None, Indicator, NameTraits]
"""(project, indicator, traits of its name): the project is ``None`` for the department grid."""


@shared
def indicator_rows(document: Document) -> tuple[IndicatorRow, ...]:
    """Every indicator of ``document`` in :func:`indicator_groups` order, with its project and
    :func:`name_traits`; computed once per document in a review pass (rules loop over it)."""
    rows = [
        (project, indicator, name_traits(indicator.name))
        for project, indicators in indicator_groups(document)
        for indicator in indicators
    ]
    return tuple(rows)


def owner_label(project: Project | None) -> str:
    """Where an indicator sits, as messages name it: ``项目“…”`` or ``部门整体表``."""
    return f"项目“{project.name}”" if project is not None else "部门整体表"


def category_text(indicator: Indicator) -> str:
    """The category path as the table prints it, e.g. ``2-效益指标/31-服务对象满意度``."""
    parts = (
        _written(indicator.level1_code, indicator.level1_as_written, indicator.level1),
        _written(indicator.level2_code, indicator.level2_as_written, indicator.level2),
    )
    return "/".join(part for part in parts if part) or "（未写类别）"


def _written(code: str | None, as_written: str | None, canonical: str | None) -> str | None:
    text = as_written or canonical
    if text is None:
        return None
    return text if code is None or text.startswith(code) else f"{code}-{text}"


def is_satisfaction_category(indicator: Indicator) -> bool:
    """Filed under 满意度指标 (level 1) or 服务对象满意度指标 (level 2)."""
    return indicator.level1 == SATISFACTION or indicator.level2 == SATISFACTION_L2


def is_cost_category(indicator: Indicator) -> bool:
    """Filed under a cost category: 成本指标 (level 1, 2021) or a cost level 2 (14, 41–43)."""
    return indicator.level1 == COST or indicator.level2 in COST_L2


# --------------------------------------------------------------------------- catalogue

_STRUCTURE = ("#completeness", "#taxonomy")
_MEANING = ("#relevance", "#taxonomy")

finding_type(
    "category-level2-wrong-parent",
    Severity.ERROR,
    "二级指标不属于所填一级指标",
    "{owner}第{lines}行三级指标“{indicator_name}”的二级指标“{level2}”属于一级指标“{parent}”，不能"
    "放在一级指标“{level1}”下；请改正一级指标或二级指标",
    tags=_STRUCTURE,
    reference="RV04; REFERENCE.md §1.1, §1.2; 财预〔2015〕88号, 财预〔2021〕101号",
)
finding_type(
    "category-code-mismatch",
    Severity.ERROR,
    "指标类别编码与名称不符",
    "{owner}第{lines}行三级指标“{indicator_name}”的{level}“{written}”编码与名称不符：{detail}；请"
    "核对编码",
    tags=_STRUCTURE,
    reference="RV04; REFERENCE.md §1.1 (codes 11–13, 21, 22, 24, 31 confirmed; 14, 23, 4x "
    "inferred)",
)
finding_type(
    "category-code-unknown",
    Severity.WARNING,
    "指标类别编码不在指标体系中",
    "{owner}第{lines}行三级指标“{indicator_name}”的{level}“{written}”中的编码“{number}”不是财政部"
    "指标体系中的{level}编码；请核对编码",
    tags=_STRUCTURE,
    reference="RV04; REFERENCE.md §1.1, §1.2, §8.3",
)
finding_type(
    "category-unknown",
    Severity.ERROR,
    "指标类别不在指标体系中",
    "{owner}第{lines}行三级指标“{indicator_name}”的{level}“{written}”不是财政部指标体系中的类别，"
    "无法核对归类；{expected}",
    tags=_STRUCTURE,
    reference="RV04; REFERENCE.md §1.1, §1.2 (closed lists; aliases §1.2)",
)
finding_type(
    "category-level2-missing",
    Severity.INFO,
    "只写一级指标，未写二级指标",
    "{owner}有{count}个三级指标只写了一级指标、未写二级指标（如“{example}”只标为“{level1}”），无"
    "法核对数量、质量、时效等二级归类；建议按二级指标填报",
    tags=_STRUCTURE,
    reference="RV04; REFERENCE.md §2.2 (2023 disclosure layout gives level 1 only)",
)
finding_type(
    "misfiled-satisfaction-name",
    Severity.WARNING,
    "满意度指标归类错误",
    "{owner}第{lines}行三级指标“{indicator_name}”衡量服务对象满意程度，却归在“{category}”下；请归"
    "入满意度指标（服务对象满意度指标）",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §1.1 (满意度 = acceptance by service users), §4",
)
finding_type(
    "misfiled-under-satisfaction",
    Severity.WARNING,
    "满意度指标下的指标不衡量满意度",
    "{owner}第{lines}行三级指标“{indicator_name}”归在“{category}”下，但名称并不衡量服务对象的满意"
    "程度（如投诉率、质量评核属于质量或效益）；请归入质量指标或效益指标，满意度指标应为“××满意度”",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §1.1, §4",
)
finding_type(
    "misfiled-timeliness-name",
    Severity.WARNING,
    "时效类指标未归入时效指标",
    "{owner}第{lines}行三级指标“{indicator_name}”衡量完成时间（“{word}”），却归在“{category}”下；"
    "请核对是否应归入时效指标",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §1.1, §4",
)
finding_type(
    "misfiled-quality-rate-under-quantity",
    Severity.WARNING,
    "质量类比率归在数量指标下",
    "{owner}第{lines}行三级指标“{indicator_name}”是{word}，衡量的是质量而不是数量，却归在“{catego"
    "ry}”下；请归入质量指标",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §4, defect pattern D1",
)
finding_type(
    "rate-under-quantity",
    Severity.INFO,
    "比率类指标归在数量指标下",
    "{owner}第{lines}行三级指标“{indicator_name}”是比率（{word}），归在“{category}”下；数量指标宜"
    "写完成的数量（如“≥8场次”），比率宜归入质量或效益指标",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §4, defect pattern D1",
)
finding_type(
    "misfiled-count-under-quality",
    Severity.WARNING,
    "数量类指标归在质量指标下",
    "{owner}第{lines}行三级指标“{indicator_name}”是数量，却归在“{category}”下；请归入数量指标，或"
    "改为衡量质量的指标（如合格率、达标率）",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §1.1, §4",
)
finding_type(
    "misfiled-cost-name",
    Severity.WARNING,
    "成本类指标未归入成本指标",
    "{owner}第{lines}行三级指标“{indicator_name}”反映成本或费用（“{word}”），却归在“{category}”下"
    "；请归入成本指标",
    tags=_MEANING,
    reference="RV11; REFERENCE.md §1.1 (14 成本指标), §1.2 (经济成本指标), §4",
)
finding_type(
    "input-process-as-output",
    Severity.WARNING,
    "投入或过程指标作为产出或效益",
    "{owner}第{lines}行三级指标“{indicator_name}”衡量资金投入或管理过程（“{word}”），不是项目的产"
    "出或效果，却归在“{category}”下；请改为反映产出数量、质量或实际效果的指标",
    tags=_MEANING,
    reference="RV13; REFERENCE.md §4, defect pattern D5",
)


# --------------------------------------------------------------------------- structure rules


def _finding(
    code: str, document: Document, project: Project | None, ind: Indicator, **params: object
) -> Finding:
    """A finding on ``ind``; ``{owner}``, ``{lines}``, ``{indicator_name}`` and ``{category}``
    (its printed category path) are filled in."""
    params = {
        "owner": owner_label(project),
        "lines": ind.source.lines,
        "indicator_name": ind.name,
        "category": category_text(ind),
        **params,
    }
    return finding_from(code, document, params, project=project, indicator=ind)


@rule("RV04.parent", ["category-level2-wrong-parent"], "二级指标不属于所填一级指标")
def check_level2_parent(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV04 (REFERENCE.md §4, §1): the level-2 category must be a child of the level-1 one
    (``1-产出；22-社会效益``; real: Tianhe ``2-效益指标；31-服务对象满意度``).

    Both schemes are accepted: 成本指标 under 产出 (2015, code 14) and 经济成本指标 under
    成本指标 (2021).
    """
    for project, ind, _ in indicator_rows(document):
        if ind.level1 is None or ind.level2 is None or ind.level2 == ind.level1:
            continue
        category = level2_category(ind.level2)
        if category is None or category.parent == ind.level1:
            continue
        level1 = _written(ind.level1_code, ind.level1_as_written, ind.level1)
        level2 = _written(ind.level2_code, ind.level2_as_written, ind.level2)
        yield _finding(
            "category-level2-wrong-parent",
            document,
            project,
            ind,
            level1=level1,
            level2=level2,
            parent=category.parent,
        )


@lru_cache(maxsize=1024)
def _code_problem(code: str, canonical: str | None, level: int) -> str | None:
    """``"unknown"``, a mismatch description, or ``None`` when ``code`` fits ``canonical``."""
    category = by_code(code)
    if category is None or category.level != level:
        return "unknown"
    if canonical is not None and category.name != canonical:
        return f"编码{code}是“{category.name}”，名称却是“{canonical}”"
    return None


def _code_findings(
    document: Document, project: Project | None, ind: Indicator
) -> Iterator[Finding]:
    levels = (
        ("一级指标", 1, ind.level1_code, ind.level1_as_written, ind.level1),
        ("二级指标", 2, ind.level2_code, ind.level2_as_written, ind.level2),
    )
    for label, level, code, as_written, canonical in levels:
        problem = None if code is None else _code_problem(code, canonical, level)
        if code is None or problem is None:
            continue
        written = _written(code, as_written, canonical) or code
        finding_code = "category-code-unknown" if problem == "unknown" else "category-code-mismatch"
        yield _finding(
            finding_code,
            document,
            project,
            ind,
            level=label,
            written=written,
            number=code,
            detail=problem,
        )


@rule(
    "RV04.codes",
    ["category-code-mismatch", "category-code-unknown"],
    "指标类别编码与名称不符，或二级编码不以一级编码开头",
)
def check_category_codes(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV04 (REFERENCE.md §4, §1): a printed code must name the printed category
    (``11-质量指标`` is wrong), and a level-2 code must start with its level-1 code
    (``1-产出指标；22-…``).

    When both names are known the prefix check is left to ``RV04.parent``, which says the
    same thing in terms of the names.
    """
    for project, ind, _ in indicator_rows(document):
        l1_code, l2_code = ind.level1_code, ind.level2_code
        if l1_code is None and l2_code is None:
            continue
        yield from _code_findings(document, project, ind)
        names_known = ind.level1 is not None and ind.level2 is not None
        if l1_code and l2_code and not names_known and not l2_code.startswith(l1_code):
            yield _finding(
                "category-code-mismatch",
                document,
                project,
                ind,
                level="二级指标",
                written=_written(l2_code, ind.level2_as_written, ind.level2),
                detail=f"二级指标编码“{l2_code}”不以一级指标编码“{l1_code}”开头",
            )


def _expected(level1: str | None) -> str:
    if level1 is None:
        return "一级指标应为产出指标、效益指标、满意度指标或成本指标"
    names = "、".join(c.name for c in children(level1))
    return f"一级指标“{level1}”下的二级指标应为：{names}"


@rule("RV04.unknown", ["category-unknown"], "一级或二级指标不是指标体系中的类别")
def check_unknown_category(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV04 (REFERENCE.md §4, §1): levels 1 and 2 are closed lists; text the tree does not
    know (after aliases) leaves the row unclassifiable."""
    for project, ind, _ in indicator_rows(document):
        if ind.level1_as_written and ind.level1 is None:
            yield _finding(
                "category-unknown",
                document,
                project,
                ind,
                level="一级指标",
                written=ind.level1_as_written,
                expected=_expected(None),
            )
        if ind.level2_as_written and ind.level2 is None:
            yield _finding(
                "category-unknown",
                document,
                project,
                ind,
                level="二级指标",
                written=ind.level2_as_written,
                expected=_expected(ind.level1),
            )


@rule("RV04.level2", ["category-level2-missing"], "只写一级指标，未写二级指标")
def check_level2_missing(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV04 (REFERENCE.md §4, §2.2; advice): the 2023 Guangzhou disclosure gives
    ``产出指标：…`` only, so the row cannot be checked against 二级指标. One finding per
    project (or per department table)."""
    for project, indicators in indicator_groups(document):
        missing = [
            ind
            for ind in indicators
            if (ind.level1 or ind.level1_as_written) and not (ind.level2 or ind.level2_as_written)
        ]
        if not missing:
            continue
        first = missing[0]
        yield make_finding(
            "category-level2-missing",
            document,
            project=project,
            source=first.source,
            owner=owner_label(project),
            count=len(missing),
            example=first.name,
            level1=first.level1_as_written or first.level1,
        )


# --------------------------------------------------------------------------- meaning rules


@rule("RV11.satisfaction", ["misfiled-satisfaction-name"], "满意度指标未归入满意度指标")
def check_satisfaction_outside(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV11 (REFERENCE.md §4): a name asking for 满意度/满意率 belongs under 满意度指标 (not
    满意度调查完成率)."""
    for project, ind, traits in indicator_rows(document):
        if ind.level1 is None and ind.level2 is None:
            continue
        if traits.satisfaction and not is_satisfaction_category(ind):
            yield _finding("misfiled-satisfaction-name", document, project, ind)


@rule("RV11.under-satisfaction", ["misfiled-under-satisfaction"], "满意度指标下的指标不衡量满意度")
def check_under_satisfaction(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV11 (REFERENCE.md §4): under 满意度指标 only acceptance by service users counts;
    投诉率 or 质量评核 (real: Guangzhou 公证案件申请人投诉率, Tianhe 法律援助案件质量评核)
    measure quality or effects."""
    for project, ind, traits in indicator_rows(document):
        if is_satisfaction_category(ind) and not traits.satisfaction_measure:
            yield _finding("misfiled-under-satisfaction", document, project, ind)


@rule("RV11.timeliness", ["misfiled-timeliness-name"], "及时、按时、时限类指标未归入时效指标")
def check_timeliness_outside(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV11 (REFERENCE.md §4): 及时/按时/时限/响应时间 names under another 产出 level-2
    (数量, 质量, 成本).

    Only rows with a known level 2 under 产出 are checked; 及时率 under 质量 is common
    practice, hence a warning, not an error.
    """
    for project, ind, traits in indicator_rows(document):
        if ind.level1 != OUTPUT or ind.level2 is None or ind.level2 == TIMELINESS_L2:
            continue
        if traits.timeliness_word and not traits.satisfaction:
            yield _finding(
                "misfiled-timeliness-name", document, project, ind, word=traits.timeliness_word
            )


@rule(
    "RV11.rate-quantity",
    ["misfiled-quality-rate-under-quantity", "rate-under-quantity"],
    "比率类指标归在数量指标下",
)
def check_rate_under_quantity(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV11 (REFERENCE.md §4, D1): 率 names under 数量指标. Quality rates (合格率, 达标率,
    成功率 …) are a warning; other rates (完成率, 覆盖率: very common in real tables) only
    advice."""
    for project, ind, traits in indicator_rows(document):
        if ind.level2 != QUANTITY_L2 or traits.rate_word is None or traits.satisfaction:
            continue
        if traits.quality_rate_word:
            code, word = "misfiled-quality-rate-under-quantity", traits.quality_rate_word
        else:
            code, word = "rate-under-quantity", traits.rate_word
        yield _finding(code, document, project, ind, word=word)


@rule("RV11.count-quality", ["misfiled-count-under-quality"], "数量类指标归在质量指标下")
def check_count_under_quality(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV11 (REFERENCE.md §4): 数量/人数/次数 names under 质量指标 (real: Tianhe 政策支持律所数量
    under 12)."""
    for project, ind, traits in indicator_rows(document):
        if ind.level2 == QUALITY_L2 and traits.count:
            yield _finding("misfiled-count-under-quality", document, project, ind)


@rule("RV11.cost", ["misfiled-cost-name"], "成本、费用类指标未归入成本指标")
def check_cost_outside(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV11 (REFERENCE.md §4): 成本/费用/单价/补贴标准 names under 数量/质量/时效 of 产出.

    Rows without a level 2 are skipped (the 2015 scheme files cost under 产出), and savings
    (节约成本) under 效益 are effects, not costs.
    """
    for project, ind, traits in indicator_rows(document):
        if ind.level1 != OUTPUT or ind.level2 is None or is_cost_category(ind):
            continue
        if traits.cost_word:
            yield _finding("misfiled-cost-name", document, project, ind, word=traits.cost_word)


@rule(
    "RV13.input",
    ["input-process-as-output"],
    "资金到位率、预算执行率、合规性等投入过程指标作为产出",
)
def check_input_process(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV13 (REFERENCE.md §4, D5): 资金到位率, 预算执行率, 资金使用/补贴/支付合规性,
    采购程序规范性 measure inputs and management, not what the money delivers (产出, 效益,
    满意度)."""
    for project, ind, traits in indicator_rows(document):
        if ind.level1 in (OUTPUT, BENEFIT, SATISFACTION) and traits.input_word:
            yield _finding(
                "input-process-as-output", document, project, ind, word=traits.input_word
            )
