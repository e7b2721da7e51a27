"""化解率 (resolution rate): 调解成功数 ÷ denominator × 100%.

The denominator and the rounding are settings. The district publishes truncated
figures: 1920 ÷ 1922 = 99.8959…% is printed as 99.89%. All arithmetic is on integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from mediator_app.domain import catalogue

MAX_DECIMALS = 10
NO_RATE = "—"
# the settings keys of the rule (``RateRule.from_settings``)
SETTING_DENOMINATOR = "rate_denominator"
SETTING_ROUNDING = "rate_rounding"
SETTING_DECIMALS = "rate_decimals"


class Rounding(StrEnum):
    TRUNCATE = "truncate"
    HALF_UP = "half_up"


class Denominator(StrEnum):
    DISPUTES = "disputes"  # 排查纠纷数: cases registered in the period
    ACCEPTED = "accepted"  # 受理数
    MEDIATED = "mediated"  # 调结数: resolved + terminated


@dataclass(frozen=True)
class RateRule:
    denominator: Denominator = Denominator.DISPUTES
    rounding: Rounding = Rounding.TRUNCATE
    decimals: int = 2

    def __post_init__(self) -> None:
        if not 0 <= self.decimals <= MAX_DECIMALS:
            raise ValueError(f"decimals must be in 0..{MAX_DECIMALS}, got {self.decimals}")

    @classmethod
    def from_settings(cls, values: Mapping[str, str | None]) -> RateRule:
        """The rule of the settings ``rate_denominator``, ``rate_rounding`` and
        ``rate_decimals``. Never raises: a missing, empty or unknown value falls back
        to the default of that part alone."""
        default = cls()
        return cls(
            _choice(Denominator, values.get(SETTING_DENOMINATOR), default.denominator),
            _choice(Rounding, values.get(SETTING_ROUNDING), default.rounding),
            _decimals(values.get(SETTING_DECIMALS), default.decimals),
        )


_Choice = TypeVar("_Choice", Denominator, Rounding)


def _choice(kind: type[_Choice], text: object, default: _Choice) -> _Choice:
    try:
        return kind(str(text).strip())
    except ValueError:
        return default


def _decimals(text: object, default: int) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        return default
    return value if 0 <= value <= MAX_DECIMALS else default


def _divide(numerator: int, denominator: int, rounding: Rounding) -> int:
    """Integer quotient of two non-negative numbers, truncated or rounded half up."""
    if rounding == Rounding.HALF_UP:
        return (2 * numerator + denominator) // (2 * denominator)
    return numerator // denominator


def compute_rate(numerator: int, denominator: int, rule: RateRule = RateRule()) -> Decimal | None:
    """The rate in percent, quantized to ``rule.decimals`` places; ``None`` if the
    denominator is 0. Negative inputs are rounded symmetrically (away from/towards 0)."""
    if denominator == 0:
        return None
    negative = (numerator < 0) != (denominator < 0)
    scaled = abs(numerator) * 100 * 10**rule.decimals
    units = _divide(scaled, abs(denominator), rule.rounding)
    return Decimal(-units if negative else units).scaleb(-rule.decimals)


def format_rate(rate: Decimal | None) -> str:
    """``99.89%``, or ``—`` when there is no rate."""
    if rate is None:
        return NO_RATE
    return f"{rate:f}%"


def denominator_value(
    rule: RateRule, disputes: int, accepted: int, resolved: int, terminated: int
) -> int:
    """The number the rule divides by."""
    if rule.denominator == Denominator.ACCEPTED:
        return accepted
    if rule.denominator == Denominator.MEDIATED:
        return resolved + terminated
    return disputes


def rate_formula(rule: RateRule, lang: str = "zh") -> str:
    """The formula as printed in report footnotes (the catalogue's "rate" area)."""
    rounding = f"rounding.{rule.rounding.value}" + (".one" if rule.decimals == 1 else "")
    return catalogue.text(
        "rate", "formula", lang,
        denominator=catalogue.text("rate", f"denominator.{rule.denominator.value}", lang),
        rounding=catalogue.text("rate", rounding, lang, decimals=rule.decimals))
