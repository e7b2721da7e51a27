"""Case numbers (案号): ``（2023）X人调字第N号``, N restarting each year per committee.

The template is a setting. Placeholders: ``{year}``, ``{short}`` (committee short
name), ``{serial}`` (may carry a format spec such as ``{serial:03d}``) and
``{committee}`` (committee code).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

from mediator_app.domain.errors import DomainError, Problem

DEFAULT_TEMPLATE = "（{year}）{short}人调字第{serial}号"
FIELD = "case_no_template"
PLACEHOLDERS: tuple[str, ...] = ("year", "short", "serial", "committee")
REQUIRED_PLACEHOLDERS: tuple[str, ...] = ("year", "serial")

# Half-width and full-width brackets are treated alike when reading a case number.
_BRACKETS = str.maketrans({"（": "(", "）": ")", "〔": "[", "〕": "]", "［": "[", "］": "]"})
_SAMPLE = {"year": 2023, "short": "X", "serial": 1, "committee": "0"}

Segment = tuple[str, str | None, str]  # (literal text, placeholder name, format spec)


def _segments(template: str) -> list[Segment]:
    """Literal text and placeholders; raises ValueError on unbalanced braces or on
    conversions such as ``{short!r}``."""
    segments: list[Segment] = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if conversion:
            raise ValueError(f"conversion !{conversion} not allowed")
        segments.append((literal, name, spec or ""))
    return segments


def _placeholder_problems(segments: list[Segment]) -> list[Problem]:
    names = [name for _lit, name, _spec in segments if name is not None]
    problems = [
        Problem(FIELD, "template.unknown_placeholder", {"name": name})
        for name in dict.fromkeys(names)
        if name not in PLACEHOLDERS
    ]
    problems += [
        Problem(FIELD, "template.missing_placeholder", {"name": name})
        for name in REQUIRED_PLACEHOLDERS
        if name not in names
    ]
    return problems


def validate_template(template: str) -> list[Problem]:
    """Problems with a case-number template; empty if it can be used."""
    try:
        segments = _segments(template)
    except ValueError:
        return [Problem(FIELD, "template.invalid", {"value": template})]
    problems = _placeholder_problems(segments)
    if not problems and _try_format(template, _SAMPLE) is None:
        problems.append(Problem(FIELD, "template.invalid", {"value": template}))
    return problems


def _try_format(template: str, values: dict[str, Any]) -> str | None:
    try:
        return template.format(**values)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def format_case_no(
    template: str, *, year: int, short_name: str, serial: int, committee_code: str = ""
) -> str:
    """The case number for ``serial``; raises ``DomainError`` for a bad template."""
    problems = validate_template(template)
    if problems:
        raise DomainError(problems)
    values = {"year": year, "short": short_name, "serial": serial, "committee": committee_code}
    result = _try_format(template, values)
    if result is None:
        raise DomainError(Problem(FIELD, "template.invalid", {"value": template}))
    return result


def _placeholder_pattern(name: str, spec: str, values: dict[str, Any], index: int) -> str:
    if name == "serial":
        return rf"(?P<serial{index}>\d+)"
    return re.escape(format(values[name], spec).translate(_BRACKETS))


def _pattern(template: str, values: dict[str, Any]) -> re.Pattern[str]:
    parts: list[str] = []
    for index, (literal, name, spec) in enumerate(_segments(template)):
        parts.append(re.escape(literal.translate(_BRACKETS)))
        if name is not None:
            parts.append(_placeholder_pattern(name, spec, values, index))
    return re.compile("".join(parts))


def _serial_of(match: re.Match[str]) -> int | None:
    """The serial if every ``{serial}`` in the template read the same number."""
    serials = {int(text) for text in match.groupdict().values()}
    return serials.pop() if len(serials) == 1 else None


def parse_serial(
    template: str, case_no: str, *, year: int, short_name: str, committee_code: str = ""
) -> int | None:
    """The serial of ``case_no`` if it was made from ``template`` for this committee
    and year; ``None`` otherwise (or if the template is invalid). Full-width and
    half-width brackets are treated alike; leading zeros in the serial are allowed."""
    if validate_template(template):
        return None
    values: dict[str, Any] = {"year": year, "short": short_name, "committee": committee_code}
    try:
        pattern = _pattern(template, values)
    except (ValueError, TypeError):
        return None
    match = pattern.fullmatch(case_no.strip().translate(_BRACKETS))
    return _serial_of(match) if match else None


def next_serial(existing_serials: Iterable[int]) -> int:
    """One more than the highest serial used, or 1."""
    return max(existing_serials, default=0) + 1
