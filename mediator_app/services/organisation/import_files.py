"""Import of org_units.csv, committees.csv and people.csv (known by their header, not
their name). Several files are applied in dependency order (units, committees, people)
in one transaction; every problem is collected first and nothing is written if any."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.enums import CommitteeKind, OrgLevel, PersonRole
from mediator_app.domain.model import Committee, OrgUnit, Person
from mediator_app.services import permissions
from mediator_app.services.changes import Changes
from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    CsvReader,
    FileInfo,
    HeaderMap,
    ProblemList,
    control_problem,
    header_aliases,
    header_problems,
    inspect_file,
    map_header,
    shape_problem,
)
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.org_repo import OrgRepository

KINDS: dict[str, tuple[str, ...]] = {
    "units": ("code", "name", "level", "parent_code"),
    "committees": ("code", "name", "short_name", "kind", "org_code"),
    "people": ("name", "role", "committee_code", "grid_code", "phone"),
}
_DISTINCT = {"units": "level", "committees": "kind", "people": "role"}
_EXTRA_ALIASES = {
    "units": {"单位代码": "code", "单位名称": "name", "名称": "name", "级别": "level",
              "上级单位代码": "parent_code", "上级单位": "parent_code"},
    "committees": {"调委会代码": "code", "调委会名称": "name", "名称": "name",
                   "调委会类型": "kind", "所属单位": "org_code"},
    "people": {"姓名": "name", "角色": "role", "身份": "role", "手机": "phone",
               "电话": "phone", "手机号": "phone"},
}
_ALIASES = {k: header_aliases(cols, _EXTRA_ALIASES[k]) for k, cols in KINDS.items()}
_RANKS = {level.value: level.rank for level in OrgLevel}


@dataclass
class OrgFileCounts:
    file: str
    kind: str
    rows: int = 0
    new: int = 0
    updated: int = 0


@dataclass
class OrgImportResult:
    files: list[OrgFileCounts] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        return Changes(org=True)


@dataclass
class _Row:
    file: str
    line: int
    values: dict[str, str]
    columns: dict[str, int]  # key -> 1-based column

    def problem(self, key: str, code: str, **params: object) -> CsvProblem:
        return CsvProblem(self.file, self.line, self.columns.get(key), key, code, params)


@dataclass
class _Batch:
    rows: dict[str, list[_Row]] = field(default_factory=lambda: {k: [] for k in KINDS})
    files: list[tuple[FileInfo, OrgFileCounts]] = field(default_factory=list)
    problems: ProblemList = field(default_factory=ProblemList)


def import_org(db: Database, paths: Sequence[str | Path]) -> OrgImportResult:
    """Read, check and apply the files; raises CsvImportError and writes nothing when
    any problem is found."""
    permissions.require(db, Action.ORGANISATION)  # issue 9
    batch = _Batch()
    for path in paths:
        _read_file(batch, path)
    batch.problems.raise_if_any()
    repo = ExchangeRepository(db)
    units = _check_units(batch, repo.units())
    committees = _check_committees(batch, units, repo.committees())
    _check_people(batch, units, set(committees))
    batch.problems.raise_if_any()
    with db.atomic():
        _apply(db, batch, repo)
    return OrgImportResult([counts for _info, counts in batch.files])


# --- reading ---------------------------------------------------------------------------


def _read_file(batch: _Batch, path: str | Path) -> None:
    try:
        info = inspect_file(path)
        with CsvReader(info) as reader:
            header = reader.read_header()
            kind, mapped = _recognise(header)
            problems = _kind_problems(info.name, header, kind, mapped)
            if problems or kind is None:
                for p in problems:
                    batch.problems.add(p)
                return
            counts = OrgFileCounts(info.name, kind)
            batch.files.append((info, counts))
            columns = {k: i + 1 for k, i in mapped.columns.items()}
            for row in reader.rows():
                if (shape := shape_problem(info.name, row, len(header))) is not None:
                    batch.problems.add(shape)
                    continue
                if row.control is not None:
                    keys = {i: k for k, i in mapped.columns.items()}
                    if (bad := control_problem(info.name, row, keys)) is not None:
                        batch.problems.add(bad)
                        continue
                values = {k: row.cells[i].strip() for k, i in mapped.columns.items()}
                batch.rows[kind].append(_Row(info.name, row.line, values, columns))
                counts.rows += 1
    except CsvImportError as exc:
        for p in exc.problems:
            batch.problems.add(p)


def _recognise(header: list[str]) -> tuple[str | None, HeaderMap]:
    """The kind whose columns the header matches best (its distinctive column present)."""
    best: tuple[int, str | None, HeaderMap] = (-1, None, HeaderMap({}, list(header), []))
    for kind in KINDS:
        mapped = map_header(header, _ALIASES[kind])
        score = len(mapped.columns) - len(mapped.unknown)
        if _DISTINCT[kind] in mapped.columns and score > best[0]:
            best = (score, kind, mapped)
    return best[1], best[2]


def _kind_problems(name: str, header: list[str], kind: str | None,
                   mapped: HeaderMap) -> list[CsvProblem]:
    if kind is None:
        return [CsvProblem(name, 1, None, "", "csv.unknown_kind", {"columns": header})]
    return header_problems(name, mapped, KINDS[kind])


# --- checking ------------------------------------------------------------------------


def _unique(batch: _Batch, rows: list[_Row], key: str) -> list[_Row]:
    """Rows whose ``key`` value is new in this import; repeats are reported."""
    first: dict[str, _Row] = {}
    for row in rows:
        value = row.values[key]
        if value in first:
            other = first[value]
            params = {"value": value, "other_line": other.line}
            code = "duplicate_in_file" if other.file == row.file else "duplicate"
            batch.problems.add(row.problem(key, code, **params))
        elif value:
            first[value] = row
    return list(first.values())


def _required(batch: _Batch, row: _Row, *keys: str) -> bool:
    missing = [k for k in keys if not row.values[k]]
    for key in missing:
        batch.problems.add(row.problem(key, "required"))
    return not missing


def _enum_ok(batch: _Batch, row: _Row, key: str, allowed: list[str]) -> bool:
    if row.values[key] and row.values[key] not in allowed:
        batch.problems.add(row.problem(key, "enum.invalid", value=row.values[key],
                                       allowed=allowed))
        return False
    return True


def _check_units(batch: _Batch, stored: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    """Checks unit rows; returns the final code -> level map."""
    rows = [r for r in batch.rows["units"] if _required(batch, r, "code", "name", "level")]
    rows = [r for r in _unique(batch, rows, "code") if _enum_ok(batch, r, "level", list(_RANKS))]
    final = {code: level for code, (level, _parent) in stored.items()}
    final.update({r.values["code"]: r.values["level"] for r in rows})
    for row in rows:
        _check_parent(batch, row, final)
    changed = {r.values["code"]: r for r in rows}
    for code, (level, parent) in stored.items():
        parent_row = changed.get(parent or "")
        if (code not in changed and parent_row
                and _RANKS[level] <= _RANKS[parent_row.values["level"]]):
            batch.problems.add(parent_row.problem("level", "org.child_level",
                                                  level=parent_row.values["level"],
                                                  child=code, child_level=level))
    return final


def _check_parent(batch: _Batch, row: _Row, final: dict[str, str]) -> None:
    code, parent, level = row.values["code"], row.values["parent_code"], row.values["level"]
    if not parent:
        return
    if parent == code:
        batch.problems.add(row.problem("parent_code", "org.cycle", value=code))
    elif parent not in final:
        batch.problems.add(row.problem("parent_code", "org.parent_missing", value=parent,
                                       parent_code=parent))
    elif _RANKS[level] <= _RANKS.get(final[parent], 0):
        batch.problems.add(row.problem("level", "org.level_order", level=level,
                                       parent_level=final[parent]))


def _check_committees(batch: _Batch, units: dict[str, str],
                      stored: dict[str, str]) -> dict[str, str]:
    kinds = [k.value for k in CommitteeKind]
    rows = [r for r in batch.rows["committees"]
            if _required(batch, r, "code", "name", "short_name", "kind", "org_code")]
    final = dict(stored)
    for row in _unique(batch, rows, "code"):
        _enum_ok(batch, row, "kind", kinds)
        if row.values["org_code"] not in units:
            batch.problems.add(row.problem("org_code", "unknown_code",
                                           value=row.values["org_code"], table="org_unit"))
        final[row.values["code"]] = row.values["org_code"]
    return final


def _check_people(batch: _Batch, units: dict[str, str], committees: set[str]) -> None:
    roles = [r.value for r in PersonRole]
    seen: dict[tuple[str, ...], _Row] = {}
    for row in batch.rows["people"]:
        if not (_required(batch, row, "name", "role") and _enum_ok(batch, row, "role", roles)):
            continue
        role = PersonRole(row.values["role"])
        _check_person_refs(batch, row, role, units, committees)
        key = _person_key(row.values)
        if key in seen:
            batch.problems.add(row.problem("name", "duplicate_in_file", value=row.values["name"],
                                           other_line=seen[key].line))
        seen.setdefault(key, row)


def _check_person_refs(batch: _Batch, row: _Row, role: PersonRole, units: dict[str, str],
                       committees: set[str]) -> None:
    committee, grid = row.values["committee_code"], row.values["grid_code"]
    if role.is_mediator:
        _required(batch, row, "committee_code")
    if role.is_grid_worker:
        _required(batch, row, "grid_code")
    if committee and committee not in committees:
        batch.problems.add(row.problem("committee_code", "unknown_code", value=committee,
                                       table="committee"))
    if grid and grid not in units:
        batch.problems.add(row.problem("grid_code", "unknown_code", value=grid, table="grid"))
    elif grid and units[grid] != OrgLevel.GRID.value:
        batch.problems.add(row.problem("grid_code", "grid.not_grid", value=grid,
                                       level=units[grid]))


def _person_key(v: dict[str, str]) -> tuple[str, ...]:
    if v["phone"]:
        return (v["name"], v["phone"])
    return (v["name"], "", v["committee_code"], v["grid_code"])


# --- applying ------------------------------------------------------------------------


def _apply(db: Database, batch: _Batch, repo: ExchangeRepository) -> None:
    org = OrgRepository(db)
    counts = {info.name: c for info, c in batch.files}
    units, committees = repo.units(), repo.committees()
    for row in sorted(batch.rows["units"], key=lambda r: _RANKS[r.values["level"]]):
        v = row.values
        _count(counts[row.file], v["code"] in units)
        org.upsert_unit(OrgUnit(v["code"], v["name"], OrgLevel(v["level"]),
                                v["parent_code"] or None))
    if batch.rows["units"]:
        org.rebuild_closure()
    for row in batch.rows["committees"]:
        v = row.values
        _count(counts[row.file], v["code"] in committees)
        org.upsert_committee(Committee(v["code"], v["name"], v["short_name"],
                                       CommitteeKind(v["kind"]), v["org_code"]))
    for row in batch.rows["people"]:
        v = row.values
        person = Person(v["name"], PersonRole(v["role"]), v["committee_code"] or None,
                        v["grid_code"] or None, v["phone"])
        known = org.find_person(person.name, person.phone, person.committee_code,
                                person.grid_code)
        _count(counts[row.file], known is not None)
        org.upsert_person(person)
    audit = AuditRepository(db)
    for info, c in batch.files:
        record = {"kind": c.kind, "sha256": info.sha256, "rows": c.rows, "new": c.new,
                  "updated": c.updated}
        audit.record("import", Path(info.name).name, "import", f"{c.kind}.csv",
                      new=json.dumps(record, ensure_ascii=False))


def _count(counts: OrgFileCounts, known: bool) -> None:
    if known:
        counts.updated += 1
    else:
        counts.new += 1

