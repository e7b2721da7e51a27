"""Problem texts of the ledger import (services.ledger_import.importer, ledger_mapping,
ledger_read), merged into domain/messages.py's tables."""

from __future__ import annotations

LEDGER_CODES: dict[str, tuple[str, ...]] = {
    "ledger.mapping_invalid": ("detail",),
    "ledger.mapping_key": ("key", "expected"),
    "ledger.unknown_field": ("column", "value", "allowed"),
    "ledger.field_twice": ("columns",),
    "ledger.field_missing": ("columns",),
    "ledger.sheet_missing": ("value", "sheets"),
    "ledger.header_empty": ("row",),
    "ledger.unreadable": (),  # ``detail`` (the library's English words): English only
    "ledger.encrypted": (),
}

LEDGER_ZH: dict[str, tuple[str, ...]] = {
    "ledger.mapping_invalid": ("对应关系文件不是有效的 JSON（{detail}）。",),
    "ledger.mapping_key": ("对应关系文件中“{key}”的写法不对，应为 {expected}。",),
    "ledger.unknown_field": (
        "对应关系中“{column}”对应的“{value}”不是案件字段；可用：{allowed}。",),
    "ledger.field_twice": ("同一个字段对应了不止一列：{columns}。",),
    "ledger.field_missing": (
        "对应关系没有给出这些字段：{columns}；请把台账中的一列对应到它，或在 defaults 中填写"
        "默认值。",),
    "ledger.sheet_missing": ("工作簿中没有工作表“{value}”；现有的工作表：{sheets}。",),
    "ledger.header_empty": ("第 {row} 行是空的，不是表头；请检查 header_row（表头所在行）。",),
    "ledger.unreadable": (
        "无法读取这个工作簿：文件已损坏，或不是 .xlsx、.xls、.ods 或 CSV 文件；"
        "请在 Excel/WPS 中打开并另存后再导入。",),
    "ledger.encrypted": ("工作簿设有打开密码；请在 Excel/WPS 中取消密码另存后再导入。",),
}

LEDGER_EN: dict[str, tuple[str, ...]] = {
    "ledger.mapping_invalid": ("The mapping file is not valid JSON ({detail}).",),
    "ledger.mapping_key": ("“{key}” in the mapping file is not right; expected {expected}.",),
    "ledger.unknown_field": (
        "“{value}” (for “{column}” in the mapping) is not a case field; allowed: "
        "{allowed}.",),
    "ledger.field_twice": ("A field is given by more than one column: {columns}.",),
    "ledger.field_missing": (
        "The mapping gives none of these fields: {columns}; map a column of the ledger to "
        "each, or give a value in defaults.",),
    "ledger.sheet_missing": ("The workbook has no sheet “{value}”; its sheets: {sheets}.",),
    "ledger.header_empty": ("Row {row} is empty, so it is not the header row; check "
                            "header_row.",),
    "ledger.unreadable": (
        "The workbook cannot be read ({detail}); it must be an .xlsx, .xls, .ods or CSV "
        "file (save it again from Excel/WPS if needed).",
        "The workbook cannot be read: it is damaged, or not an .xlsx, .xls, .ods or CSV "
        "file (save it again from Excel/WPS if needed).",),
    "ledger.encrypted": ("The workbook is password-protected; save it without the "
                         "password in Excel/WPS, then import it.",),
}
