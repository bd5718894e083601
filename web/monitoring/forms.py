"""Forms of the actuals page: one row per indicator and one per budget line, as formsets.

Each form is bound to the read-only row it belongs to (:mod:`web.monitoring.rows`) and
carries that row's item path in a hidden field; a posted path that does not match the
declaration (the declaration changed since the page was opened) is an error, never a value
stored on the wrong item. Forms turn their cleaned data into :mod:`jixiao.actuals` values,
keeping what the form does not show (hand-entered scores, 扣分, 调整后预算数) from the
stored actuals.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from jixiao.actuals import (
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
    QualitativeGrade,
)
from jixiao.monitoring import PRESETS
from web.monitoring.rows import BudgetRow, IndicatorRow

MONTH_CHOICES = [
    (m, f"{m}月" + {3: "（一季度）", 6: "（二季度）", 9: "（三季度）", 12: "（全年）"}.get(m, ""))
    for m in range(1, 13)
]
GRADE_CHOICES = [("", "—"), *((g.value, g.value) for g in QualitativeGrade)]
LIKELIHOOD_CHOICES = [("", "—"), *((v.value, v.value) for v in Likelihood)]
REASON_CHOICES = [(r.value, r.value) for r in DeviationReason]

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_MAX_AMOUNT = Decimal("1e12")


def parse_number(text: str, unit: str | None) -> Decimal | None:
    """The number in ``text`` (``"1,234.5"``, ``"98%"``, ``"12人"`` with unit ``人``), or
    ``None`` when ``text`` is not a plain number in the row's unit."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace("％", "%")
    for suffix in filter(None, (unit, "%")):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def style(form: forms.Form, testid_prefix: str) -> None:
    """Bootstrap classes and a ``data-testid`` (``<prefix>-<field>``) on every visible widget."""
    for name, bound in form.fields.items():
        widget = bound.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        widget.attrs.setdefault("class", css)
        widget.attrs["data-testid"] = f"{testid_prefix}-{name.replace('_', '-')}"


class PeriodForm(forms.Form):
    """The period of the report: the declaration's fiscal year and a month (1–12)."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    month = forms.TypedChoiceField(label="截至月份", choices=MONTH_CHOICES, coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self, "period")


class SaveForm(forms.Form):
    """The version of the report the page showed (0: none yet) and a note for the history."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(label="填报说明（记入修改记录）", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self, "actuals")


class IndicatorActualForm(forms.Form):
    """One indicator: 截至月份, 累计完成值, 全年预计完成值, 定性评价, 偏差原因, 原因说明 and
    完成目标可能性. All blank means "not reported"."""

    path = forms.CharField(widget=forms.HiddenInput)
    month = forms.TypedChoiceField(label="截至月份", choices=MONTH_CHOICES, coerce=int)
    completed = forms.CharField(label="累计完成值", required=False, max_length=200)
    expected_full_year = forms.DecimalField(
        label="全年预计完成值", required=False, max_digits=20, decimal_places=6
    )
    grade = forms.ChoiceField(label="定性评价", choices=GRADE_CHOICES, required=False)
    reasons = forms.MultipleChoiceField(
        label="偏差原因",
        choices=REASON_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason_text = forms.CharField(label="原因说明", required=False, max_length=1000)
    likelihood = forms.ChoiceField(
        label="完成目标可能性", choices=LIKELIHOOD_CHOICES, required=False
    )

    def __init__(self, *args: Any, row: IndicatorRow, report_month: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        self.report_month = report_month
        style(self, "actual")
        placeholder = (
            "完成情况（文字）"
            if row.qualitative
            else f"数字{f'（{row.unit}）' if row.unit else ''}"
        )
        self.fields["completed"].widget.attrs["placeholder"] = placeholder

    def clean_path(self) -> str:
        path = str(self.cleaned_data["path"])
        if path != self.row.path:
            raise ValidationError("申报内容已变化，请刷新页面后重新填写")
        return path

    def clean_month(self) -> int:
        month = int(self.cleaned_data["month"])
        if month > self.report_month:
            raise ValidationError(f"截至月份不能晚于填报期间（{self.report_month}月）")
        return month

    def clean_completed(self) -> str:
        text = str(self.cleaned_data["completed"]).strip()
        if text and not self.row.qualitative and parse_number(text, self.row.unit) is None:
            raise ValidationError("定量指标的累计完成值应为数字（可带 % 或计量单位）")
        return text

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(
            (
                data.get("completed"),
                data.get("expected_full_year") is not None,
                data.get("grade"),
                data.get("reasons"),
                str(data.get("reason_text") or "").strip(),
                data.get("likelihood"),
            )
        )

    def to_actual(self, year: int, stored: IndicatorActual | None) -> IndicatorActual | None:
        """The :class:`IndicatorActual` entered (``None`` when the row is blank); hand-entered
        ``score`` and ``deduction`` of ``stored`` are kept."""
        if self.is_blank():
            return None
        data = self.cleaned_data
        text = str(data["completed"])
        number = parse_number(text, self.row.unit) if text else None
        base = stored or IndicatorActual(path=self.row.path)
        return replace(
            base,
            indicator_name=self.row.name,
            as_of=Period(year, int(data["month"])),
            completed=number,
            completed_text=text if text and (number is None or text != str(number)) else None,
            expected_full_year=data.get("expected_full_year"),
            grade=QualitativeGrade(data["grade"]) if data.get("grade") else None,
            reasons=tuple(DeviationReason(r) for r in data.get("reasons") or ()),
            reason_text=str(data.get("reason_text") or "").strip(),
            likelihood=Likelihood(data["likelihood"]) if data.get("likelihood") else None,
        )


def indicator_initial(
    row: IndicatorRow, actual: IndicatorActual | None, month: int
) -> dict[str, Any]:
    """Initial values of a row's form from the stored ``actual`` (or blank)."""
    if actual is None:
        return {"path": row.path, "month": month}
    completed = actual.completed_text or (
        format(actual.completed, "f") if actual.completed is not None else ""
    )
    return {
        "path": row.path,
        "month": actual.as_of.month if actual.as_of else month,
        "completed": completed,
        "expected_full_year": actual.expected_full_year,
        "grade": actual.grade.value if actual.grade else "",
        "reasons": [r.value for r in actual.reasons],
        "reason_text": actual.reason_text,
        "likelihood": actual.likelihood.value if actual.likelihood else "",
    }


class BudgetExecutionForm(forms.Form):
    """One budget line: 累计执行数 (万元) and 原因说明. Blank means "not reported"."""

    path = forms.CharField(widget=forms.HiddenInput, required=False)
    executed = forms.DecimalField(
        label="累计执行数（万元）", required=False, max_digits=20, decimal_places=6, min_value=0
    )
    reason_text = forms.CharField(label="原因说明", required=False, max_length=1000)
    goal_completion = forms.CharField(
        label="年度目标实际完成情况",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, row: BudgetRow, report_month: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        self.report_month = report_month
        style(self, "budget")

    def clean_path(self) -> str:
        path = str(self.cleaned_data.get("path") or "")
        if path != self.row.path:
            raise ValidationError("申报内容已变化，请刷新页面后重新填写")
        return path

    def clean_executed(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("executed")
        if value is not None and value >= _MAX_AMOUNT:
            raise ValidationError("金额过大，请按万元填写")
        return value

    def to_execution(
        self, period: Period, stored: BudgetExecution | None
    ) -> BudgetExecution | None:
        """The :class:`BudgetExecution` entered (``None`` when blank); 全年预算数 / 年初预算数
        reported earlier (调整后预算数 from an imported template) are kept."""
        executed = self.cleaned_data.get("executed")
        if executed is None:
            return None
        reason = str(self.cleaned_data.get("reason_text") or "").strip()
        if stored is None:
            return BudgetExecution(self.row.path, executed, period, reason_text=reason)
        return replace(stored, executed=executed, as_of=period, reason_text=reason)


def budget_initial(
    row: BudgetRow, execution: BudgetExecution | None, goal_text: str = ""
) -> dict[str, Any]:
    """Initial values of a budget line's form from the stored ``execution`` (or blank) and
    the stored 年度目标实际完成情况."""
    initial: dict[str, Any] = {"path": row.path, "goal_completion": goal_text}
    if execution is not None:
        initial.update(executed=execution.executed, reason_text=execution.reason_text)
    return initial


class RowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """A formset with exactly one form per row; each form gets its row and the month."""

    def __init__(self, *args: Any, rows: list[Any], report_month: int, **kwargs: Any) -> None:
        self.rows = rows
        self.report_month = report_month
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs(index)
        if index is not None and index < len(self.rows):
            kwargs["row"] = self.rows[index]
        kwargs["report_month"] = self.report_month
        return kwargs

    def total_form_count(self) -> int:
        return len(self.rows)


IndicatorFormSet = cast(
    type[RowFormSet], forms.formset_factory(IndicatorActualForm, formset=RowFormSet, extra=0)
)
"""Prefix ``ind``: one :class:`IndicatorActualForm` per :class:`IndicatorRow`."""
BudgetFormSet = cast(
    type[RowFormSet], forms.formset_factory(BudgetExecutionForm, formset=RowFormSet, extra=0)
)
"""Prefix ``bud``: one :class:`BudgetExecutionForm` per :class:`BudgetRow`."""


PRESET_LABELS = {
    "default": "通用默认：红 <60%，黄 60–80%，绿 80–120%，蓝 ≥120%；红黄灯须说明原因",
    "shanxi": "山西：仅数量、效益、满意度指标按序时进度，其余达标为绿、否则为红",
    "ningxia": "宁夏：仅红灯须填偏差原因",
    "tianjin": "天津：完成可能性为“有可能/完全不可能”时须填全年预计完成值和偏差原因",
    "hebei": "河北：超额完成（蓝灯）也须作偏差分析",
}
"""Chinese labels of :data:`jixiao.monitoring.PRESETS` (REFERENCE.md §5 [V])."""
PRESET_NAMES = {name: label.split("：", 1)[0] for name, label in PRESET_LABELS.items()}
"""Short names: 通用默认, 山西, 宁夏, 天津, 河北."""


class SettingsForm(forms.Form):
    """Per-declaration weights of the self-evaluation and the monitoring preset.

    Defaults: 预算执行率 10, 产出 50, 效益 30, 满意度 10 (REFERENCE.md §6); preset ``default``
    (REFERENCE.md §5 vendor thresholds).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    budget_weight = forms.DecimalField(
        label="预算执行率分值", min_value=0, max_value=100, decimal_places=2
    )
    output_weight = forms.DecimalField(
        label="产出指标分值", min_value=0, max_value=100, decimal_places=2
    )
    benefit_weight = forms.DecimalField(
        label="效益指标分值", min_value=0, max_value=100, decimal_places=2
    )
    satisfaction_weight = forms.DecimalField(
        label="满意度指标分值", min_value=0, max_value=100, decimal_places=2
    )
    cost_share = forms.DecimalField(
        label="成本指标占产出指标分值的比例（0–1，留空则与产出二级指标平分）",
        required=False,
        min_value=0,
        max_value=1,
        decimal_places=4,
    )
    split = forms.ChoiceField(
        label="分值分配方式",
        choices=[("groups", "先按二级指标平分，再按三级指标平分"), ("rows", "按三级指标平分")],
    )
    over_achievement_ratio = forms.DecimalField(
        label="超额完成提示倍数", min_value=Decimal("1.01"), max_value=10, decimal_places=2
    )
    strict_comparisons = forms.BooleanField(label="“＞”“＜”按严格不等判断", required=False)
    monitoring_preset = forms.ChoiceField(
        label="监控预警规则", choices=[(name, PRESET_LABELS.get(name, name)) for name in PRESETS]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self, "settings")
