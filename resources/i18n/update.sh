#!/bin/sh
# Refresh the Chinese catalogue: extract strings, fill translations, compile.
set -e
cd "$(dirname "$0")/../.."
uv run pyside6-lupdate -extensions py mediator_app/ui -no-obsolete -ts resources/i18n/mediator_zh_CN.ts
uv run python resources/i18n/fill_zh.py
uv run pyside6-lrelease resources/i18n/mediator_zh_CN.ts -qm resources/i18n/mediator_zh_CN.qm
