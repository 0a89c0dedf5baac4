"""The sources registry: every research claim Reflet's content may cite."""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from .schema import SourceId, Strict, Text


class Document(Strict):
    citation: str
    note: Text


class Claim(Strict):
    id: SourceId
    section: str
    text: Text
    citation: str | None = None  # for research beyond the source document


class Registry(Strict):
    document: Document
    claims: list[Claim]

    @cached_property
    def ids(self) -> set[str]:
        return {c.id for c in self.claims}

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def duplicate_ids(self) -> list[str]:
        return sorted(i for i, n in Counter(c.id for c in self.claims).items() if n > 1)
