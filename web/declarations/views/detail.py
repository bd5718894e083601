"""One declaration: the official table with findings and comments beside their items, and
its history.

Both pages open the declaration through :func:`web.declarations.services.get_declaration`:
a declaration the user may not see answers 404 exactly like a missing one.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from jixiao.model import DocumentKind
from jixiao.review.finding import Severity
from web.declarations import presentation
from web.declarations.audit import audit_trail
from web.declarations.findings import review_findings
from web.declarations.models import KIND_LABELS
from web.declarations.services import get_declaration
from web.declarations.views.browse import remember_finding_counts
from web.permissions import role_of
from web.workflow import Status, allowed_actions


def _severity(request: HttpRequest) -> Severity | None:
    """The ``?severity=error|warning|info`` filter, ``None`` for all (or an unknown value)."""
    value = request.GET.get("severity", "")
    return Severity(value) if value in {s.value for s in Severity} else None


@login_required
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The declaration as its official table (部门整体 or 项目支出绩效目标表), findings and
    review comments beside their items, a findings summary on top and the charts.

    ``?severity=error`` shows only the findings of that severity (the counts stay complete).
    Queries: the declaration, its comments with their authors, and the user's membership —
    independent of the table's size.
    """
    declaration = get_declaration(request.user, pk)
    document = declaration.as_document()
    findings = review_findings(document)
    counts = findings.counts()
    remember_finding_counts(declaration, counts)
    severity = _severity(request)
    shown = [x for x in findings.items if severity is None or x.finding.severity is severity]
    comments = list(declaration.comments.select_related("author"))
    notes = presentation.collect_notes(document, shown, comments)
    if document.kind is DocumentKind.DEPARTMENT:
        table: object = presentation.department_table(document, notes, declaration.fiscal_year)
    else:
        table = presentation.project_table(document, notes, declaration.fiscal_year)
    charts = presentation.charts(document)
    context = {
        "declaration": declaration,
        "version": declaration.version,
        "allowed_actions": allowed_actions(declaration.status_enum, role_of(request.user)),
        "kind_label": KIND_LABELS[document.kind],
        "status_badge": presentation.STATUS_BADGES[declaration.status_enum],
        "table": table,
        "counts": counts,
        "total": sum(counts.values()),
        "severities": [(s, presentation.SEVERITY_CLASSES[s], counts[s.value]) for s in Severity],
        "severity": severity,
        "shown": [x for x in notes.findings if x.path],
        "document_notes": notes.document,
        "comments": [(c, notes.anchor_for(c.item_path)) for c in comments],
        "charts": charts,
        "chart_data": {chart.key: chart.as_json() for chart in charts},
    }
    context["table_template"] = f"declarations/_table_{document.kind.value}.html"
    return render(request, "declarations/detail.html", context)


@login_required
def declaration_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every save of the declaration, newest first: when, who, why, version, status, and the
    items that changed (:func:`web.declarations.audit.audit_trail`)."""
    declaration = get_declaration(request.user, pk)
    entries = [
        (entry, Status(entry.status).label, presentation.describe_changes(entry.changes))
        for entry in reversed(audit_trail(declaration))
    ]
    context = {"declaration": declaration, "entries": entries}
    return render(request, "declarations/history.html", context)


urlpatterns: list[URLPattern] = [
    path("declarations/<int:pk>/", declaration_detail, name="declaration-detail"),
    path("declarations/<int:pk>/history/", declaration_history, name="declaration-history"),
]
