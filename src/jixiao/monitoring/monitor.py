"""双监控 of one declared document: indicator lights, budget lights, and what needs attention.

:func:`monitor_document` combines the declaration (:class:`~jixiao.model.Document`) with
what was reported during the year (:class:`~jixiao.actuals.Actuals`) under a
:class:`~jixiao.monitoring.config.MonitoringConfig` (REFERENCE.md §5; 财预〔2019〕136号):

* every indicator gets an :class:`IndicatorStatus` (light, ratio, explanation, whether a
  偏差原因 is required and missing);
* every project a :class:`ProjectStatus`: its budget execution and the worst light of its
  rows and budget (REFERENCE.md §5 "Goal/project: worst row light");
* the department a :class:`DepartmentStatus`: the worst light of its own rows, its budget
  and every project;
* :attr:`MonitoringResult.attention` lists the red and yellow items, reds first, for the
  reviewer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from enum import Enum

from jixiao.actuals import (
    Actuals,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
)
from jixiao.errors import UsageError
from jixiao.model import Document, DocumentKind
from jixiao.monitoring.budget import BudgetStatus, budget_status
from jixiao.monitoring.config import DEFAULT, MonitoringConfig
from jixiao.monitoring.lights import Light, LightResult, Rule, indicator_light, number, worst
from jixiao.paths import IndicatorRef, iter_indicators, project_path
from jixiao.targets import format_target

_ATTENTION = (Light.RED, Light.YELLOW)
_UNSURE = (Likelihood.POSSIBLE, Likelihood.IMPOSSIBLE)


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """Monitoring status of one indicator.

    * ``path``, ``project_path`` (``""`` for department-level rows), ``project_name``;
      ``level1``/``level2`` canonical categories, ``name`` the 三级指标.
    * ``target_text``: the 年度指标值 (``≥ 95 %``, ``定性：及时``); ``actual_text`` what was
      reported (``40``, ``已完成``, ``部分达成…``, ``""`` when nothing).
    * ``expected_to_date``: the value the actual was compared with (序时目标 ``t·m/12`` or
      ``t``) in the indicator's unit; ``expected_full_year`` the reported 全年预计完成值.
    * ``light``, ``rule``, ``ratio_pct`` (points) and ``explanation`` (Chinese, with numbers).
    * ``reason_required``: the light (or likelihood, Tianjin preset) calls for 偏差原因;
      ``reason_missing``: required but neither a reason nor 原因说明 was given;
      ``expected_missing``: the Tianjin preset wants 全年预计完成值 and it is blank.
    """

    path: str
    project_path: str
    project_name: str | None
    level1: str | None
    level2: str | None
    name: str
    target_text: str
    actual_text: str
    as_of: Period | None
    expected_to_date: Decimal | None
    expected_full_year: Decimal | None
    light: Light
    rule: Rule
    ratio_pct: Decimal | None
    explanation: str
    reasons: tuple[DeviationReason, ...] = ()
    reason_text: str = ""
    likelihood: Likelihood | None = None
    reason_required: bool = False
    reason_missing: bool = False
    expected_missing: bool = False


@dataclass(frozen=True, slots=True)
class ProjectStatus:
    """A project: its ``budget`` execution, its ``indicators`` and ``light``, the worst of
    both. ``key_monitoring`` marks projects of at least ``key_project_min_wan_yuan``."""

    path: str
    name: str
    budget: BudgetStatus
    indicators: tuple[IndicatorStatus, ...]
    light: Light
    key_monitoring: bool


@dataclass(frozen=True, slots=True)
class DepartmentStatus:
    """The department: its own ``indicators`` (department tables), its ``budget`` and the
    worst ``light`` of those and of every project.

    The department budget counts towards ``light`` when it was reported, or always for a
    department table (where the whole budget is what is monitored); a project table without
    a department execution is judged on its projects alone.
    """

    name: str | None
    budget: BudgetStatus
    indicators: tuple[IndicatorStatus, ...]
    light: Light


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """A red or yellow item for the reviewer: ``kind`` is ``"indicator"`` or ``"budget"``,
    ``name`` the 三级指标 or ``预算执行``."""

    path: str
    kind: str
    project_name: str | None
    name: str
    light: Light
    explanation: str
    reason_missing: bool


@dataclass(frozen=True, slots=True)
class MonitoringResult:
    """Everything :func:`monitor_document` found.

    ``unknown_paths`` lists paths of reported actuals that name no item of the document
    (they are ignored). :meth:`as_dict` gives a JSON-ready form.
    """

    as_of: Period
    config: MonitoringConfig
    department: DepartmentStatus
    projects: tuple[ProjectStatus, ...]
    attention: tuple[AttentionItem, ...]
    unknown_paths: tuple[str, ...] = ()

    @property
    def indicators(self) -> tuple[IndicatorStatus, ...]:
        """Every indicator status in table order (department rows, then each project's)."""
        rows = list(self.department.indicators)
        for project in self.projects:
            rows.extend(project.indicators)
        return tuple(rows)

    def counts(self) -> dict[Light, int]:
        """Number of indicators per light (every light present, zero when none)."""
        result = dict.fromkeys(Light, 0)
        for status in self.indicators:
            result[status.light] += 1
        return result

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form: Decimals as strings (at most 4 decimals), enums as their values, periods as
        ``{"year", "month", "label"}``, the config as :meth:`MonitoringConfig.to_dict`."""
        result = _jsonable(self)
        assert isinstance(result, dict)
        result["config"] = self.config.to_dict()
        result["counts"] = {light.value: n for light, n in self.counts().items()}
        return result


def monitor_document(
    document: Document,
    actuals: Actuals,
    config: MonitoringConfig = DEFAULT,
    *,
    as_of: Period | None = None,
) -> MonitoringResult:
    """Lights for every indicator, project and the department of ``document``.

    The period is ``as_of``, else ``actuals.as_of``, else the latest period of a reported
    item; an item reported with its own period is judged at that month. Never raises on bad
    values in ``actuals``; raises :class:`~jixiao.errors.UsageError` only when no period is
    known at all.
    """
    period = _period(actuals, as_of)
    by_project = _indicator_statuses(document, actuals, period, config)
    projects = tuple(
        _project_status(document, actuals, index, by_project.get(project_path(index), ()), period, config)
        for index in range(len(document.projects))
    )  # fmt: skip
    department = _department_status(
        document, actuals, by_project.get("", ()), projects, period, config
    )
    return MonitoringResult(
        period, config, department, projects,
        tuple(_attention(department, projects)), tuple(_unknown_paths(document, actuals)),
    )  # fmt: skip


def _period(actuals: Actuals, as_of: Period | None) -> Period:
    if as_of is not None:
        return as_of
    if actuals.as_of is not None:
        return actuals.as_of
    periods = [item.as_of for item in actuals.indicators if item.as_of is not None]
    periods += [item.as_of for item in actuals.executions if item.as_of is not None]
    if not periods:
        raise UsageError("未指定监控截至月份（as_of）：请给出监控期间，如 2025年1-7月")
    return max(periods)


def _indicator_statuses(
    document: Document, actuals: Actuals, period: Period, config: MonitoringConfig
) -> dict[str, list[IndicatorStatus]]:
    """Statuses grouped by project path (``""`` for department-level rows)."""
    grouped: dict[str, list[IndicatorStatus]] = {}
    for ref in iter_indicators(document):
        status = indicator_status(ref, actuals.for_indicator(ref.path), period, config)
        grouped.setdefault(ref.project_path, []).append(status)
    return grouped


def indicator_status(
    ref: IndicatorRef, actual: IndicatorActual | None, period: Period, config: MonitoringConfig
) -> IndicatorStatus:
    """The :class:`IndicatorStatus` of the indicator at ``ref`` (month from ``actual.as_of``
    when given, else ``period``)."""
    indicator = ref.indicator
    as_of = actual.as_of if actual is not None and actual.as_of else period
    result = indicator_light(indicator, actual, as_of.month, config)
    target = indicator.annual_target
    required, expected_missing = _requirements(result, actual, config)
    return IndicatorStatus(
        ref.path, ref.project_path, ref.project.name if ref.project else None,
        indicator.level1, indicator.level2, indicator.name,
        format_target(target) if target is not None else "（未填写）", _actual_text(actual),
        as_of if actual is not None else None, result.expected_to_date,
        actual.expected_full_year if actual is not None else None,
        result.light, result.rule, result.ratio_pct, result.explanation,
        actual.reasons if actual is not None else (), actual.reason_text if actual is not None else "",
        actual.likelihood if actual is not None else None,
        required, required and not _has_reason(actual), expected_missing,
    )  # fmt: skip


def _requirements(
    result: LightResult, actual: IndicatorActual | None, config: MonitoringConfig
) -> tuple[bool, bool]:
    """(偏差原因 required, 全年预计完成值 required but blank) under ``config``."""
    light = result.light
    required = (
        light is Light.RED
        or (light is Light.YELLOW and config.reason_on_yellow)
        or (light is Light.BLUE and config.reason_on_blue)
    )
    unsure = actual is not None and actual.likelihood in _UNSURE
    if config.likelihood_needs_explanation and unsure:
        assert actual is not None
        return True, actual.expected_full_year is None
    return required, False


def _has_reason(actual: IndicatorActual | None) -> bool:
    return actual is not None and bool(actual.reasons or actual.reason_text.strip())


def _actual_text(actual: IndicatorActual | None) -> str:
    if actual is None:
        return ""
    if actual.completed is not None:
        return format(actual.completed, "f")
    if actual.completed_text:
        return actual.completed_text
    return actual.grade.value if actual.grade is not None else ""


def _project_status(
    document: Document,
    actuals: Actuals,
    index: int,
    indicators: Iterable[IndicatorStatus],
    period: Period,
    config: MonitoringConfig,
) -> ProjectStatus:
    path = project_path(index)
    rows = tuple(indicators)
    budget = budget_status(document, actuals, path, period, config)
    light = worst([*(row.light for row in rows), budget.light])
    threshold = config.key_project_min_wan_yuan
    amount = budget.budget_wan_yuan
    key = threshold is not None and amount is not None and amount >= threshold
    return ProjectStatus(path, document.projects[index].name, budget, rows, light, key)


def _department_status(
    document: Document,
    actuals: Actuals,
    indicators: Iterable[IndicatorStatus],
    projects: tuple[ProjectStatus, ...],
    period: Period,
    config: MonitoringConfig,
) -> DepartmentStatus:
    rows = tuple(indicators)
    budget = budget_status(document, actuals, "", period, config)
    lights = [row.light for row in rows] + [project.light for project in projects]
    if budget.reported or document.kind is DocumentKind.DEPARTMENT:
        lights.append(budget.light)
    return DepartmentStatus(document.department, budget, rows, worst(lights))


def _attention(
    department: DepartmentStatus, projects: tuple[ProjectStatus, ...]
) -> list[AttentionItem]:
    """Red and yellow items in table order, reds before yellows."""
    items = [*_budget_item(department.budget, None), *_indicator_items(department.indicators)]
    for project in projects:
        items.extend(_budget_item(project.budget, project.name))
        items.extend(_indicator_items(project.indicators))
    return sorted(items, key=lambda item: -item.light.severity)


def _budget_item(budget: BudgetStatus, project_name: str | None) -> Iterator[AttentionItem]:
    if budget.light in _ATTENTION:
        yield AttentionItem(
            budget.path, "budget", project_name, "预算执行", budget.light,
            budget.explanation, budget.reason_missing,
        )  # fmt: skip


def _indicator_items(rows: Iterable[IndicatorStatus]) -> Iterator[AttentionItem]:
    for row in rows:
        if row.light in _ATTENTION:
            yield AttentionItem(
                row.path, "indicator", row.project_name, row.name, row.light,
                row.explanation, row.reason_missing,
            )  # fmt: skip


def _unknown_paths(document: Document, actuals: Actuals) -> Iterator[str]:
    known = {ref.path for ref in iter_indicators(document)}
    budgets = {""} | {project_path(i) for i in range(len(document.projects))}
    for item in actuals.indicators:
        if item.path not in known:
            yield item.path
    for execution in actuals.executions:
        if execution.path not in budgets:
            yield execution.path


def _jsonable(value: object) -> object:
    """Dataclasses, tuples, enums, Decimals and periods as JSON values."""
    if isinstance(value, Period):
        return {"year": value.year, "month": value.month, "label": value.label}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return number(value, 4) if value.is_finite() else str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _jsonable(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value
