"""Statistics: the report of a period and scope, its printed sheet, the district report,
the overview figures, DHIS2 output and the monthly submissions."""
