"""Real-browser test support: the app served by Streamlit, driven in Debian's Chromium.

Fixtures skip with a reason starting "browser:" when Chromium or Playwright is
missing; with REFLET_REQUIRE_BROWSER=1 (CI) that skip is a failure.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)  # a rerun on a busy 2-core runner can take seconds, not 5 s
except ImportError:  # the ``browser`` fixture skips ("browser: ...") before anything uses it
    expect = None
    PlaywrightTimeout = TimeoutError

import i18n
import questionnaires
from questionnaires.schema import ChoiceItem, NumberItem, ScaleItem, SituationItem

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
APP_TIMEOUT = 30_000  # ms: a first page load imports pandas, plotly and friends
PHONE_MAX_WIDTH = 640  # below this, new_page emulates a phone
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Mobile Safari/537.36"
)


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


SERVED_DATABASE: dict[str, str] = {}  # app url -> its database url, for tests that count rows


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
    SERVED_DATABASE[url] = env["REFLET_DATABASE_URL"]
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


@pytest.fixture
def open_page(browser):
    """``open_page(size)``: a page in a fresh context (a new visitor); every context is closed after the test.

    Import it into a test module (``from e2e import open_page``) to use it."""
    contexts = []

    def make(size: dict, locale: str = "fr-CA"):
        page = new_page(browser, size, locale)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()


def new_page(browser, size: dict, locale: str = "fr-CA"):
    """A page in a new context (a new visitor). At phone width the context is a phone:
    a mobile user agent and touch, as Streamlit adapts to them (it closes the page
    menu after a choice only on a mobile user agent)."""
    phone = size["width"] < PHONE_MAX_WIDTH
    context = browser.new_context(
        viewport=size, locale=locale, accept_downloads=True,
        **({"user_agent": PHONE_USER_AGENT, "is_mobile": True, "has_touch": True} if phone else {}),
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def screenshot(page, name: str) -> Path:
    """The WHOLE page as ``test-artifacts/<name>.png``.

    Streamlit scrolls inside its own container, so ``full_page=True`` alone only
    captures the viewport: the viewport is stretched to the content's height for
    the shot, then restored.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    wait_until_idle(page)  # elements stream in during a run: shoot the finished page
    size = page.viewport_size
    height = size["height"]
    for _ in range(4):  # stretching can re-flow the page (charts, wrapped text): measure again
        wanted = max(_content_height(page), size["height"])
        if wanted <= height:
            break
        height = wanted
        page.set_viewport_size({"width": size["width"], "height": height})
        _settle(page)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


_HEIGHT_JS = """() => {
  let h = document.documentElement.scrollHeight;
  for (const id of ["stMain", "stAppViewContainer", "stSidebarContent"]) {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (el) h = Math.max(h, el.scrollHeight + el.getBoundingClientRect().top);
  }
  return Math.ceil(h);
}"""


def wait_until_idle(page, timeout: int = APP_TIMEOUT) -> None:
    """Wait until no script run is going on and no element of an earlier run is left."""
    page.wait_for_function(
        """() => {
          const app = document.querySelector('[data-testid="stApp"]');
          return app && app.dataset.testScriptState === "notRunning"
            && !document.querySelector('[data-stale="true"]');
        }""",
        timeout=timeout,
    )
    _settle(page)


def _content_height(page) -> int:
    return page.evaluate(_HEIGHT_JS)


def _settle(page) -> None:
    """Two animation frames: the browser has laid out and painted the new size."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


# --- driving the app ----------------------------------------------------------------

LANG_BUTTON = re.compile(r"^(English|Français)$")


def open_app(page, url: str, path: str = "") -> None:
    """Go to ``url/path`` and wait for the script's first run (the language button is on every page)."""
    page.goto(f"{url}/{path}")
    expect(page.get_by_role("button", name=LANG_BUTTON)).to_be_visible(timeout=APP_TIMEOUT)


def main(page):
    return page.locator('[data-testid="stMain"]')


def go_to(page, title: str) -> None:
    """Follow the navigation to the page named ``title``: the top bar, or the page menu
    (Streamlit's side panel, closed behind a button) on a phone."""
    top = page.locator('[data-testid="stTopNav"]')
    if top.count() and top.is_visible():
        top.get_by_role("link", name=title, exact=True).click()
        return
    nav = page.locator('[data-testid="stSidebarNav"]')
    if not (nav.count() and nav.is_visible() and _in_viewport(nav)):
        opener = page.locator('[data-testid="stExpandSidebarButton"]')
        expect(opener).to_be_visible()
        opener.click()
        expect(nav).to_be_in_viewport()
    nav.get_by_role("link", name=title, exact=True).click()


def _in_viewport(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] + box["width"] > 0 and box["x"] < locator.page.viewport_size["width"]


def progress(page):
    return page.locator('[data-testid="stProgress"]')


def _number_text(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def radio_group(page, name: str):
    return main(page).get_by_role("radiogroup", name=name, exact=True)


def choose(group, label: str) -> None:
    """Click an option's label text inside one radio block."""
    group.get_by_text(label, exact=True).click()


def _situation_group(page, title: str):
    heading = main(page).locator('[data-testid="stMarkdownContainer"]').filter(
        has=page.locator("strong").get_by_text(title, exact=True)
    )
    return heading.locator("xpath=following::div[@role='radiogroup'][1]")


def option_label(q, item, value, lang: str) -> str:
    if isinstance(item, ScaleItem):
        scale = q.scales[item.scale]
        if value == questionnaires.NOT_APPLICABLE:
            return scale.not_applicable(lang)
        return scale.labels(lang)[int(value) - 1]
    if value == questionnaires.NOT_APPLICABLE:
        return q.scales[next(iter(q.scales))].not_applicable(lang)
    return next(o.label(lang) for o in item.options if o.id == value)


def answer_section(page, q, index: int, answers: dict, lang: str = "fr", only: list[str] | None = None) -> None:
    """Give every item of section ``index`` its value from ``answers``, as a person would."""
    section = q.sections[index]
    first = 1 + sum(len(s.items) for s in q.sections[:index])
    for number, item in enumerate(section.items, start=first):
        if only is not None and item.id not in only:
            continue
        value = answers[item.id]
        if isinstance(item, NumberItem):
            box = main(page).get_by_role("spinbutton", name=f"{number}. {item.text(lang)} ({item.unit(lang)})",
                                         exact=True)
            box.fill(_number_text(value))
            box.press("Tab")  # commit the value: the page keeps it at once
            continue
        if isinstance(item, SituationItem):
            group = _situation_group(page, f"{number}. {item.title(lang)}")
        else:
            assert isinstance(item, ScaleItem | ChoiceItem), item
            group = radio_group(page, f"{number}. {item.text(lang)}")
        choose(group, option_label(q, item, value, lang))


_KEPT = """n => Object.keys(localStorage).some(k => {
  if (!k.startsWith('reflet.')) return false;
  try { return Object.keys(JSON.parse(localStorage.getItem(k)).answers || {}).length >= n; }
  catch (e) { return false; }
})"""


def wait_until_kept(page, count: int) -> None:
    """Wait until the server has kept ``count`` answers (the browser's draft holds them): a
    person does not tap Next in the same instant as the last answer, and neither does a test."""
    page.wait_for_function(_KEPT, arg=count, timeout=APP_TIMEOUT)


def wait_for_page(page, q, index: int, lang: str = "fr") -> None:
    expect(progress(page)).to_contain_text(i18n.t("form.progress", lang, k=index + 1, n=len(q.sections)))
    expect(main(page).get_by_role("heading", name=q.sections[index].title(lang), exact=True)).to_be_visible()


def questionnaire_steps(page, role: str, answers: dict, lang: str = "fr",
                        before_next: Callable[[int], None] | None = None) -> Iterator[int]:
    """Answer page by page from page 1, clicking Next and, on the last page, the finish
    button; yields the page index after each click, so that several visitors can take
    turns (one answers while the server works on another's click). ``before_next(index)``
    runs once a page is answered, before its button is clicked (a screenshot, say)."""
    q = questionnaires.load(role)
    for index in range(len(q.sections)):
        wait_for_page(page, q, index, lang)
        answer_section(page, q, index, answers, lang)
        wait_until_kept(page, sum(len(s.items) for s in q.sections[: index + 1]))
        if before_next is not None:
            before_next(index)
        last = index == len(q.sections) - 1
        main(page).get_by_role("button", name=i18n.t("form.finish" if last else "form.next", lang), exact=True).click()
        yield index


def answer_questionnaire(page, role: str, answers: dict, lang: str = "fr",
                         before_next: Callable[[int], None] | None = None) -> None:
    """The whole questionnaire, every page answered from ``answers``."""
    for _ in questionnaire_steps(page, role, answers, lang, before_next):
        pass


def answer_together(visitors: list[tuple]) -> None:
    """Several visitors ``(page, role, answers)`` answer the whole questionnaire, taking turns page by page."""
    for _ in zip(*(questionnaire_steps(*visitor) for visitor in visitors), strict=True):
        pass


def charts(page):
    return main(page).locator('[data-testid="stPlotlyChart"] .js-plotly-plot')


def expect_charts(page, count: int, timeout: int = APP_TIMEOUT) -> None:
    """Exactly ``count`` plotly charts, each drawn (its SVG is in the page)."""
    expect(charts(page)).to_have_count(count, timeout=timeout)
    for n in range(count):
        expect(charts(page).nth(n).locator(".main-svg").first).to_be_attached(timeout=timeout)


def download(page, button: str, within=None) -> tuple[str, bytes]:
    """Click a download button; return the suggested file name and the bytes."""
    scope = within if within is not None else main(page)
    with page.expect_download() as info:
        scope.get_by_role("button", name=button, exact=True).click()
    result = info.value
    return result.suggested_filename, Path(result.path()).read_bytes()


def upload(page, label: str, path: Path) -> None:
    """Put ``path`` in the file uploader whose label is ``label``."""
    uploader = main(page).locator('[data-testid="stFileUploader"]').filter(has_text=label)
    uploader.locator('input[type="file"]').set_input_files(str(path))
