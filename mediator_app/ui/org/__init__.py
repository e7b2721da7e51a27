"""The organisation window (组织机构管理): see ``window.OrgManagerWindow``."""

from mediator_app.ui.org.window import OrgManagerWindow

__all__ = ["OrgManagerWindow"]
