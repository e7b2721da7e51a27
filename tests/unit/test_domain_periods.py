from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.periods import (
    Period,
    month_label,
    months_of,
    parse_date,
    parse_period,
    quarters_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023", Period(date(2023, 1, 1), date(2023, 12, 31), "2023年", "year")),
        ("2023-05", Period(date(2023, 5, 1), date(2023, 5, 31), "2023年5月", "month")),
        ("2024-2", Period(date(2024, 2, 1), date(2024, 2, 29), "2024年2月", "month")),
        ("2023-02", Period(date(2023, 2, 1), date(2023, 2, 28), "2023年2月", "month")),
        ("2023-12", Period(date(2023, 12, 1), date(2023, 12, 31), "2023年12月", "month")),
        ("2023-Q2", Period(date(2023, 4, 1), date(2023, 6, 30), "2023年第2季度", "quarter")),
        (" 2023-q4 ", Period(date(2023, 10, 1), date(2023, 12, 31), "2023年第4季度", "quarter")),
        (
            "2023-01-01..2023-03-31",
            Period(date(2023, 1, 1), date(2023, 3, 31), "2023-01-01 至 2023-03-31", "range"),
        ),
        (
            "2023/1/1..2023年3月31日",
            Period(date(2023, 1, 1), date(2023, 3, 31), "2023-01-01 至 2023-03-31", "range"),
        ),
    ],
)
def test_parse_period(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "23",
        "2023-13",
        "2023-00",
        "2023-Q5",
        "2023-Q0",
        "2023-05-01",
        "2023-03-31..2023-01-01",
        "2023-01-01..",
        "..2023-01-01",
        "0000",
        "abc",
        "2023-02-30..2023-03-01",
    ],
)
def test_parse_period_invalid(text: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_period(text)
    assert info.value.problems == [Problem("period", "period.invalid", {"value": text})]


@pytest.mark.parametrize(
    "text",
    [
        "2023-05-01",
        "2023/5/1",
        "2023.5.1",
        "2023年5月1日",
        "2023年05月01日",
        "20230501",
        " 2023-5-1 ",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text, "received_on") == date(2023, 5, 1)


def test_parse_date_full_width_digits() -> None:
    assert parse_date("２０２３－０５－０１", "x") == date(2023, 5, 1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2023-13-01",
        "2023-02-29",
        "2023/5-1",
        "2023-05",
        "2023501",
        "01/05/2023",
        "明天",
        "2023-05-01x",
    ],
)
def test_parse_date_invalid(text: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_date(text, "accepted_on")
    assert info.value.problems == [Problem("accepted_on", "date.invalid", {"value": text})]


dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(dates)
def test_parse_date_round_trips_all_formats(d: date) -> None:
    texts = [
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d:%Y%m%d}",
    ]
    for text in texts:
        assert parse_date(text, "f") == d


def test_quarters_of() -> None:
    quarters = quarters_of(2023)
    assert [q.label for q in quarters] == [f"2023年第{i}季度" for i in range(1, 5)]
    assert quarters[0].start == date(2023, 1, 1)
    assert quarters[-1].end == date(2023, 12, 31)


def test_months_of_year() -> None:
    months = months_of(parse_period("2024"))
    assert len(months) == 12
    assert months[1] == Period(date(2024, 2, 1), date(2024, 2, 29), "2024年2月", "month")


def test_months_of_range_are_clipped() -> None:
    months = months_of(parse_period("2023-01-15..2023-03-10"))
    assert [(m.start, m.end) for m in months] == [
        (date(2023, 1, 15), date(2023, 1, 31)),
        (date(2023, 2, 1), date(2023, 2, 28)),
        (date(2023, 3, 1), date(2023, 3, 10)),
    ]
    assert [m.label for m in months] == ["2023年1月", "2023年2月", "2023年3月"]


def test_months_of_end_of_calendar() -> None:
    months = months_of(parse_period("9999-Q4"))
    assert [m.end for m in months] == [date(9999, 10, 31), date(9999, 11, 30), date(9999, 12, 31)]


def test_month_label() -> None:
    assert month_label(date(2023, 5, 17)) == "2023年5月"


def _assert_tiles(parts: list[Period], whole: Period) -> None:
    assert parts[0].start == whole.start
    assert parts[-1].end == whole.end
    for before, after in itertools.pairwise(parts):
        assert after.start == before.end + timedelta(days=1)


@given(st.integers(1900, 2100))
def test_quarters_and_months_tile_the_year(year: int) -> None:
    whole = parse_period(str(year))
    _assert_tiles(quarters_of(year), whole)
    _assert_tiles(months_of(whole), whole)
    assert sum((m.end - m.start).days + 1 for m in months_of(whole)) == (
        (whole.end - whole.start).days + 1
    )


@given(dates, st.integers(0, 800))
def test_months_of_range_tiles_range(start: date, length: int) -> None:
    end = start + timedelta(days=min(length, (date.max - start).days))
    period = parse_period(f"{start.isoformat()}..{end.isoformat()}")
    _assert_tiles(months_of(period), period)


@given(
    st.one_of(
        st.integers(1900, 2100).map(str),
        st.tuples(st.integers(1900, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.tuples(st.integers(1900, 2100), st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    )
)
def test_period_text_round_trips(text: str) -> None:
    period = parse_period(text)
    assert period.text == text
    assert parse_period(period.text) == period
    assert period.contains(period.start) and period.contains(period.end)
    assert not period.contains(period.end + timedelta(days=1))
