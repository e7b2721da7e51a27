"""CSV bytes for Chinese Excel: UTF-8 with BOM, CRLF line ends, text quoted."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from mediator_app.domain.spreadsheet import neutralise_row


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Strings are quoted (codes stay text) and neutralised against formula injection
    (``domain.spreadsheet``), numbers are not; ``None`` is empty."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(neutralise_row(["" if value is None else value for value in row]))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
