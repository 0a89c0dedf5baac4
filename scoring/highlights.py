"""What to read first: a few strengths and a few things to look at, drawn from a profile.

Both lists come from the scoring alone: the benchmarks' statuses and where each
subscale sits against its suggested zone (``Subscale.zone`` in the YAML). No
threshold lives here.

* a **strength** is a benchmark met, or a subscale inside its zone (the deeper
  inside, the sooner it comes);
* a **thing to look at** is a benchmark not met (then partly met), or a subscale
  outside its zone (the farther out, the sooner it comes).

Each list alternates benchmarks and subscales, benchmarks first: the research's
own benchmarks weigh most, and a person learns about both their practices and their
beliefs. When the answers show a response style (no profile can be read), the
subscales say nothing reliable and only benchmarks are listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, zip_longest
from typing import Literal

from questionnaires.schema import Questionnaire

from .model import Profile

HOW_MANY = 3  # the "three strengths, three things to look at"


@dataclass(frozen=True)
class Highlight:
    kind: Literal["benchmark", "subscale"]
    id: str
    status: str  # a benchmark's status, or "in_zone" / "below_zone" / "above_zone"
    score: float | None = None  # a subscale's 0-100 score

    @property
    def ref(self) -> str:
        """``benchmark:<id>`` or ``subscale:<id>``: what a plan item refers to."""
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Highlights:
    strengths: tuple[Highlight, ...]
    to_look_at: tuple[Highlight, ...]


def _interleave(first: list[Highlight], second: list[Highlight]) -> list[Highlight]:
    return [h for h in chain.from_iterable(zip_longest(first, second)) if h is not None]


def zone_position(bounds: tuple[float, float], score: float) -> tuple[str, float]:
    """Where a score sits against a zone ``(low, high)``: its status and how far (points).

    Outside, the distance is to the edge it misses. Inside, it is to the nearer edge
    a score can cross (0 and 100 are the scale's ends, not edges one leaves by): 95 is
    solidly inside a zone of 50-100, and 5 solidly inside a zone of 0-70.
    """
    low, high = bounds
    if score < low:
        return "below_zone", low - score
    if score > high:
        return "above_zone", score - high
    edges = [edge for edge in (low, high) if 0 < edge < 100]
    return "in_zone", min((abs(score - edge) for edge in edges), default=100.0)


def subscale_position(q: Questionnaire, profile: Profile, subscale_id: str) -> tuple[Highlight, float] | None:
    """A scored subscale against its zone, with the distance; None when not scored."""
    result = profile.subscales.get(subscale_id)
    if result is None or not result.scored:
        return None
    status, distance = zone_position(q.zone_bounds(subscale_id), result.score)
    return Highlight("subscale", subscale_id, status, result.score), distance


def subscale_positions(q: Questionnaire, profile: Profile) -> list[tuple[Highlight, float]]:
    """Every scored subscale with its zone status and distance, in questionnaire order."""
    found = (subscale_position(q, profile, s.id) for s in q.subscales)
    return [position for position in found if position is not None]


def benchmarks_by(q: Questionnaire, profile: Profile, statuses: tuple[str, ...]) -> list[Highlight]:
    """Benchmarks with one of ``statuses``, ordered by status then questionnaire order."""
    found = [Highlight("benchmark", b.id, profile.benchmarks[b.id].status) for b in q.benchmarks
             if profile.benchmarks[b.id].status in statuses]
    return sorted(found, key=lambda h: statuses.index(h.status))


def highlights(q: Questionnaire, profile: Profile, how_many: int = HOW_MANY) -> Highlights:
    """Up to ``how_many`` strengths and ``how_many`` things to look at."""
    positions = [] if profile.response_style else subscale_positions(q, profile)
    by_distance = [h for h, _ in sorted(positions, key=lambda p: -p[1])]  # stable: ties keep their order
    inside = [h for h in by_distance if h.status == "in_zone"]
    outside = [h for h in by_distance if h.status != "in_zone"]
    strengths = _interleave(benchmarks_by(q, profile, ("met",)), inside)
    to_look_at = _interleave(benchmarks_by(q, profile, ("not_met", "partly_met")), outside)
    return Highlights(tuple(strengths[:how_many]), tuple(to_look_at[:how_many]))
