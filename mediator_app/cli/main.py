"""Entry point of ``mediator-app``: parses the command line and dispatches.

Exit codes: 0 success; 1 bad input (import problems, unknown scope, bad period, failed
check); 2 usage (argparse, pdf without --out); 3 database file problems (missing,
unreadable, written by a newer program); 4 login failed (wrong or missing user, password
or recovery key; locked or disabled account); 5 refused by the user's role or scope;
70 an unexpected failure (the message names the log file with the details); 130
interrupted; 141 the output pipe was closed (``check | head -2``: a quiet exit, as for
SIGPIPE).

No traceback and no exception text in English reaches the user: every exception ends
here as a sentence (``services.faults``), the unforeseen ones logged.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from mediator_app import __version__
from mediator_app.cli import (
    commands_admin,
    commands_data,
    commands_docs,
    commands_subsidy,
    commands_trust,
)
from mediator_app.cli.common import (
    EXIT_DENIED,
    EXIT_INPUT,
    EXIT_LOGIN,
    EXIT_STORAGE,
    EXIT_USAGE,
    Context,
)
from mediator_app.cli.console import setup_console_streams
from mediator_app.cli.help_texts import argparse_language, helper, lang_of
from mediator_app.cli.login import configure as configure_login
from mediator_app.cli.texts import domain_error, err, storage_error, text
from mediator_app.domain.access import AccessDenied
from mediator_app.domain.account_messages import AccountError, LoginFailed
from mediator_app.domain.errors import DomainError
from mediator_app.services import faults
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.ledger import SQLITE_ERRORS as SqliteErrors
from mediator_app.services.ledger import KeyFileError, StorageError, restrict_umask

EXIT_FAULT = 70  # EX_SOFTWARE; 4 and 5 are the login and permission refusals (issue 9)
EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell reports for ``yes | head -1``

Handler = Callable[[argparse.Namespace, Context], int]


def _common(lang: str) -> argparse.ArgumentParser:
    """--db and --lang, accepted before or after the sub-command."""
    h = helper(lang)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=h("opt.db"))
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help=h("opt.lang"))
    common.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                        help=("登录用户（加密台账；也可用环境变量 MEDIATOR_APP_USER）"
                              if lang != "en" else "user to log in as (encrypted ledger; "
                              "or MEDIATOR_APP_USER)"))
    return common


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The whole parser, its help in ``lang``. Build (and parse) inside
    ``argparse_language(lang)`` so that argparse's own words match."""
    h = helper(lang)
    common = _common(lang)
    parser = argparse.ArgumentParser(prog="mediator-app", parents=[common],
                                     description=h("prog.description"))
    parser.add_argument("--demo", action="store_true", help=h("opt.demo"))
    parser.add_argument("--version", action="version",
                        version=f"mediator-app {__version__}", help=h("opt.version"))
    parser.add_argument("--self-test", action="store_true", dest="self_test",
                        help=h("opt.self_test"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=h("commands"))
    commands_admin.add_parsers(sub, common, lang)
    commands_data.add_parsers(sub, common, lang)
    commands_docs.register(sub, lang)
    commands_subsidy.add_parsers(sub, common, lang)
    commands_trust.add_parsers(sub, common, lang)
    return parser


def _run(args: argparse.Namespace, ctx: Context) -> int:
    handler: Handler | None = getattr(args, "handler", None)
    if getattr(args, "self_test", False):
        # lazy: only `--self-test` needs it; it probes Qt, fonts and SQLite
        from mediator_app.cli.selftest import run_self_test

        return run_self_test(ctx.lang)
    func = getattr(args, "func", None)
    if getattr(args, "demo", False) and (handler is not None or func is not None):
        refused = commands_admin.use_demo(args, ctx)
        if refused is not None:
            return refused
    if func is not None:  # commands_docs handlers take only the arguments
        return int(func(args))
    if handler is None:
        return commands_admin.cmd_gui(args, ctx)
    return handler(args, ctx)


def _action(args: argparse.Namespace) -> str:
    """What the user asked for, in the words of ``fault_messages.ACTIONS``."""
    command = str(getattr(args, "command", "") or "")
    sub = str(getattr(args, "cases_command", "") or getattr(args, "action", "") or "")
    if command in {"backup", "restore", "check", "demo", "report", "document"}:
        return command
    if "import" in (command, sub) or command == "org":
        return "import"
    if "export" in (command, sub) or command == "dhis2":
        return "export"
    return "task"


def _pipe_closed() -> int:
    """The reader went away (``| head``): stop quietly. stdout is pointed at devnull so
    that the interpreter's final flush does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout replaced (tests) or closed
        pass
    return EXIT_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    setup_console_streams()
    restrict_umask()  # every file the program creates is owner-only (storage/files.py)
    argv = list(argv) if argv is not None else sys.argv[1:]
    lang = lang_of(argv)
    try:
        with argparse_language(lang):
            args = build_parser(lang).parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:  # mediator-app --help | head -1
        return _pipe_closed()
    ctx = Context(db_arg=getattr(args, "db", None), lang=getattr(args, "lang", None) or "zh")
    configure_login(getattr(args, "user", None), ctx.lang)
    try:
        return _flushed(_run(args, ctx))
    except BrokenPipeError:
        return _pipe_closed()
    except CsvImportError as exc:
        for line in exc.lines(ctx.lang):
            err(line, ctx.lang)
        return EXIT_INPUT
    except DomainError as exc:
        domain_error(exc, ctx.lang)
        return EXIT_INPUT
    except StorageError as exc:
        err(storage_error(exc.code, dict(exc.params), ctx.lang), ctx.lang)
        return EXIT_STORAGE
    except LoginFailed as exc:
        err(exc.text(ctx.lang), ctx.lang)
        return EXIT_LOGIN
    except AccessDenied as exc:
        err(exc.text(ctx.lang), ctx.lang)
        return EXIT_DENIED
    except AccountError as exc:
        err(exc.text(ctx.lang), ctx.lang)
        return EXIT_STORAGE if exc.code.startswith("keys.") else EXIT_INPUT
    except KeyFileError as exc:
        err(AccountError(exc.code, path=exc.path, detail=exc.detail).text(ctx.lang), ctx.lang)
        return EXIT_STORAGE
    except SqliteErrors as exc:  # e.g. locked, or --db is a folder (sqlite3 too)
        err(text("db.failed", ctx.lang, detail=faults.detail_sentence(
            faults.detail_of(exc, _action(args)), ctx.lang)), ctx.lang)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        err(text("interrupted", ctx.lang), ctx.lang)
        return 130
    except RecursionError as exc:  # before Exception: never a traceback, never English
        err(faults.describe(exc, ctx.lang, _action(args)), ctx.lang)
        return EXIT_INPUT
    except Exception as exc:  # noqa: BLE001 - the last line: a sentence and the log
        err(faults.describe(exc, ctx.lang, _action(args)), ctx.lang)
        return EXIT_INPUT if faults.plain_os_error(exc) else EXIT_FAULT


def _flushed(code: int) -> int:
    """Flush inside the ``try``: a closed pipe shows up here, not at interpreter exit."""
    sys.stdout.flush()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
