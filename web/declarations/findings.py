"""Review findings of a declaration, grouped by the item they concern.

The declaration's document goes through the same rules as the command line
(:func:`jixiao.review.runner.review_document`); each finding is placed at an item path
(:func:`jixiao.review.locate.locate`) so pages and forms can show it beside the indicator,
project, task or budget field it is about.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from jixiao.model import Document
from jixiao.review.finding import Finding, Severity
from jixiao.review.locate import locate
from jixiao.review.runner import review_document


@dataclass(frozen=True, slots=True)
class LocatedFinding:
    """A finding and the item path it concerns (``""``: the declaration as a whole)."""

    path: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class DeclarationFindings:
    """All findings of one document, most severe first, and counts per severity."""

    items: tuple[LocatedFinding, ...]

    def by_path(self) -> dict[str, list[Finding]]:
        """``{item path: [findings]}``; the empty path holds the document-level ones."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for item in self.items:
            grouped[item.path].append(item.finding)
        return dict(grouped)

    def counts(self) -> dict[str, int]:
        """``{"error": n, "warning": n, "info": n}``."""
        counts = {severity.value: 0 for severity in Severity}
        for item in self.items:
            counts[item.finding.severity.value] += 1
        return counts


def review_findings(document: Document) -> DeclarationFindings:
    """Review ``document`` and locate every finding; never raises on a valid document."""
    findings = sorted(review_document(document), key=lambda f: f.severity.rank)
    return DeclarationFindings(tuple(LocatedFinding(locate(document, f), f) for f in findings))
