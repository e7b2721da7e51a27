"""Demo databases on disk: an interrupted build leaves no half-written target, ``--demo``
rebuilds a partial demo after setting it aside, and refusals are plain messages."""

from __future__ import annotations

import sys
import types
from datetime import date, datetime
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.services.demo import district as demo
from mediator_app.services.demo.district import DemoError, build_demo, build_demo_file, file_state
from mediator_app.storage.db import StorageError, open_database, open_memory

TODAY = date(2026, 11, 26)


class Stop(Exception):
    """Raised from the progress callback to simulate an interruption."""


def _stop_after_first_chunk(done: int, total: int) -> None:
    if done > 0:
        raise Stop()


def _stop_at_once(done: int, total: int) -> None:
    raise Stop()


def _cases(path: Path) -> int:
    opened = open_database(path)
    try:
        return int(opened.db.execute("SELECT count(*) FROM cases").fetchone()[0])
    finally:
        opened.close()


def _partial_file(path: Path, stop: demo.Progress = _stop_after_first_chunk) -> None:
    """A database left by an interrupted build (by default after its first chunk)."""
    opened = open_database(path)
    try:
        with pytest.raises(Stop):
            build_demo(opened.db, cases=60, today=TODAY, progress=stop)
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(demo, "CHUNK_SIZE", 20)


def test_states_of_a_database():
    db = open_memory()
    assert demo.demo_state(db) == demo.EMPTY
    with pytest.raises(Stop):
        build_demo(db, cases=60, today=TODAY, progress=_stop_after_first_chunk)
    assert demo.demo_state(db) == demo.PARTIAL
    assert 0 < db.execute("SELECT count(*) FROM cases").fetchone()[0] < 60
    done = open_memory()
    build_demo(done, cases=5, today=TODAY)
    assert demo.demo_state(done) == demo.COMPLETE


def test_interrupted_build_leaves_no_target_and_the_next_run_completes(tmp_path):
    target = tmp_path / "demo.db"
    with pytest.raises(Stop):
        build_demo_file(target, cases=60, today=TODAY, progress=_stop_after_first_chunk)
    assert list(tmp_path.iterdir()) == []  # neither the target nor a part file
    assert file_state(target) == demo.MISSING
    summary = build_demo_file(target, cases=60, today=TODAY)
    assert summary.cases == 60 and _cases(target) == 60
    assert file_state(target) == demo.COMPLETE
    assert [p.name for p in tmp_path.iterdir()] == ["demo.db"]


def test_a_stale_part_file_is_replaced(tmp_path):
    target = tmp_path / "demo.db"
    Path(f"{target}.part").write_bytes(b"not a database at all")
    Path(f"{target}.part-wal").write_bytes(b"junk")
    build_demo_file(target, cases=5, today=TODAY)
    assert _cases(target) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["demo.db"]


def test_a_failed_build_leaves_no_part_file(tmp_path):
    target = tmp_path / "demo.db"
    with pytest.raises(Stop):
        build_demo_file(target, cases=60, today=TODAY, progress=_stop_after_first_chunk)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_target_is_never_replaced(tmp_path):
    target = tmp_path / "demo.db"
    build_demo_file(target, cases=5, today=TODAY)
    with pytest.raises(StorageError) as info:
        build_demo_file(target, cases=60, today=TODAY)
    assert info.value.code == "file.appeared"
    assert _cases(target) == 5 and file_state(target) == demo.COMPLETE


def test_set_aside_moves_the_file_and_its_journal(tmp_path):
    target = tmp_path / "demo.db"
    target.write_bytes(b"db")
    Path(f"{target}-wal").write_bytes(b"wal")
    now = datetime(2026, 11, 26, 9, 30, 0)
    moved = demo.set_aside(target, now=now)
    assert moved.name == "demo.db.broken-20261126-093000"
    assert moved.read_bytes() == b"db" and Path(f"{moved}-wal").read_bytes() == b"wal"
    assert not target.exists() and not Path(f"{target}-wal").exists()
    target.write_bytes(b"again")
    assert demo.set_aside(target, now=now).name == "demo.db.broken-20261126-093000-2"


# ---- the command line -------------------------------------------------------------------

@pytest.fixture
def gui(monkeypatch) -> list[str]:
    """The GUI replaced by a recorder; the default demo kept small."""
    started: list[str] = []
    monkeypatch.setitem(sys.modules, "mediator_app.ui.app", types.SimpleNamespace(
        run_gui=lambda path, lang=None: started.append(path) or 0))
    monkeypatch.setattr(demo, "default_case_count", lambda today: 30)
    return started


def test_demo_flag_rebuilds_a_partial_demo(tmp_path, gui, capsys):
    target = tmp_path / "demo.db"
    _partial_file(target)
    assert file_state(target) == demo.PARTIAL
    assert main(["--demo", "--db", str(target)]) == 0
    assert gui == [str(target)]
    err = capsys.readouterr().err
    assert "不完整" in err and ".broken-" in err and "Traceback" not in err
    assert file_state(target) == demo.COMPLETE and _cases(target) == 30
    broken = [p for p in tmp_path.iterdir() if ".broken-" in p.name]
    assert len(broken) == 1 and 0 < _cases(broken[0]) < 60


def test_demo_flag_keeps_a_complete_demo(tmp_path, gui, capsys):
    target = tmp_path / "demo.db"
    build_demo_file(target, cases=7, today=TODAY)
    assert main(["--demo", "--db", str(target)]) == 0
    assert _cases(target) == 7 and "demo" not in capsys.readouterr().err.lower()
    assert [p.name for p in tmp_path.iterdir()] == ["demo.db"]


def test_demo_flag_refusal_is_a_plain_message(tmp_path, gui, monkeypatch, capsys):
    def refuse(path, **kw):
        raise DemoError("demo.bad_today", "截止日期早于 2023-01-01", today=date(2022, 1, 1),
                        start=date(2023, 1, 1))

    monkeypatch.setattr(demo, "build_demo_file", refuse)
    assert main(["--lang", "en", "--demo", "--db", str(tmp_path / "demo.db")]) == 1
    err = capsys.readouterr().err
    assert "2022-01-01 is before 2023-01-01" in err and "Traceback" not in err
    assert gui == []


def test_demo_command_into_a_partial_database_is_refused_plainly(tmp_path, capsys):
    target = tmp_path / "x.db"
    _partial_file(target, stop=_stop_at_once)  # the org units are written, no cases
    assert main(["--db", str(target), "demo", "--cases", "5"]) == 1
    err = capsys.readouterr().err
    assert "可能是上次生成演示数据时被中断" in err and str(target) in err
    assert "Traceback" not in err
