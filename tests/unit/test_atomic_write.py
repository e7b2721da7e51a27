"""The one write-whole-then-rename helper (storage/files.py, issue 11 item 6)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mediator_app.storage import files
from mediator_app.storage.files import (
    atomic_binary,
    atomic_text,
    part_path,
    replace_file,
    replacing,
    write_atomically,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_writes_whole_file_beside_target_and_leaves_no_part(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    assert write_atomically(target, "名称\r\n", encoding="utf-8-sig", newline="") == 4
    assert target.read_bytes() == "\ufeff名称\r\n".encode()
    assert write_atomically(target, b"\x00\x01") == 2
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@posix_only
def test_new_file_is_owner_only_even_with_an_open_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "draft.json"
        write_atomically(target, "{}")
        with replacing(tmp_path / "copy.db") as part:
            part.write_bytes(b"made by another writer")  # e.g. SQLite's backup API
    finally:
        os.umask(old)
    for name in ("draft.json", "copy.db"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_a_failure_keeps_the_old_file_and_removes_the_part(tmp_path: Path) -> None:
    target = tmp_path / "keys.json"
    target.write_text("kept", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text(target) as fh:
        fh.write("half")
        raise RuntimeError("disk full")
    with pytest.raises(RuntimeError), atomic_binary(target) as fb:
        fb.write(b"half")
        raise RuntimeError("cancelled")
    assert target.read_text(encoding="utf-8") == "kept"
    assert not part_path(target).exists()


def test_a_stale_part_of_a_killed_run_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.zip"
    part_path(target).write_bytes(b"left by a killed process")
    with replacing(target) as part:
        assert part == tmp_path / "a.zip.part" and not part.exists()
        part.write_bytes(b"new")
    assert target.read_bytes() == b"new"


def test_fsync_before_the_rename_when_asked(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    write_atomically(tmp_path / "a", "x")
    assert synced == []
    write_atomically(tmp_path / "b", "x", fsync=True)
    assert len(synced) == 1


def test_replace_retries_while_windows_holds_the_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows ``os.replace`` raises PermissionError while another process has the
    target open (a reader of the key file); the rename is retried, then given up."""
    part, target = tmp_path / "k.part", tmp_path / "k"
    part.write_text("new", encoding="utf-8")
    real, calls = os.replace, []

    def locked_twice(src: str, dst: str) -> None:
        calls.append(src)
        if len(calls) <= 2:
            raise PermissionError(13, "in use", dst)
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", locked_twice)
    monkeypatch.setattr(files.time, "sleep", lambda s: None)
    replace_file(part, target)
    assert len(calls) == 3 and target.read_text(encoding="utf-8") == "new"

    def always_locked(src: str, dst: str) -> None:
        raise PermissionError(13, "in use", dst)

    monkeypatch.setattr(files.os, "replace", always_locked)
    part.write_text("newer", encoding="utf-8")
    with pytest.raises(PermissionError):
        replace_file(part, target)
