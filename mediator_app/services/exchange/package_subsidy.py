"""The 以案定补 side files of an exchange package, so that a claim recomputes the same in
the ledger that receives the package (docs/exchange.md):

- ``case_files.csv`` (``case_id, file_flags``): what each case file holds, as the bit
  set of domain/subsidy.py (1 调查记录, 2 调解记录, 4 书面协议, 8 协议已签署, 16 口头协议登记,
  32 分期或延期履行, 64 回访记录). No personal data: the records stay with the sender
  unless ``--with-personal-data`` is given.
- ``case_mediators.csv`` (``case_id, seq, name, committee_code``): the mediators of each
  case (seq 0 is the principal), by name and committee because person ids are local.
  The receiver finds each by name and committee and adds those it lacks.

Both are applied to the cases the package wrote (new or newer rows), inside the import's
transaction. A package without them (older programs) leaves file flags and mediators as
they were, except that flags are recomputed from records the package carried."""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database

from mediator_app.services.csv_io import CsvProblem, ProblemList, mapped_rows
from mediator_app.services.exchange.package import Package
from mediator_app.services.exchange.package_import import package_info
from mediator_app.storage.convert import now_iso
from mediator_app.storage.subsidy_repo import SubsidyExchangeRepository

FILES_COLUMNS = ("case_id", "file_flags")
MEDIATOR_COLUMNS = ("case_id", "seq", "name", "committee_code")
SIDE_FILES = {"case_files.csv": FILES_COLUMNS, "case_mediators.csv": MEDIATOR_COLUMNS}
MAX_FLAGS = 127


def export_rows(db: Database, file: str, scope: str | None, date_from: str | None,
                date_to: str | None) -> Iterator[tuple[object, ...]]:
    repo = SubsidyExchangeRepository(db)
    if file == "case_files.csv":
        return repo.file_rows(scope, date_from, date_to)
    return repo.mediator_rows(scope, date_from, date_to)


def _bad(pkg: Package, file: str, line: int, key: str, code: str, **params: object
         ) -> CsvProblem:
    return CsvProblem(pkg.member(file), line, SIDE_FILES[file].index(key) + 1, key, code,
                      params)


def _file_rows(pkg: Package, problems: ProblemList) -> list[tuple[str, int]]:
    rows = []
    for line, v in mapped_rows(package_info(pkg, "case_files.csv"), FILES_COLUMNS,
                               FILES_COLUMNS, problems):
        text = v["file_flags"].strip()
        if not text.isdigit() or int(text) > MAX_FLAGS:
            problems.add(_bad(pkg, "case_files.csv", line, "file_flags", "int.range",
                              value=text, min=0, max=MAX_FLAGS))
            continue
        rows.append((v["case_id"].strip(), int(text)))
    return rows


def _mediator_rows(pkg: Package, problems: ProblemList) -> list[tuple[str, int, str, str]]:
    rows = []
    for line, v in mapped_rows(package_info(pkg, "case_mediators.csv"), MEDIATOR_COLUMNS,
                               MEDIATOR_COLUMNS, problems):
        seq, name = v["seq"].strip(), v["name"].strip()
        if not seq.isdigit():
            problems.add(_bad(pkg, "case_mediators.csv", line, "seq", "int.invalid",
                              value=seq))
        elif not name:
            problems.add(_bad(pkg, "case_mediators.csv", line, "name", "required"))
        else:
            rows.append((v["case_id"].strip(), int(seq), name, v["committee_code"].strip()))
    return rows


def apply_side_files(db: Database, pkg: Package | None, file_no: int,
                     problems: ProblemList) -> None:
    """After the cases of ``file_no`` were merged: default classes for written rows
    without one, then the package's file flags and mediators."""
    repo = SubsidyExchangeRepository(db)
    repo.fill_default_classes(file_no)
    if pkg is None:
        return
    if pkg.has("case_files.csv"):
        rows = _file_rows(pkg, problems)
        if not problems.total:
            repo.apply_file_flags(rows, file_no)
    elif any(pkg.has(f) for f in ("investigations.csv", "sessions.csv", "agreements.csv",
                                  "follow_ups.csv")):
        repo.refresh_file_flags(file_no)
    if pkg.has("case_mediators.csv"):
        mediators = _mediator_rows(pkg, problems)
        if not problems.total:
            repo.apply_mediators(mediators, file_no, now_iso())
