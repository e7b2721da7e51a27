"""The Qt part of ``mediator-app --self-test``: Qt loads, the platform plugin of this
system is installed, our Chinese catalogue translates, and a window can be created and
painted (offscreen, so it works without a desktop)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class QtProbe:
    ok: bool
    detail: str


def _platform_plugin() -> str:
    if sys.platform == "win32":
        return "qwindows"
    if sys.platform == "darwin":
        return "qcocoa"
    return "qxcb"


def probe_qt() -> QtProbe:
    """Import Qt and build an offscreen window; never raises."""
    try:
        # lazy: the self-test imports what each check probes, so a broken install is reported
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QCoreApplication, QLibraryInfo
        from PySide6.QtWidgets import QApplication, QLabel
    except ImportError as exc:  # e.g. a DLL missing from the install
        return QtProbe(False, f"import: {exc}")
    plugin_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    wanted = _platform_plugin()
    if not any(p.name.startswith((wanted, f"lib{wanted}")) for p in plugin_dir.glob("*")):
        return QtProbe(False, f"{wanted} platform plugin missing in {plugin_dir}")
    app = QApplication.instance()
    if app is None:
        app = QApplication(["mediator-app", "-platform", "offscreen"])
    try:
        # lazy: the self-test imports what each check probes, so a broken install is reported
        from mediator_app.ui.i18n import install_translators

        translators = install_translators(app, "zh")
        translated = QCoreApplication.translate("App", "Mediation Ledger")
        for translator in translators:
            app.removeTranslator(translator)
        if translated != "调解台账":
            return QtProbe(False, f"catalogue not loaded ({translated!r})")
        label = QLabel("调解台账 Mediation Ledger")
        label.resize(240, 40)
        label.show()
        image = label.grab().toImage()
        label.close()
        if image.isNull() or image.width() < 1:
            return QtProbe(False, "window could not be painted")
        platform = QApplication.platformName()
    except Exception as exc:  # noqa: BLE001 - a self-test reports, it does not crash
        return QtProbe(False, f"{type(exc).__name__}: {exc}")
    return QtProbe(True, f"PySide6 {pyside_version}, {wanted} plugin present, "
                         f"window painted ({platform})")
