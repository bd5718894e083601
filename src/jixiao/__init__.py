"""jixiao (绩效): import, review and report on Chinese budget performance-target tables.

Layers (each imports only the ones above it in this list):

* ``jixiao.model``, ``jixiao.taxonomy``, ``jixiao.targets``, ``jixiao.errors`` — the core
* ``jixiao.ingest`` (published tables → :class:`~jixiao.model.Document`) and
  ``jixiao.review`` (Document → findings); they do not import each other
* ``jixiao.report`` — HTML, XLSX and JSON output
* ``jixiao.cli`` — the Typer command line
"""

__version__ = "0.1.0"
