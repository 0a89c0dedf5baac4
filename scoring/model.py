"""What scoring returns: plain, immutable results that charts and reports read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Status = Literal["met", "partly_met", "not_met", "not_answered"]
Level = Literal["low", "mid", "high"]


@dataclass(frozen=True)
class SubscaleResult:
    id: str
    composite: str  # "D", "P" or "S"
    answered: int  # items answered ("not applicable" is not an answer)
    total: int
    mean: float | None  # on the scale's points (1..6); None when not scored
    score: float | None  # 0-100; None when not scored
    level: Level | None

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class BenchmarkResult:
    id: str
    value: float | str | None  # the number, option id or count read
    status: Status
    band: str | None  # the band or option that decided the status
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    role: str
    version: str
    intentions: bool  # behaviours answered as intentions (no experience yet)
    subscales: Mapping[str, SubscaleResult]
    composites: Mapping[str, float | None]  # "D", "P", ("B"), "S" on 0-100
    orientation: float | None  # D - P, -100..+100
    indices: Mapping[str, float | None]  # the profile's contrasts, in points
    response_style: str | None  # None, or why no profile: "straight_lining", "contradictory"
    profile: str | None  # the profile rule id; None when not scored or a response style
    profile_label: Mapping[str, str] | None  # {"fr": ..., "en": ...}
    benchmarks: Mapping[str, BenchmarkResult]
    notes: Mapping[str, str]  # note id -> band or option id said about
    feedback_keys: tuple[str, ...]  # see scoring.feedback for their grammar
    situations: Mapping[str, str]  # situation item id -> chosen option id
    leaning: str | None  # most frequent leaning of the situations chosen
