"""Operations over the whole knowledge base, returning values: loading it, planning an import, diffing two
sides (files, roots, git revisions) and exporting it.

May import `curate.lookup`, `curate.repo`, `curate.records` and `curate.errors`; never lint (its
peer: `curate add` checks records against the schemas through `curate.records.validate`) or the CLI.
"""
