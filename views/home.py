"""Home: what Reflet is, the two questionnaires, resuming from a file."""

from __future__ import annotations

import streamlit as st

import questionnaires

from . import browser, state, upload
from .state import t


def _card(role_id: str, lang: str) -> None:
    q = questionnaires.load(role_id)
    with st.container(border=True):
        st.header(q.role(lang))
        st.write(q.purpose(lang))
        low, high = q.minutes
        st.caption(t("home.card_facts", questions=q.question_count(), low=low, high=high))
        if st.button(t("home.start", role=q.role(lang)), key=f"start.{role_id}", type="primary",
                     width="stretch"):
            state.set_role(role_id)
            from .nav import go

            go("questionnaire")


def _resume(loaded) -> None:
    """A complete file offers its results at once; an unfinished one opens its first gap."""
    from .nav import go

    q = questionnaires.load(loaded.role)
    state.set_role(loaded.role)
    state.replace_answers(loaded.role, loaded.answers)
    state.set_plan(loaded.role, loaded.plan)
    if state.complete(q, loaded.answers):
        st.session_state[state.LOADED] = loaded.role
        return
    state.set_page(loaded.role, state.first_gap(q, loaded.answers))
    state.flash("success", t("upload.loaded", count=len(loaded.answers)))
    go("questionnaire")


def _offer_results(lang: str) -> None:
    role_id = st.session_state.get(state.LOADED)
    if role_id is None or role_id != state.role():
        return
    answers = state.answers(role_id)
    if not state.complete(questionnaires.load(role_id), answers):
        return
    from .nav import go

    st.success(t("upload.loaded_complete", count=len(answers)))
    with st.container(horizontal=True):
        if st.button(t("upload.see_results"), key="loaded.results", type="primary"):
            del st.session_state[state.LOADED]
            go("resultats")
        if st.button(t("upload.review_answers"), key="loaded.review"):
            del st.session_state[state.LOADED]
            go("questionnaire")


def page() -> None:
    lang = state.lang()
    st.title(t("home.title"))
    st.write(t("home.lead"))
    st.info(t("home.not_a_test"))
    st.caption(t("home.privacy"))
    columns = st.columns(len(questionnaires.ROLES))
    for column, role_id in zip(columns, questionnaires.ROLES):
        with column:
            _card(role_id, lang)

    st.header(t("home.resume_title"))
    loaded = upload.answers_uploader(t("home.resume_label"), key="upload.home")
    if loaded is not None:
        _resume(loaded)
    _offer_results(lang)

    st.header(t("home.workshop_title"))
    st.write(t("home.workshop_text"))
    browser.preload_charts()  # while the person reads, the browser readies the charts
