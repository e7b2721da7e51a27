"""``org import``, ``cases import`` and ``cases export``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mediator_app.cli.common import EXIT_INPUT, EXIT_OK, Context, date_arg, opened, stderr_progress
from mediator_app.cli.texts import err, text
from mediator_app.services.case_exchange import ImportCancelled, export_cases, import_cases
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.org_import import import_org


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    org = sub.add_parser("org", parents=[common], help="organisation tables")
    org_sub = org.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    p = org_sub.add_parser("import", parents=[common],
                           help="import org_units.csv, committees.csv, people.csv (by header)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_org_import)

    cases = sub.add_parser("cases", parents=[common], help="case exchange (cases.csv v1)")
    cases_sub = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    p = cases_sub.add_parser("import", parents=[common], help="import cases.csv files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.set_defaults(handler=cmd_cases_import)
    p = cases_sub.add_parser("export", parents=[common], help="export cases.csv")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--scope", metavar="CODE", help="org-unit code: cases located beneath it")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="received on or after")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="received on or before")
    p.set_defaults(handler=cmd_cases_export)


def cmd_org_import(args: argparse.Namespace, ctx: Context) -> int:
    with opened(ctx.db_path, create=True) as db:
        result = import_org(db, args.files)
    for counts in result.files:
        print(text("org.counts", ctx.lang, file=counts.file, kind=counts.kind, rows=counts.rows,
                   new=counts.new, updated=counts.updated))
    return EXIT_OK


def _print_counts(files: Any, lang: str) -> None:
    for c in files:
        print(text("import.counts", lang, file=c.file, new=c.new, updated=c.updated,
                   unchanged=c.unchanged, stale=c.stale, errors=c.errors))


def cmd_cases_import(args: argparse.Namespace, ctx: Context) -> int:
    progress = stderr_progress("…") if sys.stderr.isatty() else None
    with opened(ctx.db_path, create=True) as db:
        try:
            result = import_cases(db, args.files, dry_run=args.dry_run, progress=progress)
        except CsvImportError as exc:
            partial = getattr(exc, "result", None)
            if args.dry_run and partial is not None:
                _print_counts(partial.files, ctx.lang)
            raise
        except ImportCancelled:
            err(text("import.cancelled", ctx.lang), ctx.lang)
            return EXIT_INPUT
    _print_counts(result.files, ctx.lang)
    if args.dry_run:
        print(text("import.dry_run", ctx.lang))
    return EXIT_OK


def cmd_cases_export(args: argparse.Namespace, ctx: Context) -> int:
    date_from = date_arg(args.date_from, "received_on")
    date_to = date_arg(args.date_to, "received_on")
    with opened(ctx.db_path, create=False) as db:
        count = export_cases(db, args.out, scope=args.scope, date_from=date_from,
                             date_to=date_to)
    print(text("export.done", ctx.lang, count=count, path=args.out))
    return EXIT_OK
