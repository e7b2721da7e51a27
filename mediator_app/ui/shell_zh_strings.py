"""New main-window / settings strings (English source -> Simplified Chinese), to be
merged into resources/i18n/zh_strings.py by the coordinator."""

from __future__ import annotations

ZH_STRINGS: dict[str, str] = {
    # case list: what the search looks in (issue 12)
    "Case number, party, summary, dispute type, source, committee, grid or village":
        "案号、当事人、简要情况、纠纷类型、来源、调委会、网格、村（社区）",
    "Finds the cases whose number, party names or summary contain the words typed, or "
    "whose dispute type, source, committee, grid, village/community or street is named "
    "by them. Several words: every word must match.":
        "查找案号、当事人姓名或纠纷简要情况含有所输入文字的案件，以及纠纷类型、案件来源、"
        "调委会、网格、村（社区）或街道名称含有这些文字的案件。输入多个词时，每个词都须匹配。",
    # settings dialog: the agreement-number template (issue 12)
    "Agreement-number template:": "协议编号模板：",
    # settings dialog, display box
    "Language in use:": "当前语言：",
    "Language at start:": "启动时的语言：",
    "This session runs in {language} because the program was started with --lang {code}. "
    "The language chosen here is saved for this computer and applies at the next start "
    "without --lang.":
        "本次运行使用{language}，因为程序启动时指定了 --lang {code}。此处选择的语言保存在"
        "本机，下次不带 --lang 启动时生效。",
    # code tables (ui/code_tables.py)
    "&Code tables…": "代码表(&C)…",
    "Code tables": "代码表",
    "Dispute types": "纠纷类型",
    "Case sources": "案件来源",
    "Difficulty classes": "难易程度",
    "Cases keep the code of their entry. Renaming an entry keeps its code, so cases "
    "already recorded with it show the new name, in lists and in statistics. A "
    "deactivated entry is no longer offered for new cases; cases that use it keep "
    "it and still show its name. Only entries no case uses can be deleted.":
        "案件保存的是条目的代码。改名不改代码，已登记的案件在列表和统计中都会显示新名称。"
        "停用的条目不再供新案件选择；已使用它的案件保留该条目并照常显示其名称。"
        "只有没有任何案件使用的条目才能删除。",
    "Code": "代码",
    "Name": "名称",
    "Statistics group": "统计分组",
    "Order": "排序",
    "Active": "启用",
    "Version": "版本",
    "Cases using it": "使用的案件数",
    "Yes": "是",
    "No (hidden)": "否（已隐藏）",
    "Add…": "新增…",
    "Edit…": "修改…",
    "Deactivate": "停用",
    "Reactivate": "重新启用",
    "Delete": "删除",
    "Delete entry": "删除条目",
    "Delete {code} {label}?": "确定删除 {code} {label} 吗？",
    "New entry": "新增条目",
    "Edit entry": "修改条目",
    "letters and digits, at most 8": "字母或数字，最多 8 位",
    "Renaming keeps the code: the {n} cases recorded with it will show the new name, "
    "in lists and in statistics.":
        "改名不改代码：使用它的 {n} 件案件将在列表和统计中显示新名称。",
    # opening a damaged or missing ledger (issue 8)
    "Damaged database": "数据库已损坏",
    "The database {path} is damaged. Nothing will be written to it.\n"
    "Restore it from a backup (File → Restore from backup…).":
        "数据库 {path} 已损坏，程序不会再写入它。\n请用备份恢复（文件 → 从备份恢复…）。",
    "The last verified backup is {backup}.": "最近一次校验通过的备份是 {backup}。",
    "Open it read-only? Lists and figures may be incomplete or wrong.":
        "是否以只读方式打开？列表和统计数字可能不完整或有误。",
    "New ledger": "新建台账",
    "There is no ledger at {path}.\nCreate a new, empty ledger there?":
        "{path} 处没有台账。\n是否在此新建一个空台账？",
    # File → Restore from backup… (ui/restore.py)
    "&Restore from backup…": "从备份恢复(&R)…",
    "Restore from backup": "从备份恢复",
    "Ledger backups (*.db *.bak);;All files (*)": "台账备份 (*.db *.bak);;所有文件 (*)",
    "Replace the content of the ledger {db} with the backup {source}?\n\n"
    "The present content is kept as {db}.before-restore-….bak. Other windows of "
    "this ledger are closed first; another program that has it open must be "
    "closed too.":
        "用备份 {source} 替换台账 {db} 的内容？\n\n现在的内容会保存为 "
        "{db}.before-restore-….bak。本台账的其他窗口会先关闭；打开着它的其他程序也必须先关闭。",
    "Restoring from {source}…": "正在从 {source} 恢复……",
    "Restored from {source}.": "已从 {source} 恢复。",
    "The previous content is kept as {saved}.": "原来的内容已保存为 {saved}。",
    "Another program is writing to this ledger; waiting for it to finish ({seconds} s)…":
        "另一个程序正在写入本台账，等待它完成（已等待 {seconds} 秒）……",
}
