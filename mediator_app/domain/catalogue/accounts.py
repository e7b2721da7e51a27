# ruff: noqa: E501  (message tables: one sentence per line)
"""Texts of accounts, logins, encryption and automatic backups (Chinese, English), for the
CLI and the GUI; ``AccountError(code, **params)`` of ``domain.account_messages`` names one."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "recovery.line": ("恢复密钥：{key}", "Recovery key: {key}"),
    "recovery.keep": ("请把恢复密钥抄写或打印后妥善保管（它只显示这一次）：所有密码都丢失时，"
                      "系统管理员只能用它打开台账。",
                      "Write down or print the recovery key and keep it safe (it is shown "
                      "only this once): when every password is lost, it is the only way an "
                      "administrator can open the ledger."),
    "init.done": ("已创建加密台账“{path}”，系统管理员：{admin}。",
                  "Created the encrypted ledger “{path}”, system administrator: {admin}."),
    "init.done_plain": ("已创建未加密台账“{path}”，系统管理员：{admin}。",
                        "Created the unencrypted ledger “{path}”, system administrator: "
                        "{admin}."),
    "init.exists": ("文件“{path}”已存在，没有改动；init 只创建新台账（已有的未加密台账请用 encrypt）。",
                    "The file “{path}” already exists and was not changed; init only creates "
                    "a new ledger (use encrypt for an existing plain ledger)."),
    "encrypt.done": ("已加密台账“{path}”，系统管理员：{admin}。",
                     "Encrypted the ledger “{path}”, system administrator: {admin}."),
    "encrypt.kept": ("未加密的原文件保存在“{path}”：其中的个人信息没有加密，用完请删除。",
                     "The unencrypted original is kept as “{path}”: its personal data is "
                     "not encrypted; delete it when you no longer need it."),
    "encrypt.leftover": ("注意：“{path}”是旧的未加密副本（备份或升级前副本），仍可被任何人读取；"
                         "确认不再需要后请删除。",
                         "Note: “{path}” is an old unencrypted copy (a backup or pre-upgrade "
                         "copy) that anyone can still read; delete it once you no longer "
                         "need it."),
    "encrypt.already": ("台账“{path}”已经加密。", "The ledger “{path}” is already encrypted."),
    "encrypt.not_ledger": ("“{path}”不是未加密的调解台账数据库。",
                           "“{path}” is not an unencrypted mediation ledger database."),
    "login.no_user": ("这个台账已加密：请用 --user 用户名 或环境变量 MEDIATOR_APP_USER 指定用户。",
                      "This ledger is encrypted: give a user with --user NAME or "
                      "MEDIATOR_APP_USER."),
    "login.no_password": ("没有提供用户“{user}”的密码（MEDIATOR_APP_PASSWORD 或输入）。",
                          "No password was given for the user “{user}” (MEDIATOR_APP_PASSWORD "
                          "or the prompt)."),
    "login.failed": ("用户名或密码错误（用户“{user}”）。连续输错 {max} 次账户将锁定 {minutes} 分钟。",
                     "Wrong user name or password (user “{user}”). After {max} failed "
                     "attempts in a row the account is locked for {minutes} minutes."),
    "login.locked": ("用户“{user}”因多次输错密码已被锁定，请在 {until} 之后再试，或请系统管理员重置密码。",
                     "The user “{user}” is locked after too many wrong passwords; try again "
                     "after {until}, or ask a system administrator to reset the password."),
    "login.disabled": ("用户“{user}”已停用。", "The user “{user}” is disabled."),
    "login.bad_recovery": ("恢复密钥不正确。", "The recovery key is wrong."),
    "login.no_recovery": ("没有输入恢复密钥（从标准输入读取）。",
                          "No recovery key was given (it is read from standard input)."),
    "keys.missing": ("找不到台账的密钥文件“{path}”：没有它，加密台账无法打开。请从备份处复制它（与台账同名，加 .keys）。",
                     "The ledger's key file “{path}” is missing: without it the encrypted "
                     "ledger cannot be opened. Copy it back from a backup (same name as the "
                     "ledger plus .keys)."),
    "keys.unreadable": ("密钥文件“{path}”无法读取：{detail}",
                        "The key file “{path}” cannot be read: {detail}"),
    "keys.too_new": ("密钥文件“{path}”由更新版本的程序写入，请先升级本程序。",
                     "The key file “{path}” was written by a newer program; upgrade first."),
    "users.plain": ("台账“{path}”没有加密，没有登录用户；请先用 encrypt --admin 用户名 加密。",
                    "The ledger “{path}” is not encrypted and has no logins; encrypt it first "
                    "with encrypt --admin NAME."),
    "users.exists": ("用户“{user}”已存在。", "The user “{user}” already exists."),
    "users.unknown": ("没有用户“{user}”。", "There is no user “{user}”."),
    "users.bad_role": ("角色“{role}”无效；可选：系统管理员、管理员、调解员、查看。",
                       "The role “{role}” is not valid; use one of 系统管理员, 管理员, 调解员, 查看."),
    "users.bad_name": ("用户名“{user}”无效：需 1 至 40 个字符，不能含空白以外的控制字符。",
                       "The user name “{user}” is not valid: 1 to 40 characters, no control "
                       "characters."),
    "users.bad_scope": ("范围“{scope}”既不是组织机构代码，也不是调委会代码。",
                        "The scope “{scope}” is neither an org unit code nor a committee code."),
    "users.short_password": ("密码至少需要 {min} 个字符。",
                             "The password needs at least {min} characters."),
    "users.mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
    "users.last_admin": ("不能停用或降级最后一个启用的系统管理员“{user}”。",
                         "The last enabled system administrator “{user}” cannot be disabled "
                         "or demoted."),
    "users.added": ("已添加用户“{user}”（{role}，范围 {scope}）。",
                    "Added the user “{user}” ({role}, scope {scope})."),
    "users.disabled": ("已停用用户“{user}”；其案件和审计记录保留其姓名。",
                       "Disabled the user “{user}”; their cases and audit entries keep the name."),
    "users.enabled": ("已启用用户“{user}”。", "Enabled the user “{user}”."),
    "users.changed": ("已修改用户“{user}”：{role}，范围 {scope}。",
                      "Changed the user “{user}”: {role}, scope {scope}."),
    "users.password_set": ("已设置用户“{user}”的新密码（台账没有重新加密）。",
                           "Set a new password for “{user}” (the ledger was not re-encrypted)."),
    "users.needs_password": ("用户“{user}”没有密码（已停用或从未设置）；请用 users passwd 设置。",
                             "The user “{user}” has no password (disabled or never set); set "
                             "one with users passwd."),
    "recovery.done": ("已用恢复密钥为系统管理员“{user}”设置新密码。",
                      "Set a new password for the system administrator “{user}” with the "
                      "recovery key."),
    "recovery.no_admin": ("台账中没有启用的系统管理员。", "The ledger has no enabled system administrator."),
    "sealed.needs_password": ("从加密台账导出含个人信息的数据包时，须设置至少 {min} 个字符的数据包密码（MEDIATOR_APP_PACKAGE_PASSWORD 或输入）；接收方导入时输入同一密码。",
                               "A package with personal data from an encrypted ledger needs a package password of at least {min} characters (MEDIATOR_APP_PACKAGE_PASSWORD or the prompt); the receiver gives the same password to import it."),
    "sealed.no_password": ("数据包“{path}”已加密：请提供数据包密码（MEDIATOR_APP_PACKAGE_PASSWORD 或输入）。",
                            "The package “{path}” is sealed: give its password (MEDIATOR_APP_PACKAGE_PASSWORD or the prompt)."),
    "sealed.maybe_needs_password": ("“{path}”不是普通的 zip 文件：如果它是从加密台账导出的数据包，请提供数据包密码（MEDIATOR_APP_PACKAGE_PASSWORD 或输入）。",
                                     "“{path}” is not a plain zip file: if it is a package from an encrypted ledger, give its password (MEDIATOR_APP_PACKAGE_PASSWORD or the prompt)."),
    "sealed.bad_password": ("数据包“{path}”的密码不正确，或它不是调解台账数据包。",
                             "The password of the package “{path}” is wrong, or it is not a ledger package."),
    "sealed.password_line": ("数据包密码：{password}", "Package password: {password}"),
    "prompt.package": ("数据包密码：", "Package password: "),
    "whole": ("整个台账", "whole ledger"),
    "prompt.password": ("用户“{user}”的密码：", "Password of “{user}”: "),
    "prompt.new_password": ("用户“{user}”的新密码：", "New password of “{user}”: "),
    "prompt.again": ("再输入一次：", "Again: "),
    "prompt.recovery": ("恢复密钥：", "Recovery key: "),
    "users.header": ("用户\t角色\t范围\t个人信息\t状态", "user\trole\tscope\tpersonal data\tstate"),
    "state.active": ("启用", "active"), "state.disabled": ("停用", "disabled"),
    "state.locked": ("锁定", "locked"),
    "yes": ("是", "yes"), "no": ("否", "no"),
    "backup.auto_failed": ("自动备份失败：{detail}", "Automatic backup failed: {detail}"),
    "backup.folder_unreachable": ("备份文件夹“{folder}”无法访问。",
                                  "The backup folder “{folder}” cannot be reached."),
    "backup.stale": ("最近一次校验通过的备份是 {days} 天前（{at}）。",
                     "The last verified backup is {days} days old ({at})."),
    "backup.none": ("还没有校验通过的自动备份。", "There is no verified automatic backup yet."),
}

# A refusal by role or scope (``domain.access.AccessDenied.text``): the roles, what each
# allows, and the actions a role may lack. ``role.*``'s Chinese is the stored role name.
ACCESS: dict[str, tuple[str, str]] = {
    "denied.action": ("用户“{name}”（{role}）无权{act}。该角色可以：{allows}。",
                      "User “{name}” ({role}) may not {act}. The role allows {allows}."),
    "denied.scope": ("用户“{name}”（{role}，范围 {where}）无权操作“{scope}”：不在其范围内。该角色可以：{allows}。",
                     "User “{name}” ({role}, scope {where}) may not work on “{scope}”: it is outside the scope. The role allows {allows}."),
    "whole_ledger": ("整个台账", "the whole ledger"),
    "role.sysadmin": ("系统管理员", "system administrator"),
    "role.admin": ("管理员", "administrator"),
    "role.mediator": ("调解员", "mediator"),
    "role.viewer": ("查看", "viewer"),
    "allows.sysadmin": ("全部操作", "everything"),
    "allows.admin": ("查看范围内的全部案件、报表、审核上报、导入导出（当事人个人信息须另行授权）",
                     "all cases in scope, reports, review and submission, import and export (parties' personal data only when granted)"),
    "allows.mediator": ("录入和修改范围内调委会或网格的案件、查看其当事人信息、范围内的报表",
                        "creating and editing cases of the committees or grids in scope, seeing their parties, reports for the scope"),
    "allows.viewer": ("范围内的报表和列表（不含个人信息）", "reports and lists for the scope (no personal data)"),
    "action.manage_users": ("管理用户", "manage users"),
    "action.settings": ("修改设置", "change settings"),
    "action.code_tables": ("修改代码表", "change code tables"),
    "action.organisation": ("修改组织机构", "change the organisation"),
    "action.backup": ("备份台账", "back up the ledger"),
    "action.restore": ("恢复台账", "restore the ledger"),
    "action.view_audit": ("查看审计日志", "see the audit log"),
    "action.import": ("导入数据", "import data"),
    "action.export": ("导出数据", "export data"),
    "action.submit": ("审核上报", "review and submit"),
    "action.edit_case": ("录入或修改案件", "create or edit cases"),
    "action.view_cases": ("查看案件", "see cases"),
    "action.report": ("生成报表", "produce reports"),
    "action.view_personal": ("查看当事人个人信息", "see parties' personal data"),
    "action.export_personal": ("导出当事人个人信息", "export parties' personal data"),
}
