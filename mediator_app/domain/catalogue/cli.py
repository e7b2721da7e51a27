# ruff: noqa: E501  (message tables: one sentence per line)
"""Texts of the command line (and the GUI's database-file errors) that are not problems
of the domain (Chinese, English)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "error": ("错误：", "error: "),
    "db.encrypted": ("数据库“{path}”已加密：请先登录（--user 用户名）。",
                     "The database “{path}” is encrypted: log in first (--user NAME)."),
    "db.missing": ("数据库文件“{path}”不存在。", "The database file “{path}” does not exist."),
    "db.unreadable": ("无法打开数据库文件“{path}”：{detail}", "Cannot open the database “{path}”: {detail}"),
    "db.too_new": ("数据库“{path}”是由更新版本的程序创建的（{unknown}），请先升级本程序。",
                   "The database “{path}” was written by a newer program ({unknown}); "
                   "upgrade this program first."),
    # issue 8 (lock): what opening, locking and restoring refuse; see docs/guarantees.md
    "db.no_folder": ("文件夹“{folder}”不存在，没有创建数据库；请先建好这个文件夹，或换一个位置。",
                     "The folder “{folder}” does not exist; no database was created. Create "
                     "the folder first or choose another place."),
    "db.is_folder": ("“{path}”：路径是文件夹，不是数据库文件。",
                     "“{path}” is a folder, not a database file."),
    "db.empty_file": ("“{path}”是一个空文件（0 字节），不是调解台账；没有改动它。若要新建台账，请删除它"
                      "或换一个不存在的文件名；若它原来是台账，请用备份恢复（restore）。",
                      "“{path}” is an empty file (0 bytes), not a ledger; it was left as it "
                      "is. To start a new ledger delete it or choose a name that does not "
                      "exist; if it was a ledger, restore it from a backup."),
    "db.not_database": ("“{path}”：这不是数据库文件（可能是其他类型的文件，或已加密）。",
                        "“{path}”: this is not a database file (another kind of file, or "
                        "encrypted)."),
    "db.not_ledger": ("“{path}”是数据库，但不是调解台账；没有改动它。",
                      "“{path}” is a database but not a mediation ledger; it was left as "
                      "it is."),
    "db.damaged": ("数据库“{path}”已损坏（{detail}），为免写坏或报出错误数字，没有读写它。"
                   "请用备份恢复（restore）；运行 check 可查看详情。",
                   "The database “{path}” is damaged ({detail}); it was neither read nor "
                   "written, so that nothing is made worse and no wrong figures are shown. "
                   "Restore it from a backup; `check` shows the details."),
    "db.damaged_backup": ("数据库“{path}”已损坏（{detail}），为免写坏或报出错误数字，没有读写它。"
                          "最近一次校验通过的备份是“{backup}”，可用 restore 恢复；运行 check 可查看详情。",
                          "The database “{path}” is damaged ({detail}); it was neither read "
                          "nor written, so that nothing is made worse and no wrong figures "
                          "are shown. The last verified backup is “{backup}”: restore it "
                          "with `restore`; `check` shows the details."),
    "db.in_use": ("数据库“{path}”正被另一个程序打开（另一个窗口或命令）；恢复、升级或替换文件需要独占它。"
                  "请关闭其他窗口或等待命令结束后再试，数据库没有改动。",
                  "The database “{path}” is open in another program (another window or a "
                  "command); restoring, upgrading or replacing the file needs it alone. "
                  "Close the other window or let the command finish, then try again; the "
                  "database was not changed."),
    "db.busy": ("另一个程序正在写入数据库，已等待 {seconds} 秒仍未结束；本次没有写入任何内容，请稍后再试。",
                "Another program is writing to the database; after waiting {seconds} s it "
                "has not finished. Nothing was written; try again later."),
    "db.waiting": ("另一个程序正在写入数据库，等待它完成（已等待 {seconds} 秒）……",
                   "Another program is writing to the database; waiting for it to finish "
                   "({seconds} s so far)…"),
    "file.appeared": ("“{path}”已由另一个程序创建，没有替换它（本程序只替换自己创建的文件）。",
                      "“{path}” was created by another program meanwhile; it was not "
                      "replaced (the program only replaces files it created itself)."),
    "check.damaged_backup": ("最近一次校验通过的备份：{backup}",
                             "The last verified backup: {backup}"),
    "db.failed": ("数据库操作失败：{detail}", "The database operation failed: {detail}"),
    "backup.exists": ("备份文件“{path}”已存在，没有覆盖它；请换一个文件名，或加 --force 覆盖。",
                      "The backup file “{path}” already exists and was not overwritten; "
                      "choose another name, or add --force to overwrite it."),
    "backup.no_folder": ("文件夹“{folder}”不存在，没有备份；请先建好这个文件夹，或换一个位置。",
                         "The folder “{folder}” does not exist; nothing was backed up. Create "
                         "the folder first, or choose another place."),
    "backup.is_folder": ("“{path}”是文件夹；请给出备份文件的名字，例如“{path}/调解台账备份.db”。",
                         "“{path}” is a folder; give the backup file a name, e.g. "
                         "“{path}/ledger-backup.db”."),
    "backup.same_file": ("备份文件不能是数据库本身：“{path}”。",
                         "The backup cannot be the database itself: “{path}”."),
    "backup.verify_failed": ("备份“{path}”校验失败：{detail}", "Backup “{path}” failed its check: {detail}"),
    "restore.not_ledger": ("“{path}”不是调解台账数据库。", "“{path}” is not a mediation ledger database."),
    "restore.damaged": ("“{path}”已损坏：{detail}", "“{path}” is damaged: {detail}"),
    "restore.key_mismatch": ("备份“{path}”未加密，或不是用本台账的密钥加密的：加密台账只能用它自己的备份恢复"
                             "（用同一密钥加密）。台账没有改动。",
                             "The backup “{path}” is unencrypted or not encrypted with this "
                             "ledger's key: an encrypted ledger is restored only from its own "
                             "backups (same key). The ledger was not changed."),
    "storage.unknown": ("数据库文件出现了问题，操作没有完成；技术细节已写入日志文件“{log}”。",
                        "There is a problem with the database file; the operation was not "
                        "completed. The technical details were written to the log file "
                        "“{log}”."),
    "storage.unknown_nolog": ("数据库文件出现了问题，操作没有完成（技术细节无法写入日志文件）。",
                              "There is a problem with the database file; the operation was "
                              "not completed (the technical details could not be logged)."),
    "gui.unavailable": ("图形界面不可用（{detail}）。请安装 PySide6，或使用命令行子命令，见 --help。",
                        "The GUI is not available ({detail}). Install PySide6 or use the "
                        "sub-commands, see --help."),
    "module.unavailable": ("此功能尚不可用（{detail}）。", "This feature is not available yet ({detail})."),
    "demo.has_cases": ("数据库“{path}”中已有 {count} 件案件，不能生成演示数据；请指定一个新的数据库文件。",
                       "The database “{path}” already holds {count} cases; demo data goes only "
                       "into a new database."),
    "demo.building": ("正在生成演示数据库“{path}”……", "Building the demo database “{path}”…"),
    "demo.broken": ("演示数据库“{path}”不完整（上次生成时可能被中断），已移到“{moved}”，现在重新生成。",
                    "The demo database “{path}” is incomplete (its last build was probably "
                    "interrupted); it was moved to “{moved}” and is built again."),
    "demo.not_empty": ("数据库“{path}”中已有组织机构或案件（可能是上次生成演示数据时被中断），"
                       "演示数据只能生成到空数据库中；请指定一个新的数据库文件。",
                       "The database “{path}” already holds org units or cases (perhaps from "
                       "an interrupted demo build); demo data goes only into an empty "
                       "database, so give a new file."),
    "demo.bad_count": ("案件数 {count} 超出范围（0 至 {max}）。",
                       "The number of cases {count} is out of range (0 to {max})."),
    "demo.bad_today": ("截止日期 {today} 早于 {start}，无法生成演示数据。",
                       "The end date {today} is before {start}; no demo data can be built."),
    "demo.done": ("演示数据已生成：{summary}", "Demo data built: {summary}"),
    "report.pdf_needs_out": ("PDF 报表必须用 --out 指定输出文件。", "A PDF report needs --out FILE."),
    "written": ("已写入“{path}”。", "Written to “{path}”."),
    "export.done": ("已导出 {count} 件案件到“{path}”。", "Exported {count} cases to “{path}”."),
    "import.counts": ("{file}：新增 new={new}，更新 updated={updated}，未变 unchanged={unchanged}，"
                      "过期 stale={stale}，错误 errors={errors}，冲突 conflicts={conflicts}",
                      "{file}: new={new}, updated={updated}, unchanged={unchanged}, "
                      "stale={stale}, errors={errors}, conflicts={conflicts}"),
    "import.conflict": ("冲突：", "conflict: "),
    "import.warning": ("警告：", "warning: "),
    "import.more": ("……另有 {count} 条未列出。", "… and {count} more."),
    "import.totals": ("合计 案件 cases {cases_before} → {cases_after}，未删除 live {live_before} → "
                      "{live_after}，调解成功 resolved {resolved_before} → {resolved_after}，"
                      "涉及金额(元) amount {amount_yuan_before} → {amount_yuan_after}",
                      "totals: cases {cases_before} → {cases_after}, live {live_before} → "
                      "{live_after}, resolved {resolved_before} → {resolved_after}, "
                      "amount (yuan) {amount_yuan_before} → {amount_yuan_after}"),
    "export.package": ("已导出数据包“{path}”：{count} 件案件，{files} 个数据文件和清单 manifest.json。",
                       "Exported the package “{path}”: {count} cases, {files} data files and "
                       "the manifest manifest.json."),
    "imports.none": ("还没有导入记录。", "No imports yet."),
    "log.id": ("编号", "id"), "log.at": ("时间", "at"), "log.user": ("用户", "user"),
    "log.kind": ("类型", "kind"), "log.file": ("文件", "file"),
    "log.source_unit": ("来源单位", "source"), "log.rows": ("行数", "rows"),
    "log.new": ("新增", "new"), "log.updated": ("更新", "updated"),
    "log.unchanged": ("未变", "unchanged"), "log.stale": ("过期", "stale"),
    "log.conflicts": ("冲突", "conflicts"), "log.warnings": ("警告", "warnings"),
    "log.sha256": ("SHA-256", "sha256"),
    # privacy-log: what was done with a party's personal data
    "privacy.viewed": ("查看", "viewed"), "privacy.exported": ("导出", "exported"),
    "dhis2.done": ("已写入 {count} 个 DHIS2 数据值到“{path}”。",
                   "Wrote {count} DHIS2 data values to “{path}”."),
    "import.dry_run": ("试运行（dry run），数据库没有任何改动。", "Dry run: the database is unchanged."),
    "import.cancelled": ("导入已取消，数据库没有任何改动。", "Import cancelled; the database is unchanged."),
    "org.counts": ("{file}（{kind}）：共 {rows} 行，新增 new={new}，更新 updated={updated}",
                   "{file} ({kind}): {rows} rows, new={new}, updated={updated}"),
    "backup.done": ("已备份到“{path}”，并已校验。", "Backed up to “{path}” and verified."),
    "restore.done": ("已从“{source}”恢复。原数据库已保存为“{saved}”。",
                     "Restored from “{source}”. The previous database is kept as “{saved}”."),
    "restore.done_new": ("已从“{source}”恢复。", "Restored from “{source}”."),
    "check.ok": ("数据库检查通过。", "The database is healthy."),
    "check.bad": ("数据库有问题：", "The database has problems:"),
    "check.counts": ("组织机构 {org_units}，调委会 {committees}，人员 {people}，案件 {cases}"
                     "（另有已删除 {cases_deleted}），当事人 {parties}，日志 {audit_log}",
                     "org units {org_units}, committees {committees}, people {people}, "
                     "cases {cases} (plus {cases_deleted} deleted), parties {parties}, "
                     "audit entries {audit_log}"),
    "check.structure": ("数据库文件内部结构已损坏：SQLite 完整性检查发现 {count} 处问题，已写入日志文件"
                        "“{log}”。请用备份恢复（restore）。",
                        "The database file's internal structure is damaged: SQLite's integrity "
                        "check found {count} problem(s), written to the log file “{log}”. "
                        "Restore it from a backup."),
    "check.foreign_key": ("表 {table} 第 {rowid} 行引用了 {parent} 中不存在的记录。",
                          "Row {rowid} of table {table} refers to a missing record of {parent}."),
    "check.pending": ("数据库结构尚未升级到本程序的版本（{names}）。",
                      "The database has not been upgraded to this program's version ({names})."),
    "check.location": ("有 {count} 件案件的所在单位（org_code）与其网格或调委会不符。",
                       "{count} cases have a location (org_code) that does not match their "
                       "grid or committee."),
    "check.counts_differ": ("月度计数（case_counts）与案件不一致，共 {rows} 行（详见日志文件“{log}”）；"
                            "可用 restore 恢复备份，或联系技术支持重建计数。",
                            "The monthly counts (case_counts) differ from the cases in {rows} "
                            "rows (listed in the log file “{log}”); restore a backup, or ask "
                            "your support to rebuild the counts."),
    "check.levels": ("各层级组织机构：{levels}", "org units by level: {levels}"),
    "interrupted": ("已中断。", "Interrupted."),
}

# SQLite's English error messages users meet most, as plain sentences (zh, en).
SQLITE_ERRORS: dict[str, tuple[str, str]] = {
    "file is not a database": ("这不是数据库文件（可能是其他类型的文件，或已加密）。",
                               "this is not a database file (another kind of file, or "
                               "encrypted)."),
    "database disk image is malformed": ("数据库文件已损坏，请用备份恢复（restore）。",
                                         "the database file is damaged; restore it from "
                                         "a backup."),
    "unable to open database file": ("文件夹不存在、路径是文件夹，或没有访问权限。",
                                     "the folder does not exist, the path is a folder, or "
                                     "access is denied."),
    "database is locked": ("数据库正被另一个程序使用，请关闭它后再试。",
                           "the database is in use by another program; close it and try "
                           "again."),
}

# Org levels (the stored values are the Chinese ones), for ``check``.
LEVELS: dict[str, tuple[str, str]] = {
    "区": ("区", "district"),
    "县": ("县", "county"),
    "街道": ("街道", "street"),
    "乡镇": ("乡镇", "town"),
    "村": ("村", "village"),
    "社区": ("社区", "community"),
    "网格": ("网格", "grid"),
}

# What the 以案定补 commands print (cli/commands_subsidy.py).
SUBSIDY_TEXTS: dict[str, tuple[str, str]] = {
    "needs_out": ("{fmt} 格式必须用 --out 指定输出文件。", "The {fmt} format needs --out FILE."),
    "written": ("已写入“{path}”。", "Written to “{path}”."),
    "paid": ("已标记为已发放：第{version}次，{cases}件，{amount}元。",
             "Marked as paid: version {version}, {cases} cases, {amount} yuan."),
    "saved": ("规则已保存。", "Rules saved."),
    "rules_needs": ("新规则需要同时给出 --effective-from 和至少一个 --rate。",
                    "A new rule set needs --effective-from and at least one --rate."),
}

# What document, submit and submissions print (cli/commands_docs.py).
DOCS_TEXTS: dict[str, tuple[str, str]] = {
    "write_failed": ("无法写入文件 {out}：{error}", "Cannot write {out}: {error}"),
    "written": ("已生成：{out}", "Written: {out}"),
    "submitted": ("已上报", "Submitted"),
    "reviewed": ("已审核", "Reviewed"),
    "zero_report": ("，零报告", ", zero report"),
    "summary": ("{action}：{name} {period}（第{version}版{zero}）；排查纠纷 {disputes} 件，调解成功 {resolved} 件，化解率 {rate}",
                "{action}: {name} {period} (version {version}{zero}); disputes {disputes}, resolved {resolved}, rate {rate}"),
    "list_sep": ("、", ", "),
    "more": ("等", " and more"),
    "not_submitted": ("注意：下级单位中有 {count} 个尚未上报：{names}{more}。",
                      "Note: {count} units below have not submitted yet: {names}{more}."),
    "parent_mark": ("（{parent}）", " ({parent})"),
    "totals": ("已上报 {done}/{units}（其中零报告 {zero}），已审核未上报 {reviewed}，未上报 {missing}",
               "submitted {done}/{units} (zero reports {zero}), reviewed only {reviewed}, not submitted {missing}"),
    "head.code": ("代码", "Code"),
    "head.unit": ("单位", "Unit"),
    "head.level": ("层级", "Level"),
    "head.state": ("状态", "State"),
    "head.disputes": ("本月纠纷", "Disputes"),
    "head.version": ("版本", "Ver."),
    "head.by": ("经办人", "By"),
    "head.at": ("时间", "At"),
}
