"""In-year performance monitoring (绩效运行监控, 双监控; REFERENCE.md §5; 财预〔2019〕136号).

Pure functions over :class:`~jixiao.model.Document` and :class:`~jixiao.actuals.Actuals`:

* :mod:`~jixiao.monitoring.config`: :class:`MonitoringConfig`, every threshold (vendor
  defaults, not national law) and :data:`PRESETS`;
* :mod:`~jixiao.monitoring.lights`: :class:`Light` and the rule for one indicator or budget;
* :mod:`~jixiao.monitoring.budget`: budget execution against the declared 全年预算数 (万元);
* :mod:`~jixiao.monitoring.monitor`: :func:`monitor_document`, the whole document.
"""

from jixiao.monitoring.budget import BudgetStatus, budget_status, declared_budget
from jixiao.monitoring.config import DEFAULT, PRESETS, MonitoringConfig
from jixiao.monitoring.lights import (
    Light,
    LightResult,
    Rule,
    band,
    budget_light,
    indicator_light,
    qualitative_light,
    worst,
)
from jixiao.monitoring.monitor import (
    AttentionItem,
    DepartmentStatus,
    IndicatorStatus,
    MonitoringResult,
    ProjectStatus,
    indicator_status,
    monitor_document,
)

__all__ = [
    "DEFAULT",
    "PRESETS",
    "AttentionItem",
    "BudgetStatus",
    "DepartmentStatus",
    "IndicatorStatus",
    "Light",
    "LightResult",
    "MonitoringConfig",
    "MonitoringResult",
    "ProjectStatus",
    "Rule",
    "band",
    "budget_light",
    "budget_status",
    "declared_budget",
    "indicator_light",
    "indicator_status",
    "monitor_document",
    "qualitative_light",
    "worst",
]
