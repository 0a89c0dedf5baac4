"""The self-assessment questionnaire: one section a page, save and resume."""

from __future__ import annotations

import streamlit as st

import questionnaires

from . import form, state, upload
from .downloads import answers_download
from .state import t


def page() -> None:
    role_id = state.role()
    if role_id is None:
        st.info(t("questionnaire.choose_role"))
        if st.button(t("nav.home")):
            from .nav import go

            go("accueil")
        return
    lang = state.lang()
    q = questionnaires.load(role_id)
    answers = state.answers(role_id)
    st.title(q.title(lang))
    state.show_flash()

    index = min(state.page(role_id), len(q.sections) - 1)
    move = form.draw_page(q, answers, index, key=f"{role_id}.{state.generation(role_id)}", can_keep=True)
    if move == "back":
        state.set_page(role_id, index - 1)
        st.rerun()
    elif move == "next" and index + 1 < len(q.sections):
        state.set_page(role_id, index + 1)
        st.rerun()
    elif move == "next":
        from .nav import go

        go("resultats")

    with st.expander(t("questionnaire.save_title")):
        st.write(t("questionnaire.save_text"))
        answers_download(q, answers, key="save.questionnaire")
        loaded = upload.answers_uploader(t("questionnaire.load_label"), "upload.questionnaire", role_id)
        if loaded is not None:
            state.replace_answers(role_id, loaded.answers)
            state.flash("success", t("upload.loaded", count=len(loaded.answers)))
            st.rerun()
