"""Case status rules: which transitions are allowed and what a stored case must
look like in each status.

待受理 → 调解中 (受理) | 不予受理;  调解中 → 调解成功 | 调解终止.
Closed cases (调解成功, 调解终止) can only go back to 调解中 by ``reopen_case``.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from mediator_app.domain.enums import AgreementForm, CaseStatus, IdType
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.idnumber import check_id_number
from mediator_app.domain.model import Case, Party

OVERDUE_DAYS = 30  # 若干规定 art. 33: mediation normally ends within one month

_TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.REGISTERED: (CaseStatus.IN_MEDIATION, CaseStatus.REJECTED),
    CaseStatus.IN_MEDIATION: (CaseStatus.RESOLVED, CaseStatus.TERMINATED),
    CaseStatus.RESOLVED: (),
    CaseStatus.TERMINATED: (),
    CaseStatus.REJECTED: (),
}

# status -> (fields that must be set, fields that must be empty)
_STATUS_FIELDS: dict[CaseStatus, tuple[tuple[str, ...], tuple[str, ...]]] = {
    CaseStatus.REGISTERED: ((), ("accepted_on", "closed_on")),
    CaseStatus.IN_MEDIATION: (("accepted_on",), ("closed_on",)),
    CaseStatus.RESOLVED: (("accepted_on", "closed_on", "agreement_form"), ()),
    CaseStatus.TERMINATED: (("accepted_on", "closed_on"), ()),
    CaseStatus.REJECTED: (("closed_on",), ("accepted_on",)),
}

_REASON_REQUIRED = (CaseStatus.TERMINATED, CaseStatus.REJECTED)
_DATE_FIELDS = ("received_on", "accepted_on", "closed_on", "judicial_confirmed_on")
_REQUIRED_CODES = ("committee_code", "dispute_type", "source")
# Upper bounds: far beyond any real case, and small enough that a sum over millions of
# cases stays inside SQLite's 64-bit integers (docs/cli.md, "cases.csv").
MAX_AMOUNT_YUAN = 10_000_000_000  # 100 亿元
MAX_AMOUNT_FEN = MAX_AMOUNT_YUAN * 100
MAX_PERSONS = 10_000_000  # people involved, persons of a prevention result
_NON_NEGATIVE = (
    "amount_fen",
    "people_involved",
    "prevent_criminal",
    "prevent_petition",
    "prevent_fight",
    "prevent_suicide",
)


# --- transitions -------------------------------------------------------------


def allowed_transitions(status: CaseStatus) -> tuple[CaseStatus, ...]:
    """Statuses a case can move to (reopening is separate, see ``reopen_allowed``)."""
    return _TRANSITIONS[CaseStatus(status)]


def reopen_allowed(status: CaseStatus) -> bool:
    """Whether a closed case may go back to 调解中 (not for 不予受理)."""
    return status in (CaseStatus.RESOLVED, CaseStatus.TERMINATED)


def check_transition(current: CaseStatus, target: CaseStatus) -> list[Problem]:
    if target in allowed_transitions(current):
        return []
    params = {"from": str(current), "to": str(target)}
    return [Problem("status", "status.transition", params)]


# --- record consistency ------------------------------------------------------


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _date_order_problems(case: Case) -> list[Problem]:
    received, accepted, closed = case.received_on, case.accepted_on, case.closed_on
    problems: list[Problem] = []
    if accepted and accepted < received:
        params = {"accepted_on": _iso(accepted), "received_on": _iso(received)}
        problems.append(Problem("accepted_on", "dates.accepted_before_received", params))
    if closed and accepted and closed < accepted:
        params = {"closed_on": _iso(closed), "accepted_on": _iso(accepted)}
        problems.append(Problem("closed_on", "dates.closed_before_accepted", params))
    elif closed and closed < received:
        params = {"closed_on": _iso(closed), "received_on": _iso(received)}
        problems.append(Problem("closed_on", "dates.closed_before_received", params))
    return problems


def _future_problems(case: Case, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for name in _DATE_FIELDS:
        value: date | None = getattr(case, name)
        if value and value > today:
            params = {"value": _iso(value), "today": _iso(today)}
            problems.append(Problem(name, "dates.future", params))
    return problems


def _status_problems(case: Case) -> list[Problem]:
    required, forbidden = _STATUS_FIELDS[case.status]
    status = str(case.status)
    problems = [
        Problem(name, "required", {"status": status})
        for name in required
        if getattr(case, name) is None
    ]
    problems += [
        Problem(
            name, "status.unexpected_date", {"status": status, "value": _iso(getattr(case, name))}
        )
        for name in forbidden
        if getattr(case, name) is not None
    ]
    return problems


def _agreement_problems(case: Case) -> list[Problem]:
    problems: list[Problem] = []
    if case.agreement_form is not None and case.status != CaseStatus.RESOLVED:
        params = {"status": str(case.status)}
        problems.append(Problem("agreement_form", "agreement.not_resolved", params))
    return problems


def _judicial_problems(case: Case) -> list[Problem]:
    problems: list[Problem] = []
    written = case.agreement_form == AgreementForm.WRITTEN
    if case.judicial_confirmed and not (case.status == CaseStatus.RESOLVED and written):
        problems.append(Problem("judicial_confirmed", "judicial.requires_written"))
    confirmed_on, closed_on = case.judicial_confirmed_on, case.closed_on
    if confirmed_on and closed_on and confirmed_on < closed_on:
        params = {"judicial_confirmed_on": _iso(confirmed_on), "closed_on": _iso(closed_on)}
        problems.append(Problem("judicial_confirmed_on", "dates.judicial_before_closed", params))
    return problems


def _amount_problems(case: Case) -> list[Problem]:
    problems = [
        Problem(name, "negative", {"value": getattr(case, name)})
        for name in _NON_NEGATIVE
        if getattr(case, name) < 0
    ]
    if case.amount_fen > MAX_AMOUNT_FEN:
        problems.append(Problem("amount_yuan", "amount.too_large",
                                {"value": f"{case.amount_fen / 100:.2f}",
                                 "max": MAX_AMOUNT_YUAN}))
    problems += [
        Problem(name, "int.range", {"value": getattr(case, name), "min": 0,
                                    "max": MAX_PERSONS})
        for name in _NON_NEGATIVE[1:]
        if getattr(case, name) > MAX_PERSONS
    ]
    return problems


def _required_code_problems(case: Case) -> list[Problem]:
    return [
        Problem(name, "required")
        for name in _REQUIRED_CODES
        if not (getattr(case, name) or "").strip()
    ]


def _party_problems(index: int, party: Party, today: date) -> list[Problem]:
    prefix = f"parties[{index}]"
    problems: list[Problem] = []
    if not party.name.strip():
        problems.append(Problem(f"{prefix}.name", "required"))
    if party.id_type == IdType.RESIDENT_ID and party.id_number.strip():
        for problem in check_id_number(party.id_number, today=today):
            field = f"{prefix}.{problem.field}"
            problems.append(dataclasses.replace(problem, field=field))
    return problems


def _parties_problems(case: Case, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for index, party in enumerate(case.parties):
        problems += _party_problems(index, party, today)
    return problems


def validate_case(case: Case, *, today: date) -> list[Problem]:
    """Every consistency rule for a case as stored; an empty list means valid."""
    return (
        _required_code_problems(case)
        + _date_order_problems(case)
        + _future_problems(case, today)
        + _status_problems(case)
        + _agreement_problems(case)
        + _judicial_problems(case)
        + _amount_problems(case)
        + _parties_problems(case, today)
    )


def is_overdue(
    case_status: CaseStatus,
    accepted_on: date | None,
    today: date,
    limit_days: int = OVERDUE_DAYS,
) -> bool:
    """调解中 and accepted more than ``limit_days`` days ago."""
    if case_status != CaseStatus.IN_MEDIATION or accepted_on is None:
        return False
    return (today - accepted_on).days > limit_days


# --- applying transitions ----------------------------------------------------


def _transition_changes(
    target: CaseStatus, on: date, agreement_form: AgreementForm | None, reason: str
) -> dict[str, object]:
    if target == CaseStatus.IN_MEDIATION:
        return {"accepted_on": on}
    changes: dict[str, object] = {"closed_on": on}
    if target == CaseStatus.RESOLVED:
        changes["agreement_form"] = agreement_form
    if reason.strip():
        changes["outcome_note"] = reason.strip()
    return changes


def transition_input_problems(
    target: CaseStatus, agreement_form: AgreementForm | None, reason: str
) -> list[Problem]:
    """What an action itself needs: the agreement form for 调解成功, a reason for
    调解终止 / 不予受理 (the date is checked with the resulting record)."""
    problems: list[Problem] = []
    if target == CaseStatus.RESOLVED and agreement_form is None:
        problems.append(Problem("agreement_form", "required", {"status": str(target)}))
    if target in _REASON_REQUIRED and not reason.strip():
        problems.append(Problem("outcome_note", "status.reason_required", {"to": str(target)}))
    return problems


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DomainError(problems)


def apply_transition(
    case: Case,
    target: CaseStatus,
    *,
    on: date,
    agreement_form: AgreementForm | None = None,
    reason: str = "",
    today: date,
) -> Case:
    """A new case in ``target`` status with its date (受理 or 结案) set to ``on``.

    Raises ``DomainError`` if the transition is not allowed; otherwise with every
    problem at once: a missing input (agreement form for 调解成功, reason for
    调解终止/不予受理) and each rule of ``validate_case`` the resulting record breaks."""
    _raise_if(check_transition(case.status, target))
    changes = _transition_changes(target, on, agreement_form, reason)
    result = dataclasses.replace(case, status=target, **changes)  # type: ignore[arg-type]
    problems = transition_input_problems(target, agreement_form, reason)
    _raise_if(_unique(problems + validate_case(result, today=today)))
    return result


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each (field, code) once, first occurrence kept (a missing input is also a
    missing field of the resulting record)."""
    seen: set[tuple[str, str]] = set()
    unique: list[Problem] = []
    for problem in problems:
        if (problem.field, problem.code) not in seen:
            seen.add((problem.field, problem.code))
            unique.append(problem)
    return unique


def reopen_case(case: Case, *, today: date) -> Case:
    """Back to 调解中 from 调解成功/调解终止: clears the closing date, the agreement
    form, performance and judicial confirmation. The ``agreement`` record is kept."""
    if not reopen_allowed(case.status):
        params = {"from": str(case.status), "to": str(CaseStatus.IN_MEDIATION)}
        raise DomainError(Problem("status", "status.transition", params))
    result = dataclasses.replace(
        case,
        status=CaseStatus.IN_MEDIATION,
        closed_on=None,
        agreement_form=None,
        performance=None,
        judicial_confirmed=False,
        judicial_confirmed_on=None,
    )
    _raise_if(validate_case(result, today=today))
    return result
