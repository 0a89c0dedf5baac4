"""The trainer: create or reopen a workshop, show how to join, watch the group live."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import streamlit as st

import questionnaires
from workshops import AccessDenied, InvalidInput, StorageUnavailable, Workshop
from workshops.qr import join_url, qr_png
from workshops.service import RETENTION_RANGE, THRESHOLD_RANGE, TITLE_MAX

from . import dashboard, guard, state
from .services import workshop_service
from .state import t

CREDENTIALS = "reflet.trainer"  # (code, key) of the workshop this browser manages
NEW_KEY = "reflet.trainer.new_key"  # the key to show once, right after creation


def _base_url() -> str:
    """The app's root URL as the trainer's browser sees it (the join link points there)."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    path = parts.path.rstrip("/")
    if path.endswith("/formateur"):
        path = path[: -len("/formateur")]
    return urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


def _create_form() -> None:
    roles = list(questionnaires.ROLES)
    with st.form("w.trainer.create"):
        title = st.text_input(t("tr.field_title"), max_chars=TITLE_MAX)
        role = st.selectbox(
            t("tr.field_role"), roles, format_func=lambda r: questionnaires.load(r).role(state.lang())
        )
        lang = st.selectbox(t("tr.field_lang"), ["fr", "en"], format_func=lambda c: t(f"lang.name.{c}"),
                            index=0 if state.lang() == "fr" else 1)
        threshold = st.number_input(t("tr.field_threshold"), *THRESHOLD_RANGE, value=5, step=1,
                                    help=t("tr.field_threshold_help"))
        retention = st.number_input(t("tr.field_retention"), *RETENTION_RANGE, value=90, step=1,
                                    help=t("tr.field_retention_help"))
        if not st.form_submit_button(t("tr.create"), type="primary"):
            return
    try:
        workshop, key = workshop_service().create(title, role, lang, int(threshold), int(retention))
    except InvalidInput as exc:
        st.error(t(f"tr.invalid.{exc.field}"))
        return
    except StorageUnavailable:
        st.error(t("tr.db_down"))
        return
    st.session_state[CREDENTIALS] = (workshop.code, key)
    st.session_state[NEW_KEY] = key
    st.rerun()


def _open_form() -> None:
    with st.form("w.trainer.open"):
        code = st.text_input(t("tr.field_code"), max_chars=16)
        key = st.text_input(t("tr.field_key"), type="password", max_chars=64)
        if not st.form_submit_button(t("tr.open")):
            return
    guard.before_attempt("key")
    try:
        workshop = workshop_service().for_trainer(code, key)
    except AccessDenied:
        guard.failed("key")
        st.error(t("tr.denied"))
        return
    except StorageUnavailable:
        st.error(t("tr.db_down"))
        return
    guard.succeeded("key")
    st.session_state[CREDENTIALS] = (workshop.code, key)
    st.rerun()


def _join_panel(workshop: Workshop) -> None:
    url = join_url(_base_url(), workshop.code)
    left, right = st.columns([3, 2])
    with left:
        st.caption(t("tr.code_caption"))
        st.markdown(f"# `{workshop.code}`")
        st.caption(t("tr.link_caption"))
        st.code(url, language=None)
    with right:
        st.image(qr_png(url), width=320, caption=t("tr.qr_caption"))


def _key_once(workshop: Workshop) -> bool:
    """Right after creation: the key alone on screen until the trainer says it is noted.

    Returns True while the key is shown; the join panel and the dashboard (which
    is projected) appear only once it is gone, so the room never sees it.
    """
    key = st.session_state.get(NEW_KEY)
    if key is None:
        return False
    st.warning(t("tr.key_once"))
    st.code(key, language=None)
    note = t("tr.key_file", title=workshop.title, code=workshop.code, key=key)
    st.download_button(t("tr.key_download"), note.encode("utf-8"), f"reflet-atelier-{workshop.code}.txt",
                       mime="text/plain", on_click="ignore", key="tr.key_download")
    if st.button(t("tr.key_noted"), type="primary", key="tr.key_noted"):
        del st.session_state[NEW_KEY]
        st.rerun()
    return True


def _attempt(action, *args) -> bool:
    """Run a trainer action; a failure becomes a message on the page, never a traceback."""
    try:
        action(*args)
    except StorageUnavailable:
        st.error(t("tr.db_down"))
    except AccessDenied:
        st.error(t("tr.denied"))
    except InvalidInput as exc:  # only link() refuses input: itself, or another questionnaire
        st.error(t(f"tr.link_invalid.{exc.field}"))
    else:
        return True
    return False


def _controls(workshop: Workshop, code: str, key: str) -> None:
    service = workshop_service()
    with st.expander(t("tr.manage")):
        if workshop.status == "open":
            if st.button(t("tr.close"), key="tr.close") and _attempt(service.close, code, key):
                st.rerun()
        elif st.button(t("tr.reopen"), key="tr.reopen") and _attempt(service.reopen, code, key):
            st.rerun()

        st.divider()
        st.write(t("tr.link_text"))
        with st.form("w.trainer.link"):
            earlier_code = st.text_input(t("tr.field_earlier_code"), max_chars=16)
            earlier_key = st.text_input(t("tr.field_earlier_key"), type="password", max_chars=64)
            linked = st.form_submit_button(t("tr.link"))
        if linked and _attempt(service.link, code, key, earlier_code, earlier_key):
            st.rerun()

        st.divider()
        st.write(t("tr.delete_text"))
        sure = st.checkbox(t("tr.delete_confirm"), key="tr.delete_confirm")
        deleted = st.button(t("tr.delete"), key="tr.delete", disabled=not sure, type="primary")
        if deleted and _attempt(service.delete, code, key):
            del st.session_state[CREDENTIALS]
            state.flash("success", t("tr.deleted"))
            st.rerun()

        st.divider()
        if st.button(t("tr.sign_out"), key="tr.sign_out"):
            del st.session_state[CREDENTIALS]
            st.rerun()


def page() -> None:
    st.title(t("tr.title"))
    state.show_flash()
    credentials = st.session_state.get(CREDENTIALS)
    if credentials is None:
        st.write(t("tr.intro"))
        create_tab, open_tab = st.tabs([t("tr.create_tab"), t("tr.open_tab")])
        with create_tab:
            _create_form()
        with open_tab:
            _open_form()
        return
    code, key = credentials
    try:
        workshop = workshop_service().for_trainer(code, key)
    except AccessDenied:
        del st.session_state[CREDENTIALS]
        st.error(t("tr.denied"))
        return
    except StorageUnavailable:
        st.error(t("tr.db_down"))
        return

    st.text(workshop.title)  # the trainer's own title, as plain text
    q = questionnaires.load(workshop.role)
    status = t(f"tr.status.{workshop.status}")
    st.caption(t("tr.summary", role=q.role(state.lang()), status=status,
                 threshold=workshop.anonymity_threshold, days=workshop.retention_days))
    if _key_once(workshop):
        return
    earlier = workshop_service().linked(workshop)
    if earlier is not None:
        st.caption(t("tr.linked_to"))
        st.text(earlier.title)  # user text: plain, never markup
    _join_panel(workshop)
    _controls(workshop, code, key)
    dashboard.live(workshop.id, workshop.anonymity_threshold, workshop.role, workshop.linked_workshop_id,
                   workshop.title, workshop.code)
