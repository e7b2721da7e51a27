# ruff: noqa: F811 - fixtures are imported from helpers_form
"""Findings of the user review of the case form: a 调解成功 case saved without a
mediator, the restored form left behind the main window, the grid picker not narrowed
to the committee, the untranslated status, the empty-date message, the mediators list
at large text and the documents saved without a word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mediator_app.domain.enums import AgreementForm, CaseStatus, CommitteeKind
from mediator_app.domain.model import Committee
from mediator_app.services.cases.edit import transition_case
from mediator_app.services.organisation import edit as org_svc
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.ui import prefs
from mediator_app.ui.case_form import CaseFormWindow
from mediator_app.ui.i18n import install_translators
from mediator_app.ui.reports.documents_menu import file_name
from tests.fixtures.district import GRID_A2, GRID_B1
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    GRID1,
    GRID2,
    accept,
    cases,
    fill_minimal,
    focused,
    form,
    form_ctx,
    form_db,
    form_dialogs,
    tick_mediator,
)


def _resolve(w, on="2023-05-20", how=AgreementForm.ORAL):
    w.start_action(CaseStatus.RESOLVED)
    w.status_dialog.date_edit.setText(on)
    w.status_dialog.form_combo.set_value(how.value)
    w.status_dialog.submit()


# ---- 1. a 调解成功 case keeps a mediator; the audit names the mediators -------------------

def test_resolved_case_cannot_be_saved_without_a_mediator(qtbot, form, form_db):
    w = form()
    fill_minimal(w)
    tick_mediator(w)
    accept(w)
    _resolve(w)
    assert w.status == CaseStatus.RESOLVED
    w.tabs.setCurrentIndex(1)
    w.basic.mediators.item(0).setCheckState(Qt.CheckState.Unchecked)  # the only one
    assert w.basic.mediator_ids() == []
    w.basic.widgets["summary"].setPlainText("改了简要情况")
    w.save()  # Ctrl+S
    error = w.basic.errors["mediator_ids"]
    assert error.isVisible() and "mediator" in error.text()  # no translator: English
    assert w.tabs.currentWidget() is w.basic and focused() is w.basic.mediators
    [stored] = cases(form_db)
    assert len(stored.mediator_ids) == 1 and stored.summary == ""  # nothing saved
    tick_mediator(w, 1)  # another mediator instead
    assert not error.isVisible()
    w.save()
    [stored] = cases(form_db)
    assert stored.summary == "改了简要情况" and len(stored.mediator_ids) == 1
    history = AuditRepository(form_db).history("case", stored.case_id)
    fields = [e.field for e in history if e.action == "update"]
    assert "mediators" in fields and "id" not in fields


def test_resolved_case_stored_without_mediators_can_still_be_edited(qtbot, form, form_db):
    """Imported cases carry no mediators: the form does not refuse editing them."""
    w = form()
    fill_minimal(w)
    accept(w)
    rowid = w.rowid
    transition_case(form_db, rowid, CaseStatus.RESOLVED, on=date(2023, 5, 20),
                    agreement_form=AgreementForm.ORAL)  # as an import stores it
    w2 = form(rowid)
    w2.basic.widgets["summary"].setPlainText("补充")
    w2.save()
    assert not w2.basic.errors["mediator_ids"].isVisible()
    assert cases(form_db)[0].summary == "补充"


# ---- 2. the form answers the restore prompt, then comes to the front --------------------

def test_form_comes_to_the_front_after_the_restore_prompt(qtbot, form, form_ctx,
                                                          form_dialogs):
    w = form()
    fill_minimal(w)
    w.write_draft()
    w._timer.stop()
    CaseFormWindow._open_keys.discard(w._draft_key)
    w.hide()
    main = QWidget()  # the main window, which gets the focus back from the message box
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)

    def confirm(title, text):
        form_dialogs.asked.append(("confirm", title, text))
        main.activateWindow()
        qtbot.waitUntil(main.isActiveWindow)
        return False  # 否: the draft is dropped, the form stays empty

    form_dialogs.confirm = confirm
    w2 = CaseFormWindow(form_ctx)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitUntil(lambda: "confirm" in form_dialogs.kinds())
    qtbot.waitUntil(w2.isActiveWindow)
    assert not main.isActiveWindow()


# ---- 3. the grids of the chosen committee --------------------------------------------

def _offered(combo):
    return [combo.itemData(i) for i in range(combo.count())]


def test_grid_picker_offers_the_committees_grids(qtbot, form, form_db):
    org_svc.save_committee(form_db, Committee("D1", "测试区人民调解委员会", "测试区",
                                              CommitteeKind.DISTRICT, "610114"))
    w = form()
    grid = w.basic.widgets["grid_code"]
    assert _offered(grid) == [GRID1, GRID_A2, GRID2, GRID_B1]  # no committee yet: every grid
    w.basic.set_value("committee_code", "C004")
    assert _offered(grid) == [GRID2]
    completer = grid.completer()
    completer.setCompletionPrefix("一网格")  # type-ahead still works, on these grids
    assert completer.completionCount() == 1
    w.basic.set_value("committee_code", "D1")  # district level: every grid
    assert _offered(grid) == [GRID1, GRID_A2, GRID2, GRID_B1]
    w.basic.set_value("committee_code", "C001")
    assert _offered(grid) == [GRID1, GRID_A2]
    grid.setEditText(GRID2)  # the exact code of a grid elsewhere is still taken
    grid.lineEdit().editingFinished.emit()
    assert w.basic.value("grid_code") == GRID2 and "东社区一网格" in grid.currentText()


def test_a_cases_grid_outside_the_committee_stays_visible(qtbot, form, form_db):
    w = form()
    fill_minimal(w)  # committee C001 (东村)
    w.basic.set_value("grid_code", GRID2)  # e.g. an old case registered elsewhere
    w.save()
    w2 = form(w.rowid)
    grid = w2.basic.widgets["grid_code"]
    assert w2.basic.value("grid_code") == GRID2
    assert grid.currentText() == f"{GRID2} 东社区 东社区一网格"
    w2.basic.set_value("grid_code", GRID1)
    assert _offered(grid) == [GRID1, GRID_A2]  # GRID2 listed only while it is the case's


# ---- 4. the header's status in the interface language ------------------------------------

def test_header_shows_the_status_label_of_the_language(qtbot, form, qapp):
    w = form()
    assert "Status: Registered" in w.header.text() and "待受理" not in w.header.text()
    translators = install_translators(qapp, "zh")
    try:
        w2 = form()
        assert "状态：待受理" in w2.header.text()
    finally:
        for t in translators:
            qapp.removeTranslator(t)


# ---- 5. an empty date asks to be filled in ----------------------------------------------

def test_empty_closing_date_asks_to_fill_it_in(qtbot, form):
    w = form()
    fill_minimal(w)
    tick_mediator(w)
    accept(w)
    w.start_action(CaseStatus.RESOLVED)
    d = w.status_dialog
    d.date_edit.setText("")
    d.form_combo.set_value(AgreementForm.ORAL.value)
    d.submit()
    text = d.errors["date"].text()
    assert "填写“结案日期”" in text and "无效" not in text
    assert d.isVisible() and w.status == CaseStatus.IN_MEDIATION


# ---- 7. the mediators list at the largest text size --------------------------------------

def test_mediators_list_shows_five_rows_at_the_largest_text(qtbot, form, qapp):
    old = QFont(qapp.font())
    try:
        prefs.apply_text_scale(qapp, max(prefs.TEXT_SCALES))
        w = form()
        w.basic.set_value("committee_code", "C001")
        qapp.processEvents()
        mediators = w.basic.mediators
        assert mediators.height() >= 5 * mediators.fontMetrics().height()
        assert mediators.height() >= 5 * mediators.sizeHintForRow(0)
        summary = w.basic.widgets["summary"]
        assert summary.height() >= 3 * summary.fontMetrics().lineSpacing()
    finally:
        qapp.setFont(old)


# ---- 8. documents: Chinese file names and a confirmation ------------------------------

def test_saved_document_is_confirmed_with_a_chinese_file_name(qtbot, form, form_db,
                                                               form_dialogs, tmp_path):
    w = form()
    fill_minimal(w)
    w.save()
    case_no = cases(form_db)[0].case_no
    target = tmp_path / "out.pdf"
    form_dialogs.save_paths = [str(target)]
    menu = w.documents_button.menu()
    menu.update_kinds()
    menu.actions_by[("register", "save")].trigger()
    suggested = [a[2] for a in form_dialogs.asked if a[0] == "save_file"]
    assert suggested == [f"受理登记表-{case_no}.pdf"]
    assert Path(target).read_bytes().startswith(b"%PDF")
    assert str(target) in w.notice.text()  # "Saved: …" in the form's status line


def test_file_names_are_safe_for_windows():
    no = "（2026）东方人调字第22号"
    assert file_name("agreement", no) == f"调解协议书-{no}.pdf"
    assert file_name("all", 'A/B\\C:D*E?"<>|. ') == "卷宗-A_B_C_D_E_.pdf"
    assert file_name("register") == "受理登记表.pdf"
