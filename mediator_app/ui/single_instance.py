"""One window per ledger file: a second start on a file that is already open brings the
first window to the front instead of opening a twin.

The first instance listens on a local socket (a named pipe on Windows) whose name is
derived from the file's full path (case-folded on Windows, where paths are
case-insensitive); a later start connects to it, says ``activate`` and exits. Different
files have different names, so two ledgers can be open side by side.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 1500
MESSAGE = b"activate\n"


def server_name(db_path: str | Path) -> str:
    full = os.path.normpath(os.path.abspath(str(db_path)))
    if sys.platform == "win32":
        full = full.casefold()
    digest = hashlib.sha256(full.encode("utf-8")).hexdigest()[:24]
    user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    user_key = hashlib.sha256(user.encode("utf-8")).hexdigest()[:8]
    return f"MediatorLedger-{user_key}-{digest}"


def activate_running(db_path: str | Path) -> bool:
    """True when another instance has this file open and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts on the same file and calls ``on_activate``."""

    def __init__(self, db_path: str | Path, on_activate: Callable[[], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.on_activate = on_activate
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(db_path)
        if not self.server.listen(name):
            # a socket file left by a crashed instance (Unix); nobody answered on it
            QLocalServer.removeServer(name)
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
            self.on_activate()

    def close(self) -> None:
        self.server.close()
