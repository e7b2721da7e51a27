"""Editing the code tables: dispute types (纠纷类型) and case sources (案件来源).

Cases keep the code, so renaming an entry keeps its code and every case recorded with it
shows (and is counted under) the new label. Deactivating hides an entry from the pickers
of new cases; cases that use it keep it and still show its label. An entry no case uses
can be deleted; one in use cannot (deactivate it instead). Every change is written to
the audit log as entity ``code_item``, key ``kind:code``."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.enums import SourceGroup
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.model import CodeItem
from mediator_app.services import permissions
from mediator_app.services.changes import Changes
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.code_repo import CodeRepository
from mediator_app.storage.subsidy_repo import SubsidyRepository

KINDS = ("dispute_type", "source", "difficulty")
ENTITY = "code_item"
MAX_CODE_LENGTH = 8
MAX_SORT_ORDER = 9999
_CODE = re.compile(r"[A-Za-z0-9]+")  # ASCII only (str.isalnum() accepts 汉字 too)
SOURCE_GROUPS = tuple(g.value for g in SourceGroup)


@dataclass(frozen=True)
class CodeChanges:
    """What changed: the entry (kind, code) and its version afterwards (0 once deleted)."""

    kind: str
    code: str
    version: int

    @property
    def changes(self) -> Changes:
        return Changes(codes=True)


def audit_key(kind: str, code: str) -> str:
    return f"{kind}:{code}"


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DomainError(Problem("kind", "enum.invalid", {"value": kind, "allowed": KINDS}))


def _normalised(item: CodeItem) -> CodeItem:
    group = item.group_label.strip() if item.kind == "source" else ""
    return dataclasses.replace(item, code=item.code.strip(), label=item.label.strip(),
                               group_label=group)


def _code_problems(repo: CodeRepository, item: CodeItem, new: bool | None) -> list[Problem]:
    if not item.code:
        return [Problem("code", "required")]
    if len(item.code) > MAX_CODE_LENGTH or not _CODE.fullmatch(item.code):
        return [Problem("code", "code_item.code_invalid",
                        {"value": item.code, "max": MAX_CODE_LENGTH})]
    exists = repo.item(item.kind, item.code) is not None
    if new is True and exists:
        return [Problem("code", "duplicate", {"value": item.code})]
    if new is False and not exists:
        return [Problem("code", "unknown_code", {"value": item.code, "table": item.kind})]
    return []


def _label_problems(repo: CodeRepository, item: CodeItem) -> list[Problem]:
    if not item.label:
        return [Problem("label", "required")]
    other = repo.label_taken(item.kind, item.label, item.code)
    if other is None:
        return []
    code = "code_item.label_taken" if other.active else "code_item.label_taken_inactive"
    return [Problem("label", code, {"value": item.label, "other": other.code})]


def _group_problems(item: CodeItem) -> list[Problem]:
    """Statistics count sources by group (主动调解 / 申请调解 / 接受委托移送)."""
    if item.kind != "source":
        return []
    if not item.group_label:
        return [Problem("group_label", "required")]
    if item.group_label not in SOURCE_GROUPS:
        return [Problem("group_label", "enum.invalid",
                        {"value": item.group_label, "allowed": SOURCE_GROUPS})]
    return []


def _order_problems(item: CodeItem) -> list[Problem]:
    if 0 <= item.sort_order <= MAX_SORT_ORDER:
        return []
    return [Problem("sort_order", "int.range",
                    {"value": item.sort_order, "min": 0, "max": MAX_SORT_ORDER})]


def code_item_problems(db: Database, item: CodeItem, *, new: bool | None = None
                       ) -> list[Problem]:
    """Everything wrong with ``item`` (already stripped); ``new`` True: the code must not
    exist yet, False: it must exist, None: either."""
    _check_kind(item.kind)
    repo = CodeRepository(db)
    return (_code_problems(repo, item, new) + _label_problems(repo, item)
            + _group_problems(item) + _order_problems(item))


def _fields(item: CodeItem | None) -> dict[str, object]:
    if item is None:
        return {}
    return {"label": item.label, "group_label": item.group_label,
            "sort_order": item.sort_order, "active": item.active, "version": item.version}


def save_code_item(db: Database, item: CodeItem, *, user: str = "",
                   new: bool | None = None) -> CodeChanges:
    """Create or edit an entry (``new`` as in ``code_item_problems``). The stored
    ``active`` flag of an existing entry is kept (see ``set_code_active``); a change of
    label, group or order bumps its version."""
    permissions.require(db, Action.CODE_TABLES)  # issue 9
    item = _normalised(item)
    repo = CodeRepository(db)
    with db.atomic():
        problems = code_item_problems(db, item, new=new)
        if problems:
            raise DomainError(problems)
        old = repo.item(item.kind, item.code)
        active = old.active if old is not None else item.active
        stored = repo.upsert(dataclasses.replace(item, active=active))
        audit = AuditRepository(db, user or None)
        key = audit_key(item.kind, item.code)
        if old is None:
            audit.record(ENTITY, key, "create", "label", None, stored.label)
        else:
            audit.record_diff(ENTITY, key, _fields(old), _fields(stored))
    return CodeChanges(stored.kind, stored.code, stored.version)


def _existing(repo: CodeRepository, kind: str, code: str) -> CodeItem:
    _check_kind(kind)
    item = repo.item(kind, code)
    if item is None:
        raise DomainError(Problem("code", "unknown_code", {"value": code, "table": kind}))
    return item


def set_code_active(db: Database, kind: str, code: str, active: bool, *,
                    user: str = "") -> CodeChanges:
    """Deactivate (hide from the pickers of new cases; cases using it keep it) or
    reactivate an entry. The last active entry of a table cannot be deactivated."""
    permissions.require(db, Action.CODE_TABLES)  # issue 9
    repo = CodeRepository(db)
    with db.atomic():
        item = _existing(repo, kind, code)
        if item.active == active:
            return CodeChanges(kind, code, item.version)
        if not active and not any(i.active and i.code != code for i in repo.items(kind)):
            raise DomainError(Problem("active", "code_item.last_active",
                                      {"value": item.label, "table": kind}))
        repo.set_active(kind, code, active)
        AuditRepository(db, user or None).record_diff(
            ENTITY, audit_key(kind, code), {"active": item.active}, {"active": active})
    return CodeChanges(kind, code, item.version)


def delete_code_item(db: Database, kind: str, code: str, *, user: str = "") -> CodeChanges:
    """Delete an entry no case uses; refuses with ``in_use`` otherwise."""
    permissions.require(db, Action.CODE_TABLES)  # issue 9
    repo = CodeRepository(db)
    with db.atomic():
        item = _existing(repo, kind, code)
        if kind == "difficulty" and SubsidyRepository(db).class_use_count(code):
            count = SubsidyRepository(db).class_use_count(code)
            raise DomainError(Problem("code", "in_use",
                                      {"value": f"{code} {item.label}", "count": count}))
        if repo.is_used(kind, code):
            count = repo.use_counts(kind).get(code, 0)
            raise DomainError(Problem("code", "in_use",
                                      {"value": f"{code} {item.label}", "count": count}))
        repo.delete(kind, code)
        AuditRepository(db, user or None).record(
            ENTITY, audit_key(kind, code), "delete", "label", item.label, None)
    return CodeChanges(kind, code, 0)
