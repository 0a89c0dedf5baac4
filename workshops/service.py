"""The workshop service: create, join, answer, export and erase workshops."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import uuid
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Insert, Row, Table, delete, exc, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from workshops.codes import new_code, normalize_code
from questionnaires import load_version
from scoring import AnswersError, validate_answers
from workshops.db import make_final, submissions, workshops
from workshops.errors import (
    AccessDenied,
    InvalidAnswers,
    InvalidSettings,
    RoleMismatch,
    StorageUnavailable,
    UnknownWorkshop,
    WorkshopClosed,
)

TITLE_MAX = 120
THRESHOLD_RANGE = (3, 60)  # below 3, a group chart shows one person's answers
RETENTION_RANGE = (1, 365)
MAX_ITEMS = 500
MAX_TEXT = 2_000
MAX_KEY_LENGTH = 256
_CODE_ATTEMPTS = 20
_ROLE = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_LANG = re.compile(r"[a-z]{2}")
_ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}")
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 64}
# Hashed when the code is unknown, so that a wrong code costs as long as a wrong key.
_DUMMY_SALT = secrets.token_bytes(16)


@dataclass(frozen=True, slots=True)
class Workshop:
    """A workshop as the app sees it (no key material)."""

    id: str
    code: str
    title: str
    role: str
    lang: str
    anonymity_threshold: int
    retention_days: int
    status: str
    linked_workshop_id: str | None
    created_at: datetime


_WORKSHOP_COLUMNS = [workshops.c[f.name] for f in fields(Workshop)]


def _hash_key(key: str, salt: bytes) -> bytes:
    return hashlib.scrypt(key.encode("utf-8"), salt=salt, **_SCRYPT)


@contextmanager
def _storage_errors() -> Iterator[None]:
    """Turn connection-level database failures into StorageUnavailable."""
    try:
        yield
    except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError) as error:
        cause = getattr(error, "orig", None) or error
        raise StorageUnavailable(f"database unavailable: {type(cause).__name__}") from error


def _insert(conn: Connection, table: Table) -> Insert:
    """A dialect insert that supports ON CONFLICT DO NOTHING."""
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    return dialect.insert(table)


def _int_in(field: str, value: Any, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidSettings(field, f"must be an integer from {low} to {high}")
    return value


def _check_settings(title: Any, role: Any, lang: Any, threshold: Any, retention: Any) -> str:
    """Validate create() arguments; return the stripped title."""
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= TITLE_MAX:
        raise InvalidSettings("title", f"must be 1 to {TITLE_MAX} characters")
    if _CONTROL.search(title.strip()):
        raise InvalidSettings("title", "must not contain control characters")
    if not isinstance(role, str) or not _ROLE.fullmatch(role):
        raise InvalidSettings("role", "must be a lowercase identifier")
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise InvalidSettings("lang", "must be a two-letter language code")
    _int_in("anonymity_threshold", threshold, THRESHOLD_RANGE)
    _int_in("retention_days", retention, RETENTION_RANGE)
    return title.strip()


def _submission_id(value: Any) -> str:
    try:
        return uuid.UUID(value if isinstance(value, str) else str(value)).hex
    except (ValueError, TypeError, AttributeError):
        raise InvalidAnswers("submission_id", "must be a UUID") from None


def _answers_json(answers: Any) -> str:
    """Validate answers (item id -> int, float, str or None) and serialise them."""
    if not isinstance(answers, Mapping) or not answers:
        raise InvalidAnswers("answers", "must be a non-empty dict")
    if len(answers) > MAX_ITEMS:
        raise InvalidAnswers("answers", f"more than {MAX_ITEMS} items")
    for item, value in answers.items():
        if not isinstance(item, str) or not _ITEM_ID.fullmatch(item):
            raise InvalidAnswers("answers", f"bad item id {item!r:.80}")
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            continue
        if isinstance(value, float) and math.isfinite(value):
            continue
        if isinstance(value, str) and len(value) <= MAX_TEXT:
            continue
        raise InvalidAnswers("answers", f"bad value for {item}: {type(value).__name__}")
    return json.dumps(dict(answers), ensure_ascii=False, separators=(",", ":"))


def _check_against_questionnaire(role: Any, version: str, answers: Mapping) -> None:
    """The scoring rules, at the door: a row that would break the dashboard is never stored."""
    try:
        questionnaire = load_version(role, version) if isinstance(role, str) else None
    except KeyError:
        questionnaire = None
    if questionnaire is None:
        raise InvalidAnswers("questionnaire_version", f"no questionnaire {role!r:.40} at version {version}")
    try:
        validate_answers(questionnaire, answers)
    except AnswersError as error:
        raise InvalidAnswers("answers", f"{len(error.problems)} invalid answer(s): {', '.join(error.problems)[:200]}") from None


class WorkshopService:
    """Repository and rules for workshops and their anonymous submissions."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- trainer side -------------------------------------------------------

    def create(
        self,
        title: str,
        role: str,
        lang: str,
        anonymity_threshold: int = 5,
        retention_days: int = 90,
    ) -> tuple[Workshop, str]:
        """Create an open workshop; return it and the trainer key (shown once, stored hashed)."""
        clean_title = _check_settings(title, role, lang, anonymity_threshold, retention_days)
        key = secrets.token_urlsafe(12)
        salt = secrets.token_bytes(16)
        values = {
            "id": uuid.uuid4().hex,
            "title": clean_title,
            "role": role,
            "lang": lang,
            "anonymity_threshold": anonymity_threshold,
            "retention_days": retention_days,
            "key_hash": _hash_key(key, salt).hex(),
            "key_salt": salt.hex(),
            "status": "open",
            "linked_workshop_id": None,
            "created_at": datetime.now(UTC),
        }
        with _storage_errors():
            for _ in range(_CODE_ATTEMPTS):
                values["code"] = new_code()
                with self._engine.begin() as conn:
                    stmt = _insert(conn, workshops).values(values)
                    stmt = stmt.on_conflict_do_nothing(index_elements=["code"]).returning(workshops.c.id)
                    if conn.execute(stmt).first() is not None:
                        return Workshop(**{f.name: values[f.name] for f in fields(Workshop)}), key
        raise RuntimeError(f"no free join code after {_CODE_ATTEMPTS} attempts")

    def for_trainer(self, code: str, key: str) -> Workshop:
        """The workshop if `key` is its trainer key; AccessDenied otherwise, whatever the cause."""
        with _storage_errors(), self._engine.connect() as conn:
            return self._verified(conn, code, key)

    def close(self, code: str, key: str) -> Workshop:
        """Stop accepting answers."""
        return self._set_status(code, key, "closed")

    def reopen(self, code: str, key: str) -> Workshop:
        """Accept answers again."""
        return self._set_status(code, key, "open")

    def delete(self, code: str, key: str) -> None:
        """Erase the workshop and every submission in one transaction; the code stops working."""
        with _storage_errors():
            with self._engine.begin() as conn:
                workshop = self._verified(conn, code, key)
                self._erase(conn, [workshop.id])
            make_final(self._engine)

    def link(self, code: str, key: str, earlier_code: str, earlier_key: str) -> Workshop:
        """Link a workshop to an earlier one for comparison; both keys are required."""
        with _storage_errors(), self._engine.begin() as conn:
            workshop = self._verified(conn, code, key)
            earlier = self._verified(conn, earlier_code, earlier_key)
            if earlier.id == workshop.id:
                raise InvalidSettings("earlier_code", "cannot link a workshop to itself")
            if earlier.role != workshop.role:  # the comparison would mix two questionnaires
                raise InvalidSettings("earlier_role", "the earlier workshop uses another questionnaire")
            conn.execute(
                update(workshops)
                .where(workshops.c.id == workshop.id)
                .values(linked_workshop_id=earlier.id)
            )
        return replace(workshop, linked_workshop_id=earlier.id)

    def linked(self, workshop: Workshop) -> Workshop | None:
        """The earlier workshop this one is linked to, if it still exists."""
        if workshop.linked_workshop_id is None:
            return None
        with _storage_errors(), self._engine.connect() as conn:
            row = conn.execute(
                select(*_WORKSHOP_COLUMNS).where(workshops.c.id == workshop.linked_workshop_id)
            ).first()
        return None if row is None else Workshop(**row._mapping)

    def count(self, workshop_id: str) -> int:
        """Number of submissions of a workshop."""
        with _storage_errors(), self._engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(submissions).where(submissions.c.workshop_id == workshop_id)
            ).scalar_one()

    def submission_ids(self, workshop_id: str) -> list[str]:
        """The workshop's submission ids, in the order ``answers_frame`` gives its rows."""
        with _storage_errors(), self._engine.connect() as conn:
            return list(conn.execute(
                select(submissions.c.id)
                .where(submissions.c.workshop_id == workshop_id)
                .order_by(submissions.c.created_at, submissions.c.id)
            ).scalars())

    def answers_frame(self, workshop_id: str, only: Collection[str] | None = None) -> pd.DataFrame:
        """One row per submission (index `submission_id`), one column per item id present;
        ``only``: just these submissions of the workshop (the dashboard reads new rows only)."""
        query = select(submissions.c.id, submissions.c.answers).where(submissions.c.workshop_id == workshop_id)
        if only is not None:
            query = query.where(submissions.c.id.in_(list(only)))
        with _storage_errors(), self._engine.connect() as conn:
            rows = conn.execute(query.order_by(submissions.c.created_at, submissions.c.id)).all()
        index = pd.Index([row[0] for row in rows], name="submission_id", dtype="str")
        return pd.DataFrame([json.loads(row[1]) for row in rows], index=index)

    def purge_expired(self, now: datetime | None = None) -> int:
        """Erase workshops older than their retention period; return how many."""
        now = now or datetime.now(UTC)
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        with _storage_errors():
            with self._engine.begin() as conn:
                rows = conn.execute(
                    select(workshops.c.id, workshops.c.created_at, workshops.c.retention_days)
                ).all()
                expired = [wid for wid, created, days in rows if created + timedelta(days=days) <= now]
                if expired:
                    self._erase(conn, expired)
            if expired:
                make_final(self._engine)
        return len(expired)

    # --- participant side ---------------------------------------------------

    def for_participant(self, code: str) -> Workshop:
        """The open workshop with this code; UnknownWorkshop or WorkshopClosed otherwise."""
        with _storage_errors(), self._engine.connect() as conn:
            return self._open_workshop(conn, code)

    def submit(
        self,
        code: str,
        submission_id: str,
        role: str,
        questionnaire_version: str,
        answers: dict[str, int | float | str | None],
    ) -> bool:
        """Store a submission once; True if stored now, False if this id was already stored.

        Idempotent: a double click, reload or retry with the same id never makes two rows.
        """
        sid = _submission_id(submission_id)
        if not isinstance(questionnaire_version, str) or not _VERSION.fullmatch(questionnaire_version):
            raise InvalidAnswers("questionnaire_version", "must be a short version string")
        payload = _answers_json(answers)
        with _storage_errors(), self._engine.begin() as conn:
            workshop = self._open_workshop(conn, code)
            if role != workshop.role:
                raise RoleMismatch("role", f"this workshop is for role {workshop.role!r}")
            _check_against_questionnaire(role, questionnaire_version, answers)
            stmt = _insert(conn, submissions).values(
                workshop_id=workshop.id,
                id=sid,
                role=role,
                questionnaire_version=questionnaire_version,
                answers=payload,
                created_at=datetime.now(UTC),
            )
            stmt = stmt.on_conflict_do_nothing(index_elements=["workshop_id", "id"])
            try:
                created = conn.execute(stmt.returning(submissions.c.id)).first()
            except exc.IntegrityError:  # the workshop was deleted since it was read
                raise UnknownWorkshop("unknown workshop code") from None
            return created is not None

    # --- helpers --------------------------------------------------------------

    @staticmethod
    def _row_by_code(conn: Connection, code: Any, *extra: Any) -> Row[Any] | None:
        canonical = normalize_code(code) if isinstance(code, str) else None
        if canonical is None:
            return None
        return conn.execute(select(*_WORKSHOP_COLUMNS, *extra).where(workshops.c.code == canonical)).first()

    def _open_workshop(self, conn: Connection, code: str) -> Workshop:
        row = self._row_by_code(conn, code)
        if row is None:
            raise UnknownWorkshop("unknown workshop code")
        if row.status != "open":
            raise WorkshopClosed("workshop is closed")
        return Workshop(**row._mapping)

    def _verified(self, conn: Connection, code: str, key: str) -> Workshop:
        row = self._row_by_code(conn, code, workshops.c.key_hash, workshops.c.key_salt)
        valid_key = isinstance(key, str) and len(key) <= MAX_KEY_LENGTH
        salt = _DUMMY_SALT if row is None else bytes.fromhex(row.key_salt)
        digest = _hash_key(key if valid_key else "", salt)
        if row is None or not valid_key or not hmac.compare_digest(digest.hex(), row.key_hash):
            raise AccessDenied("unknown code or wrong key")
        return Workshop(**{f.name: row._mapping[f.name] for f in fields(Workshop)})

    def _set_status(self, code: str, key: str, status: str) -> Workshop:
        with _storage_errors(), self._engine.begin() as conn:
            workshop = self._verified(conn, code, key)
            conn.execute(update(workshops).where(workshops.c.id == workshop.id).values(status=status))
        return replace(workshop, status=status)

    @staticmethod
    def _erase(conn: Connection, workshop_ids: list[str]) -> None:
        conn.execute(delete(submissions).where(submissions.c.workshop_id.in_(workshop_ids)))
        conn.execute(delete(workshops).where(workshops.c.id.in_(workshop_ids)))
