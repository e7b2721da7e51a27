"""Quick start of the command line (issue 13): the entry point and `--help` do not load
reportlab, Qt or sqlite-utils; those come with the commands that need them.

Each check runs in a fresh interpreter (the test process has imported everything
already) and looks at ``sys.modules``: deterministic, not a timing test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "PySide6", "sqlite_utils", "click", "dateutil", "PIL")


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_importing_the_entry_point_loads_nothing_heavy() -> None:
    assert _heavy(_modules_after("import mediator_app.cli.main")) == []


@pytest.mark.parametrize("argv", [["--help"], ["cases", "--help"], ["document", "--help"],
                                  ["report", "--help"]])
def test_help_loads_nothing_heavy(argv: list[str]) -> None:
    code = ("import contextlib, io\nfrom mediator_app.cli.main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    main({argv!r})")
    assert _heavy(_modules_after(code)) == []


def test_check_loads_nothing_heavy(tmp_path: Path) -> None:
    """``check`` of an up-to-date ledger reads it without sqlite-utils (issue 13: its
    import, with click, dateutil and pluggy, was 0.08 s of every start)."""
    from mediator_app.storage.db import open_database

    db = tmp_path / "ledger.db"
    open_database(db).close()  # created and migrated here, not in the probe
    code = ("import contextlib, io\nfrom mediator_app.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['--db', {str(db)!r}, 'check']) == 0\n")
    loaded = _modules_after(code)
    assert "mediator_app.storage.db" in loaded  # the probe did open the ledger
    assert _heavy(loaded) == []


def test_cli_env_name_matches_storage() -> None:
    from mediator_app.cli.common import ENV_DB as CLI_ENV
    from mediator_app.storage.db import ENV_DB

    assert CLI_ENV == ENV_DB


def test_storage_errors_are_the_same_classes() -> None:
    from mediator_app.storage import db, errors

    assert db.StorageError is errors.StorageError
    assert db.DatabaseTooNew is errors.DatabaseTooNew


def _demo_ledger(tmp_path: Path, cases: int) -> Path:
    from mediator_app.services.demo.district import build_demo
    from mediator_app.storage.db import open_database

    db = tmp_path / "ledger.db"
    handle = open_database(db)
    build_demo(handle.db, cases=cases, seed=1)
    handle.close()
    return db


def test_a_csv_export_loads_nothing_heavy(tmp_path: Path) -> None:
    """``cases export`` to .csv loads neither the import machinery, sqlite-utils nor the
    .xlsx writer (issue 13: ~0.1 s of every export's start)."""
    db = _demo_ledger(tmp_path, 30)
    out = tmp_path / "out.csv"
    code = ("import contextlib, io\nfrom mediator_app.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['--db', {str(db)!r}, 'cases', 'export', '--out', "
            f"{str(out)!r}]) == 0\n")
    loaded = _modules_after(code)
    assert out.read_bytes().count(b"\r\n") == 31  # the export was made
    assert _heavy(loaded) == [] and "xlsxwriter" not in loaded
    assert "mediator_app.services.exchange.case_exchange" not in loaded


def test_a_json_report_loads_nothing_heavy(tmp_path: Path) -> None:
    db = _demo_ledger(tmp_path, 50)
    code = ("import contextlib, io\nfrom mediator_app.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['--db', {str(db)!r}, 'report', '--period', '2025', "
            "'--scope', '610114', '--format', 'json']) == 0\n")
    loaded = _modules_after(code)
    assert "mediator_app.services.statistics.sheet" in loaded  # the report was made
    assert _heavy(loaded) == []


def test_a_ledger_used_beyond_reading_gets_sqlite_utils(tmp_path: Path) -> None:
    """What the lean database object does not do itself goes to sqlite-utils on the same
    connection, inside the ledger's own transactions."""
    from mediator_app.storage.db import open_database

    handle = open_database(tmp_path / "ledger.db")
    db = handle.db
    with db.atomic():
        db["settings"].insert({"key": "probe", "value": "1"})
        assert db.conn.in_transaction
    assert db.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone()[0] == "1"
    assert [r["key"] for r in db.query("SELECT key FROM settings WHERE key = 'probe'")] == [
        "probe"]
    try:
        with db.atomic():
            db.execute("UPDATE settings SET value = '2' WHERE key = 'probe'")
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert db.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone()[0] == "1"
    db.execute("UPDATE settings SET value = '3' WHERE key = 'probe'")  # committed at once
    assert not db.conn.in_transaction
    handle.close()
