"""Where in a document a finding points, as an item path (:mod:`jixiao.paths`).

Findings name their project and indicator and give the source line; forms and the web
table show them beside the item at the returned path.
"""

from __future__ import annotations

from jixiao.model import Document, Source
from jixiao.paths import iter_indicators, project_path
from jixiao.review.finding import Finding


def locate(document: Document, finding: Finding) -> str:
    """The item path ``finding`` concerns: an indicator (``projects/0/indicators/2``,
    ``indicators/3``), a project (``projects/0``), a task (``tasks/1``), the budget overview
    (``budget``), or ``""`` for the document as a whole.

    The project and indicator names decide, the source line tells apart two items that share
    a name; a finding without names is placed by its source line. Never raises.
    """
    line = finding.source_line
    refs = list(iter_indicators(document))
    if finding.indicator is not None:
        named = [
            ref
            for ref in refs
            if ref.indicator.name == finding.indicator
            and (ref.project.name if ref.project else None) == finding.project
        ]
        exact = [ref for ref in named if covers(ref.indicator.source, line, finding.file)]
        if exact or named:
            return (exact or named)[0].path
    for ref in refs:
        if covers(ref.indicator.source, line, finding.file):
            return ref.path
    for p, project in enumerate(document.projects):
        if project.name == finding.project or (
            finding.project is None and covers(project.source, line, finding.file)
        ):
            return project_path(p)
    for t, task in enumerate(document.tasks):
        if covers(task.source, line, finding.file):
            return f"tasks/{t}"
    budget_sources = document.budget.sources.values() if document.budget else ()
    if any(covers(source, line, finding.file) for source in budget_sources):
        return "budget"
    return ""


def covers(source: Source, line: int | None, file: str) -> bool:
    """Whether ``source`` spans 1-based ``line`` of ``file`` (``None``: no line, never)."""
    return line is not None and source.file == file and source.line <= line <= source.end_line
