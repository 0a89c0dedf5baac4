"""The view benchmark times the pages it names: its set-up must still reach them.

bench/bench_views.py is never run by the tests (timings are not assertions), so a page
that changed under it would make `manage.py bench` stop with an AssertionError, as the
questionnaire's heading did once. These build the benchmark's pages as it does.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import bench_views  # noqa: E402
from questionnaires import load  # noqa: E402


def test_the_questionnaire_page_the_benchmark_times_is_its_beliefs_page():
    at = bench_views.questionnaire_page()
    section = next(s for s in load(bench_views.ROLE).sections if s.id == bench_views.SECTION)
    assert section.title(bench_views.LANG) in [h.value for h in at.header]
    assert len(at.radio) == len(section.items) > 10


def test_the_results_page_the_benchmark_times_draws_its_four_charts():
    at = bench_views.results_page()
    assert len(at.get("plotly_chart")) == 4
    assert not at.exception
