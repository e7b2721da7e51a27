"""The Windows installer, installed and used under wine (issue 10, item 2).

One test walks the life of an installation in a fresh wine prefix: silent per-user
install; ``mediator-app.exe --version`` and ``--self-test`` (everything but the GUI, which
Qt 6.12 cannot show under wine 8: ``Qt6Core.dll`` needs Windows' ``icuuc.dll``); a demo
ledger at ``C:\\t\\x.db`` with 300 cases; a PDF report with embedded CJK fonts and the
figures of the JSON report; an exchange package exported and imported into a second
ledger with identical totals; a CSV export readable as UTF-8; Chinese console output that
is never ``\\uXXXX``; the windowed launcher; an upgrade (a newer version over it) that
keeps the ledger in %LOCALAPPDATA%\\MediatorLedger; a silent uninstall that removes the
program, its shortcuts and its "Apps & features" entry and leaves the ledger. A second
test runs the portable .zip with ``portable.txt`` and checks that the data stays beside it.

The installer is ``$MEDIATOR_WINDOWS_SETUP`` when set (``.ci/run`` builds the release one
first), else built here with zlib compression. Skipped, with the reason, only where
wine, makensis or osslsigncode is not installed (``.ci/run`` installs them).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

TOOLS = ("wine", "wineserver", "makensis", "osslsigncode", "objdump")
PERIOD = "2023-01-01..2026-12-31"
DISTRICT = "610114"
BASE14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
          "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
          "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ESCAPED = re.compile(r"\\u[0-9a-fA-F]{4}")


def _missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


if not sys.platform.startswith("linux"):
    pytest.skip("the wine check runs on Linux", allow_module_level=True)
if _missing_tools():
    pytest.skip(f"wine check skipped: {', '.join(_missing_tools())} not installed "
                "(apt-get install wine wine64 nsis osslsigncode binutils)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> dict[str, Path]:
    """setup.exe, the 'newer' setup.exe for the upgrade, and the portable zip."""
    import build_windows

    given = os.environ.get("MEDIATOR_WINDOWS_SETUP")
    version = build_windows.project_version()
    dist = ROOT / "dist"
    if given:
        setup = Path(given).resolve()
    else:
        assert build_windows.main(["--compression", "zlib"]) == 0
        setup = dist / f"MediatorLedger-{version}-setup.exe"
    portable = dist / f"MediatorLedger-{version}-portable.zip"
    work = ROOT / "build" / "windows"
    assert setup.is_file() and portable.is_file() and (work / "MediatorLedger").is_dir()
    # the "next version": the same program folder, packed as version x.y.(z+1), with a
    # file that only the old install has, to see that an upgrade replaces the old files
    newer_dir = tmp_path_factory.mktemp("newer")
    newer = newer_dir / "setup-newer.exe"
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    build_windows.makensis(work, work / "MediatorLedger", ".".join(parts), newer, "zlib")
    return {"setup": setup, "newer": newer, "portable": portable,
            "newer_version": Path(".".join(parts))}


class Wine:
    def __init__(self, base: Path):
        self.prefix = base / "prefix"
        self.home = base / "home"
        self.home.mkdir(parents=True)
        self.cwd = base / "cwd"  # a Linux folder: wine maps it to Z:, as on a user's PC
        self.cwd.mkdir()
        self.env = {**os.environ, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all",
                    "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
                    "HOME": str(self.home), "LANG": "C.UTF-8", "WINEARCH": "win64"}
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)

    def start(self) -> None:
        """A persistent wineserver: each call then starts in ~1 s instead of waiting for
        the server to time out and start again."""
        self.prefix.mkdir(exist_ok=True)
        subprocess.run(["wineserver", "-p"], env=self.env, timeout=60, check=False)
        # create the prefix with no pipes attached: the background processes it starts
        # (services.exe …) live as long as the server and would hold a pipe open
        subprocess.run(["wine", "wineboot", "-i"], env=self.env, cwd=self.cwd,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300, check=False)

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, timeout=60, check=False)

    def run(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[bytes]:
        """``wine args…``; returns when the Windows process has ended."""
        return subprocess.run(["wine", *args], env=self.env, cwd=self.cwd,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout, check=False)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 120) -> bool:
        """The uninstaller copies itself to a temporary file and returns at once."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                time.sleep(2)  # let it finish the last deletions and registry writes
                return True
            time.sleep(1)
        return condition()

    def c(self, windows_path: str) -> Path:
        """The Linux path of C:\\..."""
        assert windows_path[:3].upper() == "C:\\"
        return self.prefix / "drive_c" / windows_path[3:].replace("\\", "/")

    def user_dir(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir()
                 if p.name not in {"Public", "public"} and not p.is_symlink()]
        assert len(users) == 1, users
        return users[0]

    def reg_query(self, key: str) -> str:
        result = self.run("reg", "query", key)
        return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else ""


@pytest.fixture
def wine(tmp_path) -> Iterator[Wine]:
    instance = Wine(tmp_path)
    instance.start()
    yield instance
    instance.stop()


def _text(result: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    """stdout, stderr decoded as UTF-8 strictly: a wrong encoding fails here."""
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def _ok(result: subprocess.CompletedProcess[bytes]) -> str:
    out, err = _text(result)
    assert result.returncode == 0, f"exit {result.returncode}\n{out}\n{err}"
    assert not ESCAPED.search(out + err), f"escaped output: {out}{err}"
    return out + err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font name, embedded?) of every font the PDF uses."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return sorted(fonts.items())


def test_install_use_upgrade_uninstall_under_wine(artifacts, wine):
    result = wine.run(str(artifacts["setup"]), "/S")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    user = wine.user_dir()
    inst = user / "AppData" / "Local" / "Programs" / "MediatorLedger"
    for name in ("MediatorLedger.exe", "mediator-app.exe", "Uninstall.exe", "python.exe",
                 "MediatorLedger.ico", "Lib/site-packages/mediator_app/__init__.py"):
        assert (inst / name).is_file(), name
    links = user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    start_link = links / "调解台账" / "调解台账.lnk"
    desktop_link = next(user.glob("Desktop/调解台账.lnk"), None) or next(
        wine.home.glob("**/调解台账.lnk"), None)
    assert start_link.is_file()
    assert desktop_link is not None and desktop_link.is_file()
    entry = wine.reg_query(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                           r"\MediatorLedger")
    assert "DisplayVersion" in entry and "Uninstall.exe" in entry, entry
    exe = str(inst / "mediator-app.exe")

    # --version and the self-test (all but the GUI: see the module's docstring)
    from mediator_app import __version__

    assert _ok(wine.run(exe, "--version")).strip() == f"mediator-app {__version__}"
    test = wine.run(exe, "--self-test")
    out, _ = _text(test)
    lines = [line for line in out.splitlines() if line.startswith("[")]
    assert len([line for line in lines if line[:6] in ("[  OK]", "[FAIL]")]) == 6, out
    assert all(line.startswith("[  OK]") for line in lines[:5]), out
    assert "Python 版本: 3.13" in out and "FTS5 trigram: MATCH" in out and "调解台账" in out
    assert (test.returncode == 0) == lines[5].startswith("[  OK]"), out

    # a demo ledger, a PDF report, the exchange package into a second ledger
    wine.c("C:\\t").mkdir()
    built = _ok(wine.run(exe, "--db", "C:\\t\\x.db", "demo", "--cases", "300"))
    assert CHINESE.search(built) and "300" in built
    _ok(wine.run(exe, "--db", "C:\\t\\x.db", "report", "--period", PERIOD, "--scope",
                 DISTRICT, "--format", "pdf", "--out", "C:\\t\\report.pdf"))
    fonts = _pdf_fonts(wine.c("C:\\t\\report.pdf"))
    # the standard 14 (Helvetica for figures) are never embedded; every other font is
    assert all(embedded for name, embedded in fonts if name.lstrip("/") not in BASE14), fonts
    assert any(embedded for _, embedded in fonts), fonts
    pdftext = subprocess.run(["pdftotext", "-layout", str(wine.c("C:\\t\\report.pdf")), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "秦川区" in pdftext and "调解" in pdftext and "\ufffd" not in pdftext
    totals = json.loads(_ok(wine.run(exe, "--db", "C:\\t\\x.db", "report", "--period",
                                     PERIOD, "--scope", DISTRICT, "--format", "json")))
    assert totals["totals"]["disputes"] == 300
    _ok(wine.run(exe, "--db", "C:\\t\\x.db", "cases", "export", "--package",
                 "C:\\t\\cases.zip"))
    _ok(wine.run(exe, "--db", "C:\\t\\x.db", "cases", "export", "--out", "C:\\t\\cases.csv"))
    csv_text = wine.c("C:\\t\\cases.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.count("\n") == 301 and CHINESE.search(csv_text)
    imported = _ok(wine.run(exe, "--db", "C:\\t\\y.db", "cases", "import", "C:\\t\\cases.zip"))
    assert "new=300" in imported
    again = json.loads(_ok(wine.run(exe, "--db", "C:\\t\\y.db", "report", "--period", PERIOD,
                                    "--scope", DISTRICT, "--format", "json")))
    assert again["totals"] == totals["totals"] and again["children"] == totals["children"]
    # --demo <command> (built on first use: tested on Linux; here the 300-case demo)
    checked = _ok(wine.run(exe, "--demo", "--db", "C:\\t\\x.db", "check"))
    assert CHINESE.search(checked) and "300" in checked
    # the windowed launcher runs the program too (no console: we look at its result)
    wine.run(str(inst / "MediatorLedger.exe"), "--db", "C:\\t\\w.db", "demo", "--cases", "20")
    assert wine.c("C:\\t\\w.db").is_file()

    # the user's own ledger in %LOCALAPPDATA%\MediatorLedger survives an upgrade
    _ok(wine.run(exe, "demo", "--cases", "40"))
    ledger = user / "AppData" / "Local" / "MediatorLedger" / "ledger.db"
    assert ledger.is_file()
    before = _sha(ledger)
    stale = inst / "Lib" / "site-packages" / "left_from_old_version.py"
    stale.write_text("x = 1\n")
    result = wine.run(str(artifacts["newer"]), "/S")
    assert result.returncode == 0
    entry = wine.reg_query(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                           r"\MediatorLedger")
    assert str(artifacts["newer_version"]) in entry, entry
    assert not stale.exists(), "the upgrade kept a file of the old version"
    assert _sha(ledger) == before
    check = _ok(wine.run(exe, "check"))
    assert "40" in check

    # silent uninstall: program, shortcuts and entry gone, the ledger stays
    wine.run(str(inst / "Uninstall.exe"), "/S")
    wine.wait_until(lambda: not inst.exists())
    assert not inst.exists(), sorted(str(p) for p in inst.rglob("*"))[:20]
    assert not start_link.exists() and not start_link.parent.exists()
    assert not desktop_link.exists()
    assert wine.reg_query(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                          r"\MediatorLedger") == ""
    assert _sha(ledger) == before


def test_portable_zip_keeps_data_beside_the_program(artifacts, wine):
    wine.run("cmd", "/c", "ver")  # create the prefix
    target = wine.c("C:\\usb")
    with zipfile.ZipFile(artifacts["portable"]) as zf:
        zf.extractall(target)
    folder = target / "MediatorLedger"
    assert (folder / "portable.txt").is_file()
    exe = str(folder / "mediator-app.exe")
    _ok(wine.run(exe, "demo", "--cases", "30"))
    assert (folder / "data" / "ledger.db").is_file()
    out = _text(wine.run(exe, "--self-test"))[0]
    assert "C:\\usb\\MediatorLedger\\data" in out and "portable.txt" in out, out
    appdata = wine.user_dir() / "AppData" / "Local" / "MediatorLedger"
    assert not appdata.exists(), "portable mode wrote to the PC's user folder"


def test_all_users_install_goes_to_program_files_and_hklm(artifacts, wine):
    """IT staff, as administrator (wine's user is one): /AllUsers."""
    result = wine.run(str(artifacts["setup"]), "/S", "/AllUsers")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    inst = wine.c("C:\\Program Files\\MediatorLedger")
    assert (inst / "mediator-app.exe").is_file() and (inst / "all-users.txt").is_file()
    entry = wine.reg_query(r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                           r"\MediatorLedger")
    assert "InstallLocation" in entry and "Program Files" in entry, entry
    assert wine.reg_query(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                          r"\MediatorLedger") == ""
    public = wine.prefix / "drive_c" / "ProgramData" / "Microsoft" / "Windows" / "Start Menu"
    assert (public / "Programs" / "调解台账" / "调解台账.lnk").is_file()
    from mediator_app import __version__

    assert _ok(wine.run(str(inst / "mediator-app.exe"), "--version")).strip().endswith(
        __version__)
    wine.run(str(inst / "Uninstall.exe"), "/S")
    assert wine.wait_until(lambda: not inst.exists())
    assert wine.reg_query(r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                          r"\MediatorLedger") == ""
    assert not (public / "Programs" / "调解台账").exists()
