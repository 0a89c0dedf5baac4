"""Charts benchmark: the four figures of one person's results page, built without Streamlit.

`run()` returns (figure, value, unit, target) rows for bench/run.py; run this file
to print them. Each chart of ``charts.individual`` is built for a few mentor
personas (tests/personas), in turns, and every figure is a median of REPS builds
per persona after a first build. The four together are set beside a bare one-line
Streamlit page rerun (AppTest), measured as bench_views.py measures it: the ratio
says how many bare pages the charts cost.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench", ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import scoring  # noqa: E402
from bench_views import _median_ms, _quiet, bare_page  # noqa: E402
from charts import individual  # noqa: E402
from persona_sets import personas  # noqa: E402
from questionnaires import load  # noqa: E402
from table import print_table  # noqa: E402

Row = tuple[str, float, str, str]

ROLE = "mentor"
LANG = "fr"
PERSONAS = 4  # the first few personas: favoured, adult-led, mixed profiles
REPS = 20
BARE_RUNS = 30
CHARTS = (individual.orientation_axis, individual.profile_map, individual.subscales, individual.benchmarks)


def _profiles() -> tuple[object, list]:
    q = load(ROLE)
    return q, [scoring.score(q, p["answers"]) for p in personas(ROLE)[:PERSONAS]]


def charts_ms() -> dict[str, float]:
    """Median ms of each chart and of the four together, over REPS builds of each persona."""
    q, profiles = _profiles()
    timings: dict[str, list[float]] = {make.__name__: [] for make in CHARTS}
    timings["together"] = []
    for profile in profiles:  # warm: imports, plotly's validators, i18n
        for make in CHARTS:
            make(q, profile, LANG)
    gc.collect()
    for _ in range(REPS):
        for profile in profiles:
            total = 0.0
            for make in CHARTS:
                start = time.perf_counter()
                make(q, profile, LANG)
                took = time.perf_counter() - start
                timings[make.__name__].append(took)
                total += took
            timings["together"].append(total)
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def bare_page_ms() -> float:
    """Median ms of a bare one-line page rerun (AppTest), after a first run, as bench_views.py takes it."""
    _quiet()
    return _median_ms(bare_page().run, BARE_RUNS)


def run() -> list[Row]:
    bare = bare_page_ms()
    charts = charts_ms()
    per = f"median of {REPS} x {PERSONAS} {ROLE} personas"
    rows: list[Row] = [(f"individual chart {make.__name__} ({per})", charts[make.__name__], "ms", "-")
                       for make in CHARTS]
    rows += [
        (f"the 4 individual charts together ({per})", charts["together"], "ms", "<= 40 ms together"),
        (f"bare one-line page rerun (AppTest), median of {BARE_RUNS}", bare, "ms", "- (reference)"),
        ("  4 charts / bare page (ratio to a bare page)", charts["together"] / bare, "x", "-"),
    ]
    return rows


def main() -> None:
    print_table(run())


if __name__ == "__main__":
    main()
