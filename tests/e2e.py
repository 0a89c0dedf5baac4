"""Real-browser test support: the app served by Streamlit, driven in Debian's Chromium.

Fixtures skip with a reason starting "browser:" when Chromium or Playwright is
missing; with REFLET_REQUIRE_BROWSER=1 (CI) that skip is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app, served on a free local port with its own SQLite database."""
    port = _free_port()
    tmp = tmp_path_factory.mktemp("served")
    env = os.environ | {"REFLET_DATABASE_URL": f"sqlite:///{tmp / 'reflet.db'}"}
    log = (tmp / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    exe = os.environ.get("REFLET_CHROMIUM", "/usr/bin/chromium")
    if not Path(exe).exists():
        pytest.skip(f"browser: no Chromium at {exe}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser: the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(browser, size: dict, locale: str = "fr-CA"):
    context = browser.new_context(viewport=size, locale=locale, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
