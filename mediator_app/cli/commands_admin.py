"""GUI start, ``demo``, ``report``, ``backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mediator_app.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    Context,
    date_arg,
    opened,
    stderr_progress,
)
from mediator_app.cli.help_texts import helper
from mediator_app.cli.login import restore_guard
from mediator_app.cli.texts import LEVELS_EN, TEXTS, check_problems, err, is_en, text
from mediator_app.services import faults, ledger
from mediator_app.services.ledger import DatabaseDamaged, StorageError

# Services are imported by the handlers that use them (all but the light services.ledger),
# so that `--help` and light commands start quickly (issue 13; tests/unit/test_startup.py).


def add_parsers(sub: Any, common: argparse.ArgumentParser, lang: str = "zh") -> None:
    h = helper(lang)
    p = sub.add_parser("demo", parents=[common], help=h("demo"), description=h("demo"))
    p.add_argument("--cases", type=int, metavar="N", help=h("demo.cases"))
    p.add_argument("--seed", type=int, default=1, metavar="S", help=h("demo.seed"))
    p.set_defaults(handler=cmd_demo)
    p = sub.add_parser("report", parents=[common], help=h("report"), description=h("report"))
    p.add_argument("--period", required=True, metavar="P", help=h("report.period"))
    p.add_argument("--scope", required=True, metavar="CODE", help=h("report.scope"))
    p.add_argument("--format", required=True, choices=["json", "csv", "pdf"], dest="fmt",
                   help=h("report.format"))
    p.add_argument("--out", metavar="FILE", help=h("report.out"))
    p.add_argument("--as-of", metavar="DATE", help=h("as_of"))
    p.add_argument("--layout", choices=["sheet", "report"], default="sheet",
                   help=h("report.layout"))
    p.set_defaults(handler=cmd_report)
    p = sub.add_parser("backup", parents=[common], help=h("backup"), description=h("backup"))
    p.add_argument("--out", required=True, metavar="FILE", help=h("backup.out"))
    p.add_argument("--force", action="store_true", help=h("backup.force"))
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help=h("restore"), description=h("restore"))
    p.add_argument("file", metavar="FILE", help=h("restore.file"))
    p.set_defaults(handler=cmd_restore)
    p = sub.add_parser("privacy-log", parents=[common], help=h("privacy_log"),
                       description=h("privacy_log"))
    p.add_argument("--limit", type=int, default=200, metavar="N", help=h("privacy_log.limit"))
    p.set_defaults(handler=cmd_privacy_log)
    p = sub.add_parser("check", parents=[common], help=h("check"), description=h("check"))
    p.add_argument("--full", action="store_true", help=h("check.full"))
    p.set_defaults(handler=cmd_check)


# ---- GUI and demo -----------------------------------------------------------------------


def _summary_text(summary: Any, lang: str = "zh") -> str:
    if lang != "en" and hasattr(summary, "lines"):
        return "\n  " + "\n  ".join(summary.lines())
    if hasattr(summary, "streets"):
        return (f"\n  district {summary.district_name} ({summary.district_code}), seed "
                f"{summary.seed}\n  {summary.streets} streets/towns, {summary.villages} "
                f"villages, {summary.communities} communities, {summary.grids} grids\n  "
                f"{summary.committees} committees, {summary.mediators} mediators, "
                f"{summary.grid_workers} grid workers\n  {summary.cases} cases, "
                f"{summary.parties} parties, {summary.seconds:.1f} s")
    if dataclasses.is_dataclass(summary) and not isinstance(summary, type):
        return ", ".join(f"{k}={v}" for k, v in dataclasses.asdict(summary).items()
                         if isinstance(v, (int, str, float)))
    return str(summary)


def _building(lang: str, path: Path, build: Callable[[Any], Any]) -> None:
    """Run ``build(progress)`` between the "building" and "done" lines on stderr."""
    print(text("demo.building", lang, path=path), file=sys.stderr, flush=True)
    summary = build(stderr_progress("demo"))
    print(text("demo.done", lang, summary=_summary_text(summary, lang)), file=sys.stderr)


def _demo_module(lang: str) -> Any:
    """``services.demo.district``, or None after saying that it is not available."""
    try:
        return importlib.import_module("mediator_app.services.demo.district")
    except ImportError as exc:
        err(text("module.unavailable", lang, detail=exc), lang)
        return None


def _demo_refused(exc: Exception, lang: str, path: Path) -> int:
    code = str(getattr(exc, "code", ""))
    params = {**getattr(exc, "params", {}), "path": path}
    err(text(code, lang, **params) if code in TEXTS else faults.describe(exc, lang, "demo"),
        lang)
    return EXIT_INPUT


def _ensure_demo(demo: Any, path: Path, lang: str) -> None:
    """A complete demo at ``path``: kept when there is one, else built (a partial one,
    e.g. from an interrupted build, is moved aside first and the user told so)."""
    state = demo.file_state(path)
    if state == demo.COMPLETE:
        return
    if state == demo.PARTIAL:
        moved = demo.set_aside(path)
        print(text("demo.broken", lang, path=path, moved=moved), file=sys.stderr, flush=True)
    _building(lang, path, lambda progress: demo.build_demo_file(path, progress=progress))


def use_demo(args: argparse.Namespace, ctx: Context) -> int | None:
    """``mediator-app --demo <command> …``: run the command on the demo ledger (``--db`` if
    given, else demo.db in the data folder), built first when it is missing. Returns an
    exit code when the demo cannot be had, else None (args and ctx now point at it)."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.ledger import default_demo_path

    path = Path(ctx.db_arg) if ctx.db_arg else default_demo_path()
    if getattr(args, "handler", None) is not cmd_demo:  # `--demo demo` builds it itself
        demo = _demo_module(ctx.lang)
        if demo is None:
            return EXIT_INPUT
        try:
            _ensure_demo(demo, path, ctx.lang)
        except demo.DemoError as exc:
            return _demo_refused(exc, ctx.lang, path)
    ctx.db_arg = str(path)
    args.db = str(path)
    return None


def cmd_gui(args: argparse.Namespace, ctx: Context) -> int:
    path = ctx.db_path
    if args.demo:
        # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
        from mediator_app.services.ledger import default_demo_path

        path = Path(ctx.db_arg) if ctx.db_arg else default_demo_path()
        demo = _demo_module(ctx.lang)
        if demo is None:
            return EXIT_INPUT
        try:
            _ensure_demo(demo, path, ctx.lang)
        except demo.DemoError as exc:
            return _demo_refused(exc, ctx.lang, path)
    try:
        # lazy: Qt (PySide6) loads only when the window opens
        from mediator_app.ui.app import run_gui
    except ImportError as exc:
        err(text("gui.unavailable", ctx.lang, detail=exc), ctx.lang)
        return EXIT_INPUT
    return int(run_gui(str(path), lang=getattr(args, "lang", None)))


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    """A new file is built whole (``<path>.part``, moved on success); an existing empty
    database is filled in place."""
    path = ctx.db_path
    demo = _demo_module(ctx.lang)
    if demo is None:
        return EXIT_INPUT
    size = {"cases": args.cases, "seed": args.seed}
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)

    try:
        if not path.exists():
            _building(ctx.lang, path,
                      lambda progress: demo.build_demo_file(path, progress=progress, **size))
            return EXIT_OK
        with opened(path, create=True) as db:
            count = ledger.case_count(db)
            if count:
                err(text("demo.has_cases", ctx.lang, path=path, count=count), ctx.lang)
                return EXIT_INPUT
            _building(ctx.lang, path,
                      lambda progress: demo.build_demo(db, progress=progress, **size))
    except demo.DemoError as exc:
        return _demo_refused(exc, ctx.lang, path)
    return EXIT_OK


# ---- report -------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    if args.fmt == "pdf" and not args.out:
        err(text("report.pdf_needs_out", ctx.lang), ctx.lang)
        return EXIT_USAGE
    try:
        # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
        from mediator_app.services.statistics.sheet import export_report
    except ImportError as exc:
        err(text("module.unavailable", ctx.lang, detail=exc), ctx.lang)
        return EXIT_INPUT
    as_of = date_arg(args.as_of, "as_of")
    with opened(ctx.db_path, create=False) as db:
        if args.fmt == "pdf" and args.layout == "report":
            # lazy: reportlab (about 0.3 s) loads only when a PDF is made
            from mediator_app.services.statistics.district_report import district_report_pdf

            data = district_report_pdf(db, period=args.period, scope=args.scope,
                                       as_of=as_of, lang=ctx.lang)
        else:
            data = export_report(db, period=args.period, scope=args.scope, fmt=args.fmt,
                                 as_of=as_of, lang=ctx.lang)
    if args.out:
        ledger.write_atomically(args.out, data)  # whole or not at all, owner-only
        print(text("written", ctx.lang, path=args.out), file=sys.stderr)
    else:
        _write_stdout(data)
    return EXIT_OK


def _write_stdout(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))


# ---- backup, restore, check -------------------------------------------------------------


def cmd_privacy_log(args: argparse.Namespace, ctx: Context) -> int:
    """Who viewed or exported parties' personal data, newest first (tab-separated)."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust.privacy import VIEW, personal_data_log

    with opened(ctx.db_path, create=False) as db:
        entries = personal_data_log(db, limit=args.limit)
    words = {VIEW: ("查看", "viewed")}
    for e in entries:
        action = words.get(e.action, ("导出", "exported"))[1 if is_en(ctx.lang) else 0]
        print("\t".join([e.at, e.user, action, e.entity_key, e.field]))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import backup as backup_service

    with opened(ctx.db_path, create=False) as db:
        try:
            target = backup_service.backup(db, args.out, source_path=str(ctx.db_path),
                                           overwrite=args.force)
        except StorageError as exc:
            if exc.code not in ("backup.exists", "backup.no_folder", "backup.is_folder"):
                raise
            err(text(exc.code, ctx.lang, **exc.params), ctx.lang)
            return EXIT_INPUT
    print(text("backup.done", ctx.lang, path=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import backup as backup_service

    with restore_guard(ctx.db_path, args.file):  # an encrypted ledger: login, 系统管理员
        saved = backup_service.restore(ctx.db_path, args.file)
    key = "restore.done" if saved else "restore.done_new"
    print(text(key, ctx.lang, source=args.file, saved=saved))
    return EXIT_OK


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    """Healthy file: counts and the checks (quick by default, ``--full`` for SQLite's
    integrity_check; exit 0 or 1). A file the opening health check finds damaged is
    looked at read-only: SQLite's findings and the last verified backup (exit 1); nothing
    is written to it."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import backup as backup_service

    progress = stderr_progress("…") if sys.stderr.isatty() else None
    try:
        with opened(ctx.db_path, create=False) as db:
            health = backup_service.check(db, str(ctx.db_path),
                                          full=getattr(args, "full", False),
                                          progress=progress)
    except DatabaseDamaged as exc:  # found on opening, or by the checks themselves
        return _check_damaged(ctx, exc.backup)
    print(text("check.counts", ctx.lang, **health.counts))
    if health.units_by_level:
        print(text("check.levels", ctx.lang, levels=_levels(health.units_by_level, ctx.lang)))
    if health.ok:
        print(text("check.ok", ctx.lang))
        return EXIT_OK
    err(text("check.bad", ctx.lang), ctx.lang)
    for problem in check_problems(health.problems, ctx.lang):
        print(f"  - {problem}", file=sys.stderr)
    return EXIT_INPUT


def _check_damaged(ctx: Context, backup: str = "") -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import backup as backup_service

    handle = ledger.open_database(ctx.db_path, readonly=True, allow_damaged=True)
    try:
        problems = backup_service.damage(handle.db)
    finally:
        handle.close()
    err(text("check.bad", ctx.lang), ctx.lang)
    for problem in check_problems(problems, ctx.lang):
        print(f"  - {problem}", file=sys.stderr)
    last = handle.last_backup or backup
    if last:
        err(text("check.damaged_backup", ctx.lang, backup=last), ctx.lang)
    return EXIT_INPUT


def _levels(counts: dict[str, int], lang: str) -> str:
    """``区 1，街道 7，…`` in the order of the dict (the service orders by level rank)."""
    if is_en(lang):
        return ", ".join(f"{LEVELS_EN.get(k, k)} {v}" for k, v in counts.items())
    return "，".join(f"{k} {v}" for k, v in counts.items())
