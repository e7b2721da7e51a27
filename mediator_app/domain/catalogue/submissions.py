# ruff: noqa: E501  (message tables: one sentence per line)
"""States of a unit's monthly submission (Chinese, English), for the completeness view
(``services.statistics.submissions.UnitStatus.label``, the CLI's ``submissions``, the reports window)."""

from __future__ import annotations

STATES: dict[str, tuple[str, str]] = {
    "submitted": ("已上报", "submitted"),
    "reviewed": ("已审核未上报", "reviewed, not submitted"),
    "missing": ("未上报", "not submitted"),
    "zero": ("零报告", "zero report"),
    "revision": ("有新审核版本", "newer review pending"),
    "parent": ("本级", "this unit"),
    "details": ("{state}（{details}）", "{state} ({details})"),
    "details_sep": ("，", ", "),
}
