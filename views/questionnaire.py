"""The self-assessment questionnaire: one section a page, save and resume."""

from __future__ import annotations

import streamlit as st

import questionnaires
from scoring import year_plan

from . import draft, form, state, upload
from .downloads import answers_download
from .state import t


DRAFT_KEY = "reflet.self"  # one self-assessment draft a browser: its role is inside


def keep_draft(q, answers: dict, index: int) -> None:
    """Write the draft (answers, page, plan) to this browser; on a fresh session, bring an
    earlier one back."""
    payload = {"role": q.id, "version": q.version, "page": index, "answers": answers,
               "plan": year_plan.as_json(state.plan(q.id))}
    _restore(draft.sync(DRAFT_KEY, payload), answers)


def restore_draft() -> None:
    """On a page reached by a reload (an empty session): bring this browser's draft back."""
    if not draft.was_read(DRAFT_KEY):
        _restore(draft.sync(DRAFT_KEY, {}), {})


def _restore(stored: dict | None, answers: dict) -> None:
    role_id = stored.get("role") if stored else None
    if role_id not in questionnaires.ROLES or answers:
        return
    q = questionnaires.load(role_id)
    restored = draft.usable(q, stored)
    if restored is None:
        return
    state.set_role(role_id)
    state.replace_answers(role_id, restored["answers"])
    state.set_page(role_id, restored["page"])
    try:
        state.set_plan(role_id, year_plan.from_json(stored.get("plan"), q))
    except year_plan.PlanError:
        pass  # a draft's plan that no longer fits is dropped; the answers still come back
    state.flash("info", t("draft.restored", count=len(restored["answers"])))
    st.rerun()


def _erase(role_id: str) -> None:
    state.replace_answers(role_id, {})
    state.set_plan(role_id, ())
    draft.clear(DRAFT_KEY)
    state.flash("success", t("draft.cleared"))


def page() -> None:
    role_id = state.role()
    if role_id is None:
        restore_draft()  # a reload lands here with an empty session
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
    key = f"{role_id}.{state.generation(role_id)}"
    move = form.take_move(q, answers, index, key)
    if move == "next" and index + 1 == len(q.sections):
        keep_draft(q, answers, index)
        from .nav import go

        go("resultats")
    if move is not None:
        index += 1 if move == "next" else -1
        state.set_page(role_id, index)
    form.draw_page(q, answers, index, key)
    keep_draft(q, answers, index)

    # A callback: the erase happens before this run draws anything, so the browser lets the
    # answers go in this very run (a reload a moment later brings nothing back).
    st.button(t("draft.clear"), type="tertiary", help=t("draft.clear_help"), key="draft.clear",
              on_click=_erase, args=(role_id,))

    with st.expander(t("questionnaire.save_title")):
        st.write(t("questionnaire.save_text"))
        answers_download(q, answers, key="save.questionnaire", plan=state.plan(role_id))
        loaded = upload.answers_uploader(t("questionnaire.load_label"), "upload.questionnaire", role_id)
        if loaded is not None:
            state.replace_answers(role_id, loaded.answers)
            state.set_plan(role_id, loaded.plan)
            state.flash("success", t("upload.loaded", count=len(loaded.answers)))
            st.rerun()
