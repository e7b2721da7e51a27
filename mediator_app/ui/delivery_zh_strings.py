"""First start, help window and about box strings (English source -> Simplified Chinese),
merged by resources/i18n/fill_zh.py."""

from __future__ import annotations

ZH_STRINGS: dict[str, str] = {
    # ui/first_start.py, step 1
    "Welcome to Mediation Ledger": "欢迎使用调解台账",
    "There is no ledger yet. A ledger is one file that holds your organisation, cases and statistics. Choose how to begin:":
        "还没有台账。台账是一个文件，保存组织机构、案件和统计数据。请选择如何开始：",
    "Create a new ledger": "新建台账",
    "Then set up your organisation: import the org files or type it in.":
        "接下来设置组织机构：导入组织机构文件，或逐项录入。",
    "Choose another location…": "选择其他位置…",
    "Open an existing ledger file…": "打开已有的台账文件…",
    "For example a ledger copied from another computer, or a backup.":
        "例如从另一台电脑复制来的台账，或一份备份。",
    "Look around in the demo ledger": "先用演示台账看看",
    "An invented district with a few thousand cases. Nothing you do there touches your own ledger.":
        "一个虚构的区，有几千件案件。在演示台账中的任何操作都不会影响您自己的台账。",
    "Quit": "退出",
    "New ledger file: {path}": "新台账文件：{path}",
    "New ledger file": "新台账文件",
    "Open a ledger file": "打开台账文件",
    # step 2
    "Set up the organisation": "设置组织机构",
    "Ledger: {path}": "台账：{path}",
    "Save the templates…": "保存模板…",
    "Three CSV files with example rows (org_units.csv, committees.csv, people.csv): open them in Excel or WPS, replace the examples with your own and save.":
        "三个带示例行的 CSV 文件（org_units.csv 组织机构、committees.csv 调委会、people.csv 人员）："
        "用 Excel 或 WPS 打开，把示例换成本单位的内容后保存。",
    "Import the org files…": "导入组织机构文件…",
    "Select the three files together; they are checked first and imported whole, or not at all.":
        "请同时选中这三个文件；先检查，再整体导入，有错误时一行也不导入。",
    "Type it in…": "逐项录入…",
    "Add the district, streets, villages and communities, grids, committees and mediators one by one in the organisation window.":
        "在组织机构窗口中逐项添加区、街道（乡镇）、村（社区）、网格、调委会和调解员。",
    "Start using the ledger": "开始使用台账",
    "Next: import the org files (or type in your district and its streets, villages and grids).":
        "下一步：导入组织机构文件（或录入本区及其街道、村（社区）和网格）。",
    "Next: add at least one mediation committee.": "下一步：至少添加一个人民调解委员会。",
    "Next: add at least one mediator to a committee.": "下一步：至少为一个调委会添加一名调解员。",
    "The organisation is ready: start using the ledger and register the first case.":
        "组织机构已设置好：开始使用台账，登记第一件案件。",
    "Org units: {units}   Committees: {committees}   Mediators: {mediators}":
        "组织机构：{units}   调委会：{committees}   调解员：{mediators}",
    "Save the templates": "保存模板",
    "The templates could not be saved in {folder}: {error}": "模板无法保存到 {folder}：{error}",
    "Saved in {folder}:\n{files}": "已保存到 {folder}：\n{files}",
    "Import the org files": "导入组织机构文件",
    # ui/app.py
    "Building the demo ledger…": "正在生成演示台账…",
    "The demo ledger could not be built: {error}": "无法生成演示台账：{error}",
    # help window and menu
    "User guide": "使用说明",
    "The user guide is not installed.": "未安装使用说明。",
    "The main window": "主窗口",
    "First start and installation": "安装与首次使用",
    "Entering a case": "登记案件",
    "Statistics and reports": "统计与报表",
    "Case documents": "案件文书",
    "Import and export": "导入与导出",
    "What the figures count": "统计口径",
    "Command line": "命令行",
    "&User guide": "使用说明(&U)",
    "Show the &data folder": "打开数据所在文件夹(&D)",
    "Mediation Ledger {version} — case register and statistics for people's mediation committees.\nLedger: {path}\nData folder (settings, drafts, demo): {data} {mode}":
        "调解台账 {version} —— 人民调解案件登记与统计。\n台账文件：{path}\n数据文件夹（设置、草稿、演示台账）：{data} {mode}",
}
