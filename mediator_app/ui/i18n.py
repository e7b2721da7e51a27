"""Loading translations: Qt's own (qtbase / qt) and ours (resources/i18n)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from mediator_app.locations import catalogue_dirs

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
OUR_CATALOG = "mediator_zh_CN"
_CATALOGUES: list[bytes] = []  # catalogues loaded from memory (Qt reads them in place)


def _catalog_dirs() -> list[Path]:
    """Where our .qm may live: the source tree, the installed package, or next to the
    frozen executable (see ``mediator_app.locations.catalogue_dirs``)."""
    return catalogue_dirs()


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install translators for ``lang`` ("zh" or "en"); returns them (keep a reference)."""
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, qt_dir):
            app.installTranslator(translator)
            installed.append(translator)
    for folder in _catalog_dirs():
        ours = _load_in_memory(app, folder / f"{OUR_CATALOG}.qm")
        if ours is not None:
            app.installTranslator(ours)
            installed.append(ours)
            break
    return installed


def _load_in_memory(app: QCoreApplication, path: Path) -> QTranslator | None:
    """Read the catalogue into memory: a translator that maps the file would show
    garbage (or crash) if the file were replaced while the program runs, e.g. by an
    update installed under a running copy."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    translator = QTranslator(app)
    if not translator.load(data):
        return None
    translator.setProperty("catalogue_path", str(path))
    _CATALOGUES.append(data)  # Qt keeps a pointer into these bytes: kept for good
    return translator
