"""Run the registered rules over documents and collect a :class:`ReviewReport`."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jixiao.model import Document
from jixiao.review import rules as rules_package
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import (
    RULES,
    CollectionCheck,
    DocumentCheck,
    ReviewConfig,
    Rule,
    sharing,
)

_LOADED: list[bool] = []


def load_rules() -> dict[str, Rule]:
    """Import every module of :mod:`jixiao.review.rules` (registering its rules); return them."""
    if not _LOADED:
        for info in pkgutil.iter_modules(rules_package.__path__):
            importlib.import_module(f"{rules_package.__name__}.{info.name}")
        _LOADED.append(True)
    return RULES


@dataclass(slots=True)
class DocumentReview:
    """A document and the findings about it (including cross-document ones citing it)."""

    document: Document
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass(slots=True)
class ReviewReport:
    """Result of reviewing a batch: one :class:`DocumentReview` per document, in input order."""

    reviews: list[DocumentReview]

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every document."""
        return [f for review in self.reviews for f in review.findings]

    @property
    def valid(self) -> bool:
        """``True`` when no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity`` across the batch."""
        return sum(1 for f in self.findings if f.severity is severity)


def _enabled(rule: Rule, config: ReviewConfig) -> bool:
    """A rule runs unless deselected; ``select``/``ignore`` match its id (``RV18.funds``),
    the id's prefix (``RV18``), its family (``arithmetic``) or one of its codes."""
    keys = {rule.id, rule.id.split(".")[0], rule.family, *rule.codes}
    if config.select and not keys & config.select:
        return False
    return not (config.ignore and {rule.id, rule.id.split(".")[0], rule.family} & config.ignore)


def _filter(findings: Iterable[Finding], config: ReviewConfig) -> list[Finding]:
    return [f for f in findings if f.code not in config.ignore]


def review_document(document: Document, config: ReviewConfig | None = None) -> list[Finding]:
    """Findings of every enabled document rule on ``document``, most severe first."""
    found = _document_findings(document, config or ReviewConfig())
    found.sort(key=_sort_key)
    return found


def _document_findings(document: Document, config: ReviewConfig) -> list[Finding]:
    """Findings of every enabled document rule on ``document``, in rule order."""
    found: list[Finding] = []
    with sharing(document):
        for check in _document_checks(config):
            found.extend(check(document, config))
    return _filter(found, config) if config.ignore else found


_CHECKS: dict[tuple[ReviewConfig, tuple[str, ...]], list[DocumentCheck]] = {}


def _document_checks(config: ReviewConfig) -> list[DocumentCheck]:
    """The enabled document checks for ``config`` (computed once per config and rule set,
    so a rule registered or removed later — a plug-in, a test — is never served stale)."""
    rules = load_rules()
    key = (config, tuple(rules))
    checks = _CHECKS.get(key)
    if checks is None:
        checks = [
            rule.check  # type: ignore[misc]
            for rule in rules.values()
            if rule.scope == "document" and _enabled(rule, config)
        ]
        _CHECKS[key] = checks
    return checks


def review(documents: Sequence[Document], config: ReviewConfig | None = None) -> ReviewReport:
    """Review a batch: document rules on each, then collection rules across all of them.

    A cross-document finding is attached to the document whose ``file`` it names; each
    document's findings are sorted once, most severe first, as :func:`review_document` sorts.
    """
    config = config or ReviewConfig()
    reviews = [DocumentReview(doc, _document_findings(doc, config)) for doc in documents]
    by_file = {r.document.file: r for r in reviews}
    for rule in load_rules().values():
        if rule.scope == "collection" and _enabled(rule, config):
            check: CollectionCheck = rule.check  # type: ignore[assignment]
            for finding in _filter(check(documents, config), config):
                if finding.file in by_file:
                    by_file[finding.file].findings.append(finding)
    for item in reviews:
        item.findings.sort(key=_sort_key)
    return ReviewReport(reviews)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _sort_key(finding: Finding) -> tuple[int, int, str]:
    return (_RANK[finding.severity], finding.source_line or 0, finding.code)
