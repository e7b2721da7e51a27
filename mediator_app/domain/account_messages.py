"""Errors of accounts, logins, encryption and automatic backups; their texts (zh, en) are
the "account" area of the message catalogue (``domain/catalogue/accounts.py``). Codes
are raised by ``services.trust.accounts`` / ``services.trust.auto_backup`` as
``AccountError(code, **params)``."""

from __future__ import annotations

from typing import Any

from mediator_app.domain.catalogue import text
from mediator_app.domain.catalogue.accounts import TEXTS as TEXTS  # re-exported


def account_text(code: str, lang: str = "zh", **params: Any) -> str:
    return text("account", code, lang, **params)


class _Language:
    """The language ``str()`` of these errors uses (the GUI sets its own at start), so
    that screens that show ``str(exc)`` show a sentence, not a code."""

    lang = "zh"


LANGUAGE = _Language()


def set_language(lang: str) -> None:
    LANGUAGE.lang = lang


class AccountError(Exception):
    """An account, login or key-file problem; ``text(lang)`` is the sentence."""

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")

    def text(self, lang: str = "zh") -> str:
        return account_text(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.text(LANGUAGE.lang)


class LoginFailed(AccountError):
    """Wrong or missing user/password/recovery key, locked or disabled account (exit 4)."""
