"""What the importer could not read becomes a finding, so nothing is silently dropped.

Importers never raise on bad content (STYLE.md: "Error policy is a parameter"); they record an
:class:`~jixiao.model.ImportIssue` with a catalogue code, a Chinese message and the source
line. This family turns each issue into a finding of that code. A reviewer must check these
lines by hand: review rules cannot see what was not imported.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import ReviewConfig, finding_type, make_finding, rule

TAGS = ("#import",)
REFERENCE = "jixiao 导入（STYLE.md：导入问题汇入审核报告）; REFERENCE.md §2"

finding_type(
    "import-unparsed-line",
    Severity.WARNING,
    "未能识别的行",
    "{message}",
    tags=TAGS,
    reference=REFERENCE,
    description="导入时无法归入任何栏目的一行；其中的内容未参与审核，请人工核对原表。",
)
finding_type(
    "import-amount-unreadable",
    Severity.WARNING,
    "金额无法识别",
    "{message}",
    tags=(*TAGS, "#amounts"),
    reference=f"{REFERENCE}.2–2.3（金额栏，万元）",
    description="金额单元格不是数字；该金额按未填处理，相关合计核对可能不完整。",
)
finding_type(
    "import-ambiguous-columns",
    Severity.INFO,
    "金额栏位置不明确",
    "{message}",
    tags=(*TAGS, "#amounts"),
    reference=f"{REFERENCE}.2（总计、财政拨款、财政专户拨款、其他资金）",
    description="例如一行只印出两个金额且无法判断所在栏，按“总计、财政拨款”读取；请核对。",
)
finding_type(
    "import-missing-section",
    Severity.WARNING,
    "未找到表格栏目",
    "{message}",
    tags=TAGS,
    reference=REFERENCE,
    description="例如未找到绩效指标部分；缺少的栏目无法审核，相关完整性发现可能因此产生。",
)
finding_type(
    "import-issue",
    Severity.WARNING,
    "其他导入问题",
    "{message}（导入问题代码 {issue_code}）",
    tags=TAGS,
    reference=REFERENCE,
    description="导入器报告了本目录未收录的问题代码；按警告处理。",
)

IMPORT_CODES = (
    "import-unparsed-line",
    "import-amount-unreadable",
    "import-ambiguous-columns",
    "import-missing-section",
)


@rule(
    "IMP.issues",
    [*IMPORT_CODES, "import-issue"],
    "导入时无法完整识别的内容（未识别的行、金额、栏目）逐条列为发现",
)
def check_import_issues(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """One finding per ``document.issues`` entry, with the importer's message and source; an
    issue code outside :data:`IMPORT_CODES` becomes ``import-issue`` (naming the code)."""
    for issue in document.issues:
        code = issue.code if issue.code in IMPORT_CODES else "import-issue"
        yield make_finding(
            code, document, source=issue.source, message=issue.message, issue_code=issue.code
        )
