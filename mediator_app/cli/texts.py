"""How the command line prints its texts and problems. The texts (zh and en) are the
"cli" area of the message catalogue (``domain/catalogue/cli.py``); problems go through
``domain.messages.message``."""

from __future__ import annotations

import re
import sys
from typing import Any

from mediator_app.domain import catalogue
from mediator_app.domain.catalogue.cli import SQLITE_ERRORS as SQLITE_ERRORS  # re-exported
from mediator_app.domain.catalogue.cli import TEXTS as TEXTS  # re-exported
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.services import faults
from mediator_app.services.faults import sqlite_detail as sqlite_detail  # re-exported
from mediator_app.services.faults import storage_error as storage_error  # re-exported

# Org levels in English for ``check`` (the stored values are the Chinese ones).
LEVELS_EN = {zh: catalogue.text("level", zh, "en") for zh in catalogue.AREAS["level"]}


def is_en(lang: str) -> bool:
    return lang.lower().startswith("en")


def text(key: str, lang: str, **params: Any) -> str:
    """``key`` of the catalogue's "cli" area (a missing param shows as "?")."""
    return catalogue.text("cli", key, lang, **params)


def err(line: str, lang: str) -> None:
    print(f"{text('error', lang)}{line}", file=sys.stderr)


def domain_error(exc: DomainError, lang: str) -> None:
    for problem in exc.problems:
        err(message(problem, lang), lang)


_FOREIGN_KEY = re.compile(r"foreign key: table (\S+) rowid (\S+) -> (\S+)")
_PENDING = re.compile(r"pending migrations: (.*)")
_LOCATION = re.compile(r"cases with a wrong location \(org_code\): (\d+)")
_COUNTS = re.compile(r"monthly counts \(case_counts\) differ from the cases in (\d+) rows.*")


def check_problems(problems: list[str], lang: str) -> list[str]:
    """``check``'s findings in the user's language: the program's own findings as
    sentences; SQLite's integrity-check lines summed up in one sentence and written to
    the log file (never printed in English)."""
    out: list[str] = []
    sqlite_lines: list[str] = []
    for problem in problems:
        if m := _FOREIGN_KEY.fullmatch(problem):
            out.append(text("check.foreign_key", lang, table=m[1], rowid=m[2], parent=m[3]))
        elif m := _PENDING.fullmatch(problem):
            out.append(text("check.pending", lang, names=m[1]))
        elif m := _LOCATION.fullmatch(problem):
            out.append(text("check.location", lang, count=m[1]))
        elif m := _COUNTS.fullmatch(problem):
            log = faults.log_lines("check", "case_counts", [problem])
            out.append(text("check.counts_differ", lang, rows=m[1], log=log or "?"))
        else:
            sqlite_lines.append(problem)
    if sqlite_lines:
        log = faults.log_lines("check", "integrity_check", sqlite_lines)
        out.insert(0, text("check.structure", lang, count=len(sqlite_lines),
                           log=log or "?"))
    return out
