# ruff: noqa: E501  (message tables: one sentence per line)
"""Texts of the problems found by the package and CSV hardening (issue 8 items 8 and
11): package limits, manifest field types, timestamps from the future, control
characters. Merged into ``domain.messages`` (kept apart so that table stays short)."""

from __future__ import annotations

KNOWN: dict[str, tuple[str, ...]] = {
    "package.duplicate_member": ("file",),
    "package.manifest_too_big": ("size", "limit"),
    "package.too_big": ("file", "size", "limit"),
    "package.ratio": ("file", "ratio", "limit"),
    "package.size_mismatch": ("file", "declared", "listed"),
    "package.version_type": ("value",),
    "datetime.future": ("value", "limit"),
    "text.control": ("char", "name"),
}

ZH: dict[str, tuple[str, ...]] = {
    "package.duplicate_member": (
        "数据包中有两个同名文件“{file}”：不同的程序会读到不同的内容，数据包被拒绝。",
    ),
    "package.manifest_too_big": (
        "数据包的 manifest.json 有 {size} 字节，超过上限 {limit} 字节：这不是本程序导出的数据包。",
    ),
    "package.too_big": (
        "数据包中的“{file}”解压后有 {size} 字节，超过上限 {limit} 字节，数据包被拒绝（没有解压）。",
    ),
    "package.ratio": (
        "数据包中的“{file}”压缩比为 {ratio}:1，超过上限 {limit}:1（疑为压缩炸弹），数据包被拒绝（没有解压）。",
    ),
    "package.size_mismatch": (
        "数据包中的“{file}”声明大小为 {declared} 字节，manifest.json 记录为 {listed} 字节：数据包已损坏或被改动过。",
    ),
    "package.version_type": (
        "manifest.json 中的 format_version 是文字“{value}”，应为数字（如 1，不带引号）：数据包可能被手工改动过。",
    ),
    "datetime.future": (
        "“{field}”为 {value}，比本机时间晚一天以上（最晚 {limit}）：请检查对方电脑的时间和日期。",
    ),
    "text.control": (
        "“{field}”含有不可见的控制字符 {char}（{name}）：本程序不会自动删除它，请在文件中删除后重新导入。",
        "这一格含有不可见的控制字符 {char}（{name}）：本程序不会自动删除它，请在文件中删除后重新导入。",
    ),
}

EN: dict[str, tuple[str, ...]] = {
    "package.duplicate_member": (
        "The package holds two files named “{file}”: programs would read different "
        "contents, so the package is refused.",
    ),
    "package.manifest_too_big": (
        "The package's manifest.json has {size} bytes, above the limit of {limit}: this is "
        "not a package written by this program.",
    ),
    "package.too_big": (
        "“{file}” in the package unpacks to {size} bytes, above the limit of {limit}; the "
        "package is refused (nothing was unpacked).",
    ),
    "package.ratio": (
        "“{file}” in the package is compressed {ratio}:1, above the limit of {limit}:1 "
        "(perhaps a zip bomb); the package is refused (nothing was unpacked).",
    ),
    "package.size_mismatch": (
        "“{file}” in the package declares {declared} bytes, manifest.json lists {listed}: "
        "the package is damaged or was edited.",
    ),
    "package.version_type": (
        "format_version in manifest.json is the text “{value}”; it must be a number (such "
        "as 1, without quotes): the package may have been edited by hand.",
    ),
    "datetime.future": (
        "{field} is {value}, more than a day ahead of this computer's clock (latest "
        "{limit}): check the date and time of the computer that wrote it.",
    ),
    "text.control": (
        "{field} contains the invisible control character {char} ({name}); it is not "
        "removed automatically: delete it from the file and import again.",
        "This cell contains the invisible control character {char} ({name}); it is not "
        "removed automatically: delete it from the file and import again.",
    ),
}
