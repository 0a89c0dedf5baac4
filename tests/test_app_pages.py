"""The pages, driven with Streamlit's AppTest: navigation, the page check, Back,
the language switch, loaded files and the results of every persona."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

import i18n
import questionnaires
import scoring
from scoring import year_plan
from scoring.year_plan import PlanItem
from pages_support import answer_page, app, click, complete_answers, drawn_pages, personas, start, texts
from reports import answers_file

# --- home and language ------------------------------------------------------------


def test_home_presents_both_questionnaires_in_french():
    at = app().run()
    assert not at.exception
    page = texts(at)
    for role in questionnaires.ROLES:
        q = questionnaires.load(role)
        assert q.role.fr in page
        low, high = q.minutes
        assert f"{q.question_count()} questions · de {low} à {high} minutes" in page
    assert "Ce n’est pas un examen" in page


def test_a_failing_page_shows_an_apology_not_a_traceback(monkeypatch, caplog):
    from views import home

    def broken():
        raise RuntimeError("/srv/secret/path.py exploded")

    monkeypatch.setattr(home, "page", broken)
    at = app().run()
    assert not at.exception  # nothing reaches the visitor as a traceback
    assert [e.value for e in at.error] == [i18n.t("app.page_error", "fr")]
    assert "/srv/secret" not in texts(at)
    assert "exploded" in caplog.text  # the server log keeps it
    assert at.button(key="lang.switch")  # the page around it still works


def test_error_details_are_hidden_from_visitors():
    import tomllib

    from pages_support import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_language_switch_turns_the_home_page_to_english_and_back():
    at = app().run()
    at.button(key="lang.switch").click().run()
    page = texts(at)
    assert "This is not a test" in page
    assert "Resource teacher" in page or questionnaires.load("enseignant_ressource").role.en in page
    assert at.button(key="lang.switch").label == "Français"
    at.button(key="lang.switch").click().run()
    assert "Ce n’est pas un examen" in texts(at)


# --- the questionnaire path ---------------------------------------------------------


def test_start_shows_page_one_with_nothing_preselected():
    at = start("mentor")
    q = questionnaires.load("mentor")
    assert q.sections[0].title.fr in texts(at)
    assert at.radio, "the context page asks questions"
    assert all(r.value is None for r in at.radio)


def test_next_names_the_unanswered_items_and_stays():
    at = start("mentor")
    click(at, "Suivant")
    q = questionnaires.load("mentor")
    errors = " ".join(e.value for e in at.error)
    assert f"Il reste {len(q.sections[0].items)} questions sans réponse" in errors
    page = texts(at)
    assert i18n.t("form.missing_item", "fr", number=1) in page and q.sections[0].items[0].text.fr in page
    assert q.sections[0].title.fr in page  # still on page 1
    marks = [m for m in at.markdown if "Réponse manquante" in m.value]
    assert len(marks) == len(q.sections[0].items), "each unanswered question is marked where it stands"
    answer_page(at, "mentor")
    click(at, "Suivant")
    assert not at.error and not [m for m in at.markdown if "Réponse manquante" in m.value]
    assert q.sections[1].title.fr in texts(at)


def test_next_moves_on_once_the_page_is_complete_and_back_keeps_answers():
    at = start("mentor")
    answer_page(at, "mentor")
    chosen = {r.key: r.value for r in at.radio}
    click(at, "Suivant")
    q = questionnaires.load("mentor")
    assert q.sections[1].title.fr in texts(at)
    assert "Page 2 de" in texts(at) or at.get("progress")
    click(at, "Précédent")
    assert q.sections[0].title.fr in texts(at)
    assert {r.key: r.value for r in at.radio} == chosen
    stored = at.session_state["reflet.answers"]["mentor"]
    assert all(stored[key.split(".")[-2]] == value for key, value in chosen.items())


def test_a_tap_on_next_or_back_draws_only_the_page_it_leads_to(monkeypatch):
    """One script run a page turn (a second run doubled the server's work in a room)."""
    drawn = drawn_pages(monkeypatch)
    at = start("mentor")
    drawn.clear()
    click(at, "Suivant")  # page 1 has gaps: it stays, marked, in the same run
    assert drawn == [0] and at.error
    answer_page(at, "mentor")
    drawn.clear()
    click(at, "Suivant")
    assert drawn == [1]
    drawn.clear()
    click(at, "Précédent")
    assert drawn == [0]


@pytest.mark.parametrize("role", questionnaires.ROLES)
def test_a_whole_questionnaire_through_the_pages_reaches_the_results(role):
    q = questionnaires.load(role)
    answers = complete_answers(role)
    at = start(role)
    for index in range(len(q.sections)):
        assert f"Page {index + 1} de {len(q.sections)}" in at.get("progress")[0].proto.text
        answer_page(at, role, answers=answers)
        click(at, "Voir mes résultats" if index == len(q.sections) - 1 else "Suivant")
    page = texts(at)
    assert "Vos résultats" in page
    assert len(at.get("plotly_chart")) == 4
    stored = at.session_state["reflet.answers"][role]
    assert stored == {k: v for k, v in answers.items()}


@pytest.mark.parametrize("role", questionnaires.ROLES)
def test_results_render_for_every_persona_in_both_languages(role):
    for persona in personas(role):
        for lang in ("fr", "en"):
            at = app()
            at.session_state["reflet.lang"] = lang
            at.session_state["reflet.role"] = role
            at.session_state["reflet.answers"] = {role: dict(persona["answers"])}
            at.run()
            at.switch_page("views/pages/results.py").run()
            assert not at.exception, (persona["id"], lang, at.exception)
            assert len(at.get("plotly_chart")) == 4
            complete = all(i.id in persona["answers"] for i in questionnaires.load(role).items)
            assert bool(at.warning) is not complete, "an unfinished questionnaire is flagged, a whole one is not"
            expected = persona["expected"].get("profile")
            if expected:
                rule = next(r for r in questionnaires.load(role).profiles.rules if r.id == expected)
                assert rule.label(lang) in texts(at), (persona["id"], lang)


def _upload(at: AppTest, data: bytes, name: str = "reponses.json") -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/json"))
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_complete_file_on_the_home_page_offers_its_results_at_once():
    answers = complete_answers("mentor")
    q = questionnaires.load("mentor")
    at = _upload(app().run(), answers_file.dump("mentor", q.version, answers, "fr"))
    assert at.session_state["reflet.role"] == "mentor"
    assert at.session_state["reflet.answers"]["mentor"] == answers
    assert f"Vos réponses ont été chargées ({len(answers)} réponses)\u00a0: le questionnaire est complet." in texts(at)
    click(at, "Voir mes résultats")
    assert not at.exception, at.exception
    assert f"Vos résultats — {q.role('fr')}" in texts(at)
    assert len(at.get("plotly_chart")) == 4


def test_an_unfinished_file_on_the_home_page_opens_its_first_unanswered_page():
    q = questionnaires.load("mentor")
    answers = {k: v for k, v in complete_answers("mentor").items()
               if k not in {item.id for item in q.sections[2].items}}
    at = _upload(app().run(), answers_file.dump("mentor", q.version, answers, "fr"))
    assert at.session_state["reflet.answers"]["mentor"] == answers
    assert f"Vos réponses ont été chargées ({len(answers)} réponses)." in texts(at)
    assert q.sections[2].title.fr in texts(at)


def _current_answers_page() -> tuple[AppTest, dict]:
    at = start("mentor")
    answer_page(at, "mentor")
    click(at, "Suivant")
    return at, dict(at.session_state["reflet.answers"]["mentor"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (json.dumps({"hello": "world"}).encode(), "ne vient pas de Reflet"),
        (b"{not json", "ne peut pas être lu"),
        (b"x" * (1024 * 1024 + 1), "trop volumineux"),
    ],
    ids=["foreign", "damaged", "too-big"],
)
def test_a_bad_file_is_refused_with_a_message_and_answers_stay(data, message):
    at, before = _current_answers_page()
    _upload(at, data)
    errors = " ".join(e.value for e in at.error)
    assert message in errors, errors
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_a_file_that_is_not_json_gets_reflets_message_in_the_visitors_language():
    at, before = _current_answers_page()
    _upload(at, b"mes notes", name="notes.txt")
    assert "n’est pas un fichier de réponses Reflet" in at.error[0].value
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_a_two_megabyte_file_gets_reflets_message_not_streamlits():
    at, before = _current_answers_page()
    _upload(at, b" " * (2 * 1024 * 1024))
    assert "trop volumineux" in at.error[0].value
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_another_roles_file_names_that_questionnaire():
    at, before = _current_answers_page()
    er = questionnaires.load("enseignant_ressource")
    _upload(at, answers_file.dump(er.id, er.version, {"ctx_experience": "yes"}, "fr"))
    assert f"questionnaire «\u00a0{er.role('fr')}\u00a0»" in at.error[0].value
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_a_file_from_another_version_is_refused():
    at, before = _current_answers_page()
    _upload(at, answers_file.dump("mentor", "0.9.0", {"ctx_experience": "yes"}, "fr"))
    q = questionnaires.load("mentor")
    assert f"la version 0.9.0 du questionnaire; la version actuelle est la {q.version}" in at.error[0].value
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_a_crafted_version_string_is_not_echoed_as_markdown():
    at, before = _current_answers_page()
    crafted = "![x](http://other.example/p.png) [lien](http://other.example) :red[rouge] **gras**"
    _upload(at, answers_file.dump("mentor", crafted, {"ctx_experience": "yes"}, "fr"))
    message = at.error[0].value
    for live in ("![x]", "[lien]", ":red[", "**gras", "http"):
        assert live not in message, message
    assert "la version (illisible) du questionnaire" in message  # a real version would be quoted
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_a_damaged_reflet_file_is_refused():
    at, before = _current_answers_page()
    q = questionnaires.load("mentor")
    good = json.loads(answers_file.dump("mentor", q.version, {"ctx_experience": "yes"}, "fr"))
    good["answers"] = ["not", "a", "mapping"]
    _upload(at, json.dumps(good).encode())
    assert "semble abîmé" in at.error[0].value
    assert at.session_state["reflet.answers"]["mentor"] == before


def test_compare_shows_what_changed_since_an_earlier_file():
    role = "mentor"
    q = questionnaires.load(role)
    first, second = personas(role)[0]["answers"], personas(role)[1]["answers"]
    at = app()
    at.session_state["reflet.role"] = role
    at.session_state["reflet.answers"] = {role: dict(second)}
    at.run()
    at.switch_page("views/pages/compare.py").run()
    _upload(at, answers_file.dump(role, q.version, first, "fr"))
    assert len(at.get("plotly_chart")) == 1
    assert "Repères qui ont changé" in texts(at)


def test_compare_puts_each_item_of_the_september_plan_beside_its_change():
    role = "mentor"
    q = questionnaires.load(role)
    by_id = {p["id"]: p["answers"] for p in personas(role)}
    september, june = by_id["laissez_faire_friend"], by_id["warm_collaborative_goals"]
    before, after = scoring.score(q, september), scoring.score(q, june)
    bench = next(b for b in q.benchmarks
                 if before.benchmarks[b.id].status != after.benchmarks[b.id].status)
    plan = (PlanItem(f"benchmark:{bench.id}", step="Un moment fixe chaque mardi"),
            PlanItem("subscale:planification"),
            PlanItem("own", own="Écouter **davantage**"))
    at = app()
    at.session_state["reflet.role"] = role
    at.session_state["reflet.answers"] = {role: dict(june)}
    at.run()
    at.switch_page("views/pages/compare.py").run()
    _upload(at, answers_file.dump(role, q.version, september, "fr", plan=plan))
    shown = texts(at)
    assert "Votre plan de l’année et ce qui a changé" in shown
    status = lambda s: i18n.t("status." + s, "fr")
    assert f"{status(before.benchmarks[bench.id].status)} → {status(after.benchmarks[bench.id].status)}" in shown
    old, new = before.subscales["planification"].score, after.subscales["planification"].score
    assert f"{round(old)} → {round(new)}" in shown
    assert "Un moment fixe chaque mardi" in [e.value for e in at.text]
    assert "Écouter **davantage**" in [e.value for e in at.text]  # shown as typed, never as markup
    assert "Pas de mesure directe" in shown


def test_the_plan_is_made_on_the_results_page_checked_and_kept():
    role = "mentor"
    q = questionnaires.load(role)
    by_id = {p["id"]: p["answers"] for p in personas(role)}
    at = app()
    at.session_state["reflet.role"] = role
    at.session_state["reflet.answers"] = {role: dict(by_id["laissez_faire_friend"])}
    at.run()
    at.switch_page("views/pages/results.py").run()
    profile = scoring.score(q, by_id["laissez_faire_friend"])
    first = year_plan.proposals(q, profile)[0]
    at.selectbox(key=f"plan.{role}.new.focus").set_value(first).run()
    prefix = f"plan.{role}.new.0.{first}"
    at.text_input(key=f"{prefix}.step").input("Fixer un jour")
    at.text_input(key=f"{prefix}.when").input("En septembre")
    next(b for b in at.button if b.label == "Ajouter à mon plan").click().run()
    assert not at.exception, at.exception
    assert at.session_state["reflet.plan"][role] == (PlanItem(first, step="Fixer un jour", when="En septembre"),)
    # one's own subject must be named: refused with a message, nothing kept
    at.selectbox(key=f"plan.{role}.new.focus").set_value("own").run()
    next(b for b in at.button if b.label == "Ajouter à mon plan").click().run()
    assert "Nommez votre sujet" in at.error[0].value
    assert len(at.session_state["reflet.plan"][role]) == 1
    # a crafted value past its cap never gets in whole (Streamlit cuts it, parse_plan would refuse it)
    at.text_input(key=f"plan.{role}.new.1.own.own").set_value("x" * 500)
    next(b for b in at.button if b.label == "Ajouter à mon plan").click().run()
    kept = at.session_state["reflet.plan"][role]
    assert len(kept) == 2 and kept[1].own == "x" * year_plan.MAX_CHARS["own"]


def test_about_lists_every_source_claim():
    at = app().run()
    at.switch_page("views/pages/about.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == len(questionnaires.load_sources().claims)
    assert "MEN-TIME-WEEKLY" in set(table.iloc[:, 0])


def test_a_file_loaded_mid_questionnaire_replaces_what_the_page_shows():
    role = "mentor"
    q = questionnaires.load(role)
    at = start(role)
    answer_page(at, role, pick=1)  # "Non, pas encore", ... on page 1
    click(at, "Suivant")
    click(at, "Précédent")
    loaded = complete_answers(role)
    at.file_uploader[0].set_value(("r.json", answers_file.dump(role, q.version, loaded, "fr"), "application/json"))
    at.run()
    assert not at.exception
    shown = {r.key.split(".")[-2]: r.value for r in at.radio}
    assert shown == {item.id: loaded[item.id] for item in q.sections[0].items}
    click(at, "Suivant")
    assert at.session_state["reflet.answers"][role] == loaded, "the stale page did not overwrite the file"


def test_compare_scores_a_september_file_under_its_own_version_and_says_so():
    role = "mentor"
    old = questionnaires.load_version(role, "1.0.0")
    september = {i.id: 5 for i in old.scale_items} | {"ctx_experience": "yes", "pr_format": "mostly_individual"}
    at = app()
    at.session_state["reflet.role"] = role
    at.session_state["reflet.answers"] = {role: dict(complete_answers(role))}
    at.run()
    at.switch_page("views/pages/compare.py").run()
    _upload(at, answers_file.dump(role, "1.0.0", september, "fr"))
    assert not at.exception
    shown = texts(at)
    assert "version 1.0.0" in shown and "vient donc de l’instrument" in shown
    assert "Votre profil\u00a0:" in shown  # the profile from -> to, in words
    # "mostly one-to-one" was partly met in 1.0.0 and is met in 2.0.0: a revised benchmark.
    assert "repère revu dans la version 2.0.0" in shown
    assert len(at.get("plotly_chart")) == 1


def test_a_typo_in_a_number_gets_its_message_next_to_the_field_and_is_never_stored():
    q = questionnaires.load("mentor")
    at = start("mentor")
    practices = next(n for n, s in enumerate(q.sections) if s.kind == "practices")
    for _ in range(practices):
        answer_page(at, "mentor")
        click(at, "Suivant")
    answer_page(at, "mentor")
    by_item = {ni.key.split(".")[-2]: ni for ni in at.number_input}
    by_item["pr_training"].set_value(1.7)  # the step is 0.5
    by_item["pr_months"].set_value(80)  # the top is 60
    by_item["pr_meeting_minutes"].set_value(45)
    click(at, "Suivant")
    assert at.session_state["reflet.page"]["mentor"] == practices  # the page stays
    marks = " ".join(m.value for m in at.markdown)
    assert "Cette réponse va par bonds de 0,5\u00a0: 1,5 ou 2, par exemple." in marks
    assert "Entrez un nombre de 0 à 60." in marks
    assert "2 réponses sont à corriger" in " ".join(e.value for e in at.error)
    stored = at.session_state["reflet.answers"]["mentor"]
    assert "pr_training" not in stored and "pr_months" not in stored and stored["pr_meeting_minutes"] == 45
    by_item = {ni.key.split(".")[-2]: ni for ni in at.number_input}
    by_item["pr_training"].set_value(2.0)
    by_item["pr_months"].set_value(60)  # a relationship over the whole of secondary school
    click(at, "Suivant")
    assert at.session_state["reflet.page"]["mentor"] == practices + 1
    assert at.session_state["reflet.answers"]["mentor"]["pr_training"] == 2.0


def test_an_answer_is_kept_the_moment_it_is_given_and_survives_the_menu_and_the_language():
    q = questionnaires.load("mentor")
    at = start("mentor")
    answer_page(at, "mentor")
    at.run()  # each tap reruns the page: no button pressed
    kept = dict(at.session_state["reflet.answers"]["mentor"])
    assert set(kept) == {i.id for i in q.sections[0].items}
    at.switch_page("views/pages/about.py").run()  # the menu, mid-page
    at.button(key="lang.switch").click().run()  # and the language
    at.switch_page("views/pages/questionnaire.py").run()
    assert at.session_state["reflet.answers"]["mentor"] == kept
    assert sum(r.value is not None for r in at.radio) == len(q.sections[0].items)  # shown again
