"""The font files behind style.FONT_STACK's first family, as fontconfig finds them here
(Debian's fonts-noto-cjk): measured by fit.py, subset into the decks by decks.py."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

FAMILY = "Noto Sans CJK SC"


@cache
def font_file(bold: bool) -> tuple[Path, int]:
    """The file and collection index of the regular or bold face; an error naming the package if absent."""
    pattern = f"{FAMILY}:{'bold' if bold else 'regular'}"
    found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern], capture_output=True,
                           text=True, check=True, timeout=30).stdout
    family, path, index = found.split("\t")
    if FAMILY not in family.split(","):
        raise RuntimeError(f"font {FAMILY!r} not found (fontconfig offers {family!r}): apt-get install fonts-noto-cjk")
    return Path(path), int(index)
