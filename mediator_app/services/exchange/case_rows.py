"""One row of cases.csv v1 → the stored column values, with every problem found.

Hot path of a million-row import: plain functions, dictionaries prepared once, fast
paths for the forms our own export writes (ISO dates, canonical UUIDs)."""

from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from mediator_app.domain.enums import AgreementForm, CaseStatus, OrgLevel
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.field_text import date_from_text, fen_from_text, int_from_text
from mediator_app.domain.model import Case
from mediator_app.domain.status import validate_case
from mediator_app.storage.exchange_repo import (
    CASES_V1_COLUMNS,
    OPTIONAL_CASE_COLUMNS,
    ExchangeRepository,
)

FORMAT_COLUMNS: tuple[str, ...] = CASES_V1_COLUMNS  # required
OPTIONAL_COLUMNS: tuple[str, ...] = OPTIONAL_CASE_COLUMNS  # after them, may be absent
COLUMN = {name: i for i, name in enumerate((*FORMAT_COLUMNS, *OPTIONAL_COLUMNS))}
COLUMN["amount_fen"] = COLUMN["amount_yuan"]
CHINA_TZ = timezone(timedelta(hours=8))  # a time without offset is read as Beijing time
_STATUSES = {s.value: s for s in CaseStatus}
_FORMS = {f.value: f for f in AgreementForm}
_TRUE = {"1", "是", "true", "yes", "y", "t"}
_FALSE = {"0", "否", "false", "no", "n", "f", ""}

Located = tuple[int | None, Problem]  # (format column index, problem)
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# status -> (accepted_on required, closed_on required, agreement form required (and only
# then allowed), accepted_on forbidden, closed_on forbidden), as in domain.status.
_SHAPE: dict[CaseStatus, tuple[bool, bool, bool, bool, bool]] = {
    CaseStatus.REGISTERED: (False, False, False, True, True),
    CaseStatus.IN_MEDIATION: (True, False, False, False, True),
    CaseStatus.RESOLVED: (True, True, True, False, False),
    CaseStatus.TERMINATED: (True, True, False, False, False),
    CaseStatus.REJECTED: (False, True, False, True, False),
}
_GRID = OrgLevel.GRID.value
# Dates seen in this import (text -> (date, ISO text)): a million rows hold a few thousand
# distinct days, so most date cells are one dictionary look-up (issue 13).
_MAX_REMEMBERED_DAYS = 50_000


@dataclass(frozen=True)
class Lookups:
    committees: dict[str, str]  # code -> org_code
    units: dict[str, tuple[str, str | None]]  # code -> (level, parent)
    sources: dict[str, str]  # label or code -> code
    types: dict[str, str]
    classes: dict[str, str] = dataclasses.field(default_factory=dict)  # difficulty

    @classmethod
    def load(cls, repo: ExchangeRepository) -> Lookups:
        return cls(repo.committees(), repo.units(), repo.code_lookup("source"),
                   repo.code_lookup("dispute_type"), repo.code_lookup("difficulty"))


def _problem(name: str, code: str, **params: Any) -> Located:
    return COLUMN.get(name), Problem(name, code, params)


def _date(text: str, name: str, out: list[Located]) -> date | None:
    try:
        return date_from_text(text, name)
    except DomainError as exc:
        out.append((COLUMN[name], exc.first))
        return None


def _int(text: str, name: str, out: list[Located]) -> int:
    try:
        return int_from_text(text, name)
    except DomainError as exc:
        out.append((COLUMN.get(name), exc.first))
        return 0


def _fen(text: str, out: list[Located]) -> int:
    try:
        return fen_from_text(text, "amount_yuan")
    except DomainError as exc:
        out.append((COLUMN["amount_yuan"], exc.first))
        return 0


_LOOSE_STAMP = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_stamp(text: str) -> datetime | None:
    """ISO 8601 time, or ``2023/5/1 8:30[:00]`` as Excel re-saves it; a time without
    an offset is taken as Beijing time (UTC+8)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        match = _LOOSE_STAMP.fullmatch(text)
        if match is None:
            return None
        try:
            year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
            value = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    return value if value.tzinfo is not None else value.replace(tzinfo=CHINA_TZ)


FUTURE_SLACK = timedelta(days=1)  # clocks differ; a day ahead of ours is refused


class RowParser:
    def __init__(self, lookups: Lookups, today: date, now: datetime | None = None):
        self.lk = lookups
        self.today = today
        self.now = now or datetime.now(UTC)
        # updated_at decides which copy of a case wins: one far in the future would win
        # against every later edit forever, so it is refused (issue 8 item 11)
        self.latest_stamp = self.now + FUTURE_SLACK
        self._days: dict[str, tuple[date, str]] = {}

    def _day(self, text: str, name: str, out: list[Located]) -> tuple[date | None, str | None]:
        """(the date, its ISO text) of a date cell; (None, None) when empty or invalid
        (then with the problem in ``out``)."""
        known = self._days.get(text)
        if known is not None:
            return known
        day = _date(text, name, out)
        if day is None:
            return None, None
        known = day, day.isoformat()
        if len(self._days) < _MAX_REMEMBERED_DAYS:
            self._days[text] = known
        return known

    @staticmethod
    def stamp_of(text: str) -> datetime | None:
        return parse_stamp(text.strip()) if text else None

    def parse(self, cells: list[str]) -> tuple[tuple[Any, ...] | None, datetime | None,
                                                list[Located]]:
        """(values in IMPORT_COLUMNS order, updated_at, problems)."""
        out: list[Located] = []
        case_id = self._uuid(cells[0], out)
        committee, grid, org_code = self._place(cells[2].strip(), cells[3].strip(), out)
        source = self._code(cells[4], "source", self.lk.sources, out)
        dispute_type = self._code(cells[5], "dispute_type", self.lk.types, out)
        received, received_iso = self._day(cells[6], "received_on", out)
        accepted, accepted_iso = self._day(cells[7], "accepted_on", out)
        status = self._enum(cells[8], "status", _STATUSES, out, required=True)
        closed, closed_iso = self._day(cells[9], "closed_on", out)
        form = self._enum(cells[10], "agreement_form", _FORMS, out, required=False)
        fen = _fen(cells[11], out)
        people = _int(cells[12], "people_involved", out)
        stamp, stamp_text = self._stamp(cells[14], out)
        deleted = self._flag(cells[15], out)
        difficulty = self._class(cells[16] if len(cells) > 16 else None, out)
        if received is None and cells[6].strip() == "":
            out.append(_problem("received_on", "required"))
        if out or received is None or status is None or stamp is None:
            return None, None, out
        case_no = cells[1].strip()
        if not self._plainly_valid(status, received, accepted, closed, form):
            case = Case(case_id=case_id, committee_code=committee, received_on=received,
                        dispute_type=dispute_type, source=source, status=status,
                        case_no=case_no, grid_code=grid or None, accepted_on=accepted,
                        closed_on=closed, agreement_form=form, amount_fen=fen,
                        people_involved=people)
            out.extend((COLUMN.get(p.field), p) for p in validate_case(case, today=self.today))
            if out:
                return None, None, out
        values = (case_id, case_no, received.year, committee, grid or None, org_code,
                  source, dispute_type, received_iso, accepted_iso, closed_iso,
                  str(status), str(form) if form else None, fen, people, cells[13],
                  stamp_text, deleted, difficulty)
        return values, stamp, out

    def _class(self, text: str | None, out: list[Located]) -> str | None:
        """The difficulty class (label or code); None when absent or empty."""
        text = (text or "").strip()
        if not text:
            return None
        code = self.lk.classes.get(text)
        if code is None:
            out.append(_problem("difficulty", "unknown_code", value=text, table="difficulty"))
        return code

    def _plainly_valid(self, status: CaseStatus, received: date, accepted: date | None,
                       closed: date | None, form: AgreementForm | None) -> bool:
        """A cheap proof that ``validate_case`` finds nothing in a row of this format
        (no parties, no judicial fields, amounts already checked ≥ 0): dates in order
        and not in the future, the status's required dates present and forbidden ones
        absent, an agreement form only for 调解成功. False sends the row through the
        full ``validate_case``, which then names the problems."""
        need_accepted, need_closed, need_form, no_accepted, no_closed = _SHAPE[status]
        latest = closed or accepted or received
        return (latest <= self.today and received <= (accepted or received) <= latest
                and (accepted is not None or not need_accepted)
                and (closed is not None or not need_closed)
                and (form is not None) == need_form
                and not (no_accepted and accepted is not None)
                and not (no_closed and closed is not None))

    # ---- fields -----------------------------------------------------------------------
    @staticmethod
    def _uuid(text: str, out: list[Located]) -> str:
        if _CANONICAL_UUID.fullmatch(text):
            return text
        text = text.strip()
        if not text:
            out.append(_problem("case_id", "required"))
            return ""
        try:
            return str(uuid.UUID(text))
        except ValueError:
            out.append(_problem("case_id", "uuid.invalid", value=text))
            return ""

    def _place(self, committee: str, grid: str, out: list[Located]) -> tuple[str, str, str]:
        org_code = self.lk.committees.get(committee, "")
        if not committee:
            out.append(_problem("committee_code", "required"))
        elif not org_code:
            out.append(_problem("committee_code", "unknown_code", value=committee,
                                table="committee"))
        if grid:
            unit = self.lk.units.get(grid)
            if unit is None:
                out.append(_problem("grid_code", "unknown_code", value=grid, table="grid"))
            elif unit[0] != _GRID:
                out.append(_problem("grid_code", "grid.not_grid", value=grid, level=unit[0]))
            org_code = grid
        return committee, grid, org_code

    @staticmethod
    def _code(text: str, name: str, lookup: dict[str, str], out: list[Located]) -> str:
        text = text.strip()
        code = lookup.get(text)
        if code is None:
            if text:
                out.append(_problem(name, "unknown_code", value=text, table=name))
            else:
                out.append(_problem(name, "required"))
            return ""
        return code

    @staticmethod
    def _enum(text: str, name: str, values: dict[str, Any], out: list[Located],
              required: bool) -> Any:
        text = text.strip()
        if not text:
            if required:
                out.append(_problem(name, "required"))
            return None
        value = values.get(text)
        if value is None:
            out.append(_problem(name, "enum.invalid", value=text, allowed=list(values)))
        return value

    def _stamp(self, text: str, out: list[Located]) -> tuple[datetime | None, str]:
        """The time and the text to store: as written when it carries an offset. A
        time more than a day ahead of this machine's clock is refused."""
        text = text.strip()
        if not text:
            out.append(_problem("updated_at", "required"))
            return None, ""
        stamp = parse_stamp(text)
        if stamp is None:
            out.append(_problem("updated_at", "datetime.invalid", value=text))
            return None, ""
        if stamp > self.latest_stamp:
            limit = self.latest_stamp.astimezone(CHINA_TZ).isoformat(timespec="seconds")
            out.append(_problem("updated_at", "datetime.future", value=text, limit=limit))
            return None, ""
        has_offset = text[-1:] in "Zz" or text[-6:-5] in ("+", "-")
        return stamp, text if has_offset else stamp.isoformat()

    @staticmethod
    def _flag(text: str, out: list[Located]) -> int:
        value = text.strip().lower()
        if value in _TRUE:
            return 1
        if value not in _FALSE:
            out.append(_problem("deleted", "bool.invalid", value=text.strip()))
        return 0
