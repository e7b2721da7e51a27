"""Case exchange between ledgers: cases.csv v1 files and exchange packages (.zip),
written, opened, sealed and merged into the ledger."""
