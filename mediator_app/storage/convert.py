"""Conversions between Python values and the stored text forms."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def d2s(value: date | None) -> str | None:
    return value.isoformat() if value else None


def s2d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def dt2s(value: datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value else None


def s2dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def enum_or_none(cls: type[E], value: str | None) -> E | None:
    return cls(value) if value else None


def now_iso() -> str:
    """Current time, ISO 8601 with the local offset, to the microsecond."""
    return datetime.now(UTC).astimezone().isoformat(timespec="microseconds")
