"""Workshop storage benchmark: answers to DataFrame, and 60 participants submitting at once.

`run()` returns (figure, value, unit, target) rows for bench/run.py; run this file to print them.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from workshops import WorkshopService  # noqa: E402
from workshops.testing import isolated_engine  # noqa: E402
from table import print_table  # noqa: E402

ITEMS = 45
ANSWERS = 1_000
PARTICIPANTS = 60
FRAME_RUNS = 5

Row = tuple[str, float, str, str]


def _fake_answers(seed: int) -> dict[str, int | float | str | None]:
    return {f"item{j:02d}": (seed * 7 + j * 3) % 6 + 1 for j in range(ITEMS)}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _frame_ms(service: WorkshopService) -> float:
    """Median time of answers_frame for ANSWERS stored submissions, in ms."""
    workshop, _ = service.create("Bench", "mentor", "fr")
    for i in range(ANSWERS):
        service.submit(workshop.code, uuid.uuid4().hex, "mentor", "1.0", _fake_answers(i))
    timings = []
    for _ in range(FRAME_RUNS):
        start = time.perf_counter()
        frame = service.answers_frame(workshop.id)
        timings.append(time.perf_counter() - start)
    assert frame.shape == (ANSWERS, ITEMS)
    return statistics.median(timings) * 1000


def _concurrent_ms(service: WorkshopService) -> tuple[float, float]:
    """p50 and p95 latency (ms) of PARTICIPANTS submissions started together."""
    workshop, _ = service.create("Bench", "mentor", "fr")
    barrier = threading.Barrier(PARTICIPANTS)

    def one(i: int) -> float:
        barrier.wait()
        start = time.perf_counter()
        service.submit(workshop.code, uuid.uuid4().hex, "mentor", "1.0", _fake_answers(i))
        return (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(PARTICIPANTS) as pool:
        latencies = list(pool.map(one, range(PARTICIPANTS)))
    assert service.count(workshop.id) == PARTICIPANTS
    return _percentile(latencies, 0.50), _percentile(latencies, 0.95)


def _measure(label: str, kind: str, tmp: Path, pg_url: str | None) -> list[Row]:
    with isolated_engine(kind, tmp, pg_url) as engine:
        service = WorkshopService(engine)
        frame_ms = _frame_ms(service)
        p50, p95 = _concurrent_ms(service)
    return [
        (f"{label}: answers_frame, {ANSWERS:,} answers x {ITEMS} items", frame_ms, "ms",
         "<= 100 ms (storage part of the 300 ms dashboard)"),
        (f"{label}: {PARTICIPANTS} concurrent submissions, p50", p50, "ms", "-"),
        (f"{label}: {PARTICIPANTS} concurrent submissions, p95", p95, "ms", "<= 250 ms"),
    ]


def run() -> list[Row]:
    """Measure on a temporary SQLite file, and on PostgreSQL when a URL is set."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows += _measure("SQLite", "sqlite", Path(tmp), None)
        pg_url = os.environ.get("REFLET_TEST_DATABASE_URL") or os.environ.get("REFLET_DATABASE_URL")
        if pg_url and pg_url.startswith("postgresql"):
            rows += _measure("PostgreSQL", "postgresql", Path(tmp), pg_url)
        else:
            rows.append(("PostgreSQL: all figures", math.nan, "", "skipped: no URL"))
    return rows


def main() -> None:
    rows = run()
    print_table(rows)


if __name__ == "__main__":
    main()
