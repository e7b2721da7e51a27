"""Screenshots of the issue-9 windows (login, user management, audit viewer, backups)
into docs/screenshots/. Run under a display, e.g.:

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python bench/trust_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from mediator_app.services.demo import district as demo
from mediator_app.services.trust import accounts, auto_backup
from mediator_app.storage import crypto
from mediator_app.ui import app as gui
from mediator_app.ui.i18n import install_translators

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    lang = sys.argv[1] if len(sys.argv) > 1 else "zh"
    qapp = gui._application()
    translators = install_translators(qapp, lang)  # noqa: F841
    gui._prefer_cjk_font(qapp)
    work = Path(tempfile.mkdtemp(prefix="trust-shots-"))
    path = work / "ledger.db"
    crypto.KDF_N = 2**14
    accounts.create_ledger(path, "张管理", "admin-secret-1")
    s = accounts.open_ledger(path, "张管理", "admin-secret-1")
    demo.build_demo(s.db, cases=400, seed=2)
    for name, role, scope, grant in (("李街道", "管理员", "610114001", False),
                                     ("王调解", "调解员", None, False),
                                     ("赵查看", "查看", "610114001", False)):
        code = scope or s.db.execute("SELECT code FROM committees LIMIT 1").fetchone()[0]
        accounts.add_user(s.db, str(path), name, role, code, "password-1", personal_data=grant)
    accounts.change_user(s.db, "赵查看", role="管理员")
    accounts.set_disabled(s.db, str(path), "王调解", True)
    accounts.record_login(s)
    for day in range(3):
        auto_backup.run_backup(s.db, path, now=datetime.now() - timedelta(days=day * 3))
    s.close()
    crypto._registry.clear()
    accounts._fail(path, "李街道", "wrong_password")

    from mediator_app.ui.trust.login import LoginDialog

    login = LoginDialog(str(path), lang)
    login.user.setText("张管理")
    login.password.setText("wrong")
    login.try_login()
    login.resize(480, login.sizeHint().height())
    login.show()
    qapp.processEvents()
    login.grab().save(str(OUT / "login.png"))
    login.password.setText("admin-secret-1")
    login.try_login()
    crypto.register_key(path, login.key)

    from mediator_app.ui.trust import menu, session
    from mediator_app.ui.trust.audit_viewer import AuditViewer
    from mediator_app.ui.trust.backups import BackupsDialog
    from mediator_app.ui.trust.users import UserManagementDialog

    ctx = gui.open_context(str(path), lang)
    assert ctx is not None
    session.attach(ctx, "张管理")
    window = gui.build_main_window(ctx)
    menu.install(window, ctx)
    for cls, name in ((UserManagementDialog, "users.png"), (AuditViewer, "audit.png"),
                      (BackupsDialog, "backups.png")):
        dialog = cls(ctx, window)
        dialog.show()
        for _ in range(50):
            qapp.processEvents()
            time.sleep(0.02)
        dialog.grab().save(str(OUT / name))
        dialog.close()
    ctx.runner.shutdown()
    ctx.read_db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
