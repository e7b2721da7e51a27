"""Issue 9, part 1: the encrypted ledger, its key file, init / encrypt / login /
unlock-with-recovery-key and exit 4, through the command line."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from trust_fixtures import (
    ADMIN,
    ADMIN_PW,
    ORG,
    RECOVERY_RE,
    as_user,
    cheap_kdf,  # noqa: F401 - autouse fixture
    file_state,
    init_ledger,
    no_stdin,
)

from mediator_app.cli.main import main
from mediator_app.services.trust import accounts
from mediator_app.storage import crypto
from mediator_app.storage.db import StorageError, open_database


def test_init_encrypts_and_shows_the_recovery_key_once(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ledger.db"
    recovery = init_ledger(path, monkeypatch, capsys)
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", recovery)
    assert not path.read_bytes().startswith(b"SQLite format 3")
    keys = json.loads(crypto.key_file_path(path).read_text(encoding="utf-8"))
    assert set(keys["slots"]) == {f"user:{ADMIN}", "recovery"}
    assert recovery not in crypto.key_file_path(path).read_text(encoding="utf-8")
    with pytest.raises(sqlite3.DatabaseError):  # the standard driver reads nothing
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(StorageError) as err:  # nor does the program without a login
        open_database(path)
    assert err.value.code == "db.encrypted"
    # English UI: "Recovery key:"
    as_user(monkeypatch, None, None, ADMIN_PW)
    assert main(["--lang", "en", "--db", str(tmp_path / "en.db"), "init", "--admin", "a"]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("Recovery key: ")]
    assert len(lines) == 1


def test_init_refuses_an_existing_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    before = file_state(path)
    as_user(monkeypatch, None, None, ADMIN_PW)
    assert main(["--db", str(path), "init", "--admin", "x"]) == 1
    assert "已存在" in capsys.readouterr().err
    assert file_state(path) == before


def test_init_plain_behaves_as_before(tmp_path, monkeypatch, capsys):
    path = tmp_path / "plain.db"
    as_user(monkeypatch, None, None, None)
    assert main(["--db", str(path), "init", "--admin", ADMIN, "--plain"]) == 0
    assert "恢复密钥" not in capsys.readouterr().out
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert not crypto.key_file_path(path).exists()
    assert main(["--db", str(path), "org", "import", *ORG]) == 0  # no user needed
    assert main(["--db", str(path), "check"]) == 0


def test_wrong_password_exits_4_and_writes_only_the_failed_login(tmp_path, monkeypatch,
                                                                  capsys):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    before = file_state(path)
    as_user(monkeypatch, ADMIN, "wrong-password")
    assert main(["--db", str(path), "org", "import", *ORG]) == 4
    assert "用户名或密码错误" in capsys.readouterr().err
    assert file_state(path) == before  # the ledger is untouched
    keys = crypto.KeyFile.load(path)
    assert [(e["user"], e["reason"]) for e in keys.pending_audit] == [(ADMIN, "wrong_password")]
    # the next successful login moves the failed one into the audit log
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    assert main(["--db", str(path), "audit", "--action", "login_failed"]) == 0
    out = capsys.readouterr().out
    assert ADMIN in out and "wrong_password" in out
    assert crypto.KeyFile.load(path).pending_audit == []


@pytest.mark.parametrize("user, password", [(None, ADMIN_PW), (ADMIN, None), ("nobody", "x" * 8)])
def test_missing_user_or_password_exits_4(tmp_path, monkeypatch, capsys, user, password):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    before = file_state(path)
    as_user(monkeypatch, user, password)
    no_stdin(monkeypatch)
    assert main(["--db", str(path), "report", "--period", "2023", "--scope", "610114",
                 "--format", "json"]) == 4
    assert "错误：" in capsys.readouterr().err
    assert file_state(path) == before


def test_user_option_wins_and_env_user_works(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    as_user(monkeypatch, "someone-else", ADMIN_PW)
    assert main(["--db", str(path), "--user", ADMIN, "check"]) == 0
    assert main(["--db", str(path), "check", "--user", ADMIN]) == 0  # after the command too


def test_five_failures_lock_the_account(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    as_user(monkeypatch, ADMIN, "wrong-password")
    for _ in range(accounts.MAX_FAILURES):
        assert main(["--db", str(path), "check"]) == 4
    capsys.readouterr()
    as_user(monkeypatch, ADMIN, ADMIN_PW)  # even the right password is refused now
    assert main(["--db", str(path), "check"]) == 4
    assert "锁定" in capsys.readouterr().err
    keys = crypto.KeyFile.load(path)
    keys.lockout[ADMIN]["locked_until"] = "2000-01-01T00:00:00+00:00"  # time passes
    keys.save()
    assert main(["--db", str(path), "check"]) == 0


def test_reset_password_opens_the_same_data_without_reencrypting(tmp_path, monkeypatch,
                                                                 capsys):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    as_user(monkeypatch, ADMIN, ADMIN_PW, "mediator-pw-1")
    assert main(["--db", str(path), "users", "add", "王调解", "--role", "调解员",
                 "--scope", "C001"]) == 0
    ledger_bytes = path.read_bytes()
    as_user(monkeypatch, ADMIN, ADMIN_PW, "mediator-pw-2")
    assert main(["--db", str(path), "users", "passwd", "王调解"]) == 0
    assert path.read_bytes()[:4096] == ledger_bytes[:4096]  # same salt/first page: same key
    as_user(monkeypatch, "王调解", "mediator-pw-1")
    assert main(["--db", str(path), "check"]) == 4
    as_user(monkeypatch, "王调解", "mediator-pw-2")
    assert main(["--db", str(path), "report", "--period", "2023", "--scope", "C001",
                 "--format", "json"]) == 0
    # changing one's own password
    as_user(monkeypatch, "王调解", "mediator-pw-2", "mediator-pw-3")
    assert main(["--db", str(path), "users", "passwd", "王调解"]) == 0
    as_user(monkeypatch, "王调解", "mediator-pw-3")
    assert main(["--db", str(path), "check"]) == 0


def test_recovery_key_opens_the_ledger_when_every_password_is_lost(tmp_path, monkeypatch,
                                                                   capsys):
    path = tmp_path / "ledger.db"
    recovery = init_ledger(path, monkeypatch, capsys)
    as_user(monkeypatch, None, None, "new-admin-pw")
    monkeypatch.setattr(sys, "stdin", io.StringIO("WRONG-KEY\n"))
    assert main(["--db", str(path), "unlock-with-recovery-key"]) == 4
    assert "恢复密钥不正确" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(recovery.lower().replace("-", " ") + "\n"))
    assert main(["--db", str(path), "unlock-with-recovery-key"]) == 0
    assert ADMIN in capsys.readouterr().out
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    assert main(["--db", str(path), "check"]) == 4  # the old password is gone
    as_user(monkeypatch, ADMIN, "new-admin-pw")
    assert main(["--db", str(path), "check"]) == 0
    assert main(["--db", str(path), "audit", "--action", "recovery_unlock"]) == 0
    assert ADMIN in capsys.readouterr().out


def _plain_ledger(path: Path) -> None:
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    assert main(["--db", str(path), "cases", "import",
                 str(Path(ORG[0]).with_name("cases.csv"))]) == 0


@pytest.mark.parametrize("keep", [False, True])
def test_encrypt_converts_a_plain_ledger_in_place(tmp_path, monkeypatch, capsys, keep):
    path = tmp_path / "ledger.db"
    _plain_ledger(path)
    before = open_database(path).db.execute("SELECT case_id, summary FROM cases").fetchall()
    as_user(monkeypatch, None, None, ADMIN_PW)
    args = ["--db", str(path), "encrypt", "--admin", ADMIN] + (["--keep-plain"] if keep else [])
    assert main(args) == 0
    out = capsys.readouterr()
    assert len(RECOVERY_RE.findall(out.out)) == 1
    assert "邻里因排水沟发生争执".encode() not in path.read_bytes()
    kept = list(tmp_path.glob("ledger.db.plain-*.bak"))
    assert len(kept) == (1 if keep else 0)
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    session = accounts.open_ledger(path, ADMIN, ADMIN_PW)
    try:
        assert session.db.execute("SELECT case_id, summary FROM cases").fetchall() == before
    finally:
        session.close()
    assert main(["--db", str(path), "encrypt", "--admin", ADMIN]) == 1  # already encrypted


def test_users_on_a_plain_ledger_say_to_encrypt_first(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ledger.db"
    _plain_ledger(path)
    as_user(monkeypatch, None, None, "pw-123456")
    assert main(["--db", str(path), "users", "add", "x", "--role", "查看"]) == 1
    assert "encrypt" in capsys.readouterr().err



def test_restore_of_an_encrypted_ledger_needs_a_sysadmin(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    backup = tmp_path / "copy.db"
    assert main(["--db", str(path), "backup", "--out", str(backup)]) == 0
    as_user(monkeypatch, ADMIN, ADMIN_PW, "viewer-pw-1")
    assert main(["--db", str(path), "users", "add", "小查", "--role", "查看"]) == 0
    before = file_state(path)
    as_user(monkeypatch, "小查", "viewer-pw-1")
    assert main(["--db", str(path), "restore", str(backup)]) == 5
    assert file_state(path) == before
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    assert main(["--db", str(path), "restore", str(backup)]) == 0
    as_user(monkeypatch, "小查", "viewer-pw-1")  # the backup predates the user
    assert main(["--db", str(path), "check"]) == 4
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    assert main(["--db", str(path), "check"]) == 0
