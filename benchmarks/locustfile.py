"""Locust users of the web load test; ``make bench-web`` (``benchmarks/bench_web.py``) runs it.

bench_web.py seeds a fresh database with the demo data (``python -m web demo``: four of
the five samples submitted), logs every demo officer and reviewer in once, and passes what
the users need in the JSON file named by ``JIXIAO_BENCH_PLAN``::

    {"password": "jixiao-demo",
     "big": 1,                            # pk of the Guangzhou table (29 项目, 141 指标)
     "users": [{"username": "tianhe-czj", "role": "reviewer",
                "session": "<sessionid cookie>", "declarations": [4]}, ...]}

Three kinds of users, each thinking 0.5–1.5 s between requests:

``ReviewerUser``
    A finance-bureau reviewer: their queue (待审核) and the pages of the declarations they
    see, the Guangzhou one among them for 广州市财政局.
``OfficerUser``
    A department officer: their declaration list and their declarations' pages.
``LoginUser``
    One user who logs in through the form again and again, so the login (a deliberately
    slow PBKDF2 password check) is measured without 50 of them hogging the CPU at once.

Requests are named by endpoint, not by URL, so the statistics come per page kind; a page
answering anything but 200 (a redirect to the login page included) counts as a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task
from locust.contrib.fasthttp import FastHttpUser

PLAN_ENV = "JIXIAO_BENCH_PLAN"


def _load_plan() -> dict[str, Any]:
    path = os.environ.get(PLAN_ENV)
    if not path:
        raise SystemExit(f"{PLAN_ENV} is not set: run this through benchmarks/bench_web.py")
    plan: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return plan


PLAN = _load_plan()
BIG = int(PLAN["big"])
REVIEWERS = itertools.cycle([u for u in PLAN["users"] if u["role"] == "reviewer"])
OFFICERS = itertools.cycle([u for u in PLAN["users"] if u["role"] == "officer"])
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class PageUser(FastHttpUser):
    """A logged-in user (session made by bench_web.py) reading pages."""

    abstract = True
    wait_time = between(0.5, 1.5)
    account: dict[str, Any]

    def on_start(self) -> None:
        self.cookie = {"Cookie": f"sessionid={self.account['session']}"}

    def page(self, path: str, name: str) -> None:
        with self.client.get(
            path, name=name, headers=self.cookie, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(3)
    def declaration_detail(self) -> None:
        pk = random.choice(self.account["declarations"])
        name = "declaration-detail (Guangzhou, 29 projects)" if pk == BIG else "declaration-detail"
        self.page(f"/declarations/{pk}/", name)


class ReviewerUser(PageUser):
    def on_start(self) -> None:
        self.account = next(REVIEWERS)
        super().on_start()

    @task(2)
    def review_queue(self) -> None:
        self.page("/queue/", "review-queue")


class OfficerUser(PageUser):
    def on_start(self) -> None:
        self.account = next(OFFICERS)
        super().on_start()

    @task(2)
    def declaration_list(self) -> None:
        self.page("/declarations/", "declaration-list")


class LoginUser(HttpUser):
    """Logs an officer in through the login form, over and over."""

    fixed_count = 1
    wait_time = between(1, 2)

    @task
    def login(self) -> None:
        self.client.cookies.clear()
        with self.client.get("/accounts/login/", name="login (form)", catch_response=True) as form:
            token = CSRF_INPUT.search(form.text or "")
            if form.status_code != 200 or token is None:
                form.failure(f"no login form: HTTP {form.status_code}")
                return
        with self.client.post(
            "/accounts/login/",
            name="login (POST)",
            data={
                "username": next(OFFICERS)["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token.group(1),
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/accounts/login/" in response.headers.get(
                "Location", ""
            ):
                response.failure(f"login refused: HTTP {response.status_code}")
