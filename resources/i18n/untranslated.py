"""List the Qt strings that have no finished Chinese translation (docs/translating.md).

The .ts file next to this script is the one source of the Chinese of the window layer:
translators edit it in Qt Linguist, ``update.sh`` refreshes it from the code with
lupdate (which keeps every existing translation) and compiles the .qm with lrelease.

    uv run python resources/i18n/untranslated.py            # the code as it is now
    uv run python resources/i18n/untranslated.py --ts-only  # the committed .ts only
    uv run python resources/i18n/untranslated.py --json > todo.json
    uv run python resources/i18n/untranslated.py --apply todo.json
    uv run python resources/i18n/untranslated.py --apply-dict old_zh_strings.py

By default lupdate runs into a temporary copy of the .ts, so strings added to the code
since the last ``update.sh`` are listed too, and the committed file is not touched.
``--json`` writes the list as [{"context", "source", "translation": ""}, …]; fill in the
translations and give the file to ``--apply``, which writes them into the unfinished
entries of the .ts (a finished translation is never replaced), then refreshes the .ts
and the .qm as ``update.sh`` does. Exit status 1 when anything is unfinished or the .qm
is older than the .ts. ``--apply-dict`` does the same from a Python file holding a
``ZH_STRINGS`` (or ``ZH``) dict of source text -> Chinese, the format of the
``zh_strings.py`` modules this file replaced, for branches that still add to one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "mediator_zh_CN.ts"
QM = HERE / "mediator_zh_CN.qm"
SOURCES = ROOT / "mediator_app" / "ui"

Key = tuple[str, str]  # (context, source)


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease of this environment."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run this with `uv run` (PySide6 installed)")
    return found


def lupdate(ts: Path) -> None:
    """Merge the strings of the code into ``ts`` (existing translations are kept)."""
    subprocess.run([_tool("pyside6-lupdate"), "-extensions", "py", str(SOURCES),
                    "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                   check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
                   check=True, capture_output=True)


def entries(ts: Path = TS) -> dict[Key, str | None]:
    """Every message of ``ts``: its finished translation, or None when it has none yet
    (missing, empty, or marked unfinished/vanished/obsolete)."""
    out: dict[Key, str | None] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            target = msg.find("translation")
            text = None if target is None else target.text
            finished = target is not None and not target.get("type") and bool(text)
            out[(name, msg.findtext("source") or "")] = text if finished else None
    return out


def translations(ts: Path = TS) -> dict[str, str]:
    """Source text -> its Chinese, over all contexts (finished entries only)."""
    return {source: text for (_ctx, source), text in entries(ts).items() if text}


def current_entries() -> dict[Key, str | None]:
    """``entries`` of the .ts as lupdate would make it from the code now (a temp copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TS.name
        shutil.copyfile(TS, copy)
        lupdate(copy)
        return entries(copy)


def unfinished(found: dict[Key, str | None]) -> list[Key]:
    return sorted(key for key, text in found.items() if text is None)


def qm_is_current() -> bool:
    """Whether the committed .qm is what lrelease makes of the committed .ts."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / QM.name
        lrelease(TS, fresh)
        return QM.is_file() and fresh.read_bytes() == QM.read_bytes()


def from_json(path: Path) -> dict[Key, str]:
    """The filled-in entries of a ``--json`` list."""
    return {(item["context"], item["source"]): item["translation"]
            for item in json.loads(path.read_text(encoding="utf-8"))
            if item.get("translation")}


def from_dict(path: Path) -> dict[Key, str]:
    """The unfinished entries whose source text a ``ZH_STRINGS``/``ZH`` dict of
    ``path`` translates (any context)."""
    namespace: dict[str, object] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # noqa: S102
    table: dict[str, str] = {}
    for name in ("ZH", "ZH_STRINGS"):
        found = namespace.get(name)
        if isinstance(found, dict):
            table.update(found)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TS.name
        shutil.copyfile(TS, copy)
        lupdate(copy)
        todo = unfinished(entries(copy))
    return {(ctx, source): table[source] for ctx, source in todo if source in table}


def apply(given: dict[Key, str]) -> int:
    """Write ``given`` translations into the unfinished entries of the .ts; returns how
    many were written."""
    lupdate(TS)  # the entries of the new strings must exist before they are filled
    tree = ET.parse(TS)
    written = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            target = msg.find("translation")
            key = (name, msg.findtext("source") or "")
            if key not in given or target is None:
                continue
            if target.text and not target.get("type"):
                continue  # finished: a translator's work is never replaced
            target.text = given[key]
            target.attrib.pop("type", None)
            written += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
    lupdate(TS)  # back to lupdate's own layout, so diffs stay small
    lrelease(TS, QM)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ts-only", action="store_true",
                        help="check the committed .ts without running lupdate")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.add_argument("--apply", type=Path, metavar="FILE",
                        help="write the translations of a --json file into the .ts")
    parser.add_argument("--apply-dict", type=Path, metavar="FILE",
                        help="the same from a zh_strings.py-style ZH_STRINGS dict")
    args = parser.parse_args(argv)
    if args.apply or args.apply_dict:
        given = from_json(args.apply) if args.apply else from_dict(args.apply_dict)
        print(f"{apply(given)} translations written; .ts and .qm refreshed")
    found = entries(TS) if args.ts_only else current_entries()
    missing = unfinished(found)
    if args.json:
        print(json.dumps([{"context": c, "source": s, "translation": ""} for c, s in missing],
                         ensure_ascii=False, indent=1))
    else:
        for context, source in missing:
            print(f"[{context}] {source!r}")
        print(f"{len(missing)} of {len(found)} strings unfinished", file=sys.stderr)
    stale = not qm_is_current()
    if stale:
        print("the .qm is older than the .ts: run sh resources/i18n/update.sh", file=sys.stderr)
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
