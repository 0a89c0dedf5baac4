"""The one error scoring raises for answers it cannot use."""

from __future__ import annotations

from collections.abc import Mapping


class AnswersError(ValueError):
    """Answers that cannot be scored; ``problems`` maps every bad item id to why.

    Raised once, after every answer has been checked, so the message names all
    the bad items at the same time (never only the first, never a silent zero).
    """

    def __init__(self, problems: Mapping[str, str]):
        self.problems: dict[str, str] = dict(problems)
        lines = [f"item '{item}': {msg}" for item, msg in self.problems.items()]
        noun = "answer" if len(lines) == 1 else "answers"
        super().__init__(f"{len(lines)} invalid {noun}:\n" + "\n".join(lines))
