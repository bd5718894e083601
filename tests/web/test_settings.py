"""Settings: SQLite under var/ by default, PostgreSQL from DATABASE_URL, Chinese, no CDN."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
EXTERNAL_URL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.IGNORECASE)


def settings_in_subprocess(expression: str, **environ: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | environ
    code = f"import web.settings as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_sqlite_under_the_var_folder_by_default(tmp_path: Path) -> None:
    name = settings_in_subprocess(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
        JIXIAO_VAR_DIR=str(tmp_path),
    )
    assert name == f"django.db.backends.sqlite3 {tmp_path / 'jixiao.sqlite3'}"
    assert "/var/" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_postgresql_when_database_url_is_set() -> None:
    database = settings_in_subprocess(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
        DATABASE_URL="postgres://jixiao:secret@127.0.0.1:5432/jixiao",
    )
    assert database == "django.db.backends.postgresql jixiao"


def test_production_needs_a_secret_key() -> None:
    with pytest.raises(subprocess.CalledProcessError) as failed:
        settings_in_subprocess("s.SECRET_KEY", JIXIAO_DEBUG="0")
    assert "JIXIAO_SECRET_KEY" in failed.value.stderr


def test_chinese_and_shanghai_time() -> None:
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == (
        "zh-hans",
        "Asia/Shanghai",
        True,
    )


def test_no_asset_is_loaded_from_outside() -> None:
    files = [
        p for d in ("static", "templates") for p in (ROOT / "web" / d).rglob("*") if p.is_file()
    ]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not EXTERNAL_URL.search(text), f"{path} loads an external asset"


@pytest.mark.django_db
def test_migrations_cover_every_model() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_system_checks_pass() -> None:
    call_command("check", verbosity=0)
