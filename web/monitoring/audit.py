"""The audit trail of an actuals report: who changed which item, when, why, before and after.

django-simple-history keeps a copy of the report for every save (``ActualsReport.history``);
:func:`actuals_trail` compares consecutive copies item by item (indicators and budget lines
by their item path, as in :mod:`jixiao.actuals_json`), so an entry reads
``业务宣传活动（场次） · 累计完成值：3 → 5``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from web.declarations.items import UnknownItemError, item_label
from web.monitoring.models import ActualsReport

FIELD_LABELS = {
    "as_of": "截至月份",
    "completed": "累计完成值",
    "completed_text": "完成情况",
    "expected_full_year": "全年预计完成值",
    "grade": "定性评价",
    "reasons": "偏差原因",
    "reason_text": "原因说明",
    "likelihood": "完成目标可能性",
    "score": "得分",
    "deduction": "扣分",
    "executed": "累计执行数（万元）",
    "budget": "全年预算数（万元）",
    "initial_budget": "年初预算数（万元）",
    "goal": "年度目标实际完成情况",
}
_IGNORED = frozenset({"path", "indicator_name"})


@dataclass(frozen=True, slots=True)
class ActualsChange:
    """One changed value: the item ``path`` and its ``label``, the ``field`` label, and the
    values before and after (``None`` where the item was not reported)."""

    path: str
    label: str
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ActualsAuditEntry:
    """One save of a report (the first entry has no changes: it is the creation)."""

    when: datetime
    user: str | None
    reason: str
    version: int
    changes: list[ActualsChange] = field(default_factory=list)


def actuals_trail(report: ActualsReport) -> list[ActualsAuditEntry]:
    """Every save of ``report``, newest first."""
    document = report.declaration.document
    entries: list[ActualsAuditEntry] = []
    previous = None
    records = report.history.select_related("history_user").order_by("history_date", "history_id")
    for record in records:
        changes: list[ActualsChange] = (
            [] if previous is None else _changes(document, previous, record)
        )
        user = record.history_user
        entries.append(
            ActualsAuditEntry(
                when=record.history_date,
                user=(user.get_full_name() or user.get_username()) if user else None,
                reason=record.history_change_reason or "",
                version=record.version,
                changes=changes,
            )
        )
        previous = record
    return entries[::-1]


def _changes(document: dict[str, Any], before: Any, after: Any) -> list[ActualsChange]:
    changes: list[ActualsChange] = []
    for kind in ("executions", "indicators"):
        old, new = _by_path(before.actuals, kind), _by_path(after.actuals, kind)
        for path in [*old, *(p for p in new if p not in old)]:
            changes.extend(_item_changes(document, path, old.get(path, {}), new.get(path, {})))
    old_goals, new_goals = before.goal_completion or {}, after.goal_completion or {}
    for path in sorted(set(old_goals) | set(new_goals)):
        if old_goals.get(path) != new_goals.get(path):
            label = _label(document, path)
            changes.append(
                ActualsChange(
                    path, label, FIELD_LABELS["goal"], old_goals.get(path), new_goals.get(path)
                )
            )
    return changes


def _by_path(actuals: dict[str, Any] | None, kind: str) -> dict[str, dict[str, Any]]:
    return {str(item.get("path") or ""): item for item in (actuals or {}).get(kind, [])}


def _item_changes(
    document: dict[str, Any], path: str, old: dict[str, Any], new: dict[str, Any]
) -> list[ActualsChange]:
    label = _label(document, path)
    names = [k for k in [*old, *(k for k in new if k not in old)] if k not in _IGNORED]
    pairs = [(name, _show(name, old.get(name)), _show(name, new.get(name))) for name in names]
    return [
        ActualsChange(path, label, FIELD_LABELS.get(name, name), before, after)
        for name, before, after in pairs
        if before != after
    ]


def _show(name: str, value: Any) -> Any:
    """Stored JSON as shown: periods as ``7月``, lists joined, blanks (and no 扣分) as ``None``."""
    if isinstance(value, dict) and "month" in value:
        return f"{value['month']}月"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or None
    if value == "" or (name == "deduction" and value == "0"):
        return None
    return value


def _label(document: dict[str, Any], path: str) -> str:
    if not path:
        return "部门整体"
    try:
        return item_label(document, path)
    except UnknownItemError:
        return path
