"""Tests of the importing family: every ImportIssue becomes a located finding."""

from __future__ import annotations

import pytest

from jixiao.model import ImportIssue
from jixiao.review.finding import Severity
from jixiao.review.rules.importing import IMPORT_CODES  # also registers the rule
from tests.review.factories import codes, make_project_doc, make_source, run_rule

SEVERITIES = {
    "import-unparsed-line": Severity.WARNING,
    "import-amount-unreadable": Severity.WARNING,
    "import-ambiguous-columns": Severity.INFO,
    "import-missing-section": Severity.WARNING,
}


@pytest.mark.parametrize("code", IMPORT_CODES)
def test_each_import_issue_becomes_a_finding_with_its_message_and_line(code: str) -> None:
    source = make_source(17, "合计 1,485.34", file="projects.txt")
    message = "第17行只印出两个金额，按“总计、财政拨款”读取"
    document = make_project_doc(issues=[ImportIssue(code, message, source)])
    findings = run_rule("IMP.issues", document)
    assert codes(findings) == [code]
    assert findings[0].message == message
    assert findings[0].severity is SEVERITIES[code]
    assert (findings[0].source_line, findings[0].source_text) == (17, "合计 1,485.34")


def test_unknown_issue_code_is_kept_visible_as_import_issue() -> None:
    issue = ImportIssue("import-encoding-guessed", "按 GB18030 读取", make_source(1))
    findings = run_rule("IMP.issues", make_project_doc(issues=[issue]))
    assert codes(findings) == ["import-issue"]
    assert findings[0].message == "按 GB18030 读取（导入问题代码 import-encoding-guessed）"


def test_document_without_import_issues_gives_no_finding() -> None:
    assert run_rule("IMP.issues", make_project_doc()) == []
