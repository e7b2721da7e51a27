"""CLI commands for case documents and monthly submissions (审核上报).

``register(subparsers)`` adds:

- ``document --case CASE_NO_OR_UUID --kind KIND --out FILE``: print a case document as PDF
- ``submit --period YYYY-MM --scope CODE [--review-only | --review-and-submit]``: submit a
  reviewed month; ``--review-only`` reviews, ``--review-and-submit`` does both at once
- ``submissions --period YYYY-MM --scope CODE``: who has submitted the month

Each handler takes the parsed arguments and returns the exit code: 0 done, 1 refused
(the reason is printed on stderr in plain words). ``--db``, ``--user`` and ``--lang`` may
also come from the main parser; when given here they win.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediator_app.cli.common import ENV_DB
from mediator_app.cli.help_texts import helper
from mediator_app.cli.login import LOGIN, logged_in_db
from mediator_app.cli.texts import storage_error
from mediator_app.domain import catalogue
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.reports.case_docs_data import KINDS
from mediator_app.services import ledger
from mediator_app.services.ledger import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mediator_app.services.statistics import submissions

# The services (documents: reportlab) are imported by the handlers that use them, so that
# `--help` and other commands start quickly (issue 13; tests/unit/test_startup.py).

Handler = Callable[[argparse.Namespace], int]


# ---- shared plumbing -----------------------------------------------------------------


def _common(p: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    # SUPPRESS: an option not given here leaves the main parser's value alone.
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=h("opt.db"))
    p.add_argument("--user", default=argparse.SUPPRESS, help=h("opt.user"))
    p.add_argument("--lang", default=argparse.SUPPRESS, choices=("zh", "en"),
                   help=h("opt.lang"))


def _lang(args: argparse.Namespace) -> str:
    return str(getattr(args, "lang", None) or "zh")


def _err(text: str) -> None:
    print(text, file=sys.stderr)


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.ledger import default_db_path

    path = Path(getattr(args, "db", None) or os.environ.get(ENV_DB) or default_db_path())
    if not path.exists():
        raise StorageError("db.missing", path=str(path))

    LOGIN.user = getattr(args, "user", None) or LOGIN.user
    with logged_in_db(path) as db:  # an encrypted ledger needs a login (issue 9)
        yield db


def _run(args: argparse.Namespace, body: Callable[[Database], int]) -> int:
    lang = _lang(args)
    try:
        with _database(args) as db:
            return body(db)
    except DomainError as exc:
        for problem in exc.problems:
            _err(message(problem, lang))
    except StorageError as exc:
        _err(storage_error(exc.code, dict(exc.params), lang))  # never the raw code
    return 1


def _t(key: str, lang: str, **params: object) -> str:
    return catalogue.text("cli.docs", key, lang, **params)


# ---- document ------------------------------------------------------------------------


def cmd_document(args: argparse.Namespace) -> int:
    """Write one case document (or the whole case file) as PDF to ``--out``."""
    # lazy: reportlab (about 0.3 s) loads only when a PDF is made
    from mediator_app.services.cases import documents

    lang, out = _lang(args), Path(args.out)

    def body(db: Database) -> int:
        rowid = documents.find_case(db, args.case)
        pdf = documents.render_case_document(db, rowid, args.kind, lang=lang,
                                             user=getattr(args, "user", "") or "")
        try:
            ledger.write_atomically(out, pdf)  # owner-only: it holds parties' data
        except OSError as exc:
            _err(_t("write_failed", lang, out=out, error=exc.strerror or exc))
            return 1
        print(_t("written", lang, out=out))
        return 0

    return _run(args, body)


# ---- submit ------------------------------------------------------------------------------


def _summary(sub: submissions.Submission, lang: str) -> str:
    scope = sub.snapshot.get("scope", {})
    totals = sub.snapshot.get("totals", {})
    zero = _t("zero_report", lang) if sub.zero_report else ""
    return _t("summary", lang, action=_t("submitted" if sub.submitted else "reviewed", lang),
              name=scope.get("name", sub.scope), period=sub.period, version=sub.version,
              zero=zero, disputes=totals.get("disputes", 0), resolved=totals.get("resolved", 0),
              rate=totals.get("resolution_rate_text", ""))


def cmd_submit(args: argparse.Namespace) -> int:
    """Submit the reviewed month of a unit (refused without a current review);
    ``--review-only`` reviews it, ``--review-and-submit`` reviews and submits at once."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.statistics import submissions

    lang = _lang(args)
    action = (submissions.review_month if args.review_only
              else submissions.review_and_submit if getattr(args, "review_and_submit", False)
              else submissions.submit_month)

    def body(db: Database) -> int:
        sub = action(db, args.scope, args.period, user=getattr(args, "user", "") or "")
        print(_summary(sub, lang))
        if sub.submitted:
            note = _not_submitted_note(submissions.completeness(db, args.scope, args.period),
                                       lang)
            if note:
                print(note)
        return 0

    return _run(args, body)


MAX_NAMED = 5


def _not_submitted_note(units: list[submissions.UnitStatus], lang: str) -> str:
    """``注意：下级单位中有 13 个尚未上报：A、B、C、D、E 等。`` ("" when all submitted)."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.statistics import submissions

    missing = submissions.not_submitted(units)
    if not missing:
        return ""
    names = _t("list_sep", lang).join(u.name for u in missing[:MAX_NAMED])
    more = _t("more", lang) if len(missing) > MAX_NAMED else ""
    return _t("not_submitted", lang, count=len(missing), names=names, more=more)


# ---- submissions (completeness) --------------------------------------------------------

_HEAD = ("head.code", "head.unit", "head.level", "head.state", "head.disputes",
         "head.version", "head.by", "head.at")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)


def _row(s: submissions.UnitStatus, lang: str) -> tuple[str, ...]:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.statistics import submissions

    parent = submissions.state_word("parent", lang)
    mark = _t("parent_mark", lang, parent=parent)
    name = s.name + mark if s.is_parent else s.name
    return (s.code, name, s.level, s.label(lang), str(s.disputes),
            str(s.version) if s.version else "", s.by, s.at[:16].replace("T", " "))


def _totals_line(rows: list[submissions.UnitStatus], lang: str) -> str:
    units = [r for r in rows if not r.is_parent]
    done = sum(r.state == "submitted" for r in units)
    zero = sum(r.state == "submitted" and r.zero_report for r in units)
    reviewed = sum(r.state == "reviewed" for r in units)
    return _t("totals", lang, done=done, units=len(units), zero=zero, reviewed=reviewed,
              missing=len(units) - done - reviewed)


def cmd_submissions(args: argparse.Namespace) -> int:
    """Print the completeness table of a month below ``--scope``."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.statistics import submissions

    lang = _lang(args)

    def body(db: Database) -> int:
        rows = submissions.completeness(db, args.scope, args.period)
        head = tuple(_t(key, lang) for key in _HEAD)
        print(format_table([head, *(_row(r, lang) for r in rows)]))
        print(_totals_line(rows, lang))
        return 0

    return _run(args, body)


# ---- registration ------------------------------------------------------------------------


def register(subparsers: Any, lang: str = "zh") -> None:
    """Add ``document``, ``submit`` and ``submissions`` to the main parser's subparsers,
    their help in ``lang``; each sets ``func`` to its handler."""
    h = helper(lang)
    p = subparsers.add_parser("document", help=h("document"),
                              description=h("document.description"))
    p.add_argument("--case", required=True, metavar="CASE", help=h("document.case"))
    p.add_argument("--kind", required=True, choices=KINDS, help=h("document.kind"))
    p.add_argument("--out", required=True, metavar="FILE", help=h("document.out"))
    _common(p, h)
    p.set_defaults(func=cmd_document)

    p = subparsers.add_parser("submit", help=h("submit"), description=h("submit.description"))
    p.add_argument("--period", required=True, metavar="YYYY-MM", help=h("month"))
    p.add_argument("--scope", required=True, metavar="CODE", help=h("submit.scope"))
    how = p.add_mutually_exclusive_group()
    how.add_argument("--review-only", action="store_true", help=h("submit.review_only"))
    how.add_argument("--review-and-submit", action="store_true",
                     help=h("submit.review_and_submit"))
    _common(p, h)
    p.set_defaults(func=cmd_submit)

    p = subparsers.add_parser("submissions", help=h("submissions"),
                              description=h("submissions.description"))
    p.add_argument("--period", required=True, metavar="YYYY-MM", help=h("month"))
    p.add_argument("--scope", required=True, metavar="CODE", help=h("submissions.scope"))
    _common(p, h)
    p.set_defaults(func=cmd_submissions)
