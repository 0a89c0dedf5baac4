"""The PDFs: real PDFs, small, quick, in both languages, with the text a reader needs."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

import persona_sets
from i18n import t

import scoring
from questionnaires import load, load_file
from reports.pdf import format_date, group_pdf, profile_pdf
from scoring.synthetic import random_answers
from scoring.year_plan import MAX_CHARS, MAX_ITEMS, OWN, PlanItem, proposals

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
CREATED = datetime(2025, 11, 25, 14, 30, tzinfo=UTC)
MAX_BYTES = 1_000_000


def text_of(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text with its line breaks and non-breaking spaces as plain spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def one_profile(q, seed: int = 3):
    frame = random_answers(q, 1, seed=seed)
    return scoring.score(q, {k: v for k, v in frame.iloc[0].items() if v is not None})


@pytest.fixture(scope="module")
def special(tmp_path_factory):
    """The mini questionnaire with typographic characters in the favoured profile's label."""
    source = MINI.read_text(encoding="utf-8").replace(
        'label: {fr: "Développemental structuré", en: "Structured developmental"}',
        'label: {fr: "Développemental structuré – cœur ≥ « l’élève »", en: "Structured – heart ≥ “student’s”"}',
    )
    path = tmp_path_factory.mktemp("q") / "mini.yaml"
    path.write_text(source, encoding="utf-8")
    return load_file(path)


def test_dates_are_written_in_each_language():
    assert format_date(CREATED, "fr") == "25 novembre 2025"
    assert format_date(CREATED, "en") == "November 25, 2025"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_profile_pdf_holds_label_role_date_and_accents(special, lang):
    answers = {f"{p}_{i}": v for p, v in (("rel", 6), ("goal", 1), ("plan", 6)) for i in range(1, 5)}
    answers.update({"meetings_week": "weekly", "months": 12, "format": "individual"})
    profile = scoring.score(special, answers)
    assert profile.profile == "dev_structured"
    data = profile_pdf(special, profile, lang, CREATED)
    assert data.startswith(b"%PDF")
    assert len(data) <= MAX_BYTES
    text = flat(text_of(data))
    assert flat(profile.profile_label[lang]) in text  # œ, ’, –, ≥, « » and “ ” survive
    assert special.role(lang) in text
    assert format_date(CREATED, lang) in text
    if lang == "fr":
        assert "n’est pas une évaluation" in text
        assert "Sources : Larose 2011, § 3.2" in text  # a reference a teacher can read, not a code
        assert "Références" in text
    else:
        assert "not an assessment" in text
        assert "Sources: Larose 2011, § 3.2" in text
        assert "References" in text
    assert "MEN-DEV" not in text
    assert flat("Larose, S. (2011). Les pratiques éducationnelles exemplaires") in text  # the closing list
    for question in special.reflection_questions:
        assert question.text(lang) in text


def test_profile_pdf_without_a_profile(special):
    answers = {"rel_1": 5, "goal_1": 2}  # nothing scored
    profile = scoring.score(special, answers)
    assert profile.profile is None
    text = flat(text_of(profile_pdf(special, profile, "fr", CREATED)))
    assert "Profil non calculé" in text
    assert "Orientation non calculée" in text


@pytest.mark.parametrize("persona", ["warm_collaborative_goals", "newcomer_intentions"])
@pytest.mark.parametrize("role", ["mentor", "enseignant_ressource"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_profile_pdf_is_small_and_complete(role, lang, persona):
    q = load(role)
    answers = next(p["answers"] for p in persona_sets.personas(role) if p["id"] == persona)
    profile = scoring.score(q, answers)
    data = profile_pdf(q, profile, lang, CREATED)  # its time is a benchmark (bench/), not asserted here
    assert len(data) <= MAX_BYTES
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 4
    text = flat(text_of(data))
    assert flat(profile.profile_label[lang]) in text
    assert q.role(lang) in text
    for bench in q.benchmarks:  # the checklist table names every benchmark, and whose threshold it is
        assert flat(bench.title(lang)) in text
    for basis in {b.basis for b in q.benchmarks}:
        assert flat(t(f"charts.benchmarks.basis.{basis}", lang)) in text
    assert flat(t("reports.section.references", lang)) in text
    for key in profile.feedback_keys:  # every feedback text, with its sources
        cited = scoring.feedback_text(q, key)
        assert flat(cited.read(lang, profile.intentions))[:60] in text
    assert flat(q.method(lang))[:60] in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_pdf(lang):
    q = load("mentor")
    answers = random_answers(q, 24, seed=5)
    summary = scoring.group_summary(q, None, answers)
    data = group_pdf(q, summary, lang, "Atelier 12", CREATED, min_n=5)
    assert data.startswith(b"%PDF") and len(data) <= MAX_BYTES
    text = flat(text_of(data))
    assert "Atelier 12" in text and format_date(CREATED, lang) in text
    assert ("24 réponses" if lang == "fr" else "24 responses") in text
    for item_id, row in summary.divisive_items.iterrows():
        assert flat(row["text_en" if lang == "en" else "text_fr"])[:50] in text


def test_group_pdf_hides_figures_below_five():
    q = load("mentor")
    summary = scoring.group_summary(q, None, random_answers(q, 3, seed=5))
    text = flat(text_of(group_pdf(q, summary, "fr", "Petit groupe", CREATED, min_n=5)))
    assert "à partir de 5 réponses" in text
    assert "Les énoncés qui partagent le groupe" not in text


# -- the plan for the year, the notes, the appendix -------------------------------------

def longest_plan(q, profile) -> tuple[PlanItem, ...]:
    """Three items, every field at its character cap: the longest plan a person can keep."""
    def words(stem: str, field: str) -> str:
        text = " ".join([stem] * 60)
        return text[: MAX_CHARS[field]].rstrip()
    focuses = [f for f in proposals(q, profile) if f != OWN][: MAX_ITEMS - 1]
    items = [PlanItem(focus=f, step=words("appeler", "step"), when=words("octobre", "when"),
                      check=words("mesurer", "check")) for f in focuses]
    items.append(PlanItem(focus=OWN, own=words("écoute", "own"), step=words("noter", "step"),
                          when=words("lundi", "when"), check=words("relire", "check")))
    return tuple(items)


@pytest.mark.parametrize("role", ["mentor", "enseignant_ressource"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_persona_with_the_longest_plan_fits_four_pages(role, lang):
    q = load(role)
    for persona in persona_sets.personas(role):
        profile = scoring.score(q, persona["answers"])
        plan = longest_plan(q, profile)
        data = profile_pdf(q, profile, lang, CREATED, plan=plan)
        pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        assert pages <= 4, f"{role} {lang} {persona['id']}: {pages} pages"
        text = flat(text_of(data))
        assert flat(t("reports.section.plan", lang)) in text
        assert flat(t("reports.section.notes", lang)) in text
        assert "appeler appeler" in text and "écoute écoute" in text  # the person's words, as typed
        references = text.index(flat(t("reports.section.references", lang)))
        assert text.index(flat(t("reports.section.notes", lang))) < references  # notes, then the list


def test_the_plan_names_what_each_item_is_about_and_prints_the_person_s_words_literally():
    q = load("mentor")
    profile = scoring.score(q, next(p["answers"] for p in persona_sets.personas("mentor")))
    bench = q.benchmarks[0]
    plan = (PlanItem(focus=f"benchmark:{bench.id}", step="<b>Appeler</b> ses parents **vite**",
                     when="d’ici le 1er octobre", check="il me dit « ça va » 🙂"),
            PlanItem(focus=OWN, own="Mieux écouter\u200b l’élève", step="noter ses mots"))
    text = flat(text_of(profile_pdf(q, profile, "fr", CREATED, plan=plan)))
    assert flat(bench.title("fr")) in text
    assert "<b>Appeler</b> ses parents **vite**" in text  # no markup is read: shown as typed
    assert "d’ici le 1er octobre" in text and "il me dit « ça va »" in text
    assert "Mieux écouter l’élève" in text  # a zero-width space is no gap in a word the reader sees
    assert "\ufffd" in text  # the emoji the font lacks: a visible mark, not a silent hole
    for key in ("reports.plan.step", "reports.plan.when", "reports.plan.check"):
        assert flat(t(key, "fr")) in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_a_plan_the_report_invites_one_written_by_hand(lang):
    q = load("mentor")
    profile = scoring.score(q, next(p["answers"] for p in persona_sets.personas("mentor")))
    text = flat(text_of(profile_pdf(q, profile, lang, CREATED)))
    assert flat(t("reports.plan.empty", lang)) in text
    assert flat(t("reports.section.notes", lang)) in text
    assert flat(t("reports.section.appendix", lang)) not in text  # answers only when asked


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_appendix_gives_each_answer_in_words_when_asked(lang):
    q = load("enseignant_ressource")
    persona = next(p for p in persona_sets.personas("enseignant_ressource") if len(p["answers"]) >= len(q.items))
    answers = dict(persona["answers"])
    missing = q.items[-1].id
    answers.pop(missing)
    profile = scoring.score(q, answers)
    without = profile_pdf(q, profile, lang, CREATED)
    data = profile_pdf(q, profile, lang, CREATED, answers=answers)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) > len(pypdf.PdfReader(io.BytesIO(without)).pages)
    appendix = flat(text_of(data)).split(flat(t("reports.section.appendix", lang)), 1)[1]
    assert flat(t("reports.appendix.no_answer", lang)) in appendix  # the question left unanswered
    scale_item = next(i for i in q.items if getattr(i, "scale", None) and isinstance(answers.get(i.id), int))
    label = q.scales[scale_item.scale].labels(lang)[answers[scale_item.id] - 1]
    assert flat(label) in appendix  # an answer in words, as the page showed it
    assert f"{len(q.items)}." in appendix  # numbered as on the pages, to the last question
