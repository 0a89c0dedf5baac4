"""The draft: a person's answers kept in their own browser (``localStorage``) until submit.

A reload, or a phone that discarded the tab, opens a new Streamlit session with nothing
in it; the draft brings back the answers and the page, and in a workshop the same
submission id, so a reload never makes a second row. Nothing travels in a URL and
nothing reaches the server's storage before submit. The draft is written on every run of
a questionnaire page (each tap), read once per session, and cleared on submit or by the
person (*Effacer mes réponses*). An inline component (Streamlit 1.67's
``st.components.v2``, which runs in the page itself) does the reading and writing.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from scoring import AnswersError, validate_answers

_JS = """
export default function ({ data, setStateValue }) {
  if (data.clear) localStorage.removeItem(data.key);
  else if (data.value) localStorage.setItem(data.key, data.value);
  if (data.read) {
    const stored = localStorage.getItem(data.key);
    setStateValue('stored', stored === null ? '' : stored);
  }
}
"""

_component = st.components.v2.component("reflet_draft", js=_JS)

READ = "reflet.draft.read"  # {storage key: True} once this session has read it
CLEAR = "reflet.draft.clear"  # {storage key: True} until the browser has removed it
MAX_CHARS = 100_000  # a real draft is a few KB


def sync(storage_key: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Keep ``payload`` in the browser under ``storage_key``.

    The first time a session meets the key, the browser's stored draft is read instead and
    returned once (a dict, or None when there is none); the caller decides whether to use
    it. After that, every call writes ``payload``.
    """
    read = st.session_state.setdefault(READ, {})
    clearing = st.session_state.setdefault(CLEAR, {}).pop(storage_key, False)
    first = not read.get(storage_key)
    data = {"key": storage_key, "read": first, "clear": clearing,
            "value": None if first or clearing else json.dumps(payload, ensure_ascii=False)}
    result = _component(data=data, key=f"reflet.draft.{storage_key}", on_stored_change=lambda: None)
    if not first:
        return None
    stored = getattr(result, "stored", None)
    if stored is None:
        return None  # the browser has not answered yet: it will, and the page reruns
    read[storage_key] = True
    if not stored or len(stored) > MAX_CHARS:
        return None
    try:
        draft = json.loads(stored)
    except ValueError:
        return None
    return draft if isinstance(draft, dict) else None


def was_read(storage_key: str) -> bool:
    return bool(st.session_state.get(READ, {}).get(storage_key))


def clear(storage_key: str) -> None:
    """Remove the draft from the browser at the next run (after submit, or on request)."""
    st.session_state.setdefault(CLEAR, {})[storage_key] = True
    st.session_state.setdefault(READ, {})[storage_key] = True


def usable(q, stored: dict[str, Any] | None, **expected: Any) -> dict[str, Any] | None:
    """A stored draft that fits this questionnaire: same role and version, answers scoring
    accepts, a page that exists, and the ``expected`` fields (a workshop's code); else None."""
    if not stored or stored.get("role", q.id) != q.id or stored.get("version") != q.version:
        return None
    if any(stored.get(k) != v for k, v in expected.items()):
        return None
    answers, page = stored.get("answers"), stored.get("page", 0)
    if not isinstance(answers, dict) or not answers or not isinstance(page, int) or not 0 <= page < len(q.sections):
        return None  # an empty draft (erased, or nothing answered yet) brings nothing back
    try:
        validate_answers(q, answers)
    except (AnswersError, TypeError):
        return None
    return {**stored, "answers": answers, "page": page}
