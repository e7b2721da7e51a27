"""Files on the command line: the package export counts what the zip holds, a file that
cannot be opened is a plain sentence (no English text of the operating system), and a
backup leaves one file and refuses a missing folder."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.services import csv_io
from mediator_app.services.exchange import package as exchange_package
from tests.fixtures.district import FIXTURES
from tests.fixtures.district import ORG_FILES as ORG

OS_ENGLISH = re.compile(r"Errno|No such file|Permission denied|Is a directory")


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    assert main(["--db", str(path), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    return path


def test_package_export_counts_the_data_files_and_the_manifest(ledger, tmp_path, capsys):
    pkg = tmp_path / "p.zip"
    capsys.readouterr()
    assert main(["--db", str(ledger), "cases", "export", "--package", str(pkg)]) == 0
    out = capsys.readouterr().out
    with zipfile.ZipFile(pkg) as zf:
        names = zf.namelist()
    assert "manifest.json" in names
    assert f"{len(names) - 1} 个数据文件和清单 manifest.json" in out
    assert main(["--lang", "en", "--db", str(ledger), "cases", "export", "--package",
                 str(tmp_path / "q.zip")]) == 0
    assert f"{len(names) - 1} data files and the manifest manifest.json" in \
        capsys.readouterr().out


@pytest.mark.parametrize("name", ["missing.zip", "missing.csv"])
def test_a_missing_file_is_said_plainly(ledger, tmp_path, capsys, name):
    path = tmp_path / name
    assert main(["--db", str(ledger), "cases", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"文件“{path}”不存在。" in err and not OS_ENGLISH.search(err)
    assert "损坏" not in err
    assert main(["--lang", "en", "--db", str(ledger), "cases", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"The file “{path}” does not exist." in err and not OS_ENGLISH.search(err)


@pytest.mark.parametrize("name", ["folder.zip", "folder.csv"])
def test_a_folder_is_said_plainly(ledger, tmp_path, capsys, name):
    path = tmp_path / name
    path.mkdir()
    assert main(["--db", str(ledger), "cases", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"“{path}”是文件夹，不是文件。" in err and not OS_ENGLISH.search(err)
    assert main(["--lang", "en", "--db", str(ledger), "cases", "import", str(path)]) == 1
    assert "is a folder, not a file" in capsys.readouterr().err


def test_no_access_is_said_plainly(ledger, tmp_path, capsys, monkeypatch):
    def denied(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(csv_io, "_digest", denied)
    monkeypatch.setattr(exchange_package, "_sha256", denied)
    for name in ("locked.csv", "locked.zip"):
        path = tmp_path / name
        path.write_bytes(b"x")
        assert main(["--db", str(ledger), "cases", "import", str(path)]) == 1
        err = capsys.readouterr().err
        assert f"没有权限读取文件“{path}”" in err and not OS_ENGLISH.search(err)
        assert main(["--lang", "en", "--db", str(ledger), "cases", "import", str(path)]) == 1
        err = capsys.readouterr().err
        assert f"No permission to read the file “{path}”" in err
        assert not OS_ENGLISH.search(err)


def test_backup_leaves_one_file(ledger, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    out = folder / "b.db"
    assert main(["--db", str(ledger), "backup", "--out", str(out)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["b.db"]
    assert out.read_bytes().startswith(b"SQLite format 3")
    assert main(["--db", str(out), "check"]) == 0


def test_backup_refuses_a_missing_folder(ledger, tmp_path, capsys):
    out = tmp_path / "nowhere" / "b.db"
    assert main(["--db", str(ledger), "backup", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"文件夹“{out.parent}”不存在" in err and "没有备份" in err
    assert not out.parent.exists()
    assert main(["--lang", "en", "--db", str(ledger), "backup", "--out", str(out)]) == 1
    assert f"The folder “{out.parent}” does not exist" in capsys.readouterr().err
    assert main(["--db", str(ledger), "backup", "--out", str(tmp_path)]) == 1
    assert "是文件夹" in capsys.readouterr().err


@pytest.mark.parametrize("target", [["--out", "x.csv"], ["--out", "x.xlsx"],
                                    ["--package", "x.zip"]])
def test_export_into_a_missing_folder_names_the_folder(ledger, tmp_path, capsys, target):
    """Not "the file x.csv.part does not exist": the user never named a .part file."""
    folder = tmp_path / "nowhere"
    out = folder / target[1]
    assert main(["--db", str(ledger), "cases", "export", target[0], str(out)]) == 1
    err = capsys.readouterr().err
    assert f"文件夹“{folder}”不存在" in err and ".part" not in err
    assert not folder.exists()
