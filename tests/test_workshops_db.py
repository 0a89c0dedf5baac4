"""Engine factory and schema on SQLite and PostgreSQL."""

from __future__ import annotations

import ast
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from questionnaires import load
from sqlalchemy import Engine, create_engine, delete, func, inspect, select, text

from workshops import SCHEMA_VERSION, StorageUnavailable, WorkshopService, make_engine
from workshops import db as db_module
from workshops.db import schema_version, submissions, workshops

CLOSED_PG_URL = "postgresql+psycopg://reflet:reflet@127.0.0.1:1/reflet_test"


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_tables_and_schema_version_are_created_once(engine: Engine) -> None:
    assert {"workshops", "submissions", "schema_version"} <= set(inspect(engine).get_table_names())
    make_engine(url_of(engine)).dispose()  # a second start changes nothing
    with engine.connect() as conn:
        assert conn.execute(select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]


def test_a_newer_schema_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(schema_version.insert().values(version=SCHEMA_VERSION + 1, applied_at=datetime.now(UTC)))
    with pytest.raises(RuntimeError, match="newer"):
        make_engine(url_of(engine))


def test_columns_hold_no_personal_data(engine: Engine) -> None:
    tables = ["workshops", "submissions"]
    columns = {table: {c["name"] for c in inspect(engine).get_columns(table)} for table in tables}
    assert columns == {
        "workshops": {
            "id", "code", "title", "role", "lang", "anonymity_threshold", "retention_days",
            "key_hash", "key_salt", "status", "linked_workshop_id", "created_at",
        },
        "submissions": {"id", "workshop_id", "role", "questionnaire_version", "answers", "created_at"},
    }


def test_deleting_a_workshop_row_cascades_to_its_submissions(engine: Engine) -> None:
    service = WorkshopService(engine)
    ws, _ = service.create("Atelier", "mentor", "fr")
    service.submit(ws.code, uuid.uuid4().hex, "mentor", load("mentor").version, {"ctx_experience": "yes"})
    with engine.begin() as conn:
        conn.execute(delete(workshops).where(workshops.c.id == ws.id))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(submissions)).scalar_one() == 0


def test_sqlite_uses_wal_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 10_000
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        engine.dispose()


def test_default_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLET_DATABASE_URL", "postgresql+psycopg://u:p@db/reflet")
    assert db_module.default_url() == "postgresql+psycopg://u:p@db/reflet"


def test_the_default_file_is_data_reflet_db_in_the_repo() -> None:
    assert db_module.DEFAULT_SQLITE_PATH == Path(__file__).resolve().parent.parent / "data" / "reflet.db"


def test_default_url_is_a_sqlite_file_under_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REFLET_DATABASE_URL", raising=False)
    target = tmp_path / "data" / "reflet.db"
    monkeypatch.setattr(db_module, "DEFAULT_SQLITE_PATH", target)
    assert db_module.default_url() == f"sqlite:///{target}"
    assert target.parent.is_dir()
    engine = make_engine()
    try:
        assert engine.url.database == str(target)
    finally:
        engine.dispose()


def test_an_unsupported_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        make_engine("mysql://u:p@127.0.0.1/x")


@pytest.mark.parametrize("url", ["sqlite:////nonexistent-reflet-dir/sub/reflet.db", CLOSED_PG_URL])
def test_make_engine_on_an_unreachable_database_raises_storage_unavailable(url: str) -> None:
    with pytest.raises(StorageUnavailable):
        make_engine(url)


@pytest.mark.parametrize("url", ["sqlite:////nonexistent-reflet-dir/sub/reflet.db", CLOSED_PG_URL])
def test_service_on_an_unreachable_database_raises_storage_unavailable(url: str) -> None:
    service = WorkshopService(create_engine(url))
    with pytest.raises(StorageUnavailable):
        service.submit("ABCDEF", uuid.uuid4().hex, "mentor", load("mentor").version, {"ctx_experience": "yes"})
    with pytest.raises(StorageUnavailable):
        service.for_participant("ABCDEF")
    with pytest.raises(StorageUnavailable):
        service.create("Atelier", "mentor", "fr")
    with pytest.raises(StorageUnavailable):
        service.answers_frame("0" * 32)


def test_an_in_memory_database_is_shared_between_threads() -> None:
    engine = make_engine("sqlite://")
    try:
        service = WorkshopService(engine)
        ws, _ = service.create("Atelier", "mentor", "fr")
        with ThreadPoolExecutor(2) as pool:
            found = pool.submit(service.for_participant, ws.code).result()
        assert found == ws
    finally:
        engine.dispose()


def test_storage_and_export_never_import_streamlit() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in [*sorted((root / "workshops").glob("*.py")), root / "reports" / "export.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "streamlit" for name in names), path
