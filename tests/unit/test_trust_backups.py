"""Issue 9, part 3: automatic verified backups — rotation keeps exactly the configured
set; a backup made while another process writes restores to a consistent ledger; an
unreachable folder is reported, never created."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from trust_fixtures import ADMIN, ADMIN_PW, ORG, cheap_kdf  # noqa: F401

from mediator_app.domain.access import AccessDenied
from mediator_app.domain.account_messages import AccountError
from mediator_app.services.organisation.import_files import import_org
from mediator_app.services.trust import accounts, auto_backup
from mediator_app.services.trust import backup as backup_service
from mediator_app.storage import crypto
from mediator_app.storage.db import integrity_check, open_database


def _expected(stamps: list[datetime], days: int, weeks: int, months: int) -> set[datetime]:
    """Written independently of the service: walk the copies newest first and keep the
    first one met in each new day / week / month until the quota is used."""
    keep: set[datetime] = set()
    for quota, key in ((days, "%Y-%m-%d"), (weeks, "%G-%V"), (months, "%Y-%m")):
        seen: list[str] = []
        for t in sorted(stamps, reverse=True):
            k = t.strftime(key)
            if k not in seen:
                seen.append(k)
                if len(seen) <= quota:
                    keep.add(t)
    return keep


def test_rotation_keeps_exactly_the_configured_set(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2024, 1, 1, 18, 0, 0)
    stamps = []
    for n in range(500):  # two copies most days over 16 months, some days missing
        if n % 11 == 5:
            continue
        for hour in (9, 18) if n % 3 else (18,):
            stamps.append(start + timedelta(days=n, hours=hour - 18))
    for t in stamps:
        (folder / f"ledger-{t.strftime('%Y%m%d-%H%M%S')}.db").write_bytes(b"x")
        (folder / f"ledger-{t.strftime('%Y%m%d-%H%M%S')}.db.keys").write_bytes(b"{}")
    (folder / "other-20240101-000000.db").write_bytes(b"not ours")
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    auto_backup.rotate(folder, "ledger", (7, 4, 12))
    left = {b.at for b in auto_backup.list_backups(folder, "ledger")}
    assert left == _expected(stamps, 7, 4, 12)
    assert 12 <= len(left) <= 23
    assert (folder / "other-20240101-000000.db").exists() and (folder / "notes.txt").exists()
    keys = {p.name[:-5] for p in folder.glob("ledger-*.db.keys")}
    assert keys == {b.path.name for b in auto_backup.list_backups(folder, "ledger")}
    auto_backup.rotate(folder, "ledger", (2, 0, 1))
    assert {b.at for b in auto_backup.list_backups(folder, "ledger")} == \
        _expected(stamps, 2, 0, 1)


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    accounts.create_ledger(path, ADMIN, ADMIN_PW)
    s = accounts.open_ledger(path, ADMIN, ADMIN_PW)
    try:
        import_org(s.db, ORG)
    finally:
        s.close()
    crypto._registry.clear()
    return path


def test_automatic_backup_is_encrypted_verified_and_listed(ledger):
    s = accounts.open_ledger(ledger, ADMIN, ADMIN_PW)
    try:
        assert auto_backup.due(s.db, ledger)
        info = auto_backup.run_backup(s.db, ledger)
        assert not auto_backup.due(s.db, ledger)
        assert info.path.parent == auto_backup.default_folder(ledger)
        assert not info.path.read_bytes().startswith(b"SQLite format 3")
        assert crypto.key_file_path(info.path).is_file()
        listed = auto_backup.list_backups(info.path.parent, "ledger")
        assert [b.path for b in listed] == [info.path] and listed[0].verified_at
        st = auto_backup.status(s.db, ledger)
        assert st.warning is None and st.last is not None
        later = datetime.now() + timedelta(days=8)
        assert auto_backup.status(s.db, ledger, now=later).warning == "backup.stale"
    finally:
        s.close()
    crypto._registry.clear()
    copy = accounts.open_ledger(info.path, ADMIN, ADMIN_PW)  # opens on its own
    try:
        assert integrity_check(copy.db) == []
    finally:
        copy.close()


def test_a_set_folder_that_cannot_be_reached_is_reported_not_created(ledger, tmp_path):
    s = accounts.open_ledger(ledger, ADMIN, ADMIN_PW)
    try:
        stick = tmp_path / "usb" / "backups"
        auto_backup.set_folder(s.db, stick)
        with pytest.raises(AccountError) as err:
            auto_backup.run_backup(s.db, ledger)
        assert err.value.code == "backup.folder_unreachable"
        assert not stick.exists()
        assert auto_backup.status(s.db, ledger).warning == "backup.folder_unreachable"
    finally:
        s.close()


def test_only_allowed_roles_back_up_by_hand(ledger):
    s = accounts.open_ledger(ledger, ADMIN, ADMIN_PW)
    try:
        accounts.add_user(s.db, ledger, "小查", "查看", "610114001", "viewer-pw-1")
    finally:
        s.close()
    crypto._registry.clear()
    s = accounts.open_ledger(ledger, "小查", "viewer-pw-1")
    try:
        with pytest.raises(AccessDenied):
            auto_backup.run_backup(s.db, ledger, manual=True)
        assert auto_backup.run_backup(s.db, ledger).cases == 0  # the automatic one runs
    finally:
        s.close()


WRITER = textwrap.dedent("""
    import sys, time
    from mediator_app.services.trust import accounts
    from mediator_app.storage import crypto
    crypto.KDF_N = 2**10
    path, user, pw, stop = sys.argv[1:5]
    s = accounts.open_ledger(path, user, pw)
    n = 0
    print("ready", flush=True)
    while True:
        with s.db.atomic():
            for _ in range(50):
                n += 1
                s.db.execute("INSERT INTO settings(key, value) VALUES (?, ?)",
                             [f"writer-{n}", "x" * 500])
            s.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('writer-n', ?)",
                         [str(n)])
        import os
        if os.path.exists(stop):
            break
    s.close()
""")


def test_a_backup_made_while_another_process_writes_restores_consistent(ledger, tmp_path):
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(ledger), ADMIN, ADMIN_PW,
                               str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        s = accounts.open_ledger(ledger, ADMIN, ADMIN_PW)
        try:
            info = auto_backup.run_backup(s.db, ledger)
        finally:
            s.close()
    finally:
        stop.write_text("stop")
        writer.wait(timeout=60)
    assert writer.returncode == 0
    crypto.register_key(info.path, crypto.key_for(ledger) or b"")
    backup_service.restore(ledger, info.path)
    restored = open_database(ledger)
    try:
        assert integrity_check(restored.db) == []
        rows = dict(restored.db.execute(
            "SELECT key, value FROM settings WHERE key LIKE 'writer-%'").fetchall())
        n = int(rows.pop("writer-n"))
        assert n >= 50 and len(rows) == n  # the counter and the rows of the same moment
    finally:
        restored.close()
