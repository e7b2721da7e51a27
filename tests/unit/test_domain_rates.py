from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_app.domain.rates import (
    Denominator,
    RateRule,
    Rounding,
    compute_rate,
    denominator_value,
    format_rate,
    rate_formula,
)

HALF_UP = RateRule(rounding=Rounding.HALF_UP)


def test_district_example_is_truncated() -> None:
    rate = compute_rate(1920, 1922)
    assert rate == Decimal("99.89")
    assert str(rate) == "99.89"


def test_district_example_half_up() -> None:
    assert str(compute_rate(1920, 1922, HALF_UP)) == "99.90"


def test_default_rule() -> None:
    assert RateRule() == RateRule(Denominator.DISPUTES, Rounding.TRUNCATE, 2)


def test_zero_denominator_gives_none() -> None:
    assert compute_rate(0, 0) is None
    assert compute_rate(5, 0, HALF_UP) is None


@pytest.mark.parametrize(
    ("num", "den", "rule", "text"),
    [
        (1, 1, RateRule(), "100.00"),
        (0, 7, RateRule(), "0.00"),
        (2, 3, RateRule(), "66.66"),
        (2, 3, HALF_UP, "66.67"),
        (1, 8, RateRule(decimals=0), "12"),
        (1, 8, RateRule(rounding=Rounding.HALF_UP, decimals=0), "13"),
        (1, 8, RateRule(decimals=1), "12.5"),
        (1920, 1922, RateRule(decimals=4), "99.8959"),
        (3, 2, RateRule(), "150.00"),
    ],
)
def test_examples(num: int, den: int, rule: RateRule, text: str) -> None:
    assert str(compute_rate(num, den, rule)) == text


@given(
    st.integers(0, 10**7),
    st.integers(1, 10**7),
    st.integers(0, 6),
)
def test_truncation_matches_exact_fraction(num: int, den: int, decimals: int) -> None:
    rate = compute_rate(num, den, RateRule(decimals=decimals))
    assert rate is not None
    assert rate.as_tuple().exponent == -decimals
    exact = Fraction(num * 100, den)
    step = Fraction(1, 10**decimals)
    value = Fraction(rate)
    assert value <= exact < value + step


@given(
    st.integers(0, 10**7),
    st.integers(1, 10**7),
    st.integers(0, 6),
)
def test_half_up_matches_exact_fraction(num: int, den: int, decimals: int) -> None:
    rule = RateRule(rounding=Rounding.HALF_UP, decimals=decimals)
    rate = compute_rate(num, den, rule)
    assert rate is not None
    assert rate.as_tuple().exponent == -decimals
    exact = Fraction(num * 100, den)
    half = Fraction(1, 2 * 10**decimals)
    value = Fraction(rate)
    assert value - half <= exact < value + half


def test_invalid_decimals() -> None:
    with pytest.raises(ValueError):
        RateRule(decimals=-1)


def test_format_rate() -> None:
    assert format_rate(Decimal("99.89")) == "99.89%"
    assert format_rate(compute_rate(0, 3)) == "0.00%"
    assert format_rate(compute_rate(1, 1, RateRule(decimals=0))) == "100%"
    assert format_rate(None) == "—"


def test_rate_formula_default_chinese() -> None:
    assert rate_formula(RateRule()) == "化解率 = 调解成功数 ÷ 排查纠纷数 × 100%，截位保留2位小数"


def test_rate_formula_variants() -> None:
    rule = RateRule(Denominator.ACCEPTED, Rounding.HALF_UP, 1)
    assert rate_formula(rule) == "化解率 = 调解成功数 ÷ 受理数 × 100%，四舍五入保留1位小数"
    assert rate_formula(rule, "en") == (
        "Resolution rate = cases resolved ÷ cases accepted × 100%, "
        "rounded half up to 1 decimal place"
    )
    assert "truncated to 2 decimal places" in rate_formula(RateRule(), "en")
    assert "调解终止数" in rate_formula(RateRule(Denominator.MEDIATED))


@pytest.mark.parametrize(
    ("denominator", "expected"),
    [(Denominator.DISPUTES, 100), (Denominator.ACCEPTED, 80), (Denominator.MEDIATED, 70)],
)
def test_denominator_value(denominator: Denominator, expected: int) -> None:
    rule = RateRule(denominator=denominator)
    assert (
        denominator_value(rule, disputes=100, accepted=80, resolved=60, terminated=10) == expected
    )


def test_rule_from_settings() -> None:
    values = {"rate_denominator": "mediated", "rate_rounding": "half_up", "rate_decimals": "1"}
    assert RateRule.from_settings(values) == RateRule(Denominator.MEDIATED, Rounding.HALF_UP, 1)
    assert RateRule.from_settings({"rate_decimals": " 0 "}) == RateRule(decimals=0)
    assert RateRule.from_settings({}) == RateRule()


@pytest.mark.parametrize("values", [
    {"rate_denominator": "", "rate_rounding": "", "rate_decimals": ""},
    {"rate_denominator": "cases", "rate_rounding": "ceil", "rate_decimals": "two"},
    {"rate_denominator": None, "rate_rounding": None, "rate_decimals": None},
    {"rate_decimals": "11"},
    {"rate_decimals": "-1"},
    {"rate_decimals": "1.5"},
])
def test_unreadable_settings_fall_back_to_the_defaults(values: dict) -> None:
    assert RateRule.from_settings(values) == RateRule()


def test_one_bad_setting_keeps_the_others() -> None:
    values = {"rate_denominator": "accepted", "rate_rounding": "bogus", "rate_decimals": "3"}
    assert RateRule.from_settings(values) == RateRule(Denominator.ACCEPTED, Rounding.TRUNCATE, 3)
