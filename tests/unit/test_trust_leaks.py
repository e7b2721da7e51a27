"""Issue 9 "Done when": the bytes of an encrypted ledger, its -wal, its backups and its
personal-data packages contain none of a set of known party names, ID numbers and phone
numbers, in UTF-8 or GB18030."""

from __future__ import annotations

from pathlib import Path

import pytest
from trust_fixtures import ADMIN, ADMIN_PW, as_user, cheap_kdf  # noqa: F401

from mediator_app.cli.main import main
from mediator_app.services.demo import district as demo
from mediator_app.services.trust import accounts
from mediator_app.storage import crypto


@pytest.fixture
def demo_ledger(tmp_path) -> tuple[Path, list[str]]:
    """An encrypted ledger with 150 demo cases; the known personal data in it."""
    path = tmp_path / "ledger.db"
    accounts.create_ledger(path, ADMIN, ADMIN_PW)
    crypto._registry.clear()
    session = accounts.open_ledger(path, ADMIN, ADMIN_PW)
    try:
        demo.build_demo(session.db, cases=150, seed=3)
        rows = session.db.execute(
            "SELECT name, id_number, phone FROM parties WHERE length(name) >= 2").fetchall()
        summaries = [r[0] for r in session.db.execute(
            "SELECT summary FROM cases WHERE length(summary) >= 8 LIMIT 20")]
    finally:
        session.close()
    crypto._registry.clear()
    known = sorted({v for r in rows for v in r if v and len(v) >= 2})
    known += [s[:8] for s in summaries]
    assert len(known) > 100
    return path, known


MIN_BYTES = 6  # a 4-byte pattern (a 2-character name in GB18030) turns up in a few MB of
# random-looking ciphertext by chance (about 1 in 8 runs): only patterns of 6 bytes or
# more are looked for; 2-character names are still looked for in UTF-8 (6 bytes).


def _leaks(data: bytes, known: list[str]) -> list[str]:
    found = []
    for value in known:
        for encoding in ("utf-8", "gb18030"):
            pattern = value.encode(encoding)
            if len(pattern) >= MIN_BYTES and pattern in data:
                found.append(f"{value} ({encoding})")
    return found


def test_the_check_itself_finds_plain_text(demo_ledger, tmp_path):
    _path, known = demo_ledger
    sample = ("当事人：" + known[0] + "，电话 " + known[-1]).encode("gb18030")
    assert _leaks(sample, known)


def test_ledger_and_its_wal_hold_no_personal_data(demo_ledger):
    path, known = demo_ledger
    assert _leaks(path.read_bytes(), known) == []
    session = accounts.open_ledger(path, ADMIN, ADMIN_PW)
    try:  # write without checkpointing: the pages sit in the -wal
        session.db.execute("PRAGMA wal_autocheckpoint = 0")
        with session.db.atomic():
            session.db.execute("UPDATE parties SET phone = phone || ''")
            session.db.execute("UPDATE cases SET summary = summary || ' '")
        wal = Path(f"{path}-wal")
        assert wal.stat().st_size > 100_000
        assert _leaks(wal.read_bytes(), known) == []
        # and the FTS index: a trigram match still works inside
        assert session.db.execute("SELECT count(*) FROM case_fts").fetchone()[0] > 0
    finally:
        session.close()


def test_backup_and_personal_data_package_hold_no_personal_data(demo_ledger, tmp_path,
                                                                monkeypatch, capsys):
    path, known = demo_ledger
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    backup = tmp_path / "backup.db"
    assert main(["--db", str(path), "backup", "--out", str(backup)]) == 0
    assert _leaks(backup.read_bytes(), known) == []
    assert crypto.key_file_path(backup).is_file()  # the backup opens on its own
    session = accounts.open_ledger(backup, ADMIN, ADMIN_PW)
    session.close()
    crypto._registry.clear()

    package = tmp_path / "pkg.zip"
    monkeypatch.setenv("MEDIATOR_APP_PACKAGE_PASSWORD", "package-pw-1")
    assert main(["--db", str(path), "cases", "export", "--package", str(package),
                 "--with-personal-data"]) == 0
    data = package.read_bytes()
    assert not data.startswith(b"PK")
    assert _leaks(data, known) == []
    # the receiver imports it with the same password (and only with it)
    other = tmp_path / "other.db"
    monkeypatch.delenv("MEDIATOR_APP_PASSWORD")
    monkeypatch.delenv("MEDIATOR_APP_USER")
    monkeypatch.setenv("MEDIATOR_APP_PACKAGE_PASSWORD", "wrong-password")
    assert main(["--db", str(other), "cases", "import", str(package)]) == 4
    monkeypatch.setenv("MEDIATOR_APP_PACKAGE_PASSWORD", "package-pw-1")
    assert main(["--db", str(other), "cases", "import", str(package)]) == 0
    assert "new=150" in capsys.readouterr().out


def test_package_without_a_password_gets_one_printed_once(demo_ledger, tmp_path, monkeypatch,
                                                          capsys):
    path, known = demo_ledger
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    package = tmp_path / "pkg.zip"
    assert main(["--db", str(path), "cases", "export", "--package", str(package),
                 "--with-personal-data"]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("数据包密码：")]
    assert len(lines) == 1
    assert _leaks(package.read_bytes(), known) == []
