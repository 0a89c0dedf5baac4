"""The PDFs: real PDFs, small, quick, in both languages, with the text a reader needs."""

from __future__ import annotations

import io
import time
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
def test_real_profile_pdf_is_small_quick_and_complete(role, lang, persona):
    q = load(role)
    answers = next(p["answers"] for p in persona_sets.personas(role) if p["id"] == persona)
    profile = scoring.score(q, answers)
    profile_pdf(q, profile, lang, CREATED)  # first call pays the font and matplotlib set-up
    start = time.perf_counter()
    data = profile_pdf(q, profile, lang, CREATED)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
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
