"""Demo district generator (issue 2 §6): a fictional district shaped like the
glossary's (code 610114, 7 streets/towns, 73 villages, 32 communities, 225 grids,
118 committees, 503 mediators, 225 grid workers) with cases from 2023-01-01 to today.

Deterministic: one ``random.Random(seed)`` drives everything and timestamps derive
from ``today``, so a seed and a fixed ``today`` give identical databases.

Transactions: the organisation is written in one transaction, then the cases in
chunks of ``CHUNK_SIZE``, each chunk its own transaction followed by a progress call
(a million cases in one transaction would grow the WAL file to the database's size),
and last the ``demo_complete`` setting. An interrupted run leaves what was written so
far and no ``demo_complete``: ``demo_state`` calls such a database "partial".
``build_demo_file`` therefore builds into ``<path>.<pid>-<token>.part`` and moves it onto
``<path>`` only when the build has finished and only if ``<path>`` still does not exist,
so the target is either absent or complete, and never a file someone else made. While
the cases are written the connection runs with ``synchronous = OFF`` and a 64 MiB page
cache (``BulkRepository.bulk_mode``): demo data can always be generated again.
The indexes of the cases, parties and mediator tables are dropped before the first
chunk and created once, sorted, in the last transaction (issue 13: a 1M build spent
most of its SQLite time updating them row by row); an exception re-creates them before
it propagates, so only a killed process leaves a partial build without them.
"""

from __future__ import annotations

import glob
import os
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.casenumber import format_case_no
from mediator_app.domain.enums import OrgLevel
from mediator_app.domain.progress import Progress
from mediator_app.services.demo import names as N
from mediator_app.services.demo.cases import START, CaseGenerator
from mediator_app.services.demo.org import OrgPlan, build_org
from mediator_app.storage.bulk_repo import BulkRepository, Row
from mediator_app.storage.db import (
    SQLITE_HEADER,
    DatabaseDamaged,
    StorageError,
    check_file,
    exclusive_connection,
    open_database,
)
from mediator_app.storage.ledger_file import move_no_replace
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.settings_repo import SettingsRepository

CASES_PER_YEAR = 2000
MAX_CASES = 1_000_000
CHUNK_SIZE = 20_000
CACHE_MIB = 64  # SQLite page cache while inserting (memory stays bounded)
DETAIL_LIMIT = 50_000  # above this, records/agreements/follow-ups for a sample only
DEMO_COMPLETE = "demo_complete"  # setting written by the last transaction of a build
PART_SUFFIX = ".part"
STALE_PART_S = 6 * 3600  # a demo part file untouched this long is from a killed build
BROKEN_INFIX = ".broken-"
_SIDECARS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database
EMPTY, COMPLETE, PARTIAL, MISSING = "empty", "complete", "partial", "missing"


class DemoError(ValueError):
    """Refusal to build (``code``: demo.not_empty, demo.bad_count, demo.bad_today);
    ``params`` for the caller's own wording, the message is in Chinese."""

    def __init__(self, code: str, message: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(message)


@dataclass(frozen=True)
class DemoSummary:
    district_code: str
    district_name: str
    units_by_level: dict[str, int]
    committees: int
    mediators: int
    grid_workers: int
    cases: int
    parties: int
    seed: int
    today: date
    seconds: float = field(default=0.0, compare=False)

    def _level(self, *levels: OrgLevel) -> int:
        return sum(self.units_by_level.get(level.value, 0) for level in levels)

    @property
    def streets(self) -> int:
        """街道 + 乡镇."""
        return self._level(OrgLevel.STREET, OrgLevel.TOWN)

    @property
    def villages(self) -> int:
        return self._level(OrgLevel.VILLAGE)

    @property
    def communities(self) -> int:
        return self._level(OrgLevel.COMMUNITY)

    @property
    def grids(self) -> int:
        return self._level(OrgLevel.GRID)

    def lines(self) -> list[str]:
        """Plain Chinese lines for the command line."""
        return [
            f"演示区：{self.district_name}（{self.district_code}），种子 {self.seed}，"
            f"截至 {self.today.isoformat()}",
            f"街道/乡镇 {self.streets} 个，村 {self.villages} 个，社区 {self.communities} 个，"
            f"网格 {self.grids} 个",
            f"调委会 {self.committees} 个，调解员 {self.mediators} 人，"
            f"网格员 {self.grid_workers} 人",
            f"案件 {self.cases} 件，当事人 {self.parties} 人，用时 {self.seconds:.1f} 秒",
        ]


def default_case_count(today: date) -> int:
    """About ``CASES_PER_YEAR`` a year from 2023-01-01 to ``today``."""
    return round(CASES_PER_YEAR * ((today - START).days + 1) / 365.25)


def _check(bulk: BulkRepository, cases: int, today: date) -> None:
    if today < START:
        raise DemoError("demo.bad_today", f"截止日期 {today} 早于 {START}，无法生成演示数据",
                        today=today, start=START)
    if not 0 <= cases <= MAX_CASES:
        raise DemoError("demo.bad_count", f"案件数 {cases} 超出范围（0 至 {MAX_CASES}）",
                        count=cases, max=MAX_CASES)
    if bulk.has_org_or_cases():
        raise DemoError("demo.not_empty",
                        "数据库中已有组织机构或案件，演示数据只能生成到空数据库中")


def _org_rows(plan: OrgPlan, stamp: str) -> tuple[list[Row], list[Row], list[Row]]:
    units = [(u.code, u.name, u.level.value, u.parent_code, 1, i, stamp)
             for i, u in enumerate(plan.units)]
    committees = [(c.code, c.name, c.short_name, c.kind.value, c.org_code, 1, c.phone,
                   c.address, stamp) for c in plan.committees]
    people = [(p.id, p.name, p.role.value, p.committee_code, p.grid_code, p.phone,
               p.sex.value if p.sex else None, p.employment.value if p.employment else None,
               p.position, 1, stamp) for p in plan.people]
    return units, committees, people


def _write_org(db: Database, bulk: BulkRepository, plan: OrgPlan, today: date) -> None:
    units, committees, people = _org_rows(plan, f"{today.isoformat()}T08:00:00.000+08:00")
    with db.atomic():
        bulk.insert_rows("org_units", units)
        OrgRepository(db).rebuild_closure()
        bulk.insert_rows("committees", committees)
        bulk.insert_rows("people", people)
        settings = SettingsRepository(db)
        settings.set("district_name", N.DISTRICT_NAME)
        settings.set("district_code", N.DISTRICT_CODE)


def _generator(db: Database, bulk: BulkRepository, plan: OrgPlan, rng: random.Random,
               today: date, cases: int) -> CaseGenerator:
    template = SettingsRepository(db).get("case_no_template")
    format_case_no(template, year=today.year, short_name="X", serial=1)  # DomainError if bad
    return CaseGenerator(
        plan, rng, today=today, total=cases, first_id=bulk.next_id("cases"),
        template=template, type_codes=bulk.code_map("dispute_type"),
        source_codes=bulk.code_map("source"),
        detail_ratio=min(1.0, DETAIL_LIMIT / cases) if cases else 1.0, chunk_size=CHUNK_SIZE)


def build_demo(db: Database, *, cases: int | None = None, seed: int = 1,
               today: date | None = None, progress: Progress | None = None) -> DemoSummary:
    """Fill an empty database with the demo district and ``cases`` cases (default
    about 2,000 a year since 2023-01-01); the last transaction records
    ``demo_complete``. Raises ``DemoError`` if the database already has org units or
    cases. An exception from ``progress`` stops the build (the chunks written so far
    stay, without ``demo_complete``)."""
    started = time.perf_counter()
    today = today or date.today()
    bulk = BulkRepository(db)
    total = default_case_count(today) if cases is None else cases
    _check(bulk, total, today)
    rng = random.Random(seed)
    plan = build_org(rng, first_person_id=bulk.next_id("people"))
    _write_org(db, bulk, plan, today)
    generator = _generator(db, bulk, plan, rng, today, total)
    done = 0
    if progress:
        progress(0, total)
    with bulk.bulk_mode(CACHE_MIB):
        with db.atomic():
            deferred = bulk.drop_indexes()
        try:
            for chunk in generator.chunks():
                with db.atomic():
                    bulk.insert_chunk(chunk)
                done += len(chunk.cases)
                if progress:
                    progress(done, total)
        except BaseException:
            with db.atomic():  # an interrupted build keeps its indexes (and stays partial)
                bulk.create_indexes(deferred)
            raise
        with db.atomic():
            bulk.create_indexes(deferred)
            SettingsRepository(db).set(DEMO_COMPLETE, f"seed={seed};cases={total};today={today}")
    counts = bulk.counts()
    return DemoSummary(
        district_code=N.DISTRICT_CODE, district_name=N.DISTRICT_NAME,
        units_by_level=counts["units_by_level"], committees=counts["committees"],
        mediators=counts["mediators"], grid_workers=counts["grid_workers"],
        cases=counts["cases"], parties=counts["parties"], seed=seed, today=today,
        seconds=time.perf_counter() - started)


# ---- building into a file ----------------------------------------------------------------


def demo_state(db: Database) -> str:
    """``empty`` (no org units, no cases), ``complete`` (a finished demo build) or
    ``partial`` (anything else: an interrupted build, or data that is not a demo)."""
    if not BulkRepository(db).has_org_or_cases():
        return EMPTY
    return COMPLETE if SettingsRepository(db).get(DEMO_COMPLETE) else PARTIAL


def file_state(path: str | Path) -> str:
    """``missing``, or ``demo_state`` of the database file (opened and migrated). A file
    the health check finds damaged, and a zero-byte file, are ``partial`` (to be set
    aside and built again); other refusals raise ``StorageError``."""
    target = Path(path)
    if not target.exists():
        return MISSING
    try:
        handle = open_database(target, create=False)
    except DatabaseDamaged:
        return PARTIAL
    except StorageError as exc:
        if exc.code == "db.empty_file":
            return PARTIAL
        raise
    try:
        return demo_state(handle.db)
    finally:
        handle.close()


def _with_sidecars(path: Path) -> list[tuple[Path, str]]:
    return [(path, ""), *((Path(f"{path}{s}"), s) for s in _SIDECARS)]


def _remove(path: Path) -> None:
    """Delete a database file with SQLite's files beside it."""
    for file, _suffix in _with_sidecars(path):
        file.unlink(missing_ok=True)


def set_aside(path: str | Path, *, now: datetime | None = None) -> Path:
    """Move a broken database (with SQLite's files beside it) to
    ``<path>.broken-<stamp>`` and return that path; nothing is deleted."""
    target = Path(path)
    with open(target, "rb") as handle:
        is_sqlite = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    if is_sqlite:
        with exclusive_connection(target, wait_ms=0):
            pass  # StorageError db.in_use while another program has it open
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved = target.with_name(f"{target.name}{BROKEN_INFIX}{stamp}")
    n = 1
    while moved.exists():
        n += 1
        moved = target.with_name(f"{target.name}{BROKEN_INFIX}{stamp}-{n}")
    for file, suffix in _with_sidecars(target):
        if file.exists():
            os.replace(file, f"{moved}{suffix}")
    return moved


def _sweep_parts(target: Path) -> None:
    """Delete part files of builds that were killed: the old fixed ``<path>.part`` and
    ``<path>.<pid>-<token>.part`` files untouched for ``STALE_PART_S`` (a running build
    writes to its file all the time; another build's fresh part file is left alone)."""
    _remove(target.with_name(target.name + PART_SUFFIX))
    limit = time.time() - STALE_PART_S
    for part in target.parent.glob(f"{glob.escape(target.name)}.*{PART_SUFFIX}"):
        files = [f for f, _s in _with_sidecars(part) if f.exists()]
        try:
            if files and max(f.stat().st_mtime for f in files) < limit:
                _remove(part)
        except OSError:
            continue


def build_demo_file(path: str | Path, *, cases: int | None = None, seed: int = 1,
                    today: date | None = None,
                    progress: Progress | None = None) -> DemoSummary:
    """Build the demo into a part file of this process (``<path>.<pid>.part``) and move
    it onto ``path`` once the build has finished and the file is closed, only if ``path``
    still does not exist: a file that appeared meanwhile (another demo, an import) is
    never replaced (StorageError ``file.appeared``). On any failure or interruption the
    part file is deleted and ``path`` is untouched. ``path`` existing at the start is
    ``file.appeared`` too: a demo fills an existing file only through ``build_demo``."""
    target = Path(path)
    check_file(target, create=True)  # no folder is created; an existing file is refused
    if target.exists():
        raise StorageError("file.appeared", path=str(target))
    for file, _suffix in _with_sidecars(target)[1:]:
        file.unlink(missing_ok=True)  # an orphan journal must not be applied to the new file
    _sweep_parts(target)
    part = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}{PART_SUFFIX}")
    try:
        handle = open_database(part)
        try:
            summary = build_demo(handle.db, cases=cases, seed=seed, today=today,
                                 progress=progress)
        finally:
            handle.close()  # Windows cannot move an open file
        for file, _suffix in _with_sidecars(part)[1:]:
            file.unlink(missing_ok=True)  # closed cleanly: nothing in them
        move_no_replace(part, target)
    finally:
        _remove(part)
    return summary
