"""Template context shared by every page: the user's role and organisation for the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from web.permissions import membership_of, role_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``role`` (:class:`web.workflow.Role` or ``None``) and ``organisation`` of the user."""
    user = getattr(request, "user", None)
    membership = membership_of(user)
    return {
        "role": role_of(user),
        "organisation": membership.organisation if membership is not None else None,
    }
