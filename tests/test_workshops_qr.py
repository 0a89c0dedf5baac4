"""Join links and QR codes."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from PIL import Image

from workshops.qr import MIN_PNG_PX, QUIET_ZONE, join_url, qr_png, qr_svg

URL = "https://reflet.example.org/?atelier=K7M2QX"


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://reflet.example.org", "https://reflet.example.org?atelier=K7M2QX"),
        ("https://reflet.example.org/", "https://reflet.example.org/?atelier=K7M2QX"),
        ("https://h/app?lang=fr", "https://h/app?lang=fr&atelier=K7M2QX"),
        ("https://h/?atelier=OLD&lang=en", "https://h/?lang=en&atelier=K7M2QX"),
    ],
)
def test_join_url_sets_the_code(base: str, expected: str) -> None:
    assert join_url(base, "k7m-2qx") == expected
    assert parse_qs(urlsplit(expected).query)["atelier"] == ["K7M2QX"]


def test_join_url_refuses_what_is_not_a_code() -> None:
    with pytest.raises(ValueError):
        join_url("https://h/", "x&admin=1")


def test_png_is_big_enough_and_draws_the_qr_code() -> None:
    image = Image.open(io.BytesIO(qr_png(URL))).convert("L")
    assert image.width == image.height >= MIN_PNG_PX
    qr = segno.make(URL, error="m", boost_error=False)
    assert qr.error == "M"
    modules = qr.symbol_size(border=QUIET_ZONE)[0]
    scale = image.width // modules
    assert scale * modules == image.width
    matrix = list(qr.matrix_iter(border=QUIET_ZONE))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = image.getpixel((x * scale + scale // 2, y * scale + scale // 2))
            assert (pixel < 128) == bool(dark), (x, y)


def test_png_scale_can_be_chosen() -> None:
    image = Image.open(io.BytesIO(qr_png(URL, scale=2)))
    assert image.width == 2 * segno.make(URL, error="m", boost_error=False).symbol_size(border=QUIET_ZONE)[0]


def test_svg_scales_and_has_a_white_background() -> None:
    svg = qr_svg(URL)
    assert svg.startswith("<svg") and "viewBox" in svg
    assert " width=" not in svg.split(">", 1)[0]
    assert "#fff" in svg.lower() or "white" in svg.lower()
