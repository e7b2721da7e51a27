# ruff: noqa: F811 - fixtures are imported from helpers_form
"""The organisation window: a round trip through units, committees and people, the
双员 pairing on both sides, refusals, and the CSV import."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from mediator_app.domain.enums import OrgLevel, PersonRole
from mediator_app.domain.model import Case, new_case_id
from mediator_app.services.cases.edit import save_case
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.ui.org import OrgManagerWindow
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    GRID1,
    commit_text,
    form_ctx,
    form_db,
    form_dialogs,
)
from tests.gui.helpers_i18n import zh_translations


@pytest.fixture
def win(qtbot, form_ctx):
    w = OrgManagerWindow(form_ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def fill(panel, qtbot, **values):
    for name, value in values.items():
        widget = panel.widgets[name]
        if hasattr(widget, "set_key"):
            widget.set_key(value)
        elif hasattr(widget, "set_value"):
            widget.set_value(value)
        else:
            widget.clear()
            if value.isascii():
                qtbot.keyClicks(widget, value)
            else:
                commit_text(widget, value)


def test_round_trip(qtbot, win, form_db, form_dialogs):
    org = OrgRepository(form_db)
    units = win.units
    # a new street under the district, a community under it, a grid under that
    units.select("610114")
    units.new()
    assert units.value("parent_code") == "610114" and units.value("level") == "街道"
    fill(units, qtbot, code="610114009", name="新区街道")
    units.save()
    units.new()
    fill(units, qtbot, code="610114009001", name="新社区", level=OrgLevel.COMMUNITY.value)
    units.save()
    units.new()
    fill(units, qtbot, code="610114009001001", name="新社区第一网格")
    units.save()
    assert [u.code for u in org.ancestors("610114009001001")] == [
        "610114", "610114009", "610114009001", "610114009001001"]
    # edit a name
    units.select("610114009001")
    fill(units, qtbot, name="新华社区")
    units.save()
    assert org.unit("610114009001").name == "新华社区"

    committees = win.committees
    committees.new()
    fill(committees, qtbot, code="C9", name="新华社区人民调解委员会", short_name="新华",
         org_code="610114009001")
    committees.save()
    assert org.committee("C9").short_name == "新华"
    assert committees.current_key == "C9"

    people = win.people
    people.new()
    fill(people, qtbot, name="孙双员", role=PersonRole.BOTH.value, committee_code="C9",
         grid_code="610114009001001", phone="13900000009")
    people.save()
    [p] = [p for p in org.people() if p.name == "孙双员"]
    assert (p.committee_code, p.grid_code, p.role) == ("C9", "610114009001001", PersonRole.BOTH)
    # the pairing shows on both sides
    committees.select("C9")
    assert committees.members.rowCount() == 1
    assert "新社区第一网格" in committees.members.item(0, 3).text()
    units.select("610114009001001")
    assert "孙双员" in units.workers.text() and "新华社区人民调解委员会" in units.workers.text()

    # a case points to the committee: delete refused with a visible message
    save_case(form_db, Case(case_id=new_case_id(), committee_code="C9",
                            received_on=date(2023, 5, 1), dispute_type="01", source="1"))
    win.tabs.setCurrentWidget(committees)
    committees.select("C9")
    committees.delete()
    assert committees.general.isVisible()
    assert "停用" in committees.general.text() or "Deactivate" in committees.general.text()
    assert org.committee("C9") is not None
    # deactivate instead: gone from the list unless inactive entries are shown
    committees.toggle_active()
    assert not org.committee("C9").active
    codes = [committees.table.item(r, 0).text() for r in range(committees.table.rowCount())]
    assert "C9" not in codes
    win.inactive_box.setChecked(True)
    codes = [committees.table.item(r, 0).text() for r in range(committees.table.rowCount())]
    assert "C9" in codes
    # an unreferenced person can be deleted
    people.select(p.id)
    people.delete()
    assert org.person(p.id) is None


def test_rules_are_shown_beside_the_fields(qtbot, win, form_db):
    units = win.units
    units.select("610114001001")  # a village
    units.new()
    fill(units, qtbot, code="610114001001009", name="网格", level=OrgLevel.STREET.value)
    units.save()
    assert units.errors["level"].isVisible()
    assert OrgRepository(form_db).unit("610114001001009") is None
    people = win.people
    win.tabs.setCurrentWidget(people)
    people.new()
    fill(people, qtbot, name="无组", role=PersonRole.MEDIATOR.value)
    people.save()
    assert people.errors["committee_code"].isVisible()
    assert people.widgets["committee_code"].isEnabled()
    assert not people.widgets["grid_code"].isEnabled()


@pytest.fixture
def zh_win(qtbot, form_ctx, qapp):
    """The window with the program's Chinese catalogue loaded, as users see it."""
    from PySide6.QtCore import QLocale

    from mediator_app.ui.i18n import install_translators

    locale = QLocale()
    translators = install_translators(qapp, "zh")
    w = OrgManagerWindow(form_ctx)
    qtbot.addWidget(w)
    yield w
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_a_required_name_is_called_as_on_its_form(qtbot, zh_win):
    units, committees, people = zh_win.units, zh_win.committees, zh_win.people
    for panel in (units, committees, people):
        panel.new()
        panel.save()  # nothing filled in
    for panel in (units, committees):
        assert panel.errors["name"].text() == "请填写“名称”。"
    assert people.errors["name"].text() == "请填写“姓名”。"
    assert units.errors["code"].text() == "请填写“代码”。"


def test_grid_worker_who_is_not_a_mediator(qtbot, win):
    win.units.select("610114001002001")
    assert "赵网格" in win.units.workers.text()
    assert "not a mediator" in win.units.workers.text() or "不是调解员" in win.units.workers.text()
    win.committees.select("C001")
    marks = {win.committees.members.item(r, 0).text(): win.committees.members.item(r, 3).text()
             for r in range(win.committees.members.rowCount())}
    assert marks["王调解"] == "" and GRID1 in marks["李双员"]


def test_csv_import_and_its_errors(qtbot, win, form_db, form_dialogs, tmp_path):
    good = tmp_path / "units.csv"
    good.write_text("code,name,level,parent_code\n610114001003,三社区,社区,610114001\n",
                    encoding="utf-8-sig")
    form_dialogs.files = [[str(good)]]
    with qtbot.waitSignal(win.changed):
        win.import_files()
    assert OrgRepository(form_db).unit("610114001003").name == "三社区"
    assert win.units.tree.findItems("610114001003", Qt.MatchFlag.MatchExactly
                                    | Qt.MatchFlag.MatchRecursive, 1)
    bad = tmp_path / "units_bad.csv"
    bad.write_text("code,name,level,parent_code\n610114001004,四社区,星球,610114001\n",
                   encoding="utf-8-sig")
    form_dialogs.files = [[str(bad)]]
    win.import_files()
    assert win.import_errors.isVisible()
    text = win.import_errors.toPlainText()
    assert "units_bad.csv" in text and "2" in text  # file and line
    assert form_dialogs.kinds()[-1] == "error"
    assert OrgRepository(form_db).unit("610114001004") is None


@pytest.mark.parametrize("package", ["case_form", "org"])
def test_every_source_string_has_a_chinese_translation(package):
    import re
    from pathlib import Path

    folder = Path(__file__).parents[2] / "mediator_app" / "ui" / package
    source = "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.py"))
    used = set(re.findall(r'self\.tr\("((?:[^"\\]|\\.)*)"\)', source))
    zh = zh_translations()  # the committed .ts (resources/i18n)
    assert used and used - set(zh) == set()
    for text in used:  # same placeholders on both sides
        assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", zh[text]))


def _visible_names(people) -> list[str]:
    t = people.table
    return [t.item(r, 0).text() for r in range(t.rowCount()) if not t.isRowHidden(r)]


def test_people_filter_works_in_memory_and_keeps_the_form(qtbot, win, monkeypatch):
    people = win.people
    assert sorted(_visible_names(people)) == ["李双员", "王调解", "赵网格"]
    [row] = [r for r in range(people.table.rowCount())
             if people.table.item(r, 0).text() == "王调解"]
    people.table.selectRow(row)
    fill(people, qtbot, position="主任")  # typed, not saved

    def no_reading(*_a, **_kw):
        raise AssertionError("the filter must not read the database")

    from mediator_app.services.organisation import lookups

    for read in ("people", "committees", "org_units"):
        monkeypatch.setattr(lookups, read, no_reading)
    qtbot.keyClicks(people.filter, "1380000000")
    assert len(_visible_names(people)) == 3
    qtbot.keyClicks(people.filter, "2")  # 13800000002: 李双员's phone
    assert _visible_names(people) == ["李双员"]
    people.filter.clear()
    commit_text(people.filter, "网格")  # grid worker role and grid names
    assert sorted(_visible_names(people)) == ["李双员", "赵网格"]
    assert people.value("name") == "王调解" and people.value("position") == "主任"


def test_committee_members_show_their_grid(win):
    committees = win.committees
    committees.select("C001")
    t = committees.members
    paired = {t.item(r, 0).text(): t.item(r, 3).text() for r in range(t.rowCount())}
    assert paired == {"王调解": "", "李双员": f"东村一网格 ({GRID1})"}
