"""``org import``, ``cases import|export|imports`` and ``dhis2 export``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mediator_app.cli.common import EXIT_INPUT, EXIT_OK, Context, date_arg, opened, stderr_progress
from mediator_app.cli.help_texts import helper
from mediator_app.cli.login import package_password_for_export, package_password_for_import
from mediator_app.cli.texts import err, is_en, text
from mediator_app.domain.progress import Cancelled
from mediator_app.services.csv_io import CsvImportError

if TYPE_CHECKING:  # the services are imported by the handlers: a quick start (issue 13)
    from mediator_app.services.exchange.case_exchange import ImportResult

MAX_PRINTED = 50


def add_parsers(sub: Any, common: argparse.ArgumentParser, lang: str = "zh") -> None:
    h = helper(lang)
    org = sub.add_parser("org", parents=[common], help=h("org"), description=h("org"))
    org_sub = org.add_subparsers(dest="org_command", metavar="ACTION", required=True,
                                 title=h("actions"))
    p = org_sub.add_parser("import", parents=[common], help=h("org.import"),
                           description=h("org.import"))
    p.add_argument("files", nargs="+", metavar="FILE", help=h("files"))
    p.set_defaults(handler=cmd_org_import)
    _cases_parsers(sub, common, h)
    _dhis2_parsers(sub, common, h)


def _cases_parsers(sub: Any, common: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    cases = sub.add_parser("cases", parents=[common], help=h("cases"), description=h("cases"))
    cases_sub = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True,
                                     title=h("actions"))
    p = cases_sub.add_parser("import", parents=[common], help=h("cases.import"),
                             description=h("cases.import"))
    p.add_argument("files", nargs="+", metavar="FILE", help=h("files"))
    p.add_argument("--dry-run", action="store_true", help=h("cases.dry_run"))
    p.set_defaults(handler=cmd_cases_import)
    p = cases_sub.add_parser("import-ledger", parents=[common], help=h("cases.import_ledger"),
                             description=h("cases.import_ledger"))
    p.add_argument("file", metavar="FILE", help=h("ledger.file"))
    p.add_argument("--mapping", required=True, metavar="MAPPING.json", help=h("ledger.mapping"))
    p.add_argument("--dry-run", action="store_true", help=h("cases.dry_run"))
    p.set_defaults(handler=cmd_cases_import_ledger)
    p = cases_sub.add_parser("export", parents=[common], help=h("cases.export"),
                             description=h("cases.export"))
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="FILE", help=h("export.out"))
    target.add_argument("--package", metavar="FILE.zip", help=h("export.package"))
    p.add_argument("--scope", metavar="CODE", help=h("export.scope"))
    p.add_argument("--from", dest="date_from", metavar="DATE", help=h("export.from"))
    p.add_argument("--to", dest="date_to", metavar="DATE", help=h("export.to"))
    p.add_argument("--with-personal-data", action="store_true", help=h("export.personal"))
    p.set_defaults(handler=cmd_cases_export)
    p = cases_sub.add_parser("imports", parents=[common], help=h("cases.imports"),
                             description=h("cases.imports"))
    p.add_argument("--limit", type=int, default=None, metavar="N", help=h("imports.limit"))
    p.set_defaults(handler=cmd_cases_imports)


def _dhis2_parsers(sub: Any, common: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    dhis2 = sub.add_parser("dhis2", parents=[common], help=h("dhis2"), description=h("dhis2"))
    dhis2_sub = dhis2.add_subparsers(dest="dhis2_command", metavar="ACTION", required=True,
                                     title=h("actions"))
    p = dhis2_sub.add_parser("export", parents=[common], help=h("dhis2.export"),
                             description=h("dhis2.export"))
    p.add_argument("--period", required=True, metavar="YYYY-MM|YYYY", help=h("dhis2.period"))
    p.add_argument("--scope", required=True, metavar="CODE", help=h("dhis2.scope"))
    p.add_argument("--out", required=True, metavar="FILE.csv", help=h("dhis2.out"))
    p.add_argument("--level", choices=["街道", "乡镇", "村", "社区", "网格"], default=None,
                   help=h("dhis2.level"))
    p.add_argument("--mapping", metavar="FILE", help=h("dhis2.mapping"))
    p.add_argument("--orgunit-map", metavar="FILE", help=h("dhis2.orgunit_map"))
    p.add_argument("--as-of", metavar="DATE", help=h("as_of"))
    p.set_defaults(handler=cmd_dhis2_export)


def cmd_org_import(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.organisation.import_files import import_org

    with opened(ctx.db_path, create=True, waits=ctx.lang) as db:
        result = import_org(db, args.files)
    for counts in result.files:
        print(text("org.counts", ctx.lang, file=counts.file, kind=counts.kind, rows=counts.rows,
                   new=counts.new, updated=counts.updated))
    return EXIT_OK


def _print_counts(files: Any, lang: str) -> None:
    for c in files:
        print(text("import.counts", lang, file=c.file, new=c.new, updated=c.updated,
                   unchanged=c.unchanged, stale=c.stale, errors=c.errors,
                   conflicts=c.conflicts))


def _print_listed(label: str, items: list[str], total: int, lang: str) -> None:
    for line in items[:MAX_PRINTED]:
        print(f"{text(label, lang)}{line}")
    if total > MAX_PRINTED:
        print(text("import.more", lang, count=total - MAX_PRINTED))


def _print_result(result: ImportResult, lang: str) -> None:
    _print_counts(result.files, lang)
    _print_listed("import.conflict", [c.text(lang) for c in result.conflicts],
                  result.total("conflicts"), lang)
    _print_listed("import.warning", [getattr(w, "text", lambda _l, w=w: w)(lang)
                                     for w in result.warnings], len(result.warnings), lang)
    before, after = result.totals_before, result.totals_after
    if before and after:
        print(text("import.totals", lang, **{f"{k}_before": before[k] for k in before},
                   **{f"{k}_after": after[k] for k in after}))


def cmd_cases_import(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.exchange.case_exchange import import_cases

    return _run_import(args, ctx, lambda db, progress: import_cases(
        db, args.files, dry_run=args.dry_run, progress=progress,
        package_password=package_password_for_import(args.files)))


def cmd_cases_import_ledger(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.ledger_import.importer import import_ledger
    from mediator_app.services.ledger_import.mapping import load_mapping

    mapping = load_mapping(args.mapping)  # a bad mapping: before the database is touched
    return _run_import(args, ctx, lambda db, progress: import_ledger(
        db, args.file, mapping, dry_run=args.dry_run, progress=progress))


def _run_import(args: argparse.Namespace, ctx: Context,
                run: Callable[[Any, Any], ImportResult]) -> int:
    """``cases import`` and ``cases import-ledger``: the same output and exit codes."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)

    progress = stderr_progress("…") if sys.stderr.isatty() else None
    with opened(ctx.db_path, create=True, waits=ctx.lang) as db:
        try:
            result = run(db, progress)
        except CsvImportError as exc:
            partial = getattr(exc, "result", None)
            if args.dry_run and partial is not None:
                _print_counts(partial.files, ctx.lang)
            raise
        except Cancelled:
            err(text("import.cancelled", ctx.lang), ctx.lang)
            return EXIT_INPUT
    _print_result(result, ctx.lang)
    if args.dry_run:
        print(text("import.dry_run", ctx.lang))
    return EXIT_OK


def cmd_cases_export(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.exchange.case_export import export_cases

    date_from = date_arg(args.date_from, "received_on")
    date_to = date_arg(args.date_to, "received_on")
    with opened(ctx.db_path, create=False) as db:
        if args.package:
            # lazy: packages need the whole exchange service (sqlite-utils); cases.csv not
            from mediator_app.services.exchange.package_export import export_package

            manifest = export_package(db, args.package, scope=args.scope, date_from=date_from,
                                      date_to=date_to,
                                      with_personal_data=args.with_personal_data,
                                      package_password=package_password_for_export(
                                          db, args.with_personal_data))
            print(text("export.package", ctx.lang, count=manifest.files["cases.csv"]["rows"],
                       path=args.package, files=len(manifest.files)))
            return EXIT_OK
        write = export_cases
        if args.out.lower().endswith(".xlsx"):
            # lazy: the .xlsx writer (XlsxWriter) and the whole exchange service
            from mediator_app.services.exchange.case_exchange import export_cases_xlsx

            write = export_cases_xlsx
        count = write(db, args.out, scope=args.scope, date_from=date_from, date_to=date_to)
    print(text("export.done", ctx.lang, count=count, path=args.out))
    return EXIT_OK


_LOG_COLUMNS = ("id", "at", "user", "kind", "file", "source_unit", "rows", "new", "updated",
                "unchanged", "stale", "conflicts", "warnings", "sha256")


def cmd_cases_imports(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.exchange.case_exchange import list_imports

    with opened(ctx.db_path, create=False) as db:
        entries = list_imports(db, args.limit)
    if not entries:
        print(text("imports.none", ctx.lang))
        return EXIT_OK
    rows = [[str(getattr(e, c))[:12] if c == "sha256" else str(getattr(e, c))
             for c in _LOG_COLUMNS] for e in entries]
    header = list(_LOG_COLUMNS) if is_en(ctx.lang) else [text(f"log.{c}", ctx.lang)
                                                         for c in _LOG_COLUMNS]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths,
                                                                            strict=True)).rstrip())
    return EXIT_OK


def _width(cell: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell)


def cmd_dhis2_export(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.statistics.dhis2 import export_dhis2

    as_of = date_arg(args.as_of, "as_of")
    with opened(ctx.db_path, create=False) as db:
        count = export_dhis2(db, args.out, period=args.period, scope=args.scope,
                             level=args.level, mapping=args.mapping,
                             orgunit_map=args.orgunit_map, as_of=as_of)
    print(text("dhis2.done", ctx.lang, count=count, path=args.out))
    return EXIT_OK
