"""Inputs of ``jixiao evaluate`` and ``jixiao monitor``: a declared table, its actuals, the
scoring and monitoring settings, and the web app's database (through ``web.cli_bridge``).

Every failure is a :class:`~jixiao.errors.JixiaoError` with a Chinese message naming the file,
so the commands report it on one line and exit 2 (:func:`jixiao.cli.common.fail`).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from rich.text import Text

from jixiao.actuals import Actuals, Period
from jixiao.actuals_json import actuals_from_dict
from jixiao.actuals_xlsx import ActualsProblem, read_actuals
from jixiao.cli.common import console
from jixiao.errors import UnreadableFileError, UsageError
from jixiao.ingest import load
from jixiao.model import Document
from jixiao.monitoring import PRESETS, MonitoringConfig
from jixiao.scoring import ScoringConfig

ACTUALS_SUFFIXES = (".json", ".xlsx", ".xlsm", ".csv")
_FATAL = frozenset({"actuals-unreadable-file", "actuals-no-table"})


@dataclass(frozen=True, slots=True)
class DatabaseRecord:
    """A declaration of the web app's database as ``--database`` needs it (built by
    ``web.cli_bridge``).

    ``document`` is the declared table; ``actuals`` the latest report (``None`` when nothing
    was reported) dated ``period``; ``goal_actuals`` its 年度目标实际完成情况 by item path;
    ``scoring_config`` / ``monitoring_config`` the declaration's own settings (defaults when
    none were saved). ``status`` is the workflow status label (``已审核通过`` …).
    """

    id: int
    title: str
    department: str
    fiscal_year: int
    status: str
    document: Document
    actuals: Actuals | None
    period: Period | None
    scoring_config: ScoringConfig
    monitoring_config: MonitoringConfig
    goal_actuals: Mapping[str, str] = field(default_factory=dict)


def load_table(path: Path) -> Document:
    """The declared table (项目 or 部门整体支出绩效目标表) at ``path``."""
    return load(path)


def load_actuals(path: Path, document: Document) -> Actuals:
    """The actuals at ``path``: JSON (:mod:`jixiao.actuals_json`), or the actuals spreadsheet
    (XLSX/CSV, :mod:`jixiao.actuals_xlsx`) checked against ``document``. Problems of single
    rows are printed on stderr and the rest is used; an unreadable file raises."""
    suffix = path.suffix.lower()
    if suffix not in ACTUALS_SUFFIXES:
        raise UsageError("执行情况文件应为 .json、.xlsx 或 .csv", str(path))
    if suffix == ".json":
        data = read_json(path, "执行情况")
        try:
            return actuals_from_dict(data)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise UsageError(f"执行情况 JSON 有误：{error}", str(path)) from None
    actuals, problems = read_actuals(path, file_label=str(path), document=document)
    fatal = [p for p in problems if p.code in _FATAL]
    if fatal:
        raise UnreadableFileError(fatal[0].message)
    report_actuals_problems(problems)
    return actuals


def report_actuals_problems(problems: Iterable[ActualsProblem]) -> None:
    """One line on stderr per problem of the actuals file."""
    err = console(stderr=True)
    for problem in problems:
        err.print(Text(f"执行情况：{problem.message}", style="yellow"), soft_wrap=True)


def read_json(path: Path, what: str) -> dict[str, Any]:
    """The JSON object in ``path``; raises naming the file when it is missing or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UnreadableFileError("文件不存在", str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableFileError(f"无法读取（{error}）", str(path)) from None
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{what}不是有效的 JSON（第 {error.lineno} 行：{error.msg}）", str(path)
        ) from None
    if not isinstance(data, dict):
        raise UsageError(f"{what} JSON 应为对象（{{…}}）", str(path))
    return data


def scoring_config(path: Path | None) -> ScoringConfig:
    """:class:`ScoringConfig` from a JSON file (:meth:`ScoringConfig.to_dict` shape), or the
    defaults."""
    if path is None:
        return ScoringConfig()
    try:
        return ScoringConfig.from_dict(read_json(path, "评分设置"))
    except UsageError as error:
        raise UsageError(str(error), str(path)) from None


def monitoring_config(path: Path | None, preset: str | None) -> MonitoringConfig:
    """:class:`MonitoringConfig` from a JSON file, else the named preset, else the defaults."""
    if path is not None and preset is not None:
        raise UsageError("--config 与 --preset 只能选一个")
    if preset is not None:
        if preset not in PRESETS:
            raise UsageError(f"未知的监控预设 {preset!r}，可选：{'、'.join(PRESETS)}")
        return PRESETS[preset]
    if path is None:
        return PRESETS["default"]
    try:
        return MonitoringConfig.from_dict(read_json(path, "监控设置"))
    except UsageError as error:
        raise UsageError(str(error), str(path)) from None


def parse_period(text: str | None) -> Period | None:
    """``2025-07`` (or ``2025-7``, ``2025年7月``) as a :class:`Period`; ``None`` stays ``None``."""
    if text is None:
        return None
    cleaned = text.strip().replace("年", "-").replace("月", "").replace("/", "-")
    year, _, month = cleaned.partition("-")
    try:
        return Period(int(year), int(month))
    except ValueError:
        raise UsageError(f"期间应写作 2025-07：{text!r}") from None


def database_records(
    *, declaration: int | None = None, department: str | None = None
) -> Sequence[DatabaseRecord]:
    """Declarations with their latest actuals from the web app's database (``--database``).

    Imports ``web.cli_bridge`` only now, so the core works without Django; raises
    :class:`UsageError` in Chinese when the web part is not installed or the database cannot
    be read.
    """
    bridge = _bridge()
    records: Sequence[DatabaseRecord] = bridge.declaration_records(
        declaration_id=declaration, department=department
    )
    return records


def _bridge() -> ModuleType:
    """``web.cli_bridge``; from a source checkout the current directory is added to the path
    (the console script's path does not hold it), as ``python -m web`` has it."""
    checkout = Path.cwd()
    for attempt in range(2):
        try:
            return importlib.import_module("web.cli_bridge")
        except ModuleNotFoundError as error:
            missing = error.name or ""
            retry = missing == "web" and (checkout / "web" / "cli_bridge.py").is_file()
            if attempt == 0 and retry and str(checkout) not in sys.path:
                sys.path.insert(0, str(checkout))
                continue
            raise _bridge_error(missing) from None
    raise _bridge_error("web")  # pragma: no cover - the loop returns or raises


def _bridge_error(missing: str) -> UsageError:
    if missing == "web" or missing.startswith("web."):
        return UsageError(
            "找不到网页端（web 包）：--database 需在 jixiao 源码目录中运行，且已安装网页端依赖"
            "（pip install 'jixiao[web]'）"
        )
    return UsageError(
        f"未安装网页端依赖（缺少 {missing}）：请先 pip install 'jixiao[web]'，再使用 --database"
    )


def require_one(table: Path | None, database: bool) -> None:
    """Exactly one of a file argument and ``--database``."""
    if table is not None and database:
        raise UsageError("给出文件时不能同时使用 --database")
    if table is None and not database:
        raise UsageError("请给出要处理的文件，或使用 --database 读取网页端数据库")
