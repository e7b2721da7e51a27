"""User-facing names of fields and CSV columns, in Chinese (default) and English."""

from __future__ import annotations

import re

from mediator_app.domain.catalogue import has, lang_of, text

_PARTY_FIELD = re.compile(r"parties\[(\d+)\]\.(\w+)")
_PARTY_PREFIX = "party_"

_lang = lang_of  # the name the other text modules import


def _known(name: str, lang: str) -> str | None:
    return text("field", name, lang) if has("field", name) else None


def _party_label(index: int, name: str, lang: str) -> str:
    inner = _known(name, lang) or name
    return text("field.party", "indexed", lang, index=index, field=inner)


def field_label(field: str, lang: str = "zh") -> str:
    """The user-facing name of a field or CSV column; unknown names come back as is.

    ``parties[0].id_number`` becomes ``当事人1的证件号码``; ``party_name`` becomes
    ``当事人姓名/名称``."""
    lang = _lang(lang)
    known = _known(field, lang)
    if known is not None:
        return known
    if match := _PARTY_FIELD.fullmatch(field):
        return _party_label(int(match.group(1)) + 1, match.group(2), lang)
    rest = field.removeprefix(_PARTY_PREFIX)
    inner = _known(rest, lang) if rest != field else None
    if inner is not None:
        return text("field.party", "any", lang, field=inner)
    return field
