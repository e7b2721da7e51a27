"""Files with personal data are owner-only on POSIX (issue 8 item 5): the ledger and
its companions, backups, exports, packages, drafts; folders 0700."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.storage import files
from tests.fixtures.district import FIXTURES
from tests.fixtures.district import ORG_FILES as ORG

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def shell_umask():
    """The umask a desktop session usually leaves: 022 (files 0644, readable by all)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_command_line_creates_owner_only_files(tmp_path, shell_umask):
    ledger = tmp_path / "ledger.db"
    assert main(["--db", str(ledger), "org", "import", *ORG]) == 0
    assert main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    outputs = {"backup": tmp_path / "b.db", "csv": tmp_path / "c.csv",
               "xlsx": tmp_path / "c.xlsx", "zip": tmp_path / "p.zip"}
    assert main(["--db", str(ledger), "backup", "--out", str(outputs["backup"])]) == 0
    assert main(["--db", str(ledger), "cases", "export", "--out", str(outputs["csv"])]) == 0
    assert main(["--db", str(ledger), "cases", "export", "--out", str(outputs["xlsx"])]) == 0
    assert main(["--db", str(ledger), "cases", "export", "--package", str(outputs["zip"]),
                 "--with-personal-data"]) == 0
    created = [p for p in tmp_path.iterdir() if p.is_file()]
    assert ledger in created and len(created) >= 5
    for path in created:
        assert _mode(path) == 0o600, path
    assert os.umask(0o022) & 0o077 == 0o077  # the program tightened its own umask


def test_drafts_are_owner_only(tmp_path, shell_umask):
    from mediator_app.services.cases.drafts import DraftStore

    store = DraftStore(tmp_path / "drafts")
    store.save("new-1", {"parties": [{"name": "张三", "id_number": "110101199001011234"}]})
    assert _mode(tmp_path / "drafts") == 0o700
    assert _mode(tmp_path / "drafts" / "new-1.json") == 0o600
    assert store.load("new-1")["parties"][0]["name"] == "张三"


def test_make_private_and_open_private(tmp_path, shell_umask):
    path = tmp_path / "x"
    path.write_text("a")
    assert _mode(path) == 0o644
    files.make_private(path)
    assert _mode(path) == 0o600
    with files.open_private_text(tmp_path / "y", encoding="utf-8") as fh:
        assert _mode(tmp_path / "y") == 0o600  # from the first byte
        fh.write("z")
    files.make_private(tmp_path / "missing")  # vanished: left alone, no error
