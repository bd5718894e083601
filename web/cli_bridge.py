"""The command line's window on the web app's database (``jixiao evaluate|monitor --database``).

:mod:`jixiao.cli.inputs` imports this module only when ``--database`` is given, so the core
and the CLI stay importable without Django. :func:`declaration_records` sets Django up
(``DJANGO_SETTINGS_MODULE=web.settings``, the same ``DATABASE_URL`` / ``JIXIAO_VAR_DIR`` as
the web app) and returns each declaration with its latest actuals and its own settings as a
:class:`jixiao.cli.inputs.DatabaseRecord`, read with the same service functions the web pages
use (:func:`web.monitoring.services.latest_report`,
:func:`~web.monitoring.services.scoring_config`, :func:`~web.monitoring.services.monitoring_config`),
so the CLI prints the same scores and lights as the pages.

The CLI is an operator's tool on the server: it reads every declaration, like the admin. Money
in the returned actuals is 万元. Errors are :class:`jixiao.errors.UsageError` in Chinese
(an unknown declaration, an unreadable or unmigrated database).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from jixiao.cli.inputs import DatabaseRecord
from jixiao.errors import UsageError

if TYPE_CHECKING:
    from web.declarations.models import Declaration


def setup() -> None:
    """Configure Django with ``web.settings`` unless it is already configured (tests)."""
    from django.conf import settings

    if settings.configured:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
    import django

    django.setup()


def declaration_records(
    *, declaration_id: int | None = None, department: str | None = None
) -> list[DatabaseRecord]:
    """Declarations (all, the one with ``declaration_id``, or those of ``department``, matched
    on the declared department name or the organisation's name), oldest first, each with its
    latest actuals. Raises :class:`UsageError` when the database cannot be read or
    ``declaration_id`` does not exist."""
    setup()
    from django.db import DatabaseError

    try:
        return _records(declaration_id, department)
    except DatabaseError as error:
        raise UsageError(
            f"无法读取网页端数据库（{error}）：请确认 DATABASE_URL / JIXIAO_VAR_DIR，"
            "并已运行 python -m web migrate"
        ) from None


def _records(declaration_id: int | None, department: str | None) -> list[DatabaseRecord]:
    from django.db.models import Q

    from web.declarations.models import Declaration

    declarations = Declaration.objects.select_related("organisation").order_by("pk")
    if declaration_id is not None:
        declarations = declarations.filter(pk=declaration_id)
        if not declarations.exists():
            raise UsageError(f"数据库中没有编号为 {declaration_id} 的申报")
    if department is not None:
        declarations = declarations.filter(
            Q(department_name=department) | Q(organisation__name=department)
        )
    return [_record(declaration) for declaration in declarations]


def _record(declaration: Declaration) -> DatabaseRecord:
    from web.monitoring.services import latest_report, monitoring_config, scoring_config

    report = latest_report(declaration)
    return DatabaseRecord(
        id=declaration.pk,
        title=declaration.title,
        department=declaration.department_name,
        fiscal_year=declaration.fiscal_year,
        status=declaration.status_enum.label,
        document=declaration.as_document(),
        actuals=report.as_actuals() if report is not None else None,
        period=report.period if report is not None else None,
        scoring_config=scoring_config(declaration),
        monitoring_config=monitoring_config(declaration),
        goal_actuals=dict(report.goal_completion or {}) if report is not None else {},
    )
