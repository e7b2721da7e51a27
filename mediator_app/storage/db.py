"""Opening the database file: WAL, busy timeout, a health check, migrations under an
exclusive lock with a backup first, refusal of a database written by a newer program.

What opening guarantees (docs/guarantees.md):

- Only an explicit create makes a new file (``create=True``), and never a folder: a
  missing folder is ``db.no_folder``. A zero-byte file is ``db.empty_file`` (never turned
  into a ledger silently), a file that is not SQLite is ``db.not_database``, an SQLite
  file with tables that are not ours is ``db.not_ledger``.
- An existing file gets a health check before anything else (``health_check``: the
  header, the schema, ``PRAGMA quick_check`` table by table within ``HEALTH_BUDGET_S``,
  skipping the tables verified since the file last changed: ``storage.health_record``).
  A damaged file raises ``DatabaseDamaged`` (naming the last verified backup when one is
  recorded); ``allow_damaged=True`` together with ``readonly=True`` opens it to look.
- Write transactions (``LedgerDatabase.atomic``) start with ``BEGIN IMMEDIATE``, so a
  second writer waits for the first (the busy timeout is honoured; with ``on_wait`` set
  it waits up to ``WRITE_WAIT_S`` and reports each second) and then fails plainly with
  ``db.busy``: nothing half-written either way.
- Whole-file work (migrations, restore) runs on a connection holding SQLite's exclusive
  lock (``exclusive_connection``); when another program has the file open it is refused
  with ``db.in_use``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediator_app.locations import data_dir
from mediator_app.storage import crypto
from mediator_app.storage.errors import DatabaseDamaged as DatabaseDamaged  # re-exported
from mediator_app.storage.errors import DatabaseTooNew as DatabaseTooNew
from mediator_app.storage.errors import StorageError as StorageError
from mediator_app.storage.health_record import HealthRecord as HealthRecord
from mediator_app.storage.health_record import State, file_state
from mediator_app.storage.migrations import MIGRATION_SET, known_names, migrations

BUSY_TIMEOUT_MS = 10_000
WRITE_WAIT_S = 120.0  # how long an import waits for another program's write to finish
EXCLUSIVE_WAIT_MS = 2_000  # restore/migration: a short grace for a closing program
HEALTH_BUDGET_S = 0.4  # time for quick_check on every open (the schema is always read)
ROW_COST_GUESS_S = 1e-6  # a table's quick_check per row until measured (health_record)
ENV_DB = "MEDIATOR_APP_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_RECORD = "backups.json"  # in the user data folder: ledger -> last verified backup
MAX_BACKUP_RECORDS = 50
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
OnWait = Callable[[float], None]


def default_db_path() -> Path:
    """``MEDIATOR_APP_DB`` if set, else ``ledger.db`` in the user data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    return data_dir() / "ledger.db"


def own_data_folder() -> Path:
    """The program's own folder (the default ledger, the demo, drafts): the one folder
    the program creates itself. In the user's profile, or ``data`` beside the program in
    portable mode (``mediator_app.locations``)."""
    return data_dir()


def default_demo_path() -> Path:
    """``demo.db`` in the data folder (beside the program in portable mode)."""
    return own_data_folder() / "demo.db"

if TYPE_CHECKING:
    from sqlite_utils import Database

    class LedgerDatabase(Database):
        """What the type checker sees: sqlite-utils' Database (the runtime class
        ``_LedgerDatabase`` below answers every other attribute through one)."""

        readonly: bool
        on_wait: OnWait | None
        write_wait_s: float

        def __init__(self, conn: sqlite3.Connection) -> None: ...


def _reads_only(sql: str) -> bool:
    """A statement that the sqlite3 driver never wraps in an implicit transaction."""
    head = sql.lstrip()[:6].upper()
    return head == "SELECT" or head == "PRAGMA"


class _LedgerDatabase:
    """The ledger's database object: sqlite-utils' Database in behaviour, without
    importing sqlite-utils (0.08 s of every start: it imports click, dateutil and
    pluggy) until something needs more than reading (issue 13).

    ``execute`` of a SELECT or PRAGMA runs on the connection directly (sqlite-utils does
    the same for them: no implicit transaction to commit); anything else, and every
    other attribute (``query``, ``db["table"]``, ``insert`` …), goes to a sqlite-utils
    Database on the same connection, made on first use. The outermost ``atomic()`` is
    ``BEGIN IMMEDIATE``: the write lock is taken first, so a busy database makes the
    writer wait (SQLite's busy handler is not used when a read transaction later tries
    to write); sqlite-utils' own writes inside come back to this ``atomic``."""

    readonly: bool = False
    on_wait: OnWait | None = None  # set by long jobs (imports) to say that they wait
    write_wait_s: float = WRITE_WAIT_S

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Any = None
        conn.execute("PRAGMA recursive_triggers=on;")  # as sqlite-utils' Database does

    def full(self) -> Any:
        """The sqlite-utils Database on this connection (imports sqlite-utils once)."""
        if self._full is None:
            self._full = _full_database(self)
        return self._full

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if not _reads_only(sql):
            return self.full().execute(sql, parameters)  # type: ignore[no-any-return]
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def atomic(self) -> Generator[Any, None, None]:
        if self.conn.in_transaction or self.readonly:
            with _sqlite_utils_atomic(self.full()) as db:  # a savepoint, or BEGIN
                yield db
            return
        begin_immediate(self.conn, self.on_wait, self.write_wait_s)
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def __getitem__(self, name: str) -> Any:
        return self.full()[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.full(), name)


def _full_database(ledger: _LedgerDatabase) -> Any:
    # lazy: sqlite-utils costs 0.08 s at start-up; read-only commands never need it
    from sqlite_utils import Database as FullDatabase

    class _Full(FullDatabase):
        @contextlib.contextmanager
        def atomic(self) -> Generator[Any, None, None]:
            with ledger.atomic() as db:
                yield db

    # no plugins: the entry-point scan cost ~50 ms an open and no third-party hook
    # should touch the ledger; recursive_triggers is already on
    return _Full(ledger.conn, execute_plugins=False, recursive_triggers=False)


def _sqlite_utils_atomic(full: Any) -> Any:
    # lazy: only reached through full(), which has imported it already
    from sqlite_utils import Database as FullDatabase

    return FullDatabase.atomic(full)


if not TYPE_CHECKING:
    LedgerDatabase = _LedgerDatabase


def _is_busy(exc: Exception) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def begin_immediate(conn: sqlite3.Connection, on_wait: OnWait | None = None,
                    limit_s: float = WRITE_WAIT_S) -> None:
    """``BEGIN IMMEDIATE``; while another connection writes, wait: with ``on_wait`` up to
    ``limit_s`` seconds calling ``on_wait(seconds waited)`` about once a second, without
    it for the busy timeout. Raises StorageError ``db.busy`` when the wait runs out."""
    started = time.monotonic()
    if on_wait is None:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except crypto.OperationalErrors as exc:
            if not _is_busy(exc):
                raise
            raise StorageError("db.busy", seconds=round(time.monotonic() - started)) from exc
    conn.execute("PRAGMA busy_timeout = 1000")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except crypto.OperationalErrors as exc:
                if not _is_busy(exc):
                    raise
                waited = time.monotonic() - started
                if waited >= limit_s:
                    raise StorageError("db.busy", seconds=round(waited)) from exc
                on_wait(waited)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@dataclass
class OpenedDatabase:
    db: LedgerDatabase
    path: str
    readonly: bool
    backup_path: str | None = None
    damaged: list[str] = field(default_factory=list)  # problems, when allow_damaged
    last_backup: str = ""  # the last verified backup of a damaged file, if known
    created: bool = False  # the file did not exist before this open

    def close(self) -> None:
        self.db.close()


def _uri(path: str, *, immutable: bool = False) -> str:
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


class _TrackedConnection(sqlite3.Connection):
    """A connection that knows when it has been closed (see ``_open_here``)."""

    closed = False

    def close(self) -> None:
        self.closed = True
        super().close()


# Ledger files this process has open through SQLite (key: the resolved path). POSIX file
# locks belong to the process: closing ANY descriptor of a file drops every lock the
# process holds on it, SQLite's too. Reading a ledger's header with Python's open() while
# one of our connections has it open (the window opens a second, read-only connection
# after its worker's) would silently release that connection's shared lock, and another
# program's restore would then take the "exclusive" lock and replace the file under us.
_OPEN_HERE: dict[str, weakref.WeakSet[Any]] = {}  # _TrackedConnection, KeyedConnection


def _key(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def _open_here(path: str | Path) -> bool:
    """True while a connection of this process (not yet closed) has ``path`` open."""
    conns = _OPEN_HERE.get(_key(path))
    return bool(conns) and any(not c.closed for c in list(conns or ()))


def _connect(path: str, readonly: bool, check_same_thread: bool) -> sqlite3.Connection:
    if path == ":memory:":
        return sqlite3.connect(":memory:", check_same_thread=check_same_thread)
    key = crypto.key_for(path)  # an encrypted ledger unlocked by a login (storage.crypto)
    if key is not None:
        conn = crypto.connect(path, key, readonly=readonly, check_same_thread=check_same_thread)
    elif readonly:
        conn = sqlite3.connect(_uri(path), uri=True, check_same_thread=check_same_thread,
                               factory=_TrackedConnection)
    else:
        conn = sqlite3.connect(path, check_same_thread=check_same_thread,
                               factory=_TrackedConnection)
    _OPEN_HERE.setdefault(_key(path), weakref.WeakSet()).add(conn)
    return conn


def _applied(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def unknown_migrations(db: Database) -> list[str]:
    """Migrations recorded in the file that this program does not know (newer file)."""
    if "_sqlite_migrations" not in db.table_names():
        return []
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    known = set(known_names())
    return [r[0] for r in rows if r[0] not in known]


def backup_file(conn: sqlite3.Connection, target: str | Path) -> None:
    """Consistent copy of a live database through SQLite's backup API (into an existing
    folder: the program does not create folders); encrypted with the same data key when
    ``conn`` is an encrypted ledger's (storage.crypto)."""
    crypto.copy_database(conn, target)


def _has_tables(db: Database) -> bool:
    return bool(db.table_names())


# ---- what kind of file is it --------------------------------------------------------------


def check_file(path: str | Path, *, create: bool) -> bool:
    """Refuse what must not be opened as a ledger; True when the file does not exist yet
    (and ``create`` allows making it in an existing folder)."""
    p = Path(path)
    if p.is_dir():
        raise StorageError("db.is_folder", path=str(p))
    if not p.exists():
        if not create:
            raise StorageError("db.missing", path=str(p))
        if not p.parent.is_dir():
            if p.parent.resolve() != own_data_folder().resolve():
                raise StorageError("db.no_folder", path=str(p), folder=str(p.parent))
            p.parent.mkdir(parents=True, exist_ok=True)  # first start: the program's own
        return True
    if _open_here(p):
        # already open in this process through SQLite, so it is an SQLite file; reading
        # it here and closing the handle would drop SQLite's locks (see _OPEN_HERE)
        if p.stat().st_size == 0:
            raise StorageError("db.empty_file", path=str(p))
        return False
    try:
        with open(p, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError("db.unreadable", path=str(p), detail=exc.strerror or str(exc)) from exc
    if not head:
        raise StorageError("db.empty_file", path=str(p))
    if head != SQLITE_HEADER and crypto.key_for(p) is None:  # encrypted: no plain header
        raise StorageError("db.not_database", path=str(p))
    return False


def quick_check(conn: sqlite3.Connection, budget_s: float = HEALTH_BUDGET_S, *,
                path: str | None = None) -> tuple[list[str], bool]:
    """``PRAGMA quick_check`` table by table within ``budget_s``. Returns (problems,
    complete): complete when every table was checked now or, with ``path``, is known
    verified since the file last changed (``storage.health_record``: those are skipped,
    the rest taken cheapest first, and one known to need more than the time left is not
    started). A watchdog thread interrupts SQLite at the deadline: its progress handler
    is not called inside the b-tree walk of one table (issue 13: at 1M cases the check
    ran 0.3-0.9 s over its budget that way)."""
    deadline = time.monotonic() + budget_s
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
        "'CREATE VIRTUAL TABLE%' ORDER BY name").fetchall()]
    record = HealthRecord.load(path) if path else None
    known = record.cost if record else {}
    todo = [t for t in tables if record is None or t not in record.verified]
    cost = {t: known[t] if t in known else _approx_rows(conn, t) * ROW_COST_GUESS_S
            for t in todo}
    problems: list[str] = []
    complete = True
    try:
        with _Watchdog(conn, deadline):
            for name in sorted(todo, key=lambda n: (cost[n], n)):
                started = time.monotonic()
                if started >= deadline or known.get(name, 0.0) > deadline - started:
                    complete = False  # would be interrupted half-way: left for later
                    continue
                try:
                    found = _check_table(conn, name)
                except crypto.OperationalErrors as exc:
                    if "interrupt" not in str(exc):
                        raise
                    complete = False
                    if record is not None:
                        record.stopped(name, time.monotonic() - started)
                    break
                problems += found
                if record is not None and not found:
                    record.passed(name, time.monotonic() - started)
    finally:
        if record is not None:
            record.save()
    return problems, complete


def _check_table(conn: sqlite3.Connection, table: str) -> list[str]:
    quoted = table.replace("'", "''")
    rows = conn.execute(f"PRAGMA quick_check('{quoted}')").fetchall()
    return [r[0] for r in rows if r[0] != "ok"]


class _Watchdog:
    """Interrupts the connection's running statement at ``deadline`` unless left before.
    The lock makes sure no interrupt lands after ``__exit__`` (on the caller's next
    statement)."""

    def __init__(self, conn: sqlite3.Connection, deadline: float) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._armed = True
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._conn.interrupt()

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._armed = False
        self._timer.cancel()


def current_state(conn: sqlite3.Connection) -> State:
    """The state of the connection's file (``health_record.file_state``) before a check."""
    path = _main_file(conn)
    return file_state(path) if path else []


def record_verified(conn: sqlite3.Connection, state: State) -> None:
    """Every table of the ledger passed a whole-file check that began with the file in
    ``state`` (``check``): the next opens need not check them while it stays so."""
    path = _main_file(conn)
    if not path or not state:
        return
    record = HealthRecord(path, state)
    previous = HealthRecord.load(path)
    record.cost = previous.cost
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                "sql NOT LIKE 'CREATE VIRTUAL TABLE%'").fetchall():
        record.verified.add(name)
    record.changed = True
    record.save()


def _main_file(conn: sqlite3.Connection) -> str:
    """The file of the connection's main database ('' in memory)."""
    for row in conn.execute("PRAGMA database_list").fetchall():
        if row[1] == "main":
            return str(row[2] or "")
    return ""


def _approx_rows(conn: sqlite3.Connection, table: str) -> int:
    """max(rowid) as a cheap size (one seek); 0 for tables without a rowid."""
    quoted = table.replace('"', '""')
    try:
        row = conn.execute(f'SELECT max(rowid) FROM "{quoted}"').fetchone()
    except crypto.OperationalErrors:
        return 0
    return int(row[0] or 0)


def health_check(conn: sqlite3.Connection, budget_s: float = HEALTH_BUDGET_S, *,
                 path: str | None = None) -> list[str]:
    """Damage found by reading the schema and a bounded quick_check; [] when none. With
    ``path`` (the ledger's file) tables verified since its last change are skipped."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return quick_check(conn, budget_s, path=path)[0]
    except crypto.DatabaseErrors as exc:
        if isinstance(exc, crypto.OperationalErrors) and _is_busy(exc):
            raise
        return [str(exc)]


def _backup_record() -> Path:
    return data_dir() / BACKUP_RECORD  # beside the program in portable mode


def _ledger_key(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def last_verified_backup(path: str | Path) -> str:
    """The last verified backup of the ledger at ``path`` (``backup ... (time)``) when
    one was recorded and the file is still there, else ''. Kept outside the ledger in
    the user data folder, so that it can be named however damaged the ledger is."""
    try:
        entry = json.loads(_backup_record().read_text("utf-8")).get(_ledger_key(path))
    except (OSError, ValueError, AttributeError):
        return ""
    if not isinstance(entry, dict) or not Path(str(entry.get("backup", ""))).is_file():
        return ""
    return f"{entry['backup']} ({entry.get('at', '?')})"


def record_backup(ledger: str | Path, backup: str | Path) -> None:
    """Remember a verified backup of ``ledger`` (see ``last_verified_backup``); the
    record file is replaced whole (written beside it, then renamed). Failing to record
    is not an error: the backup itself is made."""
    record = _backup_record()
    try:
        try:
            entries = json.loads(record.read_text("utf-8"))
            entries = entries if isinstance(entries, dict) else {}
        except (OSError, ValueError):
            entries = {}
        entries.pop(_ledger_key(ledger), None)
        entries[_ledger_key(ledger)] = {"backup": str(Path(backup).resolve()),
                                        "at": datetime.now().strftime("%Y-%m-%d %H:%M")}
        keep = dict(list(entries.items())[-MAX_BACKUP_RECORDS:])
        record.parent.mkdir(parents=True, exist_ok=True)  # the program's own data folder
        part = record.with_name(f"{record.name}.{os.getpid()}.part")
        part.write_text(json.dumps(keep, ensure_ascii=False, indent=1), "utf-8")
        os.replace(part, record)
    except OSError:
        pass


def _is_ledger(db: Database) -> bool:
    names = set(db.table_names())
    return "_sqlite_migrations" in names or "cases" in names


# ---- exclusive access -----------------------------------------------------------------------


@contextlib.contextmanager
def exclusive_connection(path: str | Path, *, wait_ms: int | None = None
                         ) -> Iterator[sqlite3.Connection]:
    """A connection to the existing file holding SQLite's exclusive lock until it is
    closed: no other connection (in this or another program) can read or write
    meanwhile. An idle connection of another program (a window, a command) holds a shared
    lock in WAL mode, so the file is refused with ``db.in_use`` while anyone has it open.
    Work done here is ordinary transactions: a crash leaves before or after."""
    spath = str(path)
    wait_ms = EXCLUSIVE_WAIT_MS if wait_ms is None else wait_ms
    key = crypto.key_for(spath)  # an encrypted ledger: the same data key
    if key is None:
        conn = sqlite3.connect(spath, isolation_level=None, timeout=wait_ms / 1000)
    else:
        conn = crypto.connect(spath, key, timeout=wait_ms / 1000)
        conn.isolation_level = None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")  # the lock stays: locking_mode = EXCLUSIVE
        except crypto.OperationalErrors as exc:
            if _is_busy(exc):
                raise StorageError("db.in_use", path=spath) from exc
            raise
        yield conn
    finally:
        conn.close()


def _migrate_alone(path: str) -> str | None:
    """Back up and apply pending migrations holding the exclusive lock (two programs
    never upgrade one file at once, and no reader sees it half-way)."""
    # lazy: sqlite-utils (0.08 s of imports) applies migrations; not needed otherwise
    from sqlite_utils import Database

    with exclusive_connection(path) as conn:
        db = Database(conn, execute_plugins=False)
        if not migrations.pending(db):
            return None  # another program upgraded it in the meantime
        backup = None
        if _has_tables(db):
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = f"{path}.before-upgrade-{stamp}.bak"
            backup_file(conn, backup)
            if crypto.key_of(conn) is not None:  # the copy opens with the passwords of today
                crypto.copy_key_file(path, backup)
        conn.execute("PRAGMA journal_mode = WAL")
        migrations.apply(db)
        return backup


def _pragmas(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")


def open_database(
    path: str | Path,
    *,
    readonly: bool = False,
    migrate: bool = True,
    check_same_thread: bool = True,
    create: bool = True,
    allow_damaged: bool = False,
    health: bool = True,
) -> OpenedDatabase:
    """Open (and create/migrate unless read-only) the ledger database.

    ``create``: a missing file is made (in an existing folder); else ``db.missing``.
    Raises ``DatabaseTooNew`` when the file has migrations this program does not know
    (open it with ``readonly=True`` to look without writing), ``DatabaseDamaged`` when the
    health check finds damage (``readonly=True, allow_damaged=True`` opens it to look;
    ``OpenedDatabase.damaged`` then lists the problems).
    """
    spath = str(path)
    memory = spath == ":memory:"
    if (not memory and crypto.key_for(spath) is None and not _open_here(spath)
            and crypto.is_encrypted_ledger(spath)):
        raise StorageError("db.encrypted", path=spath)
    created = False if memory else check_file(spath, create=create and not readonly)
    conn = _connect(spath, readonly, check_same_thread)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        damaged, last = _health(conn, spath, readonly, allow_damaged,
                                health and not created and not memory)
        db = LedgerDatabase(conn)
        db.readonly = readonly
        if not created and not memory and not damaged and not _is_ledger(db):
            if readonly or _has_tables(db) or not create:
                raise StorageError("db.not_ledger", path=spath)
        _pragmas(conn, readonly)
        unknown = unknown_migrations(db) if not damaged else []
        if unknown and not readonly:
            raise DatabaseTooNew(spath, unknown)
        backup = None
        if not readonly and migrate and migrations.pending(db):
            if memory:
                migrations.apply(db)
            else:
                conn.close()
                backup = _migrate_alone(spath)
                conn = _connect(spath, readonly, check_same_thread)
                _pragmas(conn, readonly)
                db = LedgerDatabase(conn)
        conn.execute("PRAGMA foreign_keys = ON")
    except crypto.DatabaseErrors as exc:
        conn.close()
        if isinstance(exc, crypto.OperationalErrors) and _is_busy(exc):
            raise StorageError("db.in_use", path=spath) from exc
        raise StorageError("db.unreadable", path=spath, detail=str(exc)) from exc
    except BaseException:
        conn.close()
        if created:
            _remove_new_file(spath)
        raise
    return OpenedDatabase(db=db, path=spath, readonly=readonly, backup_path=backup,
                          damaged=damaged, last_backup=last, created=created)


def _health(conn: sqlite3.Connection, path: str, readonly: bool, allow_damaged: bool,
            run: bool) -> tuple[list[str], str]:
    if not run:
        return [], ""
    problems = health_check(conn, path=path)
    if not problems:
        return [], ""
    last = last_verified_backup(path)
    if readonly and allow_damaged:
        return problems, last
    raise DatabaseDamaged(path, problems, last)


def _remove_new_file(path: str) -> None:
    """Delete a file this open has just created (before anyone could use it)."""
    for suffix in ("", *JOURNAL_SUFFIXES):
        with contextlib.suppress(OSError):
            Path(path + suffix).unlink(missing_ok=True)


def remove_if_unused(path: str | Path) -> bool:
    """Delete a ledger file this program created for a job that then failed: only while
    no other connection has it open and while it holds no org units nor cases."""
    try:
        with exclusive_connection(path, wait_ms=0) as conn:
            db = LedgerDatabase(conn)
            for table in ("org_units", "cases"):
                if table in db.table_names() and db.execute(
                        f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                    return False
    except StorageError:
        return False
    except crypto.AllErrors:  # either driver (an encrypted ledger: sqlcipher3)
        return False
    _remove_new_file(str(path))
    return True


def open_memory() -> Database:
    """A migrated in-memory database (tests)."""
    return open_database(":memory:").db


def integrity_check(db: Database) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks; [] when healthy."""
    problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: table {row[0]} rowid {row[1]} -> {row[2]}")
    pending = migrations.pending(db)
    if pending:
        problems.append("pending migrations: " + ", ".join(m.name for m in pending))
    return problems

