"""The sources registry: every research claim Reflet's content may cite."""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from pydantic import model_validator

from .schema import SourceId, Strict, Text


class Document(Strict):
    citation: str
    short: str  # how a reader names it in a citation: "Larose 2011"
    note: Text


class Claim(Strict):
    id: SourceId
    section: str
    text: Text
    citation: str | None = None  # for research beyond the source document
    short: str | None = None  # its name in a citation ("Morrow & Styles 1995"); with citation only

    @model_validator(mode="after")
    def _short_with_citation(self) -> Claim:
        if (self.citation is None) != (self.short is None):
            raise ValueError("a claim beyond the source document needs both citation and short")
        return self


class Registry(Strict):
    document: Document
    claims: list[Claim]

    @cached_property
    def ids(self) -> set[str]:
        return {c.id for c in self.claims}

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def cite(self, ids, lang: str = "fr") -> str:
        """Claim ids as a reader cites them: "Larose 2011, § 3.2, 3.3; Morrow & Styles 1995".

        Sections of the source document are grouped after its name, in reading order; a
        study beyond it appears once, by its short name. Unknown ids are left out.
        """
        sections: list[str] = []
        others: list[str] = []
        for claim_id in ids:
            claim = self.by_id.get(claim_id)
            if claim is None:
                continue
            if claim.short is not None:
                if claim.short not in others:
                    others.append(claim.short)
                continue
            section = claim.section.split(",")[0].strip()
            if section not in sections:
                sections.append(section)
        sections.sort(key=lambda sec: [int(n) if n.isdigit() else 0 for n in sec.split(".")])
        parts = [f"{self.document.short}, § {', '.join(sections)}"] if sections else []
        return "; ".join(parts + others)

    def references(self, ids) -> list[str]:
        """The full references behind claim ids: the source document first, then the others."""
        cited = [self.by_id[i] for i in dict.fromkeys(ids) if i in self.by_id]
        refs = [self.document.citation] if any(c.citation is None for c in cited) else []
        refs += sorted({c.citation for c in cited if c.citation is not None})
        return refs

    def duplicate_ids(self) -> list[str]:
        return sorted(i for i, n in Counter(c.id for c in self.claims).items() if n > 1)
