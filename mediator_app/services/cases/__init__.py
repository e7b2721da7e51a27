"""Cases one at a time: saving and status changes, agreements and follow-ups, case
documents, and the code tables (dispute types, case sources) a case is filed under."""
