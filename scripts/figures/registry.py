"""Collects the figures and decks that chapter modules in `chapters/` add to those of draw.py/decks.py.

Each file `chapters/<module>_<chapter>.py` may define `FIGURES` (output path -> drawing function,
like draw.py) and `DECKS` (deck specifications, like decks.py), so chapters can be written side by
side without editing the same file.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

CHAPTERS = Path(__file__).resolve().parent / "chapters"


def chapter_modules() -> list[ModuleType]:
    sys.path.insert(0, str(CHAPTERS.parent))
    modules = []
    for path in sorted(CHAPTERS.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"chapters.{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def figures() -> dict:
    """Every chapter module's FIGURES, merged."""
    merged: dict = {}
    for module in chapter_modules():
        merged.update(getattr(module, "FIGURES", {}))
    return merged


def decks() -> list[dict]:
    """Every chapter module's DECKS, in file order."""
    return [deck for module in chapter_modules() for deck in getattr(module, "DECKS", [])]
