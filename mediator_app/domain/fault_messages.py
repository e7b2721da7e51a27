"""Plain sentences for the English texts of exceptions that reach users (zh, en).

Python, SQLite, ``zipfile``, ``csv`` and ``json`` report failures in English
(``attempt to write a readonly database``, ``File is not a zip file``, ``field larger
than field limit (131072)`` …). None of these texts is ever shown as it is: a known text
becomes one of the sentences below (``detail_text``), an unknown one is written to the
log file and the message names that file instead (``FaultDetail``, made by
``services.faults``). ``fault_sentence`` words a failure the program did not foresee.
"""

from __future__ import annotations

import re

from mediator_app.domain.field_labels import _lang

MAX_FIELD_CHARS = 131_072  # the longest text one CSV cell may hold (docs/cli.md)


class FaultDetail(str):
    """In place of an exception's text: the path of the log file it was written to
    ("" when it could not be written), and the key of its sentence when the text was
    known. Rendered as "<sentence>; the details are in the log file …"."""

    key: str

    def __new__(cls, log: str, key: str = "") -> FaultDetail:
        made = super().__new__(cls, log)
        made.key = key
        return made


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

# English texts (lower case, start of the text) -> key. Order matters: first match.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), key) for p, key in (
        (r"file is not a database", "sqlite.not_db"),
        (r"(database disk image is malformed|malformed database schema|"
         r"database corruption|malformed inverted index|could not decode to utf-8 column)",
         "sqlite.malformed"),
        (r"unable to open database file", "sqlite.cannot_open"),
        (r"database (table )?is locked", "sqlite.locked"),
        (r"attempt to write a readonly database", "sqlite.readonly"),
        (r"disk i/o error", "sqlite.io"),
        (r"database or disk is full", "sqlite.full"),
        (r"(\*\*\* in database|on tree page|on page \d|page \d+ (is never used|:)|"
         r"multiple uses for byte|row \d+ missing from index|wrong # of entries in index|"
         r"freelist|fragmentation|rowid \d+ out of order|child page depth|"
         r"non-unique entry in index|null value in|2nd reference to page|"
         r"invalid page number|tree \d+ page \d+)", "sqlite.structure"),
        (r"unique constraint failed", "sqlite.unique"),
        (r"foreign key constraint failed", "sqlite.foreign_key"),
        (r"not null constraint failed", "sqlite.not_null"),
        (r"check constraint failed", "sqlite.check"),
        (r"file is not a zip file", "zip.not_zip"),
        (r"(bad magic number|bad crc-32|truncated file header|error -\d+ while "
         r"decompressing|compressed file ended|zipfiles that span multiple disks|"
         r"overlapped entries|bad offset for central directory|corrupt extra field|"
         r"file name in directory .* and header .* differ|zip file is empty)",
         "zip.damaged"),
        (r"(is encrypted, password required|compression method is not supported|"
         r"that compression method is not supported)", "zip.encrypted"),
        (r"field larger than field limit", "csv.field_too_long"),
        (r"'.' expected after '\"'", "csv.quote"),
        (r"line contains nul", "csv.nul"),
        (r"new-line character seen in unquoted field", "csv.newline"),
        (r"unexpected end of data", "csv.truncated"),
        (r"maximum recursion depth exceeded", "json.too_deep"),
        (r"(expecting (value|property name|',' delimiter|':' delimiter)|extra data|"
         r"invalid control character|unterminated string|invalid \\\\?escape|"
         r"invalid \\\\?uxxxx)", "json.invalid"),
        (r"object has no attribute|object is not subscriptable|object is not iterable|"
         r"indices must be integers|unhashable type|int\(\) argument must be|"
         r"invalid literal for int\(\)|could not convert string to float",
         "shape.wrong"),
        (r"codec can't decode", "encoding"),
    )
)


def _pick(key: str, lang: str) -> str:
    zh, en = TEXTS[key]
    return en if _lang(lang) == "en" else zh


def detail_key(text: str) -> str | None:
    """The key of a known English exception text, else None."""
    for pattern, key in _PATTERNS:
        if pattern.search(text):
            return key
    return None


def detail_text(detail: object, lang: str = "zh") -> str:
    """``detail`` (an exception's text, or a ``FaultDetail``) as a plain sentence in
    ``lang``. An unknown text not sent to the log is returned unchanged: callers that
    can write the log (``services.faults``) never let one through."""
    if isinstance(detail, FaultDetail):
        logged = _pick("logged" if detail else "not_logged", lang).format(log=str(detail))
        if detail.key:
            return _pick(detail.key, lang) + ("; " if _lang(lang) == "en" else "；") + logged
        return logged
    text = str(detail)
    key = detail_key(text)
    return text if key is None else _pick(key, lang)


def action_word(action: str, lang: str = "zh") -> str:
    zh, en = ACTIONS.get(action) or TEXTS["action.default"]
    return en if _lang(lang) == "en" else zh


def fault_sentence(action: str, kind: str, log: str | None, lang: str = "zh") -> str:
    """"<action> failed: an unexpected error (<kind>) …, details in <log>"."""
    key = "unexpected" if log else "unexpected_nolog"
    return _pick(key, lang).format(action=action_word(action, lang), kind=kind, log=log)


def failed_because(action: str, reason: str, lang: str = "zh") -> str:
    """"<action> failed: <reason>." for a known cause."""
    return _pick("failed_because", lang).format(action=action_word(action, lang),
                                                reason=reason)


def unexpected_reason(kind: str, log: str | None, lang: str = "zh") -> str:
    """The fragment for an unforeseen failure, naming the log file."""
    key = "unexpected_reason" if log else "unexpected_reason_nolog"
    return _pick(key, lang).format(kind=kind, log=log)
