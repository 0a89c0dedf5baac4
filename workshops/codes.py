"""Join codes: short, random, without look-alike characters."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_TYPED_SEPARATORS = re.compile(r"[\s\-_.]+")
_VALID = re.compile(rf"[{ALPHABET}]{{{CODE_LENGTH}}}")


def new_code() -> str:
    """A random join code of CODE_LENGTH characters from ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(typed: str) -> str | None:
    """The canonical code for what a person typed ("abc-def " -> "ABCDEF"), or None."""
    code = _TYPED_SEPARATORS.sub("", typed).upper()
    return code if _VALID.fullmatch(code) else None
