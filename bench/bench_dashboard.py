"""Dashboard benchmark: 1,000 stored answers to the trainer's figures, and where the time goes.

`run()` returns (figure, value, unit, target) rows for bench/run.py; run this file
to print them. A temporary SQLite file receives 1,000 synthetic submissions
(scoring.synthetic, through WorkshopService.submit), then each run does what one
refresh of views/dashboard.py does, without Streamlit:

- storage: ``service.answers_frame(id)``;
- scoring + summary: ``workshops.dashboard.build(q, frame, threshold=5)``;
- charts: every group chart the dashboard draws (charts/group.py, ``min_n=5``);
- serialisation: ``fig.to_json()`` of each figure (what ``st.plotly_chart`` sends)
  and the Arrow bytes of the reliability table (what ``st.dataframe`` sends).

The 60 concurrent submissions figure is in bench_workshops.py.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes  # noqa: E402

from charts import group as group_charts  # noqa: E402
from questionnaires import load  # noqa: E402
from scoring.synthetic import random_answers  # noqa: E402
from workshops import WorkshopService, make_engine  # noqa: E402
from workshops import dashboard as board  # noqa: E402
from table import print_table  # noqa: E402

Row = tuple[str, float, str, str]

ROLE = "mentor"
LANG = "fr"
ANSWERS = 1_000
THRESHOLD = 5
RUNS = 10
STAGES = ("storage", "scoring + summary", "charts", "serialisation")


def _answer_dicts(q, n: int) -> list[dict]:
    frame = random_answers(q, n, seed=11)
    return [{k: v for k, v in row.items() if v is not None} for row in frame.to_dict("records")]


def _fill(service: WorkshopService, q) -> str:
    """A workshop holding ANSWERS submissions; its id."""
    workshop, _ = service.create("Bench dashboard", ROLE, LANG, anonymity_threshold=THRESHOLD)
    for answers in _answer_dicts(q, ANSWERS):
        service.submit(workshop.code, uuid.uuid4().hex, ROLE, q.version, answers)
    return workshop.id


def _charts(q, view: board.GroupView) -> tuple[list, object]:
    """The figures and the table views/dashboard.py draws (no linked workshop)."""
    summary, n_min = view.summary, view.threshold
    charts = [
        group_charts.orientation_distribution(q, summary, LANG, min_n=n_min),
        group_charts.profile_map(q, view.scored, LANG, min_n=n_min, summary=summary),
        group_charts.subscales(q, summary, LANG, min_n=n_min),
        group_charts.benchmarks(q, summary, LANG, min_n=n_min),
        group_charts.divisive_items(q, summary, LANG, min_n=n_min),
    ]
    table = group_charts.reliability_table(q, summary, LANG)
    return [c.figure for c in charts], table


def _once(service: WorkshopService, q, workshop_id: str) -> dict[str, float]:
    """One dashboard refresh; seconds per stage."""
    times = {}
    start = time.perf_counter()
    frame = service.answers_frame(workshop_id)
    times["storage"] = time.perf_counter() - start

    start = time.perf_counter()
    view = board.build(q, frame, threshold=THRESHOLD)
    times["scoring + summary"] = time.perf_counter() - start
    assert view.visible and view.n == ANSWERS

    start = time.perf_counter()
    figures, table = _charts(q, view)
    times["charts"] = time.perf_counter() - start

    start = time.perf_counter()
    sizes = [len(fig.to_json()) for fig in figures]
    sizes.append(len(convert_pandas_df_to_arrow_bytes(table)))
    times["serialisation"] = time.perf_counter() - start
    assert all(sizes)
    return times


def _measure(service: WorkshopService, q, workshop_id: str) -> tuple[float, dict[str, float]]:
    """(median total ms, median ms per stage) over RUNS refreshes, after a warm-up."""
    _once(service, q, workshop_id)  # imports, the questionnaire's compiled plan, the SQLite page cache
    totals, stages = [], {name: [] for name in STAGES}
    for _ in range(RUNS):
        gc.collect()
        times = _once(service, q, workshop_id)
        totals.append(sum(times.values()))
        for name in STAGES:
            stages[name].append(times[name])
    return statistics.median(totals) * 1000, {name: statistics.median(v) * 1000 for name, v in stages.items()}


def run() -> list[Row]:
    q = load(ROLE)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/x.db")
        try:
            service = WorkshopService(engine)
            workshop_id = _fill(service, q)
            total, stages = _measure(service, q, workshop_id)
        finally:
            engine.dispose()
    label = f"{ANSWERS:,} answers"
    return [
        (f"dashboard, {label}: storage to serialised figures, median of {RUNS}", total, "ms", "<= 300 ms"),
        (f"  storage: answers_frame, {len(q.items)} items", stages["storage"], "ms", "-"),
        ("  scoring + summary: dashboard.build (score_many, group_summary)", stages["scoring + summary"], "ms", "-"),
        ("  charts: 5 group figures + reliability table", stages["charts"], "ms", "-"),
        ("  serialisation: fig.to_json() x5 + table to Arrow", stages["serialisation"], "ms", "-"),
    ]


def main() -> None:
    rows = run()
    print_table(rows)


if __name__ == "__main__":
    main()
