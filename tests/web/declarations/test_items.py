"""Item paths address the parts of a real declaration a comment can point at."""

from __future__ import annotations

from typing import Any

import pytest

from web.declarations.items import UnknownItemError, item_label, resolve_item


def test_paths_into_a_department_table(tianhe_document_json: dict[str, Any]) -> None:
    document = tianhe_document_json
    first = document["indicators"][0]
    assert resolve_item(document, "indicators/0") == first
    assert item_label(document, "indicators/0") == first["name"]
    assert item_label(document, "tasks/0") == document["tasks"][0]["name"]
    assert item_label(document, "overall_goal") == "总体绩效目标"
    assert item_label(document, "budget") == "预算整体情况"
    assert item_label(document, "") == ""
    assert resolve_item(document, "") is document


def test_paths_into_a_project_table() -> None:
    document = {
        "projects": [{"name": "法律顾问经费", "goal": "…", "indicators": [{"name": "覆盖率"}]}]
    }
    assert item_label(document, "projects/0") == "法律顾问经费"
    assert item_label(document, "projects/0/indicators/0") == "覆盖率"
    assert item_label(document, "projects/0/goal") == "绩效目标"


@pytest.mark.parametrize("path", ["indicators/999", "nothing", "indicators/x", "title/0", "/"])
def test_unknown_paths_are_refused(tianhe_document_json: dict[str, Any], path: str) -> None:
    with pytest.raises(UnknownItemError) as unknown:
        resolve_item(tianhe_document_json, path)
    assert unknown.value.path == path
