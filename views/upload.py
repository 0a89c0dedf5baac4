"""Loading an answers file: every refusal is a clear message, nothing is lost."""

from __future__ import annotations

import re

import streamlit as st

import questionnaires
from reports import answers_file

from . import state
from .state import t


def read(data: bytes, role_id: str | None = None, any_version: bool = False) -> answers_file.AnswersFile:
    """Parse an answers file for ``role_id`` (or for whichever role it names).

    ``any_version``: also a file saved with an archived version (for comparison).
    """
    roles = [role_id] if role_id else list(questionnaires.ROLES)
    errors = []
    for candidate in roles:
        earlier = (lambda version, role=candidate: questionnaires.load_version(role, version)) if any_version else None
        try:
            return answers_file.parse(data, questionnaires.load(candidate), earlier)
        except answers_file.AnswersFileError as exc:
            errors.append(exc)
    return _raise_most_telling(errors)


def _raise_most_telling(errors: list[answers_file.AnswersFileError]):
    telling = [e for e in errors if e.reason != "other_role"]
    raise (telling or errors)[0]


SAFE_FOUND = re.compile(r"[A-Za-z0-9.\-]{1,40}")  # what a real version looks like


def quoted(text: str | None) -> str | None:
    """A file's own text (the version it names) quoted back only if it looks like one.

    Anything else is not echoed: st.error reads markdown, and even escaped text still
    turns a bare address into a link.
    """
    if text is None or SAFE_FOUND.fullmatch(text):
        return text
    return t("upload.unreadable")


def answers_uploader(label: str, key: str, role_id: str | None = None, any_version: bool = False):
    """A file uploader that returns a valid AnswersFile once, or shows why not."""
    # No type filter: Streamlit's own refusal is an English chip; Reflet says why, in the
    # visitor's language, for any file (server.maxUploadSize lets 1-10 MB files reach here).
    uploaded = st.file_uploader(label, key=key, help=t("upload.help"))
    if uploaded is None:
        return None
    seen_key = f"{key}.seen"
    if st.session_state.get(seen_key) == uploaded.file_id:
        return None  # already applied; the widget keeps the file until cleared
    st.session_state[seen_key] = uploaded.file_id
    if not uploaded.name.lower().endswith(".json"):
        st.error(t("upload.wrong_type"))
        return None
    try:
        return read(uploaded.getvalue(), role_id, any_version)
    except answers_file.AnswersFileError as exc:
        st.error(_refusal(exc))
        return None


def _refusal(exc: answers_file.AnswersFileError) -> str:
    """Why a file was refused, in the visitor's language; another role's file is named."""
    if exc.reason == "other_role" and exc.found in questionnaires.ROLES:
        return t("upload.other_role", role=questionnaires.load(exc.found).role(state.lang()))
    return t(f"reports.answers_file.{exc.reason}", found=quoted(exc.found), expected=exc.expected)
