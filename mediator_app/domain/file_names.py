"""Default file names the reports window suggests: ``秦川区_2026年10月_统计表.pdf``,
``秦川区_2026年10月_情况报告.pdf`` (``Qinchuan_2026-10_sheet.pdf`` in English), safe as
Windows file names."""

from __future__ import annotations

import re

from mediator_app.domain.periods import Period

# Characters Windows refuses in a file name, and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_SPACES = re.compile(r"\s+")
MAX_STEM = 120  # leaves room for a folder in Windows' 260-character paths


def safe_file_name(text: str) -> str:
    """``text`` with the characters Windows refuses replaced by ``_``, spaces removed,
    without trailing dots or spaces (Windows drops them), never empty."""
    name = _SPACES.sub("", _UNSAFE.sub("_", text))[:MAX_STEM].rstrip(". ")
    return name or "_"


def period_part(period: Period, lang: str) -> str:
    """``2026年10月``, ``2026年第4季度``, ``2026-01-01至2026-03-31``; English: the
    canonical text (``2026-10``, ``2026-Q4``, ``2026-01-01_to_2026-03-31``)."""
    if lang.lower().startswith("en"):
        return period.text.replace("..", "_to_")
    return period.label


def default_file_name(scope_name: str, period: Period, words: list[str], ext: str,
                      lang: str) -> str:
    """``<scope>_<period>_<word>[_<word>…].<ext>``, e.g. ``秦川区_2026年10月_统计表.pdf``."""
    stem = "_".join([scope_name, period_part(period, lang), *words])
    return f"{safe_file_name(stem)}.{ext}"
