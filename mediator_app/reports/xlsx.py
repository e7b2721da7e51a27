"""A small dependency-free XLSX writer: one or more sheets of text cells.

Every cell is an inline string (``t="inlineStr"``), so Excel keeps codes, ID numbers and
case numbers exactly as written (no scientific notation, no lost leading zeros). The
first row can be styled bold as a header and frozen.
"""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import IO, Self
from xml.sax.saxutils import escape

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
{sheets}</Types>"""
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n')
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:creator>Mediation Ledger</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>
</cp:coreProperties>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""
_WB_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
_WB_RELS_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
_SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""
_FROZEN = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
           'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>')

Row = Sequence[object]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return escape(_INVALID_XML.sub("", text))


def _cell(row: int, col: int, value: object, style: int) -> str:
    ref = f"{column_letter(col)}{row}"
    if value is None or value == "":
        return ""
    return (f'<c r="{ref}" t="inlineStr" s="{style}"><is><t xml:space="preserve">'
            f"{_text(value)}</t></is></c>")


def _row_xml(number: int, values: Row, style: int) -> str:
    cells = "".join(_cell(number, i, v, style) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def _cols_xml(widths: Sequence[float]) -> str:
    if not widths:
        return ""
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>'
                   for i, w in enumerate(widths, start=1))
    return f"<cols>{cols}</cols>"


class SheetWriter:
    """Streams one worksheet's XML into the open zip entry."""

    def __init__(self, stream: io.TextIOBase, header: Row | None, widths: Sequence[float]):
        self._out = stream
        self._next = 1
        self._out.write(_SHEET_HEAD + (_FROZEN if header else "") + _cols_xml(widths))
        self._out.write("<sheetData>")
        if header:
            self._write(header, 1)

    def _write(self, values: Row, style: int) -> None:
        self._out.write(_row_xml(self._next, values, style))
        self._next += 1

    def add_row(self, values: Row) -> None:
        self._write(values, 0)

    def close(self) -> None:
        self._out.write("</sheetData></worksheet>")


def safe_sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'")[:MAX_SHEET_NAME] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _workbook_xml(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, n in enumerate(names, start=1))
    return _WB_HEAD + sheets + "</sheets></workbook>"


def _workbook_rels(count: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1))
    style = (f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    return _WB_RELS_HEAD + rels + style + "</Relationships>"


class XlsxWriter:
    """``with XlsxWriter(target) as book: sheet = book.sheet("名称", header); ...``.

    ``target`` is a path or a binary file object. Sheets are written one after another
    (rows are streamed, so large exports do not build the XML in memory)."""

    def __init__(self, target: str | os.PathLike[str] | IO[bytes]):
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self._names: list[str] = []
        self._used: set[str] = set()
        self._current: tuple[SheetWriter, io.TextIOWrapper] | None = None

    def sheet(self, name: str, header: Row | None = None,
              widths: Sequence[float] = ()) -> SheetWriter:
        self._finish_sheet()
        self._names.append(safe_sheet_name(name, self._used))
        raw = self._zip.open(f"xl/worksheets/sheet{len(self._names)}.xml", "w")
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = SheetWriter(text, header, widths)
        self._current = (writer, text)
        return writer

    def _finish_sheet(self) -> None:
        if self._current is not None:
            writer, text = self._current
            writer.close()
            text.close()
            self._current = None

    def close(self) -> None:
        if not self._names:
            self.sheet("Sheet1")
        self._finish_sheet()
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        sheet_types = "".join(_SHEET_TYPE.format(n=i) for i in range(1, len(self._names) + 1))
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=sheet_types))
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        self._zip.writestr("docProps/core.xml", _CORE.format(now=now))
        self._zip.writestr("xl/workbook.xml", _workbook_xml(self._names))
        self._zip.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(self._names)))
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def xlsx_bytes(sheets: Iterable[tuple[str, Row | None, Iterable[Row]]]) -> bytes:
    """The whole workbook in memory: ``[(sheet name, header, rows), ...]``."""
    buffer = io.BytesIO()
    with XlsxWriter(buffer) as book:
        for name, header, rows in sheets:
            sheet = book.sheet(name, header)
            for row in rows:
                sheet.add_row(row)
    return buffer.getvalue()


def read_xlsx_text(data: bytes) -> dict[str, list[list[str]]]:
    """Parse back a workbook written by this module (tests, round trips)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        out: dict[str, list[list[str]]] = {}
        for sheet in book.iterfind("m:sheets/m:sheet", ns):
            number = sheet.get(rel_ns, "rId1")[3:]
            root = ET.fromstring(z.read(f"xl/worksheets/sheet{number}.xml"))
            out[sheet.get("name", "")] = [_parse_row(r, ns) for r in
                                          root.iterfind("m:sheetData/m:row", ns)]
    return out


def _parse_row(row: object, ns: dict[str, str]) -> list[str]:
    values: list[str] = []
    for cell in row.iterfind("m:c", ns):  # type: ignore[attr-defined]
        col = _column_index(cell.get("r", "A1"))
        values += [""] * (col - len(values))
        values.append("".join(t.text or "" for t in cell.iterfind("m:is/m:t", ns)))
    return values


def _column_index(ref: str) -> int:
    letters = "".join(ch for ch in ref if ch.isalpha())
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch.upper()) - 64
    return n - 1
