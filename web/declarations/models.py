"""A declaration is one performance-target table a department declares for a fiscal year.

Its content is the canonical JSON of a :class:`jixiao.model.Document`
(:func:`jixiao.serialize.document_to_dict`, ``schema/document.schema.json``) in
``document``; ``title`` and ``department_name`` are copied out of it into indexed columns
for lists and search. ``version`` grows by one on every change, so a save made from a stale
copy is refused (:func:`web.declarations.services.save_document`). Every change is kept by
django-simple-history (``history``): who, when, why, and the row before and after.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.model import Document, DocumentKind
from jixiao.serialize import document_from_dict
from web.organisations.models import Organisation
from web.workflow import Status

KIND_LABELS = {DocumentKind.DEPARTMENT: "部门整体支出", DocumentKind.PROJECT: "项目支出"}
KIND_CHOICES = [(kind.value, KIND_LABELS[kind]) for kind in DocumentKind]
STATUS_CHOICES = [(status.value, status.label) for status in Status]


class Declaration(models.Model):
    """A department's 部门整体 or 项目支出 performance targets for one fiscal year."""

    kind = models.CharField("表类型", max_length=16, choices=KIND_CHOICES)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="申报部门",
        on_delete=models.PROTECT,
        related_name="declarations",
        limit_choices_to={"kind": Organisation.Kind.DEPARTMENT},
    )
    fiscal_year = models.PositiveSmallIntegerField(
        "预算年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        "状态", max_length=16, choices=STATUS_CHOICES, default=Status.DRAFT.value, db_index=True
    )
    version = models.PositiveIntegerField("版本", default=1)
    title = models.CharField("标题", max_length=200, db_index=True)
    department_name = models.CharField("部门名称", max_length=100, db_index=True)
    document = models.JSONField("申报内容")
    source_file = models.CharField("导入文件", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "绩效目标申报"
        verbose_name_plural = "绩效目标申报"
        ordering = ("-fiscal_year", "department_name", "kind", "pk")
        indexes = (models.Index(fields=["organisation", "fiscal_year"]),)

    def __str__(self) -> str:
        return f"{self.fiscal_year}年 {self.title}"

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    def as_document(self) -> Document:
        """The declaration's content as a :class:`jixiao.model.Document`."""
        return document_from_dict(self.document)

    def set_document(self, data: dict[str, Any]) -> None:
        """Store canonical document JSON and copy its title and department into the columns."""
        self.document = data
        self.kind = str(data["kind"])
        self.department_name = str(data.get("department") or self.organisation.name)
        year = f"{self.fiscal_year}年" if self.fiscal_year else ""
        fallback = f"{self.department_name}{year}{KIND_LABELS[DocumentKind(self.kind)]}绩效目标表"
        self.title = str(data.get("title") or fallback)[:200]


class ReviewComment(models.Model):
    """A reviewer's comment on one item of a declaration, written when returning it.

    ``item_path`` points into the canonical document (``indicators/3``,
    ``projects/0/indicators/2``, ``tasks/1``, ``overall_goal``; empty for the declaration
    as a whole, see :mod:`web.declarations.items`); ``item_label`` keeps the name of the
    indicator, project or task it named, so the comment still reads after the item moved.
    """

    declaration = models.ForeignKey(
        Declaration, verbose_name="申报", on_delete=models.CASCADE, related_name="comments"
    )
    declaration_version = models.PositiveIntegerField("针对版本")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    item_path = models.CharField("条目位置", max_length=100, blank=True)
    item_label = models.CharField("条目名称", max_length=200, blank=True)
    text = models.TextField("审核意见")
    created_at = models.DateTimeField("时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ("declaration", "created_at", "pk")

    def __str__(self) -> str:
        where = f"{self.item_label}：" if self.item_label else ""
        return f"{where}{self.text}"
