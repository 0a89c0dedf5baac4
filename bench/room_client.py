"""A browserless Streamlit client: Streamlit's own protocol over ``/_stcore/stream``.

What the frontend does, reduced to what a load test needs: open the websocket, send a
``BackMsg.rerun_script`` (``ClientState``: query string, page name, widget states,
context), read ``ForwardMsg``s until ``script_finished``, and keep the elements the run
drew (by delta path) so the caller can find a widget's id and set it in the next rerun.
Used by bench/room.py.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

SUCCESS = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN


class SessionError(Exception):
    """The server closed the session, or a run did not finish in time."""


@dataclass
class Run:
    """One rerun as the client saw it: the elements drawn, how it ended, how long it took."""

    elements: dict[tuple, Any] = field(default_factory=dict)  # delta path -> Element proto
    status: int | None = None
    seconds: float = 0.0
    exceptions: list[str] = field(default_factory=list)  # exception deltas (type: message)
    bytes: int = 0
    messages: int = 0

    def of(self, kind: str) -> list[Any]:
        """Every element of ``kind`` (a field of the Element oneof: radio, heading...), in page order."""
        return [getattr(e, kind) for _, e in sorted(self.elements.items()) if e.WhichOneof("type") == kind]

    def texts(self) -> str:
        """The readable text of the run: headings, markdown, alerts, text, captions."""
        out = []
        for _, e in sorted(self.elements.items()):
            kind = e.WhichOneof("type")
            if kind in ("heading", "markdown", "alert", "text"):
                out.append(getattr(e, kind).body)
            elif kind == "metric":
                out.append(f"{e.metric.label}: {e.metric.body}")
        return "\n".join(out)


class Session:
    """One browser tab: a websocket, its widget values, its runs."""

    def __init__(self, port: int, page: str, query: str = "", locale: str = "fr-CA", timeout: float = 120.0):
        self.port, self.page, self.query, self.locale, self.timeout = port, page, query, locale, timeout
        self.ws = None
        self.widgets: dict[str, tuple[str, Any]] = {}  # widget id -> (WidgetState field, value)
        self.auto_rerun: tuple[float, str] | None = None  # (interval s, fragment id) from the server
        self.closed_reason: str | None = None
        self._queue: asyncio.Queue[tuple[ForwardMsg, int] | None] = asyncio.Queue()
        self._reader: asyncio.Task | None = None
        self.all_exceptions: list[str] = []
        self.elements: dict[tuple, Any] = {}  # the page as it stands (last full run + fragment runs)

    async def open(self) -> None:
        url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        self.ws = await connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout,
                                ping_interval=20, ping_timeout=60, compression=None)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                await self._queue.put((msg, len(data)))
        except Exception as exc:  # a dropped connection
            self.closed_reason = f"{type(exc).__name__}: {exc}"
        finally:
            if self.closed_reason is None:
                self.closed_reason = "closed by server"
            await self._queue.put(None)

    async def close(self) -> None:
        if self.ws is not None:
            self.closed_reason = self.closed_reason or "closed by client"
            await self.ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    def _client_state(self, triggers: dict[str, Any], fragment_id: str = "", auto: bool = False) -> ClientState:
        state = ClientState(query_string=self.query, page_name=self.page, fragment_id=fragment_id,
                            is_auto_rerun=auto)
        info = state.context_info
        info.locale, info.timezone, info.timezone_offset = self.locale, "America/Montreal", 240
        info.url = f"http://127.0.0.1:{self.port}/{self.page}" + (f"?{self.query}" if self.query else "")
        for wid, (kind, value) in {**self.widgets, **triggers}.items():
            ws = state.widget_states.widgets.add()
            ws.id = wid
            setattr(ws, kind, value)
        return state

    async def rerun(self, set_widgets: dict[str, tuple[str, Any]] | None = None,
                    triggers: list[str] | None = None, fragment_id: str = "", auto: bool = False) -> Run:
        """Send one rerun_script and read until its script_finished (a st.rerun inside is followed)."""
        self.widgets.update(set_widgets or {})
        back = BackMsg()
        back.rerun_script.CopyFrom(self._client_state({t: ("trigger_value", True) for t in triggers or []},
                                                      fragment_id, auto))
        run = Run()
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        deadline = start + self.timeout
        fragment = bool(fragment_id)
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise SessionError(f"no script_finished within {self.timeout:.0f} s")
            try:
                got = await asyncio.wait_for(self._queue.get(), remaining)
            except TimeoutError:
                raise SessionError(f"no script_finished within {self.timeout:.0f} s") from None
            if got is None:
                raise SessionError(self.closed_reason or "closed")
            msg, size = got
            run.messages += 1
            run.bytes += size
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                run.elements = {}
                fragment = False
            elif kind == "delta":
                path = tuple(msg.metadata.delta_path)
                if msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    run.elements[path] = element
                    if element.WhichOneof("type") == "exception":
                        text = f"{element.exception.type}: {element.exception.message}"
                        run.exceptions.append(text)
                        self.all_exceptions.append(text)
            elif kind == "auto_rerun":
                self.auto_rerun = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
            elif kind == "script_finished":
                status = msg.script_finished
                if status == EARLY:
                    run.elements = {}
                    continue
                run.status = status
                run.seconds = time.perf_counter() - start
                if fragment or status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    self.elements.update(run.elements)
                else:
                    self.elements = dict(run.elements)
                    self._forget_gone_widgets(run)
                return run

    def _forget_gone_widgets(self, run: Run) -> None:
        """The browser sends the values of the widgets on screen only."""
        on_screen = set()
        for element in run.elements.values():
            inner = getattr(element, element.WhichOneof("type") or "empty", None)
            wid = getattr(inner, "id", None)
            if wid:
                on_screen.add(wid)
        self.widgets = {k: v for k, v in self.widgets.items() if k in on_screen}


def item_of(widget_id: str) -> str | None:
    """The item id inside a Reflet answer widget's id (its key is ``w.ws.CODE.ITEM.lang``)."""
    key = widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") else widget_id
    parts = key.split(".")
    if len(parts) == 5 and parts[0] == "w" and parts[1] == "ws":
        return parts[3]
    return None


def component_state(state: dict[str, Any]) -> tuple[str, str]:
    return "json_value", json.dumps(state)
