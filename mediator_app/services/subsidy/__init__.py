"""以案定补 (subsidy per case): the claim of a period and scope, and its exports and sheets."""
