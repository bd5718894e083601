"""Who may see and enter actuals and change evaluation settings (django-rules).

Consistent with :mod:`web.permissions` (the policy of declarations):

* whoever may see a declaration (:data:`web.permissions.VIEW`) sees its actuals, lights and
  self-evaluation: the department's officers, the reviewers of the bureau directly above
  it (a reviewer never sees drafts, and actuals exist only for approved declarations) and
  administrators; anybody else gets 404, exactly as for the declaration itself;
* the department's officers and administrators enter actuals (:data:`ENTER_ACTUALS`) and
  change the evaluation settings (:data:`CHANGE_SETTINGS`); reviewers only read;
* actuals are entered **only on approved declarations** (:func:`actuals_open`): monitoring
  measures progress against targets that the finance bureau has fixed. A declaration being
  adjusted (调整中) is closed until it is approved again; reports already made stay visible.

The status is checked apart from the role so that the services can answer "not allowed"
(403) and "not now" (409, :class:`web.monitoring.errors.ActualsNotOpenError`) differently.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from web.declarations.models import Declaration
from web.permissions import can_view, is_admin, is_officer_of, visible_declarations
from web.workflow import Status

VIEW_ACTUALS = "monitoring.view_actualsreport"
ENTER_ACTUALS = "monitoring.change_actualsreport"
CHANGE_SETTINGS = "monitoring.change_evaluationsettings"

MONITORED_STATUS = Status.APPROVED
"""The only status in which actuals can be entered."""


rules.add_perm(VIEW_ACTUALS, can_view)
rules.add_perm(ENTER_ACTUALS, can_view & (is_admin | is_officer_of))
rules.add_perm(CHANGE_SETTINGS, can_view & (is_admin | is_officer_of))


def actuals_open(declaration: Declaration) -> bool:
    """Whether actuals can be entered on ``declaration`` now (its targets are approved)."""
    return declaration.status == MONITORED_STATUS


def may_enter_actuals(user: Any, declaration: Declaration) -> bool:
    """``user`` may enter actuals on ``declaration`` now (role, scope and status)."""
    return bool(user.has_perm(ENTER_ACTUALS, declaration)) and actuals_open(declaration)


def monitored_declarations(user: Any) -> QuerySet[Declaration]:
    """The declarations ``user`` sees that have at least one actuals report."""
    return visible_declarations(user).filter(actuals_reports__isnull=False).distinct()
