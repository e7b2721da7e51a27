"""Exchange packages (``.zip``): the format, and opening one for import (writing one:
``services.exchange.package_export``).

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

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import mediator_app
from mediator_app.services.csv_io import CsvImportError, CsvProblem, FileInfo, file_problem
from mediator_app.services.faults import detail_of
from mediator_app.storage.package_repo import (
    PERSONAL_FILES,
    RECORD_FILES,
)

FORMAT = "mediator-ledger-package"
FORMAT_VERSION = 2  # 2: adds agreement_stats.csv and follow_up_stats.csv (issue 12)
READ_VERSIONS = (1, 2)
MANIFEST = "manifest.json"
KNOWN_FILES_V1 = ("cases.csv", "case_stats.csv", "org_units.csv", "committees.csv",
                  "people.csv", *PERSONAL_FILES)
SUBSIDY_FILES = ("case_files.csv", "case_mediators.csv")  # 以案定补: package_subsidy.py
KNOWN_FILES = (*KNOWN_FILES_V1, *RECORD_FILES, *SUBSIDY_FILES)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CHUNK_BYTES = 1 << 20


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
        while chunk := fh.read(CHUNK_BYTES):
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


# members that make a zip an Office Open XML (.xlsx) or OpenDocument (.ods) spreadsheet
_WORKBOOK_MEMBERS = frozenset({"xl/workbook.xml", "content.xml"})


def _read_manifest(zf: zipfile.ZipFile, label: str) -> PackageManifest:
    names = zf.namelist()
    if MANIFEST not in names:
        if _WORKBOOK_MEMBERS & set(names):  # .xlsx / .ods: a zip, but a spreadsheet
            raise _refuse(label, "package.workbook")
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
        while chunk := src.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise _refuse(label, "package.hash_mismatch", file=file)
            h.update(chunk)
    if size != limit or h.hexdigest() != str(entry["sha256"]).lower():
        raise _refuse(label, "package.hash_mismatch", file=file)
