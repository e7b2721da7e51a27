"""The CJK font of every PDF, registered with reportlab once.

reportlab embeds only TrueType outlines (``glyf``). Fonts with PostScript/CFF outlines —
Debian's ``fonts-noto-cjk`` (``NotoSansCJK-*.ttc``), Source Han, most ``.otf`` — are
refused by ``TTFont`` and skipped here. Found on the system, in order: the
``MEDIATOR_APP_CJK_FONT`` environment variable (a .ttf/.ttc path), Windows' SimSun /
Microsoft YaHei / SimHei, then WenQuanYi, Droid Sans Fallback, AR PL and any TrueType
font fontconfig lists for Chinese. When none loads, reportlab's built-in CID font
``STSong-Light`` is used: it is not embedded (viewers substitute a Song font they
have), but it never shows boxes for GBK characters.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

ENV_FONT = "MEDIATOR_APP_CJK_FONT"
CID_FONT = "STSong-Light"
TTF_FONT = "MediatorCJK"
_PROBE = "调解纠纷统计表"  # a font must have these to count as Chinese

CANDIDATES: tuple[str, ...] = (
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simkai.ttf",
    "/usr/share/fonts/**/wqy-zenhei.ttc",
    "/usr/share/fonts/**/wqy-microhei.ttc",
    "/usr/share/fonts/**/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/**/DroidSansFallback.ttf",
    "/usr/share/fonts/**/uming.ttc",
    "/usr/share/fonts/**/ukai.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


@dataclass(frozen=True)
class CJKFont:
    name: str  # the reportlab font name to use
    path: str | None  # the TrueType file, None for the CID fallback


_registered: CJKFont | None = None


def _expand(patterns: Iterable[str]) -> list[str]:
    paths: list[str] = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            paths.extend(sorted(glob.glob(pattern, recursive=True)))
        elif Path(pattern).is_file():
            paths.append(pattern)
    return paths


def _fontconfig_paths() -> list[str]:
    """TrueType files fontconfig knows for Chinese (none on Windows, usually)."""
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True,
                             text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = {line.split(":")[0].strip() for line in out.splitlines() if line.strip()}
    return sorted(f for f in files if f.lower().endswith((".ttf", ".ttc")))


def _load_ttf(path: str) -> TTFont | None:
    """The font if reportlab can embed it and it has Chinese glyphs, else None."""
    try:
        font = TTFont(TTF_FONT, path, subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError, AssertionError):
        return None
    if not all(ord(ch) in font.face.charToGlyph for ch in _PROBE):
        return None
    return font


def find_ttf(candidates: Sequence[str] | None = None) -> tuple[str, TTFont] | None:
    patterns = list(candidates) if candidates is not None else [
        *([os.environ[ENV_FONT]] if os.environ.get(ENV_FONT) else []), *CANDIDATES]
    paths = _expand(patterns)
    if candidates is None:
        paths += _fontconfig_paths()
    for path in dict.fromkeys(paths):
        font = _load_ttf(path)
        if font is not None:
            return path, font
    return None


def register(candidates: Sequence[str] | None = None) -> CJKFont:
    """Register the CJK font once and describe it (name, file)."""
    global _registered
    if _registered is None:
        found = find_ttf(candidates)
        if found is not None:
            pdfmetrics.registerFont(found[1])
            _registered = CJKFont(TTF_FONT, found[0])
        else:
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
            _registered = CJKFont(CID_FONT, None)
    return _registered


def register_cjk_font() -> str:
    """The reportlab name of the CJK font, registered on first use."""
    return register().name


def missing_glyphs(text: str, font: CJKFont | None = None) -> set[str]:
    """Characters of ``text`` the font cannot show (for tests and self-checks). For the
    CID fallback (Adobe-GB1) the test is whether the character is in GBK."""
    font = font or register()
    chars = {ch for ch in text if not ch.isspace()}
    if font.path is None:
        return {ch for ch in chars if not _in_gbk(ch)}
    face = pdfmetrics.getFont(font.name).face
    return {ch for ch in chars if ord(ch) not in face.charToGlyph}


def _in_gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True
