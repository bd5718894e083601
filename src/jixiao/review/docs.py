"""Generate the findings reference (Markdown) from the rule registry and the catalogue.

``python -m jixiao.review.docs > docs/findings.md`` (``make docs``). The reference lists, per
rule family, every rule id with its summary, and for each finding code the rule may emit its
severity, title, message template, tags and source (REFERENCE.md section, regulation). Being
generated, it cannot drift from behaviour (STYLE.md: "The catalogue writes the docs").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from jixiao.review.finding import FindingType
from jixiao.review.registry import CATALOGUE, Rule
from jixiao.review.runner import load_rules

FAMILY_TITLES: dict[str, str] = {
    "completeness": "完整性",
    "taxonomy": "指标分类",
    "measurability": "细化量化",
    "consistency": "相关性与一致性",
    "arithmetic": "适当性：金额核对",
    "crossdoc": "跨表核对",
    "importing": "导入问题",
}
"""Chinese heading of each rule family (module of :mod:`jixiao.review.rules`), in the order
the reference lists them; families not named here follow alphabetically."""

SCOPE_LABELS = {"document": "单表", "collection": "跨表（同一批次的多份表格）"}


def _cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell or list item (no pipes, one line)."""
    return " ".join(text.replace("|", "\\|").split())


def _families(rules: Mapping[str, Rule]) -> list[str]:
    present = {r.family for r in rules.values()}
    known = [family for family in FAMILY_TITLES if family in present]
    return known + sorted(present - set(FAMILY_TITLES))


def _code_lines(entry: FindingType) -> Iterator[str]:
    severity = entry.severity
    yield f"- **`{entry.code}`** · {severity.label}（{severity.value}）· {_cell(entry.title)}"
    yield f"  - 消息模板：{_cell(entry.template)}"
    yield f"  - 标签：{' '.join(f'`{tag}`' for tag in entry.tags) or '（无）'}"
    yield f"  - 依据：{_cell(entry.reference)}"
    if entry.description:
        yield f"  - 说明：{_cell(entry.description)}"


def _rule_lines(rule: Rule, catalogue: Mapping[str, FindingType]) -> Iterator[str]:
    yield f"### `{rule.id}` — {_cell(rule.summary)}"
    yield ""
    yield f"适用范围：{SCOPE_LABELS.get(rule.scope, rule.scope)}"
    yield ""
    for code in rule.codes:
        entry = catalogue.get(code)
        if entry is None:
            yield f"- **`{code}`** · 未登记于发现目录"
        else:
            yield from _code_lines(entry)
    yield ""


def _index_lines(rules: Mapping[str, Rule], catalogue: Mapping[str, FindingType]) -> Iterator[str]:
    declared_by: dict[str, list[str]] = {}
    for rule in rules.values():
        for code in rule.codes:
            declared_by.setdefault(code, []).append(rule.id)
    yield "## 代码索引"
    yield ""
    yield "| 代码 | 严重程度 | 标题 | 规则 |"
    yield "|---|---|---|---|"
    for code in sorted(catalogue):
        entry = catalogue[code]
        owners = ", ".join(f"`{rule_id}`" for rule_id in declared_by.get(code, [])) or "（无）"
        yield f"| `{code}` | {entry.severity.label} | {_cell(entry.title)} | {owners} |"
    yield ""


def render(rules: Mapping[str, Rule], catalogue: Mapping[str, FindingType]) -> str:
    """The findings reference for ``rules`` and ``catalogue`` as Markdown text."""
    lines = [
        "# 审核发现参考（findings reference）",
        "",
        "本文件由 `python -m jixiao.review.docs` 根据规则登记表和发现目录自动生成，请勿手工编辑。",
        "",
        "严重程度：**错误**（error）阻止审核通过；**警告**（warning）需要审核人查看；"
        "**提示**（info）仅供参考。",
        "",
    ]
    for family in _families(rules):
        title = FAMILY_TITLES.get(family, family)
        lines += [f"## {title}（{family}）", ""]
        for rule in rules.values():
            if rule.family == family:
                lines.extend(_rule_lines(rule, catalogue))
    declared = {code for rule in rules.values() for code in rule.codes}
    orphans = sorted(set(catalogue) - declared)
    if orphans:
        lines += ["## 未归属任何规则的发现代码", ""]
        for code in orphans:
            lines.extend(_code_lines(catalogue[code]))
        lines.append("")
    lines.extend(_index_lines(rules, catalogue))
    return "\n".join(lines)


def main() -> None:
    """Print the findings reference of every registered rule."""
    print(render(load_rules(), CATALOGUE), end="")


if __name__ == "__main__":
    main()
