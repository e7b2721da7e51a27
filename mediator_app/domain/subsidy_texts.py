"""Texts of 以案定补 outside Qt (claim exports, claim sheets, the CLI): the "subsidy" area
of the message catalogue (``domain/catalogue/subsidy.py``). Reasons render their params;
completeness items come from domain.subsidy."""

from __future__ import annotations

from collections.abc import Mapping

from mediator_app.domain.catalogue import AREAS, text
from mediator_app.domain.subsidy import item_label


def t(key: str, lang: str = "zh", **params: object) -> str:
    return text("subsidy", key, lang, **params)


def reason_text(code: str, params: Mapping[str, object], lang: str = "zh") -> str:
    values = dict(params)
    if code == "file_incomplete":
        sep = ", " if lang == "en" else "、"
        items = params.get("items", ())
        values["items"] = sep.join(item_label(str(i), lang)
                                   for i in (items if isinstance(items, tuple | list) else ()))
    if code == "not_performed" and not values.get("performance"):
        values["performance"] = t("performance.none", lang)
    if code == "no_rate" and not values.get("form"):
        values["form"] = t("form.any", lang)
    return t(f"reason.{code}", lang, **values)


def known_keys() -> list[str]:
    return list(AREAS["subsidy"])
