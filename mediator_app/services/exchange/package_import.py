"""The side files of a package during an import (inside the caller's transaction):
org units and committees the receiver lacks (before the cases), the statistical
columns (case_stats.csv), the personal-data files and the likely-duplicate check."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import date

from sqlite_utils import Database

from mediator_app.domain.enums import AgreementForm, CommitteeKind, OrgLevel, Performance
from mediator_app.domain.model import Committee, OrgUnit
from mediator_app.services.csv_io import (
    CsvProblem,
    FileInfo,
    ProblemList,
    mapped_rows,
)
from mediator_app.services.exchange.import_types import MAX_LISTED, ImportWarning
from mediator_app.services.exchange.package import Package
from mediator_app.services.faults import detail_of
from mediator_app.storage.account_repo import SCOPE_GUARD
from mediator_app.storage.crypto import IntegrityErrors
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.package_repo import (
    COMMITTEE_FILE_COLUMNS,
    PERSONAL_FILES,
    RECORD_FILES,
    RECORD_NULLABLE,
    STATS_FILE_COLUMNS,
    UNIT_FILE_COLUMNS,
    PackageRepository,
)

_RANKS = {level.value: level.rank for level in OrgLevel}
_KINDS = {k.value for k in CommitteeKind}
_PERFORMANCE = {p.value for p in Performance} | {""}
_BATCH = 10_000
Cells = dict[str, str]


def package_info(pkg: Package, file: str) -> FileInfo:
    """The member ``file``, streamed from the zip when read."""
    return pkg.info(file)


def _rows(pkg: Package, file: str, columns: Sequence[str],
          problems: ProblemList) -> Iterator[tuple[int, Cells]]:
    """(line, key -> cell) of a package file whose header must hold ``columns``."""
    return mapped_rows(package_info(pkg, file), columns, columns, problems)


# --- org units and committees ----------------------------------------------------------


def merge_org(db: Database, pkg: Package, problems: ProblemList,
              warnings: list[ImportWarning]) -> None:
    """Insert the units and committees the receiver lacks; a known code whose name
    differs is a warning and keeps the receiver's name."""
    repo, org = ExchangeRepository(db), OrgRepository(db)
    names = {u.code: u.name for u in org.units()}
    levels = {code: level for code, (level, _p) in repo.units().items()}
    new_units: list[tuple[int, OrgUnit]] = []
    if pkg.has("org_units.csv"):
        for line, v in _rows(pkg, "org_units.csv", UNIT_FILE_COLUMNS, problems):
            unit = _new_unit(pkg, line, v, names, levels, problems, warnings)
            if unit is not None:
                new_units.append((line, unit))
    for _line, unit in sorted(new_units, key=lambda item: _RANKS[item[1].level.value]):
        org.upsert_unit(unit)
    if new_units:
        org.rebuild_closure()
    if pkg.has("committees.csv"):
        known = {c.code: c.name for c in org.committees(include_inactive=True)}
        for line, v in _rows(pkg, "committees.csv", COMMITTEE_FILE_COLUMNS, problems):
            committee = _new_committee(pkg, line, v, known, levels, problems, warnings)
            if committee is not None:
                org.upsert_committee(committee)
                known[committee.code] = committee.name


def _problem(pkg: Package, file: str, line: int, key: str, code: str, columns: Sequence[str],
             **params: object) -> CsvProblem:
    return CsvProblem(pkg.member(file), line, list(columns).index(key) + 1, key, code, params)


def _new_unit(pkg: Package, line: int, v: Cells, names: dict[str, str], levels: dict[str, str],
              problems: ProblemList, warnings: list[ImportWarning]) -> OrgUnit | None:
    code, name, level, parent = (v[k].strip() for k in UNIT_FILE_COLUMNS)
    file, cols = "org_units.csv", UNIT_FILE_COLUMNS
    if code in names:
        if name != names[code]:
            _warn(warnings, ImportWarning("unit.name_differs", file=pkg.member(file), line=line,
                                          code=code, local=names[code], theirs=name))
        return None
    bad = None
    if not code or not name:
        bad = _problem(pkg, file, line, "code" if not code else "name", "required", cols)
    elif level not in _RANKS:
        bad = _problem(pkg, file, line, "level", "enum.invalid", cols, value=level,
                       allowed=list(_RANKS))
    elif parent and parent not in levels:
        bad = _problem(pkg, file, line, "parent_code", "org.parent_missing", cols, value=parent,
                       parent_code=parent)
    elif parent and _RANKS[level] <= _RANKS[levels[parent]]:
        bad = _problem(pkg, file, line, "level", "org.level_order", cols, level=level,
                       parent_level=levels[parent])
    if bad is not None:
        problems.add(bad)
        return None
    names[code], levels[code] = name, level
    return OrgUnit(code, name, OrgLevel(level), parent or None)


def _new_committee(pkg: Package, line: int, v: Cells, known: dict[str, str],
                   levels: dict[str, str], problems: ProblemList,
                   warnings: list[ImportWarning]) -> Committee | None:
    code, name, short, kind, org_code = (v[k].strip() for k in COMMITTEE_FILE_COLUMNS)
    file, cols = "committees.csv", COMMITTEE_FILE_COLUMNS
    if code in known:
        if name != known[code]:
            _warn(warnings, ImportWarning("committee.name_differs", file=pkg.member(file),
                                          line=line, code=code, local=known[code], theirs=name))
        return None
    bad = None
    if not code or not name or not short:
        key = "code" if not code else "name" if not name else "short_name"
        bad = _problem(pkg, file, line, key, "required", cols)
    elif kind not in _KINDS:
        bad = _problem(pkg, file, line, "kind", "enum.invalid", cols, value=kind,
                       allowed=sorted(_KINDS))
    elif org_code not in levels:
        bad = _problem(pkg, file, line, "org_code", "unknown_code", cols, value=org_code,
                       table="org_unit")
    if bad is not None:
        problems.add(bad)
        return None
    return Committee(code, name, short, CommitteeKind(kind), org_code)


def _warn(warnings: list[ImportWarning], warning: ImportWarning) -> None:
    if len(warnings) < MAX_LISTED:
        warnings.append(warning)


# --- case_stats.csv --------------------------------------------------------------------


def load_stats(repo: ExchangeRepository, pkg: Package, problems: ProblemList) -> bool:
    """Fill temp.import_stats from the package; False when it has no case_stats.csv."""
    repo.clear_stats()
    if not pkg.has("case_stats.csv"):
        return False
    batch: list[tuple[object, ...]] = []
    for line, v in _rows(pkg, "case_stats.csv", STATS_FILE_COLUMNS, problems):
        row = _stats_row(pkg, line, v, problems)
        if row is not None:
            batch.append(row)
        if len(batch) >= _BATCH:
            repo.load_stats(batch)
            batch = []
    repo.load_stats(batch)
    return True


def _stats_row(pkg: Package, line: int, v: Cells,
               problems: ProblemList) -> tuple[object, ...] | None:
    def bad(key: str, code: str, **params: object) -> None:
        problems.add(_problem(pkg, "case_stats.csv", line, key, code, STATS_FILE_COLUMNS,
                              **params))

    try:
        case_id = str(uuid.UUID(v["case_id"].strip()))
    except ValueError:
        bad("case_id", "uuid.invalid", value=v["case_id"])
        return None
    performance = v["performance"].strip()
    if performance not in _PERFORMANCE:
        bad("performance", "enum.invalid", value=performance, allowed=sorted(_PERFORMANCE - {""}))
        return None
    numbers: list[int] = []
    for key in STATS_FILE_COLUMNS[4:]:
        text = v[key].strip() or "0"
        if not text.isdigit():
            bad(key, "int.invalid", value=text)
            return None
        numbers.append(int(text))
    judicial = v["judicial_confirmed"].strip() or "0"
    if judicial not in ("0", "1"):
        bad("judicial_confirmed", "bool.invalid", value=judicial)
        return None
    return (case_id, performance or None, int(judicial), v["judicial_confirmed_on"].strip()
            or None, *numbers)


# --- personal data ---------------------------------------------------------------------


def apply_personal(db: Database, pkg: Package, file_no: int, problems: ProblemList) -> bool:
    """Replace parties and records of the cases this package wrote; True when the
    package carried parties.csv."""
    repo = PackageRepository(db)
    for file, (_table, columns, nullable) in PERSONAL_FILES.items():
        if not pkg.has(file):
            continue
        keys = ("case_id", *columns)
        rows = [tuple(_cell(k, v[k], nullable) for k in keys)
                for _line, v in _rows(pkg, file, keys, problems)]
        if problems.total:
            return False
        try:
            repo.load_personal(file, rows)
            repo.apply_personal(file, file_no)
        except IntegrityErrors as exc:
            if SCOPE_GUARD in str(exc):  # outside the user's scope (issue 9)
                raise
            problems.add(CsvProblem(pkg.member(file), None, None, "", "package.bad_rows",
                                    {"file": file, "detail": detail_of(exc, "import")}))
            return False
    if pkg.has("parties.csv"):
        repo.refresh_party_names(file_no)
        return True
    return False


def _cell(key: str, text: str, nullable: frozenset[str]) -> object:
    if key == "case_id":
        return text.strip()
    if key == "seq":
        return int(text) if text.strip().isdigit() else 0
    return None if key in nullable and not text.strip() else text


# --- agreements and follow-ups without personal data ------------------------------------


def apply_records(db: Database, pkg: Package, file_no: int, problems: ProblemList) -> None:
    """The non-personal parts of agreements and follow-ups (package format 2) for the
    cases this package wrote, unless the package carries the full personal-data file
    (which then replaced them in ``apply_personal``). A package of format 1 has neither
    file: the receiver's agreements and follow-ups stay as they are."""
    repo = PackageRepository(db)
    if not repo.wrote_any(file_no):  # a package merged again: nothing to match
        return
    for file, full in (("agreement_stats.csv", "agreements.csv"),
                       ("follow_up_stats.csv", "follow_ups.csv")):
        if not pkg.has(file) or pkg.has(full):
            continue
        columns = ("case_id", *RECORD_FILES[file])
        rows = [row for line, v in _rows(pkg, file, columns, problems)
                if (row := _record_row(pkg, file, line, v, columns, problems)) is not None]
        if problems.total:
            return
        try:
            if file == "agreement_stats.csv":
                repo.apply_agreement_records(rows, file_no)
            else:
                repo.apply_follow_up_records(rows, file_no)
        except IntegrityErrors as exc:  # either driver (an encrypted ledger: sqlcipher3)
            problems.add(CsvProblem(pkg.member(file), None, None, "", "package.bad_rows",
                                    {"file": file, "detail": detail_of(exc, "import")}))
            return


_FORMS = {f.value for f in AgreementForm}


def _record_row(pkg: Package, file: str, line: int, v: Cells, columns: Sequence[str],
                problems: ProblemList) -> tuple[object, ...] | None:
    def bad(key: str, code: str, **params: object) -> None:
        problems.add(_problem(pkg, file, line, key, code, columns, **params))

    out: list[object] = []
    for key in columns:
        text = v[key].strip()
        if key == "case_id":
            try:
                text = str(uuid.UUID(text))
            except ValueError:
                bad(key, "uuid.invalid", value=text)
                return None
        elif key == "form" and text not in _FORMS:
            bad(key, "enum.invalid", value=text, allowed=sorted(_FORMS))
            return None
        elif key == "performance" and text not in _PERFORMANCE:
            bad(key, "enum.invalid", value=text, allowed=sorted(_PERFORMANCE - {""}))
            return None
        elif key in _DATES and (text or key == "visited_on"):
            try:
                date.fromisoformat(text)
            except ValueError:
                bad(key, "date.invalid", value=text)
                return None
        out.append(None if key in RECORD_NULLABLE and not text else text)
    return tuple(out)


_DATES = {"signed_on", "performance_deadline", "visited_on"}


# --- likely duplicates -----------------------------------------------------------------


def duplicate_warnings(db: Database, warnings: list[ImportWarning], limit: int = 200) -> int:
    """Warn about imported cases that look like existing ones (same party ID number,
    or the same party names within 30 days). Returns how many pairs were found."""
    repo = PackageRepository(db)
    pairs = [(a, b, "duplicate.id_number") for a, b in repo.duplicates_by_id_number()]
    by_id = {(a, b) for a, b, _c in pairs}
    pairs += [(a, b, "duplicate.names") for a, b in repo.duplicates_by_names()
              if (a, b) not in by_id]
    labels = repo.case_labels([r for a, b, _c in pairs[:limit] for r in (a, b)])
    for a, b, code in pairs[:limit]:
        new, old = labels[a], labels[b]
        _warn(warnings, ImportWarning(code, case_no=new[1] or "-", case_id=new[0],
                                      other_no=old[1] or "-", other_id=old[0]))
    return len(pairs)


__all__ = ["apply_personal", "apply_records", "duplicate_warnings", "load_stats", "merge_org",
           "package_info"]
