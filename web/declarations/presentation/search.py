"""Names in a declaration's document JSON that contain a query, for the search page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jixiao.paths import project_path
from web.declarations.presentation.notes import anchor


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """A name containing the query: ``what`` is 部门, 项目, 任务 or 指标; ``path`` the item
    (``""`` for the department); ``context`` the project an indicator belongs to.
    ``before``/``hit``/``after`` split ``text`` around the first occurrence for highlighting."""

    what: str
    text: str
    path: str
    context: str
    before: str
    hit: str
    after: str

    @property
    def anchor(self) -> str:
        return anchor(self.path)


def _match(what: str, text: str, needle: str, path: str, context: str = "") -> SearchMatch | None:
    at = text.casefold().find(needle)
    if at < 0:
        return None
    end = at + len(needle)
    return SearchMatch(what, text, path, context, text[:at], text[at:end], text[end:])


def find_matches(
    data: Mapping[str, Any], query: str, department_name: str = ""
) -> list[SearchMatch]:
    """Names in the canonical document JSON ``data`` that contain ``query`` (case-insensitive):
    the department (``department_name`` or the document's), projects, tasks and indicators
    (department-level and each project's), in table order.

    Works on the stored JSON directly, so it needs no database JSON operators (portable
    between SQLite and PostgreSQL); callers run it over the visible declarations only.
    """
    needle = query.strip().casefold()
    if not needle:
        return []
    found = [_match("部门", department_name or str(data.get("department") or ""), needle, "")]
    for i, task in enumerate(data.get("tasks") or []):
        found.append(_match("任务", str(task.get("name") or ""), needle, f"tasks/{i}"))
    for i, indicator in enumerate(data.get("indicators") or []):
        found.append(_match("指标", str(indicator.get("name") or ""), needle, f"indicators/{i}"))
    for p, project in enumerate(data.get("projects") or []):
        name = str(project.get("name") or "")
        found.append(_match("项目", name, needle, project_path(p)))
        for i, indicator in enumerate(project.get("indicators") or []):
            path = f"{project_path(p)}/indicators/{i}"
            found.append(_match("指标", str(indicator.get("name") or ""), needle, path, name))
    return [m for m in found if m is not None]
