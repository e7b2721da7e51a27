"""Domain errors carry a field and a code, not a sentence; the UI and the CLI map
codes to text (see ``mediator_app.domain.messages``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: which field, what code, and parameters."""

    field: str
    code: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class DomainError(Exception):
    """Raised when input breaks a domain rule. Holds one or more problems."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems: list[Problem] = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]
