"""JSON outputs keep Chinese readable and follow ``Finding.as_dict``/``document_to_dict``."""

from __future__ import annotations

import json

from jixiao.report import ReportData
from jixiao.report.jsonout import documents_list, dumps, findings_list, render_findings
from jixiao.review.finding import Finding, Severity
from jixiao.review.runner import DocumentReview, ReviewReport
from jixiao.serialize import document_from_dict, document_to_dict
from tests.review.factories import make_department_doc


def test_dumps_keeps_chinese_and_ends_with_a_newline() -> None:
    assert dumps({"部门": "测试局"}) == '{\n  "部门": "测试局"\n}\n'


def test_findings_list_is_as_dict_of_each_finding() -> None:
    finding = Finding(
        "indicators-missing",
        Severity.ERROR,
        "未填报绩效指标",
        "a.txt",
        "项目甲",
        None,
        3,
        4,
        "原文",
        ("#completeness",),
    )
    assert findings_list([finding]) == [finding.as_dict()]
    data = ReportData(ReviewReport([DocumentReview(make_department_doc(), [finding])]))
    assert json.loads(render_findings(data))[0]["project"] == "项目甲"


def test_documents_list_round_trips_through_serialize() -> None:
    document = make_department_doc(file="dept.txt")
    [data] = documents_list([document])
    assert data == document_to_dict(document)
    assert document_to_dict(document_from_dict(json.loads(dumps(data)))) == data
