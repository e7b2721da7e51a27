"""The message catalogue: every text outside the Qt window layer, in Chinese and English.

One table per area, one module each; every entry carries its Chinese and its English,
each either one template or several (the first whose placeholders are all given is used,
so optional params only make a sentence more precise). ``text`` is the one lookup:

    text("cli", "db.missing", "en", path="/x/ledger.db")
    text("problem", "int.range", "zh", field="涉及人数", value=-1, min=0, max=9)

A key the table lacks never shows as itself: the area's fallback sentence is used
(``FALLBACKS``), so a user never reads ``db.missing``. ``tests/unit/test_catalogue.py``
checks that every entry has both languages with the same placeholders and that every
key the code names exists. The window layer's own texts are in the Qt catalogue
(``resources/i18n``, docs/translating.md).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from mediator_app.domain.catalogue import (
    accounts,
    case_form,
    cli,
    cli_help,
    documents,
    faults,
    fields,
    files,
    imports,
    problems,
    selftest,
    submissions,
    subsidy,
)

Templates = tuple[str, ...]
Side = str | Templates
Entry = tuple[Side, Side]  # (Chinese, English)

AREAS: dict[str, Mapping[str, Entry]] = {
    "problem": problems.PROBLEMS,  # domain.messages.message
    "table": problems.TABLE_WORDS,  # the tables a code is looked up in
    "value": problems.VALUE_WORDS,  # stored Chinese values, in English messages
    "field": fields.FIELDS,  # domain.field_labels.field_label
    "fault": faults.TEXTS,  # domain.fault_messages, services.faults
    "action": faults.ACTIONS,  # what the user was doing, for fault sentences
    "account": accounts.TEXTS,  # domain.account_messages.AccountError
    "subsidy": subsidy.TEXTS,  # domain.subsidy_texts: claims, sheets, the CLI
    "subsidy.item": subsidy.ITEM_LABELS,  # domain.subsidy.item_label: file items
    "import.warning": imports.WARNINGS,  # services.exchange.import_types: import warnings
    "selftest": selftest.TEXTS,  # cli/selftest.py: --self-test lines
    "submission_state": submissions.STATES,  # services.statistics.submissions: completeness view
    "document": documents.DOCUMENTS,  # reports.case_docs_labels: printed case documents
    "file": files.FILE_MESSAGES,  # services.csv_io.file_problem
    "cli": cli.TEXTS,  # cli.texts.text; storage errors in the CLI and the GUI
    "sqlite": cli.SQLITE_ERRORS,  # SQLite's own English texts, as sentences
    "level": cli.LEVELS,  # org levels (stored in Chinese), in English
    "cli.subsidy": cli.SUBSIDY_TEXTS,  # cli/commands_subsidy.py
    "cli.docs": cli.DOCS_TEXTS,  # cli/commands_docs.py: document, submit, submissions
    "help": cli_help.HELP,  # cli.help_texts: help of commands and options
    "help.trust": cli_help.TRUST_HELP,  # cli/commands_trust.py
    "help.subsidy": cli_help.SUBSIDY_HELP,  # cli/commands_subsidy.py
    "case.conflict": case_form.CONFLICT,  # ui/case_form/conflict.py: a save refused, case changed
    "argparse": cli_help.ARGPARSE,  # argparse's own words (key: its English message id)
}

_MISSING: Entry = ("（程序缺少这条提示的文字，请告诉技术支持人员）",
                   "(the program lacks the text of this message; please tell whoever "
                   "supports you)")

# What a key missing from its table shows instead of the key itself (other areas:
# ``_MISSING``; a storage code without a text is logged by ``services.faults.storage_error``).
FALLBACKS: dict[str, Entry] = {
    "problem": (("“{field}”的值有误。", "数据有误。"), ("{field} is not valid.", "Invalid data.")),
}


def lang_of(lang: str) -> str:
    """``en`` for any English tag (en, en_US, EN), else ``zh`` (the default)."""
    return "en" if lang.lower().startswith("en") else "zh"


def has(area: str, key: str) -> bool:
    return key in AREAS[area]


def templates(area: str, key: str, lang: str = "zh") -> Templates:
    """The templates of ``key`` in ``lang`` (the area's fallback when it has none)."""
    zh, en = AREAS[area].get(key) or FALLBACKS.get(area, _MISSING)
    chosen = en if lang_of(lang) == "en" else zh
    return (chosen,) if isinstance(chosen, str) else chosen


def placeholders(template: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name}


def render(choices: Templates, values: Mapping[str, object]) -> str:
    """The first template whose placeholders are all in ``values``; else the last, with
    "?" for what is missing (a sentence, never a crash)."""
    for template in choices:
        if placeholders(template) <= values.keys():
            return template.format_map(values)
    return choices[-1].format_map(_Blank(values))


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def text(area: str, key: str, lang: str = "zh", /, **params: object) -> str:
    """The one lookup: ``key`` of ``area`` in ``lang`` (zh or en), ``params`` filled in."""
    return render(templates(area, key, lang), params)


def pair(area: str, key: str) -> tuple[Templates, Templates]:
    """Both sides of an entry as template tuples (for checks and tests)."""
    zh, en = AREAS[area][key]
    return ((zh,) if isinstance(zh, str) else zh), ((en,) if isinstance(en, str) else en)
