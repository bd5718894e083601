"""What a department reports against an approved declaration, and how it is judged.

* :class:`ActualsReport`: the actuals (执行情况) of one declaration up to the end of one month
  (a quarter is stored as its last month, the full year as month 12). ``actuals`` is the JSON
  of :func:`jixiao.actuals_json.actuals_to_dict`: per indicator 累计完成值, 全年预计完成值,
  定性评价, 偏差原因, 完成目标可能性; per project / the department 累计执行数 in **万元**.
  ``goal_completion`` holds the 年度总体目标 实际完成情况 of the 自评表 (REFERENCE.md §2.4)
  by item path: ``{"": "…"}`` for the department, ``{"projects/0": "…"}`` per project.
* :class:`EvaluationSettings`: the declaration's own scoring weights
  (:meth:`jixiao.scoring.config.ScoringConfig.to_dict`) and monitoring thresholds
  (:meth:`jixiao.monitoring.config.MonitoringConfig.to_dict`); an empty dict means the defaults.

Both carry a ``version`` for the optimistic lock of :mod:`web.monitoring.services` and keep
every change in django-simple-history (who, when, why, before and after), like declarations.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.actuals import Actuals, Period
from jixiao.actuals_json import actuals_from_dict, actuals_to_dict
from web.declarations.models import Declaration


class ActualsReport(models.Model):
    """The actuals of one declaration to the end of ``month`` (1–12) of ``year``."""

    declaration = models.ForeignKey(
        Declaration,
        verbose_name="申报",
        on_delete=models.CASCADE,
        related_name="actuals_reports",
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        "截至月份", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    actuals = models.JSONField("执行情况", default=dict)
    goal_completion = models.JSONField("年度目标实际完成情况", default=dict, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "执行情况"
        verbose_name_plural = "执行情况"
        ordering = ("declaration", "year", "month")
        constraints = (
            models.UniqueConstraint(
                fields=("declaration", "year", "month"), name="actuals_one_report_per_month"
            ),
        )

    def __str__(self) -> str:
        return f"{self.declaration} · {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.month)

    def as_actuals(self) -> Actuals:
        """The stored actuals; ``as_of`` is always this report's period."""
        actuals = actuals_from_dict(self.actuals or {})
        actuals.as_of = self.period
        return actuals

    def goal_text(self, path: str) -> str:
        """实际完成情况 of the goal of ``path`` (``""`` department, ``projects/n``)."""
        return str((self.goal_completion or {}).get(path) or "")

    def set_actuals(self, actuals: Actuals) -> None:
        """Store ``actuals`` as JSON, dated with this report's period."""
        actuals.as_of = self.period
        self.actuals = actuals_to_dict(actuals)


class EvaluationSettings(models.Model):
    """Per-declaration scoring weights and monitoring thresholds (empty: the defaults)."""

    declaration = models.OneToOneField(
        Declaration,
        verbose_name="申报",
        on_delete=models.CASCADE,
        related_name="evaluation_settings",
    )
    scoring_config = models.JSONField("自评计分设置", default=dict, blank=True)
    monitoring_config = models.JSONField("监控预警设置", default=dict, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "自评与监控设置"
        verbose_name_plural = "自评与监控设置"

    def __str__(self) -> str:
        return f"{self.declaration} · 设置"

    def as_dicts(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """``(scoring_config, monitoring_config)`` as stored."""
        return dict(self.scoring_config or {}), dict(self.monitoring_config or {})
