# ruff: noqa: E501  (message tables: one sentence per line)
"""Plain sentences for the failures of the program and the texts of exceptions that reach
users (Chinese, English); ``domain.fault_messages`` picks and renders them."""

from __future__ import annotations

MAX_FIELD_CHARS = 131_072  # the longest text one CSV cell may hold (docs/cli.md)

# key -> (zh, en)
TEXTS: dict[str, tuple[str, str]] = {
    "sqlite.not_db": ("这不是数据库文件（可能是其他类型的文件，或已加密）",
                      "this is not a database file (another kind of file, or encrypted)"),
    "sqlite.malformed": ("数据库文件已损坏，请用备份恢复（restore）",
                         "the database file is damaged; restore it from a backup"),
    "sqlite.structure": ("文件内部结构已损坏（SQLite 完整性检查发现了问题）",
                         "the file's internal structure is damaged (SQLite's integrity "
                         "check found problems)"),
    "sqlite.cannot_open": ("文件夹不存在、路径是文件夹，或没有访问权限",
                           "the folder does not exist, the path is a folder, or access "
                           "is denied"),
    "sqlite.locked": ("数据库正被另一个程序使用，请关闭它后再试",
                      "the database is in use by another program; close it and try again"),
    "sqlite.readonly": ("数据库文件是只读的（文件或所在文件夹没有写入权限，或以只读方式打开），"
                        "没有写入任何内容",
                        "the database file is read-only (no permission to write the file "
                        "or its folder, or it was opened read-only); nothing was written"),
    "sqlite.io": ("读写磁盘时出错（磁盘、U 盘或网络驱动器可能已断开或损坏）",
                  "reading or writing the disk failed (the disk, USB stick or network "
                  "drive may be disconnected or failing)"),
    "sqlite.full": ("磁盘已满，请腾出空间后再试", "the disk is full; free some space and "
                    "try again"),
    "sqlite.unique": ("有重复的记录（同一条记录出现了不止一次）",
                      "some records are repeated (the same record appears more than once)"),
    "sqlite.foreign_key": ("有记录引用了不存在的案件或单位", "some records refer to a case or "
                           "unit that does not exist"),
    "sqlite.not_null": ("有必填的值是空的", "a required value is empty"),
    "sqlite.check": ("有不符合要求的值", "some values are not allowed"),
    "zip.not_zip": ("文件不是 zip 格式：可能是其他类型的文件，或只复制了一部分",
                    "the file is not a zip file: another kind of file, or only part of "
                    "it was copied"),
    "zip.damaged": ("zip 文件已损坏或不完整", "the zip file is damaged or incomplete"),
    "zip.encrypted": ("zip 文件设置了密码或用了本程序不支持的压缩方式",
                      "the zip file is password-protected or uses a compression method "
                      "this program does not support"),
    "csv.field_too_long": (f"有一格超过了每格最多 {MAX_FIELD_CHARS} 个字符的上限",
                           f"a cell is longer than {MAX_FIELD_CHARS} characters, the most "
                           f"one cell may hold"),
    "csv.quote": ("带引号的一格在右引号后还有其他字符（格内的引号应写成两个：\"\"）",
                  "a quoted cell has more text after its closing quote (a quote inside a "
                  "cell must be doubled: \"\")"),
    "csv.nul": ("文件中含有空字符（NUL），可能不是文本文件或已损坏",
                "the file contains NUL characters; it may not be a text file, or it is "
                "damaged"),
    "csv.newline": ("不带引号的一格中有换行符", "an unquoted cell contains a line break"),
    "csv.truncated": ("文件在此处意外结束（引号没有成对，或文件没有保存完整）",
                      "the file ends unexpectedly here (an unpaired quote, or the file "
                      "was not saved completely)"),
    "json.invalid": ("内容不是有效的 JSON", "the content is not valid JSON"),
    "json.too_deep": ("内容嵌套层数过多，不像本程序写出的文件",
                      "the content is nested far too deeply; it was not written by this "
                      "program"),
    "shape.wrong": ("内容的结构不符合要求（缺少应有的项，或类型不对）",
                    "the content does not have the expected structure (items missing or "
                    "of the wrong type)"),
    "encoding": ("文字编码无法识别（应为 UTF-8）", "the text encoding is not readable "
                 "(UTF-8 expected)"),
    "memory": ("内存不足", "there is not enough memory"),
    "logged": ("技术细节已写入日志文件“{log}”", "the technical details were written to the "
               "log file “{log}”"),
    "not_logged": ("技术细节无法写入日志文件", "the technical details could not be logged"),
    # a failure the program did not foresee (``fault_sentence``)
    "unexpected": ("{action}失败：程序遇到了意外的错误（{kind}）。详细信息已写入日志文件"
                   "“{log}”，如需帮助，请把该文件交给技术支持人员。",
                   "{action} failed: the program met an unexpected error ({kind}). The "
                   "details were written to the log file “{log}”; send that file to "
                   "whoever supports you."),
    "unexpected_nolog": ("{action}失败：程序遇到了意外的错误（{kind}），且无法写入日志文件。",
                         "{action} failed: the program met an unexpected error ({kind}), "
                         "and the log file could not be written."),
    "unexpected_reason": ("程序遇到了意外的错误（{kind}），详细信息已写入日志文件“{log}”",
                          "the program met an unexpected error ({kind}); the details were "
                          "written to the log file “{log}”"),
    "unexpected_reason_nolog": ("程序遇到了意外的错误（{kind}），且无法写入日志文件",
                                "the program met an unexpected error ({kind}), and the log "
                                "file could not be written"),
    "action.default": ("操作", "The operation"),
    "failed_because": ("{action}失败：{reason}。", "{action} failed: {reason}."),
    # files and folders the system refused (services.faults)
    "os.not_found": ("文件或文件夹“{file}”不存在。", "The file or folder “{file}” does not exist."),
    "os.no_folder": ("文件夹“{folder}”不存在；请先建好这个文件夹，或换一个位置。",
                     "The folder “{folder}” does not exist; create it first, or choose "
                     "another place."),
    "os.no_access": ("没有权限访问“{file}”（可能正被其他程序使用或受系统保护）。",
                     "No permission to use “{file}” (it may be in use by another program or "
                     "protected)."),
    "os.is_folder": ("“{file}”是文件夹，不是文件。", "“{file}” is a folder, not a file."),
    "os.disk_full": ("磁盘已满，请腾出空间后再试。", "The disk is full; free some space and try "
                     "again."),
}

# What the user was doing, for ``fault_sentence`` (zh, en).
ACTIONS: dict[str, tuple[str, str]] = {
    "import": ("导入", "The import"),
    "export": ("导出", "The export"),
    "report": ("统计报表", "The report"),
    "backup": ("备份", "The backup"),
    "restore": ("恢复", "The restore"),
    "check": ("数据库检查", "The check"),
    "demo": ("生成演示数据", "Building the demo data"),
    "open": ("打开数据库", "Opening the database"),
    "query": ("读取数据", "Reading the data"),
    "save": ("保存", "Saving"),
    "document": ("生成文书", "Making the document"),
    "task": ("后台任务", "A background task"),
}
