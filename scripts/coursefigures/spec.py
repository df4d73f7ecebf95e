"""What a figure or a deck is, as data: the vocabulary of the spec files in `specs/`.

Coordinates are grid units (style.UNIT px): a figure is style.COLUMNS units wide and `rows`
units high below its title band; fractions are allowed. Edges name the nodes they join, so a
moved box keeps its arrows. Every label is a `T(zh, en)` pair, or a plain `str` when it reads the
same in both languages (numbers, "ALU", "DRAM"). `_{..}` and `^{..}` in a label are sub- and
superscripts. Labels may contain `\\n` for line breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class T:
    """A label in both languages."""

    zh: str
    en: str


Label = T | str
Point = tuple[float, float]


def text_in(label: Label | None, language: str) -> str:
    """The label as shown in one language ('' for none)."""
    if label is None:
        return ""
    return label if isinstance(label, str) else getattr(label, language)


@dataclass(frozen=True)
class Box:
    """A rectangle at (x, y) of size (w, h), with an optional centred label; `id` lets edges join it.

    `fill` is "light" (the colour's light tint), "solid" (the strong colour, white text), "white"
    or a literal colour. A `title` is written at the top inside the box, for a group of boxes."""

    x: float
    y: float
    w: float
    h: float
    text: Label | None = None
    color: str = "blue"
    fill: str = "light"
    id: str | None = None
    title: Label | None = None
    size: float | None = None
    bold: bool = False
    stroke: float | None = None
    radius: float | None = None
    align: Literal["middle", "start"] = "middle"


@dataclass(frozen=True)
class Text:
    """Free text; (x, y) is the middle of its first line for anchor "middle", else its left or right end."""

    x: float
    y: float
    text: Label
    color: str = "ink"
    size: float | None = None
    bold: bool = False
    anchor: Literal["middle", "start", "end"] = "middle"


@dataclass(frozen=True)
class Arrow:
    """An arrow from `start` to `end`, each a node id (the edge meets the facing side of that box)
    or a point; `via` lists bends. `both` puts a head on each end, `head=False` draws a plain line."""

    start: str | Point
    end: str | Point
    color: str = "gray"
    width: float = 2.5
    via: tuple[Point, ...] = ()
    both: bool = False
    head: bool = True
    label: Label | None = None


@dataclass(frozen=True)
class Legend:
    """A row of colour swatches with labels, starting at (x, y), one entry every `step` units."""

    x: float
    y: float
    entries: tuple[tuple[str, Label], ...]
    step: float = 6.0


Item = Box | Text | Arrow | Legend


@dataclass(frozen=True)
class Figure:
    """One diagram; written as `<path>.svg` (Chinese) and `<path>.en.svg` (English)."""

    path: str
    """Repository path without extension, e.g. "01AIChip/02ChipBase/images/01CPUBase01"."""
    title: Label
    subtitle: Label | None
    rows: float
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Plot:
    """A chart drawn by matplotlib: `draw(axes, language)` fills one Axes; the title band is shared."""

    path: str
    title: Label
    subtitle: Label | None
    rows: float
    draw: Callable[[Any, str], None]
    area: tuple[float, float, float, float] = (3.0, 0.5, 19.0, 8.0)
    """Where the axes' frame goes, as a Box would (x, y, w, h grid units below the title band)."""


@dataclass(frozen=True)
class Node:
    """A node of a Graph: Graphviz places it, the painter draws it as a Box of the graph's node size."""

    id: str
    text: Label
    color: str = "blue"
    fill: str = "light"


@dataclass(frozen=True)
class Graph:
    """A topology laid out by Graphviz (`engine`: dot, neato, circo, twopi...) rather than by hand.

    The layout is computed once for both languages with nodes of one fixed size, then scaled into
    `area` (x, y, w, h grid units); `items` are drawn on top (titles of tiers, notes)."""

    path: str
    title: Label
    subtitle: Label | None
    rows: float
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    area: tuple[float, float, float, float]
    engine: str = "dot"
    node_size: tuple[float, float] = (2.0, 0.8)
    """Width and height of every node in grid units."""
    attributes: tuple[tuple[str, str], ...] = ()
    """Graph attributes passed to Graphviz, e.g. (("rankdir", "LR"), ("nodesep", "0.3"))."""
    edge_color: str = "gray"
    directed: bool = False
    items: tuple[Item, ...] = ()


Drawing = Figure | Plot | Graph


@dataclass(frozen=True)
class Bullets:
    """A slide with a heading and points."""

    title: str
    points: tuple[str, ...]
    summary: bool = False


@dataclass(frozen=True)
class Picture:
    """A slide with a heading, one of the chapter's drawings (its Chinese version) and a caption."""

    title: str
    drawing: Drawing
    caption: str = ""


Slide = Bullets | Picture


@dataclass(frozen=True)
class Deck:
    """A lesson's slide deck, written as a PDF beside the article (`path`)."""

    path: str
    module: str
    chapter: str
    title: str
    subtitle: str
    tag: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)
