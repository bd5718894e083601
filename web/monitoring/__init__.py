"""In-year monitoring (绩效运行监控) and self-evaluation (自评) of approved declarations (issue 4).

Departments report actuals against an **approved** declaration (targets are fixed before
they are monitored); the pages show the traffic lights of :mod:`jixiao.monitoring`, the
reviewer's list of red and yellow items, and the self-evaluation of :mod:`jixiao.scoring`
laid out as the 自评表. Every change goes through :mod:`web.monitoring.services`.

=================  ==========================================================================
module             what it holds
=================  ==========================================================================
``models``         ``ActualsReport`` (one per declaration and month, actuals JSON, version,
                   history) and ``EvaluationSettings`` (weights and thresholds per declaration)
``permissions``    django-rules: who sees, enters actuals, changes settings; ``actuals_open``
``services``       ``save_actuals``, ``import_actuals_file``, ``save_settings``, readers
``forms``/``rows`` the actuals formsets and the read-only rows they belong to
``alerts``         lights of a report under the declaration's settings; red/yellow across
                   declarations
``charts``         budget execution per month against the time-proportional line
``selfeval``       the 自评表 of a report (:mod:`jixiao.report.selfeval_form`; exported by
                   :mod:`jixiao.report.selfeval_xlsx` / ``selfeval_html``)
``audit``          the per-item audit trail of a report
=================  ==========================================================================

URL names: ``actuals-edit``, ``actuals-template``, ``actuals-import``, ``monitoring-detail``,
``monitoring-alerts``, ``evaluation-detail``, ``evaluation-settings``, ``evaluation-export``.
Declaration pages link here with ``{% include "monitoring/_declaration_links.html" %}``.
"""
