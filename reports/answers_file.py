"""The saved answers file: a small JSON a person downloads and loads again later.

::

    {"format": "reflet.answers", "format_version": 2, "role": "mentor",
     "questionnaire_version": "2.0.0", "created": "2025-11-25T14:30:00Z",
     "lang": "fr", "answers": {"item_id": 4, "other_item": "na", ...},
     "plan": [{"focus": "benchmark:weekly", "step": "...", "when": "...", "check": "..."}]}

Format version 2 added ``plan``, the person's plan for the year (``scoring.year_plan``);
a version 1 file has none and loads with an empty plan.

``parse`` never lets a bad file through and never raises anything but
``AnswersFileError``, whose ``reason`` the interface turns into a message
(``reports.answers_file.<reason>`` in ``i18n/<lang>/reports.yaml``). Checks, in order:

=================== ==========================================================
reason              when
=================== ==========================================================
``too_big``         more than ``MAX_BYTES`` (checked before reading anything)
``not_json``        not UTF-8 JSON (NaN and Infinity count as not JSON)
``not_reflet``      not an object with ``"format": "reflet.answers"``
``damaged``         a key missing or of the wrong type, an unknown format
                    version, a bad date or language, answers not a map of
                    text to number / text / null
``other_role``      answers to another questionnaire (``found``, ``expected``)
``other_version``   another version of this questionnaire (``found``,
                    ``expected``): refused unless ``earlier`` can load that
                    version (comparison scores an old file under its own rules)
``invalid_answers`` values scoring would refuse (unknown item, off the scale,
                    ...); ``problems`` maps each bad item to why
``invalid_plan``    a plan ``scoring.year_plan.parse_plan`` refuses (too long,
                    unknown focus, ...), checked against the file's version
=================== ==========================================================
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from questionnaires.schema import Questionnaire
from scoring import year_plan

FORMAT = "reflet.answers"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # 1: no plan
MAX_BYTES = 1024 * 1024  # 1 MB, as Streamlit's server.maxUploadSize = 1; a real file is a few KB
LANGS = ("fr", "en")
REASONS = ("too_big", "not_json", "not_reflet", "damaged", "other_role", "other_version", "invalid_answers",
           "invalid_plan")

Answer = int | float | str | None


class AnswersFileError(ValueError):
    """A file that cannot be loaded; ``reason`` is one of ``REASONS``.

    ``found`` / ``expected`` name the role or version for ``other_role`` and
    ``other_version``; ``problems`` lists bad items for ``invalid_answers``.
    """

    def __init__(self, reason: str, detail: str = "", *, found: str | None = None,
                 expected: str | None = None, problems: Mapping[str, str] | None = None):
        assert reason in REASONS, reason
        self.reason = reason
        self.found = found
        self.expected = expected
        self.problems = dict(problems or {})
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True)
class AnswersFile:
    role: str
    questionnaire_version: str
    created: datetime  # timezone-aware, UTC
    lang: str
    answers: dict[str, Answer] = field(default_factory=dict)
    plan: tuple[year_plan.PlanItem, ...] = ()


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # a naive time is taken as UTC
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _plain(value: object) -> Answer:
    """An answer as JSON holds it: numpy numbers become Python ones; NaN is refused."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("a yes/no answer is stored as an option id, not a boolean")
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"an answer cannot be {value!r}")
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    raise TypeError(f"an answer cannot be a {type(value).__name__}")


def dump(role: str, version: str, answers: Mapping[str, object], lang: str, created: datetime | None = None,
         plan: tuple[year_plan.PlanItem, ...] = ()) -> bytes:
    """The answers (and the plan) as the file's bytes (UTF-8 JSON, readable, keys in answer order)."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "role": role,
        "questionnaire_version": version,
        "created": _iso(created or datetime.now(UTC)),
        "lang": lang,
        "answers": {str(k): _plain(v) for k, v in answers.items()},
        "plan": year_plan.as_json(plan),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


MAX_INT = 2**53  # a whole number past this is no answer Reflet asks (and no float holds it exactly)


def _is_text(value: str) -> bool:
    """Text that can be shown and saved again: no lone surrogate (JSON lets "\\ud800" through)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_answer(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return _is_text(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) <= MAX_INT
    return isinstance(value, float) and math.isfinite(value)


def _created(value: object) -> datetime:
    if not isinstance(value, str):
        raise AnswersFileError("damaged", "created is not a date-time text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise AnswersFileError("damaged", f"created {value[:40]!r} is not an ISO date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 with an offset falls off the calendar in UTC
        raise AnswersFileError("damaged", f"created {value[:40]!r} is outside the calendar in UTC") from None


def _check_answers(questionnaire: Questionnaire, answers: dict[str, Answer]) -> None:
    """Scoring's own validation, so a loaded file always scores."""
    from scoring import AnswersError, validate_answers

    try:
        validate_answers(questionnaire, answers)
    except AnswersError as exc:
        raise AnswersFileError("invalid_answers", str(exc), problems=exc.problems) from None


def parse(data: bytes, questionnaire: Questionnaire,
          earlier: Callable[[str], Questionnaire] | None = None) -> AnswersFile:
    """Read a file made by ``dump`` for ``questionnaire``; raise ``AnswersFileError`` otherwise.

    ``earlier(version)`` returns an older version of the same questionnaire (or raises
    KeyError for one Reflet does not keep): with it, a file saved with that version is
    read and checked against that version's items, for comparison.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise AnswersFileError("not_json", f"expected bytes, got {type(data).__name__}")
    if len(data) > MAX_BYTES:
        raise AnswersFileError("too_big", f"{len(data)} bytes, more than {MAX_BYTES}")
    try:
        document = json.loads(bytes(data).decode("utf-8-sig"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise AnswersFileError("not_json", str(exc)[:200]) from None

    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise AnswersFileError("not_reflet", "no 'format': 'reflet.answers'")

    missing = [k for k in ("format_version", "role", "questionnaire_version", "created", "lang", "answers")
               if k not in document]
    if missing:
        raise AnswersFileError("damaged", f"missing {', '.join(missing)}")
    version = document["format_version"]
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise AnswersFileError("damaged", f"format_version {version!r} is not one of {READABLE_VERSIONS}")
    if version == 1 and "plan" in document:
        raise AnswersFileError("damaged", "a format 1 file has no plan")
    for key in ("role", "questionnaire_version", "lang"):
        if not isinstance(document[key], str) or not _is_text(document[key]):
            raise AnswersFileError("damaged", f"{key} is not text")
    if document["lang"] not in LANGS:
        raise AnswersFileError("damaged", f"lang {document['lang'][:10]!r} is not one of {', '.join(LANGS)}")
    created = _created(document["created"])
    answers = document["answers"]
    if not isinstance(answers, dict):
        raise AnswersFileError("damaged", "answers is not a map of item id to answer")
    bad = [k if _is_text(k) else "(unreadable)" for k, v in answers.items() if not (_is_text(k) and _is_answer(v))]
    if bad:
        raise AnswersFileError("damaged", f"answers of the wrong type: {', '.join(bad[:5])}")

    if document["role"] != questionnaire.id:
        raise AnswersFileError("other_role", f"{document['role']!r} is not {questionnaire.id!r}",
                               found=document["role"], expected=questionnaire.id)
    if document["questionnaire_version"] != questionnaire.version:
        refused = AnswersFileError(
            "other_version",
            f"version {document['questionnaire_version']!r} is not {questionnaire.version!r}",
            found=document["questionnaire_version"], expected=questionnaire.version,
        )
        if earlier is None:
            raise refused
        try:
            questionnaire = earlier(document["questionnaire_version"])
        except KeyError:
            raise refused from None
    _check_answers(questionnaire, answers)
    try:
        plan = year_plan.from_json(document.get("plan"), questionnaire)
    except year_plan.PlanError as exc:
        raise AnswersFileError("invalid_plan", str(exc)) from None
    return AnswersFile(
        role=document["role"],
        questionnaire_version=document["questionnaire_version"],
        created=created,
        lang=document["lang"],
        answers=dict(answers),
        plan=plan,
    )
