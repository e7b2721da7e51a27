"""The case form (新建/编辑案件): see ``window.CaseFormWindow`` and docs/case-form.md."""

from mediator_app.ui.case_form.window import CaseFormWindow

__all__ = ["CaseFormWindow"]
