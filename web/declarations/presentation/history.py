"""Rows of the history table: the changes of an audit entry with Chinese labels."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jixiao.model import BUDGET_FIELDS
from web.declarations.audit import Change
from web.declarations.presentation.notes import anchor
from web.workflow import Status

FIELD_LABELS: Mapping[str, str] = {
    "status": "状态",
    "title": "标题",
    "department_name": "部门名称",
    "department": "部门名称",
    "department_as_written": "部门名称（原文）",
    "fiscal_year": "预算年度",
    "kind": "表类型",
    "organisation": "申报部门",
    "source_file": "导入文件",
    "money_unit": "金额单位",
    "supervising_department": "主管部门",
    "staff_count": "财政供养人员数",
    "subordinate_unit_count": "下属二级单位数",
    "overall_goal": "总体绩效目标",
    "budget": "预算整体情况",
    "name": "名称",
    "level1": "一级指标",
    "level2": "二级指标",
    "level1_as_written": "一级指标",
    "level2_as_written": "二级指标",
    "explanation": "三级指标解释",
    "annual_target": "年度指标值",
    "period_target": "实施周期指标值",
    "amount_total": "资金总额",
    "fiscal_appropriation": "财政拨款",
    "special_account_funds": "财政专户拨款",
    "other_funds": "其他资金",
    "goal": "绩效目标",
    "unit": "资金使用单位",
    "content": "主要实施内容",
    "amount": "拟投入的资金",
    "expected_outcome": "期望达到的目标",
    "group": "任务类别",
    "notes": "备注",
    **BUDGET_FIELDS,
}
"""Chinese labels of the columns and document keys a change may concern."""

_CONTAINERS = {
    "indicators": "指标",
    "tasks": "任务",
    "projects": "项目",
    "empty_categories": "空分类行",
}
_HIDDEN_COLUMNS = {"version"}
"""Shown in the entry's own column, not as a change."""


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One change of a history entry: where (``label``; ``item_path`` links to the item), and
    the value before and after as short text."""

    label: str
    item_path: str
    before: str
    after: str

    @property
    def anchor(self) -> str:
        return anchor(self.item_path) if self.item_path else ""


def describe_changes(changes: Iterable[Change]) -> list[ChangeRow]:
    """Readable rows for the changes of one audit entry (:class:`web.declarations.audit.Change`).

    The version counter is left out; a target whose text (``raw``) changed shows that text
    only, not the numbers read from it.
    """
    changes = [c for c in changes if c.path not in _HIDDEN_COLUMNS]
    raw_changed = {c.path.rpartition("/")[0] for c in changes if c.path.endswith("_target/raw")}
    rows = []
    for change in changes:
        parent, _, leaf = change.path.rpartition("/")
        if parent in raw_changed and leaf != "raw":
            continue
        item_path, label = _change_label(change.path)
        rows.append(
            ChangeRow(
                label,
                item_path,
                _value_text(change.path, change.before),
                _value_text(change.path, change.after),
            )
        )
    return rows


def _change_label(path: str) -> tuple[str, str]:
    """``("indicators/3", "指标 4 · 年度指标值")`` for ``document/indicators/3/annual_target/raw``;
    a column change (``status``) has no item path."""
    if not path.startswith("document/"):
        return "", FIELD_LABELS.get(path, path)
    parts = path.split("/")[1:]
    item: list[str] = []
    where: list[str] = []
    while len(parts) >= 2 and parts[0] in _CONTAINERS and parts[1].isdigit():
        item += parts[:2]
        where.append(f"{_CONTAINERS[parts[0]]} {int(parts[1]) + 1}")
        parts = parts[2:]
    if not item and parts and parts[0] in ("budget", "overall_goal"):
        item = parts[:1]
    words = [FIELD_LABELS[part] for part in parts if part in FIELD_LABELS]
    return "/".join(item), " · ".join(where + words) or "/".join(parts)


def _value_text(path: str, value: Any) -> str:
    if value is None:
        return "（无）"
    if path == "status":
        try:
            return Status(value).label
        except ValueError:
            return str(value)
    if isinstance(value, dict):
        if value.get("name"):
            return str(value["name"])
        if "raw" in value:
            return str(value["raw"])
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 200 else f"{text[:200]}…"
    return str(value)
