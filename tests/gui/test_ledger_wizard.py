"""The import wizard's ledger pages (issue 12): a workbook of a realistic layout, made by
tests/unit/ledger_fixtures.py, goes through sheet → columns → values → preview → apply
with the suggested columns and guessed words, and gives exactly what the command line
gives with the mapping file a user would write; the mapping is remembered for the
layout, so next month's file needs no choices."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

import ledger_fixtures as lf
from conftest import GRID1, build_db

from mediator_app.cli.main import main as cli_main
from mediator_app.services.ledger_import.assist import MappingStore
from mediator_app.storage.db import open_database
from mediator_app.ui.exchange import ImportWizard
from mediator_app.ui.exchange.import_wizard import (
    PAGE_APPLY,
    PAGE_COLUMNS,
    PAGE_PREVIEW,
    PAGE_SHEET,
    PAGE_VALUES,
)

COMMITTEE = "C001"
LEDGER_ROWS = ("SELECT case_id, case_no, received_on, accepted_on, status, closed_on, "
               "agreement_form, party_names, party_count, amount_fen, source, dispute_type, "
               "grid_code, org_code, summary, updated_at FROM cases "
               "WHERE case_no LIKE '东村调%' ORDER BY case_id")


@pytest.fixture
def workbook(tmp_path) -> Path:
    made = lf.make_cases(40, GRID1)
    return lf.write_xlsx(tmp_path / "东村台账.xlsx", made)


@pytest.fixture
def wizard(ctx, qtbot, tmp_path):
    w = ImportWizard(ctx)
    w.mapping_store = MappingStore(tmp_path / "mappings")
    qtbot.addWidget(w)
    w.show()
    return w


def _next(wizard, expected: int) -> None:
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled() or \
        wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == expected


def _choose(box, data) -> None:
    box.setCurrentIndex(box.findData(data))


def test_a_realistic_workbook_imports_as_through_the_command_line(wizard, dialogs, ctx,
                                                                  workbook, tmp_path):
    dialogs.open_paths = [str(workbook)]
    wizard.files_page.ledger_button.click()
    _next(wizard, PAGE_SHEET)
    sheet = wizard.sheet_page
    # the workbook starts with a notes sheet: the ledger sheet is chosen, header row 3
    assert sheet.sheets.currentText() == lf.SHEET
    assert sheet.header_row.value() == lf.HEADER_ROW
    _next(wizard, PAGE_COLUMNS)
    columns = wizard.columns_page
    chosen = {text: box.currentData() for text, box in columns.boxes if box.currentData()}
    assert chosen == lf.mapping(COMMITTEE)["columns"]
    assert not columns.isComplete()  # the committee is still missing
    _choose(columns.committee, COMMITTEE)
    _choose(columns.source, "排查发现")
    assert columns.isComplete()
    first = columns.preview.item(0, 0).text()
    assert first == str(lf.HEADER_ROW + 1)
    _next(wizard, PAGE_VALUES)
    values = wizard.values_page
    assert values.loaded and values.isComplete(), values.status.text()
    assert wizard.ledger.mapping.values["status"] == lf.STATUS_WORDS
    _next(wizard, PAGE_PREVIEW)
    preview = wizard.preview_page
    assert preview.outcome is not None and not preview.outcome.blocked, \
        [p.format() for p in preview.outcome.problems]
    assert preview.outcome.total("new") == 40
    wizard.next()
    assert wizard.currentId() == PAGE_APPLY and wizard.apply_page.succeeded
    through_wizard = ctx.read_db.execute(LEDGER_ROWS).fetchall()
    assert len(through_wizard) == 40
    from mediator_app.ui.exchange import ImportHistoryDialog

    history = ImportHistoryDialog(ctx)
    history.deleteLater()
    assert history.table.texts()[0][2:4] == [f"{workbook.name}[{lf.SHEET}]", "Old ledger"]

    # the command line, with the mapping file a user writes, on a ledger of the same district
    db_path = tmp_path / "cli.db"
    handle = open_database(db_path)
    build_db(handle.db, n_cases=0)
    handle.close()
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(lf.mapping(COMMITTEE), ensure_ascii=False), encoding="utf-8")
    assert cli_main(["--db", str(db_path), "cases", "import-ledger", str(workbook),
                     "--mapping", str(mapping)]) == 0
    handle = open_database(db_path)
    through_cli = handle.db.execute(LEDGER_ROWS).fetchall()
    parties_cli = handle.db.execute(
        "SELECT c.case_id, p.seq, p.role, p.name FROM parties p JOIN cases c "
        "ON c.id = p.case_rowid WHERE c.case_no LIKE '东村调%' ORDER BY 1, 2").fetchall()
    handle.close()
    assert through_cli == through_wizard
    assert parties_cli == ctx.read_db.execute(
        "SELECT c.case_id, p.seq, p.role, p.name FROM parties p JOIN cases c "
        "ON c.id = p.case_rowid WHERE c.case_no LIKE '东村调%' ORDER BY 1, 2").fetchall()


def test_next_months_workbook_reuses_the_remembered_mapping(wizard, dialogs, ctx, qtbot,
                                                            tmp_path):
    workbook = lf.write_xlsx(tmp_path / "东村台账-11月.xlsx", lf.make_cases(45, GRID1)[:40])
    dialogs.open_paths = [str(workbook)]
    wizard.files_page.ledger_button.click()
    wizard.next()
    wizard.next()
    _choose(wizard.columns_page.committee, COMMITTEE)
    _choose(wizard.columns_page.source, "排查发现")
    wizard.next()
    other = next(b for w, t, b in wizard.values_page.boxes if t == "其他")
    other.setCurrentIndex(other.findData("邻里纠纷"))  # the user decides one word otherwise
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW, wizard.preview_page.status.text()
    assert not wizard.preview_page.outcome.blocked, wizard.preview_page.status.text()
    wizard.next()
    assert wizard.apply_page.succeeded, wizard.apply_page.status.text()
    saved = list((tmp_path / "mappings").glob("*.json"))
    assert len(saved) == 1
    stored = json.loads(saved[0].read_text(encoding="utf-8"))
    assert stored["defaults"]["committee_code"] == COMMITTEE and stored["layout"]

    later = lf.write_xlsx(tmp_path / "东村台账-12月.xlsx", lf.make_cases(45, GRID1))  # 5 more
    again = ImportWizard(ctx)
    again.mapping_store = MappingStore(tmp_path / "mappings")
    qtbot.addWidget(again)
    again.show()
    dialogs.open_paths = [str(later)]
    again.files_page.ledger_button.click()
    again.next()
    assert "imported before" in again.sheet_page.status.text() or \
        "导入过" in again.sheet_page.status.text()
    again.next()
    assert again.columns_page.committee.currentData() == COMMITTEE
    again.next()
    assert again.values_page.isComplete()
    assert stored["values"]["dispute_type"]["其他"] == "邻里纠纷"
    assert again.ledger.mapping.values["dispute_type"]["其他"] == "邻里纠纷"
    again.next()
    assert again.preview_page.outcome.total("new") == 5  # the 40 of before are there


def test_an_unknown_word_blocks_until_it_is_given_a_meaning(wizard, dialogs, workbook,
                                                            tmp_path):
    made = lf.make_cases(12, GRID1)
    made[4].status_word = "已结"
    path = lf.write_xlsx(tmp_path / "odd.xlsx", made)
    dialogs.open_paths = [str(path)]
    wizard.files_page.ledger_button.click()
    wizard.next()
    wizard.next()
    _choose(wizard.columns_page.committee, COMMITTEE)
    wizard.next()
    values = wizard.values_page
    assert not values.isComplete()
    missing = [(w, t, b) for w, t, b in values.boxes if b.currentIndex() == 0]
    assert [(w, t) for w, t, _b in missing] == [("status", "已结")]
    missing[0][2].setCurrentIndex(missing[0][2].findData("调解成功"))
    assert values.isComplete()
    dialogs.save_path = str(tmp_path / "saved.json")
    values.save_button.click()
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert saved["values"]["status"]["已结"] == "调解成功"
    assert saved["header_row"] == lf.HEADER_ROW and saved["sheet"] == lf.SHEET


def test_a_ledger_is_imported_on_its_own(wizard, workbook, tmp_path):
    other = tmp_path / "cases.csv"
    other.write_text("x", encoding="utf-8")
    wizard.add_files([str(workbook), str(other)])
    assert not wizard.files_page.isComplete()
    assert "on its own" in wizard.files_page.hint.text() or "单独" in \
        wizard.files_page.hint.text()
    wizard.files_page.files.setCurrentRow(1)
    wizard.files_page.files.item(1).setSelected(True)
    wizard.files_page.remove_button.click()
    assert wizard.files_page.isComplete()
    assert wizard.files_page.nextId() == PAGE_SHEET


def test_cancel_during_the_ledger_apply_writes_nothing(wizard, dialogs, ctx, workbook,
                                                       monkeypatch):
    from exchange_fixtures import dump
    from PySide6.QtWidgets import QPushButton

    from mediator_app.services.exchange import case_merge

    dialogs.open_paths = [str(workbook)]
    wizard.files_page.ledger_button.click()
    wizard.next()
    wizard.next()
    _choose(wizard.columns_page.committee, COMMITTEE)
    _choose(wizard.columns_page.source, "排查发现")
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW and not wizard.preview_page.outcome.blocked
    monkeypatch.setattr(case_merge, "CHUNK_ROWS", 5)  # report progress every 5 rows
    before = dump(ctx.read_db)
    reports: list[tuple[int, int]] = []

    def cancel_on_second_report(job) -> None:
        def report(done: int, total: int) -> None:
            reports.append((done, total))
            if len(reports) == 2:
                job.dialog.findChild(QPushButton).click()  # Cancel in the progress dialog
        job.progressed.connect(report)

    wizard.jobStarted.connect(cancel_on_second_report)
    wizard.next()
    page = wizard.apply_page
    assert len(reports) >= 2 and 0 < reports[1][0] < reports[1][1]
    assert not page.succeeded
    assert "nothing was written" in page.status.text().lower() or "没有写入" in page.status.text()
    assert dump(ctx.read_db) == before


def test_a_damaged_workbook_is_said_plainly_and_blocks(wizard, dialogs, tmp_path):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    dialogs.open_paths = [str(broken)]
    wizard.files_page.ledger_button.click()
    wizard.next()
    assert wizard.currentId() == PAGE_SHEET
    text = wizard.sheet_page.status.text()
    assert "坏.xlsx" in text and ("无法读取这个工作簿" in text or "cannot be read" in text), text
    assert not wizard.sheet_page.isComplete()


def test_choosing_another_sheet_and_clicking_the_header_row(wizard, dialogs, workbook):
    dialogs.open_paths = [str(workbook)]
    wizard.files_page.ledger_button.click()
    wizard.next()
    page = wizard.sheet_page
    page.sheets.setCurrentText("说明")
    assert wizard.ledger.sheet.name == "说明" and page.header_row.value() == 1
    assert page.table.rowCount() == 1
    page.sheets.setCurrentText(lf.SHEET)
    assert page.header_row.value() == lf.HEADER_ROW
    page.table.cellClicked.emit(1, 0)  # the user clicks row 2 (the 填报单位 line)
    assert page.header_row.value() == 2 and wizard.ledger.mapping.header_row == 2
    assert page.table.item(1, 0).font().bold() and not page.table.item(2, 0).font().bold()
    page.table.cellClicked.emit(2, 3)
    wizard.next()
    assert wizard.ledger.mapping.sheet == lf.SHEET and wizard.ledger.mapping.header_row == 3
    assert [t for t, _b in wizard.columns_page.boxes][:3] == ["序号", "编号", "受理日期"]
