"""Compact, hand-checkable projection of an imported document for expected-output files.

Only what the source text states is kept (names, amounts as printed strings, categories as
written, raw target texts, source lines), so the expected files can be checked line by line
against ``samples/`` without knowing how targets are parsed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model import Document, Indicator


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:,.2f}"


def _raw(indicator: Indicator, which: str) -> str | None:
    target = getattr(indicator, which)
    return None if target is None else str(target.raw)


def indicator_row(indicator: Indicator) -> list[Any]:
    """``[line, number, level1 as written, level2 as written, name, period raw, annual raw]``."""
    return [
        indicator.source.line,
        indicator.number,
        indicator.level1_as_written,
        indicator.level2_as_written,
        indicator.name,
        _raw(indicator, "period_target"),
        _raw(indicator, "annual_target"),
    ]


def project(document: Document) -> dict[str, Any]:
    """The projection of ``document`` stored in ``tests/fixtures/expected/<sample>.json``."""
    out: dict[str, Any] = {
        "kind": document.kind.value,
        "layout": document.layout,
        "department": document.department,
        "fiscal_year": document.fiscal_year,
        "money_unit": document.money_unit.value,
    }
    if document.budget is not None:
        out["budget"] = {
            name: [_money(document.budget.get(name)), src.line]
            for name, src in document.budget.sources.items()
        }
    out["tasks"] = [
        [t.source.line, t.group, t.number, t.name, _money(t.amount)] for t in document.tasks
    ]
    out["indicators"] = [indicator_row(i) for i in document.indicators]
    out["empty_categories"] = [
        [c.source.line, c.level1, c.level2] for c in document.empty_categories
    ]
    out["subtotals"] = [
        [
            s.source.line,
            s.label,
            s.grand_total,
            _money(s.amount_total),
            _money(s.fiscal_appropriation),
        ]
        for s in document.subtotals
    ]
    out["projects"] = [
        {
            "lines": [p.source.line, p.source.end_line],
            "name": p.name,
            "unit": p.unit,
            "funds": [
                _money(p.amount_total),
                _money(p.fiscal_appropriation),
                _money(p.special_account_funds),
                _money(p.other_funds),
            ],
            "goal_start": (p.goal or "")[:12],
            "notes": p.notes,
            "indicators": [indicator_row(i) for i in p.indicators],
        }
        for p in document.projects
    ]
    out["issues"] = [[i.source.line, i.code] for i in document.issues]
    out["notes"] = document.notes
    return out
