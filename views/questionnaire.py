"""The self-assessment questionnaire: one section a page, save and resume."""

from __future__ import annotations

import streamlit as st

import questionnaires

from . import draft, form, state, upload
from .downloads import answers_download
from .state import t


DRAFT_KEY = "reflet.self"  # one self-assessment draft a browser: its role is inside


def _keep_draft(q, answers: dict, index: int) -> None:
    """Write the draft to this browser; on a fresh session, bring an earlier one back."""
    _restore(draft.sync(DRAFT_KEY, {"role": q.id, "version": q.version, "page": index, "answers": answers}),
             answers)


def _restore(stored: dict | None, answers: dict) -> None:
    role_id = stored.get("role") if stored else None
    if role_id not in questionnaires.ROLES or answers:
        return
    restored = draft.usable(questionnaires.load(role_id), stored)
    if restored is None:
        return
    state.set_role(role_id)
    state.replace_answers(role_id, restored["answers"])
    state.set_page(role_id, restored["page"])
    state.flash("info", t("draft.restored", count=len(restored["answers"])))
    st.rerun()


def _erase(role_id: str) -> None:
    state.replace_answers(role_id, {})
    draft.clear(DRAFT_KEY)
    state.flash("success", t("draft.cleared"))


def page() -> None:
    role_id = state.role()
    if role_id is None:
        if not draft.was_read(DRAFT_KEY):  # a reload lands here with an empty session
            _restore(draft.sync(DRAFT_KEY, {}), {})
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
    move = form.draw_page(q, answers, index, key=f"{role_id}.{state.generation(role_id)}")
    _keep_draft(q, answers, index)
    if move == "back":
        state.set_page(role_id, index - 1)
        st.rerun()
    elif move == "next" and index + 1 < len(q.sections):
        state.set_page(role_id, index + 1)
        st.rerun()
    elif move == "next":
        from .nav import go

        go("resultats")

    # A callback: the erase happens before this run draws anything, so the browser lets the
    # answers go in this very run (a reload a moment later brings nothing back).
    st.button(t("draft.clear"), type="tertiary", help=t("draft.clear_help"), key="draft.clear",
              on_click=_erase, args=(role_id,))

    with st.expander(t("questionnaire.save_title")):
        st.write(t("questionnaire.save_text"))
        answers_download(q, answers, key="save.questionnaire")
        loaded = upload.answers_uploader(t("questionnaire.load_label"), "upload.questionnaire", role_id)
        if loaded is not None:
            state.replace_answers(role_id, loaded.answers)
            state.flash("success", t("upload.loaded", count=len(loaded.answers)))
            st.rerun()
