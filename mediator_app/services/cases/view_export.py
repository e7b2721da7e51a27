"""Writing the cases of the case list's current view to CSV or XLSX (on the DB worker;
the window's ``ui/export.py`` runs it behind a progress dialog).

CSV: UTF-8 with BOM, every field quoted (Excel keeps codes and case numbers as text),
cells beginning with = + - @ TAB CR prefixed with ' (formula injection, domain.spreadsheet).
XLSX: text cells (mediator_app.reports.xlsx, the XlsxWriter library). Party ID numbers and phones
are masked exactly as in the list (the rows come from ``services.cases.browse``); exporting
needs ``Action.EXPORT``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.case_filter import CaseRow
from mediator_app.domain.progress import Cancelled
from mediator_app.domain.spreadsheet import neutralise
from mediator_app.reports.xlsx import TextWorkbook, scratch_folder
from mediator_app.services import permissions
from mediator_app.services.cases import browse
from mediator_app.services.reading import Read, reader
from mediator_app.storage.files import (
    open_private_binary,
    open_private_text,
    part_path,
    replace_file,
)

CHUNK = 500
XLSX_WIDTHS = (26, 12, 10, 16, 12, 24, 16, 20, 22, 14, 12, 12, 60)


class _RowSink:
    """Writes rows to CSV or XLSX."""

    def __init__(self, path: str, fmt: str, header: list[str]):
        self.fmt = fmt
        # parties' names and (masked) numbers: owner-only from the first byte, whatever
        # the umask of the process (docs/guarantees.md, personal data files)
        if fmt == "xlsx":
            self._binary = open_private_binary(path)
            self._book = TextWorkbook(self._binary, scratch=scratch_folder(path))
            self._sheet = self._book.sheet("cases", header, XLSX_WIDTHS)
        else:
            self._file = open_private_text(path, encoding="utf-8-sig", newline="")
            self._csv = csv.writer(self._file, quoting=csv.QUOTE_ALL)
            self._csv.writerow(header)

    def add(self, values: list[str]) -> None:
        if self.fmt == "xlsx":
            self._sheet.add_row(values)
        else:
            self._csv.writerow([neutralise(v) for v in values])

    def close(self, complete: bool = True) -> None:
        """``complete=False``: cancelled, the file is deleted (no workbook assembled)."""
        if self.fmt == "xlsx":
            (self._book.close if complete else self._book.abandon)()
            self._binary.close()
        else:
            self._file.close()


def write_export(source: Database | Read, ids: Sequence[int], path: str, fmt: str,
                 header: list[str],
                 values: Callable[[CaseRow], list[str]],
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> int:
    """Write the rows of ``ids`` (in order) to ``path``, each as ``values`` words it;
    returns the number written. Writes to a temporary file first, so a cancelled export
    leaves nothing behind. ``source``: the database, or a ``Read`` of it (the window
    writes on a render thread and reads each chunk on its database worker)."""
    read = reader(source)
    read(lambda db: permissions.require(db, Action.EXPORT))

    def rows_of(chunk: Sequence[int]) -> dict[int, CaseRow]:
        return read(lambda db: browse.fetch_rows(db, chunk))

    tmp = str(part_path(path))
    sink = _RowSink(tmp, fmt, header)
    written = 0
    try:
        for start in range(0, len(ids), CHUNK):
            if cancel is not None and cancel():
                raise Cancelled()
            chunk = ids[start:start + CHUNK]
            rows = rows_of(chunk)
            for rid in chunk:
                if rid in rows:
                    sink.add(values(rows[rid]))
                    written += 1
            if progress is not None:
                progress(min(start + CHUNK, len(ids)), len(ids))
    except BaseException:
        sink.close(complete=False)
        Path(tmp).unlink(missing_ok=True)
        raise
    sink.close()
    replace_file(tmp, path)
    return written
