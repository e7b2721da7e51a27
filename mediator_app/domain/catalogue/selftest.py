# ruff: noqa: E501  (message tables: one sentence per line)
"""Lines of ``--self-test`` (Chinese, English), ``cli/selftest.py``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "head": ("调解台账 {version} 安装自检", "Mediation Ledger {version} self-test"),
    "python": ("Python 版本", "Python version"),
    "sqlite": ("SQLite 版本", "SQLite version"),
    "fts": ("全文检索 FTS5 trigram", "full-text search FTS5 trigram"),
    "font": ("PDF 中文字体", "CJK font for PDFs"),
    "catalogue": ("中文界面翻译文件", "Chinese translation catalogue"),
    "qt": ("图形界面 Qt", "GUI (Qt)"),
    "data": ("数据位置", "data location"),
    "portable": ("便携模式", "portable mode"),
    "ok": ("全部通过", "all checks passed"),
    "failed": ("{n} 项未通过：请重新安装，或把以上内容发给技术支持",
               "{n} check(s) failed: reinstall, or send the lines above to support"),
    "no_font": ("未找到可嵌入的中文 TrueType 字体（PDF 将依赖阅读器的字体）",
                "no embeddable Chinese TrueType font (PDFs would rely on the reader's fonts)"),
    "no_qm": ("未找到 mediator_zh_CN.qm（查找位置：{dirs}）",
              "mediator_zh_CN.qm not found (looked in {dirs})"),
    "bad_qm": ("{path} 不是有效的翻译文件", "{path} is not a valid catalogue"),
}
