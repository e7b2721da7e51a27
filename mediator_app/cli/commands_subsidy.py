"""``subsidy`` (以案定补 claims, the incomplete-files list, marking a claim paid) and
``subsidy-rules`` (show and edit the rate tables, completeness rules and default
classes). See docs/cli.md and docs/subsidy.md."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mediator_app.cli.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, Context, date_arg, opened
from mediator_app.cli.texts import err
from mediator_app.domain import catalogue
from mediator_app.domain import subsidy as s
from mediator_app.domain.errors import DomainError, Problem


def _h(lang: str) -> Any:
    return lambda key: catalogue.text("help.subsidy", key, lang)


def _t(key: str, lang: str, **params: object) -> str:
    return catalogue.text("cli.subsidy", key, lang, **params)


def add_parsers(sub: Any, common: argparse.ArgumentParser, lang: str = "zh") -> None:
    h = _h(lang)
    p = sub.add_parser("subsidy", parents=[common], help=h("subsidy"),
                       description=h("subsidy"))
    p.add_argument("--period", required=True, metavar="P", help=h("period"))
    p.add_argument("--scope", required=True, metavar="CODE", help=h("scope"))
    p.add_argument("--format", required=True, choices=["json", "csv", "pdf", "xlsx"],
                   dest="fmt", help=h("format"))
    p.add_argument("--out", metavar="FILE", help=h("out"))
    p.add_argument("--incomplete", action="store_true", help=h("incomplete"))
    p.add_argument("--mark-paid", action="store_true", help=h("mark_paid"))
    p.set_defaults(handler=cmd_subsidy)
    p = sub.add_parser("subsidy-rules", parents=[common], help=h("rules"),
                       description=h("rules"))
    p.add_argument("--effective-from", metavar="DATE", help=h("rules.from"))
    p.add_argument("--rate", action="append", default=[], metavar="SPEC", help=h("rules.rate"))
    p.add_argument("--payee", choices=list(s.PAYEES), default=s.PRINCIPAL,
                   help=h("rules.payee"))
    p.add_argument("--performed-only", action="store_true", help=h("rules.performed"))
    p.add_argument("--any-file", action="store_true", help=h("rules.any_file"))
    p.add_argument("--file-rule", action="append", default=[], metavar="SPEC",
                   help=h("rules.file"))
    p.add_argument("--class-default", action="append", default=[], metavar="SPEC",
                   help=h("rules.class"))
    p.set_defaults(handler=cmd_subsidy_rules)


def _user(args: argparse.Namespace) -> str:
    """The common ``--user`` (the login of an encrypted ledger; on a plain ledger the
    name recorded in the audit log)."""
    return str(getattr(args, "user", None) or "")


def _emit(data: bytes, out: str | None, lang: str) -> None:
    if out:
        # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
        from mediator_app.services.subsidy.export import write_file

        write_file(out, data)
        print(_t("written", lang, path=out), file=sys.stderr)
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))


def cmd_subsidy(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.subsidy import claim as subsidy
    from mediator_app.services.subsidy.export import export_claim

    if args.fmt in ("pdf", "xlsx") and not args.out:
        err(_t("needs_out", ctx.lang, fmt=args.fmt), ctx.lang)
        return EXIT_USAGE
    with opened(ctx.db_path, create=False) as db:
        if args.incomplete:
            data = _incomplete(db, args, ctx.lang)
        else:
            if args.mark_paid:
                paid = subsidy.mark_paid(db, period=args.period, scope=args.scope,
                                         user=_user(args), lang=ctx.lang)
                print(_t("paid", ctx.lang, version=paid.version, cases=paid.cases,
                         amount=f"{paid.amount_fen / 100:.2f}"), file=sys.stderr)
            claim = subsidy.compute_claim(db, period=args.period, scope=args.scope,
                                          lang=ctx.lang)
            data = export_claim(claim, args.fmt, ctx.lang)
    _emit(data, args.out, ctx.lang)
    return EXIT_OK


def _incomplete(db: Any, args: argparse.Namespace, lang: str) -> bytes:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.subsidy.export import incomplete_files_bytes

    return incomplete_files_bytes(db, period=args.period, scope=args.scope, fmt=args.fmt,
                                  lang=lang)


def _yuan_fen(text: str) -> int:
    whole, _dot, cents = text.strip().partition(".")
    if not whole.isdigit() or (cents and (not cents.isdigit() or len(cents) > 2)):
        raise DomainError(Problem("rate", "decimal.invalid", {"value": text}))
    return int(whole) * 100 + int((cents + "00")[:2])


def parse_rate(spec: str) -> s.Rate:
    """``CLASS[/FORM[/MIN_PEOPLE[/MIN_AMOUNT_YUAN]]]=YUAN``."""
    key, eq, amount = spec.partition("=")
    parts = key.split("/")
    if not eq or not parts[0] or len(parts) > 4:
        raise DomainError(Problem("rate", "subsidy.rate_syntax", {"value": spec}))
    form = parts[1] if len(parts) > 1 else ""
    people = parts[2] if len(parts) > 2 else "0"
    if not people.isdigit():
        raise DomainError(Problem("rate", "int.invalid", {"value": people}))
    minimum = _yuan_fen(parts[3]) if len(parts) > 3 else 0
    return s.Rate(parts[0].strip(), _yuan_fen(amount), form.strip(), int(people), minimum)


def cmd_subsidy_rules(args: argparse.Namespace, ctx: Context) -> int:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.subsidy import claim as subsidy

    with opened(ctx.db_path, create=False) as db:
        changed = False
        for spec in args.class_default:
            dispute_type, _eq, difficulty = spec.partition("=")
            subsidy.set_class_default(db, dispute_type.strip(), difficulty.strip(),
                                      user=_user(args))
            changed = True
        if args.file_rule:
            rules = dict(subsidy.file_rules(db))
            for spec in args.file_rule:
                situation, _eq, items = spec.partition("=")
                rules[situation.strip()] = tuple(i.strip() for i in items.split(",") if i.strip())
            subsidy.set_file_rules(db, rules, user=_user(args))
            changed = True
        if args.rate or args.effective_from:
            effective = date_arg(args.effective_from, "effective_from")
            if effective is None or not args.rate:
                err(_t("rules_needs", ctx.lang), ctx.lang)
                return EXIT_INPUT
            subsidy.save_rule_set(db, s.RuleSet(
                effective, tuple(parse_rate(r) for r in args.rate), args.payee,
                args.performed_only, not args.any_file), user=_user(args))
            changed = True
        shown = _rules_dict(db)
    if changed:
        print(_t("saved", ctx.lang), file=sys.stderr)
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    return EXIT_OK


def _rules_dict(db: Any) -> dict[str, Any]:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.subsidy import claim as subsidy

    return {
        "rule_sets": [{"effective_from": rs.effective_from.isoformat(), "payee": rs.payee,
                       "performed_only": rs.performed_only,
                       "require_complete": rs.require_complete,
                       "rates": [{"class": r.difficulty, "agreement_form": r.agreement_form,
                                  "min_people": r.min_people,
                                  "min_amount_yuan": r.min_amount_fen / 100,
                                  "amount_yuan": r.amount_fen / 100} for r in rs.rates]}
                      for rs in subsidy.rule_sets(db)],
        "file_rules": {k: list(v) for k, v in subsidy.file_rules(db).items()},
        "class_defaults": subsidy.class_defaults(db),
    }
