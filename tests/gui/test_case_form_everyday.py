# ruff: noqa: F811 - fixtures are imported from helpers_form
"""Issue 12 item 4: the case form's validation in one round, named by the form's labels,
with the cursor on the first problem in Tab order; the 调解成功 dialog checks again as the
user edits."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from mediator_app.domain.enums import AgreementForm, CaseStatus
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    accept,
    fill_minimal,
    form,
    form_ctx,
    form_db,
    form_dialogs,
    tick_mediator,
)


@pytest.fixture(autouse=True)
def zh_ui(qapp):
    from mediator_app.ui.i18n import install_translators

    translators = install_translators(qapp, "zh")
    yield
    for t in translators:
        qapp.removeTranslator(t)


def _shown(w) -> dict[str, str]:
    errors = {**w.basic.errors, **w.agreement.errors}
    return {name: e.text() for name, e in errors.items() if e.isVisible() and e.text()}


def test_every_problem_is_shown_in_one_round(qtbot, form):
    w = form()
    b = w.basic.widgets
    b["committee_code"].set_key("")
    b["received_on"].setText("2023-13-45")  # cannot be read
    b["amount_yuan"].setText("十二元")  # cannot be read
    w.save()
    shown = _shown(w)
    # the format errors and the empty required fields together, not in two rounds
    assert set(shown) >= {"received_on", "amount_yuan", "committee_code", "source",
                          "dispute_type"}, shown
    assert w.rowid is None


def test_messages_use_the_forms_labels(qtbot, form):
    w = form()
    w.basic.widgets["committee_code"].set_key("")
    w.save()
    label = w.basic.labels["committee_code"]
    assert label == "调委会"
    assert _shown(w)["committee_code"] == "请填写“调委会”。"
    assert _shown(w)["dispute_type"] == f"请填写“{w.basic.labels['dispute_type']}”。"


def test_record_problems_are_named_by_record_and_label(qtbot, form):
    w = form()
    fill_minimal(w)
    w.tabs.setCurrentIndex(1)
    w.parties.add_record()
    w.save()
    name = w.parties.errors["name"]
    label = next(f.label for f in w.parties.fields if f.name == "name")
    assert name.isVisible() and name.text() == f"请填写“当事人1的{label}”。", name.text()


def test_the_cursor_goes_to_the_first_problem_in_tab_order(qtbot, form):
    w = form()
    fill_minimal(w)
    b = w.basic.widgets
    b["amount_yuan"].setText("abc")  # on the right, after the summary in Tab order
    b["dispute_type"].set_key("")  # on the left, before it
    w.tabs.setCurrentIndex(3)
    w.save()
    assert {"amount_yuan", "dispute_type"} <= set(_shown(w))
    assert w.tabs.currentIndex() == 0
    focus = QApplication.focusWidget()
    assert focus is b["dispute_type"] or b["dispute_type"].isAncestorOf(focus)


def test_resolved_dialog_rechecks_as_the_user_edits(qtbot, form):
    w = form()
    fill_minimal(w, received="2023-05-01")
    tick_mediator(w)
    w.save()
    accept(w, on="2023-05-10")
    w.start_action(CaseStatus.RESOLVED)
    d = w.status_dialog
    d.date_edit.setText("2023-05-03")  # before the acceptance date
    d.submit()
    assert d.errors["date"].isVisible() and d.errors["agreement_form"].isVisible()
    d.form_combo.set_value(AgreementForm.ORAL.value)  # fixed: its message goes at once
    assert not d.errors["agreement_form"].isVisible()
    assert d.errors["date"].isVisible()
    d.date_edit.setText("2023-05-12")  # fixed too
    assert not d.errors["date"].isVisible() and not d.general.isVisible()
    d.date_edit.setText("2023-05-0x")  # a new problem shows while typing
    assert d.errors["date"].isVisible()
    d.date_edit.setText("2023-05-12")
    d.submit()
    assert w.status == CaseStatus.RESOLVED
