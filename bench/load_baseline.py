"""Baseline for lint: load every record file of a root with PyYAML's C loader, in one process."""

from __future__ import annotations

import os
import sys

import yaml


def main(root: str) -> None:
    for folder in ("compounds", "sources"):
        base = os.path.join(root, "data", folder)
        for name in sorted(os.listdir(base)):
            if name.endswith(".yaml"):
                with open(os.path.join(base, name), "rb") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main(sys.argv[1])
