"""Item paths: where in a declaration's canonical document a review comment points.

A path is the keys and list positions from the document root joined by ``/``:
``indicators/3`` (the 4th department-level indicator), ``projects/0/indicators/2``,
``tasks/1``, ``budget``, ``overall_goal``; the empty path is the declaration as a whole.
The same paths address findings and form fields, so a comment can be shown beside the
field it concerns.
"""

from __future__ import annotations

from typing import Any

from web.workflow import WorkflowError

ITEM_LABELS = {
    "budget": "预算整体情况",
    "overall_goal": "总体绩效目标",
    "tasks": "年度重点工作任务",
    "indicators": "绩效指标",
    "projects": "项目",
    "goal": "绩效目标",
}


class UnknownItemError(WorkflowError):
    """A comment points at an item the declaration does not have."""

    def __init__(self, path: str) -> None:
        super().__init__(f"申报中没有条目“{path}”")
        self.path = path


def resolve_item(document: dict[str, Any], path: str) -> Any:
    """The value at ``path`` in ``document``; raises :class:`UnknownItemError` if none."""
    value: Any = document
    for part in path.split("/") if path else []:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise UnknownItemError(path)
    return value


def item_label(document: dict[str, Any], path: str) -> str:
    """A short Chinese label of the item at ``path``: its name, or what kind of item it is.

    ``projects/0/indicators/2`` gives the indicator's name (e.g. ``群众满意度``); ``budget``
    gives ``预算整体情况``; the empty path gives ``""``.
    """
    value = resolve_item(document, path)
    if isinstance(value, dict) and value.get("name"):
        return str(value["name"])
    last = path.rsplit("/", 1)[-1]
    return ITEM_LABELS.get(last, last)
