"""Smoke test in a real browser: the login page, and each role landing where its work is."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.conftest import Demo, Login, NewPage, Screenshot

STYLES_AND_SCRIPTS = """() => ({
    htmx: typeof window.htmx,
    rules: [...document.styleSheets].map(sheet => sheet.cssRules.length),
})"""


def test_login_page_renders_with_the_vendored_assets(
    page: Page, demo_served: Demo, screenshot: Screenshot, page_errors: list[str]
) -> None:
    page.goto(reverse("login"))
    assert page.title() == "登录 · jixiao 预算绩效管理"
    assert page.locator("#id_username").is_visible()
    assert page.locator("#id_password").get_attribute("type") == "password"
    loaded = page.evaluate(STYLES_AND_SCRIPTS)
    assert loaded["htmx"] == "object"
    assert len(loaded["rules"]) >= 2 and all(loaded["rules"])  # Bootstrap and app.css
    assert is_png(screenshot(page, "login"))
    assert page_errors == []


def test_officer_and_reviewer_land_on_their_work(
    new_page: NewPage,
    demo_served: Demo,
    login: Login,
    screenshot: Screenshot,
    page_errors: list[str],
) -> None:
    officer = new_page()
    login(officer, "tianhe-sfj")
    assert officer.url.endswith(reverse("declaration-list"))
    assert "部门填报人 · 广州市天河区司法局" in officer.get_by_test_id("whoami").inner_text()
    assert officer.get_by_test_id("declaration-row").count() == 2  # 天河's two tables
    assert is_png(screenshot(officer, "officer-declaration-list"))

    reviewer = new_page()  # a context of its own: both stay logged in
    login(reviewer, "tianhe-czj")
    assert reviewer.url.endswith(reverse("review-queue"))
    assert "财政审核人 · 天河区财政局" in reviewer.get_by_test_id("whoami").inner_text()
    queue = reviewer.get_by_test_id("queue-row")
    assert queue.count() == 1  # 天河's 项目支出 table; its 部门整体 table is still a draft
    assert "项目支出" in queue.inner_text()
    assert is_png(screenshot(reviewer, "reviewer-review-queue"))
    assert page_errors == []


def test_a_wrong_password_stays_on_the_login_page(page: Page, demo: Demo, login: Login) -> None:
    with pytest.raises(AssertionError, match="用户名或密码不正确"):
        login(page, "tianhe-sfj", "not-the-password")


def is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
