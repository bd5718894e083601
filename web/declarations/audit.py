"""The audit trail of a declaration: who changed what, when, why, before and after.

django-simple-history keeps a full copy of the row for every save (``Declaration.history``);
:func:`audit_trail` turns consecutive copies into readable entries, and
:func:`document_changes` breaks a change of the document JSON down to the items that
changed, addressed by the same paths as review comments (:mod:`web.declarations.items`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from web.declarations.models import Declaration

MISSING: Any = None
"""``before`` of an added item and ``after`` of a removed one."""


@dataclass(frozen=True, slots=True)
class Change:
    """One changed value: a column (``status``) or a document item (``document/indicators/3/name``)."""

    path: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One save of a declaration."""

    when: datetime
    user: str | None
    reason: str
    version: int
    status: str
    changes: list[Change] = field(default_factory=list)


def audit_trail(declaration: Declaration) -> list[AuditEntry]:
    """Every save of ``declaration``, oldest first (the first entry has no changes)."""
    records = list(
        declaration.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries = []
    previous = None
    for record in records:
        changes: list[Change] = [] if previous is None else _record_changes(previous, record)
        user = record.history_user
        entries.append(
            AuditEntry(
                when=record.history_date,
                user=(user.get_full_name() or user.get_username()) if user else None,
                reason=record.history_change_reason or "",
                version=record.version,
                status=record.status,
                changes=changes,
            )
        )
        previous = record
    return entries


def _record_changes(before: Any, after: Any) -> list[Change]:
    changes: list[Change] = []
    for delta in after.diff_against(before).changes:
        if delta.field == "document":
            changes.extend(document_changes(delta.old, delta.new, "document"))
        else:
            changes.append(Change(delta.field, delta.old, delta.new))
    return changes


def document_changes(before: Any, after: Any, path: str = "") -> list[Change]:
    """The leaf values that differ between two JSON values, with their paths."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = list(before) + [k for k in after if k not in before]
        return _children(
            [(str(k), before.get(k, MISSING), after.get(k, MISSING)) for k in keys], path
        )
    if isinstance(before, list) and isinstance(after, list):
        size = max(len(before), len(after))
        pairs = [
            (
                str(i),
                before[i] if i < len(before) else MISSING,
                after[i] if i < len(after) else MISSING,
            )
            for i in range(size)
        ]
        return _children(pairs, path)
    return [] if before == after else [Change(path, before, after)]


def _children(pairs: list[tuple[str, Any, Any]], path: str) -> list[Change]:
    changes: list[Change] = []
    for key, old, new in pairs:
        changes.extend(document_changes(old, new, f"{path}/{key}" if path else key))
    return changes
