"""Package limits and temp files (issue 8 items 5, 8 and the format_version of 11):
duplicate members, a huge manifest, a zip bomb, sizes that lie, nothing unpacked to
disk, owner-only files."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, dump, write_cases

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange import package as exchange_package
from mediator_app.services.exchange.case_exchange import export_cases, import_cases
from mediator_app.services.exchange.package_export import export_package
from mediator_app.storage.db import open_memory
from tests.fixtures.district import build_mini_district

TODAY = date(2024, 6, 30)


@pytest.fixture
def small(tmp_path):
    db = open_memory()
    build_mini_district(db)
    import_cases(db, [str(write_cases(tmp_path / "c.csv", [case_row(n) for n in range(1, 20)]))],
                 today=TODAY)
    pkg = tmp_path / "small.zip"
    export_package(db, pkg, with_personal_data=True)
    receiver = open_memory()
    build_mini_district(receiver)
    return pkg, receiver


def _refused(db, path: Path, code: str) -> CsvImportError:
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        import_cases(db, [str(path)], today=TODAY)
    assert [p.code for p in info.value.problems] == [code]
    assert dump(db) == before
    return info.value


def _rewrite(src: Path, dst: Path, *, manifest=None, extra=()) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        raw = json.loads(zin.read("manifest.json"))
        if manifest is not None:
            manifest(raw)
        zout.writestr("manifest.json", json.dumps(raw))
        for name in raw["files"]:
            zout.writestr(name, zin.read(name))
        for name, data in extra:
            zout.writestr(name, data)


def test_duplicate_member_names_are_refused(small, tmp_path):
    pkg, receiver = small
    bad = tmp_path / "dup.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        _rewrite(pkg, bad, extra=[("cases.csv", "\ufeffcase_id\r\n")])
    error = _refused(receiver, bad, "package.duplicate_member")
    assert "cases.csv" in error.lines("zh")[0]


def test_huge_manifest_is_refused_before_it_is_read(small, tmp_path, monkeypatch):
    pkg, receiver = small
    bad = tmp_path / "big.zip"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr("manifest.json", " " * (exchange_package.MAX_MANIFEST_BYTES + 10))
    reads = []
    real = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read",
                        lambda self, name, pwd=None: reads.append(name) or real(self, name, pwd))
    _refused(receiver, bad, "package.manifest_too_big")
    assert reads == []


def test_format_version_as_text_gets_its_own_message(small, tmp_path):
    pkg, receiver = small
    bad = tmp_path / "v.zip"
    _rewrite(pkg, bad, manifest=lambda m: m.update(format_version="1"))
    error = _refused(receiver, bad, "package.version_type")
    text = error.lines("zh")[0]
    assert "format_version" in text and "“1”" in text and "不受支持" not in text
    assert "number" in error.lines("en")[0]


def _bomb(tmp_path: Path, small_pkg: Path, size: int, declared: int | None = None) -> Path:
    """A package whose cases.csv unpacks to ``size`` bytes of spaces (written through
    a stream, never held in memory); the manifest lists ``declared`` bytes."""
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(small_pkg) as zin:
        raw = json.loads(zin.read("manifest.json"))
    raw["files"] = {"cases.csv": {"rows": 1, "bytes": declared or size, "sha256": "0" * 64}}
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        zout.writestr("manifest.json", json.dumps(raw))
        with zout.open("cases.csv", "w", force_zip64=True) as fh:
            block = b" " * (1 << 24)
            for _ in range(size // len(block)):
                fh.write(block)
    return bomb


def test_a_bomb_is_refused_by_its_ratio_without_unpacking(small, tmp_path, monkeypatch):
    pkg, receiver = small
    bomb = _bomb(tmp_path, pkg, 64 << 20)
    assert bomb.stat().st_size < 1 << 20
    opened = []
    real = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: (
        opened.append(getattr(name, "filename", name)) or real(self, name, *a, **k)))
    error = _refused(receiver, bomb, "package.ratio")
    assert "cases.csv" not in opened  # refused on the declared sizes alone
    assert "cases.csv" in error.lines("zh")[0]


def test_a_3_gb_bomb_is_refused_without_being_written(small, tmp_path, monkeypatch):
    """The case of the issue: 3 GB of cases.csv. Refused on the size the zip declares,
    before a byte is decompressed."""
    pkg, receiver = small
    monkeypatch.setattr(exchange_package, "MAX_RATIO", 10 ** 9)  # only the size limit
    bomb = _bomb(tmp_path, pkg, 3 << 30)
    error = _refused(receiver, bomb, "package.too_big")
    assert "3221225472" in error.lines("zh")[0]


def test_sizes_that_lie_are_refused_before_reading(small, tmp_path):
    pkg, receiver = small
    bad = tmp_path / "lie.zip"
    _rewrite(pkg, bad, manifest=lambda m: m["files"]["cases.csv"].update(bytes=10))
    _refused(receiver, bad, "package.size_mismatch")


def test_running_limit_stops_at_the_declared_size(small, tmp_path, monkeypatch):
    """Even when the zip's declared size were ignored, the hashing stops reading as
    soon as a member passes the manifest's size."""
    pkg, receiver = small
    monkeypatch.setattr(exchange_package, "_check_sizes", lambda *a: None)
    bad = tmp_path / "lie.zip"
    _rewrite(pkg, bad, manifest=lambda m: m["files"]["cases.csv"].update(bytes=10))
    _refused(receiver, bad, "package.hash_mismatch")


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """The temp folder of this test alone, to watch what appears in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_import_writes_nothing_outside_the_ledger_while_it_runs(small, tmp_path, temp_dir,
                                                                 monkeypatch):
    """A crash (SIGKILL, power cut) can strike at any moment: whatever exists on disk
    while the import runs is what would be left. Nothing but the package itself."""
    pkg, receiver = small
    from mediator_app.services.exchange import case_exchange

    seen: list[list[str]] = []
    real = case_exchange.merge_file

    def watch(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(_files(temp_dir) + _files(tmp_path))
        return real(*args, **kwargs)

    monkeypatch.setattr(case_exchange, "merge_file", watch)
    import_cases(receiver, [str(pkg)], today=TODAY)
    assert seen == [["c.csv", "small.zip", "tmp"]]


def test_export_writes_only_its_target_while_it_runs(small, tmp_path, temp_dir):
    pkg, receiver = small
    import_cases(receiver, [str(pkg)], today=TODAY)
    seen: list[list[str]] = []
    out = tmp_path / "out" / "again.zip"
    out.parent.mkdir()
    export_package(receiver, out, with_personal_data=True,
                   progress=lambda done, total: seen.append(_files(temp_dir)
                                                            + _files(out.parent)))
    assert seen and all(s == ["again.zip.part"] for s in seen)
    assert _files(temp_dir) == [] and _files(out.parent) == ["again.zip"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exports_are_owner_only(small, tmp_path):
    pkg, receiver = small
    old = os.umask(0o022)  # as a shell would leave it
    try:
        import_cases(receiver, [str(pkg)], today=TODAY)
        out_csv, out_zip = tmp_path / "e.csv", tmp_path / "e.zip"
        export_cases(receiver, out_csv)
        export_package(receiver, out_zip, with_personal_data=True)
    finally:
        os.umask(old)
    for path in (out_csv, out_zip):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
