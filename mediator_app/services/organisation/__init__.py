"""The organisation: units, committees and people, their import files, and what a new
ledger still lacks at first start."""
