"""Exchange packages (``.zip``): writing one for a scope, and opening one for import.

A package holds ``manifest.json`` and CSV files (UTF-8 with BOM, every field quoted,
CRLF): ``cases.csv`` (format v1), ``case_stats.csv`` (statistical columns outside v1),
``org_units.csv``, ``committees.csv``, ``people.csv`` (phones only with personal data),
``agreement_stats.csv`` and ``follow_up_stats.csv`` (the non-personal parts of agreements
and follow-ups, format version 2) and, only when asked for, the personal-data files
(``parties.csv``, ``investigations.csv``, ``sessions.csv``, ``agreements.csv``,
``follow_ups.csv``). The manifest lists every file with its row count, size and SHA-256;
opening a package checks all of them, and the limits, before anything is imported.

Nothing of a package is ever written outside the zip: export writes each file straight
into the zip (``<target>.part``, owner-only, renamed when complete) and import reads each
member as a stream from the zip (issue 8 items 5 and 8).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, TextIO

from sqlite_utils import Database

import mediator_app
from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.spreadsheet import neutralise_row
from mediator_app.services import permissions
from mediator_app.services.csv_io import CsvImportError, CsvProblem, FileInfo, file_problem
from mediator_app.services.exchange import sealed_packages
from mediator_app.services.faults import detail_of
from mediator_app.storage.convert import now_iso
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.files import open_private_binary
from mediator_app.storage.package_repo import (
    COMMITTEE_FILE_COLUMNS,
    PEOPLE_FILE_COLUMNS,
    PERSONAL_FILES,
    RECORD_FILES,
    STATS_FILE_COLUMNS,
    UNIT_FILE_COLUMNS,
    PackageRepository,
)
from mediator_app.storage.settings_repo import SettingsRepository

FORMAT = "mediator-ledger-package"
FORMAT_VERSION = 2  # 2: adds agreement_stats.csv and follow_up_stats.csv (issue 12)
READ_VERSIONS = (1, 2)
MANIFEST = "manifest.json"
KNOWN_FILES_V1 = ("cases.csv", "case_stats.csv", "org_units.csv", "committees.csv",
                  "people.csv", *PERSONAL_FILES)
SUBSIDY_FILES = ("case_files.csv", "case_mediators.csv")  # 以案定补: package_subsidy.py
KNOWN_FILES = (*KNOWN_FILES_V1, *RECORD_FILES, *SUBSIDY_FILES)
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


class _HashingSink(io.RawIOBase):
    """Bytes on their way into a zip member: counted and hashed as they pass."""

    def __init__(self, out: IO[bytes]):
        self.out = out
        self.hash = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.hash.update(view)
        self.out.write(view)
        self.size += len(view)
        return len(view)


@contextmanager
def _member(zf: zipfile.ZipFile, name: str,
            entries: dict[str, dict[str, Any]]) -> Iterator[TextIO]:
    """A text stream into the member ``name`` of ``zf`` (UTF-8 with BOM, CRLF kept as
    written); on close its size and SHA-256 go to ``entries[name]`` (rows filled in
    by the caller)."""
    with zf.open(name, "w", force_zip64=True) as raw:
        sink = _HashingSink(raw)
        text = io.TextIOWrapper(io.BufferedWriter(sink, _CHUNK), encoding="utf-8-sig",
                                newline="")
        yield text
        text.flush()
        entries[name] = {"rows": 0, "bytes": sink.size, "sha256": sink.hash.hexdigest()}
        text.detach()


def _write_csv(fh: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    n = 0
    for row in rows:
        writer.writerow(neutralise_row(row))
        n += 1
    return n


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
    ``services.exchange.sealed_packages``): the zip is then written straight into the sealed
    file, so no plain copy of it exists anywhere."""
    from mediator_app.services.exchange.case_exchange import write_cases_csv

    scope = permissions.scope_for(db, Action.EXPORT, scope)  # issue 9
    if with_personal_data:
        permissions.require(db, Action.EXPORT_PERSONAL)
    sealing = sealed_packages.must_seal(db, with_personal_data, package_password)
    source = _source_unit(db, scope)
    lo, hi = _iso(date_from), _iso(date_to)
    manifest = PackageManifest(source, lo, hi, with_personal_data, created_at=now_iso())
    repo, pkg = ExchangeRepository(db), PackageRepository(db)
    target = Path(out)
    partial = target.with_name(target.name + ".part")
    entries: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    try:
        # written straight into the zip: no file of the package exists anywhere else
        with (sealed_packages.sealing(target, package_password or "") if sealing
              else open_private_binary(partial)) as fh, \
                zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            with _member(zf, "cases.csv", entries) as out_fh:
                rows["cases.csv"] = write_cases_csv(db, out_fh, scope=scope, date_from=lo,
                                                    date_to=hi, progress=progress)
            with _member(zf, "case_stats.csv", entries) as out_fh:
                rows["case_stats.csv"] = _write_csv(out_fh, STATS_FILE_COLUMNS,
                                                    pkg.stats_rows(scope, lo, hi))
            org = pkg.org_subset(scope, lo, hi, with_phones=with_personal_data)
            for name, header, data in (("org_units.csv", UNIT_FILE_COLUMNS, org.units),
                                       ("committees.csv", COMMITTEE_FILE_COLUMNS,
                                        org.committees),
                                       ("people.csv", PEOPLE_FILE_COLUMNS, org.people)):
                with _member(zf, name, entries) as out_fh:
                    rows[name] = _write_csv(out_fh, header, data)
            for name, columns in RECORD_FILES.items():
                with _member(zf, name, entries) as out_fh:
                    rows[name] = _write_csv(out_fh, ("case_id", *columns),
                                            pkg.record_rows(name, scope, lo, hi))
            from mediator_app.services.exchange import package_subsidy

            for name, columns in package_subsidy.SIDE_FILES.items():
                with _member(zf, name, entries) as out_fh:
                    rows[name] = _write_csv(out_fh, columns,
                                            package_subsidy.export_rows(db, name, scope, lo, hi))
            if with_personal_data:
                for name, (_table, columns, _n) in PERSONAL_FILES.items():
                    with _member(zf, name, entries) as out_fh:
                        rows[name] = _write_csv(out_fh, ("case_id", *columns),
                                                pkg.personal_rows(name, scope, lo, hi))
            manifest.files = {name: {**entries[name], "rows": n} for name, n in rows.items()}
            manifest.totals = totals_dict(repo.totals(scope, lo, hi))
            zf.writestr(MANIFEST, json.dumps(manifest.to_dict(), ensure_ascii=False,
                                             indent=2))
        if not sealing:  # a sealed package is moved into place by sealing()
            os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    if with_personal_data:
        from mediator_app.services.trust.privacy import record_personal_export

        record_personal_export(db, str(target), scope=scope)
    return manifest


# --- opening ---------------------------------------------------------------------------

# Limits of a package (docs/exchange.md, "Limits"): checked on the sizes the zip declares
# before anything is decompressed, then again on the bytes as they stream.
MAX_MANIFEST_BYTES = 1 << 20  # a real manifest has about 2 KB
MAX_MEMBER_BYTES = 2 << 30  # 2 GiB unpacked per file: about 6 million cases
MAX_TOTAL_BYTES = 4 << 30  # all files together
MAX_RATIO = 100  # unpacked : packed, for files above RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1 << 20


@dataclass
class Package:
    """An opened, verified package. Its files are read straight from the zip (never
    unpacked to disk); the zip stays open until ``close``."""

    name: str  # as given (for messages)
    sha256: str  # of the .zip file
    manifest: PackageManifest
    path: Path
    zf: zipfile.ZipFile

    def has(self, file: str) -> bool:
        return file in self.manifest.files

    def member(self, file: str) -> str:
        """How problems name a file inside the package."""
        return f"{self.name}/{file}"

    def info(self, file: str) -> FileInfo:
        """The member ``file`` as a FileInfo whose reader streams it from the zip."""
        entry = self.manifest.files[file]
        return FileInfo(self.path, self.member(file), "utf-8-sig", str(entry["sha256"]),
                        int(entry["bytes"]), opener=lambda: self.zf.open(file))

    def close(self) -> None:
        self.zf.close()


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


def open_package(path: str | Path, name: str | None = None, *,
                 stream: IO[bytes] | None = None) -> Package:
    """Check the package: its shape, its limits, every file's size and SHA-256 (read
    from the zip as a stream, nothing written). Raises CsvImportError for a file that
    is not a package, damaged, truncated, edited or beyond the limits. The caller
    closes the returned package."""
    label = name or str(path)
    try:
        sha = _sha256(Path(path))
    except OSError as exc:  # missing, a folder, no access: not a damaged package
        raise CsvImportError([file_problem(label, Path(path), exc)]) from exc
    zf: zipfile.ZipFile | None = None
    try:
        zf = zipfile.ZipFile(stream if stream is not None else path)  # stream: sealed
        _check_names(zf, label)
        manifest = _read_manifest(zf, label)
        _check_members(zf, manifest, label)
        _check_sizes(zf, manifest, label)
        for file, entry in manifest.files.items():
            _verify(zf, file, entry, label)
        return Package(label, sha, manifest, Path(path), zf)
    except CsvImportError:
        if zf is not None:
            zf.close()
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError) as exc:
        if zf is not None:
            zf.close()
        raise _refuse(label, "package.damaged", detail=detail_of(exc, "import")) from exc


def _check_names(zf: zipfile.ZipFile, label: str) -> None:
    """Two members of one name: zipfile reads the last, viewers show the first."""
    seen: set[str] = set()
    for info in zf.infolist():
        if info.filename in seen:
            raise _refuse(label, "package.duplicate_member", file=info.filename)
        seen.add(info.filename)


def _read_manifest(zf: zipfile.ZipFile, label: str) -> PackageManifest:
    if MANIFEST not in zf.namelist():
        raise _refuse(label, "package.no_manifest")
    declared = zf.getinfo(MANIFEST).file_size
    if declared > MAX_MANIFEST_BYTES:
        raise _refuse(label, "package.manifest_too_big", size=declared,
                      limit=MAX_MANIFEST_BYTES)
    with zf.open(MANIFEST) as fh:
        data = fh.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise _refuse(label, "package.manifest_too_big", size=len(data),
                      limit=MAX_MANIFEST_BYTES)
    try:
        raw = json.loads(data.decode("utf-8"))
        if raw.get("format") != FORMAT:
            raise _refuse(label, "package.format", value=str(raw.get("format")))
        version = raw.get("format_version")
        if isinstance(version, str) and version.strip().isdigit():
            raise _refuse(label, "package.version_type", value=version)
        if version not in READ_VERSIONS or isinstance(version, bool):
            raise _refuse(label, "package.version", value=str(version),
                          supported=", ".join(str(v) for v in READ_VERSIONS))
        manifest = PackageManifest.from_dict(raw)
        for entry in manifest.files.values():
            if int(entry["rows"]) < 0 or int(entry["bytes"]) < 0:
                raise ValueError("negative size")
            str(entry["sha256"])
    except CsvImportError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise _refuse(label, "package.bad_manifest", detail=detail_of(exc, "import")) from exc
    return manifest


def _check_members(zf: zipfile.ZipFile, manifest: PackageManifest, label: str) -> None:
    names = set(zf.namelist()) - {MANIFEST}
    known = KNOWN_FILES if manifest.format_version >= 2 else KNOWN_FILES_V1
    for file in manifest.files:
        if file not in known:
            raise _refuse(label, "package.unknown_file", file=file)
        if file not in names:
            raise _refuse(label, "package.missing_file", file=file)
    if "cases.csv" not in manifest.files:
        raise _refuse(label, "package.missing_file", file="cases.csv")
    extra = sorted(names - set(manifest.files))
    if extra:
        raise _refuse(label, "package.unlisted_file", file=extra[0])


def _check_sizes(zf: zipfile.ZipFile, manifest: PackageManifest, label: str) -> None:
    """The sizes the zip declares, before anything is decompressed: equal to the
    manifest's, within the limits, and a plausible compression ratio."""
    total = 0
    for file, entry in manifest.files.items():
        info = zf.getinfo(file)
        size, packed = info.file_size, info.compress_size
        if size > MAX_MEMBER_BYTES:
            raise _refuse(label, "package.too_big", file=file, size=size,
                          limit=MAX_MEMBER_BYTES)
        if size != int(entry["bytes"]):
            raise _refuse(label, "package.size_mismatch", file=file, declared=size,
                          listed=int(entry["bytes"]))
        if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(packed, 1):
            raise _refuse(label, "package.ratio", file=file,
                          ratio=size // max(packed, 1), limit=MAX_RATIO)
        total += size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(label, "package.too_big", file=file, size=total,
                          limit=MAX_TOTAL_BYTES)


def _verify(zf: zipfile.ZipFile, file: str, entry: dict[str, Any], label: str) -> None:
    """Hash the member as it streams, never holding more than a chunk and stopping as
    soon as it passes its declared size (a running limit: zipfile itself also stops at
    the size in the central directory and checks the CRC)."""
    h, size, limit = hashlib.sha256(), 0, int(entry["bytes"])
    with zf.open(file) as src:
        while chunk := src.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _refuse(label, "package.hash_mismatch", file=file)
            h.update(chunk)
    if size != limit or h.hexdigest() != str(entry["sha256"]).lower():
        raise _refuse(label, "package.hash_mismatch", file=file)
