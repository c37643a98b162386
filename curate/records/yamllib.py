"""PyYAML as curate imports it: every module here takes `yaml` from this one.

Importing PyYAML compiles, in `yaml.reader`, a character class spanning all of
Unicode, which takes about as long as a whole `python -c pass`: a cost every
command that reads a record file paid. Only PyYAML's pure-Python Reader uses that
pattern, and curate reads with libyaml's parser, which never does; PyYAML's other
patterns (its resolver's and constructor's) serve only writing YAML or tags curate
never constructs. So while PyYAML is imported, its modules' patterns are compiled
on first use instead; whatever does use one finds it works as before.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from curate.records.deferred import OnFirstUse


@contextmanager
def patterns_deferred() -> Iterator[None]:
    compile_now = re.compile

    def compile_for(pattern: Any, flags: int = 0) -> Any:
        if str(sys._getframe(1).f_globals.get("__name__")).startswith("yaml."):
            return OnFirstUse(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_for
    try:
        yield
    finally:
        re.compile = compile_now


with patterns_deferred():
    import yaml as yaml
