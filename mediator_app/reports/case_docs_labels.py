"""Printed words of the case documents (MoJ 2010 document formats), Chinese and English:
the "document" area of the message catalogue (``domain/catalogue/documents.py``).
``{n}``, ``{name}`` … are filled by the renderer."""

from __future__ import annotations

from functools import cache

from mediator_app.domain import catalogue


@cache
def _labels(lang: str) -> dict[str, str]:
    return {key: catalogue.templates("document", key, lang)[0]
            for key in catalogue.AREAS["document"]}


def labels(lang: str) -> dict[str, str]:
    """Key -> the printed word (a template where it has placeholders) in ``lang``."""
    return _labels(catalogue.lang_of(lang))
