"""Qt looks a translation up by the context of the object whose ``tr`` is called (its
class name), while lupdate files a ``window.tr("…")`` call under the context "window":
such a text is extracted and translated, yet shows in English at run time (seen with the
Account menu). Texts translated outside their own class use
``QCoreApplication.translate("Context", "…")``."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "mediator_app" / "ui"
FOREIGN_TR = re.compile(r"\b(?!self\b)([a-z_][A-Za-z0-9_]*)\.tr\(")


def test_tr_is_only_called_on_self() -> None:
    found = [f"{path.relative_to(UI)}:{n}: {line.strip()}"
             for path in sorted(UI.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FOREIGN_TR.search(line)]
    assert found == []
