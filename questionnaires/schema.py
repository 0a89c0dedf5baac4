"""The questionnaire model: what a valid instrument file holds.

Field-level rules live on the models (pydantic); rules that need the whole
questionnaire or the sources registry (ids, references, bands) live in
``questionnaires.checks``. Nothing here knows about Streamlit.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from i18n import french_spacing

LANGS = ("fr", "en")
# D developmental, P prescriptive (adult control), B goals (what meetings centre on,
# neutral on who decides), S structure. B is optional so that an archived 1.0.0
# instrument, which had no B, still loads.
COMPOSITES = ("D", "P", "B", "S")
REQUIRED_COMPOSITES = ("D", "P", "S")
CompositeCode = Literal["D", "P", "B", "S"]
STATUSES = ("met", "partly_met", "not_met", "not_answered")
LEVEL_NAMES = ("low", "mid", "high")
Level = Literal["low", "mid", "high"]
NOT_APPLICABLE = "na"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=48)]
SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Every model refuses unknown fields, so a typo in the YAML is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both languages; French first."""

    fr: NonEmpty
    en: NonEmpty

    _spacing = field_validator("fr")(french_spacing)

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


class Cited(Text):
    """A text shown as feedback: it names the claims it rests on.

    ``intention`` is the same message for a person who has not accompanied students
    yet (their behaviour answers are intentions); without it, ``fr``/``en`` serve both.
    """

    sources: list[SourceId] = Field(min_length=1)
    intention: Text | None = None

    def read(self, lang: str, intentions: bool = False) -> str:
        if intentions and self.intention is not None:
            return self.intention(lang)
        return self(lang)


class TextList(Strict):
    fr: list[NonEmpty]
    en: list[NonEmpty]

    @field_validator("fr")
    @classmethod
    def _spacing(cls, values: list[str]) -> list[str]:
        return [french_spacing(v) for v in values]

    def __call__(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.fr


class Sourced(Strict):
    sources: list[SourceId] = Field(default_factory=list)


# --- scales -----------------------------------------------------------------


class Scale(Strict):
    """An ordered response scale (1..points) plus the "does not apply" choice."""

    points: Literal[4, 5, 6, 7]
    labels: TextList
    not_applicable: Text

    @model_validator(mode="after")
    def _labels_match_points(self) -> Scale:
        for lang in LANGS:
            n = len(getattr(self.labels, lang))
            if n != self.points:
                raise ValueError(
                    f"labels.{lang} has {n} labels but the scale has {self.points} points"
                )
        return self


# --- items ------------------------------------------------------------------


class ScaleItem(Sourced):
    """A scored item: one subscale, answered on a named scale."""

    id: Id
    type: Literal["scale"]
    scale: Id
    subscale: Id
    text: Text
    help: Text


class Option(Sourced):
    id: Id
    label: Text
    value: float | None = None  # a number a benchmark may read (e.g. meetings a week)


class ChoiceItem(Sourced):
    """A fact with a closed list of answers (format, yes/no, who chooses...)."""

    id: Id
    type: Literal["choice"]
    text: Text
    help: Text | None = None
    options: list[Option] = Field(min_length=2)
    not_applicable: bool = False


class NumberItem(Sourced):
    """A fact given as a number within bounds (minutes, months, students, hours)."""

    id: Id
    type: Literal["number"]
    text: Text
    help: Text | None = None
    unit: Text
    min: float
    max: float
    step: float = Field(default=1, gt=0)
    not_applicable: bool = False

    @model_validator(mode="after")
    def _bounds(self) -> NumberItem:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        return self


Leaning = Literal["D", "P", "B", "S", "mixed"]


class SituationOption(Sourced):
    id: Id
    label: Text
    leaning: Leaning
    reflection: Cited


class SituationItem(Sourced):
    """A short dilemma: formative, shown in feedback, not in D/P/S scores."""

    id: Id
    type: Literal["situation"]
    title: Text
    text: Text
    options: list[SituationOption] = Field(min_length=3, max_length=4)


Item = Annotated[
    ScaleItem | ChoiceItem | NumberItem | SituationItem, Field(discriminator="type")
]


class Section(Strict):
    id: Id
    kind: Literal["context", "beliefs", "behaviours", "practices", "situations"]
    title: Text
    intro: Text
    # Behaviour sections: the time frame, and the frame read by someone who has
    # never accompanied students (their answers are intentions).
    stem: Text | None = None
    stem_intention: Text | None = None
    intro_intention: Text | None = None  # the intro for a person answering as intentions
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _behaviours_have_frames(self) -> Section:
        if self.kind == "behaviours" and (self.stem is None or self.stem_intention is None):
            raise ValueError("a behaviours section needs both stem and stem_intention")
        return self


# --- scoring model ----------------------------------------------------------


class Composite(Strict):
    label: Text
    description: Text
    short: Text | None = None  # its meaning in a few words, for a phone's first screen (archives may lack it)


class FeedbackByLevel(Strict):
    low: Cited
    mid: Cited
    high: Cited


class Subscale(Sourced):
    id: Id
    composite: CompositeCode
    label: Text
    description: Text
    # Reflet's suggested zone, as levels: its bounds are the levels' own, so the zone,
    # the levels and the scale's anchors are one system.
    zone: list[Level] = Field(min_length=1, max_length=2)
    feedback: FeedbackByLevel

    @model_validator(mode="after")
    def _zone(self) -> Subscale:
        order = [LEVEL_NAMES.index(z) for z in self.zone]
        if order != sorted(set(order)) or (len(order) == 2 and order[1] - order[0] != 1):
            raise ValueError(f"zone {self.zone} must be one level or two neighbouring levels, low to high")
        return self


class Levels(Sourced):
    """Where a subscale score (0-100) turns from low to mid and from mid to high."""

    provisional: bool
    mid_from: float = Field(ge=0, le=100)
    high_from: float = Field(ge=0, le=100)
    min_answered: float = Field(gt=0, le=1)  # share of a subscale's items needed to score it

    @model_validator(mode="after")
    def _order(self) -> Levels:
        if not self.mid_from < self.high_from:
            raise ValueError("mid_from must be lower than high_from")
        return self


class Index(Strict):
    """A contrast read from the scores: mean of ``plus`` minus mean of ``minus``.

    Names are composites (D, P, B, S) or subscale ids. A uniform shift of every
    answer moves both sides alike, so a contrast does not reward agreeing.
    """

    id: Id
    label: Text
    plus: list[str] = Field(min_length=1)
    minus: list[str] = Field(min_length=1)


class Condition(Strict):
    """One test of a profile rule: ``of`` (an index, composite or subscale) >= or < a value."""

    of: str
    at_least: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Condition:
        if (self.at_least is None) == (self.below is None):
            raise ValueError("a condition needs exactly one of 'at_least' and 'below'")
        return self

    @property
    def bound(self) -> float:
        return self.at_least if self.at_least is not None else self.below  # type: ignore[return-value]

    def holds(self, value: float) -> bool:
        return value >= self.at_least if self.at_least is not None else value < self.below  # type: ignore[operator]


class ProfileRule(Sourced):
    """A named profile; rules are tried in order and the first whose conditions all hold wins."""

    id: Id
    label: Text
    description: Text  # the rule in one sentence a reader can state
    feedback: Cited
    recommended: bool = False  # a style the research supports
    when: list[Condition] = Field(default_factory=list)


class ResponseStyle(Sourced):
    """Answers from which no profile can be read: a response style, said kindly instead.

    * straight-lining: the standard deviation of the scale answers is below
      ``min_spread`` points (all answers equal, or nearly);
    * contradiction: the person agrees (``agree_from`` or more) with both items of at
      least ``max_opposites`` of the ``opposites`` pairs, items that say the opposite of
      each other (the student decides / the adult decides): agreeing with everything.
    """

    min_spread: float = Field(gt=0)  # standard deviation of the scale answers, in points
    min_answers: int = Field(default=10, ge=2)  # fewer scale answers than this: not judged
    feedback: Cited
    opposites: list[tuple[Id, Id]] = Field(default_factory=list)
    agree_from: int = Field(default=5, ge=2)
    max_opposites: int | None = Field(default=None, ge=1)  # this many pairs both agreed: no profile
    opposites_feedback: Cited | None = None

    @model_validator(mode="after")
    def _opposites_complete(self) -> ResponseStyle:
        if self.opposites and (self.max_opposites is None or self.opposites_feedback is None):
            raise ValueError("opposites need max_opposites and opposites_feedback")
        if self.max_opposites is not None and self.max_opposites > len(self.opposites):
            raise ValueError(f"max_opposites ({self.max_opposites}) is more than the {len(self.opposites)} pairs")
        return self


class Profiles(Sourced):
    provisional: bool
    indices: list[Index] = Field(default_factory=list)
    rules: list[ProfileRule] = Field(min_length=2)

    @model_validator(mode="after")
    def _rules(self) -> Profiles:
        if not any(r.recommended for r in self.rules):
            raise ValueError("at least one profile rule must be marked recommended")
        if self.rules[-1].when:
            raise ValueError(
                f"the last profile rule ('{self.rules[-1].id}') must have no conditions: "
                "it names every case the rules above it leave"
            )
        return self

    def index(self, index_id: str) -> Index | None:
        return next((i for i in self.indices if i.id == index_id), None)


# --- benchmarks -------------------------------------------------------------

Status = Literal["met", "partly_met", "not_met"]


class Band(Strict):
    """Inclusive bounds on the value read; ``max: null`` means no upper bound."""

    id: Id
    min: float
    max: float | None
    status: Status
    note: Cited | None = None  # a finer message than the status one (e.g. "under 3 months")


class BenchmarkFeedback(Strict):
    """One text per status the benchmark can give: ``partly_met`` and ``not_met`` are
    present exactly when a band or an option gives them (a check enforces it)."""

    met: Cited
    partly_met: Cited | None = None
    not_met: Cited | None = None
    not_answered: Cited

    def get(self, status: str) -> Cited | None:
        return getattr(self, status)


class Benchmark(Sourced):
    id: Id
    title: Text
    # seed: the source's own threshold; reading: Reflet's reading of a claim without one
    basis: Literal["seed", "reading"]
    threshold: Text  # the threshold in words, as shown beside the value
    reason: Text  # the research's reason, one sentence
    rule: Literal["bands", "options", "count"]
    reads: list[Id] = Field(min_length=1)
    bands: list[Band] = Field(default_factory=list)  # rule bands / count
    options: dict[Id, Status] = Field(default_factory=dict)  # rule options
    counts: list[Id] = Field(default_factory=list)  # rule count: option ids that count
    feedback: BenchmarkFeedback

    @model_validator(mode="after")
    def _rule_fields(self) -> Benchmark:
        if self.rule in ("bands", "count") and not self.bands:
            raise ValueError(f"rule '{self.rule}' needs bands")
        if self.rule == "options" and not self.options:
            raise ValueError("rule 'options' needs options")
        if self.rule == "count" and not self.counts:
            raise ValueError("rule 'count' needs counts")
        if self.rule != "count" and len(self.reads) != 1:
            raise ValueError(f"rule '{self.rule}' reads exactly one item")
        return self


class NoteBand(Strict):
    """Inclusive bounds on a number (``max: null``: no upper bound) and what to say there."""

    id: Id
    min: float
    max: float | None
    text: Cited


class Note(Sourced):
    """A context fact the source describes without a norm: said, never met or not met."""

    id: Id
    title: Text
    reads: Id
    bands: list[NoteBand] = Field(default_factory=list)  # a number item
    options: dict[Id, Cited] = Field(default_factory=dict)  # a choice item

    @model_validator(mode="after")
    def _one_kind(self) -> Note:
        if bool(self.bands) == bool(self.options):
            raise ValueError("a note needs either bands (number item) or options (choice item)")
        return self


class VersionNote(Strict):
    """What changed since an earlier version, for a person comparing an old file."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    changes: Text


class ReflectionQuestion(Sourced):
    id: Id
    text: Text


class Questionnaire(Strict):
    id: Literal["mentor", "enseignant_ressource"]
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    title: Text
    role: Text
    purpose: Text
    minutes: tuple[int, int]
    experience_item: Id  # the context item whose "no" turns behaviours into intentions
    experience_no: Id  # the option id meaning "never accompanied students"
    scales: dict[Id, Scale]
    composites: dict[CompositeCode, Composite]
    subscales: list[Subscale]
    levels: Levels
    response_style: ResponseStyle | None = None
    profiles: Profiles
    sections: list[Section] = Field(min_length=1)
    benchmarks: list[Benchmark]
    notes: list[Note] = Field(default_factory=list)
    situation_leanings: dict[Leaning, Cited] = Field(default_factory=dict)
    reflection_questions: list[ReflectionQuestion] = Field(min_length=3, max_length=5)
    method: Cited
    history: list[VersionNote] = Field(default_factory=list)  # what changed since each earlier version

    def changes_since(self, version: str) -> Text | None:
        return next((h.changes for h in self.history if h.version == version), None)

    # -- read-only helpers (pure) -------------------------------------------

    @cached_property
    def items(self) -> list[ScaleItem | ChoiceItem | NumberItem | SituationItem]:
        return [item for section in self.sections for item in section.items]

    @cached_property
    def item_index(self) -> dict[str, ScaleItem | ChoiceItem | NumberItem | SituationItem]:
        return {item.id: item for item in self.items}

    @cached_property
    def scale_items(self) -> list[ScaleItem]:
        return [i for i in self.items if isinstance(i, ScaleItem)]

    @cached_property
    def composite_codes(self) -> tuple[str, ...]:
        """The composites this instrument scores, in the canonical order."""
        return tuple(c for c in COMPOSITES if c in self.composites)

    def zone_bounds(self, subscale_id: str) -> tuple[float, float]:
        """The suggested zone of a subscale on 0-100, from the levels' own bounds."""
        edges = {"low": (0.0, self.levels.mid_from), "mid": (self.levels.mid_from, self.levels.high_from),
                 "high": (self.levels.high_from, 100.0)}
        zone = self.subscale(subscale_id).zone
        return edges[zone[0]][0], edges[zone[-1]][1]

    def subscale(self, subscale_id: str) -> Subscale:
        return next(s for s in self.subscales if s.id == subscale_id)

    def subscale_items(self, subscale_id: str) -> list[ScaleItem]:
        return [i for i in self.scale_items if i.subscale == subscale_id]

    def question_count(self) -> int:
        return len(self.items)
