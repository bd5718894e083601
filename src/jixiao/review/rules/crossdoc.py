"""Checks across the documents of one batch: a department's tables must agree with each other.

A department publishes a 部门整体支出绩效目标表 and a 项目支出绩效目标表 for the same budget
year (REFERENCE.md §2.2–2.3). The department table's 项目支出 is the total of the project
table, and an indicator both tables declare should carry the same target (财预〔2015〕88号
相应匹配). These rules run once per batch (``scope="collection"``) and report a finding in
*each* document concerned, citing the other file and line.

Pairing: a project table is paired with the department table of the same department (names
compared after NFKC and white-space normalisation) whose budget year equals its own, or, when
either year is unknown, with the only such department table. Tables marked as different
scopes (``（本级）`` vs ``（部门）``) are not paired: a 本级 project table legitimately covers
only part of a 部门 budget. Ambiguous pairings are skipped rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache

from jixiao.model import Document, DocumentKind, Indicator, Project, Source, Target, to_wan_yuan
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import ReviewConfig, finding_type, make_finding, rule
from jixiao.review.rules.arithmetic import ZERO, format_money
from jixiao.taxonomy import normalize

TAGS = ("#cross-document",)
WAN_YUAN = "万元"

TRAILING_UNIT = re.compile(r"\([^()]{1,4}\)$")
"""A short trailing bracket (``（%）``, ``（场次）``) dropped when matching indicator names."""

MAX_LISTED_FILES = 5
"""Files a duplicate-submission message names at most."""

KIND_LABELS = {
    DocumentKind.DEPARTMENT: "部门整体支出绩效目标表",
    DocumentKind.PROJECT: "项目支出绩效目标表",
}

finding_type(
    "department-project-total-mismatch",
    Severity.ERROR,
    "部门整体表项目支出与项目支出表合计不符",
    "{department}部门整体表所列项目支出 {department_amount}（{department_where}），"
    "而项目支出绩效目标表{project_basis} {project_amount}（{project_where}），相差 {difference}；"
    "两表应一致",
    tags=(*TAGS, "#appropriateness"),
    reference="REFERENCE.md §2.2–2.3, §4 RV19; 财预〔2015〕88号（相应匹配）",
)
finding_type(
    "indicator-target-differs",
    Severity.INFO,
    "同名指标在部门整体表与项目表中的目标值不同",
    "三级指标“{indicator_name}”在部门整体表中年度指标值为“{department_target}”"
    "（{department_where}），在项目“{project_name}”中为“{project_target}”（{project_where}）；"
    "部门整体指标可能为多个项目的汇总，请核实两处口径是否一致",
    tags=(*TAGS, "#consistency"),
    reference="REFERENCE.md §3, §4 RV17, RV23; 财预〔2015〕88号（相应匹配）",
)
finding_type(
    "duplicate-submission",
    Severity.WARNING,
    "同一部门同一年度的表格重复",
    "{department}{year}的{kind_label}共有 {count} 份：{files}；疑似重复提交，请确认保留哪一份",
    tags=TAGS,
    reference="jixiao; REFERENCE.md §7（一体化系统每部门每年一份，IS_LAST_INST）",
)


def department_key(document: Document) -> str | None:
    """The department name compared across documents (NFKC, no white space), or ``None``."""
    key = normalize(document.department or "")
    return key or None


def _scope(document: Document) -> str | None:
    written = unicodedata.normalize("NFKC", document.department_as_written or "")
    if "本级" in written:
        return "本级"
    return "部门" if "(部门)" in written else None


def _compatible(department: Document, project: Document) -> bool:
    years = (department.fiscal_year, project.fiscal_year)
    scopes = (_scope(department), _scope(project))
    same_year = None in years or years[0] == years[1]
    same_scope = None in scopes or scopes[0] == scopes[1]
    return same_year and same_scope


def pair_documents(documents: Sequence[Document]) -> Iterator[tuple[Document, Document]]:
    """(department table, project table) pairs of the same department and year (see module).

    Linear in the batch: department tables are indexed by department and by year.
    """
    by_department: dict[str, list[Document]] = defaultdict(list)
    by_year: dict[tuple[str, int | None], list[Document]] = defaultdict(list)
    for document in documents:
        key = department_key(document)
        if key and document.kind is DocumentKind.DEPARTMENT:
            by_department[key].append(document)
            by_year[(key, document.fiscal_year)].append(document)
    for project_doc in documents:
        key = department_key(project_doc)
        if project_doc.kind is not DocumentKind.PROJECT or not key:
            continue
        exact = by_year.get((key, project_doc.fiscal_year), [])
        candidates = exact if len(exact) == 1 else by_department.get(key, [])
        department_doc = _only_compatible(candidates, project_doc)
        if department_doc is not None:
            yield department_doc, project_doc


def _only_compatible(candidates: list[Document], project_doc: Document) -> Document | None:
    """The single department table of ``candidates`` compatible with ``project_doc``, or
    ``None`` when there is none or more than one."""
    found: Document | None = None
    for candidate in candidates:
        if _compatible(candidate, project_doc):
            if found is not None:
                return None
            found = candidate
    return found


def where(source: Source | None, file: str) -> str:
    """``"file 第12行"`` (``"file"`` when the line is unknown): a citation of another table."""
    return f"{file} 第{source.lines}行" if source else file


def _project_table_total(document: Document) -> tuple[Decimal, Source | None, str] | None:
    """(total in 万元, source, how it was obtained) of a project table: its 合计 row, else
    the sum of its projects; ``None`` when neither is stated."""
    total_row = document.grand_total
    if total_row is not None and total_row.amount_total is not None:
        return to_wan_yuan(total_row.amount_total, document.money_unit), total_row.source, "合计"
    amounts = [p.amount_total for p in document.projects if p.amount_total is not None]
    if not amounts:
        return None
    first = document.projects[0].source
    return to_wan_yuan(sum(amounts, ZERO), document.money_unit), first, "各项目之和"


@rule(
    "XD.project-expenditure",
    ["department-project-total-mismatch"],
    "部门整体表的项目支出应等于同部门项目支出绩效目标表的合计",
    scope="collection",
)
def check_project_expenditure(
    documents: Sequence[Document], config: ReviewConfig
) -> Iterator[Finding]:
    """The 项目支出 of a department table equals the total of the same department's project
    table (REFERENCE.md §2.2–2.3). Real case: 天河区司法局 2025 states 项目支出 1,484.96 万元,
    its project table totals 1,485.34 万元. Reported in both documents."""
    for department_doc, project_doc in pair_documents(documents):
        budget = department_doc.budget
        project_total = _project_table_total(project_doc)
        if budget is None or budget.project_expenditure is None or project_total is None:
            continue
        stated = to_wan_yuan(budget.project_expenditure, department_doc.money_unit)
        total, total_source, basis = project_total
        if abs(stated - total) <= config.tolerance_wan_yuan:
            continue
        department_source = budget.sources.get("project_expenditure")
        cited = ((department_doc, department_source), (project_doc, total_source))
        for document, source in cited:
            yield make_finding(
                "department-project-total-mismatch",
                document,
                source=source,
                department=department_doc.department,
                department_amount=format_money(stated, WAN_YUAN),
                department_where=where(department_source, department_doc.file),
                project_basis=basis,
                project_amount=format_money(total, WAN_YUAN),
                project_where=where(total_source, project_doc.file),
                difference=format_money(abs(stated - total), WAN_YUAN),
            )


@lru_cache(maxsize=8192)
def indicator_key(name: str) -> str:
    """Name used to match an indicator across tables: NFKC, no white space, without a short
    trailing unit bracket (``调解协议履行率（%）`` ≡ ``调解协议履行率``)."""
    return TRAILING_UNIT.sub("", normalize(name))


def _same_target(first: Target, second: Target) -> bool:
    """Quantitative targets compare operator, value(s) and (when both state one) unit;
    anything else compares the text without white space and trailing punctuation."""
    if first.quantitative and second.quantitative:
        units = (first.unit, second.unit)
        same_unit = None in units or normalize(units[0] or "") == normalize(units[1] or "")
        numbers_equal = (first.operator, first.value, first.value_max) == (
            second.operator,
            second.value,
            second.value_max,
        )
        return numbers_equal and same_unit
    return normalize(first.raw).rstrip("。.；;") == normalize(second.raw).rstrip("。.；;")


def _differing_targets(
    department_doc: Document, project_doc: Document
) -> Iterator[tuple[Indicator, Target, Project, Indicator, Target]]:
    """(department indicator, its target, project, project indicator, its target) for every
    indicator name both tables declare with different annual targets."""
    by_name: dict[str, list[tuple[Indicator, Target]]] = defaultdict(list)
    for indicator in department_doc.indicators:
        if indicator.annual_target is not None:
            by_name[indicator_key(indicator.name)].append((indicator, indicator.annual_target))
    for project in project_doc.projects:
        for indicator in project.indicators:
            target = indicator.annual_target
            if target is None:
                continue
            for department_indicator, department_target in by_name.get(
                indicator_key(indicator.name), []
            ):
                if not _same_target(department_target, target):
                    yield department_indicator, department_target, project, indicator, target


@rule(
    "XD.targets",
    ["indicator-target-differs"],
    "部门整体表与项目表中同名三级指标的年度指标值应一致",
    scope="collection",
)
def check_shared_indicator_targets(
    documents: Sequence[Document], config: ReviewConfig
) -> Iterator[Finding]:
    """An indicator of the department grid that a project of the same department also
    declares should carry the same 年度指标值 (REFERENCE.md §3; 88号 相应匹配). Info only:
    a department-wide count may legitimately aggregate several projects."""
    for department_doc, project_doc in pair_documents(documents):
        for found in _differing_targets(department_doc, project_doc):
            department_indicator, department_target, project, indicator, target = found
            cited = (
                (department_doc, None, department_indicator),
                (project_doc, project, indicator),
            )
            for document, owner, located in cited:
                yield make_finding(
                    "indicator-target-differs",
                    document,
                    project=owner,
                    indicator=located,
                    indicator_name=department_indicator.name,
                    department_target=department_target.raw,
                    department_where=where(department_indicator.source, department_doc.file),
                    project_name=project.name,
                    project_target=target.raw,
                    project_where=where(indicator.source, project_doc.file),
                )


@rule(
    "XD.duplicates",
    ["duplicate-submission"],
    "同一部门同一年度同一种表格只应提交一份",
    scope="collection",
)
def check_duplicates(documents: Sequence[Document], config: ReviewConfig) -> Iterator[Finding]:
    """Two tables of the same kind for the same department and budget year (an unknown year
    matches only another unknown year): a resubmission or a copy, each reported."""
    groups: dict[tuple[DocumentKind, str, int | None], list[Document]] = defaultdict(list)
    for document in documents:
        key = department_key(document)
        if key:
            groups[(document.kind, key, document.fiscal_year)].append(document)
    for (kind, _, year), group in groups.items():
        if len(group) < 2:
            continue
        files = "、".join(d.file for d in group[:MAX_LISTED_FILES])
        if len(group) > MAX_LISTED_FILES:
            files += " 等"
        for document in group:
            yield make_finding(
                "duplicate-submission",
                document,
                department=document.department,
                year=f" {year} 年度" if year else "（均未注明年度）",
                kind_label=KIND_LABELS[kind],
                count=len(group),
                files=files,
            )
