from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_app.domain.casenumber import (
    DEFAULT_TEMPLATE,
    format_case_no,
    next_serial,
    parse_serial,
    validate_template,
)
from mediator_app.domain.errors import DomainError, Problem


def test_default_template() -> None:
    assert DEFAULT_TEMPLATE == "（{year}）{short}人调字第{serial}号"
    assert validate_template(DEFAULT_TEMPLATE) == []
    assert format_case_no(DEFAULT_TEMPLATE, year=2023, short_name="长安", serial=7) == (
        "（2023）长安人调字第7号"
    )


def test_format_spec_and_committee() -> None:
    template = "{committee}-{year}-{serial:04d}"
    number = format_case_no(
        template, year=2024, short_name="x", serial=12, committee_code="610114001"
    )
    assert number == "610114001-2024-0012"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "{year}{serial}{foo}",
            [Problem("case_no_template", "template.unknown_placeholder", {"name": "foo"})],
        ),
        (
            "（{year}）第号",
            [Problem("case_no_template", "template.missing_placeholder", {"name": "serial"})],
        ),
        (
            "第{serial}号",
            [Problem("case_no_template", "template.missing_placeholder", {"name": "year"})],
        ),
        (
            "{year}{serial",
            [Problem("case_no_template", "template.invalid", {"value": "{year}{serial"})],
        ),
        (
            "{year}{serial:zz}",
            [Problem("case_no_template", "template.invalid", {"value": "{year}{serial:zz}"})],
        ),
        (
            "{year}{short!r}{serial}",
            [Problem("case_no_template", "template.invalid", {"value": "{year}{short!r}{serial}"})],
        ),
    ],
)
def test_validate_template_problems(template: str, expected: list[Problem]) -> None:
    assert validate_template(template) == expected


def test_format_with_bad_template_raises() -> None:
    with pytest.raises(DomainError) as info:
        format_case_no("第{serial}号", year=2023, short_name="x", serial=1)
    assert info.value.first.code == "template.missing_placeholder"


def test_parse_serial_default() -> None:
    kwargs = {"year": 2023, "short_name": "长安"}
    assert parse_serial(DEFAULT_TEMPLATE, "（2023）长安人调字第15号", **kwargs) == 15
    assert parse_serial(DEFAULT_TEMPLATE, " (2023)长安人调字第15号 ", **kwargs) == 15


@pytest.mark.parametrize(
    "case_no",
    [
        "（2022）长安人调字第15号",  # other year
        "（2023）曲江人调字第15号",  # other committee
        "（2023）长安人调字第号",
        "（2023）长安人调字第十五号",
        "（2023）长安人调字第15号补",
        "",
    ],
)
def test_parse_serial_mismatch(case_no: str) -> None:
    assert parse_serial(DEFAULT_TEMPLATE, case_no, year=2023, short_name="长安") is None


def test_parse_serial_with_padding_and_repeated_serial() -> None:
    template = "{year}-{serial:03d}/{serial}"
    assert parse_serial(template, "2023-007/7", year=2023, short_name="") == 7
    assert parse_serial(template, "2023-007/8", year=2023, short_name="") is None


def test_parse_serial_special_characters_in_short_name() -> None:
    template = "[{year}]{short}.{serial}"
    assert parse_serial(template, "[2023]a+b.4", year=2023, short_name="a+b") == 4
    assert parse_serial(template, "[2023]aab.4", year=2023, short_name="a+b") is None


def test_parse_serial_invalid_template() -> None:
    assert parse_serial("{serial}", "5", year=2023, short_name="") is None


templates = st.sampled_from(
    [
        DEFAULT_TEMPLATE,
        "{committee}-{year}-{serial:04d}",
        "{short}调〔{year}〕{serial:03d}号",
        "{year}{serial}",
    ]
)


@given(
    templates,
    st.integers(1900, 2100),
    st.text(alphabet="长安曲江XYZ()（）.*+?", min_size=1, max_size=6),
    st.integers(1, 99_999),
    st.from_regex(r"[0-9]{0,12}", fullmatch=True),
)
def test_parse_serial_inverts_format(
    template: str, year: int, short: str, serial: int, committee: str
) -> None:
    number = format_case_no(
        template, year=year, short_name=short, serial=serial, committee_code=committee
    )
    parsed = parse_serial(template, number, year=year, short_name=short, committee_code=committee)
    assert parsed == serial


def test_next_serial() -> None:
    assert next_serial([]) == 1
    assert next_serial([3, 1, 2]) == 4
    assert next_serial(iter([10, 5])) == 11
