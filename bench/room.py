"""A room of participants answering a workshop through the real server's websocket.

No browser: each participant is a websocket client speaking Streamlit's own protocol
(``BackMsg.rerun_script`` with widget states, ``ForwardMsg`` deltas until
``script_finished``; see bench/room_client.py). The harness creates its own workshop,
starts its own Streamlit server(s) on free ports (127.0.0.1 only) and stops them at the end.

Scenarios, in one run:
  room      N participants join by the link (``/atelier?atelier=CODE``) spread over A
            seconds, pause a random (seeded) 3-12 s on each page, answer it, press
            *Suivant*, then *Terminer*, and wait for their own results page; a trainer
            session stays on the dashboard (its fragment refreshes every 5 s).
  burst     N open the join link in the same second: time to the first questionnaire page.
  dashboard a second workshop with 1,000 answers stored through the service; a trainer
            session times its dashboard refresh (cached, and after a new answer).
  bare      a one-page app (one st.radio) under the same per-session protocol, for the
            ratio of Reflet's page turn to a bare rerun (run while the RSS wait elapses).
  RSS       of the server before, at peak, and --wait-after seconds after the sessions close.

Run (from the repository root):
  .venv/bin/python bench/room.py --help
  .venv/bin/python bench/room.py --quick                # smoke run, ~1 minute
  .venv/bin/python bench/room.py                        # 60 over 30 s on SQLite, ~5 minutes
  .venv/bin/python bench/room.py --replicas 2 --participants 300 \\
      --database-url postgresql+psycopg://reflet:reflet@127.0.0.1:5432/reflet_test

Each figure is printed beside its target (bench/table.py). The exit status is non-zero
only when the harness itself fails, never for a missed target.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench", ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import i18n  # noqa: E402
import persona_sets  # noqa: E402
import questionnaires  # noqa: E402
from questionnaires.schema import ChoiceItem, NumberItem, ScaleItem  # noqa: E402
from room_client import Run, Session, SessionError, component_state, item_of  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.NumberInput_pb2 import NumberInput  # noqa: E402
from table import print_table  # noqa: E402
from workshops import WorkshopService, make_engine  # noqa: E402
from workshops.dashboard import charted_count  # noqa: E402

Row = tuple[str, float, str, str]
PYTHON = ROOT / ".venv" / "bin" / "python"
# --profile: the server runs under a sampling profiler (py-spy's idea, in-process): every
# 5 ms a thread reads the stacks of the script threads and of the event loop, and every
# few seconds writes which functions were on them (inclusive) and which were on top (own).
PROFILED_SERVER = r'''
import atexit, collections, os, sys, threading, time
OUT, PROJECT = os.environ["REFLET_ROOM_PROFILE"], os.environ["REFLET_ROOM_PROJECT"]
inclusive, own, samples = collections.Counter(), collections.Counter(), collections.Counter()

def where(code, lineno=None):
    path = code.co_filename
    short = path[len(PROJECT) + 1:] if path.startswith(PROJECT) else path.split("site-packages/")[-1]
    return f"{short}:{code.co_firstlineno} {code.co_name}"

def sample():
    me = threading.get_ident()
    while True:
        time.sleep(0.005)
        names = {t.ident: t.name for t in threading.enumerate()}
        for tid, frame in sys._current_frames().items():
            name = names.get(tid, "")
            kind = "script" if name.startswith("ScriptRunner") else "loop" if name == "MainThread" else None
            if tid == me or kind is None:
                continue
            samples[kind] += 1
            own[(kind, where(frame.f_code))] += 1
            seen = set()
            while frame is not None:
                key = (kind, where(frame.f_code))
                if key not in seen:
                    seen.add(key)
                    inclusive[key] += 1
                frame = frame.f_back

def dump():
    lines = []
    for kind in ("script", "loop"):
        total = samples[kind] or 1
        lines.append(f"== {kind} threads: {samples[kind]} samples (5 ms each, summed over threads)")
        lines.append("-- inclusive (on the stack), share of samples:")
        top = [(k, v) for k, v in inclusive.most_common() if k[0] == kind][:60]
        lines += [f"{100 * v / total:6.1f} %  {k[1]}" for k, v in top]
        lines.append("-- own (top of the stack):")
        top = [(k, v) for k, v in own.most_common() if k[0] == kind][:25]
        lines += [f"{100 * v / total:6.1f} %  {k[1]}" for k, v in top]
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")

def dumper():
    while True:
        time.sleep(3)
        dump()

threading.Thread(target=sample, daemon=True, name="room-sampler").start()
threading.Thread(target=dumper, daemon=True, name="room-dumper").start()
atexit.register(dump)
sys.argv = ["streamlit", *sys.argv[1:]]
from streamlit.web.cli import main
main()
'''
BARE_APP = '''import streamlit as st
choice = st.radio("Choice", ["a", "b", "c", "d", "e"], index=None, key="choice")
st.write(choice)
'''


# --- small helpers -------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        pass
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


class Server:
    """One `streamlit run` process on a free port of 127.0.0.1."""

    def __init__(self, script: Path, env: dict[str, str], log_path: Path, cwd: Path = ROOT,
                 profile: Path | None = None):
        self.port = free_port()
        self.log_path = log_path
        self.profile = profile
        launcher = ["-m", "streamlit"]
        if profile is not None:
            wrapper = profile.with_suffix(".py")
            wrapper.write_text(PROFILED_SERVER)
            launcher = [str(wrapper)]
            env = {**env, "REFLET_ROOM_PROFILE": str(profile), "REFLET_ROOM_PROJECT": str(ROOT)}
        cmd = [str(PYTHON), *launcher, "run", str(script), "--server.port", str(self.port),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server on {self.port} not ready in {timeout} s; see {self.log_path}")

    def rss(self) -> float:
        return rss_mb(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --- what the participant answers ------------------------------------------------


def answer_sets(role: str, count: int, seed: int) -> list[dict]:
    """``count`` complete answer sets: the complete personas, scale answers varied (seeded)."""
    q = questionnaires.load(role)
    complete = [p["answers"] for p in persona_sets.personas(role) if all(i.id in p["answers"] for i in q.items)]
    if not complete:
        raise RuntimeError(f"no complete persona for {role}")
    rng = random.Random(seed)
    out = []
    for n in range(count):
        answers = dict(complete[n % len(complete)])
        for item in q.items:
            if isinstance(item, ScaleItem) and rng.random() < 0.3:
                answers[item.id] = rng.randint(1, q.scales[item.scale].points)
        out.append(answers)
    return out


def option_values(q, item) -> list:
    """The stored values behind a radio's options, in the order views/form.py draws them."""
    if isinstance(item, ScaleItem):
        return [*range(1, q.scales[item.scale].points + 1), questionnaires.NOT_APPLICABLE]
    values = [o.id for o in item.options]
    if isinstance(item, ChoiceItem) and item.not_applicable:
        values.append(questionnaires.NOT_APPLICABLE)
    return values


def widget_values(q, run: Run, answers: dict) -> dict[str, tuple[str, object]]:
    """Widget states that give every answer widget of the page its answer."""
    out: dict[str, tuple[str, object]] = {}
    for radio in run.of("radio"):
        item_id = item_of(radio.id)
        if item_id is None:
            continue
        item = q.item_index[item_id]
        # A radio's state is the label of the option picked (Streamlit 1.67: string_value).
        out[radio.id] = ("string_value", radio.options[option_values(q, item).index(answers[item_id])])
    for number in run.of("number_input"):
        item_id = item_of(number.id)
        if item_id is None:
            continue
        value = answers[item_id]
        if number.data_type == NumberInput.INT:
            out[number.id] = ("int_value", int(value))
        else:
            out[number.id] = ("double_value", float(value))
    return out


def button(run: Run, label: str | None = None, key_part: str | None = None) -> str | None:
    for b in run.of("button"):
        if (label is None or b.label == label) and (key_part is None or key_part in b.id):
            return b.id
    return None


def errors_shown(run: Run) -> list[str]:
    return [a.body for a in run.of("alert") if a.format == Alert.ERROR]


# --- results --------------------------------------------------------------------


@dataclass
class Stats:
    first_page: list[float] = field(default_factory=list)
    page_turn: list[float] = field(default_factory=list)
    submit: list[float] = field(default_factory=list)
    taps: list[float] = field(default_factory=list)
    other: list[float] = field(default_factory=list)
    results_pages: int = 0
    exceptions: list[str] = field(default_factory=list)
    app_errors: list[str] = field(default_factory=list)
    session_errors: list[str] = field(default_factory=list)
    server_runs: int = 0


# --- a participant ----------------------------------------------------------------


class Room:
    def __init__(self, args, code: str, role: str, lang: str):
        self.args, self.code, self.role, self.lang = args, code, role, lang
        self.q = questionnaires.load(role)
        self.thanks = i18n.t("ws.thanks", lang)
        self.details = i18n.t("results.details_title", lang)
        self.next_label = i18n.t("form.next", lang)
        self.finish_label = i18n.t("form.finish", lang)

    def is_results(self, run: Run) -> bool:
        texts = run.texts()
        return self.thanks in texts and self.details in texts

    def page_index(self, run: Run) -> int | None:
        items = {item_of(r.id) for r in run.of("radio")} | {item_of(n.id) for n in run.of("number_input")}
        for index, section in enumerate(self.q.sections):
            if any(i.id in items for i in section.items):
                return index
        return None

    def _check(self, run: Run, stats: Stats, who: str) -> None:
        stats.server_runs += 1
        stats.exceptions += [f"{who}: {e}" for e in run.exceptions]
        stats.app_errors += [f"{who}: {e}" for e in errors_shown(run)]

    async def first_page(self, port: int, stats: Stats, who: str) -> tuple[Session, Run, float]:
        """Open the join link; return the session, the first questionnaire page and how long it took."""
        start = time.perf_counter()
        session = Session(port, "atelier", f"atelier={self.code}", timeout=self.args.timeout)
        await session.open()
        run = await session.rerun()
        self._check(run, stats, who)
        while self.page_index(run) is None and run.of("bidi_component") and not errors_shown(run):
            run = await session.rerun()  # a st.rerun for the language, or similar
            self._check(run, stats, who)
            if time.perf_counter() - start > self.args.timeout:
                break
        return session, run, time.perf_counter() - start

    async def answer_draft(self, session: Session, run: Run, stats: Stats, who: str) -> Run:
        """What the browser does with the draft component: read localStorage (empty) and say so."""
        for component in run.of("bidi_component"):
            if component.component_name.endswith("reflet_draft") and '"read": true' in component.json:
                run = await session.rerun({component.id: component_state({"stored": ""})})
                stats.other.append(run.seconds)
                self._check(run, stats, who)
        return run

    async def participant(self, n: int, port: int, delay: float, answers: dict, rng: random.Random,
                          stats: Stats) -> None:
        who = f"p{n}"
        await asyncio.sleep(delay)
        session = None
        try:
            session, run, seconds = await self.first_page(port, stats, who)
            stats.first_page.append(seconds)
            if self.page_index(run) != 0:
                raise SessionError(f"first page not drawn: {run.texts()[:200]!r}")
            run = await self.answer_draft(session, run, stats, who)
            for index in range(len(self.q.sections)):
                pause = rng.uniform(self.args.pause_min, self.args.pause_max)
                values = widget_values(self.q, run, answers)
                if self.args.taps == "item":  # one rerun per answer, as a browser does on each tap
                    gap = pause / (len(values) + 1)
                    for wid, value in values.items():
                        await asyncio.sleep(gap)
                        run = await session.rerun({wid: value})
                        stats.taps.append(run.seconds)
                        self._check(run, stats, who)
                    await asyncio.sleep(gap)
                    values = {}
                else:
                    await asyncio.sleep(pause)
                last = index == len(self.q.sections) - 1
                nxt = button(run, self.finish_label if last else self.next_label, ".next")
                if nxt is None:
                    raise SessionError(f"no next button on page {index}")
                run = await session.rerun(values, [nxt])
                self._check(run, stats, who)
                if last:
                    stats.submit.append(run.seconds)
                    if not self.is_results(run):
                        raise SessionError(f"no results page after Terminer: {run.texts()[:300]!r}")
                    stats.results_pages += 1
                else:
                    stats.page_turn.append(run.seconds)
                    if self.page_index(run) != index + 1:
                        raise SessionError(f"page {index + 1} not drawn after Suivant: {run.texts()[-300:]!r}")
        except (SessionError, OSError, TimeoutError) as error:
            stats.session_errors.append(f"{who}: {type(error).__name__}: {error}")
        finally:
            if session is not None:
                await session.close()

    async def burst_one(self, port: int, stats: Stats, n: int, start: float) -> None:
        session = None
        try:
            session, run, _ = await self.first_page(port, stats, f"b{n}")
            if self.page_index(run) != 0:
                raise SessionError(f"first page not drawn: {run.texts()[:200]!r}")
            stats.first_page.append(time.perf_counter() - start)
        except (SessionError, OSError, TimeoutError) as error:
            stats.session_errors.append(f"b{n}: {type(error).__name__}: {error}")
        finally:
            if session is not None:
                await session.close()


# --- the trainer ------------------------------------------------------------------


class Trainer:
    """A trainer's tab on /formateur: opens the workshop with code and key, then the live dashboard."""

    def __init__(self, port: int, code: str, key: str, lang: str, timeout: float):
        self.session = Session(port, "formateur", "", timeout=timeout)
        self.code, self.key, self.lang = code, key, lang
        self.refresh: list[float] = []
        self.count: str | None = None
        self.exceptions: list[str] = []
        self.errors: list[str] = []
        self.open_seconds = math.nan

    async def open(self) -> Run:
        await self.session.open()
        start = time.perf_counter()
        run = await self.session.rerun()
        inputs = run.of("text_input")
        code_id = next(i.id for i in inputs if i.label == i18n.t("tr.field_code", self.lang))
        key_id = next(i.id for i in inputs if i.label == i18n.t("tr.field_key", self.lang))
        submit = button(run, i18n.t("tr.open", self.lang))
        run = await self.session.rerun({code_id: ("string_value", self.code), key_id: ("string_value", self.key)},
                                       [submit])
        self.open_seconds = time.perf_counter() - start
        self._read(run)
        if self.session.auto_rerun is None:
            raise RuntimeError(f"trainer: no live dashboard: {run.texts()[:400]!r}")
        return run

    def _read(self, run: Run) -> None:
        self.exceptions += run.exceptions
        self.errors += errors_shown(run)
        for _, element in sorted(self.session.elements.items()):
            if element.WhichOneof("type") == "metric":
                self.count = element.metric.body

    async def tick(self) -> float:
        """One refresh of the dashboard fragment, as the browser's timer sends it."""
        _, fragment = self.session.auto_rerun
        run = await self.session.rerun(fragment_id=fragment, auto=True)
        self._read(run)
        return run.seconds

    async def live(self, stop: asyncio.Event) -> None:
        interval = self.session.auto_rerun[0]
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), interval)
            except TimeoutError:
                pass
            self.refresh.append(await self.tick())

    async def close(self) -> None:
        await self.session.close()


# --- scenarios --------------------------------------------------------------------


class RssWatch:
    def __init__(self, servers: list[Server]):
        self.servers = servers
        self.peak = [s.rss() for s in servers]
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self._watch())

    async def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = [max(p, s.rss()) for p, s in zip(self.peak, self.servers)]
            try:
                await asyncio.wait_for(self._stop.wait(), 0.5)
            except TimeoutError:
                pass

    async def stop(self) -> list[float]:
        self._stop.set()
        if self._task:
            await self._task
        return self.peak


async def run_room(room: Room, ports: list[int], n: int, arrival: float, seed: int) -> Stats:
    stats = Stats()
    rng = random.Random(seed)
    delays = sorted(rng.uniform(0, arrival) for _ in range(n))
    answers = answer_sets(room.role, n, seed)
    tasks = [room.participant(i, ports[i % len(ports)], delays[i], answers[i], random.Random(seed * 1000 + i), stats)
             for i in range(n)]
    await asyncio.gather(*tasks)
    return stats


async def run_burst(room: Room, ports: list[int], n: int) -> Stats:
    stats = Stats()
    start = time.perf_counter()
    await asyncio.gather(*(room.burst_one(ports[i % len(ports)], stats, i, start) for i in range(n)))
    return stats


async def run_bare(port: int, n: int, arrival: float, pages: int, args, seed: int) -> tuple[list[float], list[str]]:
    """The same protocol on a one-radio app: join, then one rerun per 'page' after the same pauses."""
    latencies: list[float] = []
    problems: list[str] = []
    rng = random.Random(seed)
    delays = sorted(rng.uniform(0, arrival) for _ in range(n))

    async def one(i: int) -> None:
        prng = random.Random(seed * 1000 + i)
        await asyncio.sleep(delays[i])
        session = Session(port, "", "", timeout=args.timeout)
        try:
            await session.open()
            run = await session.rerun()
            radio = run.of("radio")[0]
            for page in range(pages):
                await asyncio.sleep(prng.uniform(args.pause_min, args.pause_max))
                run = await session.rerun({radio.id: ("string_value", radio.options[page % 5])})
                latencies.append(run.seconds)
                problems.extend(run.exceptions)
        except (SessionError, OSError, TimeoutError, IndexError) as error:
            problems.append(f"bare{i}: {type(error).__name__}: {error}")
        finally:
            await session.close()

    await asyncio.gather(*(one(i) for i in range(n)))
    return latencies, problems


async def dashboard_at(service: WorkshopService, port: int, role: str, lang: str, answers_n: int, seed: int,
                       args) -> dict[str, float]:
    """A workshop with ``answers_n`` answers: trainer open, refresh cached, refresh after a new answer."""
    workshop, key = service.create("Bench room: dashboard", role, lang, 5, 1)
    sets = answer_sets(role, answers_n + 10, seed + 7)
    q = questionnaires.load(role)
    start = time.perf_counter()
    for answers in sets[:answers_n]:
        service.submit(workshop.code, uuid.uuid4().hex, role, q.version, answers)
    stored_s = time.perf_counter() - start
    log(f"dashboard: {answers_n} answers stored in {stored_s:.1f} s")
    trainer = Trainer(port, workshop.code, key, lang, args.timeout)
    try:
        await trainer.open()
        cached = [await trainer.tick() for _ in range(5)]
        fresh = []
        for answers in sets[answers_n:answers_n + 5]:
            service.submit(workshop.code, uuid.uuid4().hex, role, q.version, answers)
            fresh.append(await trainer.tick())
    finally:
        await trainer.close()
    return {"stored": service.count(workshop.id), "open": trainer.open_seconds, "cached_p50": statistics.median(cached), "cached_max": max(cached),
            "fresh_p50": statistics.median(fresh), "fresh_max": max(fresh), "count": trainer.count,
            "exceptions": len(trainer.exceptions) + len(trainer.errors)}


# --- main -------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--participants", type=int, help="room size (default 60; 300 with --replicas 2)")
    p.add_argument("--arrival", type=float, help="participants arrive spread over this many seconds (default 30)")
    p.add_argument("--pause-min", type=float, default=3.0, help="seconds on a page, at least (default 3)")
    p.add_argument("--pause-max", type=float, default=12.0, help="seconds on a page, at most (default 12)")
    p.add_argument("--taps", choices=["page", "item"], default="page",
                   help="page: a page's answers go with Suivant in one rerun (default); "
                        "item: one rerun per answer, spread over the pause, as a browser sends each tap")
    p.add_argument("--burst", type=int, help="participants opening the link in the same second (default = room)")
    p.add_argument("--dashboard-answers", type=int, default=1000, help="answers for the dashboard timing")
    p.add_argument("--wait-after", type=float, default=120.0, help="seconds before the last RSS reading")
    p.add_argument("--replicas", type=int, default=1, help="server processes sharing the database")
    p.add_argument("--database-url", help="default: a temporary SQLite file (PostgreSQL for --replicas > 1)")
    p.add_argument("--role", default="mentor", choices=list(questionnaires.ROLES))
    p.add_argument("--lang", default="fr", choices=["fr", "en"])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take before it counts as failed")
    p.add_argument("--profile", metavar="FILE",
                   help="run replica 1 under an in-process sampling profiler; write its report to FILE")
    p.add_argument("--skip-bare", action="store_true", help="do not measure the bare one-radio app")
    p.add_argument("--still-dashboard", action="store_true",
                   help="the trainer's tab stays open but does not refresh during the room: what its refresh "
                        "costs the participants, measured by difference")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 5 participants over 3 s, 0.5-1.5 s a page, burst 5, 100 answers, 10 s wait")
    args = p.parse_args(argv)
    if args.quick:
        args.participants = args.participants or 5
        args.arrival = 3.0 if args.arrival is None else args.arrival
        args.pause_min, args.pause_max = 0.5, 1.5
        args.dashboard_answers = min(args.dashboard_answers, 100)
        args.wait_after = min(args.wait_after, 10.0)
    args.participants = args.participants or (300 if args.replicas > 1 else 60)
    args.arrival = 30.0 if args.arrival is None else args.arrival
    args.burst = args.participants if args.burst is None else args.burst
    if args.replicas > 1 and not (args.database_url or "").startswith("postgresql"):
        p.error("--replicas > 1 needs --database-url postgresql+psycopg://...")
    return args


async def main_async(args, tmp: Path) -> list[Row]:
    url = args.database_url or f"sqlite:///{tmp / 'room.db'}"
    service = WorkshopService(make_engine(url))
    workshop, key = service.create("Bench room", args.role, args.lang, 5, 1)
    log(f"workshop {workshop.code} on {url.split('@')[-1]}")
    env = {**os.environ, "REFLET_DATABASE_URL": url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    servers: list[Server] = []
    bare: Server | None = None
    rows: list[Row] = []
    n = args.participants
    try:
        for r in range(args.replicas):
            profile = tmp / f"profile{r + 1}.txt" if args.profile and r == 0 else None
            servers.append(Server(ROOT / "app.py", env, tmp / f"server{r + 1}.log", profile=profile))
        for s in servers:
            s.wait_ready()
        ports = [s.port for s in servers]
        rss_cold = [s.rss() for s in servers]
        room = Room(args, workshop.code, args.role, args.lang)

        # Warm every replica the way the first visitor would (imports, caches), then the trainer.
        warm = Stats()
        for port in ports:
            session, _, seconds = await room.first_page(port, warm, "warm-up")
            await session.close()
            log(f"warm-up first page on :{port}: {seconds:.2f} s (cold server)")
        trainer = Trainer(ports[0], workshop.code, key, args.lang, args.timeout)
        await trainer.open()
        log(f"trainer open: {trainer.open_seconds:.2f} s, dashboard every {trainer.session.auto_rerun[0]} s")
        # One participant alone on the warm server (a separate workshop): the cost of a run, unloaded.
        quiet = argparse.Namespace(**{**vars(args), "pause_min": 0.3, "pause_max": 0.5, "taps": "page"})
        solo_ws, _ = service.create("Bench room: solo", args.role, args.lang, 5, 1)
        solo = await run_room(Room(quiet, solo_ws.code, args.role, args.lang), ports[:1], 1, 0, args.seed)
        log(f"alone: page turn p50 {percentile(solo.page_turn, .5):.3f} s, submit {percentile(solo.submit, .5):.3f} s")
        rss_before = [s.rss() for s in servers]

        # The room, with the trainer's dashboard refreshing (unless --still-dashboard).
        watch = RssWatch(servers)
        watch.start()
        stop = asyncio.Event()
        live = None if args.still_dashboard else asyncio.create_task(trainer.live(stop))
        log(f"room: {n} participants over {args.arrival:.0f} s, {args.pause_min:g}-{args.pause_max:g} s a page, "
            f"taps={args.taps}")
        start = time.perf_counter()
        stats = await run_room(room, ports, n, args.arrival, args.seed)
        room_s = time.perf_counter() - start
        stop.set()
        if live is not None:
            await live
        await trainer.tick()  # the count once everyone is in
        rss_peak_room = await watch.stop()
        stored = service.count(workshop.id)
        log(f"room done in {room_s:.0f} s: {stored} rows, {stats.results_pages} results pages, "
            f"{len(stats.session_errors)} session errors")

        # The burst.
        burst = None
        if args.burst:
            watch = RssWatch(servers)
            watch.start()
            log(f"burst: {args.burst} open the link at once")
            burst = await run_burst(room, ports, args.burst)
            rss_peak_burst = await watch.stop()
        else:
            rss_peak_burst = rss_peak_room

        # The dashboard at 1,000 answers (replica 1).
        dash = None
        if args.dashboard_answers:
            watch = RssWatch(servers)
            watch.start()
            dash = await dashboard_at(service, ports[0], args.role, args.lang, args.dashboard_answers, args.seed, args)
            rss_peak_dash = await watch.stop()
        else:
            rss_peak_dash = rss_peak_room
        await trainer.close()
        closed_at = time.monotonic()
        rss_closed = [s.rss() for s in servers]

        # The bare app, while Reflet's server sits idle for the RSS wait.
        bare_lat: list[float] = []
        bare_solo: list[float] = []
        bare_problems: list[str] = []
        if not args.skip_bare:
            script = tmp / "bare_app.py"
            script.write_text(BARE_APP)
            bare = Server(script, {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
                          tmp / "bare.log", cwd=tmp)
            bare.wait_ready()
            warm_bare = Session(bare.port, "", "", timeout=args.timeout)
            await warm_bare.open()
            await warm_bare.rerun()
            await warm_bare.close()
            log(f"bare app: {n} sessions, same arrival and pauses")
            quiet = argparse.Namespace(**{**vars(args), "pause_min": 0.3, "pause_max": 0.5})
            bare_solo, _ = await run_bare(bare.port, 1, 0, 10, quiet, args.seed)
            bare_lat, bare_problems = await run_bare(bare.port, n, args.arrival, len(room.q.sections), args, args.seed)
            bare.stop()
        left = args.wait_after - (time.monotonic() - closed_at)
        if left > 0:
            log(f"waiting {left:.0f} s more for the RSS reading after close")
            await asyncio.sleep(left)
        rss_after = [s.rss() for s in servers]
        dead = [s.port for s in servers if s.proc.poll() is not None]
    finally:
        for s in servers:
            s.stop()
        if bare is not None:
            bare.stop()
        if args.profile and servers and servers[0].profile and servers[0].profile.exists():
            Path(args.profile).write_text(servers[0].profile.read_text())
            log(f"profile of replica 1 written to {args.profile}")

    # --- the table ---
    mode = f"{args.replicas} replicas, " if args.replicas > 1 else ""
    db = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    still = ", dashboard still" if args.still_dashboard else ""
    tag = f"[{mode}{db}, {n} over {args.arrival:g} s{still}]"
    ms = 1  # latencies in seconds: under load they run to tens of seconds
    rows += [
        (f"{tag} rows stored (this workshop, DB count)", stored, "rows", f"{n}"),
        (f"{tag} own-results pages received", stats.results_pages, "pages", f"{n}"),
        (f"{tag} dashboard count seen by trainer (replica 1)", float(trainer.count or "nan"), "",
         f"{charted_count(n, 5)} (all {n}, shown 3 at a time)"),
        (f"{tag} exception deltas", len(stats.exceptions) + len(trainer.exceptions), "", "0"),
        (f"{tag} error messages shown (st.error)", len(stats.app_errors) + len(trainer.errors), "", "0"),
        (f"{tag} session errors / disconnects / wrong page", len(stats.session_errors), "", "0"),
        (f"{tag} first page after join, p50", percentile(stats.first_page, .5) * ms, "s", "-"),
        (f"{tag} first page after join, p95", percentile(stats.first_page, .95) * ms, "s", "-"),
        (f"{tag} page turn (Suivant), p50", percentile(stats.page_turn, .5) * ms, "s", "-"),
        (f"{tag} page turn (Suivant), p95", percentile(stats.page_turn, .95) * ms, "s", "<= 1 s"),
        (f"{tag} page turn (Suivant), max", max(stats.page_turn, default=math.nan) * ms, "s", "-"),
        (f"{tag} submit + own results (Terminer), p50", percentile(stats.submit, .5) * ms, "s", "-"),
        (f"{tag} submit + own results (Terminer), p95", percentile(stats.submit, .95) * ms, "s", "<= 2 s"),
        (f"{tag} submit + own results (Terminer), max", max(stats.submit, default=math.nan) * ms, "s", "-"),
    ]
    rows += [
        ("[one participant alone, warm server] first page", percentile(solo.first_page, .5), "s", "-"),
        ("[one participant alone, warm server] page turn, p50", percentile(solo.page_turn, .5), "s", "<= 1 s"),
        ("[one participant alone, warm server] submit + own results", percentile(solo.submit, .5), "s", "<= 2 s"),
        ("[one participant alone, warm server] problems", len(solo.session_errors + solo.exceptions + solo.app_errors),
         "", "0"),
    ]
    if stats.taps:
        rows += [(f"{tag} answer tap rerun, p50", percentile(stats.taps, .5) * ms, "s", "-"),
                 (f"{tag} answer tap rerun, p95", percentile(stats.taps, .95) * ms, "s", "-")]
    rows += [
        (f"{tag} draft read rerun (browser's reply), p95", percentile(stats.other, .95) * ms, "s", "-"),
        (f"{tag} dashboard refresh during the room, p50", percentile(trainer.refresh, .5) * ms, "s", "-"),
        (f"{tag} dashboard refresh during the room, p95", percentile(trainer.refresh, .95) * ms, "s", "-"),
        (f"{tag} dashboard refresh during the room, max", max(trainer.refresh, default=math.nan) * ms, "s", "-"),
        (f"{tag} server script runs (seen by clients)", stats.server_runs, "", "-"),
        (f"{tag} room wall time", room_s, "s", "-"),
    ]
    if burst is not None:
        btag = f"[burst of {args.burst}]"
        rows += [
            (f"{btag} first pages received", len(burst.first_page), "pages", f"{args.burst}"),
            (f"{btag} first page, min", min(burst.first_page, default=math.nan), "s", "-"),
            (f"{btag} first page, p50", percentile(burst.first_page, .5), "s", "-"),
            (f"{btag} first page, p95", percentile(burst.first_page, .95), "s", "-"),
            (f"{btag} first page, max", max(burst.first_page, default=math.nan), "s", "<= 10 s (all)"),
            (f"{btag} exceptions + errors + session errors",
             len(burst.exceptions) + len(burst.app_errors) + len(burst.session_errors), "", "0"),
        ]
    if dash is not None:
        dtag = f"[dashboard, {args.dashboard_answers:,} answers]"
        rows += [
            (f"{dtag} trainer opens it (code + key, full run)", dash["open"] * 1000, "ms", "-"),
            (f"{dtag} refresh, no new answer (cached), p50", dash["cached_p50"] * 1000, "ms", "<= 150 ms"),
            (f"{dtag} refresh after a new answer, p50", dash["fresh_p50"] * 1000, "ms", "<= 150 ms"),
            (f"{dtag} refresh after a new answer, max (a batch moves)", dash["fresh_max"] * 1000, "ms", "<= 150 ms"),
            (f"{dtag} count shown (rows in DB: {dash['stored']})", float(dash["count"] or "nan"), "",
             f"{charted_count(dash['stored'], 5)}"),
        ]
    for r, s in enumerate(servers):
        rtag = f"[RSS replica {r + 1}]" if len(servers) > 1 else "[RSS]"
        per_session = (rss_peak_room[r] - rss_before[r]) / max(1, math.ceil(n / len(servers)))
        rows += [
            (f"{rtag} cold start", rss_cold[r], "MB", "-"),
            (f"{rtag} before (warm, trainer open)", rss_before[r], "MB", "-"),
            (f"{rtag} peak during the room", rss_peak_room[r], "MB", "-"),
            (f"{rtag} growth per room session", per_session, "MB", "<= 8 MB"),
            (f"{rtag} peak during burst / dashboard", max(rss_peak_burst[r], rss_peak_dash[r]), "MB", "-"),
            (f"{rtag} when the last session closed", rss_closed[r], "MB", "-"),
            (f"{rtag} {args.wait_after:.0f} s after close", rss_after[r], "MB",
             f"<= {rss_before[r] * 1.2:.0f} MB (start + 20 %)"),
            (f"{rtag} after / before", rss_after[r] / rss_before[r], "x", "<= 1.2"),
        ]
    if not args.skip_bare:
        rows += [
            (f"[bare one-radio app, {n} sessions] rerun, p50", percentile(bare_lat, .5) * 1000, "ms", "-"),
            (f"[bare one-radio app, {n} sessions] rerun, p95", percentile(bare_lat, .95) * 1000, "ms", "-"),
            (f"[bare one-radio app, {n} sessions] errors", len(bare_problems), "", "0"),
            ("[bare one-radio app, 1 session alone] rerun, p50", percentile(bare_solo, .5) * 1000, "ms", "-"),
            ("Reflet page turn / bare rerun, one session alone, p50",
             percentile(solo.page_turn, .5) / percentile(bare_solo, .5), "x", "-"),
            ("Reflet page turn / bare rerun, p50", percentile(stats.page_turn, .5) / percentile(bare_lat, .5), "x",
             "-"),
            ("Reflet page turn / bare rerun, p95", percentile(stats.page_turn, .95) / percentile(bare_lat, .95), "x",
             "-"),
        ]
    problems = stats.exceptions + stats.app_errors + stats.session_errors
    if burst is not None:
        problems += burst.exceptions + burst.app_errors + burst.session_errors
    problems += [f"trainer: {e}" for e in trainer.exceptions + trainer.errors] + bare_problems
    if dead:
        problems.append(f"server(s) on port(s) {dead} died during the run")
    if problems:
        print("\nwhat participants saw (first 20 of %d):" % len(problems))
        for p in problems[:20]:
            print(f"  {p[:300]}")
        print()
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reflet-room-") as tmp:
        try:
            rows = asyncio.run(main_async(args, Path(tmp)))
        except Exception:
            logs = sorted(Path(tmp).glob("*.log"))
            for path in logs:
                tail = path.read_text(errors="replace").splitlines()[-30:]
                print(f"--- {path.name} (last lines) ---", file=sys.stderr)
                print("\n".join(tail), file=sys.stderr)
            raise
        for path in sorted(Path(tmp).glob("server*.log")):
            text = path.read_text(errors="replace")
            if "Traceback" in text or "ERROR" in text:
                lines = text.splitlines()
                first = next(i for i, line in enumerate(lines) if "Traceback" in line or "ERROR" in line)
                print(f"--- {path.name}: the server logged {text.count('Traceback')} traceback(s); the first ---",
                      file=sys.stderr)
                print("\n".join(lines[max(0, first - 2):first + 60]), file=sys.stderr)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
