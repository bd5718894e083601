"""Findings are located at the item path they concern (checked against the sample text)."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest import load
from jixiao.paths import indicator_at
from jixiao.review.locate import locate
from jixiao.review.runner import review_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_misfiled_satisfaction_points_at_the_indicator() -> None:
    document = load(SAMPLES / "tianhe-2025-project-pdftext.txt")
    findings = [f for f in review_document(document) if f.code == "category-level2-wrong-parent"]
    assert findings
    for finding in findings:
        path = locate(document, finding)
        ref = indicator_at(document, path)
        assert ref.indicator.name == finding.indicator
        assert ref.project is not None and ref.project.name == finding.project


def test_document_level_finding_has_the_empty_path() -> None:
    document = load(SAMPLES / "tianhe-2025-project-pdftext.txt")
    missing_year = [f for f in review_document(document) if f.code == "fiscal-year-missing"]
    assert [locate(document, f) for f in missing_year] == [""]


def test_task_sum_finding_points_at_the_task_table() -> None:
    """Jieyang: 任务 Σ 1,272.17 > 项目支出 160.23 is reported on the first task row (line 12)."""
    document = load(SAMPLES / "jieyang-2023-department-tabbed-columns.txt")
    paths = {f.code: locate(document, f) for f in review_document(document)}
    assert paths["tasks-exceed-budget"] == "tasks/0"
