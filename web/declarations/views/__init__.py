"""Pages of the declaration application, one module per area.

Each module lists its own ``urlpatterns``; :mod:`web.declarations.urls` joins them.
Views call :mod:`web.declarations.services` for every change and let its typed refusals
propagate: :class:`web.middleware.WorkflowErrorMiddleware` answers them.
"""
