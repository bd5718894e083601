"""URL configuration of the declaration application: the ``urlpatterns`` of each view module."""

from django.urls import URLPattern, URLResolver

from web.declarations.views import actions, browse, detail, edit, exports, home, imports

urlpatterns: list[URLPattern | URLResolver] = [
    *home.urlpatterns,
    *browse.urlpatterns,
    *detail.urlpatterns,
    *edit.urlpatterns,
    *imports.urlpatterns,
    *actions.urlpatterns,
    *exports.urlpatterns,
]
