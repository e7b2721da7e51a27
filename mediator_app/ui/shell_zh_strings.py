"""New main-window / settings strings (English source -> Simplified Chinese), to be
merged into resources/i18n/zh_strings.py by the coordinator."""

from __future__ import annotations

ZH_STRINGS: dict[str, str] = {
    # settings dialog, display box
    "Language in use:": "当前语言：",
    "Language at start:": "启动时的语言：",
    "This session runs in {language} because the program was started with --lang {code}. "
    "The language chosen here is saved for this computer and applies at the next start "
    "without --lang.":
        "本次运行使用{language}，因为程序启动时指定了 --lang {code}。此处选择的语言保存在"
        "本机，下次不带 --lang 启动时生效。",
}
