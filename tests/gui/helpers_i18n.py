"""The Qt catalogue as the tests read it: ``resources/i18n/untranslated.py`` (a script,
not part of the package) loaded by path."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "untranslated.py"


def catalogue() -> ModuleType:
    spec = importlib.util.spec_from_file_location("untranslated", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def zh_translations() -> dict[str, str]:
    """Source text -> finished Chinese of the committed .ts (every context)."""
    return catalogue().translations()
