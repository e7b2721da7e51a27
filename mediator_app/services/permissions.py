"""The one place where services check who may do what (issue 9).

A login binds a ``Principal`` to the open ``Database`` (``bind``); every service that
writes, exports or reports calls ``require``/``scope_for``/``require_case`` first. A
plain ledger has no principal and everything is allowed, as before accounts existed. An
*encrypted* connection without a principal is refused everything: the only way to get
one is a login (``services.trust.accounts``).

Scopes: a principal's scope is an org unit code (that unit and everything beneath it)
or a committee code (the committee's cases, and reports for the committee's unit).
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mediator_app.domain.access import AccessDenied, Action, Principal, Role
from mediator_app.domain.idnumber import mask_id_number, mask_phone
from mediator_app.domain.model import Case
from mediator_app.storage import crypto
from mediator_app.storage.account_repo import (
    SCOPE_GUARD,
    AccountRepository,
    install_scope_guard,
    set_scope_restriction,
)
from mediator_app.storage.audit_repo import set_actor
from mediator_app.storage.case_repo import CaseRepository

if TYPE_CHECKING:
    from sqlite_utils import Database

_principals: weakref.WeakKeyDictionary[Database, Principal] = weakref.WeakKeyDictionary()

#: Stand-in for "an encrypted ledger opened without a login": refused everything.
NOBODY = Principal(name="?", role=Role.VIEWER, scope="\x00")


def bind(db: Database, principal: Principal | None) -> None:
    """Attach (or, with None, detach) the logged-in user to this connection. A user
    limited to a scope is bound outside any transaction only: the storage-level guard's
    TEMP triggers would otherwise share the transaction's fate."""
    if principal is not None and principal.scope is not None and db.conn.in_transaction:
        raise RuntimeError("a scoped user is bound outside any transaction")
    if principal is None:
        _principals.pop(db, None)
    else:
        _principals[db] = principal
    set_actor(db, principal.name if principal else None)
    if principal is not None and principal.scope is not None:
        _guard(db, principal)
    else:
        set_scope_restriction(db, None, None)


def _guard(db: Database, p: Principal) -> None:
    """Writes outside the scope abort at the storage level too (``scope_guard``)."""
    repo = AccountRepository(db)
    committee = p.scope if repo.scope_kind(p.scope or "") == "committee" else None
    install_scope_guard(db, scope_unit(db, p) or "", committee)
    set_scope_restriction(db, scope_unit(db, p) or "", committee)


@contextmanager
def guarded(db: Database, action: Action) -> Iterator[None]:
    """Turn the storage-level scope guard's abort into ``AccessDenied``."""
    try:
        yield
    except crypto.AllErrors as exc:
        p = principal_of(db)
        if p is None or SCOPE_GUARD not in str(exc):
            raise
        raise AccessDenied(p, action, p.scope or "") from exc


def principal_of(db: Database) -> Principal | None:
    """The logged-in user; None on a plain ledger without a login (all allowed)."""
    p = _principals.get(db)
    if p is None and crypto.key_of(db.conn) is not None:
        return NOBODY
    return p


def require(db: Database, action: Action) -> None:
    """Raise ``AccessDenied`` unless the user's role allows ``action``."""
    p = principal_of(db)
    if p is not None and (p is NOBODY or not p.may(action)):
        raise AccessDenied(p, action)


def may(db: Database, action: Action) -> bool:
    try:
        require(db, action)
    except AccessDenied:
        return False
    return True


def sees_personal_data(db: Database) -> bool:
    return may(db, Action.VIEW_PERSONAL)


def scope_unit(db: Database, p: Principal) -> str | None:
    """The org unit a principal's scope covers (a committee's own unit)."""
    if p.scope is None:
        return None
    repo = AccountRepository(db)
    if repo.scope_kind(p.scope) == "committee":
        return repo.committee_unit(p.scope)
    return p.scope


def scope_for(db: Database, action: Action, requested: str | None) -> str | None:
    """Check ``action`` on the org unit ``requested`` and return the scope to use: the
    requested one when it lies within the user's scope, the user's own scope when none
    was requested (a scoped user never gets the whole ledger). Raises AccessDenied."""
    require(db, action)
    p = principal_of(db)
    if p is None or p.scope is None:
        return requested
    unit = scope_unit(db, p)
    if unit is None:  # the scope's unit or committee was deleted: nothing is in scope
        raise AccessDenied(p, action, requested or p.scope)
    if requested is None:
        return unit
    repo = AccountRepository(db)
    place = requested
    if repo.scope_kind(requested) == "committee":
        if requested == p.scope:
            return requested
        place = repo.committee_unit(requested) or requested
    if not repo.unit_within(place, unit):
        raise AccessDenied(p, action, requested)
    return requested


def require_case(db: Database, action: Action, *, org_code: str | None,
                 committee_code: str | None, label: str = "") -> None:
    """``action`` on a case located at ``org_code`` of committee ``committee_code``."""
    require(db, action)
    p = principal_of(db)
    if p is None or p.scope is None:
        return
    repo = AccountRepository(db)
    if committee_code and committee_code == p.scope:
        return
    unit = scope_unit(db, p)
    if unit is not None and org_code and repo.unit_within(org_code, unit):
        return
    if unit is not None and committee_code:
        home = repo.committee_unit(committee_code)
        if home is not None and repo.unit_within(home, unit) and not org_code:
            return
    raise AccessDenied(p, action, label or committee_code or org_code or "")


def require_stored_case(db: Database, action: Action, rowid: int) -> None:
    place = AccountRepository(db).case_place(rowid)
    if place is None:
        require(db, action)
        return
    require_case(db, action, org_code=place[0], committee_code=place[1], label=str(rowid))


# ---- parties' personal data for users without the right to see it ---------------------

def _mask(field: str, value: str) -> str:
    if not value:
        return value
    if field == "id_number":
        return mask_id_number(value)
    if field == "phone":
        return mask_phone(value)
    return value[:3] + "****" if len(value) > 3 else "****"


def sees_party_names(db: Database) -> bool:
    """Names are shown to every role but 查看 (no personal data at all)."""
    p = principal_of(db)
    return p is None or (p is not NOBODY and p.role is not Role.VIEWER)


def mask_name(name: str) -> str:
    """``张**``: the first character kept."""
    return name[:1] + "*" * max(1, len(name) - 1) if name else name


def mask_names(text: str) -> str:
    """Every name of a list such as ``张三、李四`` masked."""
    return re.sub(r"[^、，,;；\s]+", lambda m: mask_name(m.group(0)), text)


def masked_case(db: Database, case: Case) -> Case:
    """The case as this user may see it: ID numbers, phones and addresses of parties
    masked unless the role (or an administrator's grant) allows personal data; names
    masked too for 查看."""
    if sees_personal_data(db):
        return case
    names = sees_party_names(db)
    parties = tuple(dataclasses.replace(p, id_number=_mask("id_number", p.id_number),
                                        phone=_mask("phone", p.phone),
                                        address=_mask("address", p.address),
                                        name=p.name if names else mask_name(p.name))
                    for p in case.parties)
    return dataclasses.replace(case, parties=parties)


def _kept(field: str, value: str, stored: str) -> str:
    return stored if value and value == _mask(field, stored) else value


def unmasked_for_save(db: Database, case: Case) -> Case:
    """Before saving an edit by a user who saw masked values: a party field still equal
    to the mask of the stored value keeps the stored value (the mask is never saved)."""
    if case.id is None or sees_personal_data(db):
        return case
    stored = {p.id: p for p in CaseRepository(db).get(case.id).parties if p.id is not None}
    parties = []
    for p in case.parties:
        old = stored.get(p.id) if p.id is not None else None
        if old is not None:
            p = dataclasses.replace(
                p, id_number=_kept("id_number", p.id_number, old.id_number),
                phone=_kept("phone", p.phone, old.phone),
                address=_kept("address", p.address, old.address))
        parties.append(p)
    return dataclasses.replace(case, parties=tuple(parties))
