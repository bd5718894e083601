"""JSON form of :class:`jixiao.actuals.Actuals` (stored by the web app, written by the CLI).

Shape::

    {"as_of": {"year": 2025, "month": 7} | null,
     "indicators": [{"path": "projects/0/indicators/2", "indicator_name": "…",
                     "as_of": {...} | null, "completed": "40" | null,
                     "completed_text": "…" | null, "expected_full_year": "100" | null,
                     "grade": "达成年度指标" | null, "reasons": ["经费保障", …],
                     "reason_text": "…", "likelihood": "有可能" | null,
                     "score": "9.5" | null, "deduction": "0"}],
     "executions": [{"path": "projects/0" | "", "executed": "120.5",
                     "as_of": {...} | null, "budget": "300" | null,
                     "initial_budget": null, "reason_text": ""}]}

Numbers are decimal strings so no precision is lost (money in 万元). :func:`actuals_from_dict`
raises :class:`ValueError` naming the field for malformed input.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
    QualitativeGrade,
)

JsonDict = dict[str, Any]
E = TypeVar("E", QualitativeGrade, Likelihood, DeviationReason)


def actuals_to_dict(actuals: Actuals) -> JsonDict:
    """The JSON-ready dict of ``actuals`` (see the module docstring for the shape)."""
    return {
        "as_of": _period_out(actuals.as_of),
        "indicators": [_indicator_out(a) for a in actuals.indicators],
        "executions": [_execution_out(e) for e in actuals.executions],
    }


def actuals_from_dict(data: JsonDict) -> Actuals:
    """Inverse of :func:`actuals_to_dict`; raises :class:`ValueError` on malformed data."""
    return Actuals(
        as_of=_period_in(data.get("as_of"), "as_of"),
        indicators=[_indicator_in(item) for item in data.get("indicators", [])],
        executions=[_execution_in(item) for item in data.get("executions", [])],
    )


def _indicator_out(a: IndicatorActual) -> JsonDict:
    return {
        "path": a.path,
        "indicator_name": a.indicator_name,
        "as_of": _period_out(a.as_of),
        "completed": _dec_out(a.completed),
        "completed_text": a.completed_text,
        "expected_full_year": _dec_out(a.expected_full_year),
        "grade": a.grade.value if a.grade else None,
        "reasons": [r.value for r in a.reasons],
        "reason_text": a.reason_text,
        "likelihood": a.likelihood.value if a.likelihood else None,
        "score": _dec_out(a.score),
        "deduction": _dec_out(a.deduction),
    }


def _indicator_in(item: JsonDict) -> IndicatorActual:
    path = str(item["path"])
    return IndicatorActual(
        path=path,
        indicator_name=str(item.get("indicator_name") or ""),
        as_of=_period_in(item.get("as_of"), f"{path}.as_of"),
        completed=_dec_in(item.get("completed"), f"{path}.completed"),
        completed_text=item.get("completed_text"),
        expected_full_year=_dec_in(item.get("expected_full_year"), f"{path}.expected_full_year"),
        grade=_enum_in(QualitativeGrade, item.get("grade"), f"{path}.grade"),
        reasons=tuple(
            _required(_enum_in(DeviationReason, r, f"{path}.reasons"))
            for r in _checked(item.get("reasons", []), f"{path}.reasons")
        ),
        reason_text=str(item.get("reason_text") or ""),
        likelihood=_enum_in(Likelihood, item.get("likelihood"), f"{path}.likelihood"),
        score=_dec_in(item.get("score"), f"{path}.score"),
        deduction=_dec_in(item.get("deduction"), f"{path}.deduction") or Decimal(0),
    )


def _execution_out(e: BudgetExecution) -> JsonDict:
    return {
        "path": e.path,
        "executed": _dec_out(e.executed),
        "as_of": _period_out(e.as_of),
        "budget": _dec_out(e.budget),
        "initial_budget": _dec_out(e.initial_budget),
        "reason_text": e.reason_text,
    }


def _execution_in(item: JsonDict) -> BudgetExecution:
    path = str(item.get("path") or "")
    executed = _dec_in(item.get("executed"), f"{path}.executed")
    if executed is None:
        raise ValueError(f"{path or '部门'}：缺少执行数 executed")
    return BudgetExecution(
        path=path,
        executed=executed,
        as_of=_period_in(item.get("as_of"), f"{path}.as_of"),
        budget=_dec_in(item.get("budget"), f"{path}.budget"),
        initial_budget=_dec_in(item.get("initial_budget"), f"{path}.initial_budget"),
        reason_text=str(item.get("reason_text") or ""),
    )


def _period_out(period: Period | None) -> JsonDict | None:
    return None if period is None else {"year": period.year, "month": period.month}


def _period_in(value: object, field: str) -> Period | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"{field}：应为 {{year, month}}")
    try:
        return Period(int(value["year"]), int(value["month"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{field}：{error}") from error


def _dec_out(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _dec_in(value: object, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{field}：不是数字 {value!r}")
    try:
        result = Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError(f"{field}：不是数字 {value!r}") from error
    if not result.is_finite():
        raise ValueError(f"{field}：不是有限数字 {value!r}")
    return result


def _enum_in(kind: type[E], value: object, field: str) -> E | None:
    if value is None or value == "":
        return None
    try:
        return kind(str(value))
    except ValueError as error:
        raise ValueError(f"{field}：无法识别 {value!r}") from error


def _checked(value: object, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{field}：应为列表")
    return value


def _required(value: E | None) -> E:
    if value is None:
        raise ValueError("偏差原因不能为空")
    return value
