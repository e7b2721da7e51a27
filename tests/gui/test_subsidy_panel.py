"""The 以案定补 tab of the statistics window: figures, drill-down to cases, refused
cases with reasons, saving, mark as paid, the rules dialog, the case form's class and
missing items, and the case list's "file incomplete" filter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from mediator_app.domain.enums import AgreementForm
from mediator_app.domain.periods import parse_period
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.ui.context import AppContext
from mediator_app.ui.reports import ReportsWindow
from mediator_app.ui.tasks import SyncRunner
from tests.unit.subsidy_fixtures import C1, C3, S1, make_ledger, resolved_case, store
from tests.xlsx_read import read_xlsx_text


@pytest.fixture
def ledger():
    db, ids = make_ledger()
    cases = {
        "a": store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), dispute_type="08")),
        "b": store(db, resolved_case(C1, date(2026, 2, 9), (ids["李娜"], ids["张伟"]))),
        "c": store(db, resolved_case(C3, date(2026, 3, 9), (ids["赵强"],))),
        "bad": store(db, resolved_case(C3, date(2026, 3, 10), (ids["赵强"],), session=False,
                                       investigation=False)),
    }
    return db, ids, cases


@pytest.fixture
def sctx(ledger, dialogs, qapp):
    db = ledger[0]
    return AppContext(runner=SyncRunner(db), read_db=db, dialogs=dialogs, lang="zh",
                      user="审核员")


@pytest.fixture
def panel(sctx, qtbot):
    window = ReportsWindow(sctx, S1, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    window.set_period(parse_period("2026-Q1"))
    window.tabs.setCurrentWidget(window.subsidy)
    window.show()
    qtbot.waitUntil(lambda: window.subsidy.claim is not None)
    return window.subsidy


def _column(view, col):
    model = view.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_figures_and_drill_down(panel, ledger):
    _db, _ids, cases = ledger
    assert "3" in panel.summary.text() and "400.00" in panel.summary.text()
    assert _column(panel.mediators, 1) == ["赵强", "张伟", "李娜", ""]  # C001 before C002
    assert _column(panel.mediators, 3) == ["100.00", "200.00", "100.00", "400.00"]
    assert len(_column(panel.cases, 0)) == 3  # the totals row: every paid case
    panel.show_cases(1)  # 张伟's figure -> his case
    assert _column(panel.cases, 0) == [cases["a"].case_no]
    assert _column(panel.refused, 0) == [cases["bad"].case_no]
    assert _column(panel.refused, 4)[0].startswith("卷宗不完整")
    opened = []
    panel.opener = opened.append
    panel.open_case(panel.refused, 0)
    assert opened == [cases["bad"].id]


def test_save_xlsx_and_mark_paid(panel, dialogs, tmp_path, ledger):
    db = ledger[0]
    dialogs.save_path = str(tmp_path / "claim.xlsx")
    panel.save("xlsx")
    sheets = read_xlsx_text((tmp_path / "claim.xlsx").read_bytes())
    assert sheets["汇总"][-1][-1] == "400.00"
    dialogs.confirm_answer = True
    panel.mark_paid()
    assert [c.amount_fen for c in subsidy.paid_claims(db)] == [40000]
    assert subsidy.paid_claims(db)[0].paid_by == "审核员"
    assert not panel.banner.isHidden() and "400.00" in panel.banner.text()
    assert "✓" in _column(panel.cases, 0)[0]


def test_rules_dialog_saves_a_new_rate_table(panel, sctx, ledger, qtbot):
    from mediator_app.ui.reports.subsidy_rules import SubsidyRulesDialog

    db = ledger[0]
    dialog = SubsidyRulesDialog(sctx, panel)
    qtbot.addWidget(dialog)
    dialog.effective.setDate(dialog.effective.date().fromString("2026-03-01", "yyyy-MM-dd"))
    dialog.rates.item(1, 0).setText("150")  # 一般, any agreement
    dialog.files.item(2, 0).setCheckState(Qt.CheckState.Checked)  # 调查记录 for 书面
    announced = []
    sctx.runner.changed.connect(announced.append)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    # the case list's "file incomplete" filter follows the rules: the views hear of it
    assert [(c.cases, c.settings) for c in announced] == [(True, True)]
    assert [rs.effective_from.isoformat() for rs in subsidy.rule_sets(db)] == [
        "2000-01-01", "2026-03-01"]
    assert "investigation" in subsidy.file_rules(db)["调解成功|书面"]
    dialog.rates.item(1, 0).setText("abc")
    asked = len(panel.ctx.dialogs.calls)
    dialog.save()
    shown = panel.ctx.dialogs.calls[asked:]
    assert [c[0] for c in shown] == ["error"] and "abc" in shown[0][2]  # names the bad value
    assert [rs.effective_from.isoformat() for rs in subsidy.rule_sets(db)] == [
        "2000-01-01", "2026-03-01"]  # nothing saved


def test_case_form_class_default_and_missing_items(sctx, ledger, qtbot):
    from mediator_app.ui.case_form import CaseFormWindow

    _db, _ids, cases = ledger
    form = CaseFormWindow(sctx, cases["bad"].id)
    qtbot.addWidget(form)
    assert form.basic.value("difficulty") == "2"
    assert form.basic.value("file_missing") == "调查或调解记录"
    form.basic.widgets["dispute_type"].set_key("08")
    assert form.basic.value("difficulty") == "3"  # followed the new type's default
    form.basic.widgets["difficulty"].set_key("4")
    form.basic.widgets["dispute_type"].set_key("02")
    assert form.basic.value("difficulty") == "4"  # chosen by hand: kept


def test_case_list_file_incomplete_filter(sctx, ledger, qtbot):
    from mediator_app.ui.case_list import CaseListView

    _db, _ids, cases = ledger
    view = CaseListView(sctx)
    qtbot.addWidget(view)
    view.filters.incomplete.setChecked(True)
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.case_id_at(0) == cases["bad"].id
    oral = resolved_case(C1, date(2026, 2, 3), cases["a"].mediator_ids,
                         form=AgreementForm.ORAL, signed=False, deadline=date(2026, 9, 1))
    store(sctx.read_db, oral)
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)


def test_long_lists_are_cut_with_a_note(panel, monkeypatch):
    from mediator_app.ui.reports import subsidy_panel

    monkeypatch.setattr(subsidy_panel, "MAX_ROWS", 2)
    panel.show_cases(3)  # the totals row: 3 paid cases
    assert len(_column(panel.cases, 0)) == 2
    assert not panel.cut.isHidden() and "3" in panel.cut.text()
    panel.show_cases(0)  # one case: no note
    assert panel.cut.isHidden()
