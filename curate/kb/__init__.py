"""Operations over the whole knowledge base, returning values: loading it, planning an import, diffing two
sides (files, roots, git revisions) and exporting it.

May import `curate.lint`, `curate.lookup`, `curate.repo`, `curate.records` and `curate.errors`; never the CLI.
"""
