"""Accessibility in a real browser (Debian's Chromium through Playwright), audited by
axe-core (npm, package.json) injected into the page.

At 1280x800 and 390x844 one visitor walks every page — home, the questionnaire's
first page, the results of a complete answers file, Comparer with an earlier file,
Atelier, the trainer's page, À propos, then À propos in English — and each has no
serious or critical axe violation. ``<html lang>`` is the visitor's language. A
questionnaire page is answered, and the next one reached, with the keyboard alone,
the focus visible all along. Each chart of the results is followed by its text summary.

The violations found at each size, every impact, go to test-artifacts/axe-<size>.json.
"""

from __future__ import annotations

import json

import pytest

import i18n
import questionnaires
from axe import audit, axe_source, blocking, counts, describe  # noqa: F401  (axe_source: a fixture)
from e2e import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    expect,
    expect_charts,
    go_to,
    main,
    open_app,
    open_page,  # noqa: F401  (a fixture)
    option_label,
    screenshot,
    upload,
    wait_for_page,
    wait_until_idle,
    wait_until_kept,
)
from pages_support import complete_answers, personas
from reports import answers_file

pytestmark = pytest.mark.browser

SIZES = {"desktop": DESKTOP, "phone": PHONE}
ROLE = "mentor"


def _heading(page, key: str, lang: str = "fr", **values):
    return main(page).get_by_role("heading", name=i18n.t(key, lang, **values), exact=True)


def _expect_lang(page, lang: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", lang)


def _answers_files(tmp_path) -> tuple:
    """Two complete answers files of the role: today's and an earlier one (another persona)."""
    q = questionnaires.load(ROLE)
    today = complete_answers(ROLE)
    earlier = next(p["answers"] for p in personas(ROLE)
                   if p["answers"] != today and all(i.id in p["answers"] for i in q.items))
    paths = tmp_path / "today.json", tmp_path / "earlier.json"
    for path, answers in zip(paths, (today, earlier), strict=True):
        path.write_bytes(answers_file.dump(ROLE, q.version, answers, "fr"))
    return paths


# Each chart's element is followed by its text summary: a caption in the next element.
_SUMMARIES = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]'))
  .map(chart => {
    const next = chart.closest('[data-testid="stElementContainer"]')?.nextElementSibling;
    const caption = next?.querySelector('[data-testid="stCaptionContainer"]');
    return caption ? caption.innerText.trim() : '';
  })"""


@pytest.mark.parametrize("size", SIZES)
def test_every_page_has_no_serious_axe_violation_and_says_its_language(
        app_url, open_page, axe_source, tmp_path, size):  # noqa: F811  (axe_source, open_page: fixtures)
    q = questionnaires.load(ROLE)
    today, earlier = _answers_files(tmp_path)
    page = open_page(SIZES[size])
    found: dict[str, list[dict]] = {}

    open_app(page, app_url)
    expect(main(page)).to_contain_text(i18n.t("home.not_a_test", "fr")[:20])
    _expect_lang(page, "fr")  # a fr-CA visitor reads French, and the page says so
    found["accueil"] = audit(page, axe_source)

    main(page).get_by_role("button", name=i18n.t("home.start", "fr", role=q.role("fr")), exact=True).click()
    wait_for_page(page, q, 0)
    found["questionnaire"] = audit(page, axe_source)

    # the results of a complete answers file, loaded on the home page
    go_to(page, i18n.t("nav.home", "fr"))
    expect(_heading(page, "home.resume_title")).to_be_visible()
    upload(page, i18n.t("home.resume_label", "fr"), today)
    main(page).get_by_role("button", name=i18n.t("upload.see_results", "fr"), exact=True).click()
    expect(_heading(page, "results.title", role=q.role("fr"))).to_be_visible()
    expect_charts(page, 4)
    found["resultats"] = audit(page, axe_source)
    summaries = page.evaluate(_SUMMARIES)  # each chart keeps its text summary
    assert len(summaries) == 4 and all(summaries), f"a chart without its text summary: {summaries}"

    go_to(page, i18n.t("nav.compare", "fr"))
    expect(_heading(page, "compare.title")).to_be_visible()
    upload(page, i18n.t("compare.load_label", "fr"), earlier)
    expect(_heading(page, "compare.benchmarks_title")).to_be_visible()
    expect_charts(page, 1)
    found["comparer"] = audit(page, axe_source)

    for nav_key, title_key, name in (("nav.workshop", "ws.title", "atelier"),
                                     ("nav.trainer", "tr.title", "formateur"),
                                     ("nav.about", "about.title", "a-propos")):
        go_to(page, i18n.t(nav_key, "fr"))
        expect(_heading(page, title_key)).to_be_visible()
        found[name] = audit(page, axe_source)

    page.get_by_role("button", name=i18n.t("lang.switch", "fr"), exact=True).click()
    expect(_heading(page, "about.title", "en")).to_be_visible()
    _expect_lang(page, "en")  # the language button turns the page's language too
    found["a-propos-en"] = audit(page, axe_source)

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{size}.json").write_text(json.dumps(
        {"counts": {name: counts(v) for name, v in found.items()}, "violations": found},
        ensure_ascii=False, indent=1), encoding="utf-8")
    bad = {name: blocking(v) for name, v in found.items() if blocking(v)}
    assert not bad, "serious or critical axe violations:\n" + "\n".join(
        f"{name} ({size}):\n{describe(v)}" for name, v in bad.items())


def test_an_english_speaking_visitor_gets_a_page_in_english(app_url, open_page):
    page = open_page(PHONE, locale="en-CA")
    open_app(page, app_url)
    expect(main(page)).to_contain_text(i18n.t("home.not_a_test", "en")[:20])
    _expect_lang(page, "en")


# --- the keyboard alone -------------------------------------------------------------

_FOCUS = """() => { const e = document.activeElement;
  const group = e.closest('[role="radiogroup"]');
  return {tag: e.tagName, type: e.type || '', text: (e.innerText || '').trim(), checked: !!e.checked,
          group: group ? group.getAttribute('aria-label') : null,
          options: group ? Array.from(group.querySelectorAll('input[type="radio"]'))
                                .map(r => (r.labels[0]?.innerText || '').trim()) : [],
          index: group ? Array.from(group.querySelectorAll('input[type="radio"]')).indexOf(e) : -1}; }"""

# What the keyboard user sees: the focused element matches :focus-visible and a ring (an
# outline or a box-shadow) is drawn around it or, for a radio, around its choice's label.
_FOCUS_SHOWN = """() => { const e = document.activeElement;
  if (!e || e === document.body || !e.matches(':focus-visible')) return false;
  const box = e.type === 'radio' ? e.closest('[data-testid="stRadioOption"]') : e;
  if (!box) return false;
  const s = getComputedStyle(box);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""

TAB_LIMIT = 60  # presses to reach the next stop: the page menu and a few links lie between


def _tab_until(page, wanted, what: str, key: str = "Tab") -> dict:
    """Press ``key`` until ``wanted(focus)`` holds; the focus description."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        focus = page.evaluate(_FOCUS)
        if wanted(focus):
            return focus
    raise AssertionError(f"{TAB_LIMIT} × {key} never reached {what}; the focus is on {focus}")


def _expect_focus_shown(page, what: str) -> None:
    assert page.evaluate(_FOCUS_SHOWN), f"the keyboard focus on {what} is not visible: {page.evaluate(_FOCUS)}"


def _choose_by_keyboard(page, group: str, label: str, key: str = "Tab") -> None:
    """Tab (or ``key``) into the radio group named ``group`` and pick ``label``: Space on the
    radio the focus lands on, an arrow key per step to another (each step picks, as a radio does)."""
    focus = _tab_until(page, lambda f: f["type"] == "radio" and f["group"] == group, group, key)
    _expect_focus_shown(page, group)
    target = focus["options"].index(label)
    if target == focus["index"]:
        page.keyboard.press("Space")
    for step in range(focus["index"], target, 1 if target > focus["index"] else -1):
        page.keyboard.press("ArrowDown" if target > step else "ArrowUp")
    page.wait_for_function("label => document.activeElement.checked && "
                           "document.activeElement.labels[0].innerText.trim() === label", arg=label)


def test_a_questionnaire_page_is_answered_and_left_with_the_keyboard_alone(app_url, open_page):
    q = questionnaires.load(ROLE)
    answers = complete_answers(ROLE)
    start = i18n.t("home.start", "fr", role=q.role("fr"))
    page = open_page(DESKTOP)
    open_app(page, app_url)
    wait_until_idle(page)

    _tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == start, start)
    _expect_focus_shown(page, start)
    page.keyboard.press("Enter")
    wait_for_page(page, q, 0)

    first = q.sections[0]
    for number, item in enumerate(first.items, start=1):
        _choose_by_keyboard(page, f"{number}. {item.text('fr')}", option_label(q, item, answers[item.id], "fr"))
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(len(first.items))
    wait_until_kept(page, len(first.items))
    screenshot(page, "keyboard-page1-desktop")

    suivant = i18n.t("form.next", "fr")
    _tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == suivant, suivant)
    _expect_focus_shown(page, suivant)
    page.keyboard.press("Enter")
    wait_for_page(page, q, 1)

    # on the new page, back from its end with Shift+Tab: its last question
    second = q.sections[1]
    item = second.items[-1]
    number = sum(len(s.items) for s in q.sections[:2])
    _choose_by_keyboard(page, f"{number}. {item.text('fr')}", option_label(q, item, answers[item.id], "fr"),
                        key="Shift+Tab")
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(1)
