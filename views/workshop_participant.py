"""A participant in a workshop: join by link, QR or code, answer, submit once, see own results."""

from __future__ import annotations

import uuid

import streamlit as st

import questionnaires
import scoring
from workshops import InvalidAnswers, StorageUnavailable, UnknownWorkshop, WorkshopClosed
from workshops.codes import normalize_code
from workshops.qr import JOIN_PARAM

from . import draft, form, guard, results, state
from .downloads import answers_download
from .services import workshop_service
from .state import t

ANSWERS = "reflet.ws.answers"  # {code: answers}
PAGE = "reflet.ws.page"  # {code: page index}
SUBMISSION = "reflet.ws.submission"  # {code: submission id, fixed for the session}
SUBMITTED = "reflet.ws.submitted"  # {code: True once stored}
LANG_SET = "reflet.ws.lang_set"  # codes whose language was applied once


def _per_code(key: str) -> dict:
    return st.session_state.setdefault(key, {})


def _code_from_visit() -> str | None:
    typed = st.query_params.get(JOIN_PARAM)
    return normalize_code(typed) if typed else None


def _ask_code() -> None:
    with st.form("w.join"):
        typed = st.text_input(t("ws.code_label"), max_chars=16, placeholder="ABC234")
        if st.form_submit_button(t("ws.join"), type="primary"):
            code = normalize_code(typed or "")
            if code is None:
                st.error(t("ws.code_invalid"))
            else:
                st.query_params[JOIN_PARAM] = code
                st.rerun()


def _submit(code: str, q, answers: dict) -> None:
    """Store the answers once; when refused, say why and offer them as a file."""
    sid = _per_code(SUBMISSION).setdefault(code, uuid.uuid4().hex)
    try:
        workshop_service().submit(code, sid, q.id, q.version, answers)
    except StorageUnavailable:
        st.error(t("ws.db_down"))
        answers_download(q, answers, key=f"ws.save.{code}")
        return
    except WorkshopClosed:
        st.error(t("ws.closed_on_submit"))
        answers_download(q, answers, key=f"ws.save.{code}")
        return
    except UnknownWorkshop:
        st.error(t("ws.unknown"))
        answers_download(q, answers, key=f"ws.save.{code}")
        return
    except InvalidAnswers:  # the pages check every value first; this is the door's own check
        st.error(t("ws.invalid_answers"))
        answers_download(q, answers, key=f"ws.save.{code}")
        return
    _per_code(SUBMITTED)[code] = True


def answers_for(code: str) -> tuple[dict, str | None]:
    """The answers this session gives to workshop ``code``, and that workshop's role."""
    return _per_code(ANSWERS).setdefault(code, {}), st.session_state.get(f"reflet.ws.role.{code}")


def _draft_key(code: str) -> str:
    return f"reflet.ws.{code}"


def _sync_draft(code: str, q, answers: dict, index: int) -> bool:
    """Keep this workshop's draft in the browser (once a run); True when an earlier one was
    brought back and the page must be drawn again.

    Once sent, the draft keeps only the submission id: the answers leave this browser, and
    a reload shows "sent" instead of an empty questionnaire that would make a second row.
    """
    sid = _per_code(SUBMISSION).setdefault(code, uuid.uuid4().hex)
    if _per_code(SUBMITTED).get(code):
        payload = {"code": code, "submitted": True, "sid": sid}
    else:
        payload = {"code": code, "version": q.version, "page": index, "answers": answers, "sid": sid}
    stored = draft.sync(_draft_key(code), payload)
    if not stored or stored.get("code") != code or not isinstance(stored.get("sid"), str):
        return False
    if stored.get("submitted"):
        _per_code(SUBMISSION)[code] = stored["sid"]
        _per_code(SUBMITTED)[code] = True
        _per_code(ANSWERS)[code] = {}
        return True
    restored = draft.usable(q, stored, code=code)
    if restored is None or answers:
        return False
    _per_code(ANSWERS)[code] = dict(restored["answers"])
    _per_code(PAGE)[code] = restored["page"]
    _per_code(SUBMISSION)[code] = stored["sid"]
    state.forget_widgets()  # the page's widgets are drawn afresh from the restored answers
    return True


def _closed_while_answering(code: str) -> None:
    """The trainer closed the workshop: whatever this person typed is still theirs to keep."""
    answers = _per_code(ANSWERS).get(code)
    role_id = st.session_state.get(f"reflet.ws.role.{code}")
    if role_id is None:
        st.error(t("ws.unknown"))
        return
    st.warning(t("ws.closed_on_submit"))
    answers_download(questionnaires.load(role_id), answers, key=f"ws.save.{code}")


def page() -> None:
    st.title(t("ws.title"))
    code = _code_from_visit()
    if code is None:
        st.write(t("ws.intro"))
        _ask_code()
        return
    known = _per_code(SUBMITTED).get(code) or _per_code(ANSWERS).get(code)  # this session used the code
    if not known:
        guard.before_attempt("code")
    try:
        workshop = workshop_service().for_participant(code)
    except (UnknownWorkshop, WorkshopClosed) as refused:
        if isinstance(refused, WorkshopClosed) and _per_code(ANSWERS).get(code) \
                and not _per_code(SUBMITTED).get(code):
            _closed_while_answering(code)  # they were answering: their answers are theirs to keep
            return
        if not _per_code(SUBMITTED).get(code):
            # A closed code and an unknown one read the same to a visitor: guessing learns nothing.
            guard.failed("code")
            st.error(t("ws.unknown"))
            _ask_code()
            return
        workshop = None
    except StorageUnavailable:
        st.error(t("ws.db_down_join"))
        return

    if workshop is not None:
        st.text(workshop.title)  # a trainer's title is shown as plain text, never as markup
        if code not in st.session_state.setdefault(LANG_SET, set()):
            st.session_state[LANG_SET].add(code)
            if st.session_state.get(state.LANG) != workshop.lang:
                st.session_state[state.LANG] = workshop.lang
                st.rerun()
    role_id = workshop.role if workshop else st.session_state.get(f"reflet.ws.role.{code}")
    if role_id is None:
        return
    st.session_state[f"reflet.ws.role.{code}"] = role_id
    q = questionnaires.load(role_id)
    answers = _per_code(ANSWERS).setdefault(code, {})

    index = min(_per_code(PAGE).get(code, 0), len(q.sections) - 1)
    if not _per_code(SUBMITTED).get(code):
        # The tap's own run draws the page it leads to, or the results once stored.
        move = form.take_move(q, answers, index, key=f"ws.{code}")
        if move == "next" and index + 1 == len(q.sections):
            _submit(code, q, answers)  # when refused, says why above the page, which stays
        elif move is not None:
            index += 1 if move == "next" else -1
            _per_code(PAGE)[code] = index

    if _per_code(SUBMITTED).get(code):
        if _sync_draft(code, q, answers, 0):
            st.rerun()
        st.success(t("ws.thanks"))
        if not answers:  # sent, then the page was reloaded: the answers left this browser
            st.caption(t("ws.already_sent"))
            return
        profile = scoring.score(q, answers)
        # The plan stays in this session and the person's own files: never sent with the answers.
        results.render(q, answers, profile, key=f"ws.{code}", plan_key=f"ws.{code}")
        return

    st.caption(t("ws.anonymous"))
    form.draw_page(q, answers, index, key=f"ws.{code}")
    if _sync_draft(code, q, answers, index):
        st.rerun()
