"""The interface's own strings, in French and English.

Strings live in ``i18n/<lang>/<area>.yaml`` as flat ``dotted.key: text`` maps;
each area (app, charts, reports, workshop...) is its own file so that pages
and modules can grow their strings independently. Content (items, feedback)
lives in the questionnaires, not here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


class MissingString(KeyError):
    pass


_BEFORE_COLON_OR_CLOSING = re.compile(r" ([:»])")


def french_spacing(text: str) -> str:
    """Non-breaking spaces where French typography wants them (before « : », inside « »),
    so that a line never starts with a colon or a closing guillemet."""
    return _BEFORE_COLON_OR_CLOSING.sub("\u00a0\\1", text).replace("« ", "«\u00a0")


@cache
def strings(lang: str) -> dict[str, str]:
    """Every string of a language, merged over its area files."""
    merged: dict[str, str] = {}
    for path in sorted((HERE / lang).glob("*.yaml")):
        table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, text in table.items():
            if key in merged:
                raise ValueError(f"{path.name}: key '{key}' is already defined in another file")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{path.name}: key '{key}' must be a non-empty string")
            merged[key] = french_spacing(text) if lang == "fr" else text
    return merged


def t(key: str, lang: str, /, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    table = strings(lang if lang in LANGS else DEFAULT_LANG)
    try:
        text = table[key]
    except KeyError:
        raise MissingString(f"no string '{key}' in '{lang}'") from None
    return text.format(**values) if values else text


def resolve_lang(locale: str | None) -> str:
    """The interface language for a browser locale such as ``en-CA`` or ``fr``."""
    if locale and locale.split("-")[0].split("_")[0].lower() in LANGS:
        return locale.split("-")[0].split("_")[0].lower()
    return DEFAULT_LANG


def number(value: float, lang: str, digits: int = 0) -> str:
    """A number as a reader of ``lang`` writes it: ``12,5`` in French, ``12.5`` in English."""
    text = f"{value:,.{digits}f}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text
