"""Workshop service on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, exc, func, select, update

from questionnaires import load
from workshops import (
    AccessDenied,
    InvalidAnswers,
    InvalidSettings,
    RoleMismatch,
    StorageUnavailable,
    UnknownWorkshop,
    Workshop,
    WorkshopClosed,
    WorkshopService,
)
from workshops import service as service_module
from workshops.codes import ALPHABET
from workshops.db import submissions, workshops

Created = tuple[Workshop, str]
ANSWERS = {"ctx_experience": "yes", "b_rel_1": 4, "b_rel_2": 6, "b_voi_1": None, "pr_training": 2.5}
VERSION = load("mentor").version
SCALE = load("mentor").scale_items


@pytest.fixture
def service(engine: Engine) -> WorkshopService:
    return WorkshopService(engine)


@pytest.fixture
def workshop(service: WorkshopService) -> Created:
    return service.create("Atelier mentorat", "mentor", "fr")


def new_id() -> str:
    return uuid.uuid4().hex


def rows_of(engine: Engine, workshop_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(submissions).where(submissions.c.workshop_id == workshop_id)
        ).scalar_one()


def submit(service: WorkshopService, code: str, sid: str | None = None, answers: dict | None = None) -> bool:
    return service.submit(code, sid or new_id(), "mentor", VERSION, ANSWERS if answers is None else answers)


# --- creation and codes -------------------------------------------------------


def test_create_returns_open_workshop_and_key(service: WorkshopService) -> None:
    ws, key = service.create("  Atelier <b>mentorat</b>  ", "mentor", "fr", 7, 30)
    assert ws.title == "Atelier <b>mentorat</b>"
    assert (ws.role, ws.lang, ws.anonymity_threshold, ws.retention_days) == ("mentor", "fr", 7, 30)
    assert ws.status == "open" and ws.linked_workshop_id is None
    assert len(ws.id) == 32 and len(key) >= 16
    assert ws.created_at.tzinfo is not None and ws.created_at.utcoffset() == timedelta(0)
    assert service.for_trainer(ws.code, key) == ws


def test_codes_have_six_chars_from_the_alphabet(service: WorkshopService) -> None:
    codes = [service.create(f"A{i}", "mentor", "fr")[0].code for i in range(30)]
    assert len(set(codes)) == 30
    for code in codes:
        assert len(code) >= 6 and set(code) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)


def test_code_collision_is_retried(service: WorkshopService, monkeypatch: pytest.MonkeyPatch) -> None:
    proposals = iter(["AAAAAA", "AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr(service_module, "new_code", lambda: next(proposals))
    first, _ = service.create("Un", "mentor", "fr")
    second, _ = service.create("Deux", "mentor", "fr")
    assert (first.code, second.code) == ("AAAAAA", "BBBBBB")
    assert service.for_participant("BBBBBB").title == "Deux"


def test_code_lookup_tolerates_case_spaces_and_dashes(
    service: WorkshopService, workshop: Created
) -> None:
    ws, key = workshop
    typed = f" {ws.code[:3].lower()}-{ws.code[3:].lower()} "
    assert service.for_participant(typed).id == ws.id
    assert service.for_trainer(f"{ws.code[:3]} {ws.code[3:]}", key).id == ws.id


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"role": "Mentor X"}, "role"),
        ({"lang": "french"}, "lang"),
        ({"anonymity_threshold": 2}, "anonymity_threshold"),
        ({"anonymity_threshold": 61}, "anonymity_threshold"),
        ({"anonymity_threshold": True}, "anonymity_threshold"),
        ({"retention_days": 0}, "retention_days"),
        ({"retention_days": 366}, "retention_days"),
        ({"retention_days": 9.5}, "retention_days"),
    ],
)
def test_create_rejects_bad_settings(
    service: WorkshopService, engine: Engine, kwargs: dict, field: str
) -> None:
    args = {"title": "Atelier", "role": "mentor", "lang": "fr"} | kwargs
    with pytest.raises(InvalidSettings) as raised:
        service.create(**args)
    assert raised.value.field == field
    assert isinstance(raised.value, ValueError)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(workshops)).scalar_one() == 0


def test_create_accepts_the_bounds(service: WorkshopService) -> None:
    ws, _ = service.create("x" * 120, "enseignant-ressource", "en", 60, 365)
    assert (len(ws.title), ws.anonymity_threshold, ws.retention_days) == (120, 60, 365)


# --- trainer access -----------------------------------------------------------


def test_key_is_not_stored_in_clear(engine: Engine, service: WorkshopService) -> None:
    ws, key = service.create("Atelier", "mentor", "fr")
    with engine.connect() as conn:
        row = conn.execute(select(workshops).where(workshops.c.id == ws.id)).one()._mapping
    assert all(key not in str(value) for value in row.values())
    expected = hashlib.scrypt(key.encode(), salt=bytes.fromhex(row["key_salt"]), n=2**14, r=8, p=1, dklen=64)
    assert row["key_hash"] == expected.hex()
    other, _ = service.create("Autre", "mentor", "fr")
    with engine.connect() as conn:
        other_salt = conn.execute(select(workshops.c.key_salt).where(workshops.c.id == other.id)).scalar_one()
    assert other_salt != row["key_salt"]


def test_wrong_key_and_unknown_code_are_refused_alike(
    service: WorkshopService, workshop: Created
) -> None:
    ws, key = workshop
    unknown = "ZZZZZZ" if ws.code != "ZZZZZZ" else "YYYYYY"
    attempts = [(ws.code, key + "x"), (ws.code, ""), (unknown, key), ("not a code!", key), (ws.code, None)]
    errors = []
    for code, attempt_key in attempts:
        with pytest.raises(AccessDenied) as raised:
            service.for_trainer(code, attempt_key)  # type: ignore[arg-type]
        errors.append((type(raised.value), str(raised.value)))
    assert len(set(errors)) == 1
    for action in (service.close, service.reopen, service.delete):
        with pytest.raises(AccessDenied, match=f"^{errors[0][1]}$"):
            action(ws.code, key + "x")
    assert service.for_participant(ws.code).status == "open"


def test_close_refuses_answers_and_reopen_accepts_again(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    ws, key = workshop
    assert submit(service, ws.code)
    assert service.close(ws.code, key).status == "closed"
    with pytest.raises(WorkshopClosed):
        service.for_participant(ws.code)
    with pytest.raises(WorkshopClosed):
        submit(service, ws.code)
    assert service.for_trainer(ws.code, key).status == "closed"
    assert rows_of(engine, ws.id) == 1
    assert service.reopen(ws.code, key).status == "open"
    assert submit(service, ws.code)
    assert rows_of(engine, ws.id) == 2


def test_delete_erases_everything_and_the_code_stops_working(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    ws, key = workshop
    other, _ = service.create("Autre", "mentor", "fr")
    for _ in range(3):
        submit(service, ws.code)
    submit(service, other.code)
    service.delete(ws.code, key)
    assert rows_of(engine, ws.id) == 0
    with engine.connect() as conn:
        assert conn.execute(select(workshops.c.id).where(workshops.c.id == ws.id)).first() is None
    with pytest.raises(UnknownWorkshop):
        service.for_participant(ws.code)
    with pytest.raises(UnknownWorkshop):
        submit(service, ws.code)
    with pytest.raises(AccessDenied):
        service.for_trainer(ws.code, key)
    assert rows_of(engine, other.id) == 1


def test_link_needs_both_keys(service: WorkshopService) -> None:
    before, before_key = service.create("Avant", "mentor", "fr")
    after, after_key = service.create("Après", "mentor", "fr")
    assert service.linked(after) is None
    with pytest.raises(AccessDenied):
        service.link(after.code, after_key, before.code, after_key)
    with pytest.raises(AccessDenied):
        service.link(after.code, before_key, before.code, before_key)
    with pytest.raises(InvalidSettings):
        service.link(after.code, after_key, after.code, after_key)
    other_role, other_key = service.create("Autre rôle", "enseignant_ressource", "fr")
    with pytest.raises(InvalidSettings) as refused:
        service.link(after.code, after_key, other_role.code, other_key)
    assert refused.value.field == "earlier_role"
    linked = service.link(after.code, after_key, before.code, before_key)
    assert linked.linked_workshop_id == before.id
    assert service.for_trainer(after.code, after_key).linked_workshop_id == before.id
    assert service.linked(linked) == before
    service.delete(before.code, before_key)
    assert service.linked(linked) is None
    assert service.for_trainer(after.code, after_key).linked_workshop_id is None


# --- submissions --------------------------------------------------------------


def test_same_submission_id_five_times_gives_one_row(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    ws, _ = workshop
    sid = uuid.uuid4()
    results = [submit(service, ws.code, sid.hex) for _ in range(4)]
    results.append(service.submit(ws.code, str(sid), "mentor", VERSION, ANSWERS))  # hyphenated form
    assert results == [True, False, False, False, False]
    assert rows_of(engine, ws.id) == 1


def test_same_submission_id_five_times_concurrently_gives_one_row(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    ws, _ = workshop
    sid = new_id()
    barrier = threading.Barrier(5)

    def go(_: int) -> bool:
        barrier.wait()
        return submit(service, ws.code, sid)

    with ThreadPoolExecutor(5) as pool:
        results = list(pool.map(go, range(5)))
    assert sorted(results) == [False, False, False, False, True]
    assert rows_of(engine, ws.id) == 1


def test_sixty_concurrent_submissions_give_sixty_rows(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    ws, _ = workshop
    barrier = threading.Barrier(60)

    def go(i: int) -> bool:
        barrier.wait()
        return submit(service, ws.code, answers={item.id: (i + j) % 6 + 1 for j, item in enumerate(SCALE[:45])})

    with ThreadPoolExecutor(60) as pool:
        results = list(pool.map(go, range(60)))  # re-raises any error from a thread
    assert results == [True] * 60
    assert rows_of(engine, ws.id) == 60
    assert service.count(ws.id) == 60
    assert service.answers_frame(ws.id).shape == (60, min(45, len(SCALE)))


def test_submit_refuses_another_role(engine: Engine, service: WorkshopService, workshop: Created) -> None:
    ws, _ = workshop
    with pytest.raises(RoleMismatch) as raised:
        service.submit(ws.code, new_id(), "enseignant-ressource", "1.0", ANSWERS)
    assert isinstance(raised.value, ValueError)
    assert rows_of(engine, ws.id) == 0


def test_submit_refuses_unknown_code(service: WorkshopService) -> None:
    with pytest.raises(UnknownWorkshop):
        submit(service, "ZZZZZZ")
    with pytest.raises(UnknownWorkshop):
        submit(service, "?")


@pytest.mark.parametrize(
    "answers",
    [
        [("d1", 1)],
        {},
        {"d1": True},
        {"d1": float("nan")},
        {"d1": float("inf")},
        {"d1": [1, 2]},
        {"d1": {"x": 1}},
        {"d1": b"bytes"},
        {1: 3},
        {"": 3},
        {"bad id with spaces": 3},
        {"note": "x" * 2001},
        {f"i{n}": 1 for n in range(501)},
    ],
    ids=lambda a: type(a).__name__ if not isinstance(a, dict) else str(list(a.items())[:1])[:30],
)
def test_submit_rejects_bad_answers(
    engine: Engine, service: WorkshopService, workshop: Created, answers: object
) -> None:
    ws, _ = workshop
    with pytest.raises(InvalidAnswers) as raised:
        service.submit(ws.code, new_id(), "mentor", VERSION, answers)  # type: ignore[arg-type]
    assert raised.value.field == "answers"
    assert rows_of(engine, ws.id) == 0


@pytest.mark.parametrize(
    ("sid", "version", "field"),
    [
        ("nope", "1.0", "submission_id"),
        (None, "1.0", "submission_id"),
        (uuid.uuid4().hex, "", "questionnaire_version"),
        (uuid.uuid4().hex, "v 1", "questionnaire_version"),
    ],
)
def test_submit_rejects_bad_id_or_version(
    engine: Engine, service: WorkshopService, workshop: Created, sid: object, version: str, field: str
) -> None:
    ws, _ = workshop
    with pytest.raises(InvalidAnswers) as raised:
        service.submit(ws.code, sid, "mentor", version, ANSWERS)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert rows_of(engine, ws.id) == 0


def test_answers_within_the_limits_serialise(service: WorkshopService, workshop: Created) -> None:
    answers = {f"i{n}": n for n in range(499)} | {"note": "é" * 2000}
    assert json.loads(service_module._answers_json(answers)) == answers


@pytest.mark.parametrize(
    ("answers", "version", "field"),
    [
        ({"pr_training": 1.7}, None, "answers"),  # off the half-hour step: issue 9's typo
        ({"pr_months": 400}, None, "answers"),  # out of range
        ({"no_such_item": 3}, None, "answers"),
        ({"b_rel_1": 9}, None, "answers"),  # off the scale
        ({"b_rel_1": 4}, "0.9.0", "questionnaire_version"),  # a version Reflet does not keep
    ],
)
def test_submit_refuses_what_the_questionnaire_refuses(
    engine: Engine, service: WorkshopService, workshop: Created, answers: dict, version: str | None, field: str
) -> None:
    ws, _ = workshop
    with pytest.raises(InvalidAnswers) as refused:
        service.submit(ws.code, new_id(), "mentor", version or VERSION, answers)
    assert refused.value.field == field
    assert rows_of(engine, ws.id) == 0  # nothing the dashboard could choke on is stored


def test_failed_commit_leaves_no_row_and_the_retry_works(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    ws, _ = workshop
    sid = new_id()

    def fail(_conn: object) -> None:
        raise exc.OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(engine, "commit", fail)
    try:
        with pytest.raises(StorageUnavailable):
            submit(service, ws.code, sid)
    finally:
        event.remove(engine, "commit", fail)
    assert rows_of(engine, ws.id) == 0
    assert submit(service, ws.code, sid) is True
    assert rows_of(engine, ws.id) == 1


def test_failed_insert_leaves_no_row(engine: Engine, service: WorkshopService, workshop: Created) -> None:
    ws, _ = workshop

    def fail(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO SUBMISSIONS"):
            raise exc.OperationalError(statement, {}, Exception("server closed the connection"))

    event.listen(engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(StorageUnavailable):
            submit(service, ws.code)
    finally:
        event.remove(engine, "before_cursor_execute", fail)
    assert rows_of(engine, ws.id) == 0


# --- reading ------------------------------------------------------------------


def test_answers_frame_one_row_per_submission(service: WorkshopService, workshop: Created) -> None:
    ws, _ = workshop
    other, _ = service.create("Autre", "mentor", "fr")
    empty = service.answers_frame(ws.id)
    assert empty.empty and empty.index.name == "submission_id"
    first, second = new_id(), new_id()
    submit(service, ws.code, first, {"b_rel_1": 4, "pr_format": "group"})
    submit(service, ws.code, second, {"b_rel_1": 2, "b_rel_2": None})
    submit(service, other.code)
    frame = service.answers_frame(ws.id)
    assert frame.index.name == "submission_id"
    assert set(frame.index) == {first, second}
    assert set(frame.columns) == {"b_rel_1", "b_rel_2", "pr_format"}
    assert frame.loc[first, "b_rel_1"] == 4 and frame.loc[second, "b_rel_1"] == 2
    assert frame.loc[first, "pr_format"] == "group"
    assert frame.isna().loc[second, "pr_format"] and frame.isna().loc[first, "b_rel_2"]
    assert service.count(ws.id) == 2 and service.count(other.id) == 1


def test_a_thousand_answers_come_back_in_the_order_of_their_ids(
    engine: Engine, service: WorkshopService, workshop: Created
) -> None:
    """Its speed is in bench/bench_workshops.py (timings are never assertions here)."""
    ws, _ = workshop
    now = datetime.now(UTC)
    rows = [
        {
            "workshop_id": ws.id,
            "id": new_id(),
            "role": "mentor",
            "questionnaire_version": "1.0",
            "answers": service_module._answers_json({f"i{j}": (i * j) % 6 + 1 for j in range(45)}),
            "created_at": now + timedelta(microseconds=i % 7),
        }
        for i in range(1000)
    ]
    with engine.begin() as conn:
        conn.execute(submissions.insert(), rows)
    frame = service.answers_frame(ws.id)
    assert frame.shape == (1000, 45)
    assert list(frame.index) == service.submission_ids(ws.id)


def test_answers_frame_reads_only_the_rows_asked_and_only_of_its_workshop(
    service: WorkshopService, workshop: Created
) -> None:
    ws, _ = workshop
    other, _ = service.create("Autre", "mentor", "fr")
    mine = [new_id() for _ in range(3)]
    for sid, value in zip(mine, (1, 2, 3)):
        submit(service, ws.code, sid, {"b_rel_1": value})
    theirs = new_id()
    submit(service, other.code, theirs, {"b_rel_1": 6})
    frame = service.answers_frame(ws.id, only=[mine[2], mine[0], theirs])
    assert list(frame.index) == [mine[0], mine[2]], "stored order; another workshop's row never comes"
    assert list(frame["b_rel_1"]) == [1, 3]
    assert service.answers_frame(ws.id, only=[]).empty


def test_datetimes_are_utc_aware(engine: Engine, service: WorkshopService, workshop: Created) -> None:
    ws, _ = workshop
    submit(service, ws.code)
    with engine.connect() as conn:
        stored = conn.execute(select(submissions.c.created_at)).scalar_one()
    read = service.for_participant(ws.code).created_at
    for value in (stored, read):
        assert value.tzinfo is not None and value.utcoffset() == timedelta(0)
    assert read == ws.created_at
    assert abs(datetime.now(UTC) - stored) < timedelta(minutes=1)


# --- retention ----------------------------------------------------------------


def test_retention_removes_old_and_keeps_recent(engine: Engine, service: WorkshopService) -> None:
    old, _ = service.create("Ancien", "mentor", "fr", retention_days=30)
    recent, _ = service.create("Récent", "mentor", "fr", retention_days=30)
    submit(service, old.code)
    submit(service, recent.code)
    with engine.begin() as conn:
        conn.execute(
            update(workshops)
            .where(workshops.c.id == old.id)
            .values(created_at=datetime.now(UTC) - timedelta(days=31))
        )
    assert service.purge_expired() == 1
    with pytest.raises(UnknownWorkshop):
        service.for_participant(old.code)
    assert rows_of(engine, old.id) == 0
    assert service.for_participant(recent.code).id == recent.id
    assert rows_of(engine, recent.id) == 1
    assert service.purge_expired() == 0


def test_retention_boundary(service: WorkshopService) -> None:
    ws, _ = service.create("Atelier", "mentor", "fr", retention_days=90)
    assert service.purge_expired(ws.created_at + timedelta(days=89, hours=23)) == 0
    assert service.for_participant(ws.code).id == ws.id
    assert service.purge_expired(ws.created_at + timedelta(days=90)) == 1
    with pytest.raises(UnknownWorkshop):
        service.for_participant(ws.code)
    with pytest.raises(ValueError):
        service.purge_expired(datetime(2030, 1, 1))


def test_deleted_workshops_leave_nothing_in_the_sqlite_files(tmp_path: Path) -> None:
    from workshops.testing import isolated_engine

    secret = "Atelier-ZQX-secret"
    with isolated_engine("sqlite", tmp_path) as engine:
        service = WorkshopService(engine)
        ws, key = service.create(secret, "mentor", "fr")
        submit(service, ws.code)
        files = [tmp_path / "reflet.db", tmp_path / "reflet.db-wal"]
        assert any(secret.encode() in f.read_bytes() for f in files if f.exists())  # the test can fail
        for f in files:
            assert f.stat().st_mode & 0o777 == 0o600, f.name  # owner-only, the log included
        service.delete(ws.code, key)
        for f in files:
            if f.exists():
                assert secret.encode() not in f.read_bytes(), f.name
                assert ws.code.encode() not in f.read_bytes(), f.name


def test_guessing_waits_grow_and_stop_at_a_ceiling() -> None:
    from workshops.guessing import MAX_WAIT_S, wait_before_attempt

    waits = [wait_before_attempt(n) for n in range(12)]
    assert waits[:3] == [0.0, 0.0, 0.0]  # a typo or two is human
    assert waits[3:7] == [0.5, 1.0, 2.0, 4.0]
    assert max(waits) == MAX_WAIT_S == waits[-1]  # never a lock-out, at worst a few seconds
