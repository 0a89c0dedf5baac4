"""Process-wide resources: the workshop service on its database engine."""

from __future__ import annotations

import os

import streamlit as st

from workshops import WorkshopService, make_engine


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
def workshop_service() -> WorkshopService:
    """One engine per process; expired workshops are erased when it starts."""
    service = WorkshopService(make_engine(_database_url()))
    service.purge_expired()
    return service
