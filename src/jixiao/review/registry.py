"""Rule registry: every rule registers here under its id, with the finding types it emits.

A rule is a small function decorated with :func:`rule`. Document rules take a
:class:`~jixiao.model.Document` and the :class:`ReviewConfig`; collection rules take every
document of a batch (for checks across documents of the same department). Rules yield
:class:`~jixiao.review.finding.Finding` objects built with :func:`make_finding`, which looks
the code up in the catalogue, so message wording lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps
from typing import Literal, TypeVar, cast

from jixiao.model import Document, Indicator, Project, Source
from jixiao.review.finding import Finding, FindingType, Severity


@dataclass(frozen=True, slots=True)
class ReviewConfig:
    """Tunable thresholds of the review rules; the defaults are documented per field.

    * ``tolerance_wan_yuan``: largest difference (万元) between a sum and its stated total
      that is still accepted; 0.01 allows for two-decimal rounding. REFERENCE.md RV18 cites
      ±0.1 万元 from a third-party rule set [T]; a finance reviewer wants sums exact.
    * ``satisfaction_floor_pct``: satisfaction targets below this are flagged (RV25, 80).
    * ``max_indicator_name_chars``: longest 三级指标 name accepted (RV07, 100, vendor rule).
    * ``select``/``ignore``: rule ids or finding codes to run only / to skip.
    """

    tolerance_wan_yuan: Decimal = Decimal("0.01")
    satisfaction_floor_pct: Decimal = Decimal(80)
    max_indicator_name_chars: int = 100
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()


DocumentCheck = Callable[[Document, ReviewConfig], Iterable[Finding]]
CollectionCheck = Callable[[Sequence[Document], ReviewConfig], Iterable[Finding]]
CheckT = TypeVar("CheckT", DocumentCheck, CollectionCheck)


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: ``id`` (e.g. ``"RV18"`` or a jixiao id), the finding ``codes`` it
    may emit, its ``family`` (module name), ``scope`` and the check function."""

    id: str
    codes: tuple[str, ...]
    family: str
    scope: Literal["document", "collection"]
    check: DocumentCheck | CollectionCheck
    summary: str


CATALOGUE: dict[str, FindingType] = {}
"""Every finding type, keyed by code. Filled by :func:`finding_type` at import time."""

RULES: dict[str, Rule] = {}
"""Every rule, keyed by id. Filled by :func:`rule` at import time."""


def finding_type(
    code: str,
    severity: Severity,
    title: str,
    template: str,
    *,
    tags: Sequence[str],
    reference: str,
    description: str = "",
) -> FindingType:
    """Register (and return) a catalogue entry. Raises ``ValueError`` on a duplicate code."""
    if code in CATALOGUE:
        raise ValueError(f"duplicate finding code {code!r}")
    entry = FindingType(code, severity, title, template, tuple(tags), reference, description)
    CATALOGUE[code] = entry
    return entry


@dataclass(slots=True)
class _RuleDecorator:
    id: str
    codes: tuple[str, ...]
    scope: Literal["document", "collection"]
    summary: str
    family: str = field(default="")

    def __call__(self, check: CheckT) -> CheckT:
        if self.id in RULES:
            raise ValueError(f"duplicate rule id {self.id!r}")
        family = check.__module__.rsplit(".", 1)[-1]
        RULES[self.id] = Rule(self.id, self.codes, family, self.scope, check, self.summary)
        return check


def rule(
    rule_id: str,
    codes: Sequence[str],
    summary: str,
    *,
    scope: Literal["document", "collection"] = "document",
) -> _RuleDecorator:
    """Decorator registering a rule function under ``rule_id``.

    ``codes`` must be catalogue codes the rule may emit; ``summary`` is a one-line Chinese
    description shown in the generated findings reference.
    """
    return _RuleDecorator(rule_id, tuple(codes), scope, summary)


def make_finding(
    code: str,
    document: Document,
    *,
    source: Source | None = None,
    project: Project | str | None = None,
    indicator: Indicator | str | None = None,
    **params: object,
) -> Finding:
    """Build a finding of catalogue type ``code`` located in ``document``.

    ``params`` fill the type's template. ``source`` defaults to the indicator's, then the
    project's source. Raises ``KeyError`` for an unknown code (a programming error).
    """
    return finding_from(code, document, params, source=source, project=project, indicator=indicator)


def finding_from(
    code: str,
    document: Document,
    params: Mapping[str, object],
    *,
    source: Source | None = None,
    project: Project | str | None = None,
    indicator: Indicator | str | None = None,
) -> Finding:
    """:func:`make_finding` with the template parameters as one mapping: for the helpers of a
    rule family that fill the same placeholders in many findings (a dict is cheaper to pass
    on than keyword arguments)."""
    entry = CATALOGUE[code]
    if isinstance(indicator, Indicator):
        source = indicator.source if source is None else source
        indicator = indicator.name
    if isinstance(project, Project):
        source = project.source if source is None else source
        project = project.name
    return Finding(
        code,
        entry.severity,
        entry.template.format_map(params),
        document.file,
        project,
        indicator,
        *_location(source),
        entry.tags,
    )


def _location(source: Source | None) -> tuple[int | None, int | None, str | None]:
    """``source_line``, ``source_end_line`` and ``source_text`` of a finding."""
    if source is None:
        return None, None, None
    return source.line, source.end_line, source.text


# --------------------------------------------------------------------------- shared facts

FactT = TypeVar("FactT")

_SHARED: ContextVar[tuple[Document, dict[object, object]] | None] = ContextVar(
    "jixiao_shared_facts", default=None
)
"""The document under review and the facts about it computed so far (see :func:`shared`)."""


def shared(compute: Callable[[Document], FactT]) -> Callable[[Document], FactT]:
    """Decorator for a fact about a document that several rules read (its indicators with
    their name traits, its targets …).

    While :func:`sharing` is active for a document the fact is computed once and the same
    value is returned to every rule; otherwise (a rule called on its own) it is computed on
    each call. Facts must be immutable values (tuples), since rules share them.
    """

    @wraps(compute)
    def fact(document: Document) -> FactT:
        state = _SHARED.get()
        if state is None or state[0] is not document:
            return compute(document)
        facts = state[1]
        if compute not in facts:
            facts[compute] = compute(document)
        return cast(FactT, facts[compute])

    return fact


@contextmanager
def sharing(document: Document) -> Iterator[None]:
    """Share :func:`shared` facts of ``document`` between the rules run inside the block.

    The runner wraps each document's review in it; rules only read the document, so facts
    computed from it stay valid until the block ends.
    """
    token = _SHARED.set((document, {}))
    try:
        yield
    finally:
        _SHARED.reset(token)
