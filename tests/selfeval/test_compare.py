"""Recomputing the fixtures and the disagreements found, hand-checked.

Expected disagreements are compact ``(line, code, published, computed)`` lists. The mistakes
were put into the fixtures on purpose (``tests/fixtures/selfeval/README.md``); the arithmetic
of each is written next to it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.scoring import ScoringConfig
from jixiao.selfeval import (
    CATALOGUE,
    Disagreement,
    Printed,
    SelfEvaluation,
    compare,
    load_selfeval,
    parse_selfeval,
    recompute,
    table_config,
)
from jixiao.selfeval.catalogue import catalogue_markdown
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION
from tests.selfeval.fixtures import PDFTEXT, ROOT, TABBED

Compact = tuple[int | None, str, str | None, str | None]


def _compact(found: list[Disagreement]) -> list[Compact]:
    return [(d.source.line if d.source else None, d.code, d.published, d.computed) for d in found]


@pytest.fixture(scope="module")
def tabbed() -> SelfEvaluation:
    return load_selfeval(TABBED)


@pytest.fixture(scope="module")
def pdftext() -> SelfEvaluation:
    return load_selfeval(PDFTEXT)


def test_tabbed_fixture_recomputed(tabbed: SelfEvaluation) -> None:
    evaluations = recompute(tabbed)
    # 9.32 + 20 + 15 + 92/95 × 15 (14.53) + 30 + 10
    assert [e.total for e in evaluations] == [Decimal("98.85"), Decimal("99.00"), Decimal("87.79")]
    assert [e.grade.value for e in evaluations] == ["优", "优", "良"]
    # <24小时, actual 30: (1 − 6/24) × 20 = 15; 用户满意度 95%以上, 93: 93/95 × 10 = 9.79
    assert [str(r.score) for r in evaluations[2].rows] == ["25.00", "15.00", "30.00", "9.79"]


def test_tabbed_fixture_disagreements(tabbed: SelfEvaluation) -> None:
    assert _compact(compare(tabbed)) == [
        # table 1: full 15 points although 92 < 95, and no reason; total follows the rows
        (20, "row-score-mismatch", "15", "14.53"),
        (20, "reason-missing", None, None),
        (23, "total-score-mismatch", "99.32", "98.85"),
        # table 2: rows are right (9.32 → 10 + 25 + 25 + 29 + 10 = 99) but the total says 98
        (42, "total-sum-mismatch", "98.00", "99.00"),
        (42, "total-score-mismatch", "98.00", "99.00"),
        # table 3: 产出 rows 25 + 20 = 45 under "产出指标（50分）"; grid 85; 总分 分值 100 ≠ 95
        (47, "weights-grid-total", "85", "90"),
        (57, "weights-level1-sum", "50", "45"),
        (61, "weights-total", "100", "95"),
        # 87.79 is 良, not 优
        (62, "grade-inconsistent", "优", None),
    ]


def test_pdftext_fixture_disagreements(pdftext: SelfEvaluation) -> None:
    assert _compact(compare(pdftext)) == [
        # 部分达成 band for 15 points is [9, 12): 12 is outside
        (57, "qualitative-score-outside-band", "12", None),
        # 98 ÷ 100 × 10 = 9.80, published 10, no reason; total 100 vs 99.80
        (124, "row-score-mismatch", "10", "9.80"),
        (124, "reason-missing", None, None),
        (134, "total-score-mismatch", "100", "99.80"),
        # 11.20 ÷ 14.07 = 79.60 % → 7.96 points, published 8.00; the rate "79.6%" agrees
        (150, "budget-score-mismatch", "8.00", "7.96"),
        (179, "total-score-mismatch", "97.25", "97.21"),
    ]


def test_messages_cite_the_numbers(tabbed: SelfEvaluation) -> None:
    found = compare(tabbed)
    assert found[0].message == (
        "“各区司法局对法律顾问考核评估合格率（%）”公布得分 15，按计分方法应为 14.53"
        "（实际 92% ≥ 目标 95%？否：92 ÷ 95 × 15 = 14.53）"
    )
    assert found[0].table == "一村（社区）法律顾问公益法律服务经费"
    assert found[0].location == f"{TABBED}:20"
    assert found[-1].message == (
        "公布等级“优”，而公布总分 87.79 对应的等级是“良”（优 ≥ 90，良 ≥ 80，中 ≥ 60）"
    )
    assert found[0].to_dict()["line"] == 20
    assert found[0].to_dict()["severity"] == "error"


def test_table_config_takes_the_published_weights(tabbed: SelfEvaluation) -> None:
    config = table_config(tabbed.tables[2], ScoringConfig())
    assert dict(config.row_weights) == {
        "projects/2/indicators/0": Decimal(25),
        "projects/2/indicators/1": Decimal(20),
        "projects/2/indicators/2": Decimal(30),
        "projects/2/indicators/3": Decimal(10),
    }
    assert (config.output_weight, config.benefit_weight, config.satisfaction_weight) == (
        Decimal(50),
        Decimal(30),
        Decimal(10),
    )
    assert config.budget_weight == 10


def test_method_settings_come_from_the_config(pdftext: SelfEvaluation) -> None:
    """The config sets the method (here the grade bounds), the table its own weights: with
    优 from 98, the published 96.67 and 97.25 are 良, while 100 stays 优."""
    strict = ScoringConfig(grade_bounds=(Decimal(98), Decimal(90), Decimal(60)))
    found = compare(pdftext, strict)
    grades = [(d.source.line if d.source else None, d.code) for d in found if "grade" in d.code]
    assert grades == [(69, "grade-inconsistent"), (181, "grade-inconsistent")]


def test_rate_agrees_at_its_printed_precision() -> None:
    assert Printed(Decimal("79.6"), "79.6").agrees(Decimal("79.60"), by_precision=True)
    assert Printed(Decimal("93"), "93").agrees(Decimal("92.7"), by_precision=True)
    assert not Printed(Decimal("93"), "93").agrees(Decimal("92.4"), by_precision=True)
    assert Printed(Decimal("9.3"), "9.3").agrees(Decimal("9.31"))
    assert not Printed(Decimal("15"), "15").agrees(Decimal("14.53"))  # scores: 0.01


def test_a_consistent_table_has_no_disagreement() -> None:
    text = TABBED.read_text(encoding="utf-8")
    first = text[: text.index("项目支出绩效自评表\n（2023年度）\n项目名称\t各区")]
    fixed = first.replace("92\t15\t15\t无", "92\t15\t14.53\t个别区考核延期，已督办").replace(
        "100\t99.32", "100\t98.85"
    )
    assert compare(parse_selfeval(fixed, "fixed.txt")) == []


def test_budget_rate_and_unscorable_rows() -> None:
    text = TABBED.read_text(encoding="utf-8")
    first = text[: text.index("项目支出绩效自评表\n（2023年度）\n项目名称\t各区")]
    changed = first.replace("93.23%", "95.00%").replace("\t9.2\t20\t20", "\t已完成\t20\t20")
    found = _compact(compare(parse_selfeval(changed, "changed.txt")))
    assert (11, "budget-rate-mismatch", "95.00", "93.23") in found
    assert (18, "row-unscorable", "20", None) in found


def test_weights_missing_and_score_over_weight() -> None:
    text = TABBED.read_text(encoding="utf-8")
    first = text[: text.index("项目支出绩效自评表\n（2023年度）\n项目名称\t各区")]
    changed = first.replace("\t9.2\t20\t20", "\t9.2\t20\t21").replace("\t2\t15\t15", "\t2\t\t15")
    codes = [code for _, code, _, _ in _compact(compare(parse_selfeval(changed, "c.txt")))]
    assert "row-score-over-weight" in codes
    assert "row-weight-missing" in codes


def test_every_code_is_documented() -> None:
    docs = (ROOT / "docs" / "self-evaluation.md").read_text(encoding="utf-8")
    missing = [code for code in CATALOGUE if f"`{code}`" not in docs]
    assert missing == []


def test_catalogue_templates_fill() -> None:
    for entry in CATALOGUE.values():
        assert entry.severity in ("error", "warning")
        assert entry.title and entry.reference


def test_recompute_leaves_the_published_tables_alone(tabbed: SelfEvaluation) -> None:
    before = [replace(row) for row in tabbed.tables[0].rows]
    recompute(tabbed)
    assert tabbed.tables[0].rows == before
    assert tabbed.tables[0].level1_weights[OUTPUT][0].value == 50
    assert {BENEFIT, SATISFACTION} <= set(tabbed.tables[0].level1_weights)


def test_fixture_readme_says_constructed() -> None:
    readme = (TABBED.parent / "README.md").read_text(encoding="utf-8")
    assert "虚构" in readme or "constructed" in readme
    assert Path(TABBED).exists() and Path(PDFTEXT).exists()


def test_docs_table_is_the_generated_catalogue() -> None:
    docs = (ROOT / "docs" / "self-evaluation.md").read_text(encoding="utf-8")
    start = docs.index("<!-- generated:disagreements -->\n") + len(
        "<!-- generated:disagreements -->\n"
    )
    end = docs.index("<!-- /generated:disagreements -->")
    assert docs[start:end] == catalogue_markdown()
