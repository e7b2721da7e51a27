"""Issue 9 in the GUI: login window, idle lock, user management, audit viewer, backups
window and the case form's masking for roles without personal data."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from conftest import COMMITTEES, UNITS, FakeDialogs, build_db

from mediator_app.domain.access import AccessDenied
from mediator_app.services import permissions
from mediator_app.services.trust import accounts
from mediator_app.storage import crypto
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.ui import prefs
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import SyncRunner

ADMIN, PW = "张管理", "admin-secret-1"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "KDF_N", 2**10)
    yield
    crypto._registry.clear()


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    accounts.create_ledger(path, ADMIN, PW)
    s = accounts.open_ledger(path, ADMIN, PW)
    try:
        build_db(s.db, n_cases=20)
        accounts.add_user(s.db, path, "小查", "查看", UNITS[1].code, "viewer-pw-1")
        accounts.add_user(s.db, path, "街管", "管理员", UNITS[1].code, "street-pw-1")
    finally:
        s.close()
    crypto._registry.clear()
    return path


def _ctx(path: Path, user: str, password: str, qapp) -> tuple[AppContext, accounts.Session]:
    s = accounts.open_ledger(path, user, password)
    ctx = AppContext(runner=SyncRunner(s.db), read_db=s.db, dialogs=FakeDialogs(),
                     db_path=str(path), lang="zh")
    from mediator_app.ui.trust import session

    session.attach(ctx, user)
    return ctx, s


def test_login_window_refuses_a_wrong_password_and_remembers_the_name(ledger, qtbot):
    from mediator_app.ui.trust.login import USER_KEY, LoginDialog

    dialog = LoginDialog(str(ledger), "zh")
    qtbot.addWidget(dialog)
    dialog.user.setText(ADMIN)
    dialog.password.setText("wrong-password")
    dialog.try_login()
    assert dialog.key is None and "用户名或密码错误" in dialog.message.text()
    assert dialog.password.text() == ""
    dialog.password.setText(PW)
    dialog.try_login()
    assert dialog.key is not None and dialog.result() == dialog.DialogCode.Accepted
    assert prefs.qsettings().value(USER_KEY) == ADMIN
    assert all("secret" not in str(prefs.qsettings().value(k))
               for k in prefs.qsettings().allKeys())  # the password is never kept
    again = LoginDialog(str(ledger), "zh")
    qtbot.addWidget(again)
    assert again.user.text() == ADMIN


def test_idle_lock_hides_the_windows_until_the_password(ledger, qtbot, qapp, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMainWindow

    from mediator_app.ui.trust import session
    from mediator_app.ui.trust.login import LoginDialog

    ctx, s = _ctx(ledger, ADMIN, PW, qapp)
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        window.show()
        lock = session.IdleLock(ctx, window, minutes=15)
        seen = {}

        def exec_(dialog: LoginDialog) -> int:
            seen["visible"] = window.isVisible()
            seen["user"] = dialog.user.text()
            dialog.password.setText(PW)
            dialog.try_login()
            return int(QDialog.DialogCode.Accepted.value)

        monkeypatch.setattr(LoginDialog, "exec", exec_)
        lock.last = time.monotonic() - 14 * 60
        lock.check()
        assert "visible" not in seen  # not yet idle long enough
        lock.last = time.monotonic() - 16 * 60
        lock.check()
        assert seen == {"visible": False, "user": ADMIN}
        assert window.isVisible()
    finally:
        s.close()


def test_user_management_adds_changes_and_disables(ledger, qtbot, qapp):
    from mediator_app.ui.trust.users import UserManagementDialog

    ctx, s = _ctx(ledger, ADMIN, PW, qapp)
    try:
        dialog = UserManagementDialog(ctx)
        qtbot.addWidget(dialog)
        assert [u.name for u in dialog.users] == ["小查", "张管理", "街管"]
        accounts.add_user(s.db, ledger, "王调解", "调解员", COMMITTEES[0].code, "mediator-pw-1")
        dialog.reload()
        assert dialog.table.rowCount() == 4
        dialog.table.selectRow([u.name for u in dialog.users].index("王调解"))
        assert dialog.disable_button.isEnabled() and not dialog.enable_button.isEnabled()
        dialog.set_disabled(True)
        row = [u.name for u in dialog.users].index("王调解")
        assert dialog.table.item(row, 4).text() == "disabled"  # no translator in tests
    finally:
        s.close()
    crypto._registry.clear()
    with pytest.raises(accounts.LoginFailed):
        accounts.open_ledger(ledger, "王调解", "mediator-pw-1")


def test_user_management_refused_below_sysadmin(ledger, qtbot, qapp):
    from mediator_app.ui.trust.users import UserManagementDialog

    ctx, s = _ctx(ledger, "街管", "street-pw-1", qapp)
    try:
        dialog = UserManagementDialog(ctx)
        qtbot.addWidget(dialog)
        assert dialog.users == []
        assert ctx.dialogs.calls and ctx.dialogs.calls[0][0] == "error"
        assert "无权管理用户" in ctx.dialogs.calls[0][2]
    finally:
        s.close()


def test_audit_viewer_filters_and_exports(ledger, qtbot, qapp, tmp_path):
    from mediator_app.ui.trust.audit_viewer import AuditViewer

    ctx, s = _ctx(ledger, ADMIN, PW, qapp)
    try:
        viewer = AuditViewer(ctx)
        qtbot.addWidget(viewer)
        actions = [viewer.table.item(r, 4).text() for r in range(viewer.table.rowCount())]
        assert "log in" in actions and "user added" in actions  # words, not codes
        viewer.action.setCurrentIndex(viewer.action.findData("login"))
        viewer.search()
        assert viewer.table.rowCount() == 1 and viewer.table.item(0, 1).text() == ADMIN
        out = tmp_path / "audit.csv"
        ctx.dialogs.save_path = str(out)  # type: ignore[attr-defined]
        viewer.export_csv()
        text = out.read_text(encoding="utf-8-sig")
        assert text.startswith("Time,User") and "login" in text
    finally:
        s.close()


def test_backups_window_lists_a_backup(ledger, qtbot, qapp):
    from mediator_app.ui.trust.backups import BackupsDialog

    ctx, s = _ctx(ledger, ADMIN, PW, qapp)
    try:
        dialog = BackupsDialog(ctx)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 0 and "还没有" in dialog.state.text()
        dialog.back_up_now()
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 2).text() == "20"
    finally:
        s.close()


def test_case_form_masks_personal_data_for_a_viewer(ledger, qapp):
    ctx, s = _ctx(ledger, "小查", "viewer-pw-1", qapp)
    try:
        case = next(c for c in (CaseRepository(s.db).get(i) for i in range(1, 21))
                    if any(p.id_number for p in c.parties))
        masked = permissions.masked_case(s.db, case)
        for shown, real in zip(masked.parties, case.parties, strict=True):
            if real.id_number:
                assert shown.id_number != real.id_number and "*" in shown.id_number
            assert shown.name == real.name[:1] + "*" * max(1, len(real.name) - 1)
        with pytest.raises(AccessDenied):
            permissions.require_stored_case(s.db, permissions.Action.VIEW_PERSONAL, case.id)
        from mediator_app.services.cases import browse
        from mediator_app.ui.case_model import display_values

        row = browse.fetch_rows(s.db, [case.id])[case.id]  # the list's rows come masked
        texts = display_values(row, browse.lookups(s.db))
        assert case.parties[0].name not in texts[7] and "*" in texts[7]
        first = case.parties[0].id_number
        assert not first or (first not in texts[8] and "*" in texts[8])
    finally:
        s.close()
    admin, s = _ctx(ledger, "街管", "street-pw-1", qapp)  # 管理员: names, masked numbers
    try:
        assert permissions.masked_case(s.db, case).parties[0].name == case.parties[0].name
    finally:
        s.close()


def test_a_masked_value_is_never_saved(ledger, qapp):
    crypto._registry.clear()
    s = accounts.open_ledger(ledger, "街管", "street-pw-1")
    try:
        repo = CaseRepository(s.db)
        case = next(c for c in (repo.get(i) for i in range(1, 21))
                    if c.committee_code in (COMMITTEES[0].code, COMMITTEES[1].code)
                    and any(p.id_number for p in c.parties))
        masked = permissions.masked_case(s.db, case)
        from mediator_app.services.cases import edit as cases

        cases.save_case(s.db, dataclasses.replace(masked, summary=masked.summary + "。"))
        stored = repo.get(case.id)
        assert [p.id_number for p in stored.parties] == [p.id_number for p in case.parties]
        assert stored.summary.endswith("。")
    finally:
        s.close()


def test_lists_and_dashboard_figures_cover_only_the_users_scope(ledger, qapp):
    from mediator_app.storage import case_query as cq

    crypto._registry.clear()
    admin = accounts.open_ledger(ledger, ADMIN, PW)
    try:
        everything = set(cq.case_ids(admin.db, cq.CaseFilter()))
        east = set(cq.case_ids(admin.db, cq.CaseFilter(scope=cq.Scope("org", UNITS[1].code))))
    finally:
        admin.close()
    assert east and everything - east
    viewer = accounts.open_ledger(ledger, "小查", "viewer-pw-1")
    try:
        assert set(cq.case_ids(viewer.db, cq.CaseFilter())) == east  # "all" = the scope
        west = cq.Scope("org", UNITS[2].code)
        assert cq.case_ids(viewer.db, cq.CaseFilter(scope=west)) == []
        assert cq.view_counts(viewer.db, cq.CaseFilter()).total == len(east)
    finally:
        viewer.close()


def test_a_new_ledger_from_the_gui_is_encrypted_and_shows_the_recovery_key(tmp_path, qapp,
                                                                            monkeypatch):
    from PySide6.QtWidgets import QDialog

    from mediator_app.ui.trust import menu
    from mediator_app.ui.trust.login import RecoveryKeyDialog

    shown = []

    def fill(dialog: menu.NewLedgerDialog) -> int:
        dialog.name.setText(ADMIN)
        dialog.new1.setText(PW)
        dialog.new2.setText(PW + "x")
        dialog.check()
        assert dialog.message.text()  # the two passwords differ
        dialog.new2.setText(PW)
        dialog.check()
        return int(dialog.result())

    monkeypatch.setattr(menu.NewLedgerDialog, "exec", fill)
    monkeypatch.setattr(RecoveryKeyDialog, "exec",
                        lambda d: shown.append(d.recovery_key) or
                        int(QDialog.DialogCode.Accepted.value))
    path = tmp_path / "new.db"
    assert menu.create_new(str(path), "zh") == (True, ADMIN)
    assert len(shown) == 1 and crypto.is_encrypted_ledger(path)
    crypto._registry.clear()
    assert accounts.recover(path, shown[0], "another-pw-1") == ADMIN


def test_the_overview_warns_when_there_is_no_recent_verified_backup(ledger, qtbot, qapp):
    from mediator_app.ui.main_window import MainWindow
    from mediator_app.ui.trust.backups import AutoBackup

    ctx, s = _ctx(ledger, ADMIN, PW, qapp)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        auto = AutoBackup(window, ctx)
        assert auto.banner.parent() is not None
        from mediator_app.services.trust import auto_backup

        auto.show_status(auto_backup.status(s.db, ledger))
        assert not auto.banner.isHidden() and "还没有" in auto.banner.text()
        auto.tick()  # due: backs up (on the worker) and the warning goes away
        assert auto.banner.isHidden()
        assert auto_backup.list_backups(auto_backup.default_folder(ledger), "ledger")
    finally:
        s.close()


def test_package_password_dialog_checks_and_sealed_files_are_recognised(qtbot, tmp_path):
    from mediator_app.storage import sealed
    from mediator_app.ui.trust.packages import PackagePasswordDialog, any_sealed

    dialog = PackagePasswordDialog("zh", confirm=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog.check()
    assert "至少" in dialog.message.text() and not dialog.result()
    dialog.first.setText("package-pw-1")
    dialog.second.setText("package-pw-1")
    dialog.check()
    assert dialog.result() == dialog.DialogCode.Accepted
    plain = tmp_path / "p.zip"
    import zipfile

    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("manifest.json", "{}")
    sealed.seal(plain, tmp_path / "s.zip", "package-pw-1")
    assert any_sealed([str(tmp_path / "s.zip")]) and not any_sealed([str(plain)])
    out = tmp_path / "back.zip"
    assert not sealed.unseal(tmp_path / "s.zip", "wrong-password", out)
    assert sealed.unseal(tmp_path / "s.zip", "package-pw-1", out)
    assert out.read_bytes() == plain.read_bytes()


def test_subsidy_buttons_follow_the_role(ledger, qtbot, qapp):
    """以案定补 after the merge: a 查看 user may not mark a claim paid, a 管理员 may not
    save the rules (the services refuse too; tests/unit/test_trust_merge.py)."""
    from mediator_app.domain.periods import parse_period
    from mediator_app.ui.reports.subsidy_panel import SubsidyPanel
    from mediator_app.ui.reports.subsidy_rules import SubsidyRulesDialog

    def buttons(user: str, password: str) -> tuple[bool, bool]:
        ctx, s = _ctx(ledger, user, password, qapp)
        try:
            panel = SubsidyPanel(ctx, lambda: (parse_period("2024"), UNITS[1].code))
            qtbot.addWidget(panel)
            panel._enable(True)
            dialog = SubsidyRulesDialog(ctx, panel)
            qtbot.addWidget(dialog)
            from PySide6.QtWidgets import QDialogButtonBox

            save = dialog.findChild(QDialogButtonBox).button(
                QDialogButtonBox.StandardButton.Save)
            return panel.buttons["paid"].isEnabled(), save.isEnabled()
        finally:
            s.close()
            crypto._registry.clear()

    assert buttons("小查", "viewer-pw-1") == (False, False)
    assert buttons("街管", "street-pw-1") == (True, False)
    assert buttons(ADMIN, PW) == (True, True)


def test_a_viewer_finds_importing_and_the_import_history_disabled(ledger, qtbot, qapp):
    """查看 may not import; the import history (files and counts) is refused by the service
    and its menu entry is disabled like 导入案件."""
    from mediator_app.ui.app import build_main_window
    from mediator_app.ui.trust import menu

    ctx, s = _ctx(ledger, "小查", "viewer-pw-1", qapp)
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        menu.install(window, ctx)
        assert not window.actions_["import_cases"].isEnabled()
        assert not window.actions_["import_history"].isEnabled()
        assert window.actions_["refresh"].isEnabled()
    finally:
        s.close()
