"""The Chinese catalogue is read into memory: replacing the file under a running program
(an update, a rebuild) changes nothing on screen."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QCoreApplication

from mediator_app.ui.i18n import I18N_DIR, OUR_CATALOG, _load_in_memory


def test_catalogue_survives_the_file_being_replaced(qapp, tmp_path):
    copy = tmp_path / f"{OUR_CATALOG}.qm"
    shutil.copy(I18N_DIR / f"{OUR_CATALOG}.qm", copy)
    translator = _load_in_memory(qapp, copy)
    assert translator is not None
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        copy.write_bytes(b"\0" * copy.stat().st_size)  # the file is rewritten in place
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    finally:
        qapp.removeTranslator(translator)
