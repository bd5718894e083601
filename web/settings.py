"""Django settings of the jixiao web application.

Configuration comes from the environment, with defaults that run on a fresh checkout:

``DATABASE_URL``
    PostgreSQL (``postgres://user:pass@host:5432/name``; needs the ``postgres`` extra).
    Unset: SQLite in ``$JIXIAO_VAR_DIR/jixiao.sqlite3``.
``JIXIAO_VAR_DIR``
    Folder for the SQLite database and collected static files (default ``var/``, git-ignored).
``JIXIAO_SECRET_KEY``
    Required when ``JIXIAO_DEBUG`` is ``0``.
``JIXIAO_DEBUG``
    ``1`` (default) or ``0``.
``JIXIAO_ALLOWED_HOSTS``
    Comma-separated host names (default ``127.0.0.1,localhost``).

Every static asset is served from this project (``web/static`` and the apps' own); nothing
is loaded from a CDN, because the application runs on intranets without internet access.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

django_stubs_ext.monkeypatch()  # lets ModelAdmin[Model], QuerySet[Model] … be written at runtime

BASE_DIR = Path(__file__).resolve().parent.parent
WEB_DIR = BASE_DIR / "web"
VAR_DIR = Path(os.environ.get("JIXIAO_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("JIXIAO_DEBUG", "1") == "1"
_DEV_SECRET_KEY = "insecure-development-key-only-for-debug"
SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("JIXIAO_DEBUG=0 需要设置 JIXIAO_SECRET_KEY")
ALLOWED_HOSTS = os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules",
    "simple_history",
    "web.organisations",
    "web.declarations",
    "web.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "web.middleware.WorkflowErrorMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "web.urls"
WSGI_APPLICATION = "web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context.navigation",
            ],
        },
    },
]


def _database_default() -> str:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}"


DATABASES = {
    "default": dj_database_url.config(
        default=None if os.environ.get("DATABASE_URL") else _database_default(),
        conn_max_age=600,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [WEB_DIR / "static"]

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# A 141-indicator project table posts ~800 form fields; allow large declarations.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
