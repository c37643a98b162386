"""`curate new`: the template it writes follows the umask, as every written file does."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.conftest import Invoke


def test_new_honours_the_umask(cli: Invoke, root: Path) -> None:
    old = os.umask(0o002)
    try:
        assert cli(["--root", str(root), "new", "fresh_one"]).exit_code == 0
        assert cli(["--root", str(root), "new", "fresh_src", "--source"]).exit_code == 0
    finally:
        os.umask(old)
    for path in (root / "data/compounds/fresh_one.yaml", root / "data/sources/fresh_src.yaml"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o664, path
