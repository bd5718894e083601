"""What users do with actuals and evaluation settings; views, commands and tests call these.

Every change is checked the same way as a declaration (:mod:`web.declarations.services`):

1. the user must see the declaration, else :class:`~web.declarations.errors.NotVisibleError`
   (404, like a missing page);
2. the user's role and scope must allow it (:data:`web.monitoring.permissions.ENTER_ACTUALS`,
   :data:`~web.monitoring.permissions.CHANGE_SETTINGS`), else
   :class:`~web.declarations.errors.ActionNotPermittedError` (403);
3. actuals need an approved declaration (:class:`~web.monitoring.errors.ActualsNotOpenError`,
   409) and must fit it (:class:`~web.monitoring.errors.InvalidActualsError`, 400);
4. the change must be made from the version the user saw: one conditional
   ``UPDATE … WHERE version = expected`` claims it, and a stale save raises
   :class:`~web.monitoring.errors.StaleActualsError` (409) instead of overwriting. A report
   that does not exist yet is version ``0``.

Each save records its user and a reason in django-simple-history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from django.db import IntegrityError, transaction
from django.db.models import F, Model, QuerySet

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, Period
from jixiao.actuals_xlsx import ActualsProblem, read_actuals
from jixiao.errors import UsageError
from jixiao.model import Document
from jixiao.monitoring import DEFAULT as DEFAULT_MONITORING
from jixiao.monitoring import MonitoringConfig
from jixiao.paths import iter_indicators, project_path
from jixiao.scoring.config import ScoringConfig
from web.declarations.errors import ActionNotPermittedError, NotVisibleError
from web.declarations.models import Declaration
from web.monitoring.errors import (
    ActualsNotOpenError,
    InvalidActualsError,
    InvalidSettingsError,
    StaleActualsError,
)
from web.monitoring.models import ActualsReport, EvaluationSettings
from web.monitoring.permissions import (
    CHANGE_SETTINGS,
    ENTER_ACTUALS,
    VIEW_ACTUALS,
    actuals_open,
)
from web.permissions import visible_declarations
from web.workflow import Status

NEW = 0
"""``expected_version`` of a report or settings that do not exist yet."""


# --- reading -----------------------------------------------------------------------------


def visible_reports(user: Any) -> QuerySet[ActualsReport]:
    """The actuals reports of every declaration ``user`` may see."""
    return ActualsReport.objects.filter(declaration__in=visible_declarations(user))


def reports_of(declaration: Declaration) -> QuerySet[ActualsReport]:
    """Every report of ``declaration``, oldest period first. No permission check."""
    return ActualsReport.objects.filter(declaration=declaration).order_by("year", "month")


def get_report(declaration: Declaration, period: Period) -> ActualsReport | None:
    """The report of ``declaration`` for ``period``, or ``None``. No permission check:
    callers got ``declaration`` from :func:`web.declarations.services.get_declaration`."""
    return reports_of(declaration).filter(year=period.year, month=period.month).first()


def latest_report(declaration: Declaration) -> ActualsReport | None:
    """The report of the latest period, or ``None`` when nothing was reported."""
    return reports_of(declaration).order_by("-year", "-month").first()


def latest_actuals(declaration: Declaration) -> Actuals | None:
    """The actuals of the latest period, or ``None`` when nothing was reported."""
    report = latest_report(declaration)
    return report.as_actuals() if report is not None else None


def actuals_series(
    declaration: Declaration, reports: Iterable[ActualsReport] | None = None
) -> list[tuple[Period, Actuals]]:
    """Every report of ``declaration``, oldest period first (for the execution chart);
    ``reports`` when the caller already read :func:`reports_of` (saves the query)."""
    chosen = reports_of(declaration) if reports is None else reports
    return [(report.period, report.as_actuals()) for report in chosen]


def evaluation_settings(declaration: Declaration) -> EvaluationSettings | None:
    """The declaration's own settings row, or ``None`` (defaults)."""
    return EvaluationSettings.objects.filter(declaration=declaration).first()


def scoring_config(declaration: Declaration) -> ScoringConfig:
    """The declaration's :class:`ScoringConfig` (defaults when none was set)."""
    return scoring_config_of(evaluation_settings(declaration))


def monitoring_config(declaration: Declaration) -> MonitoringConfig:
    """The declaration's :class:`MonitoringConfig` (defaults when none was set)."""
    return monitoring_config_of(evaluation_settings(declaration))


def scoring_config_of(stored: EvaluationSettings | None) -> ScoringConfig:
    """The :class:`ScoringConfig` of a settings row already read (``None``: defaults)."""
    return ScoringConfig.from_dict(stored.scoring_config) if stored else ScoringConfig()


def monitoring_config_of(stored: EvaluationSettings | None) -> MonitoringConfig:
    """The :class:`MonitoringConfig` of a settings row already read (``None``: defaults)."""
    if stored is None or not stored.monitoring_config:
        return DEFAULT_MONITORING
    return MonitoringConfig.from_dict(stored.monitoring_config)


# --- actuals -----------------------------------------------------------------------------


def save_actuals(
    user: Any,
    declaration: Declaration,
    period: Period,
    actuals: Actuals,
    expected_version: int,
    reason: str = "",
    goals: Mapping[str, str] | None = None,
) -> ActualsReport:
    """Store ``actuals`` as the report of ``declaration`` for ``period`` (replacing it).

    ``expected_version`` is the report version the user saw, :data:`NEW` (0) when there was
    no report for the period yet. ``goals`` is the 年度目标实际完成情况 per item path
    (``""`` department, ``projects/n``); ``None`` keeps the stored texts. Items are checked against the declared document: every
    path must name one of its indicators (``indicators/i``, ``projects/p/indicators/i``) or
    budgets (``""``, ``projects/p``), and an item's own month must lie within the period.
    Raises the refusals listed in the module docstring.
    """
    check_may_enter(user, declaration)
    check_actuals(declaration, period, actuals)
    why = reason or f"填报{period.label}执行情况"
    goal_texts = _goal_texts(declaration, goals) if goals is not None else None
    if expected_version == NEW:
        return _create_report(user, declaration, period, actuals, why, goal_texts or {})
    with transaction.atomic():
        report = get_report(declaration, period)
        if report is None:
            raise StaleActualsError(f"{period.label}执行情况", expected_version, NEW, None)
        claimed = ActualsReport.objects.filter(pk=report.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise _stale(report, f"{period.label}执行情况", expected_version)
        report.refresh_from_db()
        report.set_actuals(actuals)
        if goal_texts is not None:
            report.goal_completion = goal_texts
        _save(report, user, why)
    return report


def _goal_texts(declaration: Declaration, goals: Mapping[str, str]) -> dict[str, str]:
    """Non-blank goal texts, for paths of the declaration only."""
    budgets = {""} | {project_path(i) for i in range(len(declaration.document.get("projects", [])))}
    unknown = sorted(set(goals) - budgets)
    if unknown:
        raise InvalidActualsError(f"申报中没有这些条目：{'、'.join(unknown)}")
    return {path: text.strip() for path, text in goals.items() if text.strip()}


def check_may_enter(user: Any, declaration: Declaration) -> None:
    """Raise unless ``user`` may enter actuals on ``declaration`` now (404 / 403 / 409)."""
    if not user.has_perm(VIEW_ACTUALS, declaration):
        raise NotVisibleError()
    if not user.has_perm(ENTER_ACTUALS, declaration):
        raise ActionNotPermittedError("填报此申报的执行情况")
    if not actuals_open(declaration):
        raise ActualsNotOpenError(Status(declaration.status))


def check_actuals(declaration: Declaration, period: Period, actuals: Actuals) -> None:
    """Raise :class:`InvalidActualsError` unless ``actuals`` fit ``declaration`` at ``period``."""
    if period.year != declaration.fiscal_year:
        raise InvalidActualsError(
            f"执行情况的年度应为申报的预算年度 {declaration.fiscal_year} 年，而不是 {period.year} 年"
        )
    unknown = unknown_paths(declaration.as_document(), actuals)
    if unknown:
        raise InvalidActualsError(f"申报中没有这些条目：{'、'.join(unknown)}")
    items: list[IndicatorActual | BudgetExecution] = [*actuals.indicators, *actuals.executions]
    for item in items:
        if item.as_of is not None and item.as_of > period:
            raise InvalidActualsError(
                f"“{item.path or '部门整体'}”的截至月份 {item.as_of.label} 晚于填报期间 {period.label}"
            )
        if item.as_of is not None and item.as_of.year != period.year:
            raise InvalidActualsError(f"“{item.path or '部门整体'}”的截至月份不在 {period.year} 年")


def unknown_paths(document: Document, actuals: Actuals) -> list[str]:
    """Paths of ``actuals`` that name no indicator or budget of ``document``."""
    indicators = {ref.path for ref in iter_indicators(document)}
    budgets = {""} | {project_path(i) for i in range(len(document.projects))}
    wrong = [a.path for a in actuals.indicators if a.path not in indicators]
    wrong += [e.path for e in actuals.executions if e.path not in budgets]
    return wrong


def _create_report(
    user: Any,
    declaration: Declaration,
    period: Period,
    actuals: Actuals,
    reason: str,
    goals: dict[str, str],
) -> ActualsReport:
    report = ActualsReport(
        declaration=declaration,
        year=period.year,
        month=period.month,
        created_by=user,
        goal_completion=goals,
    )
    report.set_actuals(actuals)
    report.full_clean(validate_unique=False, validate_constraints=False)  # the database decides
    try:
        with transaction.atomic():
            _save(report, user, reason)
    except IntegrityError:  # somebody created the report of this period first
        existing = get_report(declaration, period)
        if existing is None:
            raise
        raise _stale(existing, f"{period.label}执行情况", NEW) from None
    return report


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """The result of an import: the ``report`` saved (``None`` when no row could be read),
    the ``problems`` of the file (:class:`~jixiao.actuals_xlsx.ActualsProblem`, each naming
    sheet, row and column; good rows are imported anyway), the ``period`` of the file and
    the numbers of indicator and budget rows taken."""

    report: ActualsReport | None
    problems: tuple[ActualsProblem, ...] = ()
    indicators: int = 0
    executions: int = 0
    period: Period | None = None


def import_actuals_file(
    user: Any,
    declaration: Declaration,
    stream: BinaryIO,
    *,
    file_label: str = "",
    period: Period | None = None,
) -> ImportOutcome:
    """Read a filled-in actuals template (:func:`jixiao.actuals_xlsx.read_actuals`, paths
    checked against the declaration) and merge its rows into the report of its period.

    The period is the one the file states (填报说明 sheet), else ``period``. Rows read
    replace the rows of the same item in the stored report; items the file leaves out, and
    rows it could not read, keep their stored values. The import applies to the version
    current at the time of the upload and is recorded in the history like a save, with the
    file name as reason. Raises the refusals of :func:`save_actuals`, and
    :class:`InvalidActualsError` when neither the file nor ``period`` gives a period.
    """
    check_may_enter(user, declaration)
    document = declaration.as_document()
    label = file_label or "上传文件"
    actuals, problems = read_actuals(stream, file_label=label, document=document)
    if actuals.as_of is None and period is not None:
        stream.seek(0)
        actuals, problems = read_actuals(stream, file_label=label, document=document, as_of=period)
    when = actuals.as_of
    if when is None:
        raise InvalidActualsError("文件中没有填报期间（截至月份），请使用本系统下载的模板")
    actuals = _without(actuals, unknown_paths(document, actuals))
    if not actuals.indicators and not actuals.executions:
        return ImportOutcome(None, tuple(problems), period=when)
    current = get_report(declaration, when)
    merged = merge_actuals(current.as_actuals() if current else Actuals(when), actuals)
    version = current.version if current is not None else NEW
    reason = f"导入 {file_label}" if file_label else "导入执行情况"
    report = save_actuals(user, declaration, when, merged, version, reason=reason)
    return ImportOutcome(
        report, tuple(problems), len(actuals.indicators), len(actuals.executions), when
    )


def merge_actuals(base: Actuals, update: Actuals) -> Actuals:
    """``base`` with every item of ``update`` replacing the item of the same path."""
    indicators = {a.path: a for a in base.indicators}
    indicators.update({a.path: a for a in update.indicators})
    executions = {e.path: e for e in base.executions}
    executions.update({e.path: e for e in update.executions})
    return Actuals(update.as_of or base.as_of, list(indicators.values()), list(executions.values()))


def _without(actuals: Actuals, paths: Iterable[str]) -> Actuals:
    drop = set(paths)
    return replace(
        actuals,
        indicators=[a for a in actuals.indicators if a.path not in drop],
        executions=[e for e in actuals.executions if e.path not in drop],
    )


# --- settings ----------------------------------------------------------------------------


def save_settings(
    user: Any,
    declaration: Declaration,
    scoring: ScoringConfig,
    monitoring: MonitoringConfig,
    expected_version: int,
) -> EvaluationSettings:
    """Store the declaration's scoring weights and monitoring thresholds.

    Only the values that differ from the defaults are stored, so an unchanged setting
    follows future defaults. ``expected_version`` is :data:`NEW` when the declaration had
    no settings yet. Raises :class:`NotVisibleError`, :class:`ActionNotPermittedError` or
    :class:`StaleActualsError`.
    """
    if not user.has_perm(VIEW_ACTUALS, declaration):
        raise NotVisibleError()
    if not user.has_perm(CHANGE_SETTINGS, declaration):
        raise ActionNotPermittedError("修改此申报的自评与监控设置")
    scoring_dict = _changed(scoring.to_dict(), ScoringConfig().to_dict())
    monitoring_dict = _changed(monitoring.to_dict(), DEFAULT_MONITORING.to_dict())
    try:
        with transaction.atomic():
            if expected_version == NEW:
                stored = EvaluationSettings(declaration=declaration)
            else:
                stored = _claim_settings(declaration, expected_version)
            stored.scoring_config, stored.monitoring_config = scoring_dict, monitoring_dict
            stored.updated_by = user
            _save(stored, user, "修改自评与监控设置")
    except IntegrityError:  # somebody created the settings first
        raise _stale(evaluation_settings(declaration), "自评与监控设置", NEW) from None
    return stored


def settings_from_dicts(
    scoring: dict[str, Any], monitoring: dict[str, Any]
) -> tuple[ScoringConfig, MonitoringConfig]:
    """Both configurations from JSON; :class:`InvalidSettingsError` with the core's message."""
    try:
        return ScoringConfig.from_dict(scoring), MonitoringConfig.from_dict(monitoring)
    except UsageError as error:
        raise InvalidSettingsError(str(error)) from error


def _claim_settings(declaration: Declaration, expected_version: int) -> EvaluationSettings:
    claimed = EvaluationSettings.objects.filter(
        declaration=declaration, version=expected_version
    ).update(version=F("version") + 1)
    current = evaluation_settings(declaration)
    if not claimed:
        if current is None:
            raise StaleActualsError("自评与监控设置", expected_version, NEW, None)
        raise _stale(current, "自评与监控设置", expected_version)
    assert current is not None
    return current


def _changed(values: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if defaults.get(key) != value}


# --- shared ------------------------------------------------------------------------------


def _save(record: Model, user: Any, reason: str) -> None:
    record._history_user = user  # type: ignore[attr-defined]  # read by simple-history
    record._change_reason = reason  # type: ignore[attr-defined]
    record.save()


def _stale(
    record: ActualsReport | EvaluationSettings | None, what: str, expected: int
) -> StaleActualsError:
    if record is None:
        return StaleActualsError(what, expected, NEW, None)
    record.refresh_from_db()
    last = record.history.order_by("-history_id").first()
    changed_by = getattr(last, "history_user", None) if last is not None else None
    name = (changed_by.get_full_name() or changed_by.get_username()) if changed_by else None
    return StaleActualsError(what, expected, record.version, name)


def indicator_items(actuals: Actuals) -> dict[str, IndicatorActual]:
    """``{path: latest actual}`` of ``actuals``."""
    return {a.path: a for a in sorted(actuals.indicators, key=_month) if a.path}


def budget_items(actuals: Actuals) -> dict[str, BudgetExecution]:
    """``{path: latest execution}`` of ``actuals`` (``""`` is the department)."""
    return {e.path: e for e in sorted(actuals.executions, key=_month)}


def _month(item: IndicatorActual | BudgetExecution) -> tuple[int, int]:
    return (item.as_of.year, item.as_of.month) if item.as_of else (0, 0)
