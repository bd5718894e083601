"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on our machines, so the tests launch the
system Chromium (``/usr/bin/chromium``, Debian package ``chromium``; another path can be
given in ``JIXIAO_CHROMIUM``) headless. Without it the tests are skipped with the reason,
except in CI (``CI`` set), where a missing browser fails them: CI must run them.

Fixtures for new browser tests (all but ``browser`` are per test):

``browser``
    The headless Chromium (:class:`playwright.sync_api.Browser`), one per session.
``new_page()``
    A page in a fresh browser context (its own cookies: one logged-in user each), with
    ``base_url`` set to the live server, so ``page.goto("/queue/")`` works; Chinese locale,
    1280×900 viewport, 10 s default timeout. Call it once per user in a test with several
    users. Pages are closed after the test; when the test failed, each is first saved as
    ``artifacts/screenshots/<test>-failed-<n>.png``.
``page``
    ``new_page()`` for a test with one user.
``page_errors``
    What went wrong in the pages of the test, one line each: uncaught JavaScript errors,
    failed requests and HTTP responses ≥ 400 (but ``/favicon.ico``).
    ``assert page_errors == []`` checks, for one, that the vendored scripts and styles
    loaded; a test that expects a 404 page leaves it alone.
``url(name, *args)``
    Absolute live-server URL of a URL name: ``url("declaration-detail", pk)``.
``demo``
    The demo data of ``seed_demo``: the organisations, the nine accounts (password
    ``jixiao-demo``) and the five samples as drafts of their departments. Returns
    :class:`Demo`, with ``demo.declaration("guangzhou-2023-project-tabbed.txt")`` and
    ``demo.user("tianhe-czj")``.
``demo_served``
    The data ``make run`` serves (the ``demo`` command): as ``demo``, but four samples
    submitted, so 天河区财政局 (``tianhe-czj``) has 天河's 项目支出 table in its queue and
    天河's 部门整体支出 table stays a draft of ``tianhe-sfj``.
``login(page, username, password="jixiao-demo")``
    Logs in through the login form and waits for the page it lands on; raises
    ``AssertionError`` when the login page comes back (wrong password).
``logout(page)``
    Clicks 退出 in the navigation bar.
``screenshot(page, name)``
    Saves the whole page as ``artifacts/screenshots/<name>.png`` and returns the path.
    ``artifacts/`` is ignored by git (it writes its own ``.gitignore``); CI keeps it.

The tests use the live server, hence ``transactional_db``: the database is emptied after
every test, and each test seeds what it needs. Passwords are hashed with MD5 here, so
logging in takes milliseconds rather than a second of PBKDF2. Playwright's synchronous API
keeps an event loop running in the test thread, which Django takes for async code and
refuses database access from; the ``browser`` fixture sets ``DJANGO_ALLOW_ASYNC_UNSAFE``
for the session so tests can seed and check the database (the live server's thread runs
no event loop, so nothing there relied on that check).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from web.declarations.management.commands.seed_demo import DEMO_PASSWORD
from web.declarations.models import Declaration

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path(os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # the machines have no network but loopback
    "--disable-component-update",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 10_000

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item, so fixtures can tell that the test failed."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    reports = request.node.stash.get(_REPORTS, {})
    return any(report.failed for report in reports.values())


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"没有 Chromium（{CHROMIUM}）：apt-get install chromium，或设置 JIXIAO_CHROMIUM"
        if in_ci():
            pytest.fail(f"{reason}；CI 必须运行浏览器测试")
        pytest.skip(reason)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page_errors() -> list[str]:
    return []


DOWNLOAD_URL = re.compile(r"(export\.(xlsx|html)|template\.xlsx)(\?|$)")


def _record_errors(page: Page, errors: list[str]) -> None:
    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            errors.append(f"{response.url}: HTTP {response.status}")

    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    def on_failed(request: Request) -> None:
        # Chromium ends the navigation of every download with net::ERR_ABORTED: not an error.
        if DOWNLOAD_URL.search(request.url) and "ERR_ABORTED" in str(request.failure):
            return
        errors.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)


NewPage = Callable[[], Page]


@pytest.fixture
def new_page(
    browser: Browser,
    live_server: LiveServer,
    page_errors: list[str],
    request: pytest.FixtureRequest,
) -> Iterator[NewPage]:
    contexts: list[BrowserContext] = []

    def make() -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        _record_errors(page, page_errors)
        return page

    yield make
    name = _safe_name(request.node.name)
    for n, context in enumerate(contexts, 1):
        if _failed(request):
            for page in context.pages:
                _failure_screenshot(page, f"{name}-failed-{n}")
        context.close()


@pytest.fixture
def page(new_page: NewPage) -> Page:
    return new_page()


@pytest.fixture
def url(live_server: LiveServer) -> Callable[..., str]:
    def absolute(name: str, *args: object) -> str:
        return live_server.url + reverse(name, args=args)

    return absolute


@dataclass(frozen=True)
class Demo:
    """The seeded demo data; look objects up by their stable names."""

    password: str = DEMO_PASSWORD

    def user(self, username: str) -> User:
        return User.objects.get(username=username)

    def declaration(self, source_file: str) -> Declaration:
        return Declaration.objects.get(source_file=source_file)


@pytest.fixture
def demo(transactional_db: None) -> Demo:
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    return Demo()


@pytest.fixture
def demo_served(transactional_db: None) -> Demo:
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    return Demo()


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log ``username`` in through the form; the page is where the login redirected."""
    page.goto(reverse("login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    if page.url.split("?")[0].endswith(reverse("login")):
        raise AssertionError(f"{username} 登录失败：{page.locator('main').inner_text()}")


def logout(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="退出").click()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as ``artifacts/screenshots/<name>.png`` (the window only with
    ``full_page=False``, for pages tens of thousands of pixels tall); the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# screenshots of the browser tests; CI keeps them\n*\n")
    path = SCREENSHOTS / f"{_safe_name(name)}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


def _failure_screenshot(page: Page, name: str) -> None:
    """The window of a failed test's page; never turns a failure into a teardown error."""
    with contextlib.suppress(PlaywrightError):
        screenshot(page, name, full_page=False)


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name).strip("-")


Login = Callable[..., None]
Logout = Callable[[Page], None]
Screenshot = Callable[..., Path]


@pytest.fixture(name="login")
def login_fixture() -> Login:
    return login


@pytest.fixture(name="logout")
def logout_fixture() -> Logout:
    return logout


@pytest.fixture(name="screenshot")
def screenshot_fixture() -> Screenshot:
    return screenshot
