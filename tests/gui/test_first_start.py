"""First start (setup window, org templates and import, what to do next), one window per
ledger file, the title naming the file, and the 帮助 menu (issue 10, item 5)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mediator_app.services.organisation.first_start import (
    TEMPLATES,
    setup_progress,
    write_templates,
)
from mediator_app.services.organisation.import_files import import_org
from mediator_app.storage.db import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def new_ctx(tmp_path, dialogs, qapp):
    """A context on a freshly created, empty ledger file (a synchronous runner)."""
    from mediator_app.ui.context import AppContext
    from mediator_app.ui.tasks import SyncRunner

    opened = open_database(tmp_path / "new.db")
    yield AppContext(runner=SyncRunner(opened.db), read_db=opened.db, dialogs=dialogs,
                     db_path=str(tmp_path / "new.db"), lang="zh")
    opened.close()


def test_templates_have_example_rows_that_import_cleanly(tmp_path):
    written = write_templates(tmp_path)
    assert [p.name for p in written] == list(TEMPLATES)
    for path in written:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Excel's "CSV UTF-8"
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert rows[0] == TEMPLATES[path.name][0] and len(rows) > 2
    opened = open_database(tmp_path / "t.db")
    try:
        assert setup_progress(opened.db).next_step == "units"
        import_org(opened.db, written)
        progress = setup_progress(opened.db)
        assert (progress.units, progress.committees, progress.mediators) == (7, 4, 2)
        assert progress.next_step == "done"
    finally:
        opened.close()


def test_ledger_choice_dialog_create_elsewhere_open_and_demo(tmp_path, qtbot):
    from mediator_app.ui.first_start import CREATE, DEMO, OPEN, LedgerChoiceDialog

    default = tmp_path / "ledger.db"
    elsewhere = tmp_path / "other" / "街道台账"
    dialog = LedgerChoiceDialog(default, pick_new=lambda start: str(elsewhere),
                                pick_existing=lambda start: str(tmp_path / "old.db"))
    qtbot.addWidget(dialog)
    assert str(default) in dialog.where.text()
    dialog.other_place.click()
    assert str(elsewhere.with_suffix(".db")) in dialog.where.text()
    dialog.create_button.click()
    assert dialog.choice is not None and dialog.choice.kind == CREATE
    assert dialog.choice.path == elsewhere.with_suffix(".db")

    dialog = LedgerChoiceDialog(default, pick_existing=lambda start: str(tmp_path / "old.db"))
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert dialog.choice.kind == OPEN and dialog.choice.path == tmp_path / "old.db"

    dialog = LedgerChoiceDialog(default, pick_existing=lambda start: "")  # cancelled picker
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert dialog.choice is None and dialog.result() == 0
    dialog.demo_button.click()
    assert dialog.choice.kind == DEMO


def test_org_setup_says_what_to_do_next_until_a_committee_and_a_mediator(new_ctx, dialogs,
                                                                         qtbot, tmp_path,
                                                                         qapp):
    from mediator_app.ui.first_start import OrgSetupDialog
    from mediator_app.ui.i18n import install_translators

    translators = install_translators(qapp, "zh")
    try:
        dialog = OrgSetupDialog(new_ctx)
        qtbot.addWidget(dialog)
        assert dialog.progress is not None and dialog.progress.next_step == "units"
        assert dialog.next_label.text().startswith("下一步：导入组织机构文件")

        # templates: saved next to the file name the user picked
        dialogs.save_path = str(tmp_path / "模板" / "org_units.csv")
        (tmp_path / "模板").mkdir()
        dialog.templates_button.click()
        assert sorted(p.name for p in (tmp_path / "模板").iterdir()) == sorted(TEMPLATES)
        kind, _title, said = dialogs.calls[-1]
        assert kind == "info" and str(tmp_path / "模板") in said  # says where they went
        assert all(name in said for name in TEMPLATES)  # and which files

        # only the org units and committees: the next step is a mediator
        dialogs.open_paths = [str(FIXTURES / "org_units.csv"),
                              str(FIXTURES / "committees.csv")]
        dialog.import_button.click()
        assert dialog.progress.next_step == "mediators"
        assert dialog.next_label.text() == "下一步：至少为一个调委会添加一名调解员。"
        dialogs.open_paths = [str(FIXTURES / "people.csv")]
        dialog.import_button.click()
        assert dialog.progress.next_step == "done"
        assert "组织机构已设置好" in dialog.next_label.text()
        assert "调解员：2" in dialog.counts_label.text()
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_org_setup_shows_file_row_problems_and_imports_nothing(new_ctx, dialogs, qtbot,
                                                               tmp_path):
    from mediator_app.ui.first_start import OrgSetupDialog

    bad = tmp_path / "org_units.csv"
    bad.write_text("code,name,level,parent_code\n610114,示例区,区,\n610114001,东街道,星球,610114\n",
                   encoding="utf-8")
    dialog = OrgSetupDialog(new_ctx)
    qtbot.addWidget(dialog)
    dialogs.open_paths = [str(bad)]
    dialog.import_button.click()
    kind, _title, text = dialogs.calls[-1]
    assert kind == "error" and "org_units.csv" in text and "星球" in text
    assert dialog.progress.units == 0 and dialog.import_button.isEnabled()


def test_templates_into_a_missing_folder_say_so_in_the_users_language(new_ctx, dialogs,
                                                                       qtbot, tmp_path):
    """Not the system's English "No such file or directory" inside a Chinese sentence."""
    from mediator_app.ui.first_start import OrgSetupDialog

    dialog = OrgSetupDialog(new_ctx)
    qtbot.addWidget(dialog)
    dialogs.save_path = str(tmp_path / "不存在" / "org_units.csv")
    dialog.templates_button.click()
    kind, _title, text = dialogs.calls[-1]
    assert kind == "error" and "No such file" not in text and "Errno" not in text
    assert str(tmp_path / "不存在") in text and "不存在" in text


def test_second_start_on_an_open_file_activates_the_first(tmp_path, qtbot):
    from mediator_app.ui.single_instance import InstanceServer, activate_running, server_name

    ledger = tmp_path / "ledger.db"
    other = tmp_path / "other.db"
    assert server_name(ledger) == server_name(tmp_path / "." / "ledger.db")
    assert server_name(ledger) != server_name(other)
    assert not activate_running(ledger)  # nobody has it open yet
    activated: list[str] = []
    server = InstanceServer(ledger, lambda: activated.append("front"))
    try:
        assert server.listening
        assert not activate_running(other)  # another file: a window of its own
        assert activate_running(ledger)
        qtbot.waitUntil(lambda: activated == ["front"], timeout=3000)
    finally:
        server.close()
    assert not activate_running(ledger)


def test_window_title_names_the_ledger_file_and_help_menu(ctx, qtbot, tmp_path, qapp):
    from mediator_app.ui.app import build_main_window
    from mediator_app.ui.help_window import HelpWindow, window_title

    assert window_title("调解台账", ":memory:") == "调解台账"
    path = tmp_path / "东街道" / "ledger.db"
    assert window_title("调解台账", str(path)) == f"ledger.db ({path.parent}) — 调解台账"
    ctx.db_path = str(path)
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith(f"ledger.db ({path.parent})")
    help_menu = window.menuBar().actions()[-1].menu()
    names = [a.objectName() for a in help_menu.actions() if a.objectName()]
    assert names == ["action_user_guide", "action_data_folder", "action_about"]
    window.actions_["about"].trigger()
    _kind, _title, text = ctx.dialogs.calls[-1]
    from mediator_app import __version__

    assert __version__ in text and str(path) in text
    guide = HelpWindow()
    qtbot.addWidget(guide)
    assert guide.pages.count() >= 5
    assert "调解台账" in guide.browser.toPlainText() or "Mediation" in guide.browser.toPlainText()
    guide.pages.setCurrentRow(1)
    assert "portable.txt" in guide.browser.toPlainText()


RUN_GUI_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from mediator_app.ui import app as m
from mediator_app.ui.first_start import CREATE, LedgerChoice

default, target = Path(sys.argv[1]), Path(sys.argv[2])

def choose(dialog):
    print("setup window for", dialog.default_path)
    dialog.choice = LedgerChoice(CREATE, target)
    return QDialog.DialogCode.Accepted

def refuse(*args, **kwargs):
    print("ASKED AGAIN")
    return QMessageBox.StandardButton.No

def report(app):
    titles = [w.windowTitle() for w in app.topLevelWidgets()
              if w.isVisible() and w.objectName() == "mainWindow"]
    print("title:", titles)
    print("second start activates:", m.activate_running(str(target)))
    app.quit()

m.LedgerChoiceDialog.exec = choose
def new_ledger(path, lang):  # the new-ledger step (issue 9): an encrypted ledger
    from mediator_app.services.trust import accounts
    print("new ledger step for", path)
    accounts.create_ledger(path, "管理员", "secret-pass-1")
    return True, "管理员"

import mediator_app.ui.trust.menu as trust_menu
trust_menu.create_new = new_ledger
m.OrgSetupDialog.exec = lambda dialog: print("org step shown") or 0
m.QMessageBox.question = refuse
QApplication.exec_real = QApplication.exec
def run_briefly(app):
    QTimer.singleShot(300, lambda: report(app))
    return QApplication.exec_real()
QApplication.exec = run_briefly
print("exit", m.run_gui(str(default), lang="zh"))
"""


def test_run_gui_without_a_ledger_goes_through_the_setup_window(tmp_path):
    """The real start-up, in its own process: no ledger at the path -> the setup window
    (not an empty tree); "create" makes the ledger where chosen without asking again; the
    org step follows; the title names the file; a second start on the same file only
    brings the first window forward."""
    import os
    import subprocess
    import sys

    target = tmp_path / "东街道" / "台账.db"
    target.parent.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "MEDIATOR_APP_QSETTINGS": str(tmp_path / "prefs.ini")}
    result = subprocess.run([sys.executable, "-c", RUN_GUI_SCRIPT,
                             str(tmp_path / "ledger.db"), str(target)],
                            capture_output=True, text=True, env=env, timeout=120,
                            check=False)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert f"setup window for {tmp_path / 'ledger.db'}" in out
    assert "ASKED AGAIN" not in out and "org step shown" in out
    assert f"new ledger step for {target}" in out
    assert f"title: ['台账.db ({target.parent}) — 调解台账']" in out
    assert "second start activates: True" in out and "exit 0" in out
    assert target.is_file() and not (tmp_path / "ledger.db").exists()
