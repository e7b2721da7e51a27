"""Texts for problem codes and field names, in Chinese (default) and English.

Each code has one or more templates per language; the first template whose
placeholders are all available (the problem's params plus ``field``, the field's
label) is used, so optional params only make the sentence more precise.
``KNOWN_CODES`` lists every code with the params its callers should supply.

The texts themselves are the "problem" area of the message catalogue
(``domain/catalogue/problems.py``); services, the CLI and the UI render every ``Problem``
(and ``CsvProblem``) with ``message``; no module keeps its own table. A code without a
text gets a plain generic sentence (never the code itself).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from mediator_app.domain.catalogue import has, render, templates, text
from mediator_app.domain.catalogue.problems import PARAMS
from mediator_app.domain.errors import Problem
from mediator_app.domain.fault_messages import detail_text
from mediator_app.domain.field_labels import _lang
from mediator_app.domain.field_labels import field_label as field_label  # re-exported

KNOWN_CODES = PARAMS  # code -> the params its callers supply (re-exported)

# --- messages ----------------------------------------------------------------


def _format_value(value: Any, lang: str) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bool):
        return text("format", "yes" if value else "no", lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return text("format", "list_sep", lang).join(_format_value(v, lang) for v in items)
    word = str(value)
    return text("value", word, lang) if lang == "en" and has("value", word) else word


def _allowed(values: Any, lang: str) -> str:
    """The values a field accepts, as they are typed (a file takes 调解成功, not
    "resolved"); in English each with its meaning: ``调解成功 (resolved)``."""
    if lang != "en" or not isinstance(values, (list, tuple, set, frozenset)):
        return _format_value(values, lang)
    words = [str(v.value if isinstance(v, Enum) else v) for v in values]
    if isinstance(values, (set, frozenset)):
        words.sort()
    return ", ".join(f"{w} ({text('value', w, lang)})" if has("value", w) else w
                     for w in words)


def _column(name: str, lang: str) -> str:
    label = field_label(name, lang)
    if label == name:
        return name
    return text("format", "column", lang, name=name, label=label)


def _format_columns(columns: Any, lang: str) -> str:
    if isinstance(columns, str):
        return _column(columns, lang)
    return _format_value([_column(str(c), lang) for c in columns], lang)




def _table_word(table: str, lang: str) -> str:
    if has("table", table):
        return text("table", table, lang)
    return field_label(table, lang)


def _values(problem: Problem, lang: str) -> dict[str, str]:
    values = {key: _format_value(value, lang) for key, value in problem.params.items()}
    if "detail" in problem.params:  # an exception's text: never shown in English as it is
        values["detail"] = detail_text(problem.params["detail"], lang)
    if "table" in values:
        values["table"] = _table_word(values["table"], lang)
    if "columns" in problem.params:
        values["columns"] = _format_columns(problem.params["columns"], lang)
    if "allowed" in problem.params:
        values["allowed"] = _allowed(problem.params["allowed"], lang)
    values["code"] = problem.code
    if problem.field:
        values["field"] = field_label(problem.field, lang)
    return values


def message(problem: Problem, lang: str = "zh", *, label: str | None = None) -> str:
    """A plain sentence describing ``problem``; ``label`` names the field as the form
    shows it (e.g. 名称 for a unit, 姓名 for a person) instead of ``field_label``."""
    lang = _lang(lang)
    values = _values(problem, lang)
    if label:
        values["field"] = label
    return render(templates("problem", problem.code, lang), values)


def has_message(code: str, lang: str = "zh") -> bool:
    """Whether ``code`` has its own text (not the generic fallback)."""
    return has("problem", code)
