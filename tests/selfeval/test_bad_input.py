"""Bad input never raises a traceback: unreadable files raise typed errors naming the file,
bad lines and cells become import issues naming file and line, and the rest still imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import JixiaoError, UnreadableFileError
from jixiao.selfeval import NotASelfEvaluationError, compare, load_selfeval, parse_selfeval
from tests.selfeval.fixtures import PDFTEXT, SAMPLES, TABBED


def test_missing_empty_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="文件不存在"):
        load_selfeval(tmp_path / "none.txt")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=r"empty\.txt: 文件为空"):
        load_selfeval(tmp_path / "empty.txt")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(UnreadableFileError, match="二进制"):
        load_selfeval(tmp_path / "binary.txt")


def test_broken_workbook(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(UnreadableFileError, match=r"broken\.xlsx: 不是可读取的 Excel 工作簿"):
        load_selfeval(path)


def test_a_target_table_is_not_a_self_evaluation() -> None:
    with pytest.raises(NotASelfEvaluationError, match="不是绩效自评表"):
        load_selfeval(SAMPLES / "guangzhou-2023-project-tabbed.txt")


def test_a_title_without_any_table() -> None:
    with pytest.raises(NotASelfEvaluationError, match="未找到绩效自评表"):
        parse_selfeval("关于报送2023年度绩效自评表的通知\n各单位：\n", "notice.txt")


def test_unreadable_numbers_become_issues_with_their_line() -> None:
    text = (
        TABBED.read_text(encoding="utf-8")
        .replace("2,413.52", "二千四百", 1)
        .replace("\t9.2\t20\t20", "\t9.2\t二十\t20", 1)
    )
    selfeval = parse_selfeval(text, "bad.txt")
    issues = [(i.code, i.source.file, i.source.line) for i in selfeval.issues]
    assert issues == [
        ("import-amount-unreadable", "bad.txt", 11),
        ("import-amount-unreadable", "bad.txt", 18),
    ]
    assert "全年执行数“二千四百”不是数字" in selfeval.issues[0].message
    assert selfeval.tables[0].funds.executed is None
    assert selfeval.tables[0].rows[0].weight is None  # the row is still there
    assert len(selfeval.tables) == 3
    codes = {d.code for d in compare(selfeval)}
    assert "row-weight-missing" in codes


def test_unknown_lines_and_missing_sections_are_reported() -> None:
    text = (
        "项目支出绩效自评表\n项目名称\t测试项目\n"
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "\t这一行看不懂\t1\t2\n总分\t\t100\t50\n"
    )
    selfeval = parse_selfeval(text, "short.txt")
    messages = [(i.code, i.source.line) for i in selfeval.issues]
    assert ("import-unparsed-line", 4) in messages
    assert [code for code, _ in messages].count("import-missing-section") == 2
    assert [d.code for d in compare(selfeval)] == ["total-score-mismatch"]


def test_pdf_rows_with_one_value_are_ambiguous() -> None:
    text = PDFTEXT.read_text(encoding="utf-8").replace(
        "工程量完成率 100% 100% 15 15", "工程量完成率 100% 15 15", 1
    )
    selfeval = parse_selfeval(text, "x.txt")
    assert [(i.code, i.source.line) for i in selfeval.issues] == [("import-ambiguous-columns", 51)]
    row = selfeval.tables[0].rows[0]
    assert (row.target_text, row.actual_text) == ("100%", "")


def test_pdf_funds_row_with_blank_cells_lost() -> None:
    text = PDFTEXT.read_text(encoding="utf-8").replace(
        "年度资金总额 82.60 82.60 79.85 10 96.67% 9.67",
        "年度资金总额 82.60 79.85 10 96.67% 9.67",
        1,
    )
    selfeval = parse_selfeval(text, "x.txt")
    funds = selfeval.tables[0].funds
    assert [(i.code, i.source.line) for i in selfeval.issues] == [("import-ambiguous-columns", 19)]
    assert funds.initial is None  # right-aligned: 全年预算数 82.60, 全年执行数 79.85
    assert (funds.budget and funds.budget.text, funds.executed and funds.executed.text) == (
        "82.60",
        "79.85",
    )
    assert (funds.weight and funds.weight.text, funds.score and funds.score.text) == ("10", "9.67")


def test_mixed_kinds_keep_the_first() -> None:
    text = TABBED.read_text(encoding="utf-8") + "\n部门整体支出绩效自评表\n部门名称\t某局\n"
    selfeval = parse_selfeval(text, "mixed.txt")
    assert len(selfeval.tables) == 3
    assert any("不同类型的自评表" in i.message for i in selfeval.issues)


_WORDS = st.sampled_from(
    [
        "项目支出绩效自评表", "部门整体支出绩效自评表", "（2023年度）", "项目名称", "部门名称",
        "主管部门", "实施单位", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "其中：当年财政拨款", "其他资金", "预期目标", "实际完成情况", "绩效指标",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施",
        "产出指标（50分）", "（30分）", "数量指标", "效益指标", "总分", "等级", "优", "差", "评价结论",
        "≥95%", "100%", "12.5", "-3", "—", "及时", "部分完成", "。", "1,200.00", "93.2%", "",
    ]
)  # fmt: skip
_LINES = st.lists(st.lists(_WORDS, max_size=9), max_size=30)


@settings(max_examples=150, deadline=None)
@given(rows=_LINES, separator=st.sampled_from(["\t", " "]))
def test_any_text_imports_or_raises_a_typed_error(rows: list[list[str]], separator: str) -> None:
    text = "\n".join(separator.join(cells) for cells in rows)
    try:
        selfeval = parse_selfeval(text, "fuzz.txt")
    except JixiaoError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    compare(selfeval)  # recomputing never raises either
    for issue in selfeval.issues:
        assert issue.source.file == "fuzz.txt"
        assert 1 <= issue.source.line <= max(1, len(rows))
