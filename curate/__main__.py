"""Entry point: the Typer-free fast path first, then the full Typer app."""

from __future__ import annotations

import sys


def main() -> None:
    from curate.cli import fast

    code = fast.run(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from curate.cli.app import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
