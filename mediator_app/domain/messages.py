"""Texts for problem codes and field names, in Chinese (default) and English.

Each code has one or more templates per language; the first template whose
placeholders are all available (the problem's params plus ``field``, the field's
label) is used, so optional params only make the sentence more precise.
``KNOWN_CODES`` lists every code with the params its callers should supply.

This is the one home of problem texts: services, the CLI and the UI render every
``Problem`` (and ``CsvProblem``) with ``message``; no module keeps its own table.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from mediator_app.domain import package_messages
from mediator_app.domain.errors import Problem
from mediator_app.domain.fault_messages import detail_text
from mediator_app.domain.field_labels import _lang
from mediator_app.domain.field_labels import field_label as field_label  # re-exported
from mediator_app.domain.ledger_messages import LEDGER_CODES, LEDGER_EN, LEDGER_ZH
from mediator_app.domain.message_texts import EN as _EN
from mediator_app.domain.message_texts import KNOWN_CODES as KNOWN_CODES  # re-exported
from mediator_app.domain.message_texts import ZH as _ZH
from mediator_app.domain.message_texts import Templates

_GENERIC = {
    "zh": ("“{field}”有误（代码 {code}）。", "数据有误（代码 {code}）。"),
    "en": ("{field} is not valid (code {code}).", "Invalid data (code {code})."),
}

KNOWN_CODES.update(package_messages.KNOWN)
_ZH.update(package_messages.ZH)
_EN.update(package_messages.EN)
KNOWN_CODES.update(LEDGER_CODES)
_ZH.update(LEDGER_ZH)
_EN.update(LEDGER_EN)
_TEMPLATES = {"zh": _ZH, "en": _EN}

# Chinese enum values shown in English messages
_EN_VALUES: dict[str, str] = {
    "待受理": "registered",
    "调解中": "in mediation",
    "调解成功": "resolved",
    "调解终止": "terminated",
    "不予受理": "not accepted",
    "书面": "written",
    "口头": "oral",
}


# --- messages ----------------------------------------------------------------


def _format_value(value: Any, lang: str) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return (", " if lang == "en" else "、").join(_format_value(v, lang) for v in items)
    text = str(value)
    return _EN_VALUES.get(text, text) if lang == "en" else text


def _column(name: str, lang: str) -> str:
    label = field_label(name, lang)
    if label == name:
        return name
    return f"{name} ({label})" if lang == "en" else f"{name}（{label}）"


def _format_columns(columns: Any, lang: str) -> str:
    if isinstance(columns, str):
        return _column(columns, lang)
    return _format_value([_column(str(c), lang) for c in columns], lang)


# Words users know for the tables a code is looked up in (never the SQL table name).
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "org_units": ("组织机构（区/街道/村社区/网格）", "org units (district/street/village/grid)"),
    "org_unit": ("组织机构（区/街道/村社区/网格）", "org units (district/street/village/grid)"),
    "committees": ("调委会", "mediation committees"),
    "committee": ("调委会", "mediation committees"),
    "code_items": ("代码表", "code tables"),
    "grid": ("网格", "grids"),
    "dispute_type": ("纠纷类型代码表", "dispute types"),
    "difficulty": ("难易程度代码表", "difficulty classes"),
    "source": ("纠纷来源代码表", "case sources"),
    "case": ("案件", "cases"),
    "people": ("人员", "people"),
}


def _table_word(table: str, lang: str) -> str:
    if table in TABLE_WORDS:
        return TABLE_WORDS[table][1 if _lang(lang) == "en" else 0]
    return field_label(table, lang)


def _values(problem: Problem, lang: str) -> dict[str, str]:
    values = {key: _format_value(value, lang) for key, value in problem.params.items()}
    if "detail" in problem.params:  # an exception's text: never shown in English as it is
        values["detail"] = detail_text(problem.params["detail"], lang)
    if "table" in values:
        values["table"] = _table_word(values["table"], lang)
    if "columns" in problem.params:
        values["columns"] = _format_columns(problem.params["columns"], lang)
    values["code"] = problem.code
    if problem.field:
        values["field"] = field_label(problem.field, lang)
    return values


def _placeholders(template: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name}


def _render(templates: Templates, values: Mapping[str, str]) -> str:
    for template in templates:
        if _placeholders(template) <= values.keys():
            return template.format_map(values)
    return templates[-1].format_map(_Blank(values))


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def message(problem: Problem, lang: str = "zh", *, label: str | None = None) -> str:
    """A plain sentence describing ``problem``; ``label`` names the field as the form
    shows it (e.g. 名称 for a unit, 姓名 for a person) instead of ``field_label``."""
    lang = _lang(lang)
    values = _values(problem, lang)
    if label:
        values["field"] = label
    templates = _TEMPLATES[lang].get(problem.code, _GENERIC[lang])
    return _render(templates, values)


def has_message(code: str, lang: str = "zh") -> bool:
    """Whether ``code`` has its own text (not the generic fallback)."""
    return code in _TEMPLATES[_lang(lang)]
