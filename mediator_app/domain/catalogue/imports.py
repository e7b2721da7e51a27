# ruff: noqa: E501  (message tables: one sentence per line)
"""Warnings of an import that did not stop it (Chinese, English): names that differ from
the local ones, likely duplicates, conflicts (``services.exchange.import_types``)."""

from __future__ import annotations

WARNINGS: dict[str, tuple[str, str]] = {
    "unit.name_differs": (
        "{file} 第 {line} 行：单位代码“{code}”在本库中名为“{local}”，数据包中为“{theirs}”；"
        "保留本库的名称。",
        "{file}, line {line}: unit {code} is “{local}” here but “{theirs}” in the package; "
        "the local name is kept."),
    "committee.name_differs": (
        "{file} 第 {line} 行：调委会代码“{code}”在本库中名为“{local}”，数据包中为“{theirs}”；"
        "保留本库的名称。",
        "{file}, line {line}: committee {code} is “{local}” here but “{theirs}” in the "
        "package; the local name is kept."),
    "duplicate.id_number": (
        "可能重复：导入的案件 {case_no}（{case_id}）与本库案件 {other_no}（{other_id}）"
        "有身份证号码相同的当事人，请核对后合并或保留。",
        "Likely duplicate: imported case {case_no} ({case_id}) and local case {other_no} "
        "({other_id}) share a party's ID number; merge or keep them."),
    "duplicate.names": (
        "可能重复：导入的案件 {case_no}（{case_id}）与本库案件 {other_no}（{other_id}）"
        "当事人姓名相同，登记日期相差不超过 30 天，请核对后合并或保留。",
        "Likely duplicate: imported case {case_no} ({case_id}) and local case {other_no} "
        "({other_id}) have the same parties, registered within 30 days; merge or keep them."),
    # a row whose updated_at equals the local copy's but whose content differs
    # (import_types.Conflict); {fields}: conflict.field items joined by conflict.sep
    "conflict": (
        "{file} 第 {line} 行：案件 {case_no}（{case_id}）与本库中的修改时间相同但内容不同：{fields}；"
        "保留本库的记录。",
        "{file}, line {line}: case {case_no} ({case_id}) has the same updated_at as the local "
        "copy but differs in {fields}; the local copy is kept."),
    "conflict.field": ("{field}（{label}）", "{field}"),
    "conflict.sep": ("、", ", "),
}
