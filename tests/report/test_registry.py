"""The exporter registry and the files of ``jixiao review -o``."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from jixiao.report import EXPORTERS, REVIEW_OUTPUTS, ReportData, write_review_outputs
from jixiao.review.finding import Finding, Severity
from jixiao.review.runner import DocumentReview, ReviewReport
from tests.review.factories import make_department_doc, make_project_doc


def _data() -> ReportData:
    department = make_department_doc(file="dept.txt")
    finding = Finding(
        "overall-goal-missing", Severity.ERROR, "总体绩效目标为空", "dept.txt", source_line=2
    )
    reviews = [
        DocumentReview(department, [finding]),
        DocumentReview(make_project_doc(file="p.txt")),
    ]
    return ReportData(ReviewReport(reviews), {"dept.txt": "第一行\n第二行\n"})


def test_exporters_are_keyed_by_their_names() -> None:
    assert list(EXPORTERS) == ["html", "xlsx", "json"]
    assert all(
        name == exporter.name and exporter.description for name, exporter in EXPORTERS.items()
    )
    assert [e.suffix for e in EXPORTERS.values()] == [".html", ".xlsx", ".json"]
    assert [e.binary for e in EXPORTERS.values()] == [False, True, False]


def test_every_exporter_renders_a_batch() -> None:
    data = _data()
    assert "总体绩效目标为空" in EXPORTERS["html"].render(data).decode("utf-8")
    assert load_workbook(BytesIO(EXPORTERS["xlsx"].render(data))).sheetnames[0] == "汇总"
    documents = json.loads(EXPORTERS["json"].render(data))
    assert [d["file"] for d in documents] == ["dept.txt", "p.txt"]


def test_json_export_of_one_document_is_the_document_object() -> None:
    data = ReportData.unreviewed([make_project_doc(file="p.txt")])
    document = json.loads(EXPORTERS["json"].render(data))
    assert document["kind"] == "project" and document["file"] == "p.txt"


def test_review_outputs_are_written_into_a_new_directory(tmp_path: Path) -> None:
    directory = tmp_path / "out" / "reports"
    written = write_review_outputs(_data(), directory)
    assert [p.name for p in written] == list(REVIEW_OUTPUTS)
    assert sorted(p.name for p in directory.iterdir()) == sorted(REVIEW_OUTPUTS)
    findings = json.loads((directory / "findings.json").read_text(encoding="utf-8"))
    assert [(f["code"], f["severity"], f["source_line"]) for f in findings] == [
        ("overall-goal-missing", "error", 2)
    ]
    documents = json.loads((directory / "documents.json").read_text(encoding="utf-8"))
    assert [d["kind"] for d in documents] == ["department", "project"]
    assert 'id="f0-L2"' in (directory / "report.html").read_text(encoding="utf-8")
