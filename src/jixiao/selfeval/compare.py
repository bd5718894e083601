"""Recompute a published 自评表 with :mod:`jixiao.scoring` and say where it disagrees.

:func:`recompute` scores every table of a :class:`~jixiao.selfeval.model.SelfEvaluation` under
the table's *published* weights: the 分值 of each row (explicit row weights), the points printed
with each 一级指标 (``产出指标（50分）``) and the 分值 of 年度资金总额, on top of the method
settings of the given :class:`~jixiao.scoring.ScoringConfig` (formulas, qualitative bands,
grade bounds). Weights are the department's choice within 10号 ("level-2/3 by importance"),
so they are checked for consistency (Σ = 90, level sums) but not replaced.

:func:`compare` then lists every :class:`Disagreement` (catalogue:
:mod:`jixiao.selfeval.catalogue`): row, budget and total scores that differ from the method,
rates that differ from 执行数 ÷ 预算数, weights that do not add up, grades that do not follow
the total, and 偏差原因 missing where required. A printed number agrees with a recomputed one
when they differ by at most 0.01; a printed 执行率 also when it is the recomputed rate rounded
to the decimals printed (``93.2%`` agrees with 93.23 %: :meth:`~jixiao.selfeval.model.Printed.agrees`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from jixiao.errors import UsageError
from jixiao.model import DocumentKind, Source
from jixiao.scoring import (
    Evaluation,
    RowScore,
    ScoringConfig,
    evaluate_department,
    evaluate_project,
)
from jixiao.scoring import rules as scoring_rules
from jixiao.scoring.decimals import ZERO, fixed2, plain, round2
from jixiao.scoring.qualitative import band_text
from jixiao.scoring.result import grade_for
from jixiao.selfeval.catalogue import CATALOGUE
from jixiao.selfeval.labels import GRADES, compact, qualitative_grade
from jixiao.selfeval.model import TOLERANCE, Printed, PublishedRow, PublishedTable, SelfEvaluation
from jixiao.serialize import location_to_dict
from jixiao.taxonomy import BENEFIT, COST, OUTPUT, SATISFACTION


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One place where the published table disagrees with the method (or with itself).

    ``code`` and ``severity`` come from the catalogue; ``message`` is Chinese with the
    numbers; ``path`` the item (``projects/0/indicators/2``, ``projects/0``, ``""``);
    ``table`` the 项目名称 (部门名称); ``source`` the line it was read from; ``published`` and
    ``computed`` the two values compared (text, ``None`` when not applicable).
    """

    code: str
    severity: str
    message: str
    path: str
    table: str
    source: Source | None
    published: str | None = None
    computed: str | None = None

    @property
    def location(self) -> str:
        """``file:line`` (or the file alone) of the source."""
        if self.source is None:
            return ""
        return f"{self.source.file}:{self.source.lines}"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: code, severity, message, path, table, file, line, end_line, text,
        published, computed."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "table": self.table,
            **location_to_dict(self.source),
            "published": self.published,
            "computed": self.computed,
        }


def recompute(selfeval: SelfEvaluation, config: ScoringConfig | None = None) -> list[Evaluation]:
    """One :class:`~jixiao.scoring.Evaluation` per table, in file order, scored with the
    table's published weights (see the module docstring)."""
    base = config or ScoringConfig()
    document, actuals = selfeval.document, selfeval.actuals
    evaluations = []
    for table in selfeval.tables:
        table_settings = table_config(table, base)
        if table.kind is DocumentKind.DEPARTMENT:
            evaluations.append(evaluate_department(document, actuals, table_settings))
        else:
            evaluations.append(evaluate_project(document, table.path, actuals, table_settings))
    return evaluations


def compare(
    selfeval: SelfEvaluation,
    config: ScoringConfig | None = None,
    *,
    evaluations: Sequence[Evaluation] | None = None,
) -> list[Disagreement]:
    """Every disagreement of ``selfeval``, table by table; ``evaluations`` (from
    :func:`recompute` with the same ``config``) avoids scoring twice."""
    base = config or ScoringConfig()
    scored = list(evaluations) if evaluations is not None else recompute(selfeval, base)
    found: list[Disagreement] = []
    for table, evaluation in zip(selfeval.tables, scored, strict=True):
        found.extend(_Checker(table, evaluation, table_config(table, base)).run())
    return found


def table_config(table: PublishedTable, base: ScoringConfig) -> ScoringConfig:
    """``base`` with the weights ``table`` publishes: row 分值 as explicit row weights,
    一级指标 points as printed (else the sum of their rows), 预算执行率 分值. Weights are
    rounded to two decimals; a negative or unreadable weight keeps the default."""
    rows = {r.path: w for r in table.rows if (w := _weight(r.weight)) is not None}
    sums: dict[str, Decimal] = {}
    for row in table.rows:
        if row.level1 is not None and row.path in rows:
            sums[row.level1] = sums.get(row.level1, ZERO) + rows[row.path]

    def level1(name: str, default: Decimal) -> Decimal:
        printed = table.level1_weights.get(name)
        weight = _weight(printed[0]) if printed is not None else None
        return weight if weight is not None else sums.get(name, default)

    budget = _weight(table.funds.weight, Decimal(100))
    changes: dict[str, Any] = {
        "row_weights": rows,
        "budget_weight": budget if budget is not None else base.budget_weight,
        "output_weight": level1(OUTPUT, base.output_weight),
        "benefit_weight": level1(BENEFIT, base.benefit_weight),
        "satisfaction_weight": level1(SATISFACTION, base.satisfaction_weight),
    }
    if any(row.level1 == COST for row in table.rows):
        cost = level1(COST, ZERO)
        changes["output_weight"] += cost
        total = changes["output_weight"]
        changes["cost_share"] = cost / total if total > 0 else Decimal(0)
    try:
        return replace(base, **changes)
    except UsageError:  # pragma: no cover - weights are rounded and non-negative above
        return replace(base, row_weights=rows)


def _weight(printed: Printed | None, maximum: Decimal | None = None) -> Decimal | None:
    """A published weight rounded to two decimals; ``None`` when absent, negative or above
    ``maximum``."""
    if printed is None or printed.value < 0 or (maximum is not None and printed.value > maximum):
        return None
    return round2(printed.value)


class _Checker:
    """The checks of one table against its evaluation."""

    def __init__(self, table: PublishedTable, evaluation: Evaluation, config: ScoringConfig):
        self.table = table
        self.evaluation = evaluation
        self.config = config

    def run(self) -> list[Disagreement]:
        rows = {row.path: row for row in self.evaluation.rows}
        found = list(self._budget())
        for published in self.table.rows:
            found.extend(self._row(published, rows[published.path]))
        found.extend(self._weights())
        found.extend(self._total())
        found.extend(self._grade())
        return found

    def _make(
        self,
        code: str,
        path: str,
        source: Source | None,
        published: str | None = None,
        computed: str | None = None,
        **params: object,
    ) -> Disagreement:
        entry = CATALOGUE[code]
        message = entry.template.format(published=published, computed=computed, **params)
        return Disagreement(
            code, entry.severity, message, path, self.table.name, source, published, computed
        )

    # --- rows ---------------------------------------------------------------------------

    def _row(self, published: PublishedRow, row: RowScore) -> Iterator[Disagreement]:
        name, source, path = published.name, published.source, published.path
        weight, score = published.weight, published.score
        if weight is None:
            yield self._make("row-weight-missing", path, source, name=name)
        if score is None:
            if row.rule != scoring_rules.NOT_SCORED:
                yield self._make(
                    "row-score-missing", path, source, None, fixed2(row.score), name=name
                )
        elif weight is not None and score.value > weight.value:
            yield self._make(
                "row-score-over-weight",
                path,
                source,
                score.text,
                None,
                name=name,
                weight=weight.text,
            )
        elif weight is not None:
            yield from self._row_score(published, score, row)
        yield from self._reason(published, row)

    def _row_score(
        self, published: PublishedRow, score: Printed, row: RowScore
    ) -> Iterator[Disagreement]:
        path, source, name = published.path, published.source, published.name
        if row.rule == scoring_rules.NOT_SCORED:
            why = row.problems[0].message if row.problems else row.explanation
            yield self._make("row-unscorable", path, source, score.text, None, name=name, why=why)
        elif row.rule == scoring_rules.QUALITATIVE:
            outside = next((p for p in row.problems if p.code == "score-outside-band"), None)
            if outside is not None and published.weight is not None:
                yield self._band(published, score, row)
        elif not score.agrees(row.score):
            yield self._make(
                "row-score-mismatch", path, source, score.text, fixed2(row.score),
                name=name, explanation=row.explanation,
            )  # fmt: skip

    def _band(self, published: PublishedRow, score: Printed, row: RowScore) -> Disagreement:
        grade = qualitative_grade(published.actual_text, published.target_text)
        assert grade is not None  # a band problem needs a tier
        return self._make(
            "qualitative-score-outside-band", published.path, published.source, score.text, None,
            name=published.name, actual=published.actual_text, grade=grade.value,
            band=band_text(grade, row.weight),
        )  # fmt: skip

    def _reason(self, published: PublishedRow, row: RowScore) -> Iterator[Disagreement]:
        weight, score = published.weight, published.score
        below = weight is not None and score is not None and score.value < weight.value
        if published.reason or not (below or row.reason_required):
            return
        if below:
            why = "得分低于分值"
        elif row.met is False:
            why = "未达成年度指标值"
        else:
            why = f"按计分方法得分 {fixed2(row.score)} 低于分值 {fixed2(row.weight)}"
        yield self._make(
            "reason-missing", published.path, published.source, name=published.name, why=why
        )

    # --- budget, weights, totals --------------------------------------------------------

    def _budget(self) -> Iterator[Disagreement]:
        funds, budget = self.table.funds, self.evaluation.budget
        if funds.source is None:
            return
        path = self.table.path
        if budget.rate_pct is None:
            if funds.score is not None:
                why = budget.explanation.split("：")[0]
                yield self._make("budget-unscorable", path, funds.source, funds.score.text, why=why)
            return
        if funds.rate_pct is not None and not funds.rate_pct.agrees(
            budget.rate_pct, by_precision=True
        ):
            yield self._make(
                "budget-rate-mismatch", path, funds.source, funds.rate_pct.text,
                fixed2(budget.rate_pct), executed=_plain(budget.executed_wan_yuan),
                budget=_plain(budget.budget_wan_yuan),
            )  # fmt: skip
        if funds.score is not None and not funds.score.agrees(budget.points):
            yield self._make(
                "budget-score-mismatch", path, funds.source, funds.score.text,
                fixed2(budget.points), explanation=budget.explanation,
            )  # fmt: skip

    def _weights(self) -> Iterator[Disagreement]:
        table = self.table
        weights = [row.weight for row in table.rows]
        if not weights or any(w is None for w in weights):
            return  # row-weight-missing already says so
        total = sum((w.value for w in weights if w is not None), ZERO)
        budget = self.config.budget_weight
        expected = Decimal(100) - budget
        if abs(total - expected) > TOLERANCE:
            yield self._make(
                "weights-grid-total", table.path, table.source, plain(total), plain(expected),
                total=plain(total), expected=plain(expected), budget=plain(budget),
            )  # fmt: skip
        for level1, (printed, source) in table.level1_weights.items():
            under = sum(
                (r.weight.value for r in table.rows if r.level1 == level1 and r.weight), ZERO
            )
            if abs(under - printed.value) > TOLERANCE:
                yield self._make(
                    "weights-level1-sum", table.path, source, printed.text, plain(under),
                    level1=level1, printed=printed.text, total=plain(under),
                )  # fmt: skip
        stated = table.total_weight
        if stated is not None and abs(stated.value - budget - total) > TOLERANCE:
            yield self._make(
                "weights-total", table.path, table.total_source, stated.text, plain(budget + total),
                printed=stated.text, total=plain(budget + total),
            )  # fmt: skip

    def _total(self) -> Iterator[Disagreement]:
        table, computed = self.table, self.evaluation.total
        if table.total is None:
            if table.rows:
                yield self._make(
                    "total-missing", table.path, table.total_source, None, fixed2(computed)
                )
            return
        parts = [table.funds.score, *(row.score for row in table.rows)]
        if all(part is not None for part in parts):
            added = sum((p.value for p in parts if p is not None), ZERO)
            if not table.total.agrees(added):
                yield self._make(
                    "total-sum-mismatch", table.path, table.total_source, table.total.text,
                    fixed2(added), total=fixed2(added),
                )  # fmt: skip
        if not table.total.agrees(computed):
            yield self._make(
                "total-score-mismatch",
                table.path,
                table.total_source,
                table.total.text,
                fixed2(computed),
            )

    def _grade(self) -> Iterator[Disagreement]:
        table = self.table
        if table.grade is None:
            return
        grade, source, path = compact(table.grade), table.grade_source, table.path
        if grade not in GRADES:
            yield self._make("grade-unreadable", path, source, table.grade)
            return
        bounds = self.config.grade_bounds
        bounds_text = "优 ≥ {}，良 ≥ {}，中 ≥ {}".format(*(plain(b) for b in bounds))
        if table.total is not None:
            own = grade_for(table.total.value, bounds).value
            if grade != own:
                yield self._make(
                    "grade-inconsistent", path, source, grade, None,
                    total=table.total.text, expected=own, bounds=bounds_text,
                )  # fmt: skip
                return
        expected = self.evaluation.grade.value
        if grade != expected:
            yield self._make(
                "grade-mismatch", path, source, grade, fixed2(self.evaluation.total),
                expected=expected, bounds=bounds_text,
            )  # fmt: skip


def _plain(value: Decimal | None) -> str:
    return "" if value is None else plain(value)
