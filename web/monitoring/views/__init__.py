"""Pages of the monitoring application, one module per area; each lists its ``urlpatterns``.

Views call :mod:`web.monitoring.services` for every change and let its typed refusals
propagate to :class:`web.middleware.WorkflowErrorMiddleware`.
"""
