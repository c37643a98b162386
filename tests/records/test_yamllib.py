"""PyYAML imported without compiling yaml.reader's patterns, which libyaml never uses."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ENV

# Fresh interpreters: the test process has imported PyYAML the usual way long before.
PROBE = """
import sys
from curate.records.yamllib import yaml
import yaml.reader
print(type(yaml.reader.Reader.NON_PRINTABLE).__name__)
print(yaml.safe_load("a: 1\\n"), yaml.load("b: 2\\n", Loader=yaml.CSafeLoader))
try:
    yaml.safe_load("a: \\x07\\n")  # the pure-Python Reader: it uses the deferred pattern
except yaml.reader.ReaderError as exc:
    print("refused", hex(exc.character))
import re
print(re.compile.__module__)  # put back once PyYAML was imported
"""


def test_the_reader_pattern_waits_for_its_first_use_and_then_works() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], env=ENV, capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.splitlines() == ["OnFirstUse", "{'a': 1} {'b': 2}", "refused 0x7", "re"]
