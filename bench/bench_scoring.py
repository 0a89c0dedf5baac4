"""Scoring benchmark: score(), score_many() of 100,000 and group_summary() of 1,000.

`run()` returns (figure, value, unit, target) rows for bench/run.py; run this file
to print them. Answers are synthetic (scoring.synthetic): object columns mixing
whole numbers, "na" and missing, as a workshop store returns them.
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from questionnaires import load  # noqa: E402
from scoring import group_summary, score, score_many  # noqa: E402
from scoring.synthetic import random_answers  # noqa: E402
from table import print_table  # noqa: E402

Row = tuple[str, float, str, str]

ROLE = "mentor"
SINGLE_CALLS = 1_000
MANY = 100_000
MANY_RUNS = 3
GROUP = 1_000
GROUP_RUNS = 20


def _answer_dicts(q, n: int) -> list[dict]:
    frame = random_answers(q, n, seed=7)
    return [{k: v for k, v in row.items() if v is not None} for row in frame.to_dict("records")]


def _score_ms(q) -> float:
    sets = _answer_dicts(q, SINGLE_CALLS)
    score(q, sets[0])  # compile the questionnaire's plan once, as the app does
    timings = []
    for answers in sets:
        start = time.perf_counter()
        score(q, answers)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def _many(q) -> tuple[float, float, float]:
    """(median seconds, tracemalloc peak MB above the input, process peak RSS MB)."""
    frame = random_answers(q, MANY, seed=1)
    score_many(q, frame.iloc[:10])
    timings = []
    for _ in range(MANY_RUNS):
        gc.collect()
        start = time.perf_counter()
        out = score_many(q, frame)
        timings.append(time.perf_counter() - start)
        del out
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    out = score_many(q, frame)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    assert len(out) == MANY
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return statistics.median(timings), peak / 2**20, rss


def _group_ms(q) -> tuple[float, float]:
    """Median ms of group_summary with the scores given, and with them computed."""
    answers = random_answers(q, GROUP, seed=2)
    scored = score_many(q, answers)
    given, computed = [], []
    for _ in range(GROUP_RUNS):
        start = time.perf_counter()
        group_summary(q, scored, answers)
        given.append(time.perf_counter() - start)
        start = time.perf_counter()
        group_summary(q, None, answers)
        computed.append(time.perf_counter() - start)
    return statistics.median(given) * 1000, statistics.median(computed) * 1000


def run() -> list[Row]:
    q = load(ROLE)
    items = len(q.items)
    score_ms = _score_ms(q)
    many_s, many_peak, rss = _many(q)
    group_ms, group_all_ms = _group_ms(q)
    return [
        (f"score(): one {ROLE} answer set ({items} items), median of {SINGLE_CALLS:,}", score_ms, "ms", "<= 1 ms"),
        (f"score_many(): {MANY:,} answer sets, median of {MANY_RUNS}", many_s, "s", "<= 0.5 s"),
        (f"score_many(): {MANY:,} answer sets, peak memory (tracemalloc)", many_peak, "MB", "<= 500 MB"),
        ("process peak RSS (input frames included)", rss, "MB", "-"),
        (f"group_summary(): {GROUP:,} answer sets, scores given", group_ms, "ms", "<= 100 ms"),
        (f"group_summary(): {GROUP:,} answer sets, scoring included", group_all_ms, "ms", "-"),
    ]


def main() -> None:
    rows = run()
    print_table(rows)


if __name__ == "__main__":
    main()
