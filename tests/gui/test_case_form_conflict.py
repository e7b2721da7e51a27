# ruff: noqa: F811 - fixtures are imported from helpers_form
"""Two editors of one case: the second save is refused, nothing is lost silently."""

from __future__ import annotations

import dataclasses

from mediator_app.services.cases.edit import save_case
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.ui.case_form.conflict import kept_key
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    cases,
    commit_text,
    fill_minimal,
    form,
    form_ctx,
    form_db,
    form_dialogs,
)


def _saved_case(form):
    w = form()
    fill_minimal(w)
    w.save()
    rowid = w.rowid
    w.close()
    return rowid


def _saved_elsewhere(db, rowid, summary):
    stored = CaseRepository(db).get(rowid)
    return save_case(db, dataclasses.replace(stored, summary=summary))


def test_save_over_a_newer_version_offers_to_reload_and_keeps_the_edits(
        qtbot, form, form_db, form_dialogs):
    rowid = _saved_case(form)
    e = form(rowid)
    other = _saved_elsewhere(form_db, rowid, "别人的修改")
    commit_text(e.basic.widgets["summary"], "我的修改")
    form_dialogs.choices = ["theirs"]  # 查看对方修改: load the stored version
    e.save()
    kind, title, text = form_dialogs.asked[-1]
    assert kind == "choose" and "他人" in title and other.case_no in text
    assert cases(form_db)[0].summary == "别人的修改"  # not overwritten
    assert e.basic.value("summary") == "别人的修改" and not e.is_dirty()
    assert e.general_error.isVisible()
    kept = e.drafts.load(kept_key(other.case_id))
    assert kept is not None and kept["summary"] == "我的修改"
    e.close()

    again = form(rowid)  # the kept edits are offered when the case is opened again
    form_dialogs.confirms = [True]
    qtbot.waitUntil(lambda: again.basic.value("summary") == "我的修改")
    assert again.is_dirty() and again.drafts.load(kept_key(other.case_id)) is None
    again.save()  # now based on the stored version: the user's choice to overwrite
    assert cases(form_db)[0].summary == "我的修改"


def test_cancel_keeps_editing_and_writes_nothing(qtbot, form, form_db, form_dialogs):
    rowid = _saved_case(form)
    e = form(rowid)
    other = _saved_elsewhere(form_db, rowid, "别人的修改")
    commit_text(e.basic.widgets["summary"], "我的修改")
    form_dialogs.choices = ["keep"]
    e.save()
    assert e.basic.value("summary") == "我的修改" and e.is_dirty()
    assert cases(form_db)[0].summary == "别人的修改"
    assert e.drafts.load(kept_key(other.case_id)) is None


def test_english_text(qtbot, form, form_db, form_ctx, form_dialogs):
    form_ctx.lang = "en"
    rowid = _saved_case(form)
    e = form(rowid)
    _saved_elsewhere(form_db, rowid, "x")
    commit_text(e.basic.widgets["summary"], "y")
    form_dialogs.choices = ["keep"]
    e.save()
    assert "someone else" in form_dialogs.asked[-1][2]


def test_the_buttons_are_named_and_overwrite_saves_over_theirs(qtbot, form, form_db,
                                                             form_dialogs):
    rowid = _saved_case(form)
    e = form(rowid)
    _saved_elsewhere(form_db, rowid, "别人的修改")
    commit_text(e.basic.widgets["summary"], "我的修改")
    form_dialogs.choices = ["overwrite"]
    e.save()
    assert [label for _k, label in form_dialogs.buttons] == ["覆盖保存", "查看对方修改", "继续编辑"]
    text = [a for a in form_dialogs.asked if a[0] == "choose"][-1][2]
    assert "取消" not in text and all(b in text for b in ("覆盖保存", "查看对方修改", "继续编辑"))
    assert cases(form_db)[0].summary == "我的修改"
    assert not e.is_dirty() and form_dialogs.kinds().count("choose") == 1


def test_the_real_message_box_has_the_three_named_buttons(qtbot, qapp):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from mediator_app.ui.dialogs import QtDialogService

    seen = {}

    def press_second():
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen["texts"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "查看对方修改").click()

    QTimer.singleShot(50, press_second)
    answer = QtDialogService().choose("t", "x", [("overwrite", "覆盖保存"),
                                                 ("theirs", "查看对方修改"),
                                                 ("keep", "继续编辑")], "keep")
    assert answer == "theirs"
    assert sorted(seen["texts"]) == sorted(["覆盖保存", "查看对方修改", "继续编辑"])
