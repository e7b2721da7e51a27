"""Help texts of every command and option (zh, en), and argparse's own words in Chinese.

The language of help and of argparse's usage errors is the one of the messages:
Chinese, unless ``--lang en`` (or ``--lang=en``) appears anywhere on the command line.
The locale is deliberately not consulted, so that output never depends on the machine.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

HELP: dict[str, tuple[str, str]] = {
    # main parser
    "prog.description": ("调解台账。不带子命令时打开图形界面。",
                         "Mediation Ledger (调解台账). Without a sub-command: open the GUI."),
    "opt.db": ("数据库文件（默认：环境变量 MEDIATOR_APP_DB，否则为用户数据目录中的 ledger.db）",
               "database file (default: $MEDIATOR_APP_DB, else ledger.db in the user data dir)"),
    "opt.lang": ("提示和帮助的语言（默认 zh 中文）", "language of messages and help (default zh)"),
    "opt.demo": ("用演示数据库打开图形界面（没有时自动生成）",
                 "open the GUI on the demo database (built if it has no cases)"),
    "opt.user": ("记录在审计日志中的用户名", "user name recorded in the audit log"),
    "commands": ("子命令", "commands"),
    "actions": ("操作", "actions"),
    # demo, report, backup, restore, check
    "demo": ("在新数据库中生成演示数据", "fill a new database with demo data"),
    "demo.cases": ("案件数量", "number of cases"),
    "demo.seed": ("随机种子（默认 1）", "random seed (default 1)"),
    "report": ("统计报表（json、csv 或 pdf）", "statistics report (json, csv or pdf)"),
    "report.period": ("统计期间：2023、2023-05、2023-Q2 或 起..止",
                      "period: 2023, 2023-05, 2023-Q2 or start..end"),
    "report.scope": ("组织机构代码", "org-unit code"),
    "report.format": ("输出格式", "output format"),
    "report.layout": ("PDF 版式：sheet 为月度统计表（默认），report 为带图表的情况报告",
                      "PDF layout: sheet = the monthly statistics sheet (default), "
                      "report = the narrative report with tables and a trend chart"),
    "report.out": ("输出文件（pdf 必须指定；json、csv 不指定时输出到屏幕）",
                   "output file (required for pdf; json and csv go to stdout without it)"),
    "as_of": ("按此日期的状态统计（默认今天）", "status as of this date (default today)"),
    "backup": ("备份数据库（备份后自动校验）", "verified copy of the database"),
    "backup.out": ("备份文件", "backup file"),
    "backup.force": ("备份文件已存在时覆盖它", "overwrite the backup file if it exists"),
    "restore": ("用备份文件替换当前数据库（原数据库另存）",
                "replace the database with a backup (the current one is kept)"),
    "restore.file": ("备份文件", "backup file"),
    "check": ("检查数据库完整性并统计数量", "integrity check and counts"),
    "check.full": ("完整检查：逐一核对索引与数据、月度计数与案件（百万件案件约需一分钟；"
                   "默认只做快速检查，几秒钟）",
                   "full check: every index against its table and the monthly counts against "
                   "the cases (about a minute at 1,000,000 cases; by default a quick check "
                   "of a few seconds)"),
    "privacy_log": ("列出谁查看或导出了当事人个人信息（最新在前）",
                    "who viewed or exported parties' personal data, newest first"),
    "privacy_log.limit": ("最多列出的条数", "how many entries at most"),
    # org, cases, dhis2
    "org": ("组织机构表", "organisation tables"),
    "org.import": ("导入 org_units.csv、committees.csv、people.csv（按表头识别）",
                   "import org_units.csv, committees.csv, people.csv (known by header)"),
    "files": ("文件", "files"),
    "cases": ("案件交换（cases.csv v1、数据包）", "case exchange (cases.csv v1, packages)"),
    "cases.import": ("导入 cases.csv 文件和交换数据包（.zip）",
                     "import cases.csv files and exchange packages (.zip)"),
    "cases.dry_run": ("只检查并统计，不写入", "check and count, write nothing"),
    "cases.import_ledger": ("按对应关系导入原有台账（.xlsx、.xls、.ods、CSV）的一个工作表",
                            "import a sheet of an old ledger (.xlsx, .xls, .ods, CSV) through "
                            "a mapping"),
    "ledger.file": ("台账文件", "the ledger file"),
    "ledger.mapping": ("对应关系文件（JSON，见 docs/cli.md）",
                       "the mapping file (JSON, see docs/cli.md)"),
    "cases.export": ("导出 cases.csv、.xlsx 或交换数据包",
                     "export cases.csv, .xlsx or an exchange package"),
    "export.out": ("cases.csv（或 FILE.xlsx：文本单元格）", "cases.csv (or FILE.xlsx: text cells)"),
    "export.package": ("交换数据包（.zip）", "exchange package (.zip)"),
    "export.scope": ("组织机构代码：导出其下的案件", "org-unit code: cases located beneath it"),
    "export.from": ("登记日期不早于", "received on or after"),
    "export.to": ("登记日期不晚于", "received on or before"),
    "export.personal": ("仅数据包：附带当事人和记录（敏感信息）",
                        "package only: add parties and records (sensitive)"),
    "cases.imports": ("查看导入记录", "list past imports"),
    "imports.limit": ("最多显示条数", "show at most N entries"),
    "dhis2": ("DHIS2 汇总数据导出", "DHIS2 aggregate export"),
    "dhis2.export": ("导出 dataValueSet CSV", "dataValueSet CSV"),
    "dhis2.period": ("月份或年份", "month or year"),
    "dhis2.scope": ("上级组织机构代码", "org-unit code"),
    "dhis2.out": ("输出的 CSV 文件", "output CSV file"),
    "dhis2.level": ("导出范围内此层级的单位（默认：下一级）",
                    "units at this level beneath the scope (default: its children)"),
    "dhis2.mapping": ("指标映射文件：key,dataelement,categoryoptioncombo",
                      "mapping file: key,dataelement,categoryoptioncombo"),
    "dhis2.orgunit_map": ("单位映射文件：code,dhis2_uid", "org-unit map file: code,dhis2_uid"),
    # document, submit, submissions
    "document": ("打印案件文书（PDF）", "print a case document (PDF)"),
    "document.description": ("按案号或案件标识打印案件文书。",
                             "Print a case document, found by case number or case id."),
    "document.case": ("案号（如 （2023）幸人调字第1号）或案件标识 UUID",
                      "case number (e.g. （2023）幸人调字第1号) or case id (UUID)"),
    "document.kind": ("register 受理登记表 | agreement 调解协议书 | oral_agreement 口头协议登记表"
                      " | follow_up 回访记录 | file_cover 卷宗封面和卷内目录 | all 整个卷宗",
                      "register: registration form | agreement: mediation agreement | "
                      "oral_agreement: oral agreement record | follow_up: follow-up visits | "
                      "file_cover: file cover and contents | all: the whole case file"),
    "document.out": ("输出的 PDF 文件", "output PDF file"),
    "submit": ("审核、上报月度统计", "review and submit a month's statistics"),
    "submit.description": ("上报一个单位某月的统计数据。审核上报 = 先审核，再上报：未经审核、"
                           "或审核后数据有变化的月份不能上报（先用 --review-only 审核）。",
                           "Submit a unit's statistics for a month. A month is reviewed first, "
                           "then submitted: a month not reviewed, or changed since its review, "
                           "cannot be submitted (review it with --review-only)."),
    "month": ("月份，如 2023-05", "month, e.g. 2023-05"),
    "submit.scope": ("单位代码或调委会代码", "org-unit or committee code"),
    "submit.review_only": ("只审核，不上报", "review only, do not submit"),
    "submit.review_and_submit": ("由同一用户（--user）审核并立即上报",
                                 "review and submit at once, by the same user (--user)"),
    "submissions": ("查看某月各单位的上报情况", "who has submitted a month"),
    "submissions.description": ("列出下级单位某月是否已上报（含零报告）。",
                                "List whether the units below submitted a month "
                                "(zero reports included)."),
    "submissions.scope": ("上级单位代码", "code of the upper unit"),
}

# argparse's own words (Python 3.11–3.13), in Chinese.
ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须指定以下参数之一：%s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "有歧义的选项：%(option)s 可以是 %(matches)s",
    "ignored explicit argument %r": "多余的参数值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


def lang_of(argv: Sequence[str]) -> str:
    """``en`` when ``--lang en`` / ``--lang=en`` is on the command line, else ``zh``."""
    lang = "zh"
    items = list(argv)
    for i, item in enumerate(items):
        if item == "--lang" and i + 1 < len(items):
            lang = items[i + 1]
        elif item.startswith("--lang="):
            lang = item.split("=", 1)[1]
        elif item == "--":
            break
    return "en" if lang.lower().startswith("en") else "zh"


def helper(lang: str) -> Callable[[str], str]:
    """``h(key)``: the help text of ``key`` in ``lang``."""
    index = 1 if lang == "en" else 0
    return lambda key: HELP[key][index]


@contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """While active, argparse's own words (usage, options, errors) are in ``lang``."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return ARGPARSE_ZH.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
