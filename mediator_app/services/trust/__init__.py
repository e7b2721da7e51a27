"""Trust (issue 9): accounts of an encrypted ledger, the audit log, the privacy log and
backups."""
