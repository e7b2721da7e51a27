"""Plain data of a printed statistics sheet: the caller fills in translated labels
and formatted values; the renderers (``sheet_pdf``) only lay them out."""

from __future__ import annotations

from dataclasses import dataclass, field

ROW_UNIT = "unit"  # a child unit (zero rows included)
ROW_DIRECT = "direct"  # cases located at the scope unit itself
ROW_TOTAL = "total"  # 合计
ROW_SUB = "sub"  # a grid under its village/community (street sheets), indented


@dataclass(frozen=True)
class Column:
    label: str
    unit: str = ""  # 件, 人, 万元, % …
    number: str = ""  # the printed column number, e.g. "(3)"
    weight: float = 1.0  # relative width


@dataclass(frozen=True)
class SheetTable:
    title: str
    columns: list[Column]
    rows: list[list[str]]
    kinds: list[str]  # ROW_UNIT | ROW_SUB | ROW_DIRECT | ROW_TOTAL, one per row


@dataclass(frozen=True)
class Sheet:
    title: str
    meta: list[tuple[str, str]]  # (label, value): 填报单位, 统计期间, 统计口径, 填报日期
    headline: str
    tables: list[SheetTable]
    checks: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    # (label, name printed on the line or ""): 填报人, 审核人, 单位负责人
    signatures: list[tuple[str, str]] = field(default_factory=list)
    page_label: str = "第 {page} 页 共 {pages} 页"
    colon: str = "："  # between a label and its value (": " in English)
