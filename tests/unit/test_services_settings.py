"""services.settings: the checks of the settings dialog and the one saving transaction."""

from __future__ import annotations

import pytest

from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.services import settings
from mediator_app.storage.db import open_memory
from mediator_app.storage.settings_repo import SettingsRepository

GOOD = {
    "district_name": "测试区", "district_code": "610114",
    "case_no_template": "（{year}）{short}调字第{serial:03d}号",
    "rate_denominator": "accepted", "rate_rounding": "half_up", "rate_decimals": "1",
    "sheet_signatory": "张三", "overdue_days": "45", "followup_days": "15",
}


@pytest.fixture
def db():
    return open_memory()


def test_good_values_are_saved_together(db):
    assert settings.problems(GOOD) == []
    settings.save_settings(db, GOOD)
    stored = SettingsRepository(db).all()
    assert {k: stored[k] for k in GOOD} == GOOD
    assert settings.load_settings(db) == stored


@pytest.mark.parametrize(("key", "value", "code"), [
    ("case_no_template", "{short}人调字", "template.missing_placeholder"),
    ("district_code", "61A", "district_code.invalid"),
    ("district_code", "6101140", "district_code.invalid"),
    ("rate_denominator", "cases", "enum.invalid"),
    ("rate_rounding", "", "enum.invalid"),
    ("rate_decimals", "x", "int.invalid"),
    ("rate_decimals", "11", "int.range"),
    ("rate_decimals", "-1", "int.range"),
    ("overdue_days", "0", "int.range"),
    ("followup_days", "two", "int.invalid"),
])
def test_a_wrong_value_is_refused_and_nothing_is_stored(db, key, value, code):
    before = SettingsRepository(db).all()
    with pytest.raises(DomainError) as err:
        settings.save_settings(db, {**GOOD, key: value})
    assert {(p.field, p.code) for p in err.value.problems} == {(key, code)}
    assert SettingsRepository(db).all() == before
    text = message(err.value.first)
    assert "?" not in text and (value in text or code.startswith("template"))


def test_texts_name_the_setting(db):
    with pytest.raises(DomainError) as err:
        settings.save_settings(db, {"rate_decimals": "12", "overdue_days": "0"})
    texts = [message(p) for p in err.value.problems]
    assert texts == ["“化解率小数位数”应为 0 到 10 之间的整数（现为 12）。",
                     "“超期天数”应为不小于 1 的整数（现为 0）。"]
    assert message(err.value.problems[0], "en") == (
        "Rate decimal places must be a whole number from 0 to 10 (it is 12).")


def test_empty_district_code_is_allowed_and_only_given_keys_are_checked(db):
    settings.save_settings(db, {"district_code": ""})
    assert SettingsRepository(db).get("district_code") == ""


def test_unknown_key_is_a_programming_error(db):
    with pytest.raises(ValueError, match="demo_complete"):
        settings.save_settings(db, {"demo_complete": "1"})
