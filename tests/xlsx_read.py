"""Reading back the workbooks the program writes, for tests (openpyxl, a test-only
dependency): every sheet as rows of cell texts."""

from __future__ import annotations

import io

import openpyxl


def read_xlsx_text(data: bytes) -> dict[str, list[list[str]]]:
    """``{sheet name: [[cell text, ...], ...]}``; empty cells are ``""`` and trailing
    empty cells of a row are left out."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        out: dict[str, list[list[str]]] = {}
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                values = ["" if v is None else str(v) for v in row]
                while values and not values[-1]:
                    values.pop()
                rows.append(values)
            out[sheet.title] = rows
        return out
    finally:
        book.close()
