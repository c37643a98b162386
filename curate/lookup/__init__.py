"""Names and lookups: name keys (`names`), the SQLite name index (`index`, `fuzzytable`),
staged resolution (`resolve`, `stages`, `reorder`, `score`, `find`), ranked search (`search`)
and dictionary scanning of running text (`scan`).

May import `curate.repo`, `curate.records` and `curate.errors`; never lint, kb or the CLI.
"""
