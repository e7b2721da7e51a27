"""Monthly figures as a DHIS2 aggregate ``dataValueSet`` CSV (docs/dhis2.md).

One row per (unit, month, data element) for every unit at the chosen level beneath the
scope (default: the scope's children), zeros included (零报告). Figures come from
``statistics.build_report`` (a parent's report gives its children's figures in one pass).
Data elements and category option combos come from a default mapping or a mapping CSV
(``key,dataelement,categoryoptioncombo``); org units are our codes or, with an org-unit
map (``code,dhis2_uid``), DHIS2 uids.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.enums import OrgLevel
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.services import permissions
from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    ProblemList,
    inspect_file,
    mapped_rows,
)
from mediator_app.services.exchange.package import yuan_text
from mediator_app.services.statistics.report import SheetCounts, build_report
from mediator_app.storage.convert import now_iso
from mediator_app.storage.files import write_atomically
from mediator_app.storage.org_repo import OrgRepository

HEADER = ("dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
          "value", "storedby", "lastupdated", "comment", "followup")
STORED_BY = "mediator-app"
# SheetCounts keys that can be exported; the default data element codes.
DEFAULT_MAPPING: dict[str, str] = {
    "disputes": "MED_DISPUTES", "accepted": "MED_ACCEPTED", "resolved": "MED_RESOLVED",
    "terminated": "MED_TERMINATED", "in_progress": "MED_IN_PROGRESS",
    "written": "MED_WRITTEN", "oral": "MED_ORAL", "amount_yuan": "MED_AMOUNT_YUAN",
    "people_involved": "MED_PEOPLE",
}
KEYS = (*DEFAULT_MAPPING, "pending", "rejected", "judicially_confirmed", "performed",
        "multi_party", "mass_disputes")
MAPPING_COLUMNS = ("key", "dataelement", "categoryoptioncombo")
ORGUNIT_COLUMNS = ("code", "dhis2_uid")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


@dataclass(frozen=True)
class Element:
    key: str  # a KEYS entry
    dataelement: str
    categoryoptioncombo: str = ""


def default_elements() -> list[Element]:
    return [Element(k, v) for k, v in DEFAULT_MAPPING.items()]


def months(period: str) -> list[str]:
    """``2023-05`` -> [``2023-05``]; ``2023`` -> the twelve months."""
    match = _PERIOD.fullmatch(period.strip())
    month = int(match.group(2)) if match and match.group(2) else 0
    if match is None or not 0 <= month <= 12 or (match.group(2) and month == 0):
        raise DomainError(Problem("period", "period.invalid", {"value": period}))
    year = match.group(1)
    return [f"{year}-{month:02d}"] if month else [f"{year}-{m:02d}" for m in range(1, 13)]


def value_of(figures: SheetCounts, key: str) -> str:
    if key == "amount_yuan":
        return yuan_text(figures.amount_fen)
    return str(getattr(figures, key))


# --- mapping files ---------------------------------------------------------------------


def _read(path: str | Path, columns: Sequence[str], required: Sequence[str],
          problems: ProblemList) -> list[tuple[int, dict[str, str]]]:
    try:
        info = inspect_file(path)
    except CsvImportError as exc:
        for p in exc.problems:
            problems.add(p)
        return []
    return [(line, {k: cells.get(k, "").strip() for k in columns})
            for line, cells in mapped_rows(info, columns, required, problems)]


def read_mapping(path: str | Path) -> list[Element]:
    """The elements of a mapping CSV ``key,dataelement[,categoryoptioncombo]``."""
    problems, elements = ProblemList(), []
    for line, v in _read(path, MAPPING_COLUMNS, MAPPING_COLUMNS[:2], problems):
        if v["key"] not in KEYS:
            problems.add(CsvProblem(str(path), line, 1, "key", "enum.invalid",
                                    {"value": v["key"], "allowed": list(KEYS)}))
        elif not v["dataelement"]:
            problems.add(CsvProblem(str(path), line, 2, "dataelement", "required", {}))
        else:
            elements.append(Element(v["key"], v["dataelement"], v["categoryoptioncombo"]))
    problems.raise_if_any()
    return elements


def read_orgunit_map(path: str | Path) -> dict[str, str]:
    problems, out = ProblemList(), {}
    for line, v in _read(path, ORGUNIT_COLUMNS, ORGUNIT_COLUMNS, problems):
        if not v["code"] or not v["dhis2_uid"]:
            key = "code" if not v["code"] else "dhis2_uid"
            problems.add(CsvProblem(str(path), line, ORGUNIT_COLUMNS.index(key) + 1, key,
                                    "required", {}))
        out[v["code"]] = v["dhis2_uid"]
    problems.raise_if_any()
    return out


# --- figures ---------------------------------------------------------------------------


def _targets(db: Database, scope: str, level: str | None) -> dict[str, list[str]]:
    """parent code -> codes of its children at ``level`` beneath ``scope`` (default:
    {scope: its children})."""
    org = OrgRepository(db)
    unit = org.unit(scope)
    if unit is None:
        raise DomainError(Problem("scope", "unknown_code", {"value": scope, "table": "org_unit"}))
    if not level:
        return {scope: [u.code for u in org.children(scope)]}
    try:
        rank = OrgLevel(level).rank
    except ValueError:
        raise DomainError(Problem("level", "enum.invalid", {
            "value": level, "allowed": [lv.value for lv in OrgLevel]})) from None
    if rank <= unit.level.rank:
        raise DomainError(Problem("level", "org.level_order", {
            "level": level, "parent_level": unit.level.value}))
    below = set(org.descendant_codes(scope))
    groups: dict[str, list[str]] = {}
    for u in org.units():
        if u.code in below and u.level.rank == rank and u.parent_code:
            groups.setdefault(u.parent_code, []).append(u.code)
    return groups


def dhis2_rows(db: Database, *, period: str, scope: str, level: str | None = None,
               elements: Sequence[Element] | None = None,
               orgunits: dict[str, str] | None = None,
               as_of: date | None = None) -> list[tuple[str, ...]]:
    """The dataValueSet rows (HEADER order)."""
    elements = list(elements or default_elements())
    groups = _targets(db, scope, level)
    wanted = {code for codes in groups.values() for code in codes}
    if orgunits is not None and (missing := sorted(wanted - orgunits.keys())):
        raise DomainError(Problem("orgunit", "unknown_code",
                                  {"value": "、".join(missing[:10]), "table": "orgunit map"}))
    stamp = now_iso()
    rows: list[tuple[str, ...]] = []
    for month in months(period):
        figures: dict[str, SheetCounts] = {}
        for parent, codes in groups.items():
            report = build_report(db, period=month, scope=parent, as_of=as_of)
            figures.update({c.unit.code: c.figures for c in report.children
                            if c.unit.code in codes})
        for code in sorted(figures):
            unit = orgunits[code] if orgunits is not None else code
            for e in elements:
                rows.append((e.dataelement, month.replace("-", ""), unit, e.categoryoptioncombo,
                             "", value_of(figures[code], e.key), STORED_BY, stamp, "", "false"))
    return rows


def export_dhis2(db: Database, out: str | Path, *, period: str, scope: str,
                 level: str | None = None, mapping: str | Path | None = None,
                 orgunit_map: str | Path | None = None, as_of: date | None = None) -> int:
    """Write the CSV (UTF-8, no BOM, as DHIS2 reads it); returns the number of values."""
    permissions.scope_for(db, Action.EXPORT, scope)  # issue 9
    elements = read_mapping(mapping) if mapping else None
    orgunits = read_orgunit_map(orgunit_map) if orgunit_map else None
    rows = dhis2_rows(db, period=period, scope=scope, level=level, elements=elements,
                      orgunits=orgunits, as_of=as_of)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    write_atomically(out, buffer.getvalue())
    return len(rows)
