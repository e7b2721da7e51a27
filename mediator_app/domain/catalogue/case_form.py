# ruff: noqa: E501  (message tables: one sentence per line)
"""Texts of the case form that are not Qt strings: a save refused because someone else
saved the case meanwhile (ui/case_form/conflict.py shows them in the user's language)."""

from __future__ import annotations

CONFLICT: dict[str, tuple[str, str]] = {
    "title": ("案件已被他人修改", "Case changed by someone else"),
    "changed": (
        "案件 {case_no} 在您打开之后已被其他人保存（{stored_at}），您的修改没有保存，以免覆盖对方的修改。\n\n“覆盖保存”：用您的修改覆盖对方保存的内容（案件状态以对方保存的为准）。\n“查看对方修改”：载入对方保存的版本，您的修改保留为草稿，下次打开本案件时可以恢复。\n“继续编辑”：回到表单，什么也不保存。",
        "Case {case_no} was saved by someone else ({stored_at}) after you opened it. Your changes were not saved, so as not to overwrite theirs.\n\n“Overwrite”: save your changes over theirs (the case status stays as they saved it).\n“See their changes”: load the stored version; your changes are kept as a draft that you can restore the next time you open this case.\n“Keep editing”: back to the form, nothing is saved.",
    ),
    "overwrite": ("覆盖保存", "Overwrite"),
    "theirs": ("查看对方修改", "See their changes"),
    "keep": ("继续编辑", "Keep editing"),
    "kept": (
        "已载入他人保存的版本；您的修改已保留为草稿，下次打开本案件时可以恢复。",
        "The version saved by someone else is shown; your changes are kept as a draft and offered again the next time you open this case.",
    ),
    "restore_title": ("恢复未保存的修改", "Restore unsaved changes"),
    "restore": (
        "您上次对案件 {case_no} 的修改因他人同时保存而未能保存，已保留为草稿。是否用这些修改覆盖现在的内容？（选择“否”将删除该草稿）",
        "Your last changes to case {case_no} could not be saved because someone else saved it at the same time; they were kept as a draft. Put them over the current contents? (No deletes the draft.)",
    ),
}
