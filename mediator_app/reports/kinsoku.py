"""Chinese line breaking (禁则, kinsoku) for every PDF paragraph of plain text.

reportlab's CJK wrapping breaks between any two characters and only hangs one
"cannot start" character into the margin. Printed sheets then showed "振兴街道（" /
"301件）" and headers such as "拖欠农民工工资纠" / "纷". Here the lines are chosen first
and handed to reportlab as explicit breaks:

- no opening bracket or quote at the end of a line (it moves to the next line);
- no closing bracket, quote or 、，。；：？！ etc. at the start of a line (the character
  before it moves down with it: nothing hangs outside the cell);
- a run of Latin letters and digits (301, 98.07%, 2023-05-01) is not split while it
  fits on a line;
- no single character alone on the last line of a wrapped paragraph (one more comes
  down from the line above), unless the text is that short anyway.

``paragraph(text, style)`` is what the report modules use instead of ``Paragraph``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

# closing brackets/quotes and punctuation: never the first character of a line
NO_LINE_START = ("）)]｝}】〕〉》」』”’、，。；：？！,.;:?!％%…‥·・〜～—ー"
                 "ぁぃぅぇぉっゃゅょァィゥェォッャュョ々")
# opening brackets/quotes: never the last character of a line
NO_LINE_END = "（([｛{【〔〈《「『“‘"
_FUZZ = 1e-6


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%-/:_+#")


@lru_cache(maxsize=8192)
def _char_width(ch: str, font: str, size: float) -> float:
    return float(stringWidth(ch, font, size))


@lru_cache(maxsize=16384)
def _text_width(text: str, font: str, size: float) -> float:
    """Cached: sheets repeat the same cells ("0", unit names) thousands of times."""
    return float(stringWidth(text, font, size))


def _fix_break(text: str, start: int, end: int) -> int:
    """Move a break at ``end`` (line = text[start:end]) back so that the line does not
    end with an opening bracket, the next does not start with a closing mark, and a
    Latin word is not cut; the line keeps at least one character."""
    best = end
    b = end
    while b - start > 1:
        ends_open = text[b - 1] in NO_LINE_END
        starts_close = b < len(text) and text[b] in NO_LINE_START
        cuts_word = b < len(text) and _is_word(text[b - 1]) and _is_word(text[b])
        if not (ends_open or starts_close or cuts_word):
            return b
        b -= 1
    # nothing better within the line: keep the plain break unless it cuts a word only
    return best


def break_line(text: str, font: str, size: float, widths: list[float]) -> list[str]:
    """``text`` (no newlines) broken into lines no wider than ``widths`` (first line,
    then the others) by the rules above."""
    if _text_width(text, font, size) <= widths[0] + _FUZZ:
        return [text]  # most table cells
    advance = [_char_width(ch, font, size) for ch in text]
    lines: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        width = widths[min(len(lines), len(widths) - 1)]
        used = advance[start]
        end = start + 1
        while end < n and used + advance[end] <= width + _FUZZ:
            used += advance[end]
            end += 1
        if end < n:
            end = _fix_break(text, start, end)
        lines.append(text[start:end])
        start = end
    return _no_orphan(lines, text, font, size, widths)


def _no_orphan(lines: list[str], text: str, font: str, size: float,
               widths: list[float]) -> list[str]:
    """A single character alone on the last line takes one more from the line above
    (if that line keeps two or more and the rules still hold)."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
        return lines
    before, last = lines[-2], lines[-1]
    moved_before, moved_last = before[:-1], before[-1] + last
    if moved_before[-1] in NO_LINE_END or moved_last[0] in NO_LINE_START:
        return lines
    if _is_word(moved_before[-1]) and _is_word(moved_last[0]):
        return lines
    return [*lines[:-2], moved_before, moved_last]


def break_text(text: str, font: str, size: float, widths: list[float]) -> list[str]:
    """Every line of ``text`` (hard line breaks kept) by ``break_line``."""
    out: list[str] = []
    first = True
    for hard in text.split("\n"):
        line_widths = widths if first else widths[1:] or widths
        out += break_line(hard, font, size, line_widths) if hard else [""]
        first = False
    return out


class KinsokuParagraph(Paragraph):  # type: ignore[misc]  # reportlab has no stubs
    """A paragraph of plain text whose lines are chosen by ``break_text`` for the
    width it is given (``plain`` is set by ``paragraph``; a part split off across a
    page is an ordinary paragraph)."""

    plain: str | None = None
    _lines: list[str] | None = None  # the lines the text is set in now
    _broken_for: tuple[float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        plain = self.plain
        if plain is not None:
            style = self.style
            first = availWidth - style.leftIndent - style.firstLineIndent - style.rightIndent
            later = availWidth - style.leftIndent - style.rightIndent
            if self._broken_for != (first, later) and first > 0 and later > 0:
                lines = break_text(plain, style.fontName, style.fontSize, [first, later])
                if lines != self._lines:  # parse again only when the lines changed
                    markup = "<br/>".join(escape(line) for line in lines)
                    self._setup(markup, style, self.bulletText, None, cleanBlockQuotedText)
                    self._lines = lines
                self._broken_for = (first, later)
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]


def paragraph(text: str, style: Any) -> Paragraph:
    """A paragraph of plain ``text`` (escaped; "\\n" breaks the line) with Chinese line
    breaking."""
    para = KinsokuParagraph(escape(text).replace("\n", "<br/>"), style)
    para.plain = text
    para._lines = text.split("\n")
    return para
