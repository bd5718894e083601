"""Read-only admin pages: declarations change only through :mod:`web.declarations.services`."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from web.declarations.models import Declaration, ReviewComment


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("title", "department_name", "fiscal_year", "kind", "status", "version")
    list_filter = ("status", "kind", "fiscal_year")
    search_fields = ("title", "department_name")


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyMixin, admin.ModelAdmin[ReviewComment]):
    list_display = ("declaration", "item_label", "text", "author", "created_at")
    search_fields = ("text", "item_label")
