"""Accounts, login, audit viewer and backups in the GUI (issue 9)."""
