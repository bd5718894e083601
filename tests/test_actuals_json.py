"""Actuals survive JSON exactly; malformed JSON is refused with the field named."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
    QualitativeGrade,
)
from jixiao.actuals_json import actuals_from_dict, actuals_to_dict

decimals = st.decimals(
    allow_nan=False, allow_infinity=False, places=2, min_value=-1e9, max_value=1e9
)
periods = st.builds(Period, st.integers(2000, 2100), st.integers(1, 12))
indicator_actuals = st.builds(
    IndicatorActual,
    path=st.from_regex(r"(projects/[0-9]/)?indicators/[0-9]{1,2}", fullmatch=True),
    indicator_name=st.text(max_size=10),
    as_of=st.none() | periods,
    completed=st.none() | decimals,
    completed_text=st.none() | st.text(max_size=10),
    expected_full_year=st.none() | decimals,
    grade=st.none() | st.sampled_from(QualitativeGrade),
    reasons=st.lists(st.sampled_from(DeviationReason), unique=True).map(tuple),
    reason_text=st.text(max_size=20),
    likelihood=st.none() | st.sampled_from(Likelihood),
    score=st.none() | decimals,
    deduction=decimals,
)
executions = st.builds(
    BudgetExecution,
    path=st.sampled_from(["", "projects/0", "projects/12"]),
    executed=decimals,
    as_of=st.none() | periods,
    budget=st.none() | decimals,
    initial_budget=st.none() | decimals,
    reason_text=st.text(max_size=20),
)


@given(
    st.builds(
        Actuals,
        st.none() | periods,
        st.lists(indicator_actuals, max_size=4),
        st.lists(executions, max_size=3),
    )
)
def test_round_trip_through_json_text(actuals: Actuals) -> None:
    text = json.dumps(actuals_to_dict(actuals), ensure_ascii=False)
    assert actuals_from_dict(json.loads(text)) == actuals


def test_shape_of_one_row() -> None:
    actuals = Actuals(
        as_of=Period(2025, 7),
        indicators=[
            IndicatorActual("projects/0/indicators/2", "慰问活动次数", completed=Decimal("40"))
        ],
        executions=[BudgetExecution("projects/0", Decimal("120.50"))],
    )
    data = actuals_to_dict(actuals)
    assert data["as_of"] == {"year": 2025, "month": 7}
    assert data["indicators"][0]["completed"] == "40"
    assert data["executions"][0] == {
        "path": "projects/0",
        "executed": "120.50",
        "as_of": None,
        "budget": None,
        "initial_budget": None,
        "reason_text": "",
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"indicators": [{"path": "indicators/0", "completed": "四十"}]}, "indicators/0.completed"),
        ({"indicators": [{"path": "indicators/0", "reasons": ["天气"]}]}, "indicators/0.reasons"),
        (
            {"indicators": [{"path": "indicators/0", "as_of": {"year": 2025, "month": 13}}]},
            "indicators/0.as_of",
        ),
        ({"executions": [{"path": "projects/1"}]}, "projects/1"),
        ({"executions": [{"path": "", "executed": "NaN"}]}, ".executed"),
    ],
)
def test_malformed_fields_are_named(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=field.replace(".", r"\.")):
        actuals_from_dict(data)
