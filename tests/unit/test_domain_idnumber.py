from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_app.domain.enums import Sex
from mediator_app.domain.errors import Problem
from mediator_app.domain.idnumber import (
    EARLIEST_BIRTH,
    IdInfo,
    check_char,
    check_id_number,
    derive_from_id,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalize_id_number,
)

TODAY = date(2024, 6, 1)
FEMALE_1949 = "11010519491231002X"
MALE_1880 = "440524188001010014"


def codes(value: str) -> list[str]:
    return [p.code for p in check_id_number(value, today=TODAY)]


@pytest.mark.parametrize("value", [FEMALE_1949, MALE_1880])
def test_glossary_examples_are_valid(value: str) -> None:
    assert check_id_number(value, today=TODAY) == []


def test_derive_female_example() -> None:
    assert derive_from_id(FEMALE_1949) == IdInfo(Sex.FEMALE, date(1949, 12, 31), "110105")


def test_derive_male_example_born_1880() -> None:
    assert derive_from_id(MALE_1880) == IdInfo(Sex.MALE, date(1880, 1, 1), "440524")


def test_empty_value_is_not_checked() -> None:
    assert check_id_number("") == []
    assert check_id_number("   ") == []


def test_lowercase_x_and_blanks_are_accepted() -> None:
    assert check_id_number(" 11010519491231002x ", today=TODAY) == []


def test_normalize_full_width() -> None:
    assert normalize_id_number(" １１０１０５１９４９１２３１００２ｘ") == FEMALE_1949
    assert normalize_id_number("11010519491231002Ｘ") == FEMALE_1949


@pytest.mark.parametrize("value", ["1101051949123100", "11010519491231002X1"])
def test_wrong_length(value: str) -> None:
    assert check_id_number(value, today=TODAY) == [
        Problem("id_number", "id.length", {"length": len(value)})
    ]


@pytest.mark.parametrize(
    "value", ["1101051949123100XX", "11010519491231002Y", "A1010519491231002X"]
)
def test_bad_characters(value: str) -> None:
    assert codes(value) == ["id.chars"]


def test_checksum_problem_names_expected_char() -> None:
    assert check_id_number("110105194912310021", today=TODAY) == [
        Problem("id_number", "id.checksum", {"expected": "X"})
    ]


def test_impossible_birth_date() -> None:
    number = make_id_number("110105", date(2000, 1, 1), 1, Sex.MALE)
    bad = number[:6] + "20000230" + number[14:17]
    problems = check_id_number(bad + check_char(bad), today=TODAY)
    assert problems == [Problem("id_number", "id.birth_date", {"value": "20000230"})]


def test_birth_in_future_is_rejected() -> None:
    number = make_id_number("110105", date(2024, 6, 2), 10, Sex.FEMALE)
    assert codes(number) == ["id.birth_date"]
    assert check_id_number(number, today=date(2024, 6, 2)) == []


def test_birth_floor_is_1850() -> None:
    assert EARLIEST_BIRTH == date(1850, 1, 1)
    assert codes(make_id_number("110105", date(1850, 1, 1), 5, Sex.MALE)) == []
    assert codes(make_id_number("110105", date(1849, 12, 31), 5, Sex.MALE)) == ["id.birth_date"]


def test_check_char_known_values() -> None:
    assert check_char("11010519491231002") == "X"
    assert check_char("44052418800101001") == "4"


@pytest.mark.parametrize("bad", ["1234", "1101051949123100X", "１１０１０５１９４９１２３１００２"])
def test_check_char_rejects_non_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        check_char(bad)


def test_derive_returns_none_when_invalid() -> None:
    assert derive_from_id("110105194912310021") is None
    assert derive_from_id("") is None
    assert derive_from_id("abc") is None


regions = st.from_regex(r"[1-6][0-9]{5}", fullmatch=True)
births = st.dates(min_value=EARLIEST_BIRTH, max_value=TODAY)
sexes = st.sampled_from(list(Sex))


@given(regions, births, st.integers(0, 999), sexes)
def test_make_id_number_is_valid_and_derivable(
    region: str, birth: date, seq: int, sex: Sex
) -> None:
    number = make_id_number(region, birth, seq, sex)
    assert len(number) == 18
    assert check_id_number(number, today=TODAY) == []
    assert derive_from_id(number) == IdInfo(sex, birth, region)
    assert abs(int(number[14:17]) - seq) <= 1


@given(regions, births, st.integers(0, 999), sexes, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_detected(
    region: str, birth: date, seq: int, sex: Sex, pos: int, delta: int
) -> None:
    number = make_id_number(region, birth, seq, sex)
    changed_digit = str((int(number[pos]) + delta) % 10)
    changed = number[:pos] + changed_digit + number[pos + 1 :]
    assert check_id_number(changed, today=TODAY) != []


def test_make_id_number_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        make_id_number("11010", date(2000, 1, 1), 1, Sex.MALE)
    with pytest.raises(ValueError):
        make_id_number("110105", date(2000, 1, 1), 1000, Sex.MALE)


def test_make_id_number_parity_edges() -> None:
    assert make_id_number("110105", date(2000, 1, 1), 0, Sex.MALE)[14:17] == "001"
    assert make_id_number("110105", date(2000, 1, 1), 999, Sex.FEMALE)[14:17] == "998"


def test_mask_id_number() -> None:
    assert mask_id_number(FEMALE_1949) == "110105********002X"
    assert mask_id_number("12345678") == "12****78"
    assert mask_id_number("") == ""
    assert mask_id_number("123") == "***"


def test_mask_phone() -> None:
    assert mask_phone("13800000001") == "138****0001"
    assert mask_phone("010-12345678") == "010******678"
    assert mask_phone("") == ""


@given(st.text(min_size=1, max_size=40).map(str.strip).filter(bool))
def test_masks_keep_length_and_hide_the_middle(text: str) -> None:
    for masked in (mask_id_number(text), mask_phone(text)):
        assert len(masked) == len(text)
        assert "*" in masked
        middle = len(text) // 2
        assert masked[middle] == "*"
