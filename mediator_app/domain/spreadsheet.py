"""Cells of CSV files meant for spreadsheets: formula injection (issue 8 item 6).

Excel and WPS run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, after a tab
or carriage return, whatever follows) as a formula: ``=HYPERLINK(…)``, ``+cmd|' /C
calc'!A0``. Following OWASP, every CSV the program writes for people prefixes such a
cell with an apostrophe, which spreadsheets take as "this is text". The import undoes
exactly that prefix, so a round trip gives back every text unchanged:

* ``neutralise(s)``: ``"'" + s`` when ``s``, after any leading apostrophes, begins with
  one of ``= + - @ TAB CR``; otherwise ``s``.
* ``restore(s)``: ``s[1:]`` when ``s`` begins with an apostrophe and, after its leading
  apostrophes, with one of those characters; otherwise ``s``.

Counting the apostrophes in makes the pair a bijection: a summary that really is
``'-1`` is written ``''-1`` and read back as ``'-1``; ``-1`` is written ``'-1`` and
read back as ``-1``; ``'abc`` is left alone both ways. A hand-made file whose cell is
``'=x`` is read as ``=x`` (the apostrophe is taken as the spreadsheet's text mark).
"""

from __future__ import annotations

from collections.abc import Sequence

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(text: str) -> str:
    """The cell as written to a CSV file for spreadsheets."""
    return QUOTE + text if text.lstrip(QUOTE).startswith(TRIGGERS) else text


def restore(text: str) -> str:
    """The cell as read from a CSV file: ``neutralise`` undone."""
    if text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(TRIGGERS):
        return text[1:]
    return text


def neutralise_row(values: Sequence[object]) -> list[object]:
    """Text cells neutralised; numbers and other values as they are."""
    return [neutralise(v) if isinstance(v, str) else v for v in values]
