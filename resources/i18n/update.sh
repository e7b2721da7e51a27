#!/bin/sh
# Refresh the Chinese catalogue from the code and compile it (docs/translating.md).
#
# lupdate adds the new source strings of mediator_app/ui as unfinished entries and keeps
# every translation already in the .ts (it never overwrites a translator's work; strings
# gone from the code are dropped). Translate the unfinished ones in Qt Linguist
# (pyside6-linguist resources/i18n/mediator_zh_CN.ts) or with untranslated.py --apply,
# then run this again to rebuild the .qm.
set -e
cd "$(dirname "$0")/../.."
uv run pyside6-lupdate -extensions py mediator_app/ui -no-obsolete -locations none \
    -ts resources/i18n/mediator_zh_CN.ts
uv run pyside6-lrelease resources/i18n/mediator_zh_CN.ts -qm resources/i18n/mediator_zh_CN.qm
uv run python resources/i18n/untranslated.py --ts-only
