"""Database schema and engine factory (SQLAlchemy 2 Core).

SQLite file by default (WAL, busy timeout) so the app runs without a server;
PostgreSQL when `REFLET_DATABASE_URL` says so. No personal data is stored.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    exc,
    func,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from workshops.errors import StorageUnavailable

SCHEMA_VERSION = 1
ENV_URL = "REFLET_DATABASE_URL"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / "reflet.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 10
# Serialises schema creation when several replicas start against one PostgreSQL.
_PG_SCHEMA_LOCK_ID = 0x7EF1E7


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime stored as UTC and always read back timezone-aware (UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite keeps no offset: what we stored is UTC
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("title", String(120), nullable=False),
    Column("role", String(32), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("anonymity_threshold", Integer, nullable=False, server_default=text("5")),
    Column("retention_days", Integer, nullable=False, server_default=text("90")),
    Column("key_hash", String(128), nullable=False),
    Column("key_salt", String(32), nullable=False),
    Column("status", String(8), nullable=False, server_default=text("'open'")),
    Column(
        "linked_workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("status IN ('open', 'closed')", name="ck_workshops_status"),
)

submissions = Table(
    "submissions",
    metadata,
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("id", String(32), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("questionnaire_version", String(32), nullable=False),
    Column("answers", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


def default_url() -> str:
    """`REFLET_DATABASE_URL`, else the SQLite file `data/reflet.db` (folder created)."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten with zeros
    finally:
        cursor.close()


def _owner_only(path: Path) -> None:
    """Create the SQLite file readable by its owner only; its -wal and -shm files inherit it.

    A folder that does not exist is left for SQLite to refuse (StorageUnavailable).
    """
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
    except OSError:
        return


def make_final(engine: Engine) -> None:
    """After a delete: make the erased rows unreadable from the database's files.

    SQLite: secure_delete has zeroed the pages; a TRUNCATE checkpoint copies them into the
    database and empties the write-ahead log, which still held the old pages.
    PostgreSQL: VACUUM FULL rewrites both tables without the dead rows (a brief lock,
    fine for tables of workshop size).
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL submissions, workshops")


def make_engine(url: str | None = None) -> Engine:
    """Create the engine, create missing tables and record the schema version.

    Raises StorageUnavailable when the database cannot be reached.
    """
    parsed = make_url(url or default_url())
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")
        if not in_memory:
            _owner_only(Path(parsed.database))
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False},
            # one shared connection, else every thread would see its own empty database
            poolclass=StaticPool if in_memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    elif backend == "postgresql":
        connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    else:
        raise ValueError(f"unsupported database backend: {backend}")
    try:
        _create_schema(engine)
    except (exc.OperationalError, exc.InterfaceError) as error:
        engine.dispose()
        raise StorageUnavailable(f"cannot reach the database: {type(error.orig).__name__}") from error
    return engine


def _create_schema(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK_ID)))
        metadata.create_all(conn)
        stored = conn.execute(select(func.max(schema_version.c.version))).scalar_one()
        if stored is None:
            conn.execute(
                schema_version.insert().values(version=SCHEMA_VERSION, applied_at=datetime.now(UTC))
            )
        elif stored > SCHEMA_VERSION:
            raise RuntimeError(f"database schema {stored} is newer than this app's {SCHEMA_VERSION}")
