"""Fixtures for the page tests: a real ``rolegraph serve`` on loopback and headless Chromium.

The server is the real application (``create_app`` on the built-in data) run by uvicorn in a
thread on a free loopback port; set ROLEGRAPH_TEST_SERVER_URL to test a server that is already
running instead. Chromium is Debian's (``/usr/bin/chromium``, or ROLEGRAPH_CHROMIUM), driven by
Python Playwright; the tests skip with the reason when either is missing. Screenshots go to
``$ROLEGRAPH_ARTIFACTS/screenshots`` (default ``artifacts/screenshots`` in the repository).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Flags Chromium needs on a machine with no network beyond loopback and no display.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}


def chromium_path() -> str | None:
    """Debian's Chromium, or the one ROLEGRAPH_CHROMIUM names."""
    named = os.environ.get("ROLEGRAPH_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def missing(reason: str) -> NoReturn:
    """Skip without a browser; in CI (CI=true, where .ci/run installs one) fail instead, so the
    browser tests cannot silently stop running."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason)
    pytest.skip(reason)


def screenshot_dir() -> Path:
    root = Path(os.environ.get("ROLEGRAPH_ARTIFACTS") or REPO / "artifacts")
    path = root / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(store: Any) -> Iterator[str]:
    """Run the real application over ``store`` on a free loopback port; yield its base URL."""
    uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (pip install -e .)")
    from rolegraph.server.app import create_app
    from rolegraph.server.settings import ServerSettings

    port = _free_port()
    app = create_app(store, settings=ServerSettings(host="127.0.0.1", port=port))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="rolegraph-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """The base URL of a running server with the built-in data."""
    given = os.environ.get("ROLEGRAPH_TEST_SERVER_URL")
    if given:
        yield given.rstrip("/")
        return
    from rolegraph.store import load_builtin, open_store

    store = open_store(None)
    load_builtin(store)
    try:
        with serve(store) as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium, launched once for the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Python playwright is not installed (pip install playwright)")
    executable = chromium_path()
    if executable is None:
        missing(
            "Chromium is not installed (apt-get install chromium), or ROLEGRAPH_CHROMIUM is wrong"
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class PageRecord:
    """What a page did: every request it made, and every error it reported."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Opened:
    """A page open on the server, with what it records and a way to save screenshots."""

    page: Any
    base_url: str
    viewport: str
    record: PageRecord

    def goto(self, path: str) -> float:
        """Open ``path`` and wait until its view is drawn; return the seconds it took."""
        started = time.perf_counter()
        self.page.goto(self.base_url + path)
        self.wait_ready()
        return time.perf_counter() - started

    def wait_ready(self) -> None:
        self.page.wait_for_selector("html[data-ready='true']", timeout=15_000)

    def artifact(self, name: str) -> Path:
        """A path beside the screenshots, for other things a test keeps."""
        return screenshot_dir().parent / name

    def shot(self, name: str) -> Path:
        path = screenshot_dir() / f"{name}-{self.viewport}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_page(browser: Any, server_url: str) -> Iterator[Callable[..., Opened]]:
    """Open pages at a viewport; after the test, check they fetched nothing from other hosts and
    reported no script errors."""
    contexts: list[Any] = []
    opened: list[Opened] = []

    def make(viewport: str = "desktop", color_scheme: str = "light", **options: Any) -> Opened:
        size = options.pop("size", None) or VIEWPORTS[viewport]
        context = browser.new_context(
            viewport=size,
            color_scheme=color_scheme,
            device_scale_factor=1,
            is_mobile=viewport == "phone",
            has_touch=viewport == "phone",
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        record = PageRecord()
        page.on("request", lambda req: record.requests.append(req.url))
        page.on("pageerror", lambda error: record.errors.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                record.errors.append(f"console: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        result = Opened(page, server_url, viewport, record)
        opened.append(result)
        return result

    yield make
    for context in contexts:
        context.close()
    for item in opened:
        outside = [
            url
            for url in item.record.requests
            if not url.startswith((item.base_url + "/", "data:", "about:"))
        ]
        assert not outside, f"the page fetched from other hosts: {outside}"
        assert not item.record.errors, f"the page reported errors: {item.record.errors}"
