"""What a mutating use case changed, so that each view refreshes only what it shows
(the window layer's runner announces it in one ``changed`` signal, see ui/tasks.py).

A use case returns its ``Changes``, or a result that carries them as ``.changes``
(``OrgChanges``, ``CodeChanges``, an ``ImportResult`` …), or the case it stored (the
case use cases return the ``Case`` as written). ``changes_of`` reads any of these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from mediator_app.domain.model import Case


@dataclass(frozen=True)
class Changes:
    """Which kinds of data a use case changed. ``case_rowids`` names the cases when
    they are few (a save, a status change); ``cases`` says "some cases" (an import)."""

    case_rowids: tuple[int, ...] = ()
    cases: bool = False
    org: bool = False  # units, committees, people (names and pickers everywhere)
    codes: bool = False  # code tables (dispute types, sources, difficulty classes)
    settings: bool = False  # the ledger's settings (rules such as the overdue days)
    accounts: bool = False  # users and their roles

    @property
    def touches_cases(self) -> bool:
        return self.cases or bool(self.case_rowids)

    def __bool__(self) -> bool:
        return (self.touches_cases or self.org or self.codes or self.settings
                or self.accounts)

    def __or__(self, other: Changes) -> Changes:
        return Changes(case_rowids=tuple(dict.fromkeys(self.case_rowids + other.case_rowids)),
                       cases=self.cases or other.cases, org=self.org or other.org,
                       codes=self.codes or other.codes,
                       settings=self.settings or other.settings,
                       accounts=self.accounts or other.accounts)


NOTHING = Changes()


@runtime_checkable
class CarriesChanges(Protocol):
    """A use case's result that says what it changed."""

    @property
    def changes(self) -> Changes: ...


def changes_of(result: object) -> Changes:
    """What the result of a mutating use case says it changed (nothing for other
    values: e.g. a list of problems, or None)."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, Case):
        return Changes(case_rowids=(result.id,)) if result.id is not None else Changes(
            cases=True)
    if isinstance(result, CarriesChanges):
        return result.changes
    return NOTHING
