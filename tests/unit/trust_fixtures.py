"""Shared set-up of the issue-9 tests: a cheap KDF, passwords in the environment, an
encrypted ledger with the fixture organisation and some demo-like parties."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.storage import crypto
from tests.fixtures.district import ORG_FILES as ORG

ADMIN, ADMIN_PW = "张管理", "admin-secret-1"
RECOVERY_RE = re.compile(r"^恢复密钥：(\S+)$", re.M)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """scrypt at 2**10 in tests (the slots record their own parameters)."""
    monkeypatch.setattr(crypto, "KDF_N", 2**10)
    for name in ("MEDIATOR_APP_USER", "MEDIATOR_APP_PASSWORD", "MEDIATOR_APP_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    yield
    crypto._registry.clear()


def as_user(monkeypatch: pytest.MonkeyPatch, user: str | None, password: str | None,
            new_password: str | None = None) -> None:
    for name, value in (("MEDIATOR_APP_USER", user), ("MEDIATOR_APP_PASSWORD", password),
                        ("MEDIATOR_APP_NEW_PASSWORD", new_password)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    crypto._registry.clear()  # every CLI run starts without a key, as a new process


def init_ledger(path: Path, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str]) -> str:
    """An encrypted ledger with the fixture org; returns the recovery key."""
    as_user(monkeypatch, None, None, ADMIN_PW)
    assert main(["--db", str(path), "init", "--admin", ADMIN]) == 0
    out = capsys.readouterr().out
    keys = RECOVERY_RE.findall(out)
    assert len(keys) == 1, out
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    capsys.readouterr()
    return str(keys[0])


def no_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The prompt gets end-of-file (no terminal, nothing piped)."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def file_state(path: Path) -> dict[str, bytes]:
    """Bytes of the ledger and its journals (what "nothing written" compares)."""
    out = {}
    for p in [path, Path(f"{path}-wal")]:
        if p.exists():
            out[p.name] = p.read_bytes()
    return out


def env_without(*names: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in names}
