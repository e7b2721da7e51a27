"""Fill the Simplified Chinese translations of resources/i18n/mediator_zh_CN.ts.

Workflow (from the repository root):

    uv run pyside6-lupdate -extensions py mediator_app/ui -no-obsolete \
        -ts resources/i18n/mediator_zh_CN.ts
    uv run python resources/i18n/fill_zh.py          # fills, reports what is missing
    uv run pyside6-lrelease resources/i18n/mediator_zh_CN.ts \
        -qm resources/i18n/mediator_zh_CN.qm

Translations are keyed by English source text; ``CONTEXT_ZH`` overrides a text in one
context. ``--check`` only reports missing translations (exit status 1 if any).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "mediator_zh_CN.ts"
sys.path.insert(0, str(HERE))

from zh_strings import CONTEXT_ZH, ZH

sys.path.insert(0, str(HERE.parents[1]))


def _package_strings() -> dict[str, str]:
    """Each screen package may keep its own source -> Chinese dict (``ZH_STRINGS``), and
    ``mediator_app/ui/shell_zh_strings.py`` the main window's and settings dialog's;
    the shared dict above wins where both have a text."""
    import importlib

    merged: dict[str, str] = {}
    modules = [f"{pkg}.zh_strings" for pkg in ("case_form", "org", "reports", "exchange",
                                                  "trust")]
    modules.append("shell_zh_strings")  # main window / settings dialog (ui/*.py modules)
    modules.append("delivery_zh_strings")  # first start, help window, about box
    for name in modules:
        try:
            module = importlib.import_module(f"mediator_app.ui.{name}")
        except ImportError:
            continue
        merged.update(getattr(module, "ZH_STRINGS", {}))
    return merged


PACKAGE_ZH = _package_strings()


def translation_for(context: str, source: str) -> str | None:
    return CONTEXT_ZH.get((context, source), ZH.get(source, PACKAGE_ZH.get(source)))


def fill(path: Path = TS, write: bool = True) -> list[tuple[str, str]]:
    tree = ET.parse(path)
    missing: list[tuple[str, str]] = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            target = msg.find("translation")
            if target is None:
                target = ET.SubElement(msg, "translation")
            zh = translation_for(name, source)
            if zh is None:
                missing.append((name, source))
                continue
            target.text = zh
            target.attrib.pop("type", None)
    if write:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                        encoding="utf-8")
    return missing


def main() -> int:
    check = "--check" in sys.argv
    missing = fill(write=not check)
    for context, source in missing:
        print(f"missing: [{context}] {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
