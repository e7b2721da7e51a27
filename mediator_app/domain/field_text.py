"""Typed text ↔ field values: dates, amounts (yuan typed, fen stored) and whole numbers.

One reading for the case form and the cases.csv reader (services.exchange.case_rows), so that a
value typed into the form and the same value in an imported file are accepted or refused
alike, with the same message. Each reader returns the value (None or 0 for an empty
text) or raises ``DomainError`` with one ``Problem`` on ``field``:

- dates: ``2023-05-01``, ``2023/5/1``, ``2023.5.1``, ``2023年5月1日``, ``20230501``
  (``date.invalid``);
- amounts: ``1234.56``, ``1,234.5``, ``¥1234`` → fen (``decimal.invalid``, ``negative``,
  ``amount.too_large``, ``decimal.precision`` for more than two decimals);
- whole numbers: ``12``, ``1,200``, ``3.0`` (``int.invalid``, ``negative``, ``int.range``).

The readers are on the hot path of a million-row import: the forms our own export
writes (ISO dates, ``1200.50``, ``12``) are read without building a ``Decimal``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.periods import parse_date
from mediator_app.domain.status import MAX_AMOUNT_YUAN, MAX_PERSONS

_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal(MAX_AMOUNT_YUAN)
_PLAIN_YUAN = re.compile(r"[0-9]{1,15}\.[0-9]{2}")


def _refuse(field: str, code: str, **params: Any) -> DomainError:
    return DomainError(Problem(field, code, params))


def date_from_text(text: str, field: str) -> date | None:
    """The date typed as ``text``; None when empty."""
    text = text.strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return parse_date(text, field)


def number_like(text: str) -> bool:
    """A finite whole number too large to be one (``1e30``), not a word."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return False
    return number.is_finite() and number == number.to_integral_value() and number > 0


def _whole(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = Decimal(text)
        if not number.is_finite() or abs(number) > MAX_PERSONS:
            raise ValueError(text)
        value = int(number)
        if number != value:
            raise ValueError(text)
        return value
    except (InvalidOperation, ValueError):
        if number_like(text):
            raise _refuse(field, "int.range", value=text, min=0, max=MAX_PERSONS) from None
        raise _refuse(field, "int.invalid", value=text) from None


def int_from_text(text: str, field: str) -> int:
    """A count (people involved, persons of a prevention result) typed as ``text``;
    0 when empty."""
    text = text.strip().replace(",", "")
    if not text:
        return 0
    value = _whole(text, field)
    if value < 0:
        raise _refuse(field, "negative", value=text)
    if value > MAX_PERSONS:
        raise _refuse(field, "int.range", value=text, min=0, max=MAX_PERSONS)
    return value


def fen_from_text(text: str, field: str = "amount_yuan") -> int:
    """An amount typed in yuan (at most two decimals) as fen; 0 when empty."""
    if _PLAIN_YUAN.fullmatch(text) and len(text) <= 13:  # our export: 1200.50
        return int(text[:-3]) * 100 + int(text[-2:])
    typed = text.strip()  # what a message quotes: as the user wrote it
    text = typed.replace(",", "").lstrip("¥￥")
    if not text:
        return 0
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _refuse(field, "decimal.invalid", value=typed) from None
    if not amount.is_finite():
        raise _refuse(field, "decimal.invalid", value=typed)
    if amount < 0:
        raise _refuse(field, "negative", value=typed)
    if amount > _MAX_AMOUNT:  # before quantize: 1e30 has too many digits for it
        raise _refuse(field, "amount.too_large", value=typed, max=MAX_AMOUNT_YUAN)
    if amount != amount.quantize(_CENT):
        raise _refuse(field, "decimal.precision", value=typed)
    return int(amount * 100)


def fen_to_text(fen: int) -> str:
    """Fen as the form shows them: ``1200``, ``1200.50``; empty for 0."""
    if not fen:
        return ""
    yuan, cents = divmod(fen, 100)
    return f"{yuan}.{cents:02d}" if cents else str(yuan)
