from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_app.domain.enums import AgreementForm, CaseStatus, IdType, Sex
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.idnumber import make_id_number
from mediator_app.domain.model import Case, Party
from mediator_app.domain.status import (
    allowed_transitions,
    apply_transition,
    check_transition,
    is_overdue,
    reopen_allowed,
    reopen_case,
    transition_input_problems,
    validate_case,
)

TODAY = date(2024, 6, 30)
RECEIVED = date(2024, 5, 1)
ACCEPTED = date(2024, 5, 3)
CLOSED = date(2024, 5, 20)

S = CaseStatus


def make_case(**changes: Any) -> Case:
    base = Case(
        case_id="c1",
        committee_code="610114001",
        received_on=RECEIVED,
        dispute_type="02",
        source="1",
        parties=(Party(name="张三"), Party(name="李四")),
    )
    return dataclasses.replace(base, **changes)


def resolved_case(**changes: Any) -> Case:
    fields: dict[str, Any] = {
        "status": S.RESOLVED,
        "accepted_on": ACCEPTED,
        "closed_on": CLOSED,
        "agreement_form": AgreementForm.WRITTEN,
    }
    return make_case(**{**fields, **changes})


def codes(case: Case) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in validate_case(case, today=TODAY)}


# --- transitions ---


def test_allowed_transitions() -> None:
    assert allowed_transitions(S.REGISTERED) == (S.IN_MEDIATION, S.REJECTED)
    assert allowed_transitions(S.IN_MEDIATION) == (S.RESOLVED, S.TERMINATED)
    for closed in (S.RESOLVED, S.TERMINATED, S.REJECTED):
        assert allowed_transitions(closed) == ()


def test_reopen_allowed() -> None:
    assert reopen_allowed(S.RESOLVED)
    assert reopen_allowed(S.TERMINATED)
    assert not reopen_allowed(S.REJECTED)
    assert not reopen_allowed(S.IN_MEDIATION)
    assert not reopen_allowed(S.REGISTERED)


@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_check_transition_agrees_with_table(current: CaseStatus, target: CaseStatus) -> None:
    problems = check_transition(current, target)
    if target in allowed_transitions(current):
        assert problems == []
    else:
        assert problems == [
            Problem("status", "status.transition", {"from": current.value, "to": target.value})
        ]


def test_registered_cannot_jump_to_resolved() -> None:
    assert check_transition(S.REGISTERED, S.RESOLVED)[0].code == "status.transition"


# --- validate_case ---


def test_valid_cases_in_each_status() -> None:
    assert validate_case(make_case(), today=TODAY) == []
    assert validate_case(make_case(status=S.IN_MEDIATION, accepted_on=ACCEPTED), today=TODAY) == []
    assert validate_case(resolved_case(), today=TODAY) == []
    assert validate_case(resolved_case(agreement_form=AgreementForm.ORAL), today=TODAY) == []
    terminated = make_case(status=S.TERMINATED, accepted_on=ACCEPTED, closed_on=CLOSED)
    assert validate_case(terminated, today=TODAY) == []
    assert validate_case(make_case(status=S.REJECTED, closed_on=CLOSED), today=TODAY) == []


def test_accepted_before_received() -> None:
    case = make_case(status=S.IN_MEDIATION, accepted_on=RECEIVED - timedelta(days=1))
    problems = validate_case(case, today=TODAY)
    assert problems == [
        Problem(
            "accepted_on",
            "dates.accepted_before_received",
            {"accepted_on": "2024-04-30", "received_on": "2024-05-01"},
        )
    ]


def test_closed_before_accepted() -> None:
    case = resolved_case(closed_on=ACCEPTED - timedelta(days=1))
    assert codes(case) == {("closed_on", "dates.closed_before_accepted")}


def test_closed_before_received_when_rejected() -> None:
    case = make_case(status=S.REJECTED, closed_on=RECEIVED - timedelta(days=1))
    assert codes(case) == {("closed_on", "dates.closed_before_received")}


def test_same_day_dates_are_fine() -> None:
    case = resolved_case(accepted_on=RECEIVED, closed_on=RECEIVED)
    assert validate_case(case, today=RECEIVED) == []


def test_future_dates() -> None:
    tomorrow = TODAY + timedelta(days=1)
    case = make_case(received_on=tomorrow)
    assert validate_case(case, today=TODAY) == [
        Problem("received_on", "dates.future", {"value": "2024-07-01", "today": "2024-06-30"})
    ]
    case = make_case(status=S.IN_MEDIATION, accepted_on=tomorrow)
    assert ("accepted_on", "dates.future") in codes(case)


def test_registered_must_have_no_dates() -> None:
    case = make_case(accepted_on=ACCEPTED, closed_on=CLOSED)
    assert codes(case) == {
        ("accepted_on", "status.unexpected_date"),
        ("closed_on", "status.unexpected_date"),
    }


def test_in_mediation_needs_accepted_and_no_closed() -> None:
    assert codes(make_case(status=S.IN_MEDIATION)) == {("accepted_on", "required")}
    case = make_case(status=S.IN_MEDIATION, accepted_on=ACCEPTED, closed_on=CLOSED)
    assert codes(case) == {("closed_on", "status.unexpected_date")}


def test_resolved_needs_dates_and_agreement_form() -> None:
    case = make_case(status=S.RESOLVED)
    assert codes(case) == {
        ("accepted_on", "required"),
        ("closed_on", "required"),
        ("agreement_form", "required"),
    }


def test_terminated_needs_dates() -> None:
    case = make_case(status=S.TERMINATED, accepted_on=ACCEPTED)
    assert codes(case) == {("closed_on", "required")}


def test_rejected_needs_closed_and_no_accepted() -> None:
    case = make_case(status=S.REJECTED, accepted_on=ACCEPTED)
    assert codes(case) == {("closed_on", "required"), ("accepted_on", "status.unexpected_date")}


def test_agreement_form_only_when_resolved() -> None:
    case = make_case(
        status=S.TERMINATED,
        accepted_on=ACCEPTED,
        closed_on=CLOSED,
        agreement_form=AgreementForm.ORAL,
    )
    assert codes(case) == {("agreement_form", "agreement.not_resolved")}


def test_negative_amount_and_people() -> None:
    case = make_case(amount_fen=-1, people_involved=-2)
    assert validate_case(case, today=TODAY) == [
        Problem("amount_fen", "negative", {"value": -1}),
        Problem("people_involved", "negative", {"value": -2}),
    ]


@pytest.mark.parametrize("name", ["committee_code", "dispute_type", "source"])
def test_required_codes(name: str) -> None:
    assert codes(make_case(**{name: "  "})) == {(name, "required")}


def test_judicial_confirmation_needs_written_resolved() -> None:
    oral = resolved_case(agreement_form=AgreementForm.ORAL, judicial_confirmed=True)
    assert codes(oral) == {("judicial_confirmed", "judicial.requires_written")}
    open_case = make_case(status=S.IN_MEDIATION, accepted_on=ACCEPTED, judicial_confirmed=True)
    assert codes(open_case) == {("judicial_confirmed", "judicial.requires_written")}
    written = resolved_case(judicial_confirmed=True, judicial_confirmed_on=CLOSED)
    assert validate_case(written, today=TODAY) == []


def test_judicial_date_not_before_closed() -> None:
    case = resolved_case(judicial_confirmed=True, judicial_confirmed_on=CLOSED - timedelta(1))
    assert codes(case) == {("judicial_confirmed_on", "dates.judicial_before_closed")}


def test_party_name_required() -> None:
    case = make_case(parties=(Party(name="张三"), Party(name=" ")))
    assert codes(case) == {("parties[1].name", "required")}


def test_party_resident_id_is_checked() -> None:
    bad = Party(name="王五", id_number="110105194912310021")
    case = make_case(parties=(Party(name="张三"), bad))
    assert validate_case(case, today=TODAY) == [
        Problem("parties[1].id_number", "id.checksum", {"expected": "X"})
    ]


def test_other_id_types_and_empty_numbers_are_not_checked() -> None:
    passport = Party(name="Smith", id_type=IdType.PASSPORT, id_number="E1234567")
    empty = Party(name="赵六", id_number="")
    good = Party(name="钱七", id_number=make_id_number("610114", date(1980, 2, 29), 7, Sex.MALE))
    assert validate_case(make_case(parties=(passport, empty, good)), today=TODAY) == []


# --- overdue ---


def test_is_overdue() -> None:
    accepted = date(2024, 5, 1)
    assert not is_overdue(S.IN_MEDIATION, accepted, accepted + timedelta(days=30))
    assert is_overdue(S.IN_MEDIATION, accepted, accepted + timedelta(days=31))
    assert not is_overdue(S.RESOLVED, accepted, accepted + timedelta(days=90))
    assert not is_overdue(S.IN_MEDIATION, None, accepted + timedelta(days=90))
    assert is_overdue(S.IN_MEDIATION, accepted, accepted + timedelta(days=11), limit_days=10)


# --- apply_transition / reopen ---


def test_accept_then_resolve() -> None:
    case = make_case()
    accepted = apply_transition(case, S.IN_MEDIATION, on=ACCEPTED, today=TODAY)
    assert (accepted.status, accepted.accepted_on, accepted.closed_on) == (
        S.IN_MEDIATION,
        ACCEPTED,
        None,
    )
    assert case.status == S.REGISTERED  # original untouched
    done = apply_transition(
        accepted, S.RESOLVED, on=CLOSED, agreement_form=AgreementForm.ORAL, today=TODAY
    )
    assert (done.status, done.closed_on, done.agreement_form) == (
        S.RESOLVED,
        CLOSED,
        AgreementForm.ORAL,
    )


def test_terminate_needs_reason() -> None:
    case = make_case(status=S.IN_MEDIATION, accepted_on=ACCEPTED)
    with pytest.raises(DomainError) as info:
        apply_transition(case, S.TERMINATED, on=CLOSED, today=TODAY)
    assert info.value.problems == [
        Problem("outcome_note", "status.reason_required", {"to": "调解终止"})
    ]
    done = apply_transition(case, S.TERMINATED, on=CLOSED, reason=" 一方撤回 ", today=TODAY)
    assert (done.status, done.closed_on, done.outcome_note) == (S.TERMINATED, CLOSED, "一方撤回")


def test_reject_sets_closed_date_and_reason() -> None:
    done = apply_transition(make_case(), S.REJECTED, on=CLOSED, reason="不属调解范围", today=TODAY)
    assert (done.status, done.accepted_on, done.closed_on) == (S.REJECTED, None, CLOSED)
    assert done.outcome_note == "不属调解范围"


def test_resolve_needs_agreement_form() -> None:
    case = make_case(status=S.IN_MEDIATION, accepted_on=ACCEPTED)
    with pytest.raises(DomainError) as info:
        apply_transition(case, S.RESOLVED, on=CLOSED, today=TODAY)
    assert [(p.field, p.code) for p in info.value.problems] == [("agreement_form", "required")]


def test_disallowed_transition_raises() -> None:
    with pytest.raises(DomainError) as info:
        apply_transition(
            make_case(), S.RESOLVED, on=CLOSED, agreement_form=AgreementForm.ORAL, today=TODAY
        )
    assert info.value.first.code == "status.transition"


def test_transition_date_is_validated() -> None:
    with pytest.raises(DomainError) as info:
        apply_transition(make_case(), S.IN_MEDIATION, on=RECEIVED - timedelta(1), today=TODAY)
    assert info.value.first.code == "dates.accepted_before_received"
    with pytest.raises(DomainError) as info:
        apply_transition(make_case(), S.IN_MEDIATION, on=TODAY + timedelta(1), today=TODAY)
    assert info.value.first.code == "dates.future"


def test_reopen_resolved_case() -> None:
    case = resolved_case(judicial_confirmed=True, judicial_confirmed_on=CLOSED)
    reopened = reopen_case(case, today=TODAY)
    assert reopened.status == S.IN_MEDIATION
    assert reopened.accepted_on == ACCEPTED
    assert reopened.closed_on is None
    assert reopened.agreement_form is None
    assert reopened.judicial_confirmed is False
    assert reopened.judicial_confirmed_on is None
    assert validate_case(reopened, today=TODAY) == []


def test_reopen_rejected_is_not_allowed() -> None:
    with pytest.raises(DomainError) as info:
        reopen_case(make_case(status=S.REJECTED, closed_on=CLOSED), today=TODAY)
    assert info.value.first == Problem(
        "status", "status.transition", {"from": "不予受理", "to": "调解中"}
    )


@given(
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from([S.RESOLVED, S.TERMINATED]),
)
def test_applied_transitions_always_yield_valid_cases(
    accept_after: int, close_after: int, target: CaseStatus
) -> None:
    today = RECEIVED + timedelta(days=100)
    accepted_on = RECEIVED + timedelta(days=accept_after)
    closed_on = accepted_on + timedelta(days=close_after)
    case = apply_transition(make_case(), S.IN_MEDIATION, on=accepted_on, today=today)
    case = apply_transition(
        case,
        target,
        on=closed_on,
        agreement_form=AgreementForm.WRITTEN if target == S.RESOLVED else None,
        reason="原因",
        today=today,
    )
    assert validate_case(case, today=today) == []
    assert case.status == target


def test_transition_reports_missing_input_and_broken_rules_together() -> None:
    case = make_case(status=S.IN_MEDIATION, accepted_on=ACCEPTED)
    with pytest.raises(DomainError) as info:
        apply_transition(case, S.RESOLVED, on=ACCEPTED - timedelta(1), today=TODAY)
    assert [(p.field, p.code) for p in info.value.problems] == [
        ("agreement_form", "required"),  # once, though the record also lacks it
        ("closed_on", "dates.closed_before_accepted"),
    ]


def test_transition_input_problems() -> None:
    assert transition_input_problems(S.IN_MEDIATION, None, "") == []
    assert [p.field for p in transition_input_problems(S.RESOLVED, None, "")] == [
        "agreement_form"]
    assert transition_input_problems(S.RESOLVED, AgreementForm.ORAL, "") == []
    assert [p.code for p in transition_input_problems(S.REJECTED, None, " ")] == [
        "status.reason_required"]


def test_amounts_and_counts_too_large_for_the_database_are_problems():
    """Issue 8 item 9: 99999999999999999999999 from the case form reached SQLite as an
    OverflowError; now it is a problem of the field, with the documented cap."""
    from mediator_app.domain.status import MAX_AMOUNT_FEN, MAX_PERSONS

    assert validate_case(make_case(amount_fen=MAX_AMOUNT_FEN, people_involved=MAX_PERSONS,
                                   prevent_suicide=MAX_PERSONS), today=TODAY) == []
    problems = validate_case(make_case(amount_fen=10**25, people_involved=MAX_PERSONS + 1,
                                       prevent_fight=10**30), today=TODAY)
    assert {(p.field, p.code) for p in problems} == {
        ("amount_yuan", "amount.too_large"), ("people_involved", "int.range"),
        ("prevent_fight", "int.range")}
