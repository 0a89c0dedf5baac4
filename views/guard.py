"""Slow guessing down in this browser session (codes to join, trainer keys)."""

from __future__ import annotations

import time

import streamlit as st

from workshops.guessing import wait_before_attempt

FAILURES = "reflet.guess_failures"  # {"code": n, "key": n}


def _wait(seconds: float) -> None:
    time.sleep(seconds)


def before_attempt(kind: str) -> None:
    """Wait as long as this session's failures of ``kind`` call for (no wait at first)."""
    _wait(wait_before_attempt(st.session_state.setdefault(FAILURES, {}).get(kind, 0)))


def failed(kind: str) -> None:
    failures = st.session_state.setdefault(FAILURES, {})
    failures[kind] = failures.get(kind, 0) + 1


def succeeded(kind: str) -> None:
    st.session_state.setdefault(FAILURES, {}).pop(kind, None)
