"""Results: the profile, its charts, the benchmarks and the feedback."""

from __future__ import annotations

import streamlit as st

import questionnaires
import scoring
from charts import PLOTLY_CONFIG, Chart, individual
from charts.reading import condition_text, feedback_heading
from questionnaires import Questionnaire
from scoring.feedback import feedback_text
from scoring.model import Profile

from . import state
from .downloads import answers_download, pdf_download
from .state import t

CHARTS = ("orientation_axis", "profile_map", "subscales", "benchmarks")


@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def _charts(role: str, lang: str, frozen_answers: tuple) -> dict[str, Chart]:
    """The four charts of an answer set; built once, then reused on every rerun.

    Keyed on the answers themselves, so a hit only ever returns charts of the
    very answers the visitor holds (plotly figures are slow to build, ~70 ms).
    """
    q = questionnaires.load(role)
    profile = scoring.score(q, dict(frozen_answers))
    return {name: getattr(individual, name)(q, profile, lang) for name in CHARTS}


def frozen(answers: dict) -> tuple:
    return tuple(sorted(answers.items()))


def draw_chart(chart: Chart, key: str) -> None:
    st.plotly_chart(chart.figure, config=PLOTLY_CONFIG, key=key)
    st.caption(chart.summary)


def _sources(ids) -> None:
    st.caption(t("results.sources", ids=questionnaires.load_sources().cite(ids)))


def _feedback(q: Questionnaire, profile: Profile, keys: list[str], lang: str, headed: bool = True) -> None:
    for key in keys:
        text = feedback_text(q, key)
        if headed:
            st.markdown(f"**{feedback_heading(q, key, profile, lang)[1]}**")
        st.write(text.read(lang, profile.intentions))
        _sources(text.sources)


def render(q: Questionnaire, answers: dict, profile: Profile, key: str) -> None:
    """Everything a person reads about their own answers (self-assessment or workshop)."""
    lang = state.lang()
    charts = _charts(q.id, lang, frozen(answers))
    rule = next((r for r in q.profiles.rules if r.id == profile.profile), None)
    keys = profile.feedback_keys
    with st.container(border=True):
        if profile.response_style is not None:
            st.subheader(t("results.no_profile"))
            _feedback(q, profile, [k for k in keys if k.startswith("style.")], lang, headed=False)
        elif rule is None:
            st.subheader(t("results.no_profile"))
            st.write(t("results.no_profile_text"))
        else:
            st.caption(t("results.your_profile"))
            st.subheader(rule.label(lang))
            if rule.recommended:
                st.caption(t("results.recommended"))
            st.write(rule.description(lang))
            st.caption(t("results.rule", condition=condition_text(q, rule, lang)))
        if profile.intentions:
            st.caption(t("results.intentions"))
        if q.profiles.provisional:
            st.caption(t("results.provisional"))

    st.subheader(t("results.orientation_title"))
    draw_chart(charts["orientation_axis"], f"{key}.orientation")
    draw_chart(charts["profile_map"], f"{key}.map")
    _feedback(q, profile, [k for k in keys if k.startswith("profile.")], lang, headed=False)

    st.subheader(t("results.subscales_title"))
    draw_chart(charts["subscales"], f"{key}.subscales")
    _feedback(q, profile, [k for k in keys if k.startswith("subscale.")], lang)

    st.subheader(t("results.benchmarks_title"))
    st.write(t("results.benchmarks_intro"))
    draw_chart(charts["benchmarks"], f"{key}.benchmarks")
    for bench in q.benchmarks:
        result = profile.benchmarks[bench.id]
        with st.expander(f"{bench.title(lang)} — {t('status.' + result.status)}"):
            st.write(bench.reason(lang))
            st.caption(t(f"results.basis.{bench.basis}"))
            _sources(bench.sources)
            prefixes = (f"benchmark.{bench.id}.", f"band.{bench.id}.")
            _feedback(q, profile, [k for k in keys if k.startswith(prefixes)], lang, headed=False)

    note_keys = [k for k in keys if k.startswith("note.")]
    if note_keys:
        st.subheader(t("results.notes_title"))
        _feedback(q, profile, note_keys, lang)

    situation_keys = [k for k in keys if k.startswith(("situation.", "leaning."))]
    if situation_keys:
        st.subheader(t("results.situations_title"))
        _feedback(q, profile, situation_keys, lang)

    st.subheader(t("results.questions_title"))
    for question in q.reflection_questions:
        st.markdown(f"- {question.text(lang)}")

    with st.expander(t("results.method_title")):
        st.write(q.method(lang))
        for code, composite in q.composites.items():
            st.markdown(f"**{code} — {composite.label(lang)}** : {composite.description(lang)}")
        _sources(q.method.sources)


def page() -> None:
    role_id = state.role()
    if role_id is None or not state.answers(role_id):
        st.info(t("results.nothing_yet"))
        return
    q = questionnaires.load(role_id)
    answers = state.answers(role_id)
    st.title(t("results.title", role=q.role(state.lang())))
    if not state.complete(q, answers):
        st.warning(t("results.unfinished"))
    profile = scoring.score(q, answers)
    with st.container(horizontal=True):
        pdf_download(q, profile, key="pdf.results")
        answers_download(q, answers, key="save.results")
    render(q, answers, profile, key="self")
