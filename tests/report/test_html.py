"""The HTML report: one self-contained, escaped page whose line links all land."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jixiao.ingest import load
from jixiao.ingest.text import read_text
from jixiao.model import CategoryRow, Document
from jixiao.report import ReportData, render_html
from jixiao.report.html import grid_rows
from jixiao.review.finding import Finding, Severity
from jixiao.review.runner import DocumentReview, ReviewReport, review
from jixiao.taxonomy import COST, OUTPUT
from tests.review.factories import (
    make_budget,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    make_source,
    make_subtotal,
    make_task,
)

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt"))

DEPARTMENT_TEXT = "\n".join(f"部门整体表第{n}行" for n in range(1, 31)) + "\n"
PROJECT_TEXT = "\n".join(f"项目表第{n}行\t内容" for n in range(1, 21)) + "\n"


class _Anchors(HTMLParser):
    """Collects element ids, ``href`` values and asset references of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])
        if tag in {"link", "script", "img", "iframe"} and ("src" in values or "href" in values):
            self.assets.append(f"{tag} {values.get('src') or values.get('href')}")


def _parse(page: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(page)
    return parser


def _department() -> Document:
    return make_department_doc(
        file="in/测试局-部门整体.txt",
        budget=make_budget(
            line=3,
            basic_expenditure="4855.11",
            project_expenditure="1484.96",
            fiscal_appropriation="6340.07",
        ),
        overall_goal="全面履行职责 <script>alert('x')</script>",
        tasks=[make_task("法治宣传", "120.50", line=8)],
        empty_categories=[CategoryRow(COST, "经济成本指标", make_source(25))],
    )


def _project_doc() -> Document:
    projects = [
        make_project("维修维护费", "82.60", "82.60", line=4),
        make_project("法律顾问经费", "1402.74", "1402.74", line=9),
    ]
    document = make_project_doc(
        file="in/测试局-项目.txt",
        projects=projects,
        subtotals=[make_subtotal("合计", "1485.34", "1485.34", line=3)],
    )
    document.notes.append("注：不含保密项目。")
    return document


def _findings(document: Document) -> list[Finding]:
    return [
        Finding(
            "overall-goal-missing",
            Severity.ERROR,
            "总体绩效目标含 <b>标记</b>",
            document.file,
            None,
            None,
            5,
            6,
        ),
        Finding(
            "target-vague-wording",
            Severity.WARNING,
            "指标值“明显提升”过于笼统",
            document.file,
            None,
            "群众法律意识提升",
            21,
            21,
        ),
        Finding("fiscal-year-missing", Severity.INFO, "未注明预算年度", document.file),
        Finding("numbering-gap", Severity.INFO, "行号超出原文", document.file, source_line=999),
    ]


def _data() -> ReportData:
    department, projects = _department(), _project_doc()
    project_finding = Finding(
        "project-goal-missing",
        Severity.ERROR,
        "项目绩效目标为空",
        projects.file,
        "法律顾问经费",
        None,
        9,
        9,
    )
    report = ReviewReport(
        [
            DocumentReview(department, _findings(department)),
            DocumentReview(projects, [project_finding]),
        ]
    )
    return ReportData(report, {department.file: DEPARTMENT_TEXT, projects.file: PROJECT_TEXT})


@pytest.fixture(name="page")
def page_fixture() -> str:
    return render_html(_data(), generated_at=datetime(2025, 3, 1, 9, 30))


def test_page_is_self_contained(page: str) -> None:
    parsed = _parse(page)
    assert parsed.assets == []
    assert not [href for href in parsed.hrefs if not href.startswith("#")]
    for external in ("http://", "https://", "@import", "url(", "<link"):
        assert external not in page
    assert "<style>" in page


def test_every_link_target_exists(page: str) -> None:
    parsed = _parse(page)
    missing = [href for href in parsed.hrefs if href[1:] not in parsed.ids]
    assert missing == []


def test_findings_link_to_the_source_line_they_cite(page: str) -> None:
    assert 'href="#f0-L5">第 5 行</a>' in page
    assert 'href="#f0-L21">第 21 行</a>' in page
    assert 'href="#f1-L9">第 9 行</a>' in page
    assert 'id="f0-L5"' in page and 'id="f1-L9"' in page
    assert "第 999 行" in page and 'href="#f0-L999"' not in page


def test_cited_lines_are_highlighted_by_severity(page: str) -> None:
    assert '<tr id="f0-L5" class="cited error">' in page
    assert '<tr id="f0-L6" class="cited error">' in page
    assert '<tr id="f0-L21" class="cited warning">' in page


def test_indicator_and_task_rows_link_to_their_lines(page: str) -> None:
    for line in (8, 20, 21, 22, 25):
        assert f'<a href="#f0-L{line}">{line}</a></td>' in page
    assert '<a href="#f1-L5">5</a></td>' in page


def test_text_is_escaped(page: str) -> None:
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;b&gt;标记&lt;/b&gt;" in page


def test_page_is_in_chinese_with_summary_and_budget(page: str) -> None:
    for label in (
        "预算绩效目标审核报告",
        "汇总",
        "预算整体情况",
        "总体绩效目标",
        "年度重点工作任务",
        "绩效指标",
        "审核意见",
        "原文",
        "资金情况",
        "部门整体",
        "（未填列三级指标）",
    ):
        assert label in page
    assert "4,855.11" in page and "1,485.34" in page and "120.50" in page
    assert "错误 2 条　警告 1 条　提示 2 条" in page
    assert '<span class="badge error">错误</span> 1 条' in page
    assert "生成时间：2025-03-01 09:30" in page


def test_projects_are_listed_with_anchors(page: str) -> None:
    assert '<p class="note">注：不含保密项目。</p>' in page
    assert '<a href="#f1-p1">法律顾问经费</a>' in page
    assert '<div class="project" id="f1-p1">' in page


def test_missing_source_text_is_said_and_not_linked() -> None:
    document = _department()
    report = ReviewReport([DocumentReview(document, _findings(document))])
    page = render_html(ReportData(report, {}))
    assert "原文不可用" in page
    assert 'href="#f0-L' not in page
    assert "第 5 行" in page


def test_unreviewed_documents_say_so() -> None:
    page = render_html(ReportData.unreviewed([_department()], {}))
    assert "未审核" in page and "未发现问题" not in page


def test_grid_rows_merge_repeated_categories_in_source_order() -> None:
    indicators = [
        make_indicator("甲", OUTPUT, "数量指标", line=3),
        make_indicator("乙", OUTPUT, "数量指标", line=4),
        make_indicator("丙", OUTPUT, "质量指标", line=5),
    ]
    rows = grid_rows(indicators, [CategoryRow(COST, "经济成本指标", make_source(2))])
    assert [(r.line, r.level1_span, r.level2_span) for r in rows] == [
        (2, 1, 1),
        (3, 3, 2),
        (4, 0, 0),
        (5, 0, 1),
    ]
    assert rows[0].indicator is None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_real_sample_report_links_all_land(path: Path) -> None:
    document = load(path)
    text, _encoding = read_text(path)
    page = render_html(ReportData(review([document]), {document.file: text}))
    parsed = _parse(page)
    assert [href for href in parsed.hrefs if href[1:] not in parsed.ids] == []
    assert f'id="f0-L{len(text.splitlines())}"' in page
    assert parsed.assets == []
