"""Entry point: the Typer-free fast path first, then the full Typer app."""

from __future__ import annotations

import sys


def main() -> None:
    from curate.cli import fast

    for stream in (sys.stdout, sys.stderr):
        # A name given as undecodable bytes is echoed back as those bytes, and text
        # the terminal's encoding cannot hold is escaped, never an internal error.
        utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")

    code = fast.run(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from curate.cli.app import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
