"""Turn the typed refusals of the workflow into pages that say what happened.

Every refusal derives from :class:`web.workflow.WorkflowError` and carries the HTTP status a
view should answer (:mod:`web.declarations.errors`: 404 not visible, 403 not permitted,
409 stale version or wrong status, 400 invalid input). Views may simply let them propagate;
the user gets the Chinese message on an error page with that status, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from web.workflow import WorkflowError


class WorkflowErrorMiddleware:
    """Render any :class:`WorkflowError` raised by a view as ``error.html``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, WorkflowError):
            return None
        status = int(getattr(exception, "http_status", 400))
        return render(
            request, "error.html", {"message": str(exception), "status": status}, status=status
        )
