"""Finding declarations: the list, the reviewers' queue and search.

Every page starts from :func:`web.permissions.visible_declarations`, so a user never sees,
counts or finds a declaration they may not open (a reviewer never sees a draft).

Finding counts per declaration come from :func:`web.declarations.findings.review_findings`
and are cached in Django's cache under ``findings:<pk>:<version>`` (a new version is a new
key; the stored ``updated_at`` stamp guards against a reused primary key), so a list costs
one review per changed declaration, not one per row and page view.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from jixiao.model import DocumentKind
from jixiao.serialize import document_from_dict
from web.declarations.errors import ActionNotPermittedError
from web.declarations.findings import review_findings
from web.declarations.models import KIND_CHOICES, KIND_LABELS, STATUS_CHOICES, Declaration
from web.declarations.presentation import STATUS_BADGES, SearchMatch, find_matches
from web.permissions import role_of, visible_declarations
from web.workflow import Role, Status

FINDINGS_CACHE_SECONDS = 24 * 3600
AWAITING_REVIEW = (Status.SUBMITTED, Status.RESUBMITTED)
"""Statuses in which a declaration waits for the finance bureau."""
SEARCH_MAX_LENGTH = 100
SEARCH_MATCHES_SHOWN = 20
"""Matches listed per declaration; the others are counted."""

Counts = dict[str, int]


# --- finding counts, cached ------------------------------------------------------------------


def findings_cache_key(declaration: Declaration) -> str:
    return f"findings:{declaration.pk}:{declaration.version}"


def _stamp(declaration: Declaration) -> str:
    return declaration.updated_at.isoformat() if declaration.updated_at else ""


def remember_finding_counts(declaration: Declaration, counts: Counts) -> None:
    """Cache ``{"error": n, "warning": n, "info": n}`` of the declaration's current version."""
    cache.set(
        findings_cache_key(declaration), (_stamp(declaration), counts), FINDINGS_CACHE_SECONDS
    )


def finding_counts(declarations: Sequence[Declaration]) -> dict[int, Counts]:
    """``{pk: {"error": n, "warning": n, "info": n}}`` for ``declarations``.

    Cached counts are used as they are; the documents of the others are read in one query
    (so the rows may be loaded with ``defer("document")``), reviewed, and cached.
    """
    keys = {d.pk: findings_cache_key(d) for d in declarations}
    cached = cache.get_many(list(keys.values()))
    result: dict[int, Counts] = {}
    missing: dict[int, Declaration] = {}
    for declaration in declarations:
        hit = cached.get(keys[declaration.pk])
        if isinstance(hit, tuple) and hit[0] == _stamp(declaration):
            result[declaration.pk] = hit[1]
        else:
            missing[declaration.pk] = declaration
    if missing:
        documents = Declaration.objects.filter(pk__in=missing).values_list("pk", "document")
        for pk, data in documents:
            counts = review_findings(document_from_dict(data)).counts()
            remember_finding_counts(missing[pk], counts)
            result[pk] = counts
    return result


# --- the list -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    """The list's GET filters; a value that is not a valid choice is ignored (``None``)."""

    year: int | None
    status: Status | None
    kind: DocumentKind | None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Filters:
        year = request.GET.get("year", "")
        status = request.GET.get("status", "")
        kind = request.GET.get("kind", "")
        return cls(
            year=int(year) if year.isdigit() else None,
            status=Status(status) if status in {s.value for s in Status} else None,
            kind=DocumentKind(kind) if kind in {k.value for k in DocumentKind} else None,
        )

    def apply(self, declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
        if self.year is not None:
            declarations = declarations.filter(fiscal_year=self.year)
        if self.status is not None:
            declarations = declarations.filter(status=self.status)
        if self.kind is not None:
            declarations = declarations.filter(kind=self.kind)
        return declarations

    @property
    def active(self) -> bool:
        return any(value is not None for value in (self.year, self.status, self.kind))


@dataclass(frozen=True, slots=True)
class Row:
    """A declaration in a list, with its status badge class and finding counts."""

    declaration: Declaration
    badge: str
    kind_label: str
    counts: Counts
    submitted_at: datetime | None = None
    submitted_by: str = ""


def _rows(
    declarations: Sequence[Declaration],
    submitted: dict[int, tuple[datetime, str]] | None = None,
) -> list[Row]:
    counts = finding_counts(declarations)
    submitted = submitted or {}
    return [
        Row(
            declaration=d,
            badge=STATUS_BADGES[d.status_enum],
            kind_label=KIND_LABELS[DocumentKind(d.kind)],
            counts=counts[d.pk],
            submitted_at=submitted[d.pk][0] if d.pk in submitted else None,
            submitted_by=submitted[d.pk][1] if d.pk in submitted else "",
        )
        for d in declarations
    ]


@login_required
def declaration_list(request: HttpRequest) -> HttpResponse:
    """The declarations the user may see, newest fiscal year first, grouped by year;
    filtered by ``?year=2025&status=submitted&kind=project``."""
    visible = visible_declarations(request.user)
    filters = Filters.from_request(request)
    declarations = list(filters.apply(visible).defer("document"))
    rows = _rows(declarations)
    groups = [
        (year, list(group))
        for year, group in itertools.groupby(rows, key=lambda r: r.declaration.fiscal_year)
    ]
    years = visible.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
    context = {
        "groups": groups,
        "count": len(rows),
        "filters": filters,
        "years": list(years),
        "statuses": STATUS_CHOICES,
        "kinds": KIND_CHOICES,
    }
    return render(request, "declarations/list.html", context)


# --- the reviewers' queue -------------------------------------------------------------------


def submissions(declarations: Iterable[Declaration]) -> dict[int, tuple[datetime, str]]:
    """``{pk: (when, who)}`` of each declaration's latest submission, from its history.

    The submission is the save that moved the declaration into 已提交/已重新提交 from any other
    status (or created it so). One query over the history, without the document copies.
    """
    awaiting = {str(status) for status in AWAITING_REVIEW}
    records = (
        Declaration.history.filter(id__in=[d.pk for d in declarations])
        .order_by("id", "history_date", "history_id")
        .values_list(
            "id", "status", "history_date", "history_user__first_name", "history_user__username"
        )
    )
    result: dict[int, tuple[datetime, str]] = {}
    previous: dict[int, str] = {}
    for pk, status, when, first_name, username in records:
        if status in awaiting and previous.get(pk) not in awaiting:
            result[pk] = (when, first_name or username or "")
        previous[pk] = status
    return result


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Declarations waiting for review in the user's bureau, the longest waiting first.

    For reviewers (their bureau's departments) and administrators (all); anybody else gets
    403 (:class:`~web.declarations.errors.ActionNotPermittedError`).
    """
    if role_of(request.user) not in (Role.REVIEWER, Role.ADMIN):
        raise ActionNotPermittedError("查看待审核队列")
    waiting = visible_declarations(request.user).filter(status__in=AWAITING_REVIEW)
    declarations = list(waiting.defer("document"))
    rows = _rows(declarations, submissions(declarations))
    rows.sort(key=lambda r: (r.submitted_at or r.declaration.updated_at, r.declaration.pk))
    return render(request, "declarations/queue.html", {"rows": rows})


# --- search ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A visible declaration with the names in it that contain the query."""

    declaration: Declaration
    kind_label: str
    badge: str
    matches: list[SearchMatch]
    more: int


def search_declarations(user: Any, query: str) -> list[SearchResult]:
    """Visible declarations whose department, project, task or indicator names contain
    ``query`` (case-insensitive).

    The names inside the document JSON are matched in Python over the visible set (one
    query), which works the same on SQLite and PostgreSQL and costs milliseconds at the scale
    of a city's declarations; a database-side index would be the next step for thousands.
    """
    results = []
    for declaration in visible_declarations(user):
        matches = find_matches(declaration.document, query, declaration.department_name)
        if matches:
            results.append(
                SearchResult(
                    declaration=declaration,
                    kind_label=KIND_LABELS[DocumentKind(declaration.kind)],
                    badge=STATUS_BADGES[declaration.status_enum],
                    matches=matches[:SEARCH_MATCHES_SHOWN],
                    more=max(0, len(matches) - SEARCH_MATCHES_SHOWN),
                )
            )
    return results


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """``?q=满意度``: names matching ``q`` in the declarations the user may see."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results = search_declarations(request.user, query) if query else []
    context = {
        "query": query,
        "results": results,
        "match_count": sum(len(r.matches) + r.more for r in results),
    }
    return render(request, "declarations/search.html", context)


urlpatterns: list[URLPattern] = [
    path("declarations/", declaration_list, name="declaration-list"),
    path("queue/", review_queue, name="review-queue"),
    path("search/", search, name="search"),
]
