"""The input every exporter renders: a reviewed batch and the source text of its files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jixiao.model import Document
from jixiao.review.runner import DocumentReview, ReviewReport


@dataclass(frozen=True, slots=True)
class ReportData:
    """A batch to report on.

    * ``report``: the review of the batch, one :class:`DocumentReview` per document.
    * ``sources``: the full text of each file, keyed by ``Document.file`` (as returned by
      :func:`jixiao.ingest.text.read_text`); a file missing here is reported without its
      source section and without links to source lines.
    * ``reviewed``: ``False`` when the documents were only imported (``jixiao export``); the
      reports then say 未审核 instead of listing no findings.
    """

    report: ReviewReport
    sources: Mapping[str, str] = field(default_factory=dict)
    reviewed: bool = True

    @classmethod
    def unreviewed(
        cls, documents: list[Document], sources: Mapping[str, str] | None = None
    ) -> ReportData:
        """Report data for documents that were imported but not reviewed."""
        reviews = [DocumentReview(document) for document in documents]
        return cls(ReviewReport(reviews), sources or {}, reviewed=False)

    def source_lines(self, file: str) -> list[str] | None:
        """Lines of ``file`` (line ``n`` is item ``n - 1``), ``None`` when not available."""
        text = self.sources.get(file)
        return None if text is None else text.splitlines()
