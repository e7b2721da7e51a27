"""Display labels for stored values (the database keeps the Chinese labels)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mediator_app.domain.enums import CaseStatus


def status_label(value: str) -> str:
    labels = {
        CaseStatus.REGISTERED.value: QCoreApplication.translate("Labels", "Registered"),
        CaseStatus.IN_MEDIATION.value: QCoreApplication.translate("Labels", "In mediation"),
        CaseStatus.RESOLVED.value: QCoreApplication.translate("Labels", "Resolved"),
        CaseStatus.TERMINATED.value: QCoreApplication.translate("Labels", "Terminated"),
        CaseStatus.REJECTED.value: QCoreApplication.translate("Labels", "Not accepted"),
    }
    return labels.get(value, value)


def level_label(value: str) -> str:
    labels = {
        "区": QCoreApplication.translate("Labels", "District"),
        "县": QCoreApplication.translate("Labels", "County"),
        "街道": QCoreApplication.translate("Labels", "Street"),
        "乡镇": QCoreApplication.translate("Labels", "Town"),
        "村": QCoreApplication.translate("Labels", "Village"),
        "社区": QCoreApplication.translate("Labels", "Community"),
        "网格": QCoreApplication.translate("Labels", "Grid"),
    }
    return labels.get(value, value)
