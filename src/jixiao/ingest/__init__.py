"""Import published performance-target tables into :class:`~jixiao.model.Document`.

``load(path)`` reads one file (UTF-8 or GB18030), detects its layout with the importer
registry (:mod:`jixiao.ingest.registry`) and returns the document. ``load_many(paths)``
imports a batch, collecting unreadable files as errors instead of stopping.
"""

from jixiao.ingest.api import ImportBatch, collect_files, load, load_many, load_text

__all__ = ["ImportBatch", "collect_files", "load", "load_many", "load_text"]
