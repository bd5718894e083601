"""Monitoring a declaration from its stored reports, and the red and yellow items of many.

:func:`monitor` runs :func:`jixiao.monitoring.monitor_document` on a report with the
declaration's own thresholds (:func:`web.monitoring.services.monitoring_config`);
:func:`collect_alerts` gathers the items that need attention (红灯、黄灯) of the latest report
of every declaration a user may see, for the reviewer's overview.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jixiao.actuals import DeviationReason, Period
from jixiao.monitoring import (
    AttentionItem,
    Light,
    MonitoringConfig,
    MonitoringResult,
    monitor_document,
)
from web.declarations.models import Declaration
from web.monitoring.models import ActualsReport
from web.monitoring.permissions import monitored_declarations
from web.monitoring.services import monitoring_config, monitoring_config_of

ATTENTION_LIGHTS = (Light.RED, Light.YELLOW)


def monitor(
    declaration: Declaration, report: ActualsReport, config: MonitoringConfig | None = None
) -> MonitoringResult:
    """The lights of ``declaration`` from ``report``, under the declaration's settings
    (``config`` when the caller already read :func:`monitoring_config`)."""
    return monitor_document(
        declaration.as_document(),
        report.as_actuals(),
        config if config is not None else monitoring_config(declaration),
        as_of=report.period,
    )


@dataclass(frozen=True, slots=True)
class Alert:
    """A red or yellow item of one declaration's latest report.

    ``item`` is the core's :class:`AttentionItem`; ``reasons`` and ``reason_text`` what the
    department gave as 偏差原因 / 原因说明 (empty when missing).
    """

    declaration: Declaration
    period: Period
    item: AttentionItem
    reasons: tuple[DeviationReason, ...]
    reason_text: str

    @property
    def reason_given(self) -> bool:
        return bool(self.reasons or self.reason_text.strip())

    @property
    def reason_summary(self) -> str:
        """``经费保障、人员保障：……`` or ``""``."""
        names = "、".join(r.value for r in self.reasons)
        text = self.reason_text.strip()
        return f"{names}：{text}" if names and text else names or text


def alerts_of(declaration: Declaration, report: ActualsReport) -> list[Alert]:
    """The red and yellow items of ``report``, reds first, in table order."""
    result = monitor(declaration, report)
    return list(_alerts(declaration, report.period, result))


def _alerts(declaration: Declaration, period: Period, result: MonitoringResult) -> Iterator[Alert]:
    indicators = {status.path: status for status in result.indicators}
    budgets = {project.path: project.budget for project in result.projects}
    budgets[""] = result.department.budget
    for item in result.attention:
        if item.kind == "budget":
            budget = budgets.get(item.path)
            yield Alert(declaration, period, item, (), budget.reason_text if budget else "")
        else:
            status = indicators.get(item.path)
            reasons = status.reasons if status else ()
            yield Alert(declaration, period, item, reasons, status.reason_text if status else "")


def collect_alerts(user: Any, lights: Iterable[Light] = ATTENTION_LIGHTS) -> list[Alert]:
    """Red and yellow items of the latest report of every declaration ``user`` sees, by
    department and declaration, reds first within each."""
    wanted = set(lights)
    found: list[Alert] = []
    declarations = list(
        monitored_declarations(user)
        .select_related("evaluation_settings")
        .order_by("department_name", "-fiscal_year", "pk")
    )
    latest = _latest_reports([d.pk for d in declarations])
    for declaration in declarations:
        report = latest.get(declaration.pk)
        if report is None:
            continue
        stored = getattr(declaration, "evaluation_settings", None)
        result = monitor(declaration, report, monitoring_config_of(stored))
        alerts = _alerts(declaration, report.period, result)
        found.extend(a for a in alerts if a.item.light in wanted)
    return found


def _latest_reports(declaration_ids: list[int]) -> dict[int, ActualsReport]:
    """The latest-period report of each declaration, in one query (ids without reports are
    absent)."""
    latest: dict[int, ActualsReport] = {}
    reports = ActualsReport.objects.filter(declaration_id__in=declaration_ids)
    for report in reports.order_by("declaration_id", "-year", "-month"):
        latest.setdefault(report.declaration_id, report)
    return latest
