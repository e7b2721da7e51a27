"""The settings stored in the database file (shared by every user of it): validation and
the one transaction that saves them. The per-user display settings (language, text
size) are not here; the GUI keeps them per computer."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.casenumber import validate_template
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.rates import (
    MAX_DECIMALS,
    SETTING_DECIMALS,
    SETTING_DENOMINATOR,
    SETTING_ROUNDING,
    Denominator,
    Rounding,
)
from mediator_app.services import permissions
from mediator_app.services.changes import Changes
from mediator_app.storage.settings_repo import SettingsRepository

# The settings this module saves (what the settings dialog edits).
KEYS = ("district_name", "district_code", "case_no_template", "agreement_no_template",
        SETTING_DENOMINATOR,
        SETTING_ROUNDING, SETTING_DECIMALS, "sheet_signatory", "overdue_days",
        "followup_days")
DAY_KEYS = ("overdue_days", "followup_days")
_DISTRICT_CODE = re.compile(r"\d{6}")
_CHOICES: dict[str, tuple[str, ...]] = {
    SETTING_DENOMINATOR: tuple(d.value for d in Denominator),
    SETTING_ROUNDING: tuple(r.value for r in Rounding),
}


def _int(key: str, text: str, low: int, high: int | None) -> Problem | None:
    try:
        value = int(text.strip())
    except ValueError:
        return Problem(key, "int.invalid", {"value": text})
    if value < low or (high is not None and value > high):
        params: dict[str, object] = {"value": text, "min": low}
        if high is not None:
            params["max"] = high
        return Problem(key, "int.range", params)
    return None


def _problem(key: str, text: str) -> Problem | None:
    if key in ("case_no_template", "agreement_no_template"):
        return None  # validate_template names its own problems
    if key == "district_code":
        ok = not text or _DISTRICT_CODE.fullmatch(text)
        return None if ok else Problem(key, "district_code.invalid", {"value": text})
    if key in _CHOICES and text not in _CHOICES[key]:
        return Problem(key, "enum.invalid", {"value": text, "allowed": list(_CHOICES[key])})
    if key == SETTING_DECIMALS:
        return _int(key, text, 0, MAX_DECIMALS)
    if key in DAY_KEYS:
        return _int(key, text, 1, None)
    return None


def problems(values: Mapping[str, str]) -> list[Problem]:
    """What is wrong with ``values`` (only the keys given are checked): the case-number
    template, a 6-digit district code, the rate rule's choices and decimals (0 to
    ``MAX_DECIMALS``), positive whole numbers of days."""
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ValueError(f"not a setting saved here: {', '.join(unknown)}")
    found: list[Problem] = []
    if "case_no_template" in values:
        found += validate_template(values["case_no_template"])
    if "agreement_no_template" in values:
        found += [dataclasses.replace(p, field="agreement_no_template")
                  for p in validate_template(values["agreement_no_template"])]
    for key, text in values.items():
        problem = _problem(key, text)
        if problem is not None:
            found.append(problem)
    return found


def load_settings(db: Database) -> dict[str, str]:
    """Every stored setting, defaults filled in."""
    return SettingsRepository(db).all()


def save_settings(db: Database, values: Mapping[str, str]) -> Changes:
    """Check and store ``values`` in one transaction; raises ``DomainError`` (nothing
    stored) when any is wrong."""
    permissions.require(db, Action.SETTINGS)  # issue 9
    found = problems(values)
    if found:
        raise DomainError(found)
    repo = SettingsRepository(db)
    with db.atomic():
        for key, value in values.items():
            repo.set(key, value)
    return Changes(settings=True)
