"""JSON outputs: findings (``findings.json``) and canonical documents (``documents.json``).

Findings follow ``schema/findings.schema.json`` (a list of :meth:`Finding.as_dict` objects);
documents follow ``schema/document.schema.json`` (:func:`jixiao.serialize.document_to_dict`).
Amounts are in each document's ``money_unit``. Text is written as UTF-8 without ``\\u``
escapes, so Chinese stays readable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from jixiao.model import Document
from jixiao.report.data import ReportData
from jixiao.review.finding import Finding
from jixiao.serialize import JsonDict, document_to_dict


def dumps(value: object) -> str:
    """``value`` as indented JSON text ending in a newline, non-ASCII kept as is."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def findings_list(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """The JSON list of ``findings`` (``schema/findings.schema.json``)."""
    return [finding.as_dict() for finding in findings]


def documents_list(documents: Iterable[Document]) -> list[JsonDict]:
    """The JSON list of canonical ``documents``."""
    return [document_to_dict(document) for document in documents]


def render_findings(data: ReportData) -> bytes:
    """``findings.json``: every finding of the batch, document by document."""
    return dumps(findings_list(data.report.findings)).encode("utf-8")


def render_documents(data: ReportData) -> bytes:
    """``documents.json``: the list of canonical documents of the batch."""
    return dumps(documents_list(r.document for r in data.report.reviews)).encode("utf-8")


def render_canonical(data: ReportData) -> bytes:
    """The ``json`` export: the canonical document object when the batch holds exactly one
    document, else the list of them."""
    documents: Sequence[Document] = [r.document for r in data.report.reviews]
    if len(documents) == 1:
        return dumps(document_to_dict(documents[0])).encode("utf-8")
    return render_documents(data)
