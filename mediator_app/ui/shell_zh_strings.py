"""New main-window / settings strings (English source -> Simplified Chinese), to be
merged into resources/i18n/zh_strings.py by the coordinator."""

from __future__ import annotations

ZH_STRINGS: dict[str, str] = {
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
}
