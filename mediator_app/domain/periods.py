"""Statistics periods (year, quarter, month, date range) and lenient date parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from mediator_app.domain.errors import DomainError, Problem

_FULL_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "－": "-",
        "／": "/",
        "．": ".",
        "Ｑ": "Q",
        "ｑ": "Q",
    }
)

_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})年()(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})()(\d{2})(\d{2})"),
)
_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])", re.IGNORECASE)
_RANGE_SEPARATOR = ".."


@dataclass(frozen=True)
class Period:
    """An inclusive date range with a display label."""

    start: date
    end: date  # inclusive
    label: str
    kind: str  # "year" | "quarter" | "month" | "range"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def text(self) -> str:
        """The canonical text ``parse_period`` reads back into this period."""
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isoformat()}{_RANGE_SEPARATOR}{self.end.isoformat()}"

    def shown(self, lang: str) -> str:
        """The period in a sentence of ``lang``: ``2026年10月`` in Chinese, the
        canonical ``2026-10`` in English."""
        return self.text if lang == "en" else self.label


# --- dates -------------------------------------------------------------------


def _date_error(text: str, field: str) -> DomainError:
    return DomainError(Problem(field, "date.invalid", {"value": text}))


def _match_date(text: str) -> date | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            year, _sep, month, day = match.groups()
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                return None
    return None


def parse_date(text: str, field: str) -> date:
    """Read ``2023-05-01``, ``2023/5/1``, ``2023.5.1``, ``2023年5月1日`` or ``20230501``.

    Raises ``DomainError`` with code ``date.invalid`` for anything else."""
    result = _match_date(text.strip().translate(_FULL_WIDTH))
    if result is None:
        raise _date_error(text, field)
    return result


# --- periods -----------------------------------------------------------------


def _last_day_of_month(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def month_label(d: date) -> str:
    """``2023年5月``."""
    return f"{d.year}年{d.month}月"


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year}年", "year")


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, _last_day_of_month(year, month), month_label(start), "month")


def quarter_period(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1..4, got {quarter}")
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    end = _last_day_of_month(year, first_month + 2)
    return Period(start, end, f"{year}年第{quarter}季度", "quarter")


def range_period(start: date, end: date) -> Period:
    label = f"{start.isoformat()} 至 {end.isoformat()}"
    return Period(start, end, label, "range")


def quarters_of(year: int) -> list[Period]:
    return [quarter_period(year, quarter) for quarter in range(1, 5)]


def _month_starts(period: Period) -> list[date]:
    starts: list[date] = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        starts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


def months_of(period: Period) -> list[Period]:
    """The calendar months the period touches, clipped to the period (a range that
    starts on 15 January yields a first month from 15 to 31 January)."""
    months: list[Period] = []
    for first in _month_starts(period):
        whole = month_period(first.year, first.month)
        start, end = max(whole.start, period.start), min(whole.end, period.end)
        months.append(Period(start, end, whole.label, "month"))
    return months


def _parse_range(text: str) -> Period | None:
    first, _sep, last = text.partition(_RANGE_SEPARATOR)
    try:
        start, end = parse_date(first, "period"), parse_date(last, "period")
    except DomainError:
        return None
    return range_period(start, end) if start <= end else None


def _parse_simple(text: str) -> Period | None:
    if match := _YEAR.fullmatch(text):
        return year_period(int(match.group(1)))
    if match := _QUARTER.fullmatch(text):
        return quarter_period(int(match.group(1)), int(match.group(2)))
    if match := _MONTH.fullmatch(text):
        return month_period(int(match.group(1)), int(match.group(2)))
    return None


def parse_period(text: str) -> Period:
    """``2023``, ``2023-05``, ``2023-Q2`` or ``2023-01-01..2023-03-31``.

    Raises ``DomainError`` with code ``period.invalid`` for anything else."""
    cleaned = text.strip().translate(_FULL_WIDTH)
    try:
        if _RANGE_SEPARATOR in cleaned:
            period = _parse_range(cleaned)
        else:
            period = _parse_simple(cleaned)
    except ValueError:
        period = None
    if period is None or period.start.year < 1:
        raise DomainError(Problem("period", "period.invalid", {"value": text}))
    return period
