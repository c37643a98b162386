"""`curate lint`: schema and cross-record checks with file:line:col."""
