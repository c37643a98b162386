"""The command-line layer: each command declared once, run on a Typer-free plain path.

`spec` holds the declarations (`@command(name, *params)` beside each body in `read`,
`writes` and `lint`); `argv` reads a command line from them, `helptext` writes --help,
`guard` is the one error guard (and owns stdout), `fast` is the plain path every run
takes, and `app` builds the Typer app from the same declarations (shell completion via
`completion`, and the tests' CliRunner). Presentation: `formats` and `text` (plain
strings, ANSI colour when wanted), `report` (Rich: the show panel, rule list, progress).

May import every other package. Nothing outside `curate.cli` (but `curate.__main__`) imports it.
"""
