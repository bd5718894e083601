"""Form data ⇄ document, without Django: what the edit page shows and what a save merges."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import load
from jixiao.model import BUDGET_FIELDS, Document, DocumentKind, Operator, Source
from jixiao.serialize import document_to_dict
from web.declarations.editing import (
    DocumentEdit,
    IndicatorEdit,
    ProjectEdit,
    TaskEdit,
    apply_edit,
    edit_from_document,
    preview_target,
    web_file,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
WEB = web_file(7)


def sample(name: str) -> Document:
    return load(SAMPLES / name)


def tianhe_department() -> Document:
    return sample("tianhe-2025-department-tabbed-html.txt")


def tianhe_projects() -> Document:
    return sample("tianhe-2025-project-pdftext.txt")


def with_indicator(edit: DocumentEdit, index: int, **changes: object) -> DocumentEdit:
    assert edit.indicators is not None
    rows = list(edit.indicators)
    rows[index] = dataclasses.replace(rows[index], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(edit, indicators=tuple(rows))


def with_project_indicator(
    edit: DocumentEdit, project: int, index: int, **changes: object
) -> DocumentEdit:
    assert edit.projects is not None
    projects = list(edit.projects)
    rows = list(projects[project].indicators)
    rows[index] = dataclasses.replace(rows[index], **changes)  # type: ignore[arg-type]
    projects[project] = dataclasses.replace(projects[project], indicators=tuple(rows))
    return dataclasses.replace(edit, projects=tuple(projects))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_unchanged_edit_gives_back_the_same_document(path: Path) -> None:
    document = load(path)
    merged = apply_edit(document, edit_from_document(document), source_file=WEB)
    assert merged == document
    assert document_to_dict(merged, with_source_text=True) == document_to_dict(
        document, with_source_text=True
    )


def test_edit_shows_what_the_form_shows_for_each_kind() -> None:
    department = edit_from_document(tianhe_department())
    assert department.projects is None
    assert department.budget is not None and set(department.budget) == set(BUDGET_FIELDS)
    assert department.tasks is not None and len(department.tasks) == 4
    assert department.indicators is not None and len(department.indicators) == 23
    projects = edit_from_document(tianhe_projects())
    assert (projects.tasks, projects.indicators, projects.budget) == (None, None, None)
    assert projects.projects is not None and len(projects.projects) == 22
    assert sum(len(p.indicators) for p in projects.projects) == 110
    first = projects.projects[0].indicators[0]
    assert (first.level1, first.level2, first.annual_target, first.origin) == (
        "产出指标",
        "数量指标",
        "100%",
        0,
    )


def test_apply_does_not_modify_the_stored_document() -> None:
    document = tianhe_department()
    before = document_to_dict(document)
    edit = with_indicator(edit_from_document(document), 0, annual_target="≥5家")
    apply_edit(document, edit, source_file=WEB)
    assert document_to_dict(document) == before


def test_changed_target_is_parsed_with_the_indicator_name() -> None:
    document = sample("guangzhou-2023-project-tabbed.txt")
    edit = with_project_indicator(edit_from_document(document), 20, 3, annual_target="≥99")
    merged = apply_edit(document, edit, source_file=WEB)
    indicator = merged.projects[20].indicators[3]
    assert indicator.name == "办公场所安保措施到位率"
    target = indicator.annual_target
    assert target is not None
    assert (target.operator, target.value, target.unit) == (Operator.GE, Decimal(99), None)
    assert indicator.source == document.projects[20].indicators[3].source


def test_renamed_indicator_reparses_its_targets_for_the_unit_in_the_name() -> None:
    document = tianhe_department()
    name = "业务宣传活动（场次）"
    position = next(i for i, x in enumerate(document.indicators) if x.name == name)
    edit = with_indicator(
        edit_from_document(document), position, name="业务宣传活动", annual_target="≥21"
    )
    merged = apply_edit(document, edit, source_file=WEB).indicators[position]
    assert merged.annual_target is not None and merged.annual_target.unit is None
    assert merged.period_target is not None and merged.period_target.raw == "≥21场"


def test_blank_target_removes_it() -> None:
    document = tianhe_department()
    edit = with_indicator(edit_from_document(document), 0, period_target="  ")
    assert apply_edit(document, edit, source_file=WEB).indicators[0].period_target is None


def test_period_target_not_shown_is_kept() -> None:
    document = tianhe_department()
    edit = with_indicator(edit_from_document(document), 0, period_target=None)
    merged = apply_edit(document, edit, source_file=WEB)
    assert merged.indicators[0].period_target == document.indicators[0].period_target


def test_misfiled_category_is_kept_as_written_until_changed() -> None:
    document = tianhe_projects()
    misfiled = document.projects[3].indicators[3]
    assert (misfiled.level1_as_written, misfiled.level2_as_written) == (
        "2-效益指标",
        "31-服务对象满意度",
    )
    edit = with_project_indicator(edit_from_document(document), 3, 3, name="慰问对象满意度")
    kept = apply_edit(document, edit, source_file=WEB).projects[3].indicators[3]
    assert (kept.level1, kept.level1_as_written, kept.level1_code) == (
        "效益指标",
        "2-效益指标",
        "2",
    )
    assert (kept.level2, kept.level2_as_written, kept.level2_code) == (
        "服务对象满意度指标",
        "31-服务对象满意度",
        "31",
    )
    moved_edit = with_project_indicator(edit_from_document(document), 3, 3, level1="满意度指标")
    moved = apply_edit(document, moved_edit, source_file=WEB).projects[3].indicators[3]
    assert (moved.level1, moved.level1_as_written, moved.level1_code) == (
        "满意度指标",
        "3-满意度指标",
        "3",
    )
    assert moved.level2_as_written == "31-服务对象满意度"


def test_category_in_a_table_without_codes_is_written_by_name() -> None:
    document = tianhe_department()
    edit = with_indicator(edit_from_document(document), 0, level2="质量指标")
    merged = apply_edit(document, edit, source_file=WEB).indicators[0]
    assert (merged.level2, merged.level2_as_written, merged.level2_code) == (
        "质量指标",
        "质量指标",
        None,
    )
    cleared = apply_edit(
        document, with_indicator(edit_from_document(document), 0, level2=""), source_file=WEB
    ).indicators[0]
    assert (cleared.level2, cleared.level2_as_written, cleared.level2_code) == (None, None, None)


def test_new_rows_get_a_web_source_with_their_row_number() -> None:
    document = tianhe_department()
    edit = edit_from_document(document)
    assert edit.indicators is not None and edit.tasks is not None
    new_indicator = IndicatorEdit(name="群众满意度", level1="满意度指标", annual_target="≥90%")
    new_task = TaskEdit(name="新任务", amount=Decimal("12.50"))
    edit = dataclasses.replace(
        edit, indicators=(*edit.indicators, new_indicator), tasks=(new_task, *edit.tasks)
    )
    merged = apply_edit(document, edit, source_file=WEB)
    added = merged.indicators[-1]
    assert added.source == Source(WEB, 24, 24, "")
    assert (added.level1, added.level1_as_written, added.number) == (
        "满意度指标",
        "满意度指标",
        None,
    )
    assert added.annual_target is not None and added.annual_target.value == 90
    assert merged.tasks[0].source == Source(WEB, 1, 1, "")
    assert merged.tasks[1].source == document.tasks[0].source  # moved down, still imported


def test_rows_left_out_are_deleted_and_unknown_origins_are_new() -> None:
    document = tianhe_department()
    edit = edit_from_document(document)
    assert edit.indicators is not None
    stray = dataclasses.replace(edit.indicators[0], origin=999)
    merged = apply_edit(
        document, dataclasses.replace(edit, indicators=(edit.indicators[5], stray)), source_file=WEB
    )
    assert [x.name for x in merged.indicators] == [
        document.indicators[5].name,
        document.indicators[0].name,
    ]
    assert merged.indicators[1].source.file == WEB


def test_amounts_keep_their_stored_form_when_numerically_unchanged() -> None:
    document = sample("jieyang-2023-department-tabbed-columns.txt")
    assert document.budget is not None
    edit = edit_from_document(document)
    assert edit.budget is not None
    budget = dict(edit.budget)
    stored = document.budget.basic_expenditure
    assert stored is not None
    budget["basic_expenditure"] = stored.quantize(Decimal("0.01"))
    budget["special_funds"] = Decimal("5.00")
    budget["project_expenditure"] = None
    merged = apply_edit(document, dataclasses.replace(edit, budget=budget), source_file=WEB)
    assert merged.budget is not None
    assert str(merged.budget.basic_expenditure) == str(stored)
    assert merged.budget.special_funds == 5
    assert merged.budget.sources["special_funds"] == Source(WEB, 5, 5, "")
    assert merged.budget.project_expenditure is None
    assert "project_expenditure" not in merged.budget.sources


def test_blank_budget_stays_absent() -> None:
    document = Document(kind=DocumentKind.DEPARTMENT, file="web")
    merged = apply_edit(document, edit_from_document(document), source_file=WEB)
    assert merged.budget is None


def test_text_keeps_stored_form_and_blank_becomes_none() -> None:
    document = tianhe_department()
    goal = document.overall_goal
    assert goal
    edit = dataclasses.replace(
        edit_from_document(document),
        overall_goal=goal.replace("\n", "\r\n") + "  ",
        department="",
    )
    merged = apply_edit(document, edit, source_file=WEB)
    assert merged.overall_goal == goal
    assert merged.department is None


def test_parts_left_none_are_not_touched() -> None:
    document = tianhe_projects()
    emptied = apply_edit(document, DocumentEdit(projects=()), source_file=WEB)
    assert emptied.projects == [] and emptied.subtotals == document.subtotals
    untouched = apply_edit(document, DocumentEdit(), source_file=WEB)
    assert untouched == document


def test_new_project_and_new_indicator_in_a_stored_project() -> None:
    document = tianhe_projects()
    edit = edit_from_document(document)
    assert edit.projects is not None
    first = edit.projects[0]
    first = dataclasses.replace(
        first, indicators=(*first.indicators, IndicatorEdit(name="新增指标", annual_target="≥1次"))
    )
    new = ProjectEdit(
        name="新项目", amount_total=Decimal(10), indicators=(IndicatorEdit(name="甲"),)
    )
    merged = apply_edit(
        document,
        dataclasses.replace(edit, projects=(first, *edit.projects[1:], new)),
        source_file=WEB,
    )
    assert merged.projects[0].indicators[-1].source == Source(
        WEB, len(first.indicators), len(first.indicators), ""
    )
    assert merged.projects[0].source == document.projects[0].source
    assert merged.projects[-1].source == Source(WEB, 23, 23, "")
    assert merged.projects[-1].indicators[0].source == Source(WEB, 1, 1, "")
    assert merged.projects[-1].amount_total == 10


# ---------------------------------------------------------------------- target preview


@pytest.mark.parametrize(
    ("text", "name", "reading", "kind", "warned"),
    [
        ("≥95%", None, "≥ 95 %", "quantitative", False),
        ("<24小时>98%", None, "< 24 小时（另有条件）", "quantitative", True),
        ("及时", None, "定性：及时", "qualitative", True),
        ("1人/村", None, "= 1 人/村", "quantitative", True),
        ("≥8", "每月提供法律服务时间（小时）", "≥ 8 小时", "quantitative", False),
        ("≥95", None, "≥ 95", "quantitative", True),
        ("", None, "（未填写）", "empty", False),
    ],
)
def test_preview_target(text: str, name: str | None, reading: str, kind: str, warned: bool) -> None:
    preview = preview_target(text, name)
    assert (preview.reading, preview.kind, bool(preview.warnings)) == (reading, kind, warned)
    assert preview.measurable == (kind == "quantitative")


def test_preview_notes_the_unit_from_the_name_and_the_words_around() -> None:
    assert preview_target("≥8", "时间（小时）").notes == ("计量单位“小时”取自指标名称",)
    assert "其余文字：律师事务所" in preview_target("3家律师事务所").notes
    assert "未写计量单位" in preview_target("≥95").warnings
