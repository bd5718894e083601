"""Forms of the edit, create and import pages.

The edit page is one :class:`DeclarationEditor`: a header form, then for a 部门整体 table
the budget overview (预算整体情况), the overall goal, a formset of 年度重点工作任务 and one of
绩效指标; for a 项目支出 table a formset of projects, each holding a formset of its
indicators. Formset prefixes follow the item paths with ``/`` written ``-``
(``indicators``, ``tasks``, ``projects``, ``projects-0-indicators``), so field
``projects-0-indicators-2-annual_target`` is the 年度指标值 of item
``projects/0/indicators/2``. Rows are only ever appended (a removed row is ticked 删除), so
a row among a formset's initial rows shows the stored item at its position (``stored_index``,
the ``origin`` that :mod:`web.declarations.editing` merges by); later rows are new. Amounts are 万元 (the document's
money unit) with two decimals.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.http import QueryDict
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from jixiao import taxonomy
from jixiao.ingest.api import SUFFIXES
from jixiao.model import BUDGET_FIELDS, Document, DocumentKind, Indicator
from jixiao.review.finding import Finding
from web.declarations.editing import (
    PROJECT_FUNDS,
    DocumentEdit,
    IndicatorEdit,
    ProjectEdit,
    TargetPreview,
    TaskEdit,
    edit_from_document,
    indicator_edit,
    preview_target,
)
from web.declarations.findings import DeclarationFindings
from web.declarations.items import UnknownItemError, item_label
from web.declarations.models import KIND_CHOICES, Declaration
from web.organisations.models import Organisation

LEVEL1_CHOICES = [("", "（未选择）")] + [(c.name, f"{c.code} {c.name}") for c in taxonomy.LEVEL1]
LEVEL2_CHOICES = [("", "（未选择）")] + [(c.name, f"{c.code} {c.name}") for c in taxonomy.LEVEL2]


def taxonomy_map() -> dict[str, Any]:
    """The 一级 → 二级 tree for the dependent picker (``json_script``): ``children`` lists
    the 二级 names under each 一级, ``labels`` gives each 二级 its ``code name`` label."""
    return {
        "children": {c.name: [x.name for x in taxonomy.children(c.name)] for c in taxonomy.LEVEL1},
        "labels": dict(LEVEL2_CHOICES),
    }


# --------------------------------------------------------------------- widgets
# A project table has hundreds of rows, each of several inputs: these widgets build their
# HTML in Python instead of rendering one template per input (ten times faster).


class FastInput(Input):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        formatted = self.format_value(value)
        if formatted is not None:
            final["value"] = formatted
        return format_html('<input type="{}" name="{}"{}>', self.input_type, name, flatatt(final))


class TextInput(FastInput, forms.TextInput):
    pass


class AmountInput(FastInput, forms.TextInput):
    """An amount typed as text (``inputmode="decimal"``): a browser number input would send
    a mistyped amount as blank instead of letting the server say what is wrong with it."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"inputmode": "decimal", "class": "form-control form-control-sm money"}
        super().__init__(base | (attrs or {}))


class HiddenInput(FastInput, forms.HiddenInput):
    pass


class Textarea(forms.Textarea):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        text = self.format_value(value) or ""
        return format_html('<textarea name="{}"{}>\n{}</textarea>', name, flatatt(final), text)


class Select(forms.Select):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, mark_safe(" selected") if str(v) in chosen else "", label)
                for v, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


class CheckboxInput(forms.CheckboxInput):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        if self.check_test(value):
            final["checked"] = True
        return format_html('<input type="checkbox" name="{}"{}>', name, flatatt(final))


def money_field(label: str) -> forms.DecimalField:
    """An optional amount in 万元 with two decimals."""
    return forms.DecimalField(
        label=label, required=False, max_digits=14, decimal_places=2, widget=AmountInput
    )


def text_field(label: str, rows: int = 0) -> forms.CharField:
    """Optional text: one line, or a textarea of ``rows`` lines."""
    widget = Textarea(attrs={"rows": rows}) if rows else TextInput
    return forms.CharField(label=label, required=False, widget=widget)


class EditForm(forms.Form):
    """Bootstrap classes on the widgets, ``is-invalid`` on fields with errors, and the
    review findings about the item the form shows (``findings``, set by the editor).

    ``stored_index`` is the position of the stored item a formset row shows (rows are only
    ever appended, so it is the row's index among the formset's initial rows), ``None`` for
    a new row or a form that is not a row."""

    testids: ClassVar[dict[str, str]] = {}
    """``data-testid`` of each field's widget."""

    def __init__(self, *args: Any, stored_index: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored_index = stored_index
        self.findings: list[Finding] = []
        self.item_path = ""
        for name, field in self.fields.items():
            widget = field.widget
            if widget.is_hidden or isinstance(widget, forms.CheckboxInput):
                continue
            small = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else "form-control form-control-sm"
            )
            widget.attrs.setdefault("class", small)
            if name in self.testids:
                widget.attrs["data-testid"] = self.testids[name]

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"

    @property
    def anchor(self) -> str:
        """HTML id of the row (``item-projects-0-indicators-2``)."""
        return anchor(self.item_path) if self.item_path else ""


def anchor(path: str) -> str:
    """HTML id of the row showing item ``path``."""
    return "item-" + path.replace("/", "-")


class HeaderForm(EditForm):
    """The version the page shows (optimistic lock) and the department's name."""

    testids: ClassVar[dict[str, str]] = {"department": "field-department"}

    version = forms.IntegerField(min_value=1, widget=HiddenInput)
    department = forms.CharField(label="部门名称", required=False, max_length=100, widget=TextInput)


class GoalForm(EditForm):
    testids: ClassVar[dict[str, str]] = {"overall_goal": "field-overall-goal"}

    overall_goal = text_field("总体绩效目标", rows=4)


class BudgetForm(EditForm):
    """预算整体情况 in 万元 (the fields of :data:`jixiao.model.BUDGET_FIELDS`)."""

    testids: ClassVar[dict[str, str]] = {name: f"budget-{name}" for name in BUDGET_FIELDS}

    basic_expenditure = money_field(BUDGET_FIELDS["basic_expenditure"])
    project_expenditure = money_field(BUDGET_FIELDS["project_expenditure"])
    fiscal_appropriation = money_field(BUDGET_FIELDS["fiscal_appropriation"])
    other_funds = money_field(BUDGET_FIELDS["other_funds"])
    special_funds = money_field(BUDGET_FIELDS["special_funds"])
    other_development_expenditure = money_field(BUDGET_FIELDS["other_development_expenditure"])
    own_level_funds = money_field(BUDGET_FIELDS["own_level_funds"])
    transfer_funds = money_field(BUDGET_FIELDS["transfer_funds"])


class RowForm(EditForm):
    """A row of a formset: a new row must be named; a stored one may not lose its name."""

    required_name = "请填写名称"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = str(data.get("name") or "").strip()
        if not name and (self.stored_index is None or self.initial.get("name")):
            self.add_error("name", self.required_name)
        return data


class TaskForm(RowForm):
    """A 年度重点工作任务: 名称, 主要实施内容, 拟投入的资金（万元）, 期望达到的目标."""

    required_name = "请填写任务名称"
    testids: ClassVar[dict[str, str]] = {
        "name": "task-name",
        "content": "task-content",
        "amount": "task-amount",
    }

    name = text_field("任务名称")
    content = text_field("主要实施内容", rows=2)
    amount = money_field("拟投入的资金")
    expected_outcome = text_field("期望达到的目标", rows=2)


class IndicatorForm(RowForm):
    """An indicator row: 一级指标 and 二级指标 (canonical names, coded labels), 三级指标,
    实施周期指标值 and 年度指标值 with live feedback (``target-preview``)."""

    required_name = "请填写三级指标名称"
    testids: ClassVar[dict[str, str]] = {
        "level1": "level1-select",
        "level2": "level2-select",
        "name": "level3-input",
        "period_target": "period-target-input",
        "annual_target": "annual-target-input",
    }

    level1 = forms.ChoiceField(
        label="一级指标", required=False, choices=LEVEL1_CHOICES, widget=Select
    )
    level2 = forms.ChoiceField(
        label="二级指标", required=False, choices=LEVEL2_CHOICES, widget=Select
    )
    name = text_field("三级指标")
    period_target = text_field("实施周期指标值")
    annual_target = text_field("年度指标值")

    def __init__(self, *args: Any, with_period: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_period:
            del self.fields["period_target"]
        self.fields["level1"].widget.attrs["data-level1"] = ""
        self.fields["level2"].widget.attrs["data-level2"] = ""
        url = reverse("target-preview")
        for name in ("period_target", "annual_target"):
            if name not in self.fields:
                continue
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": url,
                    "hx-trigger": "keyup changed delay:300ms, change",
                    "hx-sync": "this:replace",
                    "hx-target": f"#{self[name].auto_id}-preview",
                    "hx-swap": "innerHTML",
                    "data-target-input": "",
                    "data-name-input": self["name"].auto_id,
                    "autocomplete": "off",
                }
            )

    @property
    def annual_preview(self) -> TargetPreview | None:
        return self._preview("annual_target")

    @property
    def period_preview(self) -> TargetPreview | None:
        return self._preview("period_target")

    def _preview(self, field: str) -> TargetPreview | None:
        if field not in self.fields:
            return None
        return preview_target(str(self[field].value() or ""), str(self["name"].value() or ""))

    @property
    def as_written(self) -> str:
        """The table's own category text when it is not simply the canonical pair
        (misfiled, unknown or missing categories), else ``""``."""
        level1 = self.initial.get("level1") or None
        level2 = self.initial.get("level2") or None
        written = [self.initial.get("level1_as_written"), self.initial.get("level2_as_written")]
        if not any(written):
            return ""
        misfiled = level2 is not None and level2 not in {
            c.name for c in taxonomy.children(level1 or "")
        }
        unknown = (written[0] and level1 is None) or (written[1] and level2 is None)
        return " / ".join(w for w in written if w) if misfiled or unknown else ""


class RowFormSetBase(forms.BaseFormSet[Any]):
    """Rows of one block (``tasks``, ``indicators``, ``projects``, ``projects-<n>-indicators``),
    each with a 删除 box and its ``stored_index``."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        stored = index is not None and index < self.initial_form_count()
        return kwargs | {"stored_index": index if stored else None}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        _label_delete(form)


def _label_delete(form: forms.Form) -> None:
    if "DELETE" in form.fields:
        form.fields["DELETE"].label = "删除"
        form.fields["DELETE"].widget = CheckboxInput(
            attrs={"class": "form-check-input", "data-testid": "delete-row"}
        )


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=RowFormSetBase, extra=0, can_delete=True
)
TaskFormSet = forms.formset_factory(TaskForm, formset=RowFormSetBase, extra=0, can_delete=True)


class ProjectForm(RowForm):
    """A project: 项目名称, 资金总额/财政拨款/财政专户拨款/其他资金（万元）, 绩效目标, and
    ``indicators``, the formset of its indicator rows (prefix ``<form prefix>-indicators``)."""

    required_name = "请填写项目名称"
    testids: ClassVar[dict[str, str]] = {"name": "project-name", "goal": "project-goal"} | {
        name: f"project-{name}" for name in PROJECT_FUNDS
    }

    name = text_field("项目名称")
    amount_total = money_field(PROJECT_FUNDS["amount_total"])
    fiscal_appropriation = money_field(PROJECT_FUNDS["fiscal_appropriation"])
    special_account_funds = money_field(PROJECT_FUNDS["special_account_funds"])
    other_funds = money_field(PROJECT_FUNDS["other_funds"])
    goal = text_field("绩效目标", rows=3)

    def __init__(self, *args: Any, with_period: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = IndicatorFormSet(
            self.data if self.is_bound else None,
            prefix=f"{self.prefix}-indicators",
            initial=self.initial.get("indicators") or [],
            form_kwargs={"with_period": with_period},
        )

    @property
    def funds(self) -> list[forms.BoundField]:
        """资金总额, 财政拨款, 财政专户拨款, 其他资金 (万元)."""
        return [self[name] for name in PROJECT_FUNDS]

    def has_changed(self) -> bool:
        """A new project counts as filled in when any of its indicator rows is."""
        return super().has_changed() or self.indicators.has_changed()


ProjectFormSet = forms.formset_factory(
    ProjectForm, formset=RowFormSetBase, extra=0, can_delete=True
)


# --------------------------------------------------------------------- the edit page


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    """Initial row data of a stored indicator, with its categories as written (for hints)."""
    return asdict(indicator_edit(indicator)) | {
        "level1_as_written": indicator.level1_as_written,
        "level2_as_written": indicator.level2_as_written,
    }


def has_period_targets(document: Document) -> bool:
    """Whether the page shows 实施周期指标值: always, except for an imported table that has
    none (the 2023 layouts print 年度指标值 only; the column would stay empty)."""
    indicators = document.all_indicators()
    return not indicators or any(x.period_target is not None for x in indicators)


class DeclarationEditor:
    """Every form of one declaration's edit page, unbound (showing the stored document) or
    bound to ``data`` (a POST). The header form carries the version the page showed.

    After :meth:`is_valid`, :meth:`to_edit` gives the
    :class:`~web.declarations.editing.DocumentEdit` to merge; :meth:`attach_findings` puts
    review findings beside the rows showing the items they concern.
    """

    def __init__(
        self, declaration: Declaration, data: QueryDict | MultiValueDict[str, Any] | None = None
    ) -> None:
        self.declaration = declaration
        self.document = document = declaration.as_document()
        self.is_department = document.kind is DocumentKind.DEPARTMENT
        self.money_unit = document.money_unit.value
        self.with_period = has_period_targets(document)
        self.header = HeaderForm(
            data,
            prefix="header",
            initial={"version": declaration.version, "department": document.department or ""},
        )
        row_kwargs = {"with_period": self.with_period}
        edit = edit_from_document(document)
        self.budget = BudgetForm(data, prefix="budget", initial=dict(edit.budget or {}))
        self.goal = GoalForm(data, prefix="goal", initial={"overall_goal": edit.overall_goal})
        self.tasks = TaskFormSet(
            data, prefix="tasks", initial=[asdict(t) for t in edit.tasks or ()]
        )
        self.indicators = IndicatorFormSet(
            data,
            prefix="indicators",
            initial=[indicator_initial(x) for x in document.indicators],
            form_kwargs=row_kwargs,
        )
        self.projects = ProjectFormSet(
            data, prefix="projects", initial=_project_initial(document), form_kwargs=row_kwargs
        )
        self.document_findings: list[Finding] = []
        self.budget_findings: list[Finding] = []
        self.summary: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}

    def is_valid(self) -> bool:
        """Validate every form of the page (all, so that every error shows at once)."""
        results = [part.is_valid() for part in self._parts()]
        return all(results)

    def _parts(self) -> list[Any]:
        if self.is_department:
            return [self.header, self.budget, self.goal, self.tasks, self.indicators]
        self.projects.is_valid()
        return [self.header, self.projects, *(f.indicators for f in self.live_projects())]

    def live_projects(self) -> list[ProjectForm]:
        """Project forms that are neither deleted nor blank new rows."""
        return [
            form
            for form in self.projects.forms
            if (form.has_changed() or form.stored_index is not None)
            and not getattr(form, "cleaned_data", {}).get("DELETE")
        ]

    def to_edit(self) -> DocumentEdit:
        """The user's edit (after :meth:`is_valid` returned ``True``); the blocks the page
        does not show for this kind of table are left ``None`` (kept as stored)."""
        department = str(self.header.cleaned_data.get("department") or "")
        if not self.is_department:
            projects = tuple(_project_edit(form) for form in self.live_projects())
            return DocumentEdit(department=department, projects=projects)
        budget: dict[str, Decimal | None] = {
            n: self.budget.cleaned_data.get(n) for n in BUDGET_FIELDS
        }
        return DocumentEdit(
            department=department,
            overall_goal=str(self.goal.cleaned_data.get("overall_goal") or ""),
            budget=budget,
            tasks=tuple(_task_edit(form) for form in _kept(self.tasks)),
            indicators=tuple(_indicator_edit(form) for form in _kept(self.indicators)),
        )

    @property
    def version(self) -> int:
        """The version the user saw (after a successful :meth:`is_valid`)."""
        return int(self.header.cleaned_data["version"])

    def attach_findings(self, located: DeclarationFindings) -> None:
        """Put each finding beside the row showing the stored item it concerns, and build
        the summary: ``counts`` per severity and ``summary`` rows (finding, path, anchor,
        label of the item)."""
        by_path = located.by_path()
        self.counts = located.counts()
        self.document_findings = by_path.get("", [])
        self.budget_findings = by_path.get("budget", [])
        for form, path in self._rows_with_paths():
            form.item_path = path or ""
            form.findings = by_path.get(path, []) if path else []
        stored = self.declaration.document
        self.summary = [
            {
                "finding": item.finding,
                "path": item.path,
                "anchor": anchor(item.path) if item.path else "",
                "label": _label(stored, item.path),
            }
            for item in located.items
        ]

    def _rows_with_paths(self) -> list[tuple[EditForm, str | None]]:
        """Each row form with the path of the stored item it shows (``None``: a new row)."""
        if self.is_department:
            return [(f, _path("tasks", f.stored_index)) for f in self.tasks.forms] + [
                (f, _path("indicators", f.stored_index)) for f in self.indicators.forms
            ]
        rows: list[tuple[EditForm, str | None]] = []
        for project in self.projects.forms:
            base = _path("projects", project.stored_index)
            rows.append((project, base))
            for form in project.indicators.forms:
                rows.append(
                    (form, _path(f"{base}/indicators", form.stored_index) if base else None)
                )
        return rows

    def row_templates(self) -> dict[str, EditForm]:
        """Blank rows the page's script copies when the user adds one (``__fs__`` stands for
        the formset prefix, ``__prefix__`` for the row index)."""
        indicator = IndicatorForm(
            prefix="__fs__-__prefix__",
            with_period=self.with_period,
            empty_permitted=True,
            use_required_attribute=False,
        )
        indicator.fields["DELETE"] = forms.BooleanField(label="删除", required=False)
        _label_delete(indicator)
        if self.is_department:
            return {"indicator": indicator, "task": self.tasks.empty_form}
        return {"indicator": indicator, "project": self.projects.empty_form}


def _kept(formset: forms.BaseFormSet[Any]) -> list[Any]:
    """The row forms to keep: not deleted, not blank new rows."""
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def _path(base: str, index: int | None) -> str | None:
    return None if index is None else f"{base}/{index}"


def _label(document: dict[str, Any], path: str) -> str:
    try:
        return item_label(document, path)
    except UnknownItemError:
        return path


def _project_initial(document: Document) -> list[dict[str, Any]]:
    rows = []
    for project, row in zip(
        document.projects, edit_from_document(document).projects or (), strict=True
    ):
        data = {k: v for k, v in asdict(row).items() if k not in ("indicators", "origin")}
        data["indicators"] = [indicator_initial(x) for x in project.indicators]
        rows.append(data)
    return rows


def _indicator_edit(form: IndicatorForm) -> IndicatorEdit:
    data = form.cleaned_data
    period = data.get("period_target") if "period_target" in form.fields else None
    return IndicatorEdit(
        name=str(data.get("name") or ""),
        level1=str(data.get("level1") or ""),
        level2=str(data.get("level2") or ""),
        period_target=None if period is None else str(period),
        annual_target=str(data.get("annual_target") or ""),
        origin=form.stored_index,
    )


def _task_edit(form: TaskForm) -> TaskEdit:
    data = form.cleaned_data
    return TaskEdit(
        name=str(data.get("name") or ""),
        content=str(data.get("content") or ""),
        amount=data.get("amount"),
        expected_outcome=str(data.get("expected_outcome") or ""),
        origin=form.stored_index,
    )


def _project_edit(form: ProjectForm) -> ProjectEdit:
    data = form.cleaned_data
    return ProjectEdit(
        name=str(data.get("name") or ""),
        **{name: data.get(name) for name in PROJECT_FUNDS},
        goal=str(data.get("goal") or ""),
        indicators=tuple(_indicator_edit(f) for f in _kept(form.indicators)),
        origin=form.stored_index,
    )


# --------------------------------------------------------------------- create and import


def department_choices() -> Any:
    """Budget departments (预算部门), for an administrator choosing whose declaration."""
    return Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT).order_by("name")


class CreateForm(forms.Form):
    """A blank declaration: 表类型, 预算年度 and (administrators only) 申报部门."""

    kind = forms.ChoiceField(label="表类型", choices=KIND_CHOICES, widget=forms.RadioSelect)
    fiscal_year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    organisation = forms.ModelChoiceField(
        label="申报部门", queryset=Organisation.objects.none(), empty_label="（请选择）"
    )

    def __init__(self, *args: Any, choose_department: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _department_field(self, choose_department)
        self.fields["fiscal_year"].widget.attrs.update(
            {"class": "form-control", "data-testid": "field-fiscal-year"}
        )
        self.fields["kind"].widget.attrs.update(
            {"class": "form-check-input", "data-testid": "field-kind"}
        )


ACCEPT = ",".join([*SUFFIXES, "text/plain"])
"""File types offered by the upload dialog (a hint: other files are read and judged too)."""


class ImportForm(forms.Form):
    """A published table file, the 预算年度 when the table does not print it, and
    (administrators only) the department it belongs to."""

    file = forms.FileField(label="绩效目标表文件", allow_empty_file=True)
    fiscal_year = forms.IntegerField(
        label="预算年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="表中未写明预算年度时必填（如天河区项目支出表、越秀区部门整体表）",
    )
    organisation = forms.ModelChoiceField(
        label="申报部门", queryset=Organisation.objects.none(), empty_label="（请选择）"
    )

    def __init__(self, *args: Any, choose_department: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _department_field(self, choose_department)
        self.fields["file"].widget.attrs.update(
            {"class": "form-control", "data-testid": "field-file", "accept": ACCEPT}
        )
        self.fields["fiscal_year"].widget.attrs.update(
            {"class": "form-control", "data-testid": "field-fiscal-year"}
        )


def _department_field(form: forms.Form, choose: bool) -> None:
    """Administrators choose the department; an officer declares for their own."""
    if not choose:
        del form.fields["organisation"]
        return
    field = form.fields["organisation"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = department_choices()
    field.widget.attrs.update({"class": "form-select", "data-testid": "field-organisation"})
