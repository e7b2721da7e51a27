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

from mediator_app.domain.catalogue import has, lang_of, text
from mediator_app.domain.catalogue.faults import MAX_FIELD_CHARS as MAX_FIELD_CHARS


class FaultDetail(str):
    """In place of an exception's text: the path of the log file it was written to
    ("" when it could not be written), and the key of its sentence when the text was
    known. Rendered as "<sentence>; the details are in the log file …"."""

    key: str

    def __new__(cls, log: str, key: str = "") -> FaultDetail:
        made = super().__new__(cls, log)
        made.key = key
        return made


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
        logged = text("fault", "logged" if detail else "not_logged", lang, log=str(detail))
        if detail.key:
            sep = "; " if lang_of(lang) == "en" else "；"
            return text("fault", detail.key, lang) + sep + logged
        return logged
    raw = str(detail)
    key = detail_key(raw)
    return raw if key is None else text("fault", key, lang)


def action_word(action: str, lang: str = "zh") -> str:
    if has("action", action):
        return text("action", action, lang)
    return text("fault", "action.default", lang)


def fault_sentence(action: str, kind: str, log: str | None, lang: str = "zh") -> str:
    """"<action> failed: an unexpected error (<kind>) …, details in <log>"."""
    key = "unexpected" if log else "unexpected_nolog"
    return text("fault", key, lang, action=action_word(action, lang), kind=kind, log=log)


def failed_because(action: str, reason: str, lang: str = "zh") -> str:
    """"<action> failed: <reason>." for a known cause."""
    return text("fault", "failed_because", lang, action=action_word(action, lang),
                reason=reason)


def unexpected_reason(kind: str, log: str | None, lang: str = "zh") -> str:
    """The fragment for an unforeseen failure, naming the log file."""
    key = "unexpected_reason" if log else "unexpected_reason_nolog"
    return text("fault", key, lang, kind=kind, log=log)
