"""Pages benchmark: Streamlit reruns measured with AppTest, and the PDF report.

`run()` returns (figure, value, unit, target) rows for bench/run.py; run this file
to print them, or ``bench/bench_views.py --profile`` to also print where the
results page and the questionnaire page spend their time (cProfile of the script
thread, cumulative).

AppTest's ``run()`` has its own cost (a script thread, protobuf messages, the
element tree), so each page is given beside a bare one-line page
(``st.write('x')``) measured the same way in the same run: the ratio is what the
page itself adds. Every figure is a median of reruns after a first run; the three
pages take turns, in rounds, so that load from elsewhere on a shared machine weighs
on each of them alike.
"""

from __future__ import annotations

import cProfile
import gc
import io
import logging
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from streamlit.testing.v1 import AppTest  # noqa: E402

import scoring  # noqa: E402
from charts import individual  # noqa: E402
from pages_support import app, complete_answers  # noqa: E402
from questionnaires import load  # noqa: E402
from reports import pdf  # noqa: E402
from table import print_table  # noqa: E402

Row = tuple[str, float, str, str]

ROLE = "mentor"
LANG = "fr"
SECTION = "beliefs"  # the mentor's page of ~14 scale items
RERUNS = 30
ROUNDS = 3
PDF_RUNS = 10
BARE_PAGE = "import streamlit as st\nst.write('x')"
RESULTS_PAGE = "views/pages/results.py"
QUESTIONNAIRE_PAGE = "views/pages/questionnaire.py"


def _quiet() -> None:
    """Drop the "missing ScriptRunContext" warnings that AppTest's set-up logs: noise in a table.

    A filter, not a level: Streamlit resets its loggers' levels when it reads its config.
    """
    logger = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    logger.addFilter(lambda record: "missing ScriptRunContext" not in record.getMessage())


def _median_ms(action: Callable[[], object], runs: int) -> float:
    gc.collect()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def _checked(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def bare_page() -> AppTest:
    return _checked(AppTest.from_string(BARE_PAGE).run())


def questionnaire_page() -> AppTest:
    """The app on the mentor questionnaire's beliefs page, after its first run."""
    q = load(ROLE)
    index = next(i for i, s in enumerate(q.sections) if s.id == SECTION)
    at = app()
    at.session_state["reflet.lang"] = LANG
    at.session_state["reflet.role"] = ROLE
    at.session_state["reflet.page"] = {ROLE: index}
    _checked(at.run())
    _checked(at.switch_page(QUESTIONNAIRE_PAGE).run())
    assert q.sections[index].title(LANG) in [h.value for h in at.header]
    assert len(at.radio) == len(q.sections[index].items)
    return at


def results_page() -> AppTest:
    """The app on the results page of a complete mentor persona, after its first run."""
    at = app()
    at.session_state["reflet.lang"] = LANG
    at.session_state["reflet.role"] = ROLE
    at.session_state["reflet.answers"] = {ROLE: dict(complete_answers(ROLE))}
    at.session_state["reflet.done"] = {ROLE: True}
    _checked(at.run())
    _checked(at.switch_page(RESULTS_PAGE).run())
    assert len(at.get("plotly_chart")) == 4
    return at


def _rerun_ms(pages: dict[str, AppTest]) -> dict[str, float]:
    """Median rerun ms of each page: ROUNDS rounds, each rerunning every page RERUNS / ROUNDS times.

    A page is rerun several times in a row (as when measured alone), and the rounds
    spread a burst of load from elsewhere on a shared machine over every page alike,
    which keeps the ratio to the bare page fair.
    """
    timings: dict[str, list[float]] = {name: [] for name in pages}
    for at in pages.values():
        at.run()  # one more warm-up rerun
    for _ in range(ROUNDS):
        for name, at in pages.items():
            gc.collect()  # not the garbage the page before left
            for _ in range(RERUNS // ROUNDS):
                start = time.perf_counter()
                at.run()
                timings[name].append(time.perf_counter() - start)
    for at in pages.values():
        _checked(at)
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def _charts_ms() -> float:
    """The 4 figures of the results page built alone (charts.individual, no Streamlit)."""
    q = load(ROLE)
    profile = scoring.score(q, complete_answers(ROLE))

    def build() -> None:
        for make in (individual.orientation_axis, individual.profile_map, individual.subscales,
                     individual.benchmarks):
            make(q, profile, LANG)

    build()
    return _median_ms(build, RERUNS)


def _pdf() -> tuple[float, float]:
    """(warm median seconds, size in MB) of the mentor's profile PDF."""
    q = load(ROLE)
    answers = complete_answers(ROLE)
    created = datetime(2026, 1, 15, tzinfo=UTC)
    data = pdf.profile_pdf(q, scoring.score(q, answers), LANG, created)  # fonts, matplotlib: warm
    assert data.startswith(b"%PDF")
    ms = _median_ms(lambda: pdf.profile_pdf(q, scoring.score(q, answers), LANG, created), PDF_RUNS)
    return ms / 1000, len(data) / 2**20


def run() -> list[Row]:
    _quiet()
    reruns = _rerun_ms({"bare": bare_page(), "questionnaire": questionnaire_page(), "results": results_page()})
    bare, questionnaire, results = reruns["bare"], reruns["questionnaire"], reruns["results"]
    charts = _charts_ms()
    pdf_s, pdf_mb = _pdf()
    items = len(next(s for s in load(ROLE).sections if s.id == SECTION).items)
    return [
        (f"bare one-line page rerun (AppTest overhead), median of {RERUNS}", bare, "ms", "- (reference)"),
        (f"questionnaire page rerun ({ROLE} {SECTION}, {items} radios), median of {RERUNS}", questionnaire, "ms",
         "<= 30 ms"),
        ("  questionnaire page / bare page", questionnaire / bare, "x", "-"),
        (f"results page rerun ({ROLE}, 4 charts), median of {RERUNS}", results, "ms", "<= 80 ms"),
        ("  results page / bare page", results / bare, "x", "-"),
        ("  of which: the 4 plotly figures built alone (charts.individual)", charts, "ms", "-"),
        (f"profile PDF (reports.pdf.profile_pdf), warm median of {PDF_RUNS}", pdf_s, "s", "<= 2 s"),
        ("profile PDF size", pdf_mb, "MB", "<= 1 MB"),
    ]


# --- where the time goes (``--profile``) --------------------------------------------


def profile(at: AppTest, runs: int = RERUNS, top: int = 25) -> str:
    """cProfile of ``runs`` reruns, in the script thread (where the page runs), cumulative."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def profiled(self) -> None:
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        for _ in range(runs):
            at.run()
    finally:
        LocalScriptRunner._run_script_thread = original
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    rows = run()
    print_table(rows)
    if "--profile" in sys.argv[1:]:
        for label, make in (("results page", results_page), ("questionnaire page", questionnaire_page)):
            print(f"\n=== {label}: {RERUNS} reruns under cProfile (script thread) ===")
            print(profile(make()))


if __name__ == "__main__":
    main()
