"""Home: what Reflet is, the two questionnaires, resuming from a file."""

from __future__ import annotations

import streamlit as st

import questionnaires

from . import state, upload
from .state import t


def _card(role_id: str, lang: str) -> None:
    q = questionnaires.load(role_id)
    with st.container(border=True):
        st.subheader(q.role(lang))
        st.write(q.purpose(lang))
        low, high = q.minutes
        st.caption(t("home.card_facts", questions=q.question_count(), low=low, high=high))
        if st.button(t("home.start", role=q.role(lang)), key=f"start.{role_id}", type="primary",
                     width="stretch"):
            state.set_role(role_id)
            from .nav import go

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

    st.subheader(t("home.resume_title"))
    loaded = upload.answers_uploader(t("home.resume_label"), key="upload.home")
    if loaded is not None:
        state.set_role(loaded.role)
        state.replace_answers(loaded.role, loaded.answers)
        state.flash("success", t("upload.loaded", count=len(loaded.answers)))
        from .nav import go

        go("questionnaire")

    st.subheader(t("home.workshop_title"))
    st.write(t("home.workshop_text"))
