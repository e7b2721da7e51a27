"""Fuzz test of the three imports (issue 8, "Done when"): a seeded generator mutates
valid ``cases.csv``, org files and exchange packages a few thousand times and drives
``cases import`` / ``org import`` through the command line's entry function
(in-process). After every input:

* no traceback and no unforeseen failure (``main`` returns 0 or 1, never the
  "unexpected error" exit 70 with its log file);
* no exception text in English reaches the message;
* every problem line names the file, and a problem of a field names line and column;
* after a refusal the database file is byte-identical (and no ``-wal`` is left).

A failure prints the seed, the input's number and the mutations applied, so it can be
replayed: ``FUZZ_SEED=… FUZZ_ONLY=<n> pytest tests/unit/test_fuzz_imports.py``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.storage.db import open_database
from tests.gui.conftest import build_db

SEED = int(os.environ.get("FUZZ_SEED", "20261202"))
ONLY = os.environ.get("FUZZ_ONLY")
COUNTS = {"cases": 900, "org": 450, "package": 650}  # 2,000 inputs
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ORG_FILES = ("org_units.csv", "committees.csv", "people.csv")

# Texts of exceptions (Python, SQLite, zipfile, csv, json) that must never be shown.
ENGLISH = re.compile(
    r"Traceback|Error\b|Exception|expected after|field limit|not a zip|has no attribute|"
    r"recursion|malformed|readonly|invalid literal|codec can't|NoneType|unsupported "
    r"operand|object is not|Errno|could not convert|out of range for|unhashable|"
    r"Bad CRC|Bad magic|Truncated file|Expecting (value|property)|Unterminated string")
FIELD_WITHOUT_COLUMN = re.compile(r"第 \d+ 行 [a-z_]+（")

INTERESTING = [
    "", " ", "0", "-1", "-0", "1e30", "-1e30", "99999999999999999999999", "1e-30", "NaN",
    "inf", "-Infinity", "0x10", "１２３", "1,000", "¥1.50", "1.005", "0001", "3.0",
    "10000000000.00", "10000000000.01", "10000001", "2023-02-30", "2023-13-01", "0000-00-00",
    "9999-12-31", "1900-01-01", "2023/5/1", "9999-12-31T23:59:59+08:00",
    "2023-05-10T25:00:00", "=1+1", "+1", "@SUM(1)", '"', '""', "'", ",", "\n", "\r\n",
    "\t", "\x00", "\x1b[31m", "\u202e", "\ufeff", "😀", "𠀀", "\ud800", "调解成功", "口头",
    "书面", "未知状态", "C001", "C999", "610114001001001", "610114", "999", "是", "否",
    "true", "2", "x" * 300, "长" * 5000, "00000000-0000-0000-0000-000000000000",
    "not-a-uuid", "区", "网格", "村", "调解员", "13800000001", "110101199003071234",
]


# ---- the seeds ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("fuzz")
    ledger = root / "ledger.db"
    opened = open_database(ledger)
    build_db(opened.db, n_cases=12)
    opened.close()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--db", str(ledger), "cases", "export", "--out",
                     str(root / "cases.csv")]) == 0
        assert main(["--db", str(ledger), "cases", "export", "--package",
                     str(root / "full.zip"), "--with-personal-data"]) == 0
        assert main(["--db", str(ledger), "cases", "export", "--package",
                     str(root / "plain.zip")]) == 0
    with zipfile.ZipFile(root / "full.zip") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    return {
        "root": root, "ledger": ledger,
        "cases": (root / "cases.csv").read_bytes(),
        "org": {n: (FIXTURES / n).read_bytes() for n in ORG_FILES},
        "package": members,
        "plain": (root / "plain.zip").read_bytes(),
    }


# ---- mutations ----------------------------------------------------------------------------


Mutation = Callable[[random.Random, bytes], bytes]


def _rows(data: bytes) -> list[list[str]] | None:
    try:
        text = data.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None


def _write(rows: list[list[str]], rng: random.Random) -> bytes:
    buf = io.StringIO()
    quoting = rng.choice([csv.QUOTE_ALL, csv.QUOTE_MINIMAL])
    csv.writer(buf, quoting=quoting, lineterminator=rng.choice(["\r\n", "\n"])).writerows(rows)
    encoding = rng.choice(["utf-8-sig", "utf-8", "utf-8", "gbk", "utf-16"])
    return buf.getvalue().encode(encoding, errors="replace")


def m_cell(rng: random.Random, data: bytes) -> bytes:
    rows = _rows(data)
    if not rows or len(rows) < 2:
        return data
    r = rng.randrange(1, len(rows))
    if rows[r]:
        rows[r][rng.randrange(len(rows[r]))] = rng.choice(INTERESTING)
    return _write(rows, rng)


def m_cells(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(2, 6)):
        data = m_cell(rng, data)
    return data


def m_header(rng: random.Random, data: bytes) -> bytes:
    rows = _rows(data)
    if not rows:
        return data
    head = rows[0]
    choice = rng.randrange(5)
    if choice == 0 and head:
        del head[rng.randrange(len(head))]
    elif choice == 1 and head:
        head.insert(rng.randrange(len(head) + 1), rng.choice(head))
    elif choice == 2 and len(head) > 1:
        i, j = rng.sample(range(len(head)), 2)
        head[i], head[j] = head[j], head[i]
    elif choice == 3 and head:
        head[rng.randrange(len(head))] = rng.choice(INTERESTING)
    else:
        rows = rows[:1]
    return _write(rows, rng)


def m_shape(rng: random.Random, data: bytes) -> bytes:
    rows = _rows(data)
    if not rows or len(rows) < 2:
        return data
    r = rng.randrange(1, len(rows))
    choice = rng.randrange(4)
    if choice == 0:
        rows[r] = rows[r][: rng.randrange(len(rows[r]) + 1)]
    elif choice == 1:
        rows[r] = rows[r] + [rng.choice(INTERESTING)] * rng.randint(1, 3)
    elif choice == 2:
        rows.insert(r, list(rows[r]))  # a duplicate row (same case_id / code)
    else:
        rows.insert(r, [])
    return _write(rows, rng)


def m_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not b:
            break
        i = rng.randrange(len(b))
        op = rng.randrange(5)
        if op == 0:
            b[i] = rng.randrange(256)
        elif op == 1:
            b[i:i] = bytes(rng.choice([b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b"\xe4",
                                       b'""', b"\xef\xbb\xbf", b"\t"]))
        elif op == 2:
            del b[i:i + rng.randint(1, 20)]
        elif op == 3:
            b[i:i] = b[i:i + rng.randint(1, 60)]
        else:
            del b[i:]
    return bytes(b)


def m_truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


CSV_MUTATIONS: list[Mutation] = [m_cell, m_cell, m_cells, m_header, m_shape, m_bytes,
                                 m_truncate]


def mutate_csv(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    applied = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        mutation = rng.choice(CSV_MUTATIONS)
        data = mutation(rng, data)
        applied.append(mutation.__name__)
    return data, applied


def _manifest_variant(rng: random.Random, manifest: dict) -> object:
    m = json.loads(json.dumps(manifest))
    choice = rng.randrange(9)
    files = m.get("files", {})
    name = rng.choice(sorted(files)) if files else "cases.csv"
    if choice == 0:
        return [m]
    if choice == 1:
        m["format_version"] = rng.choice(["1", 2, None, 1.0, [1], 10**30])
    elif choice == 2:
        m.pop(rng.choice(sorted(m)), None)
    elif choice == 3 and files:
        files[name] = rng.choice([[], "x", None, 1, {}])
    elif choice == 4 and files:
        files[name][rng.choice(sorted(files[name]) or ["rows"])] = rng.choice(
            ["x", -1, 10**30, None, [], 1e308, "１"])
    elif choice == 5:
        files[rng.choice(["../evil.csv", "cases.csv/", "CASES.CSV", "x.csv"])] = dict(
            files.get(name, {}))
    elif choice == 6:
        m["files"] = rng.choice([[], "cases.csv", None, {}])
    elif choice == 7:
        m[rng.choice(["scope", "exported_at", "source_unit"])] = rng.choice(
            [None, [], {"a": 1}, 10**30, "\x00"])
    else:
        m["format"] = rng.choice(["", None, 1, "mediator-ledger-package "])
    return m


def mutate_package(rng: random.Random, members: dict[str, bytes],
                   plain: bytes) -> tuple[bytes, list[str]]:
    members = dict(members)
    manifest = json.loads(members["manifest.json"])
    applied: list[str] = []
    choice = rng.randrange(10)
    if choice <= 3:  # a member's rows, the manifest updated to match (deep checks run)
        name = rng.choice([n for n in members if n.endswith(".csv")])
        members[name], applied = mutate_csv(rng, members[name])
        entry = manifest["files"].get(name)
        if entry is not None and rng.random() < 0.85:
            entry["bytes"] = len(members[name])
            entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
            if rng.random() < 0.3:
                entry["rows"] = rng.choice([0, 1, 10**6, -1])
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
        applied = [f"member {name}: {'+'.join(applied)}"]
    elif choice == 4:
        variant = _manifest_variant(rng, manifest)
        members["manifest.json"] = json.dumps(variant).encode()
        applied = ["manifest shape"]
    elif choice == 5:
        members["manifest.json"] = m_bytes(rng, members["manifest.json"])
        applied = ["manifest bytes"]
    elif choice == 6:
        victim = rng.choice(sorted(members))
        if rng.random() < 0.5:
            del members[victim]
            applied = [f"drop {victim}"]
        else:
            members[rng.choice(["extra.csv", "../x.csv", "cases.csv.bak", "/abs.csv"])] = b"x"
            applied = ["extra member"]
    elif choice == 7:
        return m_bytes(rng, plain), ["zip bytes"]
    elif choice == 8:
        return m_truncate(rng, plain), ["zip truncated"]
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of the duplicate it writes
            for name, data in members.items():
                zf.writestr(name, data)
            zf.writestr("cases.csv", m_cell(rng, members["cases.csv"]))  # a second copy
        return buf.getvalue(), ["duplicate member"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue(), applied


# ---- running and checking -------------------------------------------------------------------


def _run(argv: list[str]) -> tuple[int | None, str, BaseException | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except Exception as exc:  # noqa: BLE001 - the very thing this test looks for
        return None, err.getvalue(), exc
    return code, err.getvalue(), None


def _problems(code: int | None, err: str, exc: BaseException | None,
              names: list[str]) -> list[str]:
    found = []
    if exc is not None:
        found.append(f"exception escaped: {type(exc).__name__}: {exc}"[:300])
    if code not in (0, 1):
        found.append(f"exit code {code}: {err.strip()[-300:]}")
    if "Traceback" in err or ENGLISH.search(err):
        found.append("English/traceback in message: " + err[:400])
    for line in err.splitlines():
        if not line.startswith("错误："):
            continue
        body = line[len("错误："):]
        if body.startswith(("导入失败", "……另有")) or "条错误" in body:
            continue
        if not any(name in body for name in names):
            found.append(f"problem line does not name the file: {line[:200]}")
        if FIELD_WITHOUT_COLUMN.search(body):
            found.append(f"field problem without a column: {line[:200]}")
    return found


@pytest.fixture
def workdir(tmp_path):
    """A RAM folder where there is one (/dev/shm): thousands of commits and rollbacks
    without waiting for the disk (same SQLite code path, 2-3 times faster)."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="mediator-fuzz-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_fuzz_imports_never_crash_and_refusals_change_nothing(seeds, workdir, tmp_path):
    rng = random.Random(SEED)
    ledger = workdir / "ledger.db"
    shutil.copy(seeds["ledger"], ledger)  # type: ignore[arg-type]
    pristine = ledger.read_bytes()
    failures: list[str] = []
    seen = {"refused": 0, "accepted": 0}
    started = time.perf_counter()
    n = 0
    per_kind = {}
    for kind, count in COUNTS.items():
        kind_started = time.perf_counter()
        for _ in range(count):
            n += 1
            if kind == "cases":
                data, applied = mutate_csv(rng, seeds["cases"])  # type: ignore[arg-type]
                files = {"cases.csv": data}
                argv = ["cases", "import"]
            elif kind == "org":
                org = seeds["org"]
                assert isinstance(org, dict)
                picked = rng.sample(ORG_FILES, rng.randint(1, 3))
                files = {}
                applied = []
                for name in picked:
                    files[name], steps = mutate_csv(rng, org[name])
                    applied += [f"{name}: {'+'.join(steps)}"]
                argv = ["org", "import"]
            else:
                data, applied = mutate_package(rng, seeds["package"],  # type: ignore[arg-type]
                                               seeds["plain"])  # type: ignore[arg-type]
                files = {"pkg.zip": data}
                argv = ["cases", "import"]
            if ONLY is not None and str(n) != ONLY:
                continue
            folder = workdir / f"in{n % 2}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            paths = []
            for name, data in files.items():
                (folder / name).write_bytes(data)
                paths.append(str(folder / name))
            if ONLY is not None:  # keep the input for a closer look
                shutil.copytree(folder, tmp_path.parent / "fuzz-input", dirs_exist_ok=True)
            code, err, exc = _run(["--db", str(ledger), *argv, *paths])
            found = _problems(code, err, exc, list(files))
            if code != 0:
                seen["refused"] += 1
                if ledger.read_bytes() != pristine:
                    found.append("the database changed after a refusal")
                wal = ledger.with_name(ledger.name + "-wal")
                if wal.exists() and wal.stat().st_size:
                    found.append("a -wal file was left after a refusal")
            else:
                seen["accepted"] += 1
                shutil.copy(seeds["ledger"], ledger)  # type: ignore[arg-type]
            if found:
                failures.append(f"#{n} {kind} {applied}: " + "; ".join(found))
        per_kind[kind] = round(time.perf_counter() - kind_started, 1)
    elapsed = time.perf_counter() - started
    print(f"fuzz: {n} inputs in {elapsed:.1f} s {per_kind}, {seen}")
    assert not failures, (f"seed {SEED}: {len(failures)} of {n} inputs failed:\n"
                          + "\n".join(failures[:25]))
    if ONLY is None:
        assert seen["refused"] > n // 2 and seen["accepted"] > 20  # the mutations bite
