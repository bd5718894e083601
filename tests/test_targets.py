"""Tests of :mod:`jixiao.targets`: reading target values (指标值), REFERENCE.md §3.

``fixtures/targets_cases.json`` holds every distinct target value of the five files in
``samples/`` with its hand-checked reading; the rest pins the rules of §3 one by one and checks
properties with hypothesis.
"""

from __future__ import annotations

import dataclasses
import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import targets
from jixiao.model import Operator, Target
from jixiao.targets import (
    OPERATOR_SYMBOLS,
    format_target,
    is_reverse,
    parse_target,
    to_kpi_val,
    unit_from_name,
)

GE, GT, EQ, LE, LT, RANGE = (
    Operator.GE, Operator.GT, Operator.EQ, Operator.LE, Operator.LT, Operator.RANGE,
)  # fmt: skip

CASES_FILE = Path(__file__).parent / "fixtures" / "targets_cases.json"
SAMPLE_CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _reading(target: Target) -> dict[str, Any]:
    """Every parsed field of ``target`` in the fixture's shape (``raw`` excluded)."""
    return {
        "operator": None if target.operator is None else target.operator.value,
        "value": target.value,
        "value_max": target.value_max,
        "unit": target.unit,
        "qualitative": target.qualitative,
        "operator_implied": target.operator_implied,
        "unit_from_name": target.unit_from_name,
        "compound": target.compound,
        "qualifier": target.qualifier,
        "remainder": target.remainder,
    }


def _expected(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "operator": case["operator"],
        "value": _decimal(case["value"]),
        "value_max": _decimal(case["value_max"]),
        "unit": case["unit"],
        "qualitative": case["qualitative"],
        "operator_implied": case.get("operator_implied", False),
        "unit_from_name": case.get("unit_from_name", False),
        "compound": case.get("compound", False),
        "qualifier": case.get("qualifier"),
        "remainder": case.get("remainder"),
    }


# --- every target value of the samples -----------------------------------------------------


@pytest.mark.parametrize(
    "case", SAMPLE_CASES, ids=[f"{c['sample']}:{c['raw'][:24]}" for c in SAMPLE_CASES]
)
def test_sample_value(case: dict[str, Any]) -> None:
    assert _reading(parse_target(case["raw"], case["name"])) == _expected(case)


def test_sample_fixture_covers_all_five_samples() -> None:
    samples = {case["sample"] for case in SAMPLE_CASES}
    assert len(samples) == 5
    assert len({case["raw"] for case in SAMPLE_CASES}) >= 170


@pytest.mark.parametrize(
    "case",
    [c for c in SAMPLE_CASES if not c["qualitative"] and not c.get("compound")],
    ids=lambda c: str(c["raw"][:24]),
)
def test_sample_value_export_and_display_parse_back(case: dict[str, Any]) -> None:
    target = parse_target(case["raw"], case["name"])
    for text in (to_kpi_val(target), format_target(target)):
        again = parse_target(text)
        assert (again.operator, again.value, again.value_max, again.unit) == (
            target.operator,
            target.value,
            target.value_max,
            target.unit,
        ), text


# --- the rules of REFERENCE.md §3 ---------------------------------------------------------

# (raw, operator, value, value_max, unit, qualifier, remainder)
RULE_CASES: list[tuple[str, Operator, str, str | None, str | None, str | None, str | None]] = [
    # symbols, full- and half-width, with a space after the symbol
    ("≥ 95", GE, "95", None, None, None, None),
    (">= 95%", GE, "95", None, "%", None, None),
    ("≧95%", GE, "95", None, "%", None, None),
    ("＞95％", GT, "95", None, "%", None, None),
    ("＝3家", EQ, "3", None, "家", None, None),
    ("≤ 24 小时", LE, "24", None, "小时", None, None),
    ("<=24小时", LE, "24", None, "小时", None, None),
    ("≦12个月", LE, "12", None, "个月", None, None),
    ("＜5", LT, "5", None, None, None, None),
    ("≥９５％", GE, "95", None, "%", None, None),
    # words before the number
    ("不少于400宗", GE, "400", None, "宗", None, None),
    ("不低于95%", GE, "95", None, "%", None, None),
    ("至少3次", GE, "3", None, "次", None, None),
    ("达到95%", GE, "95", None, "%", None, None),
    ("达95%", GE, "95", None, "%", None, None),
    ("超过3次", GT, "3", None, "次", None, None),
    ("高于90%", GT, "90", None, "%", None, None),
    ("多于5人", GT, "5", None, "人", None, None),
    ("大于10", GT, "10", None, None, None, None),
    ("为0", EQ, "0", None, None, None, None),
    ("等于100%", EQ, "100", None, "%", None, None),
    ("不超过3人", LE, "3", None, "人", None, None),
    ("不高于5%", LE, "5", None, "%", None, None),
    ("至多2次", LE, "2", None, "次", None, None),
    ("不满18周岁", LT, "18", None, "周岁", None, None),
    ("低于1%", LT, "1", None, "%", None, None),
    ("少于3次", LT, "3", None, "次", None, None),
    ("小于十分钟", LT, "10", None, "分钟", None, None),
    # words after the number (民法典 第一千二百五十九条: 以上/以下/以内 include the number)
    ("95%以上", GE, "95", None, "%", None, None),
    ("1次以上", GE, "1", None, "次", None, None),
    ("90%（含）以上", GE, "90", None, "%", None, None),
    ("15%以下", LE, "15", None, "%", None, None),
    ("3日以内", LE, "3", None, "日", None, None),
    ("24小时内", LE, "24", None, "小时", None, None),
    ("24小时内处理", LE, "24", None, "小时", None, "处理"),
    ("达到95%以上", GE, "95", None, "%", None, None),
    ("为5%以下", LE, "5", None, "%", None, None),
    # qualifiers before the number
    ("年均12人", EQ, "12", None, "人", "年均", None),
    ("每年不少于400宗", GE, "400", None, "宗", "每年", None),
    ("法定期限办结率100%", EQ, "100", None, "%", "法定期限办结率", None),
    (
        "监区内罪犯三大现场监控覆盖率达100%",
        GE,
        "100",
        None,
        "%",
        "监区内罪犯三大现场监控覆盖率",
        None,
    ),
    ("建成安防系统13个", EQ, "13", None, "个", "建成安防系统", None),
    ("处理时间小于十分钟", LT, "10", None, "分钟", "处理时间", None),
    ("每个司法所每季度至少举行1场", GE, "1", None, "场", "每个司法所每季度", None),
    ("全年不少于2场", GE, "2", None, "场", "全年", None),
    ("每个居委调委会调解员不少于 3人", GE, "3", None, "人", "每个居委调委会调解员", None),
    ("广州普法抖音号推送250条", EQ, "250", None, "条", "广州普法抖音号推送", None),
    ("监狱重大安全事故案件发生率为0", EQ, "0", None, None, "监狱重大安全事故案件发生率", None),
    ("力争达到95%", GE, "95", None, "%", "力争", None),
    # units after the number; extra words go to the remainder
    ("3家律师事务所", EQ, "3", None, "家", None, "律师事务所"),
    ("≥20次（件）", GE, "20", None, "次", None, "（件）"),
    ("22个镇街", EQ, "22", None, "个", None, "镇街"),
    ("≥100个/秒", GE, "100", None, "个/秒", None, None),
    ("≥100000次/年", GE, "100000", None, "次/年", None, None),
    ("=500元/人年", EQ, "500", None, "元/人年", None, None),
    ("≥8时/月", GE, "8", None, "时/月", None, None),
    ("<7工作日", LT, "7", None, "工作日", None, None),
    ("≥5TB", GE, "5", None, "TB", None, None),
    ("≤5s", LE, "5", None, "s", None, None),
    ("3个内设机构", EQ, "3", None, "个", None, "内设机构"),
    ("5万元", EQ, "5", None, "万元", None, None),
    ("10万人次", EQ, "100000", None, "人次", None, None),
    # Chinese numerals
    ("两次", EQ, "2", None, "次", None, None),
    ("十二人", EQ, "12", None, "人", None, None),
    ("十分钟", EQ, "10", None, "分钟", None, None),
    ("一百", EQ, "100", None, None, None, None),
    ("两千", EQ, "2000", None, None, None, None),
    ("两千人", EQ, "2000", None, "人", None, None),
    ("五省一自治区", EQ, "5", None, "省", None, "一自治区"),
    ("百分之九十五", EQ, "95", None, "%", None, None),
    ("每年组织两次评估，项目评估达标", EQ, "2", None, "次", "每年组织", "评估，项目评估达标"),
    # separators and decimals
    ("1,000", EQ, "1000", None, None, None, None),
    ("100,000人次", EQ, "100000", None, "人次", None, None),
    ("≥ 7,800 件", GE, "7800", None, "件", None, None),
    ("0.01%", EQ, "0.01", None, "%", None, None),
    ("97.5", EQ, "97.5", None, None, None, None),
    # ranges
    ("1-2个", RANGE, "1", "2", "个", None, None),
    ("70-89分", RANGE, "70", "89", "分", None, None),
    ("1～2", RANGE, "1", "2", None, None, None),
    ("1至2个", RANGE, "1", "2", "个", None, None),
    ("80%-90%", RANGE, "80", "90", "%", None, None),
    ("1–2 个", RANGE, "1", "2", "个", None, None),
    ("2-1个", RANGE, "1", "2", "个", None, None),
    # growth and deadlines [I]
    ("力争正增长", GT, "0", None, "%", "力争", None),
    ("负增长", LT, "0", None, "%", None, None),
    ("12月底前", LE, "12", None, "月", None, None),
    ("12月底前完成", LE, "12", None, "月", None, "完成"),
    ("6月30日前", LE, "6", None, "月", None, "30日"),
    ("2023年12月底前", LE, "12", None, "月", "2023年", None),
    # years are words, a bare number run into words is part of a name
    ("2022-2025年完成3个项目", EQ, "3", None, "个", "2022-2025年完成", "项目"),
    ("12348广东法网任务工单处理率100%", EQ, "100", None, "%", "12348广东法网任务工单处理率", None),
    # an explicit minus sign
    ("-5%", EQ, "-5", None, "%", None, None),
    ("≥-5%", GE, "-5", None, "%", None, None),
]


@pytest.mark.parametrize(
    ("raw", "operator", "value", "value_max", "unit", "qualifier", "remainder"), RULE_CASES
)
def test_rule(
    raw: str,
    operator: Operator,
    value: str,
    value_max: str | None,
    unit: str | None,
    qualifier: str | None,
    remainder: str | None,
) -> None:
    target = parse_target(raw)
    assert target.quantitative
    assert (target.operator, target.value, target.value_max) == (
        operator,
        Decimal(value),
        _decimal(value_max),
    )
    assert (target.unit, target.qualifier, target.remainder) == (unit, qualifier, remainder)


@pytest.mark.parametrize(
    ("raw", "implied"),
    [("100%", True), ("12", True), ("3家律师事务所", True), ("24小时", True), ("=100%", False),
     ("为0", False), ("达100%", False), ("1-2个", False), ("95%以上", False)],
)  # fmt: skip
def test_operator_implied_only_without_comparator(raw: str, implied: bool) -> None:
    assert parse_target(raw).operator_implied is implied


@pytest.mark.parametrize(
    "raw",
    ["及时", "达标", "良好以上", "合格以上", "通过考核", "通过评审", "符合规范", "符合文件标准",
     "评估达标", "长期", "完成", "办公区域全覆盖", "在法定期限内处理投诉工作", "当年指派律师人数",
     "正常运行", "“两类”人员未发生影响重大的恶性事件", "2023年完成工程进度", "完成2023年度任务",
     "年底前完成", "第一次", "一次性完成", "一村一法律顾问", "ISO9001认证", "≥", "-", "*", "XX"],
)  # fmt: skip
def test_text_without_number_is_qualitative(raw: str) -> None:
    target = parse_target(raw)
    assert target.qualitative
    assert (target.operator, target.value, target.unit, target.qualifier) == (
        None,
        None,
        None,
        None,
    )
    assert target.raw == raw


@pytest.mark.parametrize("raw", ["", " ", "\t\n", "\u3000"])
def test_empty_value_is_qualitative_with_empty_raw(raw: str) -> None:
    target = parse_target(raw)
    assert (target.raw, target.qualitative, target.operator, target.value) == ("", True, None, None)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [("  ≥ 95%  ", "≥ 95%"), ("运行良好，评估达标。", "运行良好，评估达标"), ("12.", "12"),
     ("不少于\n\n 3人", "不少于 3人"), ("达标。 ", "达标")],
)  # fmt: skip
def test_raw_is_trimmed_collapsed_and_loses_final_stop(raw: str, normalized: str) -> None:
    assert parse_target(raw).raw == normalized


def test_compound_reads_first_condition_and_keeps_the_rest() -> None:
    target = parse_target("公职人员统一学法考试参考率不低于85%，及格率不低于85%")
    assert (target.operator, target.value, target.unit, target.compound) == (
        GE,
        Decimal(85),
        "%",
        True,
    )
    assert target.qualifier == "公职人员统一学法考试参考率"
    assert target.remainder == "及格率不低于85%"
    assert parse_target("《说法》10期，《普法名师大讲堂》6期").compound


def test_trailing_condition_without_number_is_not_compound() -> None:
    raw = "100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核"
    target = parse_target(raw)
    assert (target.operator, target.value, target.unit, target.compound) == (
        EQ,
        Decimal(100),
        "%",
        False,
    )
    assert target.remainder is not None and target.remainder.startswith("如未发生")
    assert target.remainder.endswith("进行考核")


# --- unit from the indicator name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "unit"),
    [("对法律顾问考核评估合格率（%）", "%"), ("(小时)", "小时"), ("（场次）", "场次"), ("（人）", "人"),
     ("信息管理系统工作日志和台账填写情况（比率）", "%"), ("实施精准普法项目（个数）", "个"),
     ("法治广州建设考评（等级）", None), ("开展执法案件评查（次数）", "次"), ("初始评估（例）", "例"),
     ("辅助审理行政复议案件（宗）", "宗"), ("补贴合规性(％)", "%"), ("人均补助（元/人）", "元/人"),
     ("法治宣传数（场次） ", "场次"), ("法治讲座（含线上）、法治宣传数（场次）", "场次"),
     ("法律顾问每季度举办法治讲座（含线上）", None), ("人均年度调解案件数", None),
     ("提供设备运维次数（延长设备使用寿命，节省国家财政资金）", None), ("项目（2023）", None)],
)  # fmt: skip
def test_unit_from_name(name: str, unit: str | None) -> None:
    assert unit_from_name(name) == unit


def test_name_unit_only_when_the_value_has_none() -> None:
    from_name = parse_target("≥95", "对法律顾问考核评估合格率（%）")
    assert (from_name.unit, from_name.unit_from_name) == ("%", True)
    own = parse_target("≥95分", "对法律顾问考核评估合格率（%）")
    assert (own.unit, own.unit_from_name) == ("分", False)
    qualitative = parse_target("良好以上", "法治广州建设考评（%）")
    assert (qualitative.unit, qualitative.unit_from_name) == (None, False)


# --- display, export, direction -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "shown", "kpi_val"),
    [("≥95", "合格率（%）", "≥ 95 %", "≥95%"), ("<24小时", None, "< 24 小时", "<24小时"),
     ("＝3家", None, "= 3 家", "=3家"), ("3家律师事务所", None, "= 3 家", "3家"),
     ("1-2个", None, "1–2 个", "1-2个"), ("≤12个月", None, "≤ 12 个月", "≤12个月"),
     ("≥7800件", None, "≥ 7,800 件", "≥7800件"), ("及时", None, "定性：及时", "及时"),
     ("达标", None, "定性：达标", "达标"), ("", None, "（未填写）", ""),
     ("处级≥110学分，科级≥90学分", None, "≥ 110 学分（另有条件）", "处级≥110学分，科级≥90学分"),
     ("0.50%", None, "= 0.5 %", "0.5%"), ("力争正增长", None, "> 0 %", ">0%"),
     ("80%-90%", None, "80–90 %", "80-90%"), ("12月底前", None, "≤ 12 月", "≤12月"),
     ("为0", None, "= 0", "=0")],
)  # fmt: skip
def test_format_and_kpi_val(raw: str, name: str | None, shown: str, kpi_val: str) -> None:
    target = parse_target(raw, name)
    assert format_target(target) == shown
    assert to_kpi_val(target) == kpi_val
    if target.quantitative and not target.compound:
        for text in (shown, kpi_val):
            again = parse_target(text)
            assert (again.operator, again.value, again.value_max, again.unit) == (
                target.operator,
                target.value,
                target.value_max,
                target.unit,
            )


@pytest.mark.parametrize(
    ("raw", "reverse"),
    [("≤131人", True), ("<24小时", True), ("15%以下", True), ("不超过3人", True), ("≥95%", False),
     (">95%", False), ("100%", False), ("1-2个", False), ("及时", False)],
)  # fmt: skip
def test_is_reverse(raw: str, reverse: bool) -> None:
    assert is_reverse(parse_target(raw)) is reverse


def test_cached_results_are_independent_objects() -> None:
    first = parse_target("≥95%")
    first.value = Decimal(1)
    first.remainder = "changed"
    second = parse_target("≥95%")
    assert (second.value, second.remainder) == (Decimal(95), None)
    assert first is not second


def test_cached_record_matches_target_field_order() -> None:
    """``parse_target`` builds ``Target`` positionally from the cached record."""
    assert targets._Parsed._fields == tuple(f.name for f in dataclasses.fields(Target))


@pytest.mark.parametrize(
    "raw",
    ["1" * 20000 + "个", "≥" * 20000, "1-" * 10000, "一" * 20000 + "个", "不少于" * 5000 + "1",
     "百分之" * 5000, "1个，" * 5000, "9" * 50000 + "万人", "1" * 5000 + "." + "1" * 5000],
)  # fmt: skip
def test_pathological_input_is_fast(raw: str) -> None:
    started = time.perf_counter()
    parse_target(raw)
    assert time.perf_counter() - started < 1.0


# --- properties ---------------------------------------------------------------------------

DOMAIN_CHARS = list(
    "0123456789０１２.,%％-－~～—≥≤≧≦<>=＞＜＝ 不少于低超过高多大小满至达到为以上下内前底月年日"
    "万亿个次人件场元/（）()，。；一二两三五十百千第正负增长力争每年均率含"
)


@settings(max_examples=400)
@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(DOMAIN_CHARS), max_size=40)))
def test_never_raises_and_is_consistent(raw: str) -> None:
    target = parse_target(raw, raw)
    assert target.raw == " ".join(target.raw.split())
    assert target.qualitative is (target.value is None)
    assert (target.operator is None) is target.qualitative
    assert (target.value_max is not None) is (target.operator is Operator.RANGE)
    if target.value is not None and target.value_max is not None:
        assert target.value <= target.value_max
    assert isinstance(format_target(target), str)
    assert isinstance(to_kpi_val(target), str)


SYMBOLS = ["≥", ">=", "≧", ">", "＞", "=", "＝", "≤", "<=", "≦", "<", "＜"]
UNITS = ["%", "％", "人", "人次", "件", "个", "宗", "场", "场次", "次", "条", "期", "家", "小时",
         "分钟", "秒", "s", "TB", "个/秒", "次/年", "人/村", "元/村", "元/人年", "时/月", "次/月",
         "工作日", "学分", "分", "辆", "名", "例", "个月", "天", "万元", ""]  # fmt: skip


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, Decimal]:
    """Number text with optional thousands separators and decimals, and its value."""
    whole = draw(st.integers(min_value=0, max_value=10**9))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        text += "." + draw(st.text(alphabet="0123456789", min_size=1, max_size=3))
    return text, Decimal(text.replace(",", ""))


@given(st.sampled_from(SYMBOLS), st.sampled_from(["", " "]), numbers(), st.sampled_from(UNITS))
def test_symbol_forms_round_trip(symbol: str, space: str, number: tuple[str, Decimal],
                                 unit: str) -> None:  # fmt: skip
    text, value = number
    target = parse_target(f"{symbol}{space}{text}{unit}")
    expected_unit = (unit.replace("％", "%")) or None
    operator = targets.OPERATOR_WORDS[
        symbol.replace("＞", ">").replace("＝", "=").replace("＜", "<")
    ]
    assert (target.operator, target.value, target.unit) == (operator, value, expected_unit)
    assert not target.operator_implied and not target.compound
    for shown in (format_target(target), to_kpi_val(target)):
        again = parse_target(shown)
        assert (again.operator, again.value, again.unit) == (operator, value, expected_unit)
    assert OPERATOR_SYMBOLS[operator] in to_kpi_val(target)


PHRASE_PAIRS = [
    ("不低于{n}", "≥{n}"), ("不少于{n}", "≥{n}"), ("至少{n}", "≥{n}"), ("达到{n}", "≥{n}"),
    ("{n}以上", "≥{n}"), ("超过{n}", ">{n}"), ("高于{n}", ">{n}"), ("多于{n}", ">{n}"),
    ("等于{n}", "={n}"), ("为{n}", "={n}"), ("不超过{n}", "≤{n}"), ("不高于{n}", "≤{n}"),
    ("至多{n}", "≤{n}"), ("{n}以下", "≤{n}"), ("{n}以内", "≤{n}"), ("不满{n}", "<{n}"),
    ("低于{n}", "<{n}"), ("少于{n}", "<{n}"), ("小于{n}", "<{n}"),
]  # fmt: skip


@given(st.sampled_from(PHRASE_PAIRS), numbers(), st.sampled_from(UNITS))
def test_phrase_and_symbol_forms_agree(pair: tuple[str, str], number: tuple[str, Decimal],
                                       unit: str) -> None:  # fmt: skip
    phrase, symbol = (form.format(n=number[0] + unit) for form in pair)
    by_phrase, by_symbol = parse_target(phrase), parse_target(symbol)
    assert (by_phrase.operator, by_phrase.value, by_phrase.unit) == (
        by_symbol.operator,
        by_symbol.value,
        by_symbol.unit,
    )
    assert by_phrase.value == number[1]


@settings(max_examples=300)
@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(DOMAIN_CHARS), max_size=40)))
def test_value_not_negative_without_minus_sign(raw: str) -> None:
    raw = raw.translate({ord(c): None for c in "-－−"})
    target = parse_target(raw)
    assert target.value is None or target.value >= 0
    assert target.value_max is None or target.value_max >= 0
