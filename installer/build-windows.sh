#!/usr/bin/env bash
# Build the Windows installer and portable zip on Linux (see installer/README.md).
#   installer/build-windows.sh [--compression lzma|zlib] [--no-installer] [--no-zip]
# Needs: uv, makensis (apt: nsis), osslsigncode, objdump (binutils).
set -euo pipefail
cd "$(dirname "$0")/.."
exec uv run --frozen python installer/build_windows.py "$@"
