"""Process-wide resources: the workshop service on its database engine."""

from __future__ import annotations

import os

import streamlit as st

from workshops import WorkshopService, make_engine

PURGE_EVERY_SECONDS = 24 * 3600


def _database_url() -> str | None:
    """REFLET_DATABASE_URL, else ``database_url`` in .streamlit/secrets.toml, else SQLite."""
    url = os.environ.get("REFLET_DATABASE_URL")
    if url:
        return url
    try:
        return st.secrets.get("database_url")
    except FileNotFoundError:
        return None


@st.cache_resource(show_spinner=False)
def _service() -> WorkshopService:
    """One engine per process (a failure to connect is not cached: the next call retries)."""
    return WorkshopService(make_engine(_database_url()))


@st.cache_resource(ttl=PURGE_EVERY_SECONDS, show_spinner=False)
def _purge() -> int:
    """Erase expired workshops; cached, so it runs at most once a day per process."""
    return _service().purge_expired()


def workshop_service() -> WorkshopService:
    """The workshop service, after erasing what has outlived its retention period."""
    _purge()
    return _service()


def reset() -> None:
    """Forget the engine and the last purge (tests, or after changing the database URL)."""
    _service.clear()
    _purge.clear()
