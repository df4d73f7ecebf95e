"""`python -m coursefigures [--out DIR] [PATH-PART]`: regenerate the course's figures and decks."""

from __future__ import annotations

import argparse
from pathlib import Path

from .build import REPO, build


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m coursefigures", description=__doc__)
    parser.add_argument("only", nargs="?", default="", help="only outputs whose path contains this")
    parser.add_argument("--out", type=Path, default=REPO, help="write under this folder (default: the repository)")
    arguments = parser.parse_args()
    for path in build(arguments.out, arguments.only):
        print(path)


if __name__ == "__main__":
    main()
