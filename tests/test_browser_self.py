"""The self-assessment in a real browser (Debian's Chromium through Playwright):
a new visitor starts a questionnaire, answers every page, reads the results and
their four charts, downloads the PDF and the answers file, resumes from that file
and compares it with an earlier one; the page check and the language switch.

Screenshots of the results go to test-artifacts/ (results-<role>-<size>.png).
"""

from __future__ import annotations

import io
import json
import re

import pytest

import questionnaires
import scoring
from e2e import (
    DESKTOP,
    PHONE,
    answer_questionnaire,
    answer_section,
    download,
    expect,
    expect_charts,
    go_to,
    main,
    open_app,
    open_page,  # noqa: F401  (a fixture)
    progress,
    screenshot,
    upload,
    wait_for_page,
    wait_until_kept,
)
from pages_support import complete_answers, personas
from reports import answers_file
from views.browser import PRELOAD_KEY
from scoring import year_plan

pytestmark = pytest.mark.browser

SIZES = {"desktop": DESKTOP, "phone": PHONE}


def _words(text: str) -> str:
    """Text with every run of white space as one space (a PDF breaks lines anywhere)."""
    return re.sub(r"\s+", " ", text).strip()


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return _words(" ".join(p.extract_text() or "" for p in reader.pages))


def _earlier_answers(role: str, today: dict) -> dict:
    """Another complete persona of the role: the 'earlier' answers to compare with."""
    q = questionnaires.load(role)
    for persona in personas(role):
        answers = persona["answers"]
        if answers != today and all(i.id in answers for i in q.items):
            return answers
    raise AssertionError(f"no second complete persona for {role}")


@pytest.mark.parametrize(
    ("role", "size"),
    [
        ("mentor", "phone"),
        ("enseignant_ressource", "phone"),
        ("mentor", "desktop"),
        ("enseignant_ressource", "desktop"),
    ],
)
def test_a_new_visitor_answers_reads_downloads_resumes_and_compares(app_url, open_page, tmp_path, role, size):
    q = questionnaires.load(role)
    answers = complete_answers(role)
    profile = scoring.score(q, answers)
    rule = next(r for r in q.profiles.rules if r.id == profile.profile)
    role_name = q.role("fr")

    page = open_page(SIZES[size])
    open_app(page, app_url)
    expect(main(page)).to_contain_text("Ce n’est pas un examen")
    main(page).get_by_role("button", name=f"Commencer — {role_name}", exact=True).click()

    # every page, answered like a person: click the option's words, type the numbers
    def look_at(index: int) -> None:
        if index == 1:  # the first page of scale items, answered
            screenshot(page, f"questionnaire-{role}-{size}")

    answer_questionnaire(page, role, answers, before_next=look_at)

    # the results, their four charts and the profile in words
    expect(main(page).get_by_role("heading", name=f"Vos résultats — {role_name}")).to_be_visible()
    expect_charts(page, 4)
    expect(main(page).get_by_role("heading", name=rule.label("fr"), exact=True)).to_be_visible()
    expect(main(page).get_by_text("Vous n’avez pas terminé le questionnaire")).to_have_count(0)
    shot = screenshot(page, f"results-{role}-{size}")
    assert shot.stat().st_size > 0

    # the PDF report: a real PDF, in French, with the role and the profile
    name, data = download(page, "Télécharger le rapport (PDF)")
    assert name.endswith(".pdf") and data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert _words(rule.label("fr")) in text, text[:600]
    assert role_name in text
    assert "Mon profil d’accompagnement" in text

    # the answers file holds exactly what was clicked and typed
    name, data = download(page, "Télécharger mes réponses (JSON)")
    assert name.endswith(".json")
    saved = json.loads(data.decode("utf-8"))
    assert saved["role"] == role and saved["questionnaire_version"] == q.version
    assert saved["answers"] == answers
    mine = tmp_path / name
    mine.write_bytes(data)

    # a later visit: resume from that file on the home page
    go_to(page, "Accueil")
    expect(main(page).get_by_role("heading", name="Reprendre là où vous en étiez")).to_be_visible()
    upload(page, "Déposez un fichier de réponses Reflet (.json)", mine)
    expect(main(page).get_by_text(f"Vos réponses ont été chargées ({len(answers)} réponses)\u00a0: "
                                  "le questionnaire est complet.")).to_be_visible()
    main(page).get_by_role("button", name="Revoir mes réponses").click()
    expect(progress(page)).to_contain_text(f"Page 1 de {len(q.sections)}")
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(len(q.sections[0].items))  # shown again

    # compare with an earlier answers file (another persona's)
    earlier = tmp_path / f"reflet-{role}-earlier.json"
    earlier.write_bytes(answers_file.dump(role, q.version, _earlier_answers(role, answers), "fr"))
    go_to(page, "Comparer")
    expect(main(page).get_by_role("heading", name="Comparer avec des réponses antérieures")).to_be_visible()
    upload(page, "Fichier de réponses antérieur (.json)", earlier)
    expect(main(page).get_by_role("heading", name="Repères qui ont changé")).to_be_visible()
    expect_charts(page, 1)
    expect(main(page).get_by_text("Réponses du ", exact=False).first).to_be_visible()
    expect(main(page).get_by_role("heading", name="Ce qui a changé", exact=True)).to_be_visible()


def test_next_with_nothing_answered_names_the_gaps_and_stays(app_url, open_page):
    q = questionnaires.load("mentor")
    first = q.sections[0]
    page = open_page(PHONE)
    open_app(page, app_url)
    main(page).get_by_role("button", name="Commencer — Mentor", exact=True).click()
    expect(progress(page)).to_contain_text(f"Page 1 de {len(q.sections)}")
    main(page).get_by_role("button", name="Suivant", exact=True).click()
    error = main(page).locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text(f"Il reste {len(first.items)} questions sans réponse")
    named = main(page).get_by_text(re.compile(r"^Question \d+\s:\s"))  # \s: French binds the colon
    expect(named).to_have_count(len(first.items))  # every unanswered item is named
    expect(named.first).to_have_text(f"Question 1 : {first.items[0].text('fr')}")
    expect(progress(page)).to_contain_text(f"Page 1 de {len(q.sections)}")  # still on page 1
    expect(main(page).get_by_role("heading", name=first.title("fr"), exact=True)).to_be_visible()
    screenshot(page, "page-check-phone")


def test_the_language_button_turns_the_page_to_english_and_back(app_url, open_page):
    page = open_page(PHONE)
    open_app(page, app_url)
    expect(main(page)).to_contain_text("Ce n’est pas un examen")
    page.get_by_role("button", name="English", exact=True).click()
    expect(main(page)).to_contain_text("This is not a test")
    mentor = questionnaires.load("mentor").role("en")
    expect(main(page).get_by_role("button", name=f"Start — {mentor}", exact=True)).to_be_visible()
    expect(main(page)).not_to_contain_text("Ce n’est pas un examen")
    page.get_by_role("button", name="Français", exact=True).click()
    expect(main(page)).to_contain_text("Ce n’est pas un examen")


NO_ANSWERS_KEPT = """() => { const d = localStorage.getItem('reflet.self');
  return d === null || Object.keys(JSON.parse(d).answers || {}).length === 0; }"""


def _mentor_on_a_phone(app_url, open_page):
    """A phone at 390x844 that has just started the mentor questionnaire: (page, q, answers)."""
    q = questionnaires.load("mentor")
    page = open_page(PHONE)
    open_app(page, app_url)
    main(page).get_by_role("button", name="Commencer — Mentor", exact=True).click()
    wait_for_page(page, q, 0)
    return page, q, complete_answers("mentor")


def test_on_a_phone_a_new_page_starts_at_its_top_and_the_menu_closes_after_a_choice(app_url, open_page):
    page, q, answers = _mentor_on_a_phone(app_url, open_page)
    answer_section(page, q, 0, answers)
    wait_until_kept(page, len(q.sections[0].items))
    page.mouse.wheel(0, 5000)  # the thumb is on Suivant, at the bottom of a long page
    main(page).get_by_role("button", name="Suivant", exact=True).click()
    expect(progress(page)).to_contain_text(f"Page 2 de {len(q.sections)}")
    title = main(page).get_by_role("heading", name=q.sections[1].title("fr"), exact=True)
    expect(title).to_be_in_viewport()  # title and first question in view, not the old bottom
    expect(main(page).get_by_role("radiogroup").first).to_be_in_viewport()
    screenshot(page, "next-page-top-phone")
    go_to(page, "À propos")
    expect(main(page).get_by_role("heading", name="À propos de Reflet", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNav"]')).not_to_be_in_viewport()  # the menu closed
    screenshot(page, "menu-closed-phone")


def test_a_reload_mid_page_brings_the_answers_back_and_erase_removes_them(app_url, open_page):
    page, q, answers = _mentor_on_a_phone(app_url, open_page)
    answer_section(page, q, 0, answers)
    wait_until_kept(page, len(q.sections[0].items))
    main(page).get_by_role("button", name="Suivant", exact=True).click()
    wait_for_page(page, q, 1)
    first_two = q.sections[1].items[:2]
    answer_section(page, q, 1, {i.id: answers[i.id] for i in first_two}, only=[i.id for i in first_two])
    wait_until_kept(page, len(q.sections[0].items) + 2)  # the draft this browser keeps holds them all
    assert "b_" not in page.url and "answers" not in page.url  # no answer ever travels in the address
    page.reload()  # a phone that discarded its tab comes back the same way
    expect(main(page).get_by_text("Vos réponses ont été retrouvées dans ce navigateur", exact=False)).to_be_visible(
        timeout=30_000)
    wait_for_page(page, q, 1)  # the same page...
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(2)  # ...with its two answers
    screenshot(page, "draft-restored-phone")
    main(page).get_by_role("button", name="Effacer mes réponses", exact=True).click()
    expect(main(page).get_by_text("Vos réponses ont été effacées")).to_be_visible()
    wait_for_page(page, q, 0)
    page.wait_for_function(NO_ANSWERS_KEPT)  # the browser has let them go (within a moment)
    page.reload()  # nothing comes back: a new visit starts from the choice of a questionnaire
    expect(main(page).get_by_text("Choisissez d’abord un questionnaire")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)  # time for a draft to be read and, wrongly, brought back
    expect(main(page).get_by_text("Vos réponses ont été retrouvées", exact=False)).to_have_count(0)
    expect(main(page).get_by_text("Choisissez d’abord un questionnaire")).to_be_visible()
    assert page.evaluate(NO_ANSWERS_KEPT)


def test_the_language_the_menu_and_a_download_mid_page_lose_nothing(app_url, open_page):
    page, q, answers = _mentor_on_a_phone(app_url, open_page)
    half = [i.id for i in q.sections[0].items[:2]]
    answer_section(page, q, 0, answers, only=half)
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(2)
    page.get_by_role("button", name="English", exact=True).click()
    wait_for_page(page, q, 0, "en")
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(2)  # the language kept them
    page.get_by_role("button", name="Français", exact=True).click()
    go_to(page, "À propos")
    expect(main(page).get_by_role("heading", name="À propos de Reflet", exact=True)).to_be_visible()
    go_to(page, "Questionnaire")
    wait_for_page(page, q, 0)
    expect(main(page).get_by_role("radio", checked=True)).to_have_count(2)  # so did the menu
    main(page).get_by_text("Enregistrer ou reprendre mes réponses").click()
    _, data = download(page, "Télécharger mes réponses (JSON)")
    saved = answers_file.parse(data, q).answers
    assert set(half) <= set(saved)  # the page on screen is in the file


def test_a_typed_number_off_its_step_or_range_gets_its_message_and_no_traceback(app_url, open_page):
    page, q, answers = _mentor_on_a_phone(app_url, open_page)
    answers = dict(answers, pr_training=1.7, pr_months=80)  # step 0.5; top 60
    practices = next(n for n, s in enumerate(q.sections) if s.kind == "practices")
    for index in range(practices + 1):
        wait_for_page(page, q, index)
        answer_section(page, q, index, answers)
        if index < practices:  # the practices page holds two numbers that are never kept
            wait_until_kept(page, sum(len(s.items) for s in q.sections[: index + 1]))
        else:
            page.wait_for_timeout(500)  # a person's pause before Next
        main(page).get_by_role("button", name="Suivant", exact=True).click()
    expect(main(page).get_by_text("Cette réponse va par bonds de 0,5 : 1,5 ou 2, par exemple.").first).to_be_visible()
    expect(main(page).get_by_text("Entrez un nombre de 0 à 60.").first).to_be_visible()
    expect(main(page).get_by_text("2 réponses sont à corriger")).to_be_visible()
    expect(progress(page)).to_contain_text(f"Page {practices + 1} de {len(q.sections)}")  # the page stays
    expect(main(page).get_by_text("Toutes nos excuses", exact=False)).to_have_count(0)  # no apology, no traceback
    expect(page.get_by_text("Traceback")).to_have_count(0)
    screenshot(page, "number-typo-phone")


PLAN_HEADING_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const heading = [...main.querySelectorAll('h2')].find(h => h.innerText.trim() === 'Mon plan pour l’année');
  return heading ? heading.getBoundingClientRect().top + main.scrollTop : null;
}"""


def _choose(page, label: str, starting: str) -> None:
    """Pick the option that starts with ``starting`` in the selectbox labelled ``label``,
    as a person does on a phone: type the first words, take the first match."""
    box = main(page).get_by_label(label)
    box.click()
    box.fill(starting)
    page.keyboard.press("Enter")
    expect(main(page).get_by_text(starting, exact=False).first).to_be_visible()


def test_on_a_phone_the_results_fit_and_the_plan_goes_into_the_json_the_pdf_and_compare(app_url, open_page, tmp_path):
    role = "mentor"
    q = questionnaires.load(role)
    answers = next(p["answers"] for p in personas(role) if p["id"] == "laissez_faire_friend")
    profile = scoring.score(q, answers)  # three strengths and three things to look at: the longest first screen
    mine = tmp_path / "septembre.json"
    mine.write_bytes(answers_file.dump(role, q.version, answers, "fr"))

    page = open_page(PHONE)
    open_app(page, app_url)
    # while the person reads the home page, plotly.js is fetched and started by a chart no one sees
    preload = main(page).locator(f".st-key-{PRELOAD_KEY}")
    expect(preload.locator(".js-plotly-plot")).to_be_attached()
    expect(preload).to_be_hidden()
    upload(page, "Déposez un fichier de réponses Reflet (.json)", mine)
    main(page).get_by_role("button", name="Voir mes résultats").click()

    # the first screen: the profile, what each score means, strengths and things to look at
    rule = next(r for r in q.profiles.rules if r.id == profile.profile)
    expect(main(page).get_by_role("heading", name=rule.label("fr"), exact=True)).to_be_visible()
    for code in q.composite_codes:
        expect(main(page).get_by_text(f"{code} — {q.composites[code].label('fr')}").first).to_be_visible()
    expect(main(page).get_by_role("heading", name="Vos forces")).to_be_visible()
    expect(main(page).get_by_role("heading", name="À regarder de plus près")).to_be_visible()
    expect(main(page).locator('[data-testid="stExpander"]').filter(has_text="sous la zone suggérée").first).to_be_visible()
    expect_charts(page, 4)
    top = page.evaluate(PLAN_HEADING_JS)
    assert top is not None and top <= 2.5 * PHONE["height"], f"the plan starts at {top} px"
    screenshot(page, "results-plan-phone")

    # a plan item from the first proposal, with its three texts
    first = year_plan.proposals(q, profile)[0]
    kind, _, target = first.partition(":")
    title = (next(b for b in q.benchmarks if b.id == target).title("fr") if kind == "benchmark"
             else q.subscale(target).label("fr"))
    _choose(page, "Sur quoi voulez-vous travailler?", title)
    main(page).get_by_label("Premier pas concret").fill("Fixer un mardi sur deux avec l’élève")
    main(page).get_by_label("Quand").fill("D’ici la fin de septembre")
    main(page).get_by_label("Comment je saurai que ça fonctionne").fill("Six rencontres en octobre")
    main(page).get_by_role("button", name="Ajouter à mon plan").click()
    expect(main(page).get_by_text("Ce que je veux travailler")).to_be_visible()

    name, data = download(page, "Télécharger mes réponses (JSON)")
    saved = json.loads(data)
    assert saved["format_version"] == 2
    assert saved["plan"] == [{"focus": first, "step": "Fixer un mardi sur deux avec l’élève",
                              "when": "D’ici la fin de septembre", "check": "Six rencontres en octobre"}]
    _, pdf = download(page, "Télécharger le rapport (PDF)")
    assert "Fixer un mardi sur deux avec l’élève" in _pdf_text(pdf)
    september = tmp_path / name
    september.write_bytes(data)

    # in June: the plan beside what changed
    go_to(page, "Comparer")
    upload(page, "Fichier de réponses antérieur (.json)", september)
    expect(main(page).get_by_role("heading", name="Votre plan de l’année et ce qui a changé")).to_be_visible()
    expect(main(page).get_by_text("Fixer un mardi sur deux avec l’élève")).to_be_visible()
    screenshot(page, "compare-plan-phone")
