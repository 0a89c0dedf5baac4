"""A person's plan for the year: one to three things to work on, from their results.

Each item names what it is about (its *focus*) and, in the person's own short words,
a concrete first step, when, and how they will know it worked. The focus is one of:

=====================  ==================================================
``benchmark:<id>``     a benchmark of the questionnaire
``subscale:<id>``      a subscale
``question:<id>``      a reflection question
``own``                the person's own subject, written in ``own``
=====================  ==================================================

``proposals`` lists what the scoring suggests (benchmarks not met, subscales outside
their zone, the reflection questions, then "own"); ``parse_plan`` is the one gate
every plan passes, from a page or a file: it refuses, with a ``PlanError`` whose
``reason`` the interface words, anything that is not a short plain text plan of known
focuses. ``progress`` puts each item beside what changed in what it is about, for the
comparison at the end of the year.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from questionnaires.schema import Questionnaire

from .highlights import benchmarks_by, subscale_positions
from .model import Profile

MAX_ITEMS = 3
# Characters per field: a sentence or two, as a phone's keyboard makes them.
MAX_CHARS = {"own": 120, "step": 200, "when": 60, "check": 200}
TEXT_FIELDS = tuple(MAX_CHARS)
OWN = "own"
KINDS = ("benchmark", "subscale", "question")
REASONS = ("not_a_plan", "too_many", "unknown_focus", "duplicate", "missing_own", "too_long", "not_text")


class PlanError(ValueError):
    """A plan that cannot be kept; ``reason`` is one of ``REASONS``, ``field`` the text field at fault."""

    def __init__(self, reason: str, detail: str = "", *, field: str | None = None, limit: int | None = None):
        assert reason in REASONS, reason
        self.reason = reason
        self.field = field
        self.limit = limit
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True)
class PlanItem:
    focus: str
    own: str = ""
    step: str = ""
    when: str = ""
    check: str = ""

    @property
    def kind(self) -> str:
        return self.focus.split(":", 1)[0]

    @property
    def target(self) -> str | None:
        """The benchmark, subscale or question id; None for the person's own subject."""
        return self.focus.split(":", 1)[1] if ":" in self.focus else None


def clean(value: object, field: str) -> str:
    """A field's text as kept: plain, on one line, trimmed; refused when too long or not text.

    Control and format characters (line breaks, tabs, zero-width and direction marks)
    become spaces, runs of spaces one space. The length is checked after cleaning.
    """
    if not isinstance(value, str):
        raise PlanError("not_text", f"{field} is a {type(value).__name__}", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PlanError("not_text", f"{field} holds a lone surrogate", field=field) from None
    plain = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in value)
    text = " ".join(plain.split())
    if len(text) > MAX_CHARS[field]:
        raise PlanError("too_long", f"{field} has {len(text)} characters", field=field, limit=MAX_CHARS[field])
    return text


def known_focuses(q: Questionnaire) -> set[str]:
    return ({f"benchmark:{b.id}" for b in q.benchmarks} | {f"subscale:{s.id}" for s in q.subscales}
            | {f"question:{r.id}" for r in q.reflection_questions} | {OWN})


def focus_text(q: Questionnaire, focus: str, lang: str) -> str | None:
    """What a focus is about, in the questionnaire's words; None for one's own subject or
    for an id this questionnaire version does not have."""
    kind, _, target = focus.partition(":")
    found = {"benchmark": ((b.id, b.title) for b in q.benchmarks),
             "subscale": ((s.id, s.label) for s in q.subscales),
             "question": ((r.id, r.text) for r in q.reflection_questions)}.get(kind, ())
    return next((text(lang) for id_, text in found if id_ == target), None)


def subject(q: Questionnaire, item: PlanItem, lang: str) -> str:
    """What an item is about: the questionnaire's words, or the person's own."""
    return focus_text(q, item.focus, lang) or item.own


def parse_item(raw: object, q: Questionnaire) -> PlanItem:
    if not isinstance(raw, Mapping) or not set(raw) <= {"focus", *TEXT_FIELDS}:
        raise PlanError("not_a_plan", "an item is a map of focus and text fields")
    focus = raw.get("focus")
    if not isinstance(focus, str) or focus not in known_focuses(q):
        raise PlanError("unknown_focus", f"{str(focus)[:40]!r} is not in questionnaire {q.id} {q.version}")
    fields = {name: clean(raw.get(name, ""), name) for name in TEXT_FIELDS}
    if focus == OWN and not fields["own"]:
        raise PlanError("missing_own", "an item of one's own names its subject", field="own")
    if focus != OWN:
        fields["own"] = ""
    return PlanItem(focus=focus, **fields)


def parse_plan(raw: object, q: Questionnaire) -> tuple[PlanItem, ...]:
    """The plan as kept, or ``PlanError``: at most ``MAX_ITEMS`` items, each focus once."""
    if not isinstance(raw, (list, tuple)):
        raise PlanError("not_a_plan", f"a plan is a list, not a {type(raw).__name__}")
    if len(raw) > MAX_ITEMS:
        raise PlanError("too_many", f"{len(raw)} items, at most {MAX_ITEMS}")
    items = tuple(parse_item(item, q) for item in raw)
    focuses = [i.focus for i in items if i.focus != OWN] + [i.own.casefold() for i in items if i.focus == OWN]
    if len(set(focuses)) != len(focuses):
        raise PlanError("duplicate", "the same subject twice")
    return items


def as_json(items: tuple[PlanItem, ...]) -> list[dict[str, str]]:
    """The plan as the answers file holds it (only the fields an item uses)."""
    return [{k: v for k, v in asdict(item).items() if v} for item in items]


def proposals(q: Questionnaire, profile: Profile) -> list[str]:
    """What the scoring suggests working on: benchmarks not met, then partly met, subscales
    farthest outside their zone, the reflection questions, then one's own subject."""
    benchmarks = [h.ref for h in benchmarks_by(q, profile, ("not_met", "partly_met"))]
    outside = sorted((p for p in subscale_positions(q, profile) if p[0].status != "in_zone"), key=lambda p: -p[1])
    subscales = [] if profile.response_style else [h.ref for h, _ in outside]
    questions = [f"question:{r.id}" for r in q.reflection_questions]
    return [*benchmarks, *subscales, *questions, OWN]


@dataclass(frozen=True)
class Progress:
    """One plan item beside what changed in what it is about."""

    item: PlanItem
    measured: bool  # a benchmark or subscale both versions score
    before: Any = None  # a status, or a 0-100 score
    after: Any = None


def progress(items: tuple[PlanItem, ...], before: Profile, after: Profile) -> list[Progress]:
    """Each item with its benchmark's status or its subscale's score, before and after.

    A focus the newer questionnaire no longer scores, a question or one's own subject
    is not measured: the item is listed, nothing is claimed about it.
    """
    out = []
    for item in items:
        if item.kind == "benchmark" and item.target in before.benchmarks and item.target in after.benchmarks:
            out.append(Progress(item, True, before.benchmarks[item.target].status,
                                after.benchmarks[item.target].status))
            continue
        if item.kind == "subscale":
            old, new = before.subscales.get(item.target), after.subscales.get(item.target)
            if old is not None and new is not None and old.scored and new.scored:
                out.append(Progress(item, True, old.score, new.score))
                continue
        out.append(Progress(item, False))
    return out


def from_json(raw: object, q: Questionnaire) -> tuple[PlanItem, ...]:
    """A file's plan: absent (``None``, an older file) is an empty plan."""
    return () if raw is None else parse_plan(raw, q)
