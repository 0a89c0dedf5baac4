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
COMPOSITES = ("D", "P", "S")
STATUSES = ("met", "partly_met", "not_met", "not_answered")
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
    """A text shown as feedback: it names the claims it rests on."""

    sources: list[SourceId] = Field(min_length=1)


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


class SituationOption(Sourced):
    id: Id
    label: Text
    leaning: Literal["D", "P", "S", "mixed"]
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


class FeedbackByLevel(Strict):
    low: Cited
    mid: Cited
    high: Cited


class Subscale(Sourced):
    id: Id
    composite: Literal["D", "P", "S"]
    label: Text
    description: Text
    recommended: tuple[float, float]  # the band the research favours, on 0-100
    feedback: FeedbackByLevel

    @model_validator(mode="after")
    def _band(self) -> Subscale:
        lo, hi = self.recommended
        if not 0 <= lo < hi <= 100:
            raise ValueError(f"recommended band {self.recommended} must satisfy 0 <= low < high <= 100")
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


class ProfileRule(Sourced):
    """A named region of the (D, P, S) space; rules are tried in order."""

    id: Id
    label: Text
    description: Text
    feedback: Cited
    favoured: bool = False
    when: dict[Literal["D", "P", "S"], Literal["high", "low"]] = Field(default_factory=dict)


class Profiles(Sourced):
    provisional: bool
    cutoffs: dict[Literal["D", "P", "S"], float]
    rules: list[ProfileRule] = Field(min_length=2)

    @model_validator(mode="after")
    def _cutoffs(self) -> Profiles:
        missing = [c for c in COMPOSITES if c not in self.cutoffs]
        if missing:
            raise ValueError(f"cutoffs missing for {', '.join(missing)}")
        bad = [c for c, v in self.cutoffs.items() if not 0 < v < 100]
        if bad:
            raise ValueError(f"cutoffs must lie strictly between 0 and 100: {', '.join(bad)}")
        if sum(r.favoured for r in self.rules) != 1:
            raise ValueError("exactly one profile rule must be marked favoured")
        return self


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
    met: Cited
    partly_met: Cited
    not_met: Cited
    not_answered: Cited


class Benchmark(Sourced):
    id: Id
    title: Text
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
    composites: dict[Literal["D", "P", "S"], Composite]
    subscales: list[Subscale]
    levels: Levels
    profiles: Profiles
    sections: list[Section] = Field(min_length=1)
    benchmarks: list[Benchmark]
    reflection_questions: list[ReflectionQuestion] = Field(min_length=3, max_length=5)
    method: Cited

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

    def subscale(self, subscale_id: str) -> Subscale:
        return next(s for s in self.subscales if s.id == subscale_id)

    def subscale_items(self, subscale_id: str) -> list[ScaleItem]:
        return [i for i in self.scale_items if i.subscale == subscale_id]

    def question_count(self) -> int:
        return len(self.items)
