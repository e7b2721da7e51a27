"""What the case list, the status bar and the dashboard ask for, and the rules they apply
(no SQL: ``storage/case_query.py`` turns these into queries).

Definitions (also in docs/user-guide.md):

* **scope** — everything beneath a node of the navigation tree: an org unit (the case's
  location is the unit or one of its descendants) or a committee.
* **overdue** — status 调解中 and accepted more than ``overdue_days`` (setting, default
  30) days before ``today`` (``overdue_limit``, ``is_overdue``).
* **follow-up due** — status 调解成功 with a closing date, no follow-up visit recorded on
  or after the closing date, and a follow-up deadline (closing date + ``followup_days``,
  default 30) on or before ``today`` + 7 days (due this week or already late):
  ``followup_latest_close``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

DEFAULT_OVERDUE_DAYS = 30
DEFAULT_FOLLOWUP_DAYS = 30
FOLLOWUP_WINDOW_DAYS = 7
IN_MEDIATION = "调解中"
RESOLVED = "调解成功"

#: The names the case list may be sorted by (``storage.case_query`` maps each to SQL).
SORT_KEYS: tuple[str, ...] = (
    "id", "case_no", "received_on", "status", "dispute_type", "source", "committee",
    "location", "parties", "accepted_on", "closed_on", "amount",
)
DEFAULT_SORT = "received_on"


@dataclass(frozen=True)
class Scope:
    kind: str = "all"  # "all" | "org" | "committee"
    code: str = ""


@dataclass(frozen=True)
class CaseFilter:
    scope: Scope = field(default_factory=Scope)
    status: str = ""
    dispute_type: str = ""
    source: str = ""
    committee: str = ""
    date_from: str = ""  # received on or after (ISO)
    date_to: str = ""  # received on or before (ISO)
    overdue: bool = False
    followup_due: bool = False
    file_incomplete: bool = False  # closed cases whose file lacks a required item
    text: str = ""
    today: str = ""  # ISO; empty means date.today()
    overdue_days: int = DEFAULT_OVERDUE_DAYS
    followup_days: int = DEFAULT_FOLLOWUP_DAYS

    def today_date(self) -> date:
        return date.fromisoformat(self.today) if self.today else date.today()


class CaseRow(NamedTuple):
    id: int
    case_no: str
    received_on: str
    status: str
    dispute_type: str
    source: str
    committee_code: str
    org_code: str
    party_names: str
    id_number: str
    phone: str
    accepted_on: str | None
    closed_on: str | None
    summary: str
    amount_fen: int


class ViewCounts(NamedTuple):
    total: int
    in_mediation: int
    resolved: int
    overdue: int


class DueCase(NamedTuple):
    id: int
    case_no: str
    party_names: str
    day: str  # accepted_on (overdue) or follow-up deadline (follow-ups)


# ---- the rules ------------------------------------------------------------------------
def overdue_limit(today: date, days: int) -> str:
    """A case in mediation accepted before this ISO day is overdue."""
    return (today - timedelta(days=days)).isoformat()


def is_overdue(status: str, accepted_on: str | None, today: date, days: int) -> bool:
    """The overdue rule for one case (the list colours its status by it)."""
    return (status == IN_MEDIATION and bool(accepted_on)
            and str(accepted_on) < overdue_limit(today, days))


def followup_latest_close(today: date, days: int,
                          window: int = FOLLOWUP_WINDOW_DAYS) -> str:
    """Resolved cases closed on or before this ISO day have their follow-up due by
    ``today + window`` (their deadline is the closing day + ``days``)."""
    return (today + timedelta(days=window - days)).isoformat()


def followup_earliest_close(today: date, days: int) -> str:
    """Resolved cases closed on or after this ISO day are not yet late for their
    follow-up (the dashboard's "due this week" leaves the late ones to the list)."""
    return (today - timedelta(days=days)).isoformat()


def int_setting(settings: dict[str, str], key: str, default: int) -> int:
    """A whole-number setting such as ``overdue_days`` (never negative; the default
    when it is empty or not a number)."""
    try:
        return max(0, int(settings.get(key, "") or default))
    except ValueError:
        return default
