"""Where findings and review comments are shown: beside the row of the item they concern.

Item paths are those of :mod:`jixiao.paths` (``projects/0/indicators/2``); a row's HTML id is
:func:`anchor` of its path. Also the Bootstrap classes of statuses and severities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from jixiao.model import Document
from jixiao.paths import iter_indicators, project_path
from jixiao.review.finding import Finding, Severity
from jixiao.review.locate import covers
from web.declarations.findings import LocatedFinding
from web.workflow import Status

STATUS_BADGES: Mapping[Status, str] = {
    Status.DRAFT: "text-bg-secondary",
    Status.SUBMITTED: "text-bg-primary",
    Status.RESUBMITTED: "text-bg-primary",
    Status.RETURNED: "text-bg-warning",
    Status.APPROVED: "text-bg-success",
    Status.ADJUSTING: "text-bg-info",
}
"""Bootstrap badge class of each workflow status."""

SEVERITY_CLASSES: Mapping[Severity, str] = {
    Severity.ERROR: "danger",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
}
"""Bootstrap colour name of each finding severity (``text-bg-danger``, ``finding-error``)."""


def anchor(path: str) -> str:
    """The HTML id of the item at ``path``: ``projects/0/indicators/2`` → ``item-projects-0-indicators-2``;
    the document itself (``""``) is ``item-document``."""
    return f"item-{path.replace('/', '-')}" if path else "item-document"


class Commented(Protocol):
    """A review comment (:class:`web.declarations.models.ReviewComment`): only its path matters here."""

    @property
    def item_path(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ShownFinding:
    """A finding and the item path of the row it is shown in."""

    path: str
    finding: Finding

    @property
    def anchor(self) -> str:
        return anchor(self.path)

    @property
    def colour(self) -> str:
        return SEVERITY_CLASSES[self.finding.severity]


@dataclass(frozen=True, slots=True)
class ItemNotes:
    """The findings and review comments shown beside one item."""

    findings: tuple[ShownFinding, ...] = ()
    comments: tuple[Commented, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.findings or self.comments)


@dataclass(slots=True)
class Notes:
    """Findings and comments placed at the rows they are shown in (see :func:`collect_notes`).

    ``findings`` keeps the input order (most severe first); ``rendered`` is the set of item
    paths that have a row (:func:`rendered_paths`).
    """

    rendered: set[str]
    findings: list[ShownFinding] = field(default_factory=list)
    comments: list[tuple[str, Commented]] = field(default_factory=list)
    _by_path: dict[str, ItemNotes] | None = None

    def at(self, path: str) -> ItemNotes:
        """What is shown beside the item at ``path``."""
        if self._by_path is None:
            self._by_path = self._index()
        return self._by_path.get(path, ItemNotes())

    def _index(self) -> dict[str, ItemNotes]:
        findings: dict[str, list[ShownFinding]] = defaultdict(list)
        comments: dict[str, list[Commented]] = defaultdict(list)
        for shown in self.findings:
            findings[shown.path].append(shown)
        for path, comment in self.comments:
            comments[path].append(comment)
        return {
            path: ItemNotes(tuple(findings[path]), tuple(comments[path]))
            for path in findings.keys() | comments.keys()
        }

    @property
    def document(self) -> ItemNotes:
        """Findings and comments about the declaration as a whole (shown on top)."""
        return self.at("")

    def anchor_for(self, path: str) -> str:
        """The anchor of the row an item at ``path`` is shown in."""
        return anchor(nearest_rendered(path, self.rendered))


def rendered_paths(document: Document) -> set[str]:
    """The item paths that have a place (a row or block) in the official table of ``document``:
    ``""``, ``budget``, ``overall_goal``, ``tasks/i``, ``indicators/i``, ``empty_categories/i``,
    ``projects/p`` and ``projects/p/indicators/i``."""
    paths = {"", "budget", "overall_goal"}
    paths.update(f"tasks/{i}" for i in range(len(document.tasks)))
    paths.update(f"empty_categories/{i}" for i in range(len(document.empty_categories)))
    paths.update(project_path(p) for p in range(len(document.projects)))
    paths.update(ref.path for ref in iter_indicators(document))
    return paths


def nearest_rendered(path: str, rendered: set[str]) -> str:
    """``path`` itself if it has a row, else its closest ancestor that has one (``""`` at worst):
    a comment on ``projects/0/goal`` is shown in the block of ``projects/0``."""
    while path not in rendered:
        path = path.rpartition("/")[0]
    return path


def collect_notes(
    document: Document, findings: Iterable[LocatedFinding], comments: Iterable[Commented] = ()
) -> Notes:
    """Place every finding and comment at the row it is shown in.

    A finding keeps the path :func:`jixiao.review.locate.locate` gave it; a document-level one
    whose source line is a printed empty category row (``empty-category-row``) is shown in
    that row (``empty_categories/i``). Comments on an item without a row of its own
    (``projects/0/goal``, ``budget/basic_expenditure``) go to the nearest enclosing row.
    """
    notes = Notes(rendered_paths(document))
    for located in findings:
        path = located.path or _empty_category_path(document, located.finding)
        notes.findings.append(ShownFinding(nearest_rendered(path, notes.rendered), located.finding))
    for comment in comments:
        notes.comments.append((nearest_rendered(comment.item_path, notes.rendered), comment))
    return notes


def _empty_category_path(document: Document, finding: Finding) -> str:
    for i, row in enumerate(document.empty_categories):
        if covers(row.source, finding.source_line, finding.file):
            return f"empty_categories/{i}"
    return ""
