"""Results: a first screen that says the profile, strengths and things to look at, each
one tap from its detail; then the plan for the year and the files; the rest of the
detail last, one tab at a time (on a phone, the plan starts within 2.5 screens)."""

from __future__ import annotations

import streamlit as st

import questionnaires
import scoring
from charts import PLOTLY_CONFIG, Chart, individual
from charts.reading import benchmark_value_text, condition_text, feedback_heading
from questionnaires import Questionnaire
from scoring.feedback import feedback_text
from scoring.highlights import Highlight, Highlights, highlights, subscale_position
from scoring.model import Profile

from . import plan, state
from .downloads import answers_download, pdf_download
from .questionnaire import keep_draft, restore_draft
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


def _keys(profile: Profile, *prefixes: str) -> list[str]:
    return [k for k in profile.feedback_keys if k.startswith(prefixes)]


def _summary(q: Questionnaire, profile: Profile, charts: dict[str, Chart], key: str, lang: str) -> None:
    """The first screen: the profile in a sentence, what each score means, the orientation."""
    rule = next((r for r in q.profiles.rules if r.id == profile.profile), None)
    with st.container(border=True):
        if profile.response_style is not None:
            st.header(t("results.no_profile"))
            _feedback(q, profile, _keys(profile, "style."), lang, headed=False)
        elif rule is None:
            st.header(t("results.no_profile"))
            st.write(t("results.no_profile_text"))
        else:
            st.caption(t("results.your_profile") + (" · " + t("results.recommended") if rule.recommended else ""))
            st.header(rule.label(lang))
            st.write(rule.description(lang))
        lines = []
        for code in q.composite_codes:
            composite = q.composites[code]
            value = profile.composites.get(code)
            lines.append(t("results.composite_line", code=code, label=composite.label(lang),
                           score="—" if value is None else round(value),
                           meaning=(composite.short or composite.description)(lang)))
        st.markdown("\n".join(f"- {line}" for line in lines))
        draw_chart(charts["orientation_axis"], f"{key}.orientation")
        if profile.intentions:
            st.caption(t("results.intentions"))


def _highlight_title(q: Questionnaire, item: Highlight, lang: str) -> str:
    if item.kind == "benchmark":
        bench = next(b for b in q.benchmarks if b.id == item.id)
        return f"{bench.title(lang)} — {t('status.' + item.status)}"
    low, high = q.zone_bounds(item.id)
    return t(f"results.zone.{item.status}", label=q.subscale(item.id).label(lang), score=round(item.score),
             low=round(low), high=round(high))


def _benchmark_detail(q: Questionnaire, profile: Profile, bench_id: str, lang: str) -> None:
    bench = next(b for b in q.benchmarks if b.id == bench_id)
    st.write(t("results.benchmark_values", value=benchmark_value_text(q, bench, profile.benchmarks[bench_id], lang),
               threshold=bench.threshold(lang)))
    st.write(bench.reason(lang))
    st.caption(t(f"results.basis.{bench.basis}"))
    _sources(bench.sources)
    _feedback(q, profile, _keys(profile, f"benchmark.{bench_id}.", f"band.{bench_id}."), lang, headed=False)


def _subscale_detail(q: Questionnaire, profile: Profile, subscale_id: str, lang: str) -> None:
    st.caption(q.subscale(subscale_id).description(lang))
    _feedback(q, profile, _keys(profile, f"subscale.{subscale_id}."), lang, headed=False)


def _detail(q: Questionnaire, profile: Profile, item: Highlight, lang: str) -> None:
    if item.kind == "benchmark":
        _benchmark_detail(q, profile, item.id, lang)
    else:
        _subscale_detail(q, profile, item.id, lang)


def _highlights(q: Questionnaire, profile: Profile, chosen: Highlights, lang: str) -> None:
    """Three strengths and three things to look at, each one tap from its detail."""
    for title, items, icon, empty in (
        ("results.strengths_title", chosen.strengths, ":material/check_circle:", "results.strengths_none"),
        ("results.look_title", chosen.to_look_at, ":material/visibility:", "results.look_none"),
    ):
        st.header(t(title))
        if not items:
            st.caption(t(empty))
        for item in items:
            with st.expander(_highlight_title(q, item, lang), icon=icon):
                _detail(q, profile, item, lang)


def _details(q: Questionnaire, profile: Profile, charts: dict[str, Chart], chosen: Highlights,
             key: str, lang: str) -> None:
    """Everything else, one tab at a time; what the highlights said is not said again."""
    shown = {h.ref for h in (*chosen.strengths, *chosen.to_look_at)}
    context = _keys(profile, "note.", "situation.", "leaning.")
    names = ["map", "subscales", "benchmarks", *(["context"] if context else []), "questions", "method"]
    st.header(t("results.details_title"))
    tabs = dict(zip(names, st.tabs([t(f"results.tab.{n}") for n in names])))
    with tabs["map"]:
        draw_chart(charts["profile_map"], f"{key}.map")
        rule = next((r for r in q.profiles.rules if r.id == profile.profile), None)
        if rule is not None:
            with st.expander(t("results.profile_more", label=rule.label(lang))):
                _feedback(q, profile, _keys(profile, "profile."), lang, headed=False)
                st.caption(t("results.rule", condition=condition_text(q, rule, lang)))
    with tabs["subscales"]:
        draw_chart(charts["subscales"], f"{key}.subscales")
        rest = [s.id for s in q.subscales if f"subscale:{s.id}" not in shown]
        for subscale_id in rest:
            with st.expander(_subscale_heading(q, profile, subscale_id, lang)):
                _subscale_detail(q, profile, subscale_id, lang)
        if len(rest) < len(q.subscales):
            st.caption(t("results.said_above"))
    with tabs["benchmarks"]:
        st.caption(t("results.benchmarks_intro"))
        draw_chart(charts["benchmarks"], f"{key}.benchmarks")
        rest = [b for b in q.benchmarks if f"benchmark:{b.id}" not in shown]
        for bench in rest:
            with st.expander(f"{bench.title(lang)} — {t('status.' + profile.benchmarks[bench.id].status)}"):
                _benchmark_detail(q, profile, bench.id, lang)
        if len(rest) < len(q.benchmarks):
            st.caption(t("results.said_above"))
    if context:
        with tabs["context"]:
            _feedback(q, profile, context, lang)
    with tabs["questions"]:
        for question in q.reflection_questions:
            st.markdown(f"- {question.text(lang)}")
    with tabs["method"]:
        st.write(q.method(lang))
        for code, composite in q.composites.items():
            st.markdown(f"**{code} — {composite.label(lang)}** : {composite.description(lang)}")
        _sources(q.method.sources)
        if q.profiles.provisional:
            st.caption(t("results.provisional"))


def _subscale_heading(q: Questionnaire, profile: Profile, subscale_id: str, lang: str) -> str:
    position = subscale_position(q, profile, subscale_id)
    if position is None:
        return t("results.subscale_unscored", label=q.subscale(subscale_id).label(lang))
    return _highlight_title(q, position[0], lang)


def render(q: Questionnaire, answers: dict, profile: Profile, key: str, plan_key: str) -> None:
    """Everything a person reads about their own answers (self-assessment or workshop),
    their plan for the year and their files."""
    lang = state.lang()
    charts = _charts(q.id, lang, frozen(answers))
    chosen = highlights(q, profile)
    _summary(q, profile, charts, key, lang)
    _highlights(q, profile, chosen, lang)
    plan.editor(q, profile, plan_key)
    st.header(t("results.files_title"))
    st.caption(t("results.files_text"))
    include = st.checkbox(t("results.include_answers"), key=f"{key}.appendix")
    with st.container(horizontal=True):
        pdf_download(q, profile, key=f"{key}.pdf", plan=state.plan(plan_key), answers=answers if include else None)
        answers_download(q, answers, key=f"{key}.save", plan=state.plan(plan_key))
    _details(q, profile, charts, chosen, key, lang)


def page() -> None:
    role_id = state.role()
    if role_id is None or not state.answers(role_id):
        restore_draft()  # a reload here brings this browser's answers and plan back
        st.info(t("results.nothing_yet"))
        return
    q = questionnaires.load(role_id)
    answers = state.answers(role_id)
    st.title(t("results.title", role=q.role(state.lang())))
    if not state.complete(q, answers):
        st.warning(t("results.unfinished"))
    profile = scoring.score(q, answers)
    render(q, answers, profile, key="self", plan_key=role_id)
    keep_draft(q, answers, state.page(role_id))  # the plan too: a reload or a sleeping phone loses nothing
