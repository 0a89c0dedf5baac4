"""Join links and QR codes big enough to scan from the back of a room."""

from __future__ import annotations

import io
import math
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import segno

from workshops.codes import normalize_code

JOIN_PARAM = "atelier"
MIN_PNG_PX = 600
QUIET_ZONE = 4


def join_url(base_url: str, code: str) -> str:
    """`base_url` with `?atelier=CODE` set (other query parameters kept)."""
    canonical = normalize_code(code)
    if canonical is None:
        raise ValueError(f"not a join code: {code!r}")
    parts = urlsplit(base_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != JOIN_PARAM]
    query.append((JOIN_PARAM, canonical))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", boost_error=False, micro=False)


def qr_png(url: str, scale: int | None = None) -> bytes:
    """PNG bytes; by default the smallest module scale giving at least MIN_PNG_PX pixels."""
    qr = _qr(url)
    if scale is None:
        width, _ = qr.symbol_size(border=QUIET_ZONE)
        scale = math.ceil(MIN_PNG_PX / width)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=QUIET_ZONE, dark="black", light="white")
    return buffer.getvalue()


def qr_svg(url: str) -> str:
    """A scalable SVG (viewBox only, white background so it reads on a dark theme)."""
    buffer = io.BytesIO()
    _qr(url).save(
        buffer, kind="svg", border=QUIET_ZONE, dark="black", light="white", xmldecl=False, omitsize=True
    )
    return buffer.getvalue().decode("utf-8")
