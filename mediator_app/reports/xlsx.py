"""Workbooks of text cells, written with the XlsxWriter library.

Every cell is a string cell with the text number format (``@``), so Excel keeps codes,
ID numbers and case numbers exactly as written (no scientific notation, no lost
leading zeros) and keeps them text when a user edits one. Text is never read as a
formula, a number or a link (``write_string``; the CSV writers neutralise formulas
instead: domain.spreadsheet). The first row can be a bold header, frozen.

Two modes:

- ``TextWorkbook(path_or_stream, scratch=folder)`` streams large exports
  (``constant_memory``: each row goes to disk as it is added, memory stays flat). The
  rows wait in XlsxWriter's temporary files, which would hold personal data: they live in
  an owner-only folder created inside ``scratch`` (the output's own folder, never the
  shared temp folder) and are removed when the workbook is closed or abandoned.
- ``TextWorkbook(stream)`` (no ``scratch``) builds a small workbook in memory
  (``in_memory``: no temporary file at all); ``xlsx_bytes`` returns one as bytes.

Column widths: given ones are used as they are; otherwise they follow the header and the
first ``WIDTH_SAMPLE`` rows, a CJK character counting as two columns.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Self

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # cannot be in a cell
MAX_SHEET_NAME = 31
WIDTH_SAMPLE = 200  # rows measured for a column without a given width
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
TEXT_FORMAT = "@"

Row = Sequence[object]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: wide (CJK) characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(longest: int) -> float:
    """An Excel column width for text of ``longest`` display columns (a little air)."""
    return min(MAX_WIDTH, max(MIN_WIDTH, longest + 2.0))


def safe_sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'")[:MAX_SHEET_NAME] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return text if text.isprintable() else _NOT_XML.sub("", text)


class TextSheet:
    """One worksheet; rows are added in order (``add_row``)."""

    def __init__(self, sheet: Any, formats: tuple[Any, Any], header: Row | None,
                 widths: Sequence[float]):
        self._sheet = sheet
        self._cell, head = formats
        self._next = 0
        self._given = len(widths)
        self._longest: list[int] = []
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        if header:
            self._write(header, head)
            sheet.freeze_panes(1, 0)

    def _write(self, values: Row, cell_format: Any) -> None:
        row, write = self._next, self._sheet.write_string
        measure = row <= WIDTH_SAMPLE and len(values) > self._given
        for col, value in enumerate(values):
            text = _text(value)
            if text:
                write(row, col, text, cell_format)
            if measure and col >= self._given:
                self._measure(col, text)
        self._next += 1

    def _measure(self, col: int, text: str) -> None:
        while len(self._longest) <= col:
            self._longest.append(0)
        longest = max((display_width(line) for line in text.splitlines()), default=0)
        self._longest[col] = max(self._longest[col], longest)

    def add_row(self, values: Row) -> None:
        self._write(values, self._cell)

    def finish(self) -> None:
        """Set the measured widths of the columns that were given none."""
        for col in range(self._given, len(self._longest)):
            self._sheet.set_column(col, col, column_width(self._longest[col]))


class TextWorkbook:
    """``with TextWorkbook(target) as book: sheet = book.sheet("名称", header); ...``.

    ``target`` is a path or a binary stream; the file is complete when the block ends
    (or ``close()``); after an error in the block nothing more is written and the
    temporary files are removed (the caller deletes its partial target)."""

    def __init__(self, target: str | os.PathLike[str] | IO[bytes], *,
                 scratch: str | os.PathLike[str] | None = None):
        self._scratch = (None if scratch is None else
                         tempfile.mkdtemp(prefix=".xlsx-rows-", dir=scratch))  # 0700
        options: dict[str, Any] = {"strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False}
        if self._scratch is None:
            options["in_memory"] = True
        else:
            options.update(constant_memory=True, tmpdir=self._scratch)
        target = os.fspath(target) if isinstance(target, os.PathLike) else target
        # (this module is imported by screens and CLI commands that may never write one)
        # lazy: importing XlsxWriter takes 0.1-0.3 s; only writing a workbook needs it
        import xlsxwriter  # type: ignore[import-untyped]

        self._book = xlsxwriter.Workbook(target, options)
        self._book.set_properties({"author": "Mediation Ledger"})
        self._cell = self._book.add_format({"num_format": TEXT_FORMAT})
        self._head = self._book.add_format({"num_format": TEXT_FORMAT, "bold": True})
        self._used: set[str] = set()
        self._sheets: list[TextSheet] = []

    def sheet(self, name: str, header: Row | None = None,
              widths: Sequence[float] = ()) -> TextSheet:
        sheet = TextSheet(self._book.add_worksheet(safe_sheet_name(name, self._used)),
                          (self._cell, self._head), header, widths)
        self._sheets.append(sheet)
        return sheet

    def close(self) -> None:
        try:
            if not self._sheets:
                self.sheet("Sheet1")
            for sheet in self._sheets:
                sheet.finish()
            self._book.close()
        finally:
            self._remove_scratch()

    def abandon(self) -> None:
        """Stop without writing the workbook; remove the temporary rows."""
        for sheet in self._book.worksheets():
            handle = getattr(sheet, "row_data_fh", None)  # constant_memory's row file
            if handle is not None and not handle.closed:
                handle.close()  # Windows cannot delete an open file
        self._book.fileclosed = True  # nothing left to write, also not at exit
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abandon()


def xlsx_bytes(sheets: Iterable[tuple[str, Row | None, Iterable[Row]]]) -> bytes:
    """A small workbook built in memory: ``[(sheet name, header, rows), ...]``."""
    buffer = io.BytesIO()
    with TextWorkbook(buffer) as book:
        for name, header, rows in sheets:
            sheet = book.sheet(name, header)
            for row in rows:
                sheet.add_row(row)
    return buffer.getvalue()


def scratch_folder(path: str | os.PathLike[str]) -> Path:
    """The folder for a streamed workbook's temporary rows: the output's own."""
    return Path(path).resolve().parent
