"""Finds every spec file in `specs/` and writes what it describes: each drawing as a Chinese and
an English SVG, each deck as a PDF. A spec file is registered by being there: it defines
`FIGURES` (a list of Figure/Plot) and optionally `DECKS` (a list of Deck)."""

from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass
from pathlib import Path

from . import specs
from .decks import slides, write_pdf
from .graphs import layout
from .paint import paint
from .plots import paint_plot
from .spec import LANGUAGES, Deck, Drawing, Figure, Graph

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Chapter:
    """One spec file's drawings and decks."""

    name: str
    figures: tuple[Drawing, ...]
    decks: tuple[Deck, ...]


def chapters() -> list[Chapter]:
    """Every spec module under `specs/`, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(specs.__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{specs.__name__}.{info.name}")
        found.append(Chapter(info.name, tuple(getattr(module, "FIGURES", ())), tuple(getattr(module, "DECKS", ()))))
    return found


def render(drawing: Drawing, language: str) -> str:
    """A drawing as an SVG document in one language."""
    if isinstance(drawing, Graph):
        return paint(layout(drawing), language)
    return paint(drawing, language) if isinstance(drawing, Figure) else paint_plot(drawing, language)


def svg_path(drawing: Drawing, language: str) -> str:
    """`NNName01.svg` for the default language, `NNName01.en.svg` for English."""
    return f"{drawing.path}.svg" if language == LANGUAGES[0] else f"{drawing.path}.{language}.svg"


def outputs(chapter: Chapter) -> list[str]:
    """The repository paths the chapter's spec writes."""
    paths = [svg_path(drawing, language) for drawing in chapter.figures for language in LANGUAGES]
    return paths + [deck.path for deck in chapter.decks]


def _replace(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def build(root: Path = REPO, only: str = "") -> list[str]:
    """Write every figure and deck whose path contains `only` under `root`; the paths written."""
    written: list[str] = []
    seen: set[str] = set()
    for chapter in chapters():
        for path in outputs(chapter):
            if path in seen:
                raise ValueError(f"{path} is written by two specs (last: specs/{chapter.name}.py)")
            seen.add(path)
        for drawing in chapter.figures:
            for language in LANGUAGES:
                path = svg_path(drawing, language)
                if only in path:
                    _replace(root / path, render(drawing, language).encode("utf-8"))
                    written.append(path)
        for deck in chapter.decks:
            if only in deck.path:
                target = root / deck.path
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                write_pdf(slides(deck), tmp)
                os.replace(tmp, target)
                written.append(deck.path)
    return written
