"""Writing an exchange package (``.zip``) for a scope: every file straight into the zip
(``<target>.part``, owner-only, renamed when complete), or into the sealed file when a
package with personal data leaves an encrypted ledger. The format is described in
``services.exchange.package``, which opens packages."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, TextIO

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.progress import Progress
from mediator_app.domain.spreadsheet import neutralise_row
from mediator_app.services import permissions
from mediator_app.services.exchange import package_subsidy, sealed_packages
from mediator_app.services.exchange.case_export import write_cases_csv
from mediator_app.services.exchange.package import (
    CHUNK_BYTES,
    MANIFEST,
    PackageManifest,
    totals_dict,
)
from mediator_app.services.trust.privacy import record_personal_export
from mediator_app.storage.convert import now_iso
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.files import open_private_binary, part_path, replace_file
from mediator_app.storage.org_repo import OrgRepository
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
        text = io.TextIOWrapper(io.BufferedWriter(sink, CHUNK_BYTES), encoding="utf-8-sig",
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
    scope = permissions.scope_for(db, Action.EXPORT, scope)  # issue 9
    if with_personal_data:
        permissions.require(db, Action.EXPORT_PERSONAL)
    sealing = sealed_packages.must_seal(db, with_personal_data, package_password)
    source = _source_unit(db, scope)
    lo, hi = _iso(date_from), _iso(date_to)
    manifest = PackageManifest(source, lo, hi, with_personal_data, created_at=now_iso())
    repo, pkg = ExchangeRepository(db), PackageRepository(db)
    target = Path(out)
    partial = part_path(target)
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
            replace_file(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    if with_personal_data:
        record_personal_export(db, str(target), scope=scope)
    return manifest
