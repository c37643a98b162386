"""`curate lint`: schema and cross-record checks with file:line:col.

The engine (`engine`) reads what changed and reuses the cache (`state`, `corpus`) for the rest; each rule is
a module of `rules/` whose docstring is its documentation; a problem is a value (`problem`); machine formats
(JSON, GitHub annotations, SARIF) are in `output`, text in the CLI's report.

May import `curate.lookup` (name keys), `curate.repo`, `curate.records` and `curate.errors`; never kb or the CLI.
"""
