"""Entry point: the plain path (no Typer) first; completion and undeclared commands go to Typer."""

from __future__ import annotations

import sys


def main() -> None:
    from curate.cli import fast, guard

    guard.install()
    code = fast.run(sys.argv[1:])
    if code is None:
        from curate.cli.app import main as typer_main

        code = typer_main()
    raise SystemExit(code)


if __name__ == "__main__":
    main()
