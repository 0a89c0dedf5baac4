"""A workshop in a real browser (Debian's Chromium through Playwright): a trainer
on a laptop creates a workshop, three participants join by its link on their
phones and submit the whole questionnaire, and the trainer's dashboard, which
refreshes itself every few seconds, counts them, hides the group below the
anonymity threshold and shows it from the threshold on, with a CSV export.

A smoke room of ten phones answers together and must make ten rows with no error shown.

Screenshots go to test-artifacts/: dashboard-desktop.png (group charts shown),
dashboard-below-threshold-desktop.png and participant-results-phone.png.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import pytest

import i18n
import questionnaires
from e2e import (
    SERVED_DATABASE,
    LANG_BUTTON,
    PlaywrightTimeout,
    DESKTOP,
    PHONE,
    answer_section,
    answer_together,
    charts,
    download,
    expect,
    expect_charts,
    go_to,
    main,
    open_app,
    open_page,  # noqa: F401  (a fixture)
    screenshot,
    wait_for_page,
    wait_until_kept,
)
from pages_support import personas
from workshops.dashboard import charted_count

pytestmark = pytest.mark.browser

ROLE = "mentor"
PARTICIPANTS = 3
FRAGMENT_WAIT = 20_000  # ms: the dashboard fragment reruns every 5 s; a few rounds on a busy machine


def _complete_personas(role: str) -> list[dict]:
    q = questionnaires.load(role)
    return [p["answers"] for p in personas(role) if all(i.id in p["answers"] for i in q.items)]


def _answers_for(n: int) -> list[dict]:
    """``n`` complete answer sets, the personas in turn (the group is not all alike)."""
    complete = _complete_personas(ROLE)
    return [complete[i % len(complete)] for i in range(n)]


def _create_workshop(page, title: str, threshold: int) -> tuple[str, str]:
    """Fill and send the creation form; return the join code and the join link shown."""
    form = main(page).locator('[data-testid="stForm"]').filter(has_text="Titre de l’atelier")
    expect(form).to_be_visible()
    form.get_by_role("textbox", name="Titre de l’atelier", exact=True).fill(title)
    questionnaire = form.get_by_role("combobox", name="Questionnaire", exact=True)
    questionnaire.click()
    page.get_by_role("option", name=questionnaires.load(ROLE).role("fr"), exact=True).click()
    expect(questionnaire).to_have_value(questionnaires.load(ROLE).role("fr"))
    threshold_box = form.get_by_role("spinbutton", name="Seuil d’anonymat (nombre de réponses)", exact=True)
    threshold_box.fill(str(threshold))
    threshold_box.press("Tab")
    form.get_by_role("button", name="Créer l’atelier").click()

    # the key comes alone first, so the projected room never sees it
    expect(main(page).get_by_text("Voici votre clé de formateur")).to_be_visible(timeout=20_000)
    expect(main(page).locator('[data-testid="stImage"] img')).to_have_count(0)
    main(page).get_by_role("button", name="J’ai noté ma clé", exact=False).click()
    expect(main(page).get_by_text("Voici votre clé de formateur")).to_have_count(0, timeout=20_000)

    code_shown = main(page).locator("h1 code")
    expect(code_shown).to_have_text(re.compile(r"^[A-Z0-9]{6,}$"), timeout=20_000)
    code = code_shown.inner_text().strip()
    expect(main(page).get_by_text(title, exact=True)).to_be_visible()
    expect(main(page)).to_contain_text(f"seuil d’anonymat : {threshold} réponses")
    link_block = main(page).locator('[data-testid="stCode"]').filter(has_text="?atelier=")
    expect(link_block).to_be_visible()
    link = link_block.inner_text().strip()
    expect(main(page).locator('[data-testid="stImage"] img')).to_be_visible()  # the QR code
    return code, link


def _count(page):
    return main(page).locator('[data-testid="stMetric"]').filter(has_text="Réponses reçues").locator(
        '[data-testid="stMetricValue"]')


def _participants_submit(phones: list, link: str, title: str) -> None:
    """Each phone opens the join link and the whole group answers, taking turns page by page."""
    for phone in phones:
        phone.goto(link)
        expect(main(phone).get_by_role("heading", name="Atelier Reflet")).to_be_visible(timeout=30_000)
        expect(main(phone).get_by_text(title, exact=True)).to_be_visible()
        expect(main(phone).get_by_text("Vos réponses sont anonymes")).to_be_visible()
    answer_together([(phone, ROLE, answers) for phone, answers in zip(phones, _answers_for(len(phones)))])
    for phone in phones:
        expect(main(phone).get_by_text("Merci! Vos réponses ont été enregistrées.")).to_be_visible(timeout=30_000)
        expect_charts(phone, 4)


def test_a_workshop_from_creation_to_the_group_charts(app_url, open_page):
    trainer = open_page(DESKTOP)
    open_app(trainer, app_url)
    go_to(trainer, "Animer un atelier")
    expect(main(trainer).get_by_role("heading", name="Animer un atelier")).to_be_visible()

    # 1. threshold 5: three answers are counted, the group stays hidden
    title = "Atelier de septembre — seuil 5"
    code, link = _create_workshop(trainer, title, threshold=5)
    assert link == f"{app_url}/?atelier={code}"
    expect(_count(trainer)).to_have_text("0")

    phones = [open_page(PHONE) for _ in range(PARTICIPANTS)]
    _participants_submit(phones, link, title)
    screenshot(phones[0], "participant-results-phone")

    expect(_count(trainer)).to_have_text(str(PARTICIPANTS), timeout=FRAGMENT_WAIT)  # no reload: the fragment
    expect(main(trainer).get_by_text(
        i18n.t("dash.below_threshold", "fr", threshold=5, missing=5 - PARTICIPANTS)
    )).to_be_visible()
    expect(charts(trainer)).to_have_count(0)
    expect(main(trainer).get_by_role("button", name="CSV", exact=True)).to_have_count(0)  # no export either
    screenshot(trainer, "dashboard-below-threshold-desktop")

    # 2. a second workshop at threshold 3: the same three people answer, the group charts show
    main(trainer).get_by_text("Gérer l’atelier").click()
    main(trainer).get_by_role("button", name="Quitter ce tableau de bord").click()
    title = "Atelier d’octobre — seuil 3"
    code, link = _create_workshop(trainer, title, threshold=3)
    expect(_count(trainer)).to_have_text("0")
    _participants_submit(phones, link, title)

    expect(_count(trainer)).to_have_text(str(PARTICIPANTS), timeout=FRAGMENT_WAIT)
    expect_charts(trainer, 5)  # orientation, profile map, subscales, benchmarks, divisive items
    expect(main(trainer).get_by_role("heading", name="Là où le groupe est le plus partagé")).to_be_visible()
    expect(main(trainer).get_by_text("à partir de 3 réponses")).to_have_count(0)

    # the anonymous export: UTF-8 with a BOM, one row a participant
    name, data = download(trainer, "CSV")
    assert name == f"reflet-{code}.csv"
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == PARTICIPANTS, rows
    header = rows[0].keys()
    assert "b_rel_1" in " ".join(header), list(header)
    screenshot(trainer, "dashboard-desktop")


ROOM = 10  # phones in the smoke room (the load itself is measured by bench/room.py)


def test_ten_phones_answering_together_make_ten_rows_and_see_no_error(app_url, open_page):
    """The room in small: ten phones join by the link while the trainer's dashboard refreshes,
    answer page by page in turns, and each sees its own results; ten rows, no error shown."""
    trainer = open_page(DESKTOP)
    open_app(trainer, app_url)
    go_to(trainer, "Animer un atelier")
    title = "Atelier — dix téléphones"
    code, link = _create_workshop(trainer, title, threshold=3)
    phones = [open_page(PHONE) for _ in range(ROOM)]
    _participants_submit(phones, link, title)
    for phone in phones:
        problems = main(phone).locator('[data-testid="stAlertContentError"], [data-testid="stException"]')
        expect(problems).to_have_count(0)
    from workshops import WorkshopService, make_engine

    service = WorkshopService(make_engine(SERVED_DATABASE[app_url]))
    assert service.count(service.for_participant(code).id) == ROOM
    expect(_count(trainer)).to_have_text(str(charted_count(ROOM, 3)), timeout=FRAGMENT_WAIT)  # in batches


def test_a_wrong_join_code_is_refused_with_a_message(app_url, open_page):
    phone = open_page(PHONE)
    open_app(phone, app_url, "?atelier=ZZZZZZ")
    expect(main(phone).get_by_text("Aucun atelier ouvert ne correspond à ce code")).to_be_visible()
    expect(main(phone).get_by_label("Code de l’atelier")).to_be_visible()  # the participant can type another


_MAIN_WIDTH = """() => {
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  return block ? block.getBoundingClientRect().width : 0;
}"""
_BUSY = "ms => { const end = performance.now() + ms; while (performance.now() < end) {} }"


def test_the_trainer_page_stays_wide_across_reruns(app_url, open_page):
    """The dashboard is projected: it asks for the wide layout. app.py sets "centered"
    on every run and the trainer page then sets "wide"; when the browser handles both
    messages together (a busy laptop), Streamlit compares the second with the layout
    it had before the first and drops it, so the page falls back to centered (the
    charts squeeze into two 300 px columns). Each language switch is a full rerun."""
    trainer = open_page(DESKTOP)
    open_app(trainer, app_url)
    go_to(trainer, "Animer un atelier")
    expect(main(trainer).get_by_role("heading", name="Animer un atelier")).to_be_visible()
    trainer.wait_for_function(f"() => ({_MAIN_WIDTH})() > {DESKTOP['width'] * 0.8}")
    widths = []
    for n in range(8):
        button = trainer.get_by_role("button", name=LANG_BUTTON)
        before = button.inner_text()
        button.click()
        trainer.evaluate(_BUSY, 600)  # the browser is busy while the run's messages arrive
        expect(trainer.get_by_role("button", name=LANG_BUTTON)).not_to_have_text(before)
        expect(main(trainer).get_by_role("heading", name=re.compile("^(Animer un atelier|Run a workshop)$")))\
            .to_be_visible()
        try:
            trainer.wait_for_function(f"() => ({_MAIN_WIDTH})() > {DESKTOP['width'] * 0.8}", timeout=3_000)
        except PlaywrightTimeout:  # the layout stayed centered
            pass
        widths.append(round(trainer.evaluate(_MAIN_WIDTH)))
    assert all(w > DESKTOP["width"] * 0.8 for w in widths), (
        f"the trainer page fell back to the centered layout after some reruns: main width per rerun {widths} "
        "(see views/workshop_trainer.py st.set_page_config(layout='wide') after app.py's layout='centered')"
    )


def test_a_participant_who_reloads_keeps_their_answers_and_still_makes_one_row(app_url, open_page):
    q = questionnaires.load(ROLE)
    answers = _answers_for(1)[0]
    trainer = open_page(DESKTOP)
    open_app(trainer, app_url)
    go_to(trainer, "Animer un atelier")
    code, link = _create_workshop(trainer, "Atelier — rechargements", threshold=3)
    phone = open_page(PHONE)
    phone.goto(link)
    wait_for_page(phone, q, 0)
    answer_section(phone, q, 0, answers)
    wait_until_kept(phone, len(q.sections[0].items))
    main(phone).get_by_role("button", name="Suivant", exact=True).click()
    wait_for_page(phone, q, 1)
    first_two = [i.id for i in q.sections[1].items[:2]]
    answer_section(phone, q, 1, answers, only=first_two)
    wait_until_kept(phone, len(q.sections[0].items) + 2)
    phone.reload()  # the phone discarded the tab mid-page
    wait_for_page(phone, q, 1)
    expect(main(phone).get_by_role("radio", checked=True)).to_have_count(2)
    for index in range(1, len(q.sections)):
        wait_for_page(phone, q, index)
        answer_section(phone, q, index, answers)
        wait_until_kept(phone, sum(len(s.items) for s in q.sections[: index + 1]))
        last = index == len(q.sections) - 1
        main(phone).get_by_role("button", name=i18n.t("form.finish" if last else "form.next", "fr"),
                                exact=True).click()
    expect(main(phone).get_by_text("Merci! Vos réponses ont été enregistrées.")).to_be_visible(timeout=30_000)
    phone.wait_for_function(  # the browser now keeps only the submission id
        "key => { const d = localStorage.getItem(key); return d !== null && JSON.parse(d).submitted === true; }",
        arg=f"reflet.ws.{code}")
    phone.reload()  # after sending: no empty questionnaire that would make a second row
    expect(main(phone).get_by_text("Vos réponses ont déjà été envoyées à partir de ce navigateur")).to_be_visible(
        timeout=30_000)
    stored = phone.evaluate(f"() => JSON.parse(localStorage.getItem('reflet.ws.{code}'))")
    assert stored["submitted"] is True and "answers" not in stored  # the answers left the browser
    from workshops import WorkshopService, make_engine

    service = WorkshopService(make_engine(SERVED_DATABASE[app_url]))
    assert service.count(service.for_participant(code).id) == 1  # two reloads, one row
