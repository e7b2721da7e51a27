"""The message catalogue (domain/catalogue/): every text outside the Qt window layer has
Chinese and English with the same placeholders, every key the code names exists, and a
key that is missing never reaches the user as itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mediator_app.domain import catalogue
from mediator_app.domain.catalogue import AREAS, pair, text

ROOT = Path(__file__).resolve().parents[2] / "mediator_app"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # 汉字 and Chinese punctuation
PERCENT = re.compile(r"%\(\w+\)[sdr]|%[sdr]")

ENTRIES = [(area, key) for area, table in AREAS.items() for key in table]

# Entries whose two sides may differ in placeholders, and why.
PLACEHOLDERS_DIFFER = {
    ("problem", "ledger.unreadable"): "detail is the spreadsheet library's English words, "
                                      "shown in English only",
    ("import.warning", "conflict.field"): "the English names the column key only (an "
                                          "English word already)",
    ("district", "and_more"): "Chinese counts all the tied units (等5个街道), English the "
                              "others (and 3 other units)",
}
# Entries whose Chinese side has no Chinese character, and why.
NOT_CHINESE = {
    ("cli", "log.sha256"): "the name of the checksum, the same in Chinese",
    ("document", "title.names"): "Chinese writes the names and the dispute type together "
                                 "(张三与李四邻里纠纷); English puts a dash between them",
}


# Modules whose own ``_t(key, lang, …)`` looks up one area.
LOCAL_LOOKUPS = {
    "services/statistics/sheet.py": "sheet",
    "services/statistics/district_report.py": "district",
}


def _names(template: str) -> set[str]:
    return catalogue.placeholders(template) | set(PERCENT.findall(template))


@pytest.mark.parametrize(("area", "key"), ENTRIES)
def test_every_entry_has_chinese_and_english(area: str, key: str) -> None:
    zh, en = pair(area, key)
    assert zh and en and all(t.strip() for t in (*zh, *en))
    if (area, key) not in NOT_CHINESE:
        assert all(CJK.search(t) for t in zh), f"{area}/{key}: the Chinese side is not Chinese"


@pytest.mark.parametrize(("area", "key"), ENTRIES)
def test_placeholders_match_between_chinese_and_english(area: str, key: str) -> None:
    if (area, key) in PLACEHOLDERS_DIFFER:
        return
    zh, en = pair(area, key)
    assert set().union(*map(_names, zh)) == set().union(*map(_names, en)), f"{area}/{key}"
    assert len(zh) == len(en), f"{area}/{key}: both languages need the same fallbacks"


@pytest.mark.parametrize("area", sorted(AREAS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_missing_key_never_shows_as_itself(area: str, lang: str) -> None:
    shown = text(area, "db.no_such_key", lang, path="/x/ledger.db")
    assert shown and "no_such_key" not in shown and "db." not in shown
    assert ("（" in shown or "“" in shown or "。" in shown) if lang == "zh" else shown.isascii()


def test_the_lookup_renders_and_falls_back_to_shorter_templates() -> None:
    assert text("cli", "db.missing", "en", path="a.db") == \
        "The database file “a.db” does not exist."
    assert text("cli", "db.missing", "zh", path="a.db") == "数据库文件“a.db”不存在。"
    assert text("cli", "db.missing", "en_US") == "The database file “?” does not exist."
    # the first template whose placeholders are all given
    assert text("problem", "int.range", "zh", field="人数", value=-1, min=0) == \
        "“人数”应为不小于 0 的整数（现为 -1）。"
    assert text("problem", "int.range", "zh", field="人数", value=-1, min=0, max=9) == \
        "“人数”应为 0 到 9 之间的整数（现为 -1）。"


# ---- every key the code names exists ---------------------------------------------------

def _calls() -> list[tuple[Path, str, list[ast.expr]]]:
    found = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                found.append((path, name, node.args))
    return found


def _literal(args: list[ast.expr], index: int) -> str | None:
    if len(args) > index and isinstance(args[index], ast.Constant) \
            and isinstance(args[index].value, str):
        return str(args[index].value)
    return None


def _named_keys() -> set[tuple[str, str, str]]:
    """(area, key, where) for every literal key in a lookup call of the package."""
    named = set()
    for path, name, args in _calls():
        where = str(path.relative_to(ROOT))
        first, second = _literal(args, 0), _literal(args, 1)
        if name in ("text", "has", "templates") and first in AREAS and second is not None:
            named.add((first, second, where))  # catalogue.text("cli", "db.missing", …)
        elif name == "text" and first is not None and where.startswith("cli/") \
                and first not in AREAS:
            named.add(("cli", first, where))  # cli.texts.text("db.missing", lang)
        elif name in ("StorageError", "storage_error") and first is not None:
            named.add(("cli", first, where))
        elif name in ("AccountError", "LoginFailed", "account_text") and first is not None:
            named.add(("account", first, where))
        elif name == "t" and first is not None and "subsid" in where:
            named.add(("subsidy", first, where))
        elif name == "state_word" and first is not None:
            named.add(("submission_state", first, where))
        elif name == "t" and first is not None and where == "cli/selftest.py":
            named.add(("selftest", first, where))
        elif name == "h" and first is not None and where.startswith("cli/"):
            area = {"cli/commands_trust.py": "help.trust",
                    "cli/commands_subsidy.py": "help.subsidy"}.get(where, "help")
            named.add((area, first, where))
        elif name == "_t" and first is not None and where in (
                "cli/commands_subsidy.py", "cli/commands_docs.py"):
            named.add(("cli." + where[len("cli/commands_"):-3], first, where))
        elif name == "_t" and first is not None and where in LOCAL_LOOKUPS:
            named.add((LOCAL_LOOKUPS[where], first, where))
    return named


def test_the_scan_sees_the_lookups() -> None:
    areas = {area for area, _key, _where in _named_keys()}
    assert {"cli", "account", "subsidy", "help", "help.trust", "help.subsidy",
            "cli.subsidy", "cli.docs", "fault", "selftest", "submission_state",
            "sheet", "district", "rate"} <= areas
    assert len(_named_keys()) > 200


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    missing = sorted((area, key, where) for area, key, where in _named_keys()
                     if key not in AREAS[area])
    assert missing == []


# ---- keys the code builds (f"col.{key}", …): each one it can build exists ------------------

def test_every_built_key_exists() -> None:
    from mediator_app.domain.access import Action, Role
    from mediator_app.domain.rates import Denominator, Rounding
    from mediator_app.services.statistics import sheet

    built = [("sheet", f"col.{k}") for k in sheet._MAIN_COLUMNS]
    built += [("sheet", f"sign.{k}") for k in sheet._SIGNATURES]
    built += [("district", f"month.{m}") for m in range(1, 13)]
    built += [("rate", f"denominator.{d.value}") for d in Denominator]
    built += [("rate", f"rounding.{r.value}{one}") for r in Rounding for one in ("", ".one")]
    built += [("figure", k) for k in ("by_type", "by_source", "prevention.cases",
                                      "prevention.persons", "unit.totals", "unit.direct")]
    built += [("access", f"{what}.{role.name.lower()}") for role in Role
              for what in ("role", "allows")]
    built += [("access", f"action.{action.value}") for action in Action]
    assert [(area, key) for area, key in built if key not in AREAS[area]] == []
    # the figures of a report: tests/unit/test_submissions.py (every figure has a label)


def test_a_roles_chinese_name_is_its_stored_name() -> None:
    from mediator_app.domain.access import Role

    for role in Role:
        assert text("access", f"role.{role.name.lower()}", "zh") == role.value


# ---- a storage code without a text -------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_storage_code_without_a_text_is_a_sentence_and_goes_to_the_log(
        lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mediator_app.cli.texts import storage_error
    from mediator_app.services import faults

    log = tmp_path / "app.log"
    monkeypatch.setenv(faults.LOG_ENV, str(log))
    shown = storage_error("db.brand_new_code", {"path": "/x/a.db"}, lang)
    assert "brand_new_code" not in shown and "{" not in shown and "'path'" not in shown
    assert str(log) in shown
    assert "db.brand_new_code (path)" in log.read_text(encoding="utf-8")
