"""Isolated databases for tests (SQLite file or a throw-away PostgreSQL schema)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from workshops.db import make_engine


@contextmanager
def isolated_engine(kind: str, tmp_dir: Path, pg_url: str | None = None) -> Iterator[Engine]:
    """An engine on a fresh database: a SQLite file in `tmp_dir`, or a new schema at `pg_url`.

    The PostgreSQL schema is dropped on exit.
    """
    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_dir / 'reflet.db'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    if kind != "postgresql" or not pg_url:
        raise ValueError("kind must be 'sqlite', or 'postgresql' with pg_url")
    schema = f"t_{uuid.uuid4().hex}"
    admin = create_engine(pg_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        engine = make_engine(scoped.render_as_string(hide_password=False))
        try:
            yield engine
        finally:
            engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
