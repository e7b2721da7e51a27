"""The case form's state: plain JSON-able values as typed (what drafts store), and the
conversions to and from ``Case``. No Qt here."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    IdType,
    PartyKind,
    PartyRole,
    Performance,
    Sex,
)
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.field_text import date_from_text, fen_from_text, fen_to_text, int_from_text
from mediator_app.domain.model import (
    Agreement,
    Case,
    FollowUp,
    InvestigationRecord,
    Party,
    SessionRecord,
    new_case_id,
)
from mediator_app.domain.periods import parse_date

State = dict[str, Any]
STATE_VERSION = 1

PARTY_FIELDS = ("role", "kind", "name", "sex", "ethnicity", "birth_date", "id_type",
                "id_number", "phone", "address", "occupation")
INVESTIGATION_FIELDS = ("held_at", "place", "investigator", "interviewee", "content")
SESSION_FIELDS = ("held_at", "place", "participants", "content", "result")
FOLLOW_UP_FIELDS = ("visited_on", "party_visited", "agreement_no", "performance",
                    "satisfaction", "remaining_risk", "visitor", "note")
AGREEMENT_FIELDS = ("form", "agreement_no", "signed_on", "facts", "disputed_matters",
                    "responsibilities", "terms", "performance_manner", "performance_place",
                    "performance_deadline")
PREVENTIONS = ("prevent_criminal", "prevent_petition", "prevent_fight", "prevent_suicide")
TEXT_FIELDS = ("committee_code", "grid_code", "received_on", "source", "dispute_type",
               "difficulty",
               "case_no", "summary", "amount_yuan", "people_involved", *PREVENTIONS,
               "performance", "judicial_confirmed_on", "status", "accepted_on", "closed_on",
               "agreement_form", "outcome_note")
BOOL_FIELDS = ("mass_dispute", "judicial_confirmed", "archived")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def _record_state(record: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {n: _text(getattr(record, n)) for n in names}


def empty_state(today: date) -> State:
    state: State = {n: "" for n in TEXT_FIELDS}
    state.update({n: False for n in BOOL_FIELDS})
    state.update(version=STATE_VERSION, rowid=None, case_id=new_case_id(), updated_at="",
                 received_on=today.isoformat(), status=CaseStatus.REGISTERED.value,
                 mediator_ids=[], parties=[], investigations=[], sessions=[],
                 agreement={n: "" for n in AGREEMENT_FIELDS}, follow_ups=[])
    return state


def case_to_state(case: Case) -> State:
    state: State = {n: _text(getattr(case, n, None)) for n in TEXT_FIELDS
                    if n != "amount_yuan"}
    for n in PREVENTIONS + ("people_involved",):
        state[n] = str(getattr(case, n) or "") if getattr(case, n) else ""
    state["amount_yuan"] = fen_to_text(case.amount_fen)
    state.update({n: bool(getattr(case, n)) for n in BOOL_FIELDS})
    agreement = case.agreement
    state.update(
        version=STATE_VERSION, rowid=case.id, case_id=case.case_id,
        updated_at=case.updated_at, mediator_ids=list(case.mediator_ids),
        parties=[_record_state(p, PARTY_FIELDS) for p in case.parties],
        investigations=[_record_state(r, INVESTIGATION_FIELDS) for r in case.investigations],
        sessions=[_record_state(r, SESSION_FIELDS) for r in case.sessions],
        agreement=(_record_state(agreement, AGREEMENT_FIELDS) if agreement
                   else {n: "" for n in AGREEMENT_FIELDS}),
        follow_ups=[_record_state(f, FOLLOW_UP_FIELDS) for f in case.follow_ups],
    )
    return state


# ---- parsing ----------------------------------------------------------------------------


class _Reader:
    """Collects every parse problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def date(self, text: str, field: str) -> date | None:
        try:
            return date_from_text(text or "", field)
        except DomainError as exc:
            self.problems += [dataclasses.replace(p, field=field) for p in exc.problems]
            return None

    def datetime(self, text: str, field: str) -> datetime | None:
        text = (text or "").strip()
        if not text:
            return None
        try:
            return datetime.fromisoformat(text.replace("T", " "))
        except ValueError:
            pass
        try:
            return datetime.combine(parse_date(text, field), datetime.min.time())
        except DomainError:
            self.problems.append(Problem(field, "datetime.invalid", {"value": text}))
            return None

    def integer(self, text: str, field: str) -> int:
        try:  # read as the CSV import reads it (domain.field_text)
            return int_from_text(text or "", field)
        except DomainError as exc:
            self.problems += exc.problems
            return 0

    def fen(self, text: str, field: str) -> int:
        try:
            return fen_from_text(text or "", field)
        except DomainError as exc:
            self.problems += exc.problems
            return 0

    def enum(self, cls: Any, text: str, field: str, default: Any = None) -> Any:
        text = (text or "").strip()
        if not text:
            return default
        try:
            return cls(text)
        except ValueError:
            allowed = [m.value for m in cls]
            self.problems.append(Problem(field, "enum.invalid",
                                         {"value": text, "allowed": allowed}))
            return default


def _party(r: _Reader, d: dict[str, str], i: int) -> Party:
    f = f"parties[{i}]."
    return Party(
        name=d.get("name", "").strip(),
        role=r.enum(PartyRole, d.get("role", ""), f + "role", PartyRole.PARTY),
        kind=r.enum(PartyKind, d.get("kind", ""), f + "kind", PartyKind.NATURAL),
        sex=r.enum(Sex, d.get("sex", ""), f + "sex"),
        ethnicity=d.get("ethnicity", "").strip(),
        birth_date=r.date(d.get("birth_date", ""), f + "birth_date"),
        id_type=r.enum(IdType, d.get("id_type", ""), f + "id_type", IdType.RESIDENT_ID),
        id_number=d.get("id_number", "").strip().upper(),
        phone=d.get("phone", "").strip(), address=d.get("address", "").strip(),
        occupation=d.get("occupation", "").strip())


def _texts(d: dict[str, str], names: Iterable[str]) -> dict[str, Any]:
    """The text fields ``names`` of a record, trimmed (keyword arguments of its class)."""
    return {n: d.get(n, "").strip() for n in names}


def _counts(r: _Reader, state: State, names: Iterable[str]) -> dict[str, Any]:
    """The whole-number fields ``names`` (keyword arguments of ``Case``)."""
    return {n: r.integer(state.get(n, ""), n) for n in names}


def _investigation(r: _Reader, d: dict[str, str], i: int) -> InvestigationRecord:
    return InvestigationRecord(
        held_at=r.datetime(d.get("held_at", ""), f"investigations[{i}].held_at"),
        **_texts(d, INVESTIGATION_FIELDS[1:]))


def _session(r: _Reader, d: dict[str, str], i: int) -> SessionRecord:
    return SessionRecord(
        held_at=r.datetime(d.get("held_at", ""), f"sessions[{i}].held_at"),
        **_texts(d, SESSION_FIELDS[1:]))


def _follow_up(r: _Reader, d: dict[str, str], i: int) -> FollowUp:
    f = f"follow_ups[{i}]."
    visited = r.date(d.get("visited_on", ""), f + "visited_on")
    if visited is None and not d.get("visited_on", "").strip():
        r.problems.append(Problem(f + "visited_on", "required"))
    texts = _texts(d, [n for n in FOLLOW_UP_FIELDS if n not in ("visited_on", "performance")])
    return FollowUp(visited_on=visited or date.min,
                    performance=r.enum(Performance, d.get("performance", ""),
                                       f + "performance"), **texts)


def _agreement(r: _Reader, d: dict[str, str], default_form: AgreementForm | None
               ) -> Agreement | None:
    texts = {n: d.get(n, "").strip() for n in AGREEMENT_FIELDS}
    if not any(v for k, v in texts.items() if k != "form"):
        return None
    form = r.enum(AgreementForm, texts["form"], "agreement.form") or default_form
    return Agreement(
        form=form or AgreementForm.WRITTEN, agreement_no=texts["agreement_no"],
        signed_on=r.date(texts["signed_on"], "agreement.signed_on"),
        performance_deadline=r.date(texts["performance_deadline"],
                                    "agreement.performance_deadline"),
        **{n: texts[n] for n in ("facts", "disputed_matters", "responsibilities", "terms",
                                 "performance_manner", "performance_place")})


def _records(r: _Reader, state: State, key: str, build: Any) -> tuple[Any, ...]:
    return tuple(build(r, d, i) for i, d in enumerate(state.get(key) or []))


def state_to_case(state: State) -> Case:
    """The case the form describes; raises ``DomainError`` with every value that cannot
    be read (dates, numbers). Rules (status, ID numbers …) are checked on save."""
    case, problems = read_case(state)
    if problems:
        raise DomainError(problems)
    return case


def read_case(state: State) -> tuple[Case, list[Problem]]:
    """The case the form describes and every value that cannot be read; an unreadable
    value is left empty (a date: today, a number: 0) so that the rules can still be
    checked on the rest and every problem shown in one round."""
    r = _Reader()
    received = r.date(state.get("received_on", ""), "received_on")
    if received is None and not (state.get("received_on") or "").strip():
        r.problems.append(Problem("received_on", "required"))
    agreement_form = r.enum(AgreementForm, state.get("agreement_form", ""), "agreement_form")
    case = Case(
        id=state.get("rowid"), case_id=state.get("case_id") or new_case_id(),
        committee_code=(state.get("committee_code") or "").strip(),
        grid_code=(state.get("grid_code") or "").strip() or None,
        received_on=received or date.today(),
        dispute_type=(state.get("dispute_type") or "").strip(),
        source=(state.get("source") or "").strip(),
        difficulty=(state.get("difficulty") or "").strip() or None,
        status=CaseStatus(state.get("status") or CaseStatus.REGISTERED.value),
        case_no=(state.get("case_no") or "").strip(),
        accepted_on=r.date(state.get("accepted_on", ""), "accepted_on"),
        closed_on=r.date(state.get("closed_on", ""), "closed_on"),
        agreement_form=agreement_form,
        performance=r.enum(Performance, state.get("performance", ""), "performance"),
        judicial_confirmed=bool(state.get("judicial_confirmed")),
        judicial_confirmed_on=r.date(state.get("judicial_confirmed_on", ""),
                                     "judicial_confirmed_on"),
        archived=bool(state.get("archived")),
        amount_fen=r.fen(state.get("amount_yuan", ""), "amount_yuan"),
        people_involved=r.integer(state.get("people_involved", ""), "people_involved"),
        mass_dispute=bool(state.get("mass_dispute")),
        **_counts(r, state, PREVENTIONS),
        summary=(state.get("summary") or "").strip(),
        outcome_note=(state.get("outcome_note") or "").strip(),
        updated_at=state.get("updated_at") or "",
        mediator_ids=tuple(int(x) for x in state.get("mediator_ids") or []),
        parties=_records(r, state, "parties", _party),
        investigations=_records(r, state, "investigations", _investigation),
        sessions=_records(r, state, "sessions", _session),
        agreement=_agreement(r, state.get("agreement") or {}, agreement_form),
        follow_ups=_records(r, state, "follow_ups", _follow_up),
    )
    return case, r.problems
