"""The command-line layer: the Typer app, the argv fast path, and presentation.

Holds one module per group of commands (`app` for the read commands and the group, `writes` for add, new and
export, `lint` for lint), the Typer-free fast path (`fast`), what the commands share (`common`), plain-text
renderings (`formats`) and the Rich report (`report`, with `app` the only importers of Rich).

May import every other package. Nothing outside `curate.cli` (but `curate.__main__`) imports it.
"""
