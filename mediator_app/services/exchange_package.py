"""Exchange packages (``.zip``): writing one for a scope, and opening one for import.

A package holds ``manifest.json`` and CSV files (UTF-8 with BOM, every field quoted,
CRLF): ``cases.csv`` (format v1), ``case_stats.csv`` (statistical columns outside v1),
``org_units.csv``, ``committees.csv``, ``people.csv`` and, only when asked for, the
personal-data files (``parties.csv``, ``investigations.csv``, ``sessions.csv``,
``agreements.csv``, ``follow_ups.csv``). The manifest lists every file with its row count,
size and SHA-256; opening a package checks all of them before anything is imported.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import mediator_app
from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.services import permissions, sealed_packages
from mediator_app.services.csv_io import CsvImportError, CsvProblem, file_problem
from mediator_app.storage.convert import now_iso
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.package_repo import (
    COMMITTEE_FILE_COLUMNS,
    PEOPLE_FILE_COLUMNS,
    PERSONAL_FILES,
    STATS_FILE_COLUMNS,
    UNIT_FILE_COLUMNS,
    PackageRepository,
)
from mediator_app.storage.settings_repo import SettingsRepository

FORMAT = "mediator-ledger-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
KNOWN_FILES = ("cases.csv", "case_stats.csv", "org_units.csv", "committees.csv", "people.csv",
               *PERSONAL_FILES)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_CHUNK = 1 << 20
Progress = Callable[[int, int], None]


@dataclass
class PackageManifest:
    """What manifest.json says (see docs/exchange.md for the schema)."""

    source_unit: dict[str, str]
    date_from: str | None
    date_to: str | None
    with_personal_data: bool
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> rows, bytes, sha256
    totals: dict[str, Any] = field(default_factory=dict)
    program_version: str = mediator_app.__version__
    created_at: str = ""
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "format_version": self.format_version,
                "program_version": self.program_version, "created_at": self.created_at,
                "source_unit": self.source_unit,
                "range": {"from": self.date_from, "to": self.date_to},
                "with_personal_data": self.with_personal_data,
                "totals": self.totals, "files": self.files}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PackageManifest:
        span = d.get("range") or {}
        return cls(dict(d["source_unit"]), span.get("from"), span.get("to"),
                   bool(d.get("with_personal_data")), dict(d["files"]), dict(d.get("totals") or {}),
                   str(d.get("program_version", "")), str(d.get("created_at", "")),
                   str(d["format"]), int(d["format_version"]))


def yuan_text(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def totals_dict(counts: dict[str, int]) -> dict[str, Any]:
    return {**counts, "amount_yuan": yuan_text(counts["amount_fen"])}


# --- writing ---------------------------------------------------------------------------


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _file_entry(path: Path, rows: int) -> dict[str, Any]:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return {"rows": rows, "bytes": path.stat().st_size, "sha256": h.hexdigest()}


def _source_unit(db: Database, scope: str | None) -> dict[str, str]:
    from mediator_app.storage.org_repo import OrgRepository

    org = OrgRepository(db)
    if scope:
        unit = org.unit(scope)
        if unit is None:
            raise DomainError(Problem("scope", "unknown_code", {"value": scope,
                                                                 "table": "org_unit"}))
        return {"code": unit.code, "name": unit.name, "level": unit.level.value}
    settings = SettingsRepository(db)
    code, name = settings.get("district_code"), settings.get("district_name")
    unit = org.unit(code) if code else next(iter(org.children(None)), None)
    if unit is not None:
        return {"code": unit.code, "name": name or unit.name, "level": unit.level.value}
    return {"code": code, "name": name, "level": ""}


def export_package(db: Database, out: str | Path, *, scope: str | None = None,
                   date_from: date | str | None = None, date_to: date | str | None = None,
                   with_personal_data: bool = False,
                   progress: Progress | None = None,
                   package_password: str | None = None) -> PackageManifest:
    """Write the package of ``scope`` (None: the whole ledger) to ``out``; the file
    appears only when complete. Returns its manifest. From an encrypted ledger, a
    package with personal data is sealed with ``package_password`` (required then;
    ``services.sealed_packages``)."""
    from mediator_app.services.case_exchange import export_cases

    scope = permissions.scope_for(db, Action.EXPORT, scope)  # issue 9
    if with_personal_data:
        permissions.require(db, Action.EXPORT_PERSONAL)
    sealing = sealed_packages.must_seal(db, with_personal_data, package_password)
    source = _source_unit(db, scope)
    lo, hi = _iso(date_from), _iso(date_to)
    manifest = PackageManifest(source, lo, hi, with_personal_data, created_at=now_iso())
    repo, pkg = ExchangeRepository(db), PackageRepository(db)
    target = Path(out)
    with tempfile.TemporaryDirectory(prefix="mediator-package-") as tmp:
        work = Path(tmp)
        rows = {"cases.csv": export_cases(db, work / "cases.csv", scope=scope, date_from=lo,
                                          date_to=hi, progress=progress)}
        rows["case_stats.csv"] = _write_csv(work / "case_stats.csv", STATS_FILE_COLUMNS,
                                            pkg.stats_rows(scope, lo, hi))
        org = pkg.org_subset(scope, lo, hi)
        for name, header, data in (("org_units.csv", UNIT_FILE_COLUMNS, org.units),
                                   ("committees.csv", COMMITTEE_FILE_COLUMNS, org.committees),
                                   ("people.csv", PEOPLE_FILE_COLUMNS, org.people)):
            rows[name] = _write_csv(work / name, header, data)
        if with_personal_data:
            for name, (_table, columns, _n) in PERSONAL_FILES.items():
                rows[name] = _write_csv(work / name, ("case_id", *columns),
                                        pkg.personal_rows(name, scope, lo, hi))
        manifest.files = {name: _file_entry(work / name, n) for name, n in rows.items()}
        manifest.totals = totals_dict(repo.totals(scope, lo, hi))
        if sealing:
            _zip(work, work / "unsealed.zip", manifest)
            sealed_packages.seal(work / "unsealed.zip", target, package_password or "")
        else:
            _zip(work, target, manifest)
    if with_personal_data:
        from mediator_app.services.privacy import record_personal_export

        record_personal_export(db, str(target), scope=scope)
    return manifest


def _zip(work: Path, target: Path, manifest: PackageManifest) -> None:
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2))
            for name in manifest.files:
                zf.write(work / name, name)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# --- opening ---------------------------------------------------------------------------


@dataclass
class Package:
    """An opened, verified package: its files extracted into ``folder``."""

    name: str  # as given (for messages)
    sha256: str  # of the .zip file
    manifest: PackageManifest
    folder: Path

    def has(self, file: str) -> bool:
        return file in self.manifest.files

    def path(self, file: str) -> Path:
        return self.folder / file

    def member(self, file: str) -> str:
        """How problems name a file inside the package."""
        return f"{self.name}/{file}"


def is_package(path: str | Path) -> bool:
    """A .zip by extension or by content."""
    p = Path(path)
    if p.suffix.lower() == ".zip":
        return True
    try:
        with p.open("rb") as fh:
            return fh.read(4) in _ZIP_MAGIC
    except OSError:
        return False


def _refuse(name: str, code: str, **params: Any) -> CsvImportError:
    return CsvImportError([CsvProblem(name, None, None, "", code, params)])


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def open_package(path: str | Path, folder: Path, name: str | None = None) -> Package:
    """Check the package and extract its files into ``folder``. Raises CsvImportError
    (nothing is written) for a file that is not a package, damaged, truncated or edited."""
    label = name or str(path)
    try:
        sha = _sha256(Path(path))
    except OSError as exc:  # missing, a folder, no access: not a damaged package
        raise CsvImportError([file_problem(label, Path(path), exc)]) from exc
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = _read_manifest(zf, label)
            _check_members(zf, manifest, label)
            for file, entry in manifest.files.items():
                _extract(zf, file, entry, folder, label)
    except CsvImportError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError) as exc:
        raise _refuse(label, "package.damaged", detail=str(exc) or type(exc).__name__) from exc
    return Package(label, sha, manifest, folder)


def _read_manifest(zf: zipfile.ZipFile, label: str) -> PackageManifest:
    if MANIFEST not in zf.namelist():
        raise _refuse(label, "package.no_manifest")
    try:
        raw = json.loads(zf.read(MANIFEST).decode("utf-8"))
        if raw.get("format") != FORMAT:
            raise _refuse(label, "package.format", value=str(raw.get("format")))
        if raw.get("format_version") != FORMAT_VERSION:
            raise _refuse(label, "package.version", value=str(raw.get("format_version")),
                          supported=FORMAT_VERSION)
        manifest = PackageManifest.from_dict(raw)
        for entry in manifest.files.values():
            int(entry["rows"]), int(entry["bytes"]), str(entry["sha256"])
    except CsvImportError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise _refuse(label, "package.bad_manifest", detail=str(exc)) from exc
    return manifest


def _check_members(zf: zipfile.ZipFile, manifest: PackageManifest, label: str) -> None:
    names = set(zf.namelist()) - {MANIFEST}
    for file in manifest.files:
        if file not in KNOWN_FILES:
            raise _refuse(label, "package.unknown_file", file=file)
        if file not in names:
            raise _refuse(label, "package.missing_file", file=file)
    if "cases.csv" not in manifest.files:
        raise _refuse(label, "package.missing_file", file="cases.csv")
    extra = sorted(names - set(manifest.files))
    if extra:
        raise _refuse(label, "package.unlisted_file", file=extra[0])


def _extract(zf: zipfile.ZipFile, file: str, entry: dict[str, Any], folder: Path,
             label: str) -> None:
    h, size = hashlib.sha256(), 0
    with zf.open(file) as src, (folder / file).open("wb") as dst:
        while chunk := src.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    if size != int(entry["bytes"]) or h.hexdigest() != str(entry["sha256"]).lower():
        raise _refuse(label, "package.hash_mismatch", file=file)
