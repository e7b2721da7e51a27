"""Accounts of an encrypted ledger: creating and converting ledgers, logging in, users,
passwords and the recovery key (issue 9).

Where things live: the data key only wrapped in the key file ``<ledger>.keys``
(``storage.crypto``), one slot per user with a password and one for the recovery key;
roles, scopes and the enabled flag inside the encrypted ledger (``accounts`` table), so
that editing the key file cannot raise anybody's role. Failed logins happen before the
ledger can be opened: they are counted in the key file (five in a row lock the account
for ``LOCK_MINUTES``) and moved into the audit log at the next successful login.
"""

from __future__ import annotations

import base64
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from mediator_app.domain.access import AccessDenied, Action, Principal, Role, parse_role
from mediator_app.domain.account_messages import AccountError, LoginFailed
from mediator_app.services import permissions
from mediator_app.storage import crypto
from mediator_app.storage.account_repo import AccountRepository, AccountRow, checkpoint
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.convert import now_iso
from mediator_app.storage.db import OpenedDatabase, StorageError, integrity_check, open_database

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_FAILURES = 5
LOCK_MINUTES = 5
MIN_PASSWORD = 6
MAX_PENDING = 1000
RECOVERY_SLOT = "recovery"

# audit actions (entity "account", key = the account concerned)
LOGIN = "login"
LOGIN_FAILED = "login_failed"
USER_ADD = "user_add"
ROLE_CHANGE = "role_change"
USER_DISABLE = "user_disable"
USER_ENABLE = "user_enable"
PASSWORD_CHANGE = "password_change"
PASSWORD_RESET = "password_reset"
RECOVERY = "recovery_unlock"
ENCRYPTED = "ledger_encrypted"
ACCOUNT_ACTIONS = (LOGIN, LOGIN_FAILED, USER_ADD, ROLE_CHANGE, USER_DISABLE, USER_ENABLE,
                   PASSWORD_CHANGE, PASSWORD_RESET, RECOVERY, ENCRYPTED)


def _slot(name: str) -> str:
    return f"user:{name}"


def check_name(name: str) -> str:
    n = unicodedata.normalize("NFC", name.strip())
    if not n or len(n) > 40 or any(unicodedata.category(c).startswith("C") for c in n):
        raise AccountError("users.bad_name", user=name)
    return n


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("users.short_password", min=MIN_PASSWORD)


def _role(text: str) -> Role:
    role = parse_role(text)
    if role is None:
        raise AccountError("users.bad_role", role=text)
    return role


def new_recovery_key() -> str:
    """20 random bytes as 8 groups of 4 base32 letters/digits (160 bits)."""
    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(cleaned[i:i + 4] for i in range(0, len(cleaned), 4))


# ---- creating and converting ---------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    path: Path
    recovery_key: str | None
    kept_plain: Path | None = None
    leftovers: tuple[Path, ...] = ()


def _write_keys(ledger: Path, key: bytes, admin: str, password: str) -> tuple[crypto.KeyFile,
                                                                               str]:
    recovery = new_recovery_key()
    keys = crypto.KeyFile.new(ledger)
    keys.slots[_slot(admin)] = crypto.wrap(password, key, _slot(admin))
    keys.slots[RECOVERY_SLOT] = crypto.wrap(recovery, key, RECOVERY_SLOT)
    return keys, recovery


def create_ledger(path: str | Path, admin: str, password: str | None, *,
                  plain: bool = False) -> Created:
    """A new ledger with ``admin`` as 系统管理员; encrypted unless ``plain``. Returns the
    recovery key (shown once; None for a plain ledger)."""
    target = Path(path)
    admin = check_name(admin)
    if target.exists() or crypto.key_file_path(target).exists():
        raise AccountError("init.exists", path=str(target))
    if plain:
        handle = open_database(target)
        try:
            with handle.db.atomic():
                AccountRepository(handle.db).insert(admin, Role.SYSADMIN.value, None, True)
                AuditRepository(handle.db, admin).record("account", admin, USER_ADD,
                                                         "role", None, Role.SYSADMIN.value)
        finally:
            handle.close()
        return Created(target, None)
    if password is None:
        raise LoginFailed("login.no_password", user=admin)
    check_password(password)
    key = crypto.new_data_key()
    keys, recovery = _write_keys(target, key, admin, password)
    if not target.parent.is_dir():
        raise StorageError("db.unreadable", path=str(target), detail="unable to open "
                           "database file")
    keys.save()
    crypto.register_key(target, key)
    try:
        handle = open_database(target)
        try:
            with handle.db.atomic():
                AccountRepository(handle.db).insert(admin, Role.SYSADMIN.value, None, True)
                AuditRepository(handle.db, admin).record("account", admin, USER_ADD, "role",
                                                         None, Role.SYSADMIN.value)
        finally:
            handle.close()
    except BaseException:
        crypto.forget_key(target)
        for p in (target, keys.path, Path(f"{target}-wal"), Path(f"{target}-shm")):
            p.unlink(missing_ok=True)
        raise
    return Created(target, recovery)


def plain_leftovers(path: Path) -> list[Path]:
    """Old plain copies beside the ledger (pre-upgrade and pre-restore copies)."""
    found = []
    for p in sorted(path.parent.glob(path.name + ".*")):
        if p.suffix in (".bak", ".db") and crypto.is_plain_file(p):
            found.append(p)
    return found


def encrypt_ledger(path: str | Path, admin: str, password: str | None, *,
                   keep_plain: bool = False) -> Created:
    """Convert a plain ledger in place (``sqlcipher_export`` into ``<path>.encrypting``,
    verified, then renamed over the original). The plain original is moved aside first
    and deleted at the end unless ``keep_plain``."""
    target = Path(path)
    admin = check_name(admin)
    if not target.is_file():
        raise StorageError("db.missing", path=str(target))
    if crypto.is_encrypted_ledger(target) or not crypto.is_plain_file(target):
        if crypto.key_file_path(target).exists():
            raise AccountError("encrypt.already", path=str(target))
        raise AccountError("encrypt.not_ledger", path=str(target))
    if password is None:
        raise LoginFailed("login.no_password", user=admin)
    check_password(password)
    # migrate and checkpoint the plain file first (its WAL folded in)
    handle = open_database(target)
    try:
        if not handle.db["cases"].exists():
            raise AccountError("encrypt.not_ledger", path=str(target))
        checkpoint(handle.db)
    finally:
        handle.close()
    key = crypto.new_data_key()
    part = target.with_name(target.name + ".encrypting")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    plain = crypto.connect(target, None)
    try:
        crypto.export_encrypted(plain, part, key)
    finally:
        plain.close()
    keys, recovery = _write_keys(target, key, admin, password)
    crypto.register_key(part, key)
    try:
        check = open_database(part)
        try:
            repo = AccountRepository(check.db)
            problems = integrity_check(check.db)
            if problems:
                raise StorageError("backup.verify_failed", path=str(part),
                                   detail=str(problems[:3]))
            with check.db.atomic():
                row = repo.get(admin)
                if row is None:
                    repo.insert(admin, Role.SYSADMIN.value, None, True)
                else:
                    repo.update(admin, role=Role.SYSADMIN.value, scope=None,
                                personal_data=True, disabled=False)
                audit = AuditRepository(check.db, admin)
                audit.record("account", admin, ENCRYPTED, "", None, str(target.name))
                audit.record("account", admin, ROLE_CHANGE if row else USER_ADD, "role",
                             row.role if row else None, Role.SYSADMIN.value)
            checkpoint(check.db)
        finally:
            check.close()
    finally:
        crypto.forget_key(part)
    for suffix in ("-wal", "-shm"):
        Path(f"{part}{suffix}").unlink(missing_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.plain-{stamp}.bak")
    leftovers = plain_leftovers(target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.replace(aside)  # from here on the plain original is only the aside copy
    keys.save()
    part.replace(target)
    if not keep_plain:
        aside.unlink()
    return Created(target, recovery, aside if keep_plain else None, tuple(leftovers))


# ---- logging in ------------------------------------------------------------------------------


@dataclass
class Session:
    """An open, logged-in ledger. ``close()`` forgets the key."""

    handle: OpenedDatabase
    principal: Principal | None  # None: a plain ledger (no login)
    recorded: bool = False  # the login is in the audit log

    @property
    def db(self) -> Database:
        return self.handle.db

    @property
    def path(self) -> str:
        return self.handle.path

    def close(self) -> None:
        self.handle.close()


def _now() -> datetime:
    return datetime.now().astimezone()


def _pending(keys: crypto.KeyFile, user: str, reason: str) -> None:
    keys.pending_audit.append({"at": now_iso(), "user": user[:64], "reason": reason})
    del keys.pending_audit[:-MAX_PENDING]


def _locked_until(keys: crypto.KeyFile, user: str) -> datetime | None:
    entry = keys.lockout.get(user) or {}
    until = entry.get("locked_until")
    if not until:
        return None
    t = datetime.fromisoformat(str(until))
    return t if t > _now() else None


def _fail(path: Path, user: str, reason: str, *, count: bool = True) -> None:
    """Record a failed login in the key file (the only write on a failed login). Best
    effort: a key file on a read-only medium (a backup on a locked share) cannot record
    it, and the login still fails."""
    try:
        _record_failure(path, user, reason, count)
    except OSError:
        pass


def _record_failure(path: Path, user: str, reason: str, count: bool) -> None:
    with crypto.keyfile_lock(path):
        keys = crypto.KeyFile.load(path)
        _pending(keys, user, reason)
        if count:
            entry = keys.lockout.setdefault(user[:64], {"failures": 0})
            entry["failures"] = int(entry.get("failures", 0)) + 1
            if entry["failures"] >= MAX_FAILURES:
                entry["locked_until"] = (_now() + timedelta(minutes=LOCK_MINUTES)).isoformat(
                    timespec="seconds")
                entry["failures"] = 0
        keys.save()


def unlock_key(path: str | Path, user: str | None, password: str | None) -> bytes:
    """The data key of the encrypted ledger for ``user``/``password``; raises
    LoginFailed (after recording the failure in the key file)."""
    target = Path(path)
    if not user:
        raise LoginFailed("login.no_user")
    try:
        keys = crypto.KeyFile.load(target)
    except crypto.KeyFileError as exc:
        raise AccountError(exc.code, path=exc.path, detail=exc.detail) from exc
    until = _locked_until(keys, user)
    if until is not None:
        _fail(target, user, "locked", count=False)
        raise LoginFailed("login.locked", user=user, until=until.strftime("%H:%M"))
    if not password:
        _fail(target, user, "no_password", count=False)
        raise LoginFailed("login.no_password", user=user)
    entry = keys.slots.get(_slot(user))
    key = crypto.unwrap(password, entry, _slot(user)) if entry else None
    if key is None:
        _fail(target, user, "wrong_password" if entry else "unknown_user")
        raise LoginFailed("login.failed", user=user, max=MAX_FAILURES, minutes=LOCK_MINUTES)
    return key


def _principal(row: AccountRow) -> Principal:
    return Principal(row.name, Role(row.role), row.scope, row.personal_data)


def open_ledger(path: str | Path, user: str | None = None, password: str | None = None, *,
                check_same_thread: bool = True, create: bool = True) -> Session:
    """Open the ledger: a plain one as before (no login), an encrypted one after
    checking ``user``/``password``. Nothing is written here; call ``record_login`` once
    the session has done its work (the CLI) or right away (the GUI)."""
    target = Path(path)
    if not crypto.is_encrypted_ledger(target):
        return Session(open_database(target, check_same_thread=check_same_thread,
                                     create=create), None)
    key = unlock_key(target, user, password)
    assert user is not None
    crypto.register_key(target, key)
    handle = open_database(target, check_same_thread=check_same_thread, create=False)
    row = AccountRepository(handle.db).get(user)
    if row is None or row.disabled:
        handle.close()
        _fail(target, user, "disabled", count=False)
        raise LoginFailed("login.disabled", user=user)
    principal = _principal(row)
    permissions.bind(handle.db, principal)
    return Session(handle, principal)


def attach(db: Database, principal: Principal | None) -> None:
    """Bind ``principal`` to another connection of the same ledger (the GUI's second,
    read-only connection)."""
    permissions.bind(db, principal)


def record_login(session: Session, *, how: str = "cli") -> None:
    """Write the login (and the failed logins waiting in the key file) to the audit log,
    and reset the user's failure counter."""
    p = session.principal
    if p is None or session.recorded:
        return
    session.recorded = True
    write_login(session.db, session.path, p, how=how)


def principal_for(db: Database, name: str) -> Principal:
    """The principal of an enabled account (LoginFailed when disabled or unknown)."""
    row = AccountRepository(db).get(name)
    if row is None or row.disabled:
        raise LoginFailed("login.disabled", user=name)
    return _principal(row)


def write_login(db: Database, ledger: str | Path, p: Principal, *, how: str) -> None:
    """The audit entries of a login (see ``record_login``); the GUI calls it on its
    worker connection."""
    path = Path(ledger)
    with crypto.keyfile_lock(path):
        keys = crypto.KeyFile.load(path)
        pending = list(keys.pending_audit)
        with db.atomic():
            for e in pending:
                AuditRepository(db, e.get("user", "?")).record(
                    "account", e.get("user", "?"), LOGIN_FAILED, e.get("reason", ""),
                    None, e.get("at", ""))
            AuditRepository(db, p.name).record("account", p.name, LOGIN, how)
        changed = bool(pending) or p.name in keys.lockout
        keys.pending_audit.clear()
        keys.lockout.pop(p.name, None)
        if changed:
            keys.save()


def verify_password(path: str | Path, user: str, password: str) -> bool:
    """For the idle lock: is this the user's password (a failure counts)?"""
    try:
        unlock_key(path, user, password)
    except LoginFailed:
        return False
    return True


# ---- users ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str
    scope: str | None
    personal_data: bool
    disabled: bool
    has_password: bool
    locked_until: str | None


def _keys_path(db: Database, path: str | Path) -> Path:
    if crypto.key_of(db.conn) is None:
        raise AccountError("users.plain", path=str(path))
    return Path(path)


def list_users(db: Database, path: str | Path) -> list[UserInfo]:
    permissions.require(db, Action.MANAGE_USERS)
    keys = crypto.KeyFile.load(path) if crypto.key_of(db.conn) is not None else None
    out = []
    for r in AccountRepository(db).all():
        until = _locked_until(keys, r.name) if keys else None
        effective = _principal(r).may(Action.VIEW_PERSONAL)  # what the grant means now
        out.append(UserInfo(r.name, r.role, r.scope, effective, r.disabled,
                            bool(keys and _slot(r.name) in keys.slots),
                            until.strftime("%Y-%m-%d %H:%M") if until else None))
    return out


def _actor(db: Database) -> str:
    p = permissions.principal_of(db)
    return p.name if p else ""


def _check_scope(db: Database, scope: str | None) -> str | None:
    if scope is None or not scope.strip():
        return None
    scope = scope.strip()
    if AccountRepository(db).scope_kind(scope) is None:
        raise AccountError("users.bad_scope", scope=scope)
    return scope


def add_user(db: Database, path: str | Path, name: str, role: str, scope: str | None,
             password: str | None, *, personal_data: bool = False) -> UserInfo:
    """A new account; with a password on an encrypted ledger (its key slot)."""
    permissions.require(db, Action.MANAGE_USERS)
    keys_path = _keys_path(db, path)
    name = check_name(name)
    r = _role(role)
    scope = _check_scope(db, scope)
    repo = AccountRepository(db)
    if repo.get(name) is not None:
        raise AccountError("users.exists", user=name)
    if password is None:
        raise AccountError("users.short_password", min=MIN_PASSWORD)
    check_password(password)
    key = crypto.key_of(db.conn)
    assert key is not None
    grant = r in (Role.SYSADMIN, Role.MEDIATOR) or (personal_data and r is Role.ADMIN)
    with crypto.keyfile_lock(keys_path):
        keys = crypto.KeyFile.load(keys_path)
        keys.slots[_slot(name)] = crypto.wrap(password, key, _slot(name))
        with db.atomic():
            repo.insert(name, r.value, scope, grant)
            audit = AuditRepository(db, _actor(db) or None)
            audit.record("account", name, USER_ADD, "role", None, r.value)
            audit.record("account", name, ROLE_CHANGE, "scope", None, scope or "")
            if grant and r is Role.ADMIN:
                audit.record("account", name, ROLE_CHANGE, "personal_data", None, "1")
            keys.save()  # inside the transaction: a failed save rolls the row back
    return UserInfo(name, r.value, scope, grant, False, True, None)


def _enabled_sysadmins(repo: AccountRepository) -> list[str]:
    return [a.name for a in repo.all() if a.role == Role.SYSADMIN.value and not a.disabled]


def change_user(db: Database, name: str, *, role: str | None = None,
                scope: str | None = None, clear_scope: bool = False,
                personal_data: bool | None = None) -> None:
    """Change role, scope or the personal-data grant (audited as role changes)."""
    permissions.require(db, Action.MANAGE_USERS)
    repo = AccountRepository(db)
    row = repo.get(name)
    if row is None:
        raise AccountError("users.unknown", user=name)
    new_role = _role(role).value if role else row.role
    new_scope = None if clear_scope else (_check_scope(db, scope) if scope else row.scope)
    grant = row.personal_data if personal_data is None else personal_data
    if (row.role == Role.SYSADMIN.value and new_role != row.role
            and _enabled_sysadmins(repo) == [name]):
        raise AccountError("users.last_admin", user=name)
    with db.atomic():
        repo.update(name, role=new_role, scope=new_scope, personal_data=grant,
                    disabled=row.disabled)
        audit = AuditRepository(db, _actor(db) or None)
        for field, old, new in (("role", row.role, new_role), ("scope", row.scope, new_scope),
                                ("personal_data", int(row.personal_data), int(grant))):
            if old != new:
                audit.record("account", name, ROLE_CHANGE, field, old, new)


def set_disabled(db: Database, path: str | Path, name: str, disabled: bool) -> None:
    """Disable a leaver (their key slot is removed: the password no longer opens the
    ledger) or enable again (a new password is then needed)."""
    permissions.require(db, Action.MANAGE_USERS)
    keys_path = _keys_path(db, path)
    repo = AccountRepository(db)
    row = repo.get(name)
    if row is None:
        raise AccountError("users.unknown", user=name)
    if disabled and row.role == Role.SYSADMIN.value and _enabled_sysadmins(repo) == [name]:
        raise AccountError("users.last_admin", user=name)
    with crypto.keyfile_lock(keys_path):
        keys = crypto.KeyFile.load(keys_path)
        with db.atomic():
            repo.update(name, role=row.role, scope=row.scope, personal_data=row.personal_data,
                        disabled=disabled)
            AuditRepository(db, _actor(db) or None).record(
                "account", name, USER_DISABLE if disabled else USER_ENABLE, "disabled",
                int(row.disabled), int(disabled))
            if disabled:
                keys.slots.pop(_slot(name), None)
                keys.save()


def set_password(db: Database, path: str | Path, name: str, new_password: str) -> None:
    """Change one's own password, or (系统管理员) reset another user's. One key slot is
    rewritten; the ledger is not re-encrypted. Clears the user's lock-out."""
    keys_path = _keys_path(db, path)
    p = permissions.principal_of(db)
    if p is None or p.name != name:
        permissions.require(db, Action.MANAGE_USERS)
    row = AccountRepository(db).get(name)
    if row is None:
        raise AccountError("users.unknown", user=name)
    check_password(new_password)
    key = crypto.key_of(db.conn)
    assert key is not None
    _write_slot(db, keys_path, name, key, new_password,
                PASSWORD_CHANGE if p is not None and p.name == name else PASSWORD_RESET)


def _write_slot(db: Database, keys_path: Path, name: str, key: bytes, password: str,
                action: str) -> None:
    with crypto.keyfile_lock(keys_path):
        keys = crypto.KeyFile.load(keys_path)
        keys.slots[_slot(name)] = crypto.wrap(password, key, _slot(name))
        keys.lockout.pop(name, None)
        with db.atomic():
            AuditRepository(db, _actor(db) or name).record("account", name, action)
            keys.save()


def recover(path: str | Path, recovery_key: str | None, new_password: str | None, *,
            admin: str | None = None) -> str:
    """Reset a 系统管理员's password with the recovery key; returns the admin's name."""
    target, key = _unlock_with_recovery_key(path, recovery_key, admin)
    handle = open_database(target)
    try:
        repo = AccountRepository(handle.db)
        admin = _recovery_admin(repo, admin)
        if new_password is None:
            raise AccountError("users.short_password", min=MIN_PASSWORD)
        check_password(new_password)
        row = repo.get(admin)
        assert row is not None
        permissions.bind(handle.db, _principal(row))
        with handle.db.atomic():
            if row.disabled:
                repo.update(admin, role=row.role, scope=row.scope,
                            personal_data=row.personal_data, disabled=False)
        _write_slot(handle.db, target, admin, key, new_password, RECOVERY)
    finally:
        handle.close()
    return admin


# ---- checks before asking for a new password (refuse first, prompt after) -------------------


def require_manage_users(db: Database) -> None:
    permissions.require(db, Action.MANAGE_USERS)


def check_new_user(db: Database, name: str, role: str, scope: str | None) -> None:
    """Everything ``add_user`` checks except the password."""
    permissions.require(db, Action.MANAGE_USERS)
    n = check_name(name)
    _role(role)
    _check_scope(db, scope)
    if AccountRepository(db).get(n) is not None:
        raise AccountError("users.exists", user=n)


def check_password_change(db: Database, name: str) -> None:
    p = permissions.principal_of(db)
    if p is None or p.name != name:
        permissions.require(db, Action.MANAGE_USERS)
    if AccountRepository(db).get(name) is None:
        raise AccountError("users.unknown", user=name)


def user(db: Database, name: str) -> AccountRow:
    row = AccountRepository(db).get(name)
    if row is None:
        raise AccountError("users.unknown", user=name)
    return row


def check_recovery_key(path: str | Path, recovery_key: str | None, *,
                       admin: str | None = None) -> str:
    """Raise LoginFailed (recorded) unless ``recovery_key`` opens the ledger; returns
    the name of the 系统管理员 whose password ``recover`` will reset."""
    target, _key = _unlock_with_recovery_key(path, recovery_key, admin)
    handle = open_database(target)
    try:
        return _recovery_admin(AccountRepository(handle.db), admin)
    finally:
        handle.close()


def _recovery_admin(repo: AccountRepository, admin: str | None) -> str:
    """The named 系统管理员, else the first enabled one (else the first one)."""
    if admin:
        row = repo.get(admin)
        if row is None:
            raise AccountError("users.unknown", user=admin)
        if row.role != Role.SYSADMIN.value:
            raise AccessDenied(_principal(row), Action.MANAGE_USERS)
        return admin
    names = sorted((a.created_at, a.name) for a in repo.all()
                   if a.role == Role.SYSADMIN.value and not a.disabled)
    if not names:
        names = sorted((a.created_at, a.name) for a in repo.all()
                       if a.role == Role.SYSADMIN.value)
    if not names:
        raise AccountError("recovery.no_admin")
    return names[0][1]


def _unlock_with_recovery_key(path: str | Path, recovery_key: str | None,
                              admin: str | None) -> tuple[Path, bytes]:
    """Register the data key the recovery key unwraps (LoginFailed, recorded, if it does
    not); returns the ledger's path and the key."""
    target = Path(path)
    if not crypto.is_encrypted_ledger(target):
        raise AccountError("users.plain", path=str(target))
    text = normalise_recovery_key(recovery_key or "")
    if not text:
        raise LoginFailed("login.no_recovery")
    keys = crypto.KeyFile.load(target)
    key = crypto.unwrap(text, keys.slots.get(RECOVERY_SLOT, {}), RECOVERY_SLOT)
    if key is None:
        _fail(target, admin or RECOVERY_SLOT, "wrong_recovery_key", count=False)
        raise LoginFailed("login.bad_recovery")
    crypto.register_key(target, key)
    return target, key
