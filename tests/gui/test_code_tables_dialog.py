"""The code tables dialog driven as a user would: add, rename, deactivate, a refused
delete; and the case form's pickers with a deactivated entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mediator_app.storage import lookup_repo
from mediator_app.storage.code_repo import CodeRepository
from mediator_app.ui.code_tables import (
    COL_ACTIVE,
    COL_CASES,
    COL_GROUP,
    COL_LABEL,
    COL_VERSION,
    CodeTablePanel,
    CodeTablesDialog,
)
from tests.gui.helpers_form import commit_text


@pytest.fixture
def dialog(ctx, qtbot):
    d = CodeTablesDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def row_of(panel: CodeTablePanel, code: str) -> int:
    return panel.codes().index(code)


def cell(panel: CodeTablePanel, code: str, col: int) -> str:
    return panel.table.item(row_of(panel, code), col).text()


def pick(panel: CodeTablePanel, code: str) -> None:
    panel.table.selectRow(row_of(panel, code))
    assert panel.selected_code() == code


def replace_text(qtbot, line_edit, text: str) -> None:
    line_edit.selectAll()
    qtbot.keyClick(line_edit, Qt.Key.Key_Delete)
    commit_text(line_edit, text)


def test_lists_both_tables_with_case_counts(dialog, case_db):
    types, sources = dialog.types, dialog.sources
    assert types.codes()[:3] == ["01", "02", "03"] and len(types.codes()) == 18
    assert types.table.isColumnHidden(COL_GROUP)
    assert not sources.table.isColumnHidden(COL_GROUP)
    assert cell(sources, "4", COL_GROUP) == "接受委托移送"
    used = case_db.execute("SELECT count(*) FROM cases WHERE dispute_type = '02'").fetchone()[0]
    assert used > 0 and cell(types, "02", COL_CASES) == str(used)
    assert cell(types, "17", COL_CASES) == "0"


def test_add_an_entry(dialog, qtbot, ctx):
    panel = dialog.types
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    form = panel.form
    assert form is not None and form.isVisible()
    assert form.order.value() == 18  # after the last entry
    qtbot.keyClicks(form.code, "18")
    commit_text(form.label, "校园纠纷")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert cell(panel, "18", COL_LABEL) == "校园纠纷"
    assert panel.selected_code() == "18"
    assert "18" in [i.code for i in lookup_repo.code_items(ctx.read_db, "dispute_type")]


def test_problems_are_shown_beside_the_fields(dialog, qtbot):
    panel = dialog.types
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    form = panel.form
    qtbot.keyClicks(form.code, "01")
    commit_text(form.label, "邻里纠纷")  # the name of 02
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert form.errors["code"].isVisible()
    # fields are named as on the form (untranslated here: no translator installed)
    assert form.errors["code"].text() == f"{form.labels['code']}“01”已存在，不能重复。"
    assert "02" in form.errors["label"].text() and form.errors["label"].isVisible()
    replace_text(qtbot, form.code, "A-1")
    replace_text(qtbot, form.label, "")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "只能由字母和数字组成" in form.errors["code"].text()
    assert form.errors["label"].text() == f"请填写“{form.labels['label']}”。"
    assert len(panel.codes()) == 18


def test_source_needs_a_group(dialog, qtbot):
    panel = dialog.sources
    dialog.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    form = panel.form
    qtbot.keyClicks(form.code, "7")
    commit_text(form.label, "信访转办")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors["group_label"].text() == f"请填写“{form.labels['group_label']}”。"
    form.group.set_value("接受委托移送")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert cell(panel, "7", COL_GROUP) == "接受委托移送"


def test_rename_keeps_the_code(dialog, qtbot, ctx):
    panel = dialog.types
    pick(panel, "02")
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    form = panel.form
    assert form.code.isReadOnly() and form.code.text() == "02"
    assert form.hint.isVisible() and cell(panel, "02", COL_CASES) in form.hint.text()
    replace_text(qtbot, form.label, "邻里关系纠纷")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert cell(panel, "02", COL_LABEL) == "邻里关系纠纷"
    assert cell(panel, "02", COL_VERSION) == "2"
    stored = CodeRepository(ctx.read_db).item("dispute_type", "02")
    assert stored is not None and stored.label == "邻里关系纠纷"


def test_deactivate_and_reactivate(dialog, qtbot, ctx):
    panel = dialog.types
    pick(panel, "15")
    assert panel.active_button.text() == "Deactivate"
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(panel.active_button, Qt.MouseButton.LeftButton)
    assert cell(panel, "15", COL_ACTIVE) == "No (hidden)"
    assert panel.selected_code() == "15" and panel.active_button.text() == "Reactivate"
    assert "15" not in [i.code for i in lookup_repo.code_items(ctx.read_db, "dispute_type")]
    qtbot.mouseClick(panel.active_button, Qt.MouseButton.LeftButton)
    assert cell(panel, "15", COL_ACTIVE) == "Yes"


def test_delete_is_refused_with_a_message_when_used(dialog, qtbot, dialogs):
    panel = dialog.types
    pick(panel, "02")
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert dialogs.calls[-1][0] == "confirm"
    assert panel.message.isVisible()
    assert "不能删除" in panel.message.text() and "02 邻里纠纷" in panel.message.text()
    assert "02" in panel.codes()
    pick(panel, "17")  # unused
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "17" not in panel.codes()
    assert not panel.message.isVisible()


def test_case_form_offers_active_entries_but_shows_a_case_inactive_one(
        dialog, qtbot, ctx, case_db, tmp_path):
    from mediator_app.ui.case_form import CaseFormWindow

    ctx.extra["drafts_dir"] = str(tmp_path / "drafts")
    pick(dialog.types, "15")
    qtbot.mouseClick(dialog.types.active_button, Qt.MouseButton.LeftButton)
    rowid = case_db.execute(
        "SELECT id FROM cases WHERE dispute_type = '15' LIMIT 1").fetchone()[0]
    old = CaseFormWindow(ctx, rowid)
    qtbot.addWidget(old)
    picker = old.basic.widgets["dispute_type"]
    assert picker.currentText() == "15 拖欠农民工工资纠纷 (inactive)"
    assert old.basic.value("dispute_type") == "15"
    new = CaseFormWindow(ctx, None)
    qtbot.addWidget(new)
    offered = [new.basic.widgets["dispute_type"].itemData(i)
               for i in range(new.basic.widgets["dispute_type"].count())]
    assert "15" not in offered and "02" in offered
    old.basic.set_value("dispute_type", "02")  # e.g. another case shown in the form
    assert "15" not in [picker.itemData(i) for i in range(picker.count())]
    assert picker.currentText() == "02 邻里纠纷"


def test_main_window_menu_opens_the_dialog(ctx, qtbot):
    from mediator_app.ui.app import build_main_window

    window = build_main_window(ctx)
    qtbot.addWidget(window)
    action = window.actions_["code_tables"]
    menus = [a.menu() for a in window.menuBar().actions() if a.menu()]
    assert any(action in m.actions() and "Organisation" in m.title() for m in menus)
    action.trigger()
    dialogs = window.findChildren(CodeTablesDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    calls = []  # a code-table change refreshes the views that show codes, not the tree
    window.nav.reload = lambda: calls.append("nav")
    window.cases.refresh = lambda: calls.append("list")
    window.dashboard.reload = lambda: calls.append("overview")
    panel = dialogs[0].types
    pick(panel, "15")
    qtbot.mouseClick(panel.active_button, Qt.MouseButton.LeftButton)
    assert cell(panel, "15", COL_ACTIVE) == "No (hidden)"
    assert calls == ["list", "overview"]
