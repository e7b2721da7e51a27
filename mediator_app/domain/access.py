"""Roles and what each may do (issue 9). Pure rules: which action a role allows, and the
sentence that names what a role allows when it is refused. Scopes (which part of the org
tree) are checked by ``services.permissions`` against the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mediator_app.domain.account_messages import LANGUAGE


class Role(StrEnum):
    SYSADMIN = "系统管理员"
    ADMIN = "管理员"
    MEDIATOR = "调解员"
    VIEWER = "查看"


ROLE_ALIASES = {"sysadmin": Role.SYSADMIN, "admin": Role.ADMIN, "mediator": Role.MEDIATOR,
                "viewer": Role.VIEWER, "网格员": Role.MEDIATOR}

ROLE_EN = {Role.SYSADMIN: "system administrator", Role.ADMIN: "administrator",
           Role.MEDIATOR: "mediator", Role.VIEWER: "viewer"}


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

#: What each role allows, in the words of the refusal message (zh, en).
ALLOWS: dict[Role, tuple[str, str]] = {
    Role.SYSADMIN: ("全部操作", "everything"),
    Role.ADMIN: ("查看范围内的全部案件、报表、审核上报、导入导出（当事人个人信息须另行授权）",
                 "all cases in scope, reports, review and submission, import and export "
                 "(parties' personal data only when granted)"),
    Role.MEDIATOR: ("录入和修改范围内调委会或网格的案件、查看其当事人信息、范围内的报表",
                    "creating and editing cases of the committees or grids in scope, "
                    "seeing their parties, reports for the scope"),
    Role.VIEWER: ("范围内的报表和列表（不含个人信息）",
                  "reports and lists for the scope (no personal data)"),
}


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
        p = self.principal
        en = lang.startswith("en")
        allows = ALLOWS[p.role][1 if en else 0]
        where = p.scope or ("the whole ledger" if en else "整个台账")
        if self.scope is not None:
            if en:
                return (f"User “{p.name}” ({ROLE_EN[p.role]}, scope {where}) may not work "
                        f"on “{self.scope}”: it is outside the scope. The role allows "
                        f"{allows}.")
            return (f"用户“{p.name}”（{p.role.value}，范围 {where}）无权操作“{self.scope}”："
                    f"不在其范围内。该角色可以：{allows}。")
        act = ACTION_TEXT[self.action][1 if en else 0]
        if en:
            return (f"User “{p.name}” ({ROLE_EN[p.role]}) may not {act}. The role allows "
                    f"{allows}.")
        return f"用户“{p.name}”（{p.role.value}）无权{act}。该角色可以：{allows}。"


ACTION_TEXT: dict[Action, tuple[str, str]] = {
    Action.MANAGE_USERS: ("管理用户", "manage users"),
    Action.SETTINGS: ("修改设置", "change settings"),
    Action.CODE_TABLES: ("修改代码表", "change code tables"),
    Action.ORGANISATION: ("修改组织机构", "change the organisation"),
    Action.BACKUP: ("备份台账", "back up the ledger"),
    Action.RESTORE: ("恢复台账", "restore the ledger"),
    Action.VIEW_AUDIT: ("查看审计日志", "see the audit log"),
    Action.IMPORT: ("导入数据", "import data"),
    Action.EXPORT: ("导出数据", "export data"),
    Action.SUBMIT: ("审核上报", "review and submit"),
    Action.EDIT_CASE: ("录入或修改案件", "create or edit cases"),
    Action.VIEW_CASES: ("查看案件", "see cases"),
    Action.REPORT: ("生成报表", "produce reports"),
    Action.VIEW_PERSONAL: ("查看当事人个人信息", "see parties' personal data"),
    Action.EXPORT_PERSONAL: ("导出当事人个人信息", "export parties' personal data"),
}
