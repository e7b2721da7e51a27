"""Case documents as PDF (A4 portrait) from plain data, laid out like the MoJ 2010
people's-mediation document formats.

``render(data, kind)`` returns the PDF bytes of one kind of document:

- ``register``: 人民调解受理登记表
- ``agreement``: 人民调解协议书, one copy per party plus the committee's archive copy
- ``oral_agreement``: 人民调解口头协议登记表
- ``follow_up``: 人民调解回访记录, one page per visit
- ``file_cover``: 卷宗封面 with 卷内目录 (page numbers of the full file)
- ``all``: the whole case file: cover, contents, then every document that applies
  (the agreement's archive copy only: the parties hold theirs)

``missing(data, kind)`` tells why a kind does not apply to a case (None when it does);
``render`` assumes the caller checked it.
"""

from __future__ import annotations

import io

from reportlab.platypus import Flowable, PageBreak

from mediator_app.reports import case_docs_agreement as agreement_doc
from mediator_app.reports import case_docs_forms as forms
from mediator_app.reports.case_docs_data import (
    KINDS,
    AgreementDoc,
    CaseDocData,
    FollowUpDoc,
    PartyDoc,
    RecordDoc,
)
from mediator_app.reports.case_docs_file import (
    FileDocument,
    Layout,
    Marker,
    Section,
    assign_pages,
    contents,
    cover,
)
from mediator_app.reports.case_docs_labels import labels

__all__ = [
    "KINDS",
    "AgreementDoc",
    "CaseDocData",
    "FollowUpDoc",
    "PartyDoc",
    "RecordDoc",
    "applicable_kinds",
    "missing",
    "render",
]

CONTENT = "content"
MAX_PASSES = 3


def missing(data: CaseDocData, kind: str) -> str | None:
    """Why ``kind`` cannot be printed for this case: a problem code, or None."""
    if kind not in KINDS:
        return "document.unknown_kind"
    if kind == "agreement" and not data.has_written_agreement:
        return "document.no_written_agreement"
    if kind == "oral_agreement" and not data.has_oral_agreement:
        return "document.no_oral_agreement"
    if kind == "follow_up" and not data.follow_ups:
        return "document.no_follow_ups"
    return None


def applicable_kinds(data: CaseDocData) -> list[str]:
    return [k for k in KINDS if missing(data, k) is None]


def document_title(kind: str, lang: str = "zh") -> str:
    key = "doc.file_cover" if kind in ("file_cover", "all") else f"doc.{kind}"
    return labels(lang)[key]


# ---- sections of the file ------------------------------------------------------------


def _records(data: CaseDocData) -> list[Section]:
    lab = labels(data.lang)
    out = [Section(f"inv{i}", lab["doc.investigation"], rec.on,
                   forms.investigation(data, rec))
           for i, rec in enumerate(data.investigations)]
    out += [Section(f"ses{i}", lab["doc.session"], rec.on, forms.session(data, rec))
            for i, rec in enumerate(data.sessions)]
    return out


def _agreement_section(data: CaseDocData) -> list[Section]:
    lab = labels(data.lang)
    a = data.agreement
    if a is None:
        return []
    if data.has_written_agreement:
        return [Section("agreement", lab["doc.agreement"], a.signed_on,
                        agreement_doc.agreement_copies(data, archive_only=True),
                        lab["toc.copy"])]
    return [Section("oral", lab["doc.oral_agreement"], a.signed_on,
                    forms.oral_agreement(data))]


def file_sections(data: CaseDocData) -> list[Section]:
    """The documents of the case file in filing order."""
    lab = labels(data.lang)
    register = Section("register", lab["doc.register"], data.accepted_on or data.received_on,
                       forms.register(data))
    visits = [Section(f"fu{i}", lab["doc.follow_up"], v.visited_on,
                      forms.follow_up(data, v, i + 1))
              for i, v in enumerate(data.follow_ups)]
    return [register, *_records(data), *_agreement_section(data), *visits]


# ---- building ------------------------------------------------------------------------


def _join(parts: list[list[Flowable]]) -> list[Flowable]:
    story: list[Flowable] = []
    for part in parts:
        if story:
            story.append(PageBreak())
        story += part
    return story


def _build(data: CaseDocData, story: list[Flowable], title: str,
           number_from: int | None = None) -> tuple[bytes, Layout]:
    buf = io.BytesIO()
    doc = FileDocument(buf, title=f"{title} {data.case_no}".strip(),
                       author=data.committee_name, lang=data.lang, number_from=number_from)
    doc.build(story)
    return buf.getvalue(), doc.layout


def _front(data: CaseDocData, sections: list[Section], total: int) -> list[list[Flowable]]:
    return [cover(data, total), contents(data, sections)]


def _file_story(data: CaseDocData, sections: list[Section], total: int) -> list[Flowable]:
    parts = _front(data, sections, total)
    parts += [[Marker(s.key), *s.flowables] for s in sections]
    story = _join(parts)
    first = story.index(parts[2][0]) if len(parts) > 2 else len(story)
    story.insert(first, Marker(CONTENT))
    return story


def _case_file(data: CaseDocData, *, front_only: bool) -> bytes:
    """Lay the file out until the page numbers in the contents are stable."""
    title = labels(data.lang)["doc.file_cover"]
    total, start, previous = 0, None, None
    for _ in range(MAX_PASSES):
        sections = file_sections(data)
        if previous is not None:
            start = previous.marks.get(CONTENT, 3)
            total = assign_pages(sections, previous, start)
        pdf, layout = _build(data, _file_story(data, sections, total), title, start)
        if previous is not None and layout.marks == previous.marks:
            break
        previous = layout
    if front_only:
        pdf, _ = _build(data, _join(_front(data, sections, total)), title)
    return pdf


def render(data: CaseDocData, kind: str) -> bytes:
    """The PDF of one kind of document (see the module docstring)."""
    if kind in ("all", "file_cover"):
        return _case_file(data, front_only=kind == "file_cover")
    story = {
        "register": lambda: forms.register(data),
        "agreement": lambda: agreement_doc.agreement_copies(data),
        "oral_agreement": lambda: forms.oral_agreement(data),
        "follow_up": lambda: forms.follow_ups(data),
    }[kind]()
    pdf, _ = _build(data, story, document_title(kind, data.lang))
    return pdf
