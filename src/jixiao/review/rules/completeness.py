"""完整性 (completeness): everything a performance-target table must state (REFERENCE.md §4).

财预〔2015〕88号 names 完整性 first among the review dimensions: the declaration is complete
and its goal clear. Checked here:

* RV01: header and fund fields (部门名称, 预算年度, 资金总额, 预算整体情况) and the goals
  (项目绩效目标, 部门总体绩效目标) are stated;
* RV02: each project, and a department table's own grid, has at least one 三级指标 under each
  of 产出指标, 效益指标 and 满意度指标, and has indicators at all;
* RV03: printed level-2 rows with nothing under them are noted (allowed for display);
* RV07: every 三级指标 has a name of at most ``ReviewConfig.max_indicator_name_chars`` chars;
* RV08: every 三级指标 has a 年度指标值, and no target is a placeholder (``*``, ``XX`` …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.model import Document, DocumentKind, Indicator, Project, Target
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import ReviewConfig, finding_type, make_finding, rule
from jixiao.taxonomy import BENEFIT, LEVEL2, OUTPUT, SATISFACTION, normalize

TAGS = ("#completeness",)
REQUIRED_CATEGORIES = (OUTPUT, BENEFIT, SATISFACTION)
"""Level-1 categories every project needs at least one 三级指标 under (RV02)."""

PARENT_OF_LEVEL2: dict[str, str | None] = {c.name: c.parent for c in LEVEL2}

CORE_BUDGET_FIELDS = {"basic_expenditure": "基本支出", "project_expenditure": "项目支出"}
INCOME_BUDGET_FIELDS = ("fiscal_appropriation", "other_funds")

PLACEHOLDER = re.compile(r"^[≥≤<>=≧≦]*(?:\*+|_+|[xX]+|-+|—+|–|/)(?:%|[\u4e00-\u9fff]{1,3})?$")
"""A target that is only a placeholder (``*``, ``**``, ``_``, ``XX``, ``-``, ``/``), possibly
after a comparator and before a unit (``≥XX%``, ``XX个``); matched on NFKC text without spaces."""

finding_type(
    "department-name-missing",
    Severity.ERROR,
    "未注明部门名称",
    "表中未读到部门名称；请补充部门名称，否则无法确定申报主体，也无法与同部门其他表格核对",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, §2.2–2.3（部门名称、主管部门）; 财预〔2015〕88号",
)
finding_type(
    "fiscal-year-missing",
    Severity.WARNING,
    "未注明预算年度",
    "未注明预算年度（标题和表头中均未读到年份）；请在表头注明所属预算年度",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, §7（FISCAL_YEAR）",
)
finding_type(
    "overall-goal-missing",
    Severity.ERROR,
    "部门总体绩效目标为空",
    "部门整体绩效目标表未填写总体绩效目标；请概述部门年度履职要达到的产出和效果",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, §2.3（年度总体目标）; 财预〔2015〕88号",
)
finding_type(
    "project-goal-missing",
    Severity.ERROR,
    "项目绩效目标为空",
    "项目“{project_name}”未填写绩效目标；请写明项目年度要达到的产出和效果",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, §2.2（总体目标 = 中期目标 + 年度目标）; 财预〔2015〕88号",
)
finding_type(
    "project-amount-missing",
    Severity.ERROR,
    "项目资金总额为空",
    "项目“{project_name}”未填写资金总额（总计），无法核对资金与目标是否匹配",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, §2.2（资金总额）",
)
finding_type(
    "budget-amounts-missing",
    Severity.ERROR,
    "预算整体情况未填列",
    "部门整体绩效目标表的预算整体情况未填列{fields}；请补充部门预算金额",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, §2.3（预算整体情况）",
)
finding_type(
    "indicator-category-missing",
    Severity.ERROR,
    "缺少必备的一级指标",
    "{owner}缺少{categories}下的三级指标；产出、效益、满意度指标每类至少应有一项{hint}",
    tags=TAGS,
    reference="REFERENCE.md §4 RV02, §1; 财预〔2015〕88号、财预〔2021〕101号 指标体系",
)
finding_type(
    "indicators-missing",
    Severity.ERROR,
    "未填报绩效指标",
    "{owner}未填报任何绩效指标（三级指标）；请按产出、效益、满意度指标分类填报",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01–RV02; 财预〔2015〕88号",
)
finding_type(
    "empty-category-row",
    Severity.INFO,
    "空白的指标类别行",
    "第{lines}行“{category}”下未填三级指标；RV03 允许保留空白类别行用于展示，但不计入指标，"
    "如该类确有绩效内容请补充",
    tags=TAGS,
    reference="REFERENCE.md §4 RV03, §1.2（2025 表印出空白二级指标行）",
)
finding_type(
    "indicator-name-missing",
    Severity.ERROR,
    "三级指标名称为空",
    "{owner}第{lines}行有一条三级指标未填写名称；请填写指标名称",
    tags=TAGS,
    reference="REFERENCE.md §4 RV07, §2.1",
)
finding_type(
    "indicator-name-too-long",
    Severity.ERROR,
    "三级指标名称过长",
    "{owner}第{lines}行三级指标名称长 {length} 字，超过 {limit} 字上限；请精简名称，"
    "口径说明写入指标解释：“{name_start}…”",
    tags=TAGS,
    reference="REFERENCE.md §4 RV07, §2.1（L3 ≤ 100 字，一体化系统规则 [V]）",
)
finding_type(
    "annual-target-missing",
    Severity.ERROR,
    "年度指标值为空",
    "{owner}第{lines}行三级指标“{indicator_name}”未填写年度指标值",
    tags=TAGS,
    reference="REFERENCE.md §4 RV01, RV08, §2.1（年度指标值）",
)
finding_type(
    "target-placeholder",
    Severity.ERROR,
    "指标值为占位符",
    "{owner}第{lines}行三级指标“{indicator_name}”的{column}为占位符“{value}”；请填写实际目标值",
    tags=TAGS,
    reference="REFERENCE.md §4 RV08（*、**、_、XX、单独的 - 不是指标值）",
)


def owner_label(project: Project | None) -> str:
    """How a message names where an indicator sits: ``项目“…”`` or ``部门整体表``."""
    return f"项目“{project.name}”" if project is not None else "部门整体表"


def owned_indicators(document: Document) -> list[tuple[Project | None, Indicator]]:
    """Every indicator with the project it belongs to (``None`` for the department grid)."""
    owned: list[tuple[Project | None, Indicator]] = [(None, ind) for ind in document.indicators]
    owned.extend((project, ind) for project in document.projects for ind in project.indicators)
    return owned


@rule(
    "RV01.header",
    ["department-name-missing", "fiscal-year-missing"],
    "表头应注明部门名称和预算年度",
)
def check_header(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV01: the header names the department (error) and the budget year (warning: many
    published project tables print the year only in the surrounding disclosure)."""
    if not (document.department or "").strip():
        yield make_finding("department-name-missing", document)
    if document.fiscal_year is None:
        yield make_finding("fiscal-year-missing", document)


@rule(
    "RV01.goal",
    ["overall-goal-missing", "project-goal-missing"],
    "部门总体绩效目标和每个项目的绩效目标不得为空",
)
def check_goals(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV01: 总体/年度目标 non-empty (财预〔2015〕88号: 目标明确)."""
    if document.kind is DocumentKind.DEPARTMENT and not (document.overall_goal or "").strip():
        yield make_finding("overall-goal-missing", document)
    for project in document.projects:
        if not (project.goal or "").strip():
            yield make_finding(
                "project-goal-missing", document, project=project, project_name=project.name
            )


@rule(
    "RV01.funds",
    ["project-amount-missing", "budget-amounts-missing"],
    "项目资金总额和部门预算整体情况（基本支出、项目支出、收入来源）应填列",
)
def check_fund_fields(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV01 fund fields: every project states 资金总额; a department table states 基本支出,
    项目支出 and at least one income source (财政拨款 or 其他资金)."""
    for project in document.projects:
        if project.amount_total is None:
            yield make_finding(
                "project-amount-missing", document, project=project, project_name=project.name
            )
    if document.kind is not DocumentKind.DEPARTMENT:
        return
    budget = document.budget
    missing = [
        label
        for name, label in CORE_BUDGET_FIELDS.items()
        if budget is None or budget.get(name) is None
    ]
    if budget is None or all(budget.get(name) is None for name in INCOME_BUDGET_FIELDS):
        missing.append("收入来源（财政拨款、其他资金）")
    if missing:
        yield make_finding("budget-amounts-missing", document, fields="、".join(missing))


def _missing_categories(indicators: list[Indicator]) -> list[str]:
    present = {indicator.level1 for indicator in indicators}
    return [category for category in REQUIRED_CATEGORIES if category not in present]


def _misfiled_hint(indicators: list[Indicator], missing: list[str]) -> str:
    """Explain an indicator whose level-2 belongs to a missing level-1 (``2-效益指标；31-服务
    对象满意度``): the category may exist but be filed under the wrong level-1."""
    for indicator in indicators:
        parent = PARENT_OF_LEVEL2.get(indicator.level2 or "")
        if parent in missing and indicator.level1 != parent:
            written = indicator.level1_as_written or indicator.level1 or "（空）"
            return (
                f"；注意第{indicator.source.lines}行二级指标“{indicator.level2}”属于{parent}，"
                f"但一级指标填为“{written}”，请核对"
            )
    return ""


@rule(
    "RV02.categories",
    ["indicator-category-missing"],
    "每个项目（及部门整体表）在产出、效益、满意度指标下各至少有一项三级指标",
)
def check_required_categories(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV02: ≥ 1 三级指标 under 产出, 效益 and 满意度 (财预〔2015〕88号 指标体系; a project
    without indicators at all is reported by ``indicators-missing`` instead).

    Uses ``Indicator.level1`` (canonical name of the level-1 category as written); a
    misfiled indicator does not count, so the message points at it.
    """
    owners: list[tuple[Project | None, list[Indicator]]] = [(None, document.indicators)]
    owners.extend((project, project.indicators) for project in document.projects)
    for project, indicators in owners:
        missing = _missing_categories(indicators) if indicators else []
        if missing:
            yield make_finding(
                "indicator-category-missing",
                document,
                source=project.source if project else indicators[0].source,
                project=project,
                owner=owner_label(project),
                categories="、".join(missing),
                hint=_misfiled_hint(indicators, missing),
            )


@rule("RV02.indicators", ["indicators-missing"], "每个项目及部门整体表都应填报绩效指标")
def check_has_indicators(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV01/RV02: a project, or a department table, with no 三级指标 at all."""
    if document.kind is DocumentKind.DEPARTMENT and not document.indicators:
        yield make_finding("indicators-missing", document, owner=owner_label(None))
    for project in document.projects:
        if not project.indicators:
            yield make_finding(
                "indicators-missing", document, project=project, owner=owner_label(project)
            )


@rule(
    "RV03.placeholders", ["empty-category-row"], "空白的指标类别占位行（允许用于展示，不计入指标）"
)
def check_empty_categories(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV03: printed level-1/level-2 rows with no 三级指标; real 2025 forms print every
    level-2 row (REFERENCE.md §1.2), so this only advises (info)."""
    for row in document.empty_categories:
        category = (
            "／".join(name for name in (row.level1, row.level2) if name) or row.source.text.strip()
        )
        yield make_finding(
            "empty-category-row",
            document,
            source=row.source,
            lines=row.source.lines,
            category=category,
        )


@rule(
    "RV07.name",
    ["indicator-name-missing", "indicator-name-too-long"],
    "三级指标名称不得为空，且不超过规定字数",
)
def check_indicator_names(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV07: 三级指标 name non-empty and ≤ ``config.max_indicator_name_chars`` (100, vendor
    rule [V]); a long name usually carries the 指标解释 or the target."""
    limit = config.max_indicator_name_chars
    for project, indicator in owned_indicators(document):
        name = indicator.name.strip()
        if name and len(name) <= limit:
            continue
        code = "indicator-name-too-long" if name else "indicator-name-missing"
        yield make_finding(
            code,
            document,
            project=project,
            indicator=indicator,
            owner=owner_label(project),
            lines=indicator.source.lines,
            length=len(name),
            limit=limit,
            name_start=name[:20],
        )


def _is_blank(target: Target | None) -> bool:
    return target is None or not target.raw.strip()


@rule("RV08.annual", ["annual-target-missing"], "每个三级指标都应填写年度指标值")
def check_annual_targets(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV01/RV08: every 三级指标 has a 年度指标值 (monitoring and self-evaluation measure
    against it, REFERENCE.md §3)."""
    for project, indicator in owned_indicators(document):
        if _is_blank(indicator.annual_target):
            yield make_finding(
                "annual-target-missing",
                document,
                project=project,
                indicator=indicator,
                owner=owner_label(project),
                lines=indicator.source.lines,
                indicator_name=indicator.name,
            )


MAX_PLACEHOLDER_CHARS = 8
PLACEHOLDER_CHARS = frozenset("*_xX-—–/＊＿－／Ｘｘ")
"""Cheap tests before the regular expression: a placeholder is short and contains one of
these characters."""


@lru_cache(maxsize=8192)
def is_placeholder(text: str) -> bool:
    """``True`` for a target that only holds a placeholder: ``*``, ``**``, ``_``, ``XX``,
    ``-``, ``/``, optionally with a comparator or unit (``≥XX%``)."""
    text = text.strip()
    if len(text) > MAX_PLACEHOLDER_CHARS or PLACEHOLDER_CHARS.isdisjoint(text):
        return False
    return PLACEHOLDER.match(normalize(text)) is not None


@rule("RV08.placeholder", ["target-placeholder"], "指标值不得为占位符（*、**、_、XX、-）")
def check_placeholders(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV08: no placeholder in 年度指标值 or 实施周期指标值 (vendor and third-party rule sets)."""
    for project, indicator in owned_indicators(document):
        targets = (
            ("年度指标值", indicator.annual_target),
            ("实施周期指标值", indicator.period_target),
        )
        for column, target in targets:
            if target is not None and is_placeholder(target.raw):
                yield make_finding(
                    "target-placeholder",
                    document,
                    project=project,
                    indicator=indicator,
                    owner=owner_label(project),
                    lines=indicator.source.lines,
                    indicator_name=indicator.name,
                    column=column,
                    value=target.raw.strip(),
                )
