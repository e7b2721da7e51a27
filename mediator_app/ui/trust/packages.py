"""The package password of sealed packages (issue 9): asked when exporting personal
data from an encrypted ledger, and when importing a sealed package."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QWidget

from mediator_app.domain.account_messages import account_text
from mediator_app.services.exchange import sealed_packages
from mediator_app.ui.trust.login import _message_label, _password_field, _stack_above_ok_cancel


class PackagePasswordDialog(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None, *, confirm: bool):
        super().__init__(parent)
        self.setObjectName("packagePasswordDialog")
        self.lang, self.confirm = lang, confirm
        self.setWindowTitle(self.tr("Package password"))
        intro = QLabel(self.tr(
            "The package carries parties' personal data and is encrypted with this "
            "password. Tell it to the receiver by another way than the package (phone, "
            "in person).") if confirm else self.tr(
            "This package is encrypted. Type the password the sender gave you."))
        intro.setWordWrap(True)
        self.first, self.second = _password_field(), _password_field()
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.first)
        if confirm:
            form.addRow(self.tr("Again"), self.second)
        self.message = _message_label()
        _stack_above_ok_cancel(self, intro, form, self.message, check=self.check)

    def check(self) -> None:
        if self.confirm and self.first.text() != self.second.text():
            self.message.setText(account_text("users.mismatch", self.lang))
        elif self.confirm and len(self.first.text()) < sealed_packages.MIN_PASSWORD:
            self.message.setText(account_text("users.short_password", self.lang,
                                              min=sealed_packages.MIN_PASSWORD))
        elif not self.first.text():
            self.message.setText(account_text("sealed.no_password", self.lang, path=""))
        else:
            self.accept()


def ask(parent: QWidget | None, lang: str, *, confirm: bool) -> str | None:
    dialog = PackagePasswordDialog(lang, parent, confirm=confirm)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.first.text()


def any_sealed(paths: Sequence[str]) -> bool:
    return any(str(p).lower().endswith(".zip") and sealed_packages.is_sealed(p) for p in paths)
