"""Bringing an old ledger in: reading workbooks and CSV files, mapping their columns
onto the case fields, and merging the rows."""
