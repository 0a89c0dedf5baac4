"""Reflet's own session state: one place that names every key.

Answers live here, under Reflet's keys, never only in widget keys: a widget
is dropped when its page is left, the answers are not.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import i18n

LANG = "reflet.lang"
ROLE = "reflet.role"
PAGE = "reflet.page"  # {role: index of the questionnaire page shown}
ANSWERS = "reflet.answers"  # {role: {item id: value}}
EARLIER = "reflet.earlier"  # {role: AnswersFile loaded to compare}
GENERATION = "reflet.generation"  # {role: how many answer sets were loaded}: part of widget keys
FLASH = "reflet.flash"  # a message to show once after a rerun: (kind, text)
PLAN = "reflet.plan"  # {role, or "ws.<code>" in a workshop: tuple of scoring.year_plan.PlanItem}
LOADED = "reflet.loaded"  # role whose complete answers file was just loaded on the home page
WIDGET_PREFIX = "w."  # every answer widget's key starts with this


def lang() -> str:
    if LANG not in st.session_state:
        st.session_state[LANG] = i18n.resolve_lang(st.context.locale)
    return st.session_state[LANG]


def switch_language() -> None:
    """The other language, at once (the answer widgets' keys carry it: see form.draw_page)."""
    from .form import harvest

    harvest()
    st.session_state[LANG] = "en" if lang() == "fr" else "fr"


def t(key: str, /, **values: Any) -> str:
    """The interface string ``key`` in the visitor's language."""
    return i18n.t(key, lang(), **values)


def role() -> str | None:
    return st.session_state.get(ROLE)


def set_role(new_role: str) -> None:
    st.session_state[ROLE] = new_role


def _per_role(key: str) -> dict:
    return st.session_state.setdefault(key, {})


def answers(role_id: str) -> dict[str, Any]:
    return _per_role(ANSWERS).setdefault(role_id, {})


def replace_answers(role_id: str, new: dict[str, Any]) -> None:
    """Swap in a whole answer set (a loaded file).

    The widgets of the page on screen still hold the old choices; a new generation
    gives every answer widget a new key, so they are drawn afresh from ``new``.
    """
    _per_role(ANSWERS)[role_id] = dict(new)
    _per_role(PAGE)[role_id] = 0
    _per_role(GENERATION)[role_id] = generation(role_id) + 1
    forget_widgets()


def generation(role_id: str) -> int:
    return _per_role(GENERATION).get(role_id, 0)


def forget_widgets() -> None:
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


def page(role_id: str) -> int:
    return _per_role(PAGE).get(role_id, 0)


def set_page(role_id: str, index: int) -> None:
    _per_role(PAGE)[role_id] = index


def complete(q, answers: dict[str, Any]) -> bool:
    """Every question has an answer ("does not apply" counts): the results are whole."""
    return all(item.id in answers for item in q.items)


def first_gap(q, answers: dict[str, Any]) -> int:
    """The first questionnaire page with a question left unanswered (the last page if none)."""
    for index, section in enumerate(q.sections):
        if any(item.id not in answers for item in section.items):
            return index
    return len(q.sections) - 1


def plan(key: str) -> tuple:
    """The plan for the year kept under ``key`` (a role, or a workshop's own key)."""
    return _per_role(PLAN).get(key, ())


def set_plan(key: str, items: tuple) -> None:
    _per_role(PLAN)[key] = tuple(items)


def earlier(role_id: str):
    return _per_role(EARLIER).get(role_id)


def set_earlier(role_id: str, answers_file) -> None:
    _per_role(EARLIER)[role_id] = answers_file


def flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind:
        getattr(st, kind)(text)
