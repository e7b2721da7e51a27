"""``mediator-app --self-test``: what a broken installation would break, one line per check.

Checks: the Python version, the SQLite version, FTS5 with the trigram tokenizer (case
search), a TrueType CJK font reportlab can embed in PDFs, the program's Chinese catalogue
(file present and valid), and Qt (loads, the platform plugin is installed, the catalogue
translates, a window is painted offscreen). Exit 0 only when every check passes; 1 else.
``--self-test`` alone runs them all; the IT staff's Start-menu entry runs it in a console.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from pathlib import Path

from mediator_app import __version__
from mediator_app.domain import catalogue
from mediator_app.locations import catalogue_dirs, data_dir, portable_root
from mediator_app.services import ledger

QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
MIN_PYTHON = (3, 11)


Check = Callable[[], tuple[bool, str]]


def t(key: str, lang: str, **params: object) -> str:
    return catalogue.text("selftest", key, lang, **params)


def check_python() -> tuple[bool, str]:
    ok = sys.version_info[:2] >= MIN_PYTHON
    return ok, f"{platform.python_version()} ({platform.architecture()[0]}, {sys.executable})"


def check_sqlite() -> tuple[bool, str]:
    version = ledger.sqlite_version()
    return version >= ledger.MIN_SQLITE, ".".join(map(str, version))


def check_fts() -> tuple[bool, str]:
    probe = ledger.fts5_trigram_probe()
    return probe.ok, "MATCH 宅基地纠纷 -> 1" if probe.ok else probe.detail


def check_font(lang: str) -> tuple[bool, str]:
    # lazy: the self-test imports what each check probes, so a broken install is reported
    from mediator_app.reports import fonts

    found = fonts.register()
    if found.path is None:
        return False, t("no_font", lang)
    missing = fonts.missing_glyphs("调解纠纷统计表化解率邻里婚姻家庭")
    return not missing, found.path + (f" (missing {''.join(sorted(missing))})" if missing else "")


def check_catalogue(lang: str) -> tuple[bool, str]:
    dirs = catalogue_dirs()
    for folder in dirs:
        path = folder / "mediator_zh_CN.qm"
        if path.is_file():
            data = path.read_bytes()
            if not data.startswith(QM_MAGIC):
                return False, t("bad_qm", lang, path=path)
            return True, f"{path} ({len(data)} bytes)"
    return False, t("no_qm", lang, dirs=", ".join(str(d) for d in dirs))


def check_qt() -> tuple[bool, str]:
    try:
        # lazy: the self-test imports what each check probes, so a broken install is reported
        from mediator_app.ui.selftest_qt import probe_qt
    except ImportError as exc:
        return False, f"import: {exc}"
    probe = probe_qt()
    return probe.ok, probe.detail


def run_self_test(lang: str = "zh", *, out: Callable[[str], None] = print) -> int:
    """Print one line per check; 0 when all pass, else 1."""
    out(t("head", lang, version=__version__))
    checks: list[tuple[str, Check]] = [
        ("python", check_python),
        ("sqlite", check_sqlite),
        ("fts", check_fts),
        ("font", lambda: check_font(lang)),
        ("catalogue", lambda: check_catalogue(lang)),
        ("qt", check_qt),
    ]
    failed = 0
    for key, check in checks:
        try:
            ok, detail = check()
        except Exception as exc:  # noqa: BLE001 - report every check, whatever breaks
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        failed += not ok
        out(f"[{'OK' if ok else 'FAIL':>4}] {t(key, lang)}: {detail}")
        sys.stdout.flush()
    root = portable_root()
    out(f"[INFO] {t('data', lang)}: {data_dir()}"
        + (f" ({t('portable', lang)}: {Path(root) / 'portable.txt'})" if root else ""))
    out(t("ok", lang) if not failed else t("failed", lang, n=failed))
    return 0 if not failed else 1
