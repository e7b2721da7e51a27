"""Roles and what each may do (issue 9). Pure rules: which action a role allows, and the
sentence that names what a role allows when it is refused. Scopes (which part of the org
tree) are checked by ``services.permissions`` against the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mediator_app.domain import catalogue
from mediator_app.domain.account_messages import LANGUAGE


class Role(StrEnum):
    SYSADMIN = "系统管理员"
    ADMIN = "管理员"
    MEDIATOR = "调解员"
    VIEWER = "查看"


ROLE_ALIASES = {"sysadmin": Role.SYSADMIN, "admin": Role.ADMIN, "mediator": Role.MEDIATOR,
                "viewer": Role.VIEWER, "网格员": Role.MEDIATOR}

def parse_role(text: str) -> Role | None:
    t = text.strip()
    for role in Role:
        if t == role.value:
            return role
    return ROLE_ALIASES.get(t.lower()) or ROLE_ALIASES.get(t)


class Action(StrEnum):
    MANAGE_USERS = "manage_users"
    SETTINGS = "settings"
    CODE_TABLES = "code_tables"
    ORGANISATION = "organisation"
    BACKUP = "backup"
    RESTORE = "restore"
    VIEW_AUDIT = "view_audit"
    IMPORT = "import"
    EXPORT = "export"
    SUBMIT = "submit"  # 审核上报
    EDIT_CASE = "edit_case"
    VIEW_CASES = "view_cases"
    REPORT = "report"
    VIEW_PERSONAL = "view_personal"
    EXPORT_PERSONAL = "export_personal"


_ADMIN = frozenset({Action.VIEW_AUDIT, Action.IMPORT, Action.EXPORT, Action.SUBMIT,
                    Action.EDIT_CASE, Action.VIEW_CASES, Action.REPORT})
_MEDIATOR = frozenset({Action.EDIT_CASE, Action.VIEW_CASES, Action.REPORT,
                       Action.VIEW_PERSONAL})
_VIEWER = frozenset({Action.VIEW_CASES, Action.REPORT})
_PERSONAL = frozenset({Action.VIEW_PERSONAL, Action.EXPORT_PERSONAL})

@dataclass(frozen=True)
class Principal:
    """Who is logged in: name, role, scope (an org unit or committee code; None = the
    whole ledger) and whether an administrator was granted parties' personal data."""

    name: str
    role: Role
    scope: str | None = None
    personal_data: bool = False

    def may(self, action: Action) -> bool:
        if self.role is Role.SYSADMIN:
            return True
        if self.role is Role.ADMIN:
            return action in _ADMIN or (action in _PERSONAL and self.personal_data)
        if self.role is Role.MEDIATOR:
            return action in _MEDIATOR
        return action in _VIEWER

    @property
    def sees_personal_data(self) -> bool:
        return self.may(Action.VIEW_PERSONAL)


class AccessDenied(Exception):
    """Refused by role (``scope`` None) or by scope; the CLI exits with 5."""

    def __init__(self, principal: Principal, action: Action, scope: str | None = None):
        self.principal = principal
        self.action = action
        self.scope = scope
        super().__init__(f"{principal.name} ({principal.role}): {action} {scope or ''}")

    def __str__(self) -> str:
        return self.text(LANGUAGE.lang)

    def text(self, lang: str = "zh") -> str:
        """The refusal in ``lang`` (the catalogue's "access" area)."""
        p = self.principal
        role = p.role.name.lower()
        words = {"name": p.name, "role": catalogue.text("access", f"role.{role}", lang),
                 "allows": catalogue.text("access", f"allows.{role}", lang)}
        if self.scope is not None:
            where = p.scope or catalogue.text("access", "whole_ledger", lang)
            return catalogue.text("access", "denied.scope", lang, where=where,
                                  scope=self.scope, **words)
        act = catalogue.text("access", f"action.{self.action.value}", lang)
        return catalogue.text("access", "denied.action", lang, act=act, **words)
