"""Workshop pages with AppTest: a trainer creates, participants join and submit,
the dashboard hides the group below the threshold, a closed or unknown code and
a database that is down get clear messages."""

from __future__ import annotations

import json
import uuid

import pytest
from streamlit.testing.v1 import AppTest

import questionnaires
from pages_support import answer_page, app, click, complete_answers, drawn_pages
from views import services
from workshops import StorageUnavailable, WorkshopService, make_engine
from workshops import dashboard as board



@pytest.fixture
def database(tmp_path, monkeypatch) -> WorkshopService:
    """Every AppTest of this module talks to a fresh SQLite file."""
    url = f"sqlite:///{tmp_path / 'reflet.db'}"
    monkeypatch.setenv("REFLET_DATABASE_URL", url)
    services.reset()
    yield WorkshopService(make_engine(url))
    services.reset()


def trainer_creates(title: str = "Atelier du 3 septembre", threshold: int = 5, noted: bool = True) -> AppTest:
    at = app().run()
    at.switch_page("views/pages/workshop_trainer.py").run()
    at.text_input[0].set_value(title)
    at.number_input[0].set_value(threshold)
    next(b for b in at.button if b.label == "Créer l’atelier").click().run()
    assert not at.exception, at.exception
    if noted:
        at.button(key="tr.key_noted").click().run()
    return at


def participant(code: str) -> AppTest:
    at = app()
    at.query_params["atelier"] = code
    return at.run()


def submit_through_pages(at: AppTest, role: str) -> AppTest:
    q = questionnaires.load(role)
    answers = complete_answers(role)
    for index in range(len(q.sections)):
        answer_page(at, role, answers=answers)
        click(at, "Voir mes résultats" if index == len(q.sections) - 1 else "Suivant")
    return at


def test_trainer_gets_the_key_alone_then_a_code_a_link_and_a_qr(database):
    at = trainer_creates(noted=False)
    code, key = at.session_state["reflet.trainer"]
    assert key in [c.value for c in at.code]
    assert not at.get("image") and not at.metric, "nothing projectable while the key is on screen"
    at.run()  # a rerun keeps the key until the trainer says it is noted
    assert key in [c.value for c in at.code]
    at.button(key="tr.key_noted").click().run()
    shown = [c.value for c in at.code]
    assert key not in shown
    assert any(value.endswith(f"?atelier={code}") for value in shown)
    assert len(at.get("image")) == 1, "the QR code is drawn"
    assert database.for_trainer(code, key).title == "Atelier du 3 septembre"


def test_title_with_markup_is_shown_as_text(database):
    title = "<b>Atelier</b> =1+1"
    at = trainer_creates(title)
    assert title in [t.value for t in at.get("text")]
    assert all("<b>" not in m.value for m in at.markdown)


def test_participant_answers_submits_once_and_sees_own_results(database):
    at = trainer_creates(threshold=3)
    code, _ = at.session_state["reflet.trainer"]
    p = participant(code)
    assert not p.exception
    submit_through_pages(p, "mentor")
    assert "Merci!" in " ".join(s.value for s in p.success)
    assert len(p.get("plotly_chart")) == 4
    workshop = database.for_participant(code)
    assert database.count(workshop.id) == 1
    # a rerun (a second click, a reload of the page's state) adds nothing
    p.run()
    assert database.count(workshop.id) == 1


def test_a_participants_page_turn_and_submit_each_take_one_run(database, monkeypatch):
    at = trainer_creates(threshold=3)
    code, _ = at.session_state["reflet.trainer"]
    p = participant(code)
    drawn = drawn_pages(monkeypatch)
    q = questionnaires.load("mentor")
    answers = complete_answers("mentor")
    for index in range(len(q.sections) - 1):
        answer_page(p, "mentor", answers=answers)
        drawn.clear()
        click(p, "Suivant")
        assert drawn == [index + 1]
    answer_page(p, "mentor", answers=answers)
    drawn.clear()
    click(p, "Voir mes résultats")
    assert drawn == [] and "Merci!" in p.success[0].value, "the tap's own run shows the results"
    assert database.count(database.for_participant(code).id) == 1


def test_a_participants_plan_stays_with_them_and_never_reaches_the_database(database, tmp_path):
    at = trainer_creates(threshold=3)
    code, _ = at.session_state["reflet.trainer"]
    p = participant(code)
    submit_through_pages(p, "mentor")
    p.selectbox(key=f"plan.ws.{code}.new.focus").set_value("own").run()
    prefix = f"plan.ws.{code}.new.0.own"
    p.text_input(key=f"{prefix}.own").input("Mon secret de plan")
    p.text_input(key=f"{prefix}.step").input("Parler à la direction")
    next(b for b in p.button if b.label == "Ajouter à mon plan").click().run()
    assert not p.exception, p.exception
    assert p.session_state["reflet.plan"][f"ws.{code}"][0].own == "Mon secret de plan"
    workshop = database.for_participant(code)
    assert database.count(workshop.id) == 1
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("reflet.db*"))
    assert stored and b"Mon secret" not in stored and b"direction" not in stored


def test_dashboard_shows_only_the_count_below_the_threshold(database):
    at = trainer_creates(threshold=5)
    code, key = at.session_state["reflet.trainer"]
    workshop = database.for_trainer(code, key)
    q = questionnaires.load("mentor")
    answers = complete_answers("mentor")
    for n in range(4):
        database.submit(code, f"{n:032x}", "mentor", q.version, answers)
    at.run()
    assert [m.value for m in at.metric] == ["3"]  # the projected count moves three at a time
    assert "par groupes de 3 réponses" in " ".join(c.value for c in at.caption)
    assert not at.get("plotly_chart")
    assert "à partir de 5 réponses" in at.info[0].value
    database.submit(code, f"{9:032x}", "mentor", q.version, answers)
    at.run()
    assert [m.value for m in at.metric] == ["5"]
    assert len(at.get("plotly_chart")) == 5
    assert database.count(workshop.id) == 5


def test_an_answer_that_moves_no_batch_costs_the_dashboard_no_rebuild(database, monkeypatch):
    at = trainer_creates(threshold=3)
    code, _ = at.session_state["reflet.trainer"]
    q = questionnaires.load("mentor")
    answers = complete_answers("mentor")
    built = []
    real = board.build
    monkeypatch.setattr(board, "build", lambda *args, **kwargs: built.append(1) or real(*args, **kwargs))

    def send(n: int) -> None:
        for _ in range(n):
            database.submit(code, uuid.uuid4().hex, "mentor", q.version, answers)
        at.run()
        assert not at.exception, at.exception

    send(3)
    assert [m.value for m in at.metric] == ["3"] and len(at.get("plotly_chart")) == 5 and len(built) == 1
    send(1)  # a fourth answer: the projector shows the same, nothing is scored again
    assert [m.value for m in at.metric] == ["3"] and len(built) == 1
    send(2)
    assert [m.value for m in at.metric] == ["6"] and len(built) == 2


def test_unknown_and_closed_codes_get_the_same_message(database):
    unknown = participant("ZZZZZZ")
    assert "Aucun atelier ouvert ne correspond à ce code" in unknown.error[0].value
    at = trainer_creates()
    code, key = at.session_state["reflet.trainer"]
    database.close(code, key)
    closed = participant(code)
    assert [e.value for e in closed.error] == [e.value for e in unknown.error]  # guessing learns nothing
    assert not closed.warning


def test_wrong_keys_from_one_session_wait_longer_and_longer(database, monkeypatch):
    import views.guard

    waits = []
    monkeypatch.setattr(views.guard, "_wait", waits.append)
    at = trainer_creates()
    code, key = at.session_state["reflet.trainer"]
    t = app().run()
    t.switch_page("views/pages/workshop_trainer.py").run()
    for typed in ["wrong"] * 6 + [key]:
        inputs = {i.label: i for i in t.text_input}
        inputs["Code de l’atelier"].set_value(code)
        inputs["Clé du formateur"].set_value(typed)
        next(b for b in t.button if b.label == "Ouvrir le tableau de bord").click().run()
    assert waits == [0.0, 0.0, 0.0, 0.5, 1.0, 2.0, 4.0]  # the real key still opens, after a wait
    assert t.session_state["reflet.trainer"] == (code, key)


def test_wrong_key_gets_the_same_message_as_an_unknown_code(database):
    at = trainer_creates()
    code, _ = at.session_state["reflet.trainer"]
    messages = []
    for typed_code, typed_key in ((code, "wrong-key"), ("QQQQQQ", "wrong-key")):
        t = app().run()
        t.switch_page("views/pages/workshop_trainer.py").run()
        inputs = {i.label: i for i in t.text_input}
        inputs["Code de l’atelier"].set_value(typed_code)
        inputs["Clé du formateur"].set_value(typed_key)
        next(b for b in t.button if b.label == "Ouvrir le tableau de bord").click().run()
        messages.append(t.error[0].value)
        assert "reflet.trainer" not in t.session_state
    assert messages[0] == messages[1]


def test_database_down_keeps_the_answers_and_offers_them(database, monkeypatch):
    at = trainer_creates(threshold=3)
    code, _ = at.session_state["reflet.trainer"]
    p = participant(code)
    q = questionnaires.load("mentor")
    answers = complete_answers("mentor")
    for index in range(len(q.sections) - 1):
        answer_page(p, "mentor", answers=answers)
        click(p, "Suivant")
    answer_page(p, "mentor", answers=answers)

    def down(*args, **kwargs):
        raise StorageUnavailable("database unavailable")

    monkeypatch.setattr(WorkshopService, "submit", down)
    click(p, "Voir mes résultats")
    assert "la base de données ne répond pas" in p.error[0].value
    assert p.session_state["reflet.ws.answers"][code] == answers
    assert p.get("download_button"), "the answers are offered as a file"
    monkeypatch.undo()
    monkeypatch.setenv("REFLET_DATABASE_URL", str(database._engine.url))
    click(p, "Voir mes résultats")  # retry
    assert "Merci!" in p.success[0].value
    assert database.count(database.for_participant(code).id) == 1


def test_trainer_closes_reopens_then_deletes_from_the_page(database):
    at = trainer_creates()
    code, key = at.session_state["reflet.trainer"]
    at.button(key="tr.close").click().run()
    assert "fermé" in " ".join(c.value for c in at.caption)
    assert "Aucun atelier ouvert ne correspond à ce code" in participant(code).error[0].value  # as unknown
    at.button(key="tr.reopen").click().run()
    assert not participant(code).error
    assert at.button(key="tr.delete").disabled, "deleting needs the confirmation box"
    at.checkbox(key="tr.delete_confirm").check().run()
    at.button(key="tr.delete").click().run()
    assert "reflet.trainer" not in at.session_state
    assert "L’atelier et toutes ses réponses ont été effacés." in at.success[0].value
    assert "Aucun atelier ouvert ne correspond à ce code" in participant(code).error[0].value


def test_trainer_links_an_earlier_workshop_and_sees_both_groups(database):
    first = trainer_creates("Septembre", threshold=3)
    early_code, early_key = first.session_state["reflet.trainer"]
    at = trainer_creates("Juin", threshold=3)
    code, key = at.session_state["reflet.trainer"]
    q = questionnaires.load("mentor")
    answers = complete_answers("mentor")
    for n in range(3):
        database.submit(early_code, f"{n:032x}", "mentor", q.version, answers)
        database.submit(code, f"{n + 10:032x}", "mentor", q.version, answers)
    form_inputs = {i.label: i for i in at.text_input}
    form_inputs["Code de l’atelier antérieur"].set_value(early_code)
    form_inputs["Clé de l’atelier antérieur"].set_value(early_key)
    next(b for b in at.button if b.label == "Lier les ateliers").click().run()
    assert not at.exception
    assert "Comparaison avec l’atelier antérieur" in [s.value for s in at.header]
    assert "Septembre" in [x.value for x in at.get("text")]
    assert database.for_trainer(code, key).linked_workshop_id == database.for_trainer(early_code, early_key).id


def test_an_expired_workshop_is_erased_when_a_workshop_page_opens(database):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from workshops.db import workshops

    at = trainer_creates()
    code, _ = at.session_state["reflet.trainer"]
    with database._engine.begin() as conn:  # make it 91 days old (retention 90)
        conn.execute(update(workshops).values(created_at=datetime.now(UTC) - timedelta(days=91)))
    services.reset()  # a new day for the process
    assert "Aucun atelier ouvert ne correspond à ce code" in participant(code).error[0].value


def test_a_trainer_action_with_the_database_down_shows_a_message(database, monkeypatch):
    at = trainer_creates()
    code, key = at.session_state["reflet.trainer"]

    def down(*args, **kwargs):
        raise StorageUnavailable("database unavailable")

    monkeypatch.setattr(WorkshopService, "close", down)
    at.button(key="tr.close").click().run()
    assert not at.exception
    assert "La base de données ne répond pas" in at.error[0].value
    assert database.for_participant(code).status == "open"


def test_linking_a_workshop_of_the_other_questionnaire_is_refused_with_a_message(database):
    other, other_key = database.create("Enseignants-ressources", "enseignant_ressource", "fr")
    at = trainer_creates("Mentors")
    form_inputs = {i.label: i for i in at.text_input}
    form_inputs["Code de l’atelier antérieur"].set_value(other.code)
    form_inputs["Clé de l’atelier antérieur"].set_value(other_key)
    next(b for b in at.button if b.label == "Lier les ateliers").click().run()
    assert "Les deux ateliers doivent porter sur le même questionnaire." in at.error[0].value


def test_a_workshop_closed_while_answering_leaves_the_answers_to_download(database):
    at = trainer_creates()
    code, key = at.session_state["reflet.trainer"]
    p = participant(code)
    answer_page(p, "mentor", answers=complete_answers("mentor"))
    click(p, "Suivant")
    database.close(code, key)
    p.run()
    assert "vos réponses n’ont pas pu être envoyées" in p.warning[0].value
    assert len(p.get("download_button")) == 1


def test_dashboard_renders_with_a_bad_row_injected_in_the_database(database):
    from datetime import UTC, datetime

    from workshops.db import submissions

    at = trainer_creates(threshold=3)
    code, key = at.session_state["reflet.trainer"]
    workshop = database.for_trainer(code, key)
    q = questionnaires.load("mentor")
    for n in range(3):
        database.submit(code, f"{n:032x}", "mentor", q.version, complete_answers("mentor"))
    bad = dict(complete_answers("mentor"), pr_training=1.7)  # a typo stored before the check existed
    with database._engine.begin() as conn:
        conn.execute(submissions.insert().values(
            workshop_id=workshop.id, id=f"{9:032x}", role="mentor", questionnaire_version=q.version,
            answers=json.dumps(bad), created_at=datetime.now(UTC)))
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["3"]
    assert "laissées de côté" in " ".join(c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 5
