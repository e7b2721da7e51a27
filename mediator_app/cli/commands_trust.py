"""``init``, ``encrypt``, ``users …``, ``unlock-with-recovery-key`` and ``audit``
(issue 9: the encrypted ledger and its accounts)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mediator_app.cli.common import EXIT_INPUT, EXIT_OK, Context
from mediator_app.cli.login import logged_in, new_password_for, user_name
from mediator_app.domain import catalogue
from mediator_app.domain.account_messages import AccountError, account_text
from mediator_app.services import ledger

if TYPE_CHECKING:
    from mediator_app.services.trust import accounts

# The services are imported by the handlers (issue 13: `--help` loads no sqlite-utils).


def _h(lang: str) -> Callable[[str], str]:
    return lambda key: catalogue.text("help.trust", key, lang)


def add_parsers(sub: Any, common: argparse.ArgumentParser, lang: str = "zh") -> None:
    h = _h(lang)
    p = sub.add_parser("init", parents=[common], help=h("init"), description=h("init"))
    p.add_argument("--admin", required=True, metavar="NAME", help=h("init.admin"))
    p.add_argument("--plain", action="store_true", help=h("init.plain"))
    p.set_defaults(handler=cmd_init)
    p = sub.add_parser("encrypt", parents=[common], help=h("encrypt"), description=h("encrypt"))
    p.add_argument("--admin", required=True, metavar="NAME", help=h("init.admin"))
    p.add_argument("--keep-plain", action="store_true", help=h("encrypt.keep"))
    p.set_defaults(handler=cmd_encrypt)
    users = sub.add_parser("users", parents=[common], help=h("users"), description=h("users"))
    us = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    p = us.add_parser("add", parents=[common], help=h("users.add"), description=h("users.add"))
    p.add_argument("name", metavar="NAME", help=h("name"))
    p.add_argument("--role", required=True, metavar="ROLE", help=h("role"))
    p.add_argument("--scope", metavar="CODE", help=h("scope"))
    p.add_argument("--personal-data", action="store_true", help=h("personal"))
    p.set_defaults(handler=cmd_users_add)
    p = us.add_parser("list", parents=[common], help=h("users.list"))
    p.set_defaults(handler=cmd_users_list)
    for action, handler in (("disable", cmd_users_disable), ("enable", cmd_users_enable),
                            ("passwd", cmd_users_passwd)):
        p = us.add_parser(action, parents=[common], help=h(f"users.{action}"),
                          description=h(f"users.{action}"))
        p.add_argument("name", metavar="NAME", help=h("name"))
        p.set_defaults(handler=handler)
    p = us.add_parser("set", parents=[common], help=h("users.set"), description=h("users.set"))
    p.add_argument("name", metavar="NAME", help=h("name"))
    p.add_argument("--role", metavar="ROLE", help=h("role"))
    p.add_argument("--scope", metavar="CODE", help=h("scope"))
    grant = p.add_mutually_exclusive_group()
    grant.add_argument("--personal-data", dest="grant", action="store_const", const=True,
                       default=None, help=h("personal"))
    grant.add_argument("--no-personal-data", dest="grant", action="store_const", const=False)
    p.set_defaults(handler=cmd_users_set)
    p = sub.add_parser("unlock-with-recovery-key", parents=[common], help=h("recovery"),
                       description=h("recovery"))
    p.set_defaults(handler=cmd_recovery)
    p = sub.add_parser("audit", parents=[common], help=h("audit"), description=h("audit"))
    p.add_argument("--of-user", dest="of_user", metavar="NAME", default="", help=h("audit.user"))
    p.add_argument("--action", default="", help=h("audit.action"))
    p.add_argument("--case", default="", help=h("audit.case"))
    p.add_argument("--from", dest="date_from", default="", metavar="DATE", help=h("audit.from"))
    p.add_argument("--to", dest="date_to", default="", metavar="DATE", help=h("audit.to"))
    p.add_argument("--limit", type=int, default=200, metavar="N", help=h("audit.limit"))
    p.set_defaults(handler=cmd_audit)


def _say(code: str, lang: str, *, err: bool = False, **params: Any) -> None:
    print(account_text(code, lang, **params), file=sys.stderr if err else sys.stdout)


def _print_recovery(created: accounts.Created, lang: str) -> None:
    if created.recovery_key:
        print(account_text("recovery.line", lang, key=created.recovery_key), flush=True)
        _say("recovery.keep", lang, err=True)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    path = ctx.db_path
    password = None if args.plain else new_password_for(args.admin,
                                                        fallback_env="MEDIATOR_APP_PASSWORD")
    created = accounts.create_ledger(path, args.admin, password, plain=args.plain)
    _say("init.done_plain" if args.plain else "init.done", ctx.lang, err=True, path=path,
         admin=args.admin)
    _print_recovery(created, ctx.lang)
    return EXIT_OK


def cmd_encrypt(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    path = ctx.db_path
    password = new_password_for(args.admin, fallback_env="MEDIATOR_APP_PASSWORD")
    created = accounts.encrypt_ledger(path, args.admin, password, keep_plain=args.keep_plain)
    _say("encrypt.done", ctx.lang, err=True, path=path, admin=args.admin)
    _print_recovery(created, ctx.lang)
    if created.kept_plain:
        _say("encrypt.kept", ctx.lang, err=True, path=created.kept_plain)
    for p in created.leftovers:
        _say("encrypt.leftover", ctx.lang, err=True, path=p)
    return EXIT_OK


def _needs_encrypted(ctx: Context) -> None:
    if ctx.db_path.exists() and not ledger.is_encrypted_ledger(ctx.db_path):
        raise AccountError("users.plain", path=str(ctx.db_path))


def _scope_text(scope: str | None, lang: str) -> str:
    return scope or account_text("whole", lang)


def cmd_users_add(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    _needs_encrypted(ctx)
    with logged_in(ctx.db_path) as s:
        accounts.require_manage_users(s.db)
        accounts.check_new_user(s.db, args.name, args.role, args.scope)
        password = new_password_for(args.name)
        info = accounts.add_user(s.db, s.path, args.name, args.role, args.scope, password,
                                 personal_data=args.personal_data)
    _say("users.added", ctx.lang, user=info.name, role=info.role,
         scope=_scope_text(info.scope, ctx.lang))
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    with logged_in(ctx.db_path) as s:
        users = accounts.list_users(s.db, s.path)
    lang = ctx.lang
    print(account_text("users.header", lang))
    for u in users:
        state = ("state.disabled" if u.disabled else
                 "state.locked" if u.locked_until else "state.active")
        print("\t".join([u.name, u.role, _scope_text(u.scope, lang),
                         account_text("yes" if u.personal_data else "no", lang),
                         account_text(state, lang)]))
    return EXIT_OK


def cmd_users_disable(args: argparse.Namespace, ctx: Context) -> int:
    return _set_disabled(args, ctx, True)


def cmd_users_enable(args: argparse.Namespace, ctx: Context) -> int:
    return _set_disabled(args, ctx, False)


def _set_disabled(args: argparse.Namespace, ctx: Context, disabled: bool) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    _needs_encrypted(ctx)
    with logged_in(ctx.db_path) as s:
        accounts.set_disabled(s.db, s.path, args.name, disabled)
    _say("users.disabled" if disabled else "users.enabled", ctx.lang, user=args.name)
    return EXIT_OK


def cmd_users_passwd(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    _needs_encrypted(ctx)
    with logged_in(ctx.db_path) as s:
        accounts.check_password_change(s.db, args.name)
        password = new_password_for(args.name)
        if password is None:
            raise AccountError("users.short_password", min=accounts.MIN_PASSWORD)
        accounts.set_password(s.db, s.path, args.name, password)
    _say("users.password_set", ctx.lang, user=args.name)
    return EXIT_OK


def cmd_users_set(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    _needs_encrypted(ctx)
    with logged_in(ctx.db_path) as s:
        accounts.change_user(s.db, args.name, role=args.role, scope=args.scope,
                             personal_data=args.grant)
        row = accounts.user(s.db, args.name)
    _say("users.changed", ctx.lang, user=args.name, role=row.role,
         scope=_scope_text(row.scope, ctx.lang))
    return EXIT_OK


def cmd_recovery(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    if not ctx.db_path.exists():
        raise ledger.StorageError("db.missing", path=str(ctx.db_path))
    line = sys.stdin.readline() if sys.stdin is not None else ""
    admin = accounts.check_recovery_key(ctx.db_path, line, admin=user_name())
    password = new_password_for(admin)
    name = accounts.recover(ctx.db_path, line, password, admin=admin)
    _say("recovery.done", ctx.lang, user=name)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts
    from mediator_app.services.trust import audit as audit_service
    from mediator_app.services.trust.audit import AuditFilter, search

    with logged_in(ctx.db_path) as s:
        audit_service.require_view(s.db)
        accounts.record_login(s)  # failed logins waiting in the key file are shown too
        entries = search(s.db, AuditFilter(user=args.of_user, case=args.case,
                                           action=args.action, date_from=args.date_from,
                                           date_to=args.date_to, limit=args.limit))
    for e in entries:
        print("\t".join([e.at, e.user, e.entity, e.entity_key, e.action, e.field,
                         e.old_value or "", e.new_value or ""]))
    return EXIT_OK if entries is not None else EXIT_INPUT
