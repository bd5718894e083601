"""Undocumented means failing: every rule and finding code is registered, described and
rendered in the generated findings reference (``python -m jixiao.review.docs``)."""

from __future__ import annotations

import contextlib
import io
import string
from pathlib import Path
from typing import cast

import pytest

from jixiao.model import CategoryRow, Document, ImportIssue
from jixiao.review.docs import main, render
from jixiao.review.finding import Finding, FindingType, Severity
from jixiao.review.registry import (
    CATALOGUE,
    CollectionCheck,
    DocumentCheck,
    ReviewConfig,
    Rule,
)
from jixiao.review.runner import load_rules
from jixiao.taxonomy import OUTPUT
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

RESERVED_PARAMETERS = {"code", "document", "source", "project", "indicator"}
"""Keyword arguments ``make_finding`` consumes itself: a template placeholder of that name can
never be filled (pass e.g. ``project_name`` instead)."""

EXERCISED_FAMILIES = {"arithmetic", "completeness", "crossdoc", "importing"}
"""Families whose every code :func:`defective_batch` triggers (extend with new batches)."""


@pytest.fixture(scope="module")
def rules() -> dict[str, Rule]:
    return load_rules()


def test_every_rule_has_a_summary_and_codes(rules: dict[str, Rule]) -> None:
    for rule in rules.values():
        assert rule.summary.strip(), f"rule {rule.id} has no summary"
        assert rule.codes, f"rule {rule.id} declares no finding code"


def test_every_code_a_rule_declares_is_in_the_catalogue(rules: dict[str, Rule]) -> None:
    undeclared = {(r.id, code) for r in rules.values() for code in r.codes if code not in CATALOGUE}
    assert not undeclared


def test_every_catalogue_code_is_declared_by_some_rule(rules: dict[str, Rule]) -> None:
    declared = {code for rule in rules.values() for code in rule.codes}
    assert set(CATALOGUE) <= declared, sorted(set(CATALOGUE) - declared)


def test_every_catalogue_entry_has_title_template_tags_and_reference(
    rules: dict[str, Rule],
) -> None:
    for code, entry in CATALOGUE.items():
        assert entry.title and entry.template and entry.reference, code
        assert entry.tags, f"{code} has no tags"
        assert code == code.lower() and " " not in code and "_" not in code, code


def test_templates_only_use_placeholders_a_rule_can_fill(rules: dict[str, Rule]) -> None:
    for code, entry in CATALOGUE.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(entry.template) if name}
        assert all(name.isidentifier() for name in fields), (code, fields)
        assert not fields & RESERVED_PARAMETERS, (code, fields & RESERVED_PARAMETERS)


def test_generated_reference_mentions_every_rule_and_code(rules: dict[str, Rule]) -> None:
    markdown = render(rules, CATALOGUE)
    for rule in rules.values():
        assert f"`{rule.id}`" in markdown
    for code, entry in CATALOGUE.items():
        assert f"**`{code}`**" in markdown
        assert entry.reference in markdown


def test_main_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    main()
    output = capsys.readouterr().out
    assert output.startswith("# 审核发现参考")
    assert "`department-project-total-mismatch`" in output


def test_render_lists_codes_no_rule_declares_and_codes_missing_from_the_catalogue() -> None:
    orphan = FindingType("orphan-code", Severity.INFO, "孤立", "{x}", ("#t",), "REF")
    check = cast(DocumentCheck, lambda document, config: iter(()))
    stray = Rule("X1", ("not-catalogued",), "fake", "document", check, "测试规则")
    markdown = render({"X1": stray}, {"orphan-code": orphan})
    assert "## 未归属任何规则的发现代码" in markdown and "`orphan-code`" in markdown
    assert "`not-catalogued`** · 未登记于发现目录" in markdown


def run_families(rules: dict[str, Rule], batch: list[Document]) -> list[Finding]:
    """Every finding of the exercised families' rules on ``batch``; checks each rule emits
    only codes it declares."""
    config, findings = ReviewConfig(), list[Finding]()
    for rule in rules.values():
        if rule.family not in EXERCISED_FAMILIES:
            continue
        if rule.scope == "collection":
            found = list(cast(CollectionCheck, rule.check)(batch, config))
        else:
            found = [f for d in batch for f in cast(DocumentCheck, rule.check)(d, config)]
        assert {f.code for f in found} <= set(rule.codes), rule.id
        findings.extend(found)
    return findings


def test_clean_department_and_project_tables_give_no_finding(rules: dict[str, Rule]) -> None:
    assert run_families(rules, [make_department_doc(), make_project_doc()]) == []


def defective_batch() -> list[Document]:
    """Documents with at least one defect of every kind the exercised families detect."""
    long_name = "宪" * 101
    indicators = [
        make_indicator("", annual=None, line=11),
        make_indicator(long_name, annual="≥1", line=12),
        make_indicator("服务人次", OUTPUT, annual="XX", line=13),
    ]
    projects = [
        make_project("甲项目", "100", "80", goal=None, indicators=indicators, line=10),
        make_project("乙项目", None, None, indicators=[], unit="甲单位", line=20),
        make_project("丙项目", "-5", "-5", line=30),
    ]
    subtotals = [
        make_subtotal("合计", "999", None, line=2),
        make_subtotal("甲单位", "50", None, grand_total=False, line=3),
    ]
    issue_codes = [
        "import-unparsed-line",
        "import-amount-unreadable",
        "import-ambiguous-columns",
        "import-missing-section",
        "import-something-new",
    ]
    issues = [ImportIssue(code, f"导入问题 {code}", make_source(40)) for code in issue_codes]
    project_doc = make_project_doc("甲局", None, projects, subtotals, issues, file="p1.txt")
    copy = make_project_doc("甲局", None, projects, subtotals, file="p2.txt")
    budget = make_budget(
        basic_expenditure=100, project_expenditure=10, fiscal_appropriation=200, own_level_funds=1
    )
    department_doc = make_department_doc(
        "甲局",
        2025,
        budget=budget,
        overall_goal=None,
        tasks=[make_task("任务", 500)],
        indicators=[make_indicator("服务人次", OUTPUT, annual="≥5", line=50)],
        empty_categories=[CategoryRow("效益指标", "经济效益指标", make_source(60))],
        file="d1.txt",
    )
    nameless = make_department_doc(None, 2025, indicators=[], file="d2.txt")
    nameless.budget = None
    development = make_budget(
        basic_expenditure=100,
        project_expenditure=10,
        other_development_expenditure=5,
        fiscal_appropriation=115,
    )
    within = make_department_doc(
        "乙局", 2025, budget=development, tasks=[make_task("任务", 12)], file="d3.txt"
    )
    return [project_doc, copy, department_doc, nameless, within]


def test_defective_batch_triggers_every_code_of_the_exercised_families(
    rules: dict[str, Rule],
) -> None:
    """Also proves every template formats with the parameters its rule passes."""
    found = {finding.code for finding in run_families(rules, defective_batch())}
    expected = {code for r in rules.values() if r.family in EXERCISED_FAMILIES for code in r.codes}
    assert expected - found == set()


def test_committed_reference_is_up_to_date() -> None:
    """docs/findings.md is generated; regenerate with ``make docs`` when rules change."""
    committed = Path(__file__).resolve().parents[2] / "docs" / "findings.md"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main()
    assert committed.read_text(encoding="utf-8") == buffer.getvalue()
