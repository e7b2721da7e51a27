"""Case exchange screens: the import wizard, the import history and the export dialog."""

from mediator_app.ui.exchange.export_dialog import ExportDialog
from mediator_app.ui.exchange.history import ImportHistoryDialog
from mediator_app.ui.exchange.import_wizard import ImportWizard

__all__ = ["ExportDialog", "ImportHistoryDialog", "ImportWizard"]
