"""Property tests: random project tables rendered the way the two published project layouts
print them (PDF text wrapped at random widths; tab-separated rows) import back exactly."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.ingest import load_text

HAN = "法律援助服务社区矫正调解工作经费项目平台建设运维管理系统信息化普法宣传考核评估合格覆盖"
CATEGORIES = [
    ("1-产出指标", "11-数量指标"),
    ("1-产出指标", "12-质量指标"),
    ("1-产出指标", "13-时效指标"),
    ("2-效益指标", "22-社会效益"),
    ("2-效益指标", "21-经济效益"),
    ("3-满意度指标", "31-服务对象满意度"),
]
VALUES = ["≥95%", "100%", "及时", "≥8", "12人", "不少于2000次", "≤1.8%", "达标", "99.50", "≥21场"]


@dataclass
class Row:
    name: str
    total: Decimal
    goal: str
    indicators: list[tuple[tuple[str, str], str, str, str]]


han = st.text(alphabet=HAN, min_size=4, max_size=28)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
indicator = st.tuples(
    st.sampled_from(CATEGORIES), han, st.sampled_from(VALUES), st.sampled_from(VALUES)
)
row = st.builds(
    Row, han, money, han.map(lambda s: s + "。"), st.lists(indicator, min_size=1, max_size=6)
)
table = st.lists(row, min_size=1, max_size=5, unique_by=lambda r: r.name)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def _pdf_text(rows: list[Row], width: int, blank: bool, amounts_alone: bool) -> str:
    total = sum((r.total for r in rows), Decimal(0))
    out = [
        "项目支出绩效目标表（含转移支付项目）",
        "部门名称：某某区司法局 单位：万元",
        "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标",
        f"合计 {total:,.2f} {total:,.2f}",
        f"某某区司法局 {total:,.2f} {total:,.2f}",
    ]
    for r in rows:
        name_lines = _wrap(r.name, width)
        name_lines[0] = "    " + name_lines[0]
        amounts = f"{r.total:,.2f} {r.total:,.2f}"
        if amounts_alone:
            out += [*name_lines, amounts]
        else:
            out += [*name_lines[:-1], f"{name_lines[-1]} {amounts}"]
        out += _wrap(r.goal, width)
        items = "".join(
            f"{n}、{c1}；{c2}；{name}；实施周期指标值:{p}；年度指标值:{a}。"
            for n, ((c1, c2), name, p, a) in enumerate(r.indicators, start=1)
        )
        out += _wrap(items, width)
    return ("\n\n" if blank else "\n").join(out)


def _tabbed(rows: list[Row]) -> str:
    total = sum((r.total for r in rows), Decimal(0))
    out = [
        "某某市司法局2023年项目支出绩效目标表（含转移支付项目）",
        "部门名称：某某市司法局",
        "单位：万元",
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
        f"合计\t{total:,.2f}\t{total:,.2f}\t\t\t\t",
    ]
    for r in rows:
        items = " ".join(
            f"{n}、{c1.split('-')[1]}：{name}，年度指标值：{a}。"
            for n, ((c1, _), name, _, a) in enumerate(r.indicators, start=1)
        )
        out.append(f"{r.name}\t{r.total:,.2f}\t{r.total:,.2f}\t\t\t{r.goal}\t{items}")
    return "\n".join(out)


def _check(rows: list[Row], text: str, with_period: bool) -> None:
    document = load_text(text, "generated.txt")
    assert [p.name for p in document.projects] == [r.name for r in rows]
    assert [p.amount_total for p in document.projects] == [r.total for r in rows]
    for project, r in zip(document.projects, rows, strict=True):
        assert project.goal == r.goal
        got = [
            (i.name, i.annual_target.raw if i.annual_target else None) for i in project.indicators
        ]
        assert got == [(name, a) for _, name, _, a in r.indicators]
        if with_period:
            periods = [i.period_target.raw if i.period_target else None for i in project.indicators]
            assert periods == [p for _, _, p, _ in r.indicators]


@settings(max_examples=60, deadline=None)
@given(table, st.integers(min_value=9, max_value=40), st.booleans(), st.booleans())
def test_pdf_text_project_tables_round_trip(
    rows: list[Row], width: int, blank: bool, amounts_alone: bool
) -> None:
    _check(rows, _pdf_text(rows, width, blank, amounts_alone), with_period=True)


@settings(max_examples=60, deadline=None)
@given(table)
def test_tabbed_project_tables_round_trip(rows: list[Row]) -> None:
    _check(rows, _tabbed(rows), with_period=False)
