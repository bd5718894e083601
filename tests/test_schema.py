"""``schema/*.schema.json`` describe exactly what ``serialize`` and ``Finding.as_dict`` emit.

Objects are closed (``additionalProperties: false``) and list every key as required, so a
field added to or dropped from the serialiser without updating the schema fails here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from jixiao.ingest import load
from jixiao.model import CategoryRow, Document, ImportIssue, Operator, Target
from jixiao.review.runner import review
from jixiao.serialize import document_to_dict, indicator_to_dict, target_to_dict
from jixiao.taxonomy import LEVEL1, LEVEL2
from tests.review.factories import (
    make_budget,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    make_source,
    make_subtotal,
    make_target,
    make_task,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    return schema


DOCUMENT_SCHEMA = _schema("document.schema.json")
FINDINGS_SCHEMA = _schema("findings.schema.json")
DOCUMENT = Draft202012Validator(DOCUMENT_SCHEMA)
FINDINGS = Draft202012Validator(FINDINGS_SCHEMA)


def _errors(validator: Draft202012Validator, instance: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def _full_department() -> Document:
    ranged = Target(
        "80%-90%",
        Operator.RANGE,
        Decimal(80),
        Decimal(90),
        "%",
        False,
        qualifier="年均",
        remainder="以上",
        compound=True,
        operator_implied=True,
        unit_from_name=True,
    )
    indicator = make_indicator(
        "调解成功率", annual=ranged, period=make_target("≥95%", Operator.GE, 95, "%"), line=20
    )
    indicator.explanation = "调解成功件数/受理件数"
    indicator.number = 1
    indicator.level1_code, indicator.level2_code = "1", "11"
    document = make_department_doc(
        file="test.txt",
        budget=make_budget(
            basic_expenditure="4855.11",
            project_expenditure="1484.96",
            fiscal_appropriation="6340.07",
            other_funds="0",
            special_funds="0",
            other_development_expenditure="109.4",
            own_level_funds="6340.07",
            transfer_funds="0",
        ),
        tasks=[make_task("法治宣传", "120.5", line=8)],
        indicators=[indicator, make_indicator("未识别类别", None, None, annual=None, line=21)],
        empty_categories=[CategoryRow("成本指标", None, make_source(25))],
        issues=[ImportIssue("import-unparsed-line", "第30行无法识别", make_source(30, "？？"))],
    )
    document.title, document.layout = "测试局2025年部门整体支出绩效目标表", "department-tabbed"
    document.supervising_department, document.staff_count, document.subordinate_unit_count = (
        "司法",
        99,
        0,
    )
    return document


def _full_project_table() -> Document:
    project = make_project(special_account_funds="0", other_funds="1.5", unit="测试局", line=4)
    project.notes.append("（以上为平均值。）")
    subtotals = [
        make_subtotal("合计", "101.5", "100", line=2),
        make_subtotal("测试局", "101.5", "100", False, line=3),
    ]
    return make_project_doc(
        file="test.txt", projects=[project], subtotals=subtotals, fiscal_year=None, department=None
    )


DOCUMENTS = {
    "department": _full_department,
    "department-defaults": make_department_doc,
    "project": _full_project_table,
    "project-defaults": make_project_doc,
}


def test_schemas_are_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(DOCUMENT_SCHEMA)
    Draft202012Validator.check_schema(FINDINGS_SCHEMA)
    assert (
        DOCUMENT_SCHEMA["$schema"]
        == FINDINGS_SCHEMA["$schema"]
        == "https://json-schema.org/draft/2020-12/schema"
    )


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("with_text", [False, True])
def test_documents_built_in_code_validate(name: str, with_text: bool) -> None:
    data = document_to_dict(DOCUMENTS[name](), with_source_text=with_text)
    assert _errors(DOCUMENT, data) == []


def _closed_objects(node: object) -> list[dict[str, Any]]:
    """Every object schema (with ``properties``) inside ``node``."""
    if isinstance(node, list):
        return [o for item in node for o in _closed_objects(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if "properties" in node else []
    return found + [o for value in node.values() for o in _closed_objects(value)]


def test_every_object_is_closed_and_requires_its_keys() -> None:
    for schema in (DOCUMENT_SCHEMA, FINDINGS_SCHEMA):
        for node in _closed_objects(schema):
            assert node.get("additionalProperties") is False, sorted(node["properties"])
            optional = set(node["properties"]) - set(node.get("required", []))
            assert optional <= {"source_text", "source_file"}, optional


def test_schema_keys_are_exactly_the_serialised_keys() -> None:
    defs = DOCUMENT_SCHEMA["$defs"]
    document = _full_department()
    projects = _full_project_table()
    data = document_to_dict(document)
    shapes = {
        "top": (DOCUMENT_SCHEMA, data),
        "target": (defs["target"], target_to_dict(make_target("≥1", Operator.GE, 1, "个"))),
        "indicator": (defs["indicator"], indicator_to_dict(document.indicators[0])),
        "task": (defs["task"], data["tasks"][0]),
        "budget": (defs["budget"], data["budget"]),
        "category_row": (defs["category_row"], data["empty_categories"][0]),
        "issue": (defs["issue"], data["issues"][0]),
        "project": (defs["project"], document_to_dict(projects)["projects"][0]),
        "subtotal": (defs["subtotal"], document_to_dict(projects)["subtotals"][0]),
    }
    for name, (schema, instance) in shapes.items():
        assert set(schema["required"]) == set(instance), name


@pytest.mark.parametrize(
    "path",
    [[], ["indicators", 0], ["indicators", 0, "annual_target"], ["budget"], ["tasks", 0]],
    ids=["top", "indicator", "target", "budget", "task"],
)
def test_an_unknown_key_fails_validation(path: list[str | int]) -> None:
    data = document_to_dict(_full_department())
    node: Any = data
    for key in path:
        node = node[key]
    node["unexpected"] = 1
    assert _errors(DOCUMENT, data)


def test_indicator_categories_are_the_taxonomy_names() -> None:
    properties = DOCUMENT_SCHEMA["$defs"]["indicator"]["properties"]
    assert properties["level1"]["enum"] == [c.name for c in LEVEL1] + [None]
    assert set(properties["level2"]["enum"]) == {c.name for c in LEVEL2} | {None}


def test_a_wrong_kind_or_unit_fails_validation() -> None:
    data = document_to_dict(make_department_doc())
    assert _errors(DOCUMENT, {**data, "kind": "部门"})
    assert _errors(DOCUMENT, {**data, "money_unit": "千元"})
    assert _errors(DOCUMENT, {**data, "fiscal_year": "2025"})


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_real_samples_validate(path: Path) -> None:
    document = load(path)
    assert _errors(DOCUMENT, document_to_dict(document)) == []
    assert _errors(DOCUMENT, document_to_dict(document, with_source_text=True)) == []


def test_findings_of_the_samples_validate() -> None:
    findings = review([load(path) for path in SAMPLES]).findings
    assert findings
    assert _errors(FINDINGS, [f.as_dict() for f in findings]) == []


def test_a_finding_without_its_location_keys_fails() -> None:
    finding = review([make_department_doc(overall_goal=None)]).findings[0].as_dict()
    assert _errors(FINDINGS, [finding]) == []
    del finding["source_line"]
    assert _errors(FINDINGS, [finding])
    assert _errors(FINDINGS, [{**finding, "severity": "fatal", "source_line": 1}])


def test_item_from_another_file_keeps_its_file_through_json() -> None:
    """A row typed in the web form (``web:7``) inside an imported table keeps its own file."""
    from dataclasses import replace

    from jixiao.model import Source
    from jixiao.serialize import document_from_dict

    document = _full_department()
    typed = replace(document.indicators[0], source=Source("web:7", 3, 3, ""))
    document.indicators.append(typed)
    data = document_to_dict(document)
    assert "source_file" not in data["indicators"][0]
    assert data["indicators"][-1]["source_file"] == "web:7"
    DOCUMENT.validate(data)
    back = document_from_dict(data)
    assert back.indicators[-1].source.file == "web:7"
    assert back.indicators[0].source.file == document.file
