"""Item paths: one address for every indicator, project and task of a document.

A path is the keys and list positions from the document root joined by ``/``, the same in
the dataclass model and in the canonical JSON (:mod:`jixiao.serialize`):
``indicators/3`` (the 4th department-level indicator), ``projects/0`` (the first project),
``projects/0/indicators/2``, ``tasks/1``; the empty path is the document itself. Review
comments, actuals (:mod:`jixiao.actuals`) and web form fields all use these paths, so each
can be shown beside the item it concerns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.model import Document, Indicator, Project


@dataclass(frozen=True, slots=True)
class IndicatorRef:
    """An indicator with its ``path`` and, for project tables, the ``project`` it belongs to."""

    path: str
    indicator: Indicator
    project: Project | None = None
    project_path: str = ""


def project_path(index: int) -> str:
    """``projects/<index>``."""
    return f"projects/{index}"


def iter_indicators(document: Document) -> Iterator[IndicatorRef]:
    """Every indicator of ``document`` in table order: department-level ones first
    (``indicators/i``), then each project's (``projects/p/indicators/i``)."""
    for i, indicator in enumerate(document.indicators):
        yield IndicatorRef(f"indicators/{i}", indicator)
    for p, project in enumerate(document.projects):
        base = project_path(p)
        for i, indicator in enumerate(project.indicators):
            yield IndicatorRef(f"{base}/indicators/{i}", indicator, project, base)


def indicator_at(document: Document, path: str) -> IndicatorRef:
    """The indicator at ``path``; raises :class:`KeyError` naming the path if there is none."""
    for ref in iter_indicators(document):
        if ref.path == path:
            return ref
    raise KeyError(path)


def project_at(document: Document, path: str) -> Project:
    """The project at ``projects/<n>``; raises :class:`KeyError` if there is none."""
    head, _, index = path.partition("/")
    if head != "projects" or not index.isdigit() or int(index) >= len(document.projects):
        raise KeyError(path)
    return document.projects[int(index)]
