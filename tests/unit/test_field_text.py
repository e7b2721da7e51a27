"""One text ↔ field codec for the case form and the cases.csv reader (issue 11 item 6)."""

from __future__ import annotations

from datetime import date

import pytest

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.field_text import (
    date_from_text,
    fen_from_text,
    fen_to_text,
    int_from_text,
)
from mediator_app.services.exchange import case_rows
from mediator_app.ui.case_form.state import empty_state, read_case


@pytest.mark.parametrize(("text", "fen"), [
    ("", 0), ("  ", 0), ("1200.50", 120050), ("1,234.5", 123450), ("¥88", 8800),
    ("￥0.01", 1), (" 7 ", 700),
])
def test_amounts_in_yuan_become_fen(text: str, fen: int) -> None:
    assert fen_from_text(text) == fen


@pytest.mark.parametrize(("text", "code"), [
    ("12.345", "decimal.precision"), ("abc", "decimal.invalid"), ("NaN", "decimal.invalid"),
    ("-5", "negative"), ("1e30", "amount.too_large"),
    ("12,3a4", "decimal.invalid"), ("¥1,000.001", "decimal.precision"),  # quoted as typed
])
def test_bad_amounts_are_refused_with_the_reason(text: str, code: str) -> None:
    with pytest.raises(DomainError) as exc:
        fen_from_text(text, "amount_yuan")
    assert exc.value.first == Problem("amount_yuan", code, exc.value.first.params)
    assert exc.value.first.params["value"] == text


@pytest.mark.parametrize(("text", "value", "code"), [
    ("12", 12, None), ("1,200", 1200, None), ("3.0", 3, None), ("", 0, None),
    ("3.5", None, "int.invalid"), ("x", None, "int.invalid"), ("-2", None, "negative"),
    ("1e30", None, "int.range"), ("10000001", None, "int.range"),
])
def test_whole_numbers(text: str, value: int | None, code: str | None) -> None:
    if code is None:
        assert int_from_text(text, "people_involved") == value
        return
    with pytest.raises(DomainError) as exc:
        int_from_text(text, "people_involved")
    assert (exc.value.first.field, exc.value.first.code) == ("people_involved", code)


def test_dates_and_the_way_back() -> None:
    assert date_from_text("2023年5月1日", "received_on") == date(2023, 5, 1)
    assert date_from_text("2023-05-01", "received_on") == date(2023, 5, 1)
    assert date_from_text(" ", "received_on") is None
    with pytest.raises(DomainError) as exc:
        date_from_text("2023-02-30", "received_on")
    assert exc.value.first.code == "date.invalid"
    assert [fen_to_text(f) for f in (0, 100, 120050, 5)] == ["", "1", "1200.50", "0.05"]


def _form_problems(field: str, text: str) -> list[tuple[str, str]]:
    state = empty_state(date(2024, 6, 1))
    state[field] = text
    _case, problems = read_case(state)
    return [(p.field, p.code) for p in problems if p.field == field]


def _csv_problems(field: str, text: str) -> list[tuple[str, str]]:
    out: list[case_rows.Located] = []
    if field == "amount_yuan":
        case_rows._fen(text, out)
    elif field == "received_on":
        case_rows._date(text, field, out)
    else:
        case_rows._int(text, field, out)
    return [(p.field, p.code) for _col, p in out]


@pytest.mark.parametrize(("field", "text"), [
    ("amount_yuan", "12.345"), ("amount_yuan", "-5"), ("amount_yuan", "¥1e30"),
    ("amount_yuan", "abc"), ("amount_yuan", "1,200.50"),
    ("people_involved", "3.5"), ("people_involved", "-1"), ("people_involved", "2,000"),
    ("received_on", "2023/13/1"),
])
def test_form_and_csv_import_read_a_field_alike(field: str, text: str) -> None:
    """The same text typed into the form and found in an imported file is refused with
    the same problem (or accepted by both)."""
    assert _form_problems(field, text) == _csv_problems(field, text)
