"""JSON bytes of plain data (UTF-8, Chinese kept as text)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def json_bytes(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
