"""调解台账 · Mediation Ledger."""

__version__ = "0.1.0"
