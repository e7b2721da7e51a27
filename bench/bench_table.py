"""Markdown tables of benchmark results (results.json → results.md)."""

from __future__ import annotations

from typing import Any

# (target name, operation, baseline, max seconds, max ratio, smallest size it applies to)
TARGETS: list[tuple[str, str, str | None, float | None, float | None, int]] = [
    ("build_demo ≤ 180 s at 1M", "build", None, 180.0, None, 1_000_000),
    ("annual report ≤ 1 s", "report", None, 1.0, None, 0),
    ("annual report ≤ 3× raw GROUP BY at 1M", "report", "report_raw", None, 3.0, 1_000_000),
    ("export ≤ 2× sqlite3 shell CSV", "export", "export_shell", None, 2.0, 0),
    ("import ≤ 60 s", "import", None, 60.0, None, 0),
    # issue 13
    ("build_demo ≤ 90 s at 1M (issue 13)", "build", None, 90.0, None, 1_000_000),
    ("import ≤ 40 s at 1M (issue 13)", "import", None, 40.0, None, 1_000_000),
]
# (target name, operation, max MiB peak, smallest size it applies to)
MEMORY_TARGETS: list[tuple[str, str, float, int]] = [
    ("import peak ≤ 250 MiB at 1M (issue 13)", "import", 250.0, 1_000_000),
]
MAX_BYTES_A_CASE = 1024  # issue 13: ledger size ≤ 1 KB a case
COLUMNS = [
    ("build", "build_demo"), ("report", "report"), ("report_raw", "raw GROUP BY"),
    ("export", "export_cases"), ("export_shell", "sqlite3 -csv (same query)"),
    ("export_shell_all", "sqlite3 -csv (SELECT *)"), ("import", "import_cases"),
    ("import_raw", "csv + executemany"),
    ("import_schema_raw", "raw SQL, same schema"),
]


def _secs(op: dict[str, Any] | None) -> str:
    if not op:
        return "–"
    if "seconds" in op:
        cold = op.get("cold_seconds")
        text = f"{op['seconds']:.3f}"
        return f"{text} (cold {cold:.3f})" if cold is not None and cold > op["seconds"] * 1.2 \
            else text
    return "skipped" if "skipped" in op else "error"


def _cpu(op: dict[str, Any] | None) -> str:
    if not op or "cpu_seconds" not in op:
        return "–"
    return f"{op['cpu_seconds']:.3f}"


def _mib(op: dict[str, Any] | None) -> str:
    if not op or "maxrss_kb" not in op:
        return "–"
    return f"{op['maxrss_kb'] / 1024:.0f}"


def _sizes(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [results["runs"][k] for k in sorted(results["runs"], key=int)]


def _table(runs: list[dict[str, Any]], cell: Any, title: str) -> list[str]:
    head = f"| cases | {' | '.join(label for _k, label in COLUMNS)} |"
    lines = [f"### {title}", "", head, "|" + "---|" * (len(COLUMNS) + 1)]
    for run in runs:
        cells = [cell(run["ops"].get(key)) for key, _label in COLUMNS]
        lines.append(f"| {run['size']:,} | {' | '.join(cells)} |")
    return lines + [""]


def _verdict(run: dict[str, Any], target: tuple[str, str, str | None, float | None,
                                                float | None, int]) -> str:
    _name, op, base, limit, ratio, min_size = target
    measured = run["ops"].get(op, {})
    if "seconds" not in measured:
        return "not measured (" + (measured.get("skipped") or measured.get("error", "?"))[:60] + ")"
    applies = run["size"] >= min_size
    if limit is not None:
        text = f"{measured['seconds']:.3f} s"
        ok = measured["seconds"] <= limit
    else:
        baseline = run["ops"].get(base or "", {})
        if "seconds" not in baseline or baseline["seconds"] <= 0:
            return "no baseline"
        factor = measured["seconds"] / baseline["seconds"]
        text, ok = f"{factor:.1f}×", factor <= (ratio or 0)
    if not applies:
        return f"({text}; target at {min_size:,})"
    return f"{'met' if ok else 'MISSED'}: {text}"


def _targets(runs: list[dict[str, Any]]) -> list[str]:
    lines = ["### Targets", "", "| target | " + " | ".join(f"{r['size']:,}" for r in runs) + " |",
             "|---|" + "---|" * len(runs)]
    for target in TARGETS:
        cells = [_verdict(r, target) for r in runs]
        lines.append(f"| {target[0]} | {' | '.join(cells)} |")
    for name, op, limit, min_size in MEMORY_TARGETS:
        cells = [_memory_verdict(r, op, limit, min_size) for r in runs]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    cells = [_size_verdict(r) for r in runs]
    lines.append(f"| ledger ≤ {MAX_BYTES_A_CASE} bytes a case (issue 13) | {' | '.join(cells)} |")
    return lines + [""]


def _memory_verdict(run: dict[str, Any], op: str, limit: float, min_size: int) -> str:
    measured = run["ops"].get(op, {})
    if "maxrss_kb" not in measured:
        return "not measured"
    mib = measured["maxrss_kb"] / 1024
    if run["size"] < min_size:
        return f"({mib:.0f} MiB; target at {min_size:,})"
    return f"{'met' if mib <= limit else 'MISSED'}: {mib:.0f} MiB"


def _size_verdict(run: dict[str, Any]) -> str:
    size = run["ops"].get("build", {}).get("db_bytes")
    if not size:
        return "not measured"
    per_case = size / run["size"]
    if run["size"] < 1_000_000:  # a fixed part (org, 50,000 case files) dominates
        return f"({per_case:,.0f} B; target at 1,000,000)"
    return f"{'met' if per_case <= MAX_BYTES_A_CASE else 'MISSED'}: {per_case:,.0f} B"


def _machine(runs: list[dict[str, Any]]) -> list[str]:
    lines = ["### Machine", ""]
    seen: set[str] = set()
    for run in runs:
        m = run.get("machine", {})
        text = (f"{m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, "
                f"{m.get('os')}, Python {m.get('python')}, SQLite {m.get('sqlite_library')} "
                f"(shell {m.get('sqlite_shell')})")
        if text not in seen:
            seen.add(text)
            lines.append(f"- {text}")
    for run in runs:
        lines.append(f"- {run['size']:,} cases: run {run.get('started')}, load average "
                     f"{run.get('load_before')} → {run.get('load_after')}, report period "
                     f"{run.get('period')}, database {_db_size(run)}")
    return lines + [""]


def _db_size(run: dict[str, Any]) -> str:
    size = run["ops"].get("build", {}).get("db_bytes")
    return f"{size / 1024 / 1024:.0f} MiB" if size else "?"


def _problems(runs: list[dict[str, Any]]) -> list[str]:
    out = []
    for run in runs:
        for key, op in run["ops"].items():
            note = op.get("skipped") or op.get("error")
            if note:
                out.append(f"- {run['size']:,} / {key}: {note}")
            rows = op.get("result")
            if key in ("build", "export", "import", "import_raw") and isinstance(rows, int) \
                    and rows != run["size"]:
                out.append(f"- {run['size']:,} / {key}: {rows:,} rows, expected {run['size']:,}")
    return (["### Notes", "", *out, ""]) if out else []


def render_markdown(results: dict[str, Any]) -> str:
    runs = _sizes(results)
    lines = ["## Benchmark results", ""]
    lines += _table(runs, _secs, "Wall time (seconds; queries: best of 3, cold shown if slower)")
    lines += _table(runs, _cpu, "CPU time of the measured operation (seconds, user + system; "
                                "queries: first run)")
    lines += _table(runs, _mib, "Peak memory of the measuring process (MiB, ru_maxrss)")
    lines += _targets(runs) + _machine(runs) + _problems(runs)
    return "\n".join(lines)
