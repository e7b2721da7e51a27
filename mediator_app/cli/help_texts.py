"""Help of every command and option, and argparse's own words, in the user's language.
The texts are the "help" and "argparse" areas of the message catalogue
(``domain/catalogue/cli_help.py``).

The language of help and of argparse's usage errors is the one of the messages:
Chinese, unless ``--lang en`` (or ``--lang=en``) appears anywhere on the command line.
The locale is deliberately not consulted, so that output never depends on the machine.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from mediator_app.domain import catalogue
from mediator_app.domain.catalogue.cli_help import HELP as HELP  # re-exported


def lang_of(argv: Sequence[str]) -> str:
    """``en`` when ``--lang en`` / ``--lang=en`` is on the command line, else ``zh``."""
    lang = "zh"
    items = list(argv)
    for i, item in enumerate(items):
        if item == "--lang" and i + 1 < len(items):
            lang = items[i + 1]
        elif item.startswith("--lang="):
            lang = item.split("=", 1)[1]
        elif item == "--":
            break
    return "en" if lang.lower().startswith("en") else "zh"


def helper(lang: str) -> Callable[[str], str]:
    """``h(key)``: the help text of ``key`` in ``lang``."""
    return lambda key: catalogue.text("help", key, lang)


@contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """While active, argparse's own words (usage, options, errors) are in ``lang``."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        if catalogue.has("argparse", message):
            return catalogue.text("argparse", message, lang)
        return message  # argparse's other words stay as they are

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
