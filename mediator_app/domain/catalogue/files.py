# ruff: noqa: E501  (message tables: one sentence per line)
"""Files that could not be read (Chinese, English); ``reason`` of a ``csv.unreadable``
problem (``services.csv_io.file_problem``)."""

from __future__ import annotations

FILE_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("文件“{file}”不存在。", "The file “{file}” does not exist."),
    "is_folder": ("“{file}”是文件夹，不是文件。", "“{file}” is a folder, not a file."),
    "no_access": ("没有权限读取文件“{file}”（可能正被其他程序使用或受系统保护）。",
                  "No permission to read the file “{file}” (it may be in use by another "
                  "program or protected)."),
}

# Where a problem of a CSV file is (``services.csv_io.format_problem``): the file name,
# then each part that is known, each part with its own leading separator, then the problem.
WHERE: dict[str, tuple[str, str]] = {
    "line": (" 第 {line} 行", ", line {line}"),
    "column": (" 第 {column} 列", ", column {column}"),
    "field": (" {field}（{label}）", " ({field} / {label})"),
    "field_only": (" {field}（{field}）", " ({field})"),  # a column without its own label
    "problem": ("{where}：{problem}", "{where}: {problem}"),
}
